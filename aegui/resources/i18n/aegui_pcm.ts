<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="pcm">
  <context>
    <name>AnalysisPanel</name>
    <message>
      <source>Anomaly detection</source>
      <translation>To find anomalies</translation>
    </message>
    <message>
      <source>Score images</source>
      <translation>Score the images</translation>
    </message>
    <message>
      <source>No model yet. Train one in the Train tab, or open an experiment.</source>
      <translation>Model never dey. Train one for the Train tab, or open one experiment.</translation>
    </message>
    <message>
      <source>CSV</source>
      <translation>CSV</translation>
    </message>
    <message>
      <source>PNG</source>
      <translation>PNG</translation>
    </message>
    <message>
      <source>Run</source>
      <translation>Run am</translation>
    </message>
    <message>
      <source>Analysis</source>
      <translation>The analysis</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Leave am</translation>
    </message>
    <message>
      <source>Could not save</source>
      <translation>We no fit keep am</translation>
    </message>
    <message>
      <source>Writing {path} failed ({reason}).</source>
      <translation>We no fit write enter {path} ({reason}).</translation>
    </message>
    <message>
      <source>This model was trained on {dataset}. Load that dataset in the Data tab to analyse it on its own validation images.</source>
      <translation>Dem train this model on {dataset}. Load that dataset for the Data tab make you fit analyze am on im own validation images.</translation>
    </message>
    <message>
      <source>The model and the loaded images have different shapes.</source>
      <translation>The model and the images wey don load no get the same shape.</translation>
    </message>
    <message>
      <source>The model or data changed since this was computed: Run to update it.</source>
      <translation>The model or the data don change since we calculate this one: run am again make e update.</translation>
    </message>
    <message>
      <source>Cancelled.</source>
      <translation>E don stop.</translation>
    </message>
    <message>
      <source>Model: {source}; {count} validation images.</source>
      <translation>Model come from {source}; {count} validation images.</translation>
    </message>
    <message>
      <source>Model: {source} (an earlier model: Run to update); {count} validation images.</source>
      <translation>Model come from {source} (na old model: run am again make e update); {count} validation images.</translation>
    </message>
    <message>
      <source>The analysis could not finish</source>
      <translation>The analysis no fit finish</translation>
    </message>
    <message>
      <source>Working…</source>
      <translation>E dey work…</translation>
    </message>
    <message>
      <source>could not write {path}</source>
      <translation>we no fit write enter {path}</translation>
    </message>
    <message>
      <source>Compared with PCA</source>
      <translation>How e compare with PCA</translation>
    </message>
    <message>
      <source>Compare with PCA</source>
      <translation>Compare am with PCA</translation>
    </message>
    <message>
      <source>Features for a classifier</source>
      <translation>Features wey classifier fit use</translation>
    </message>
    <message>
      <source>Run the probe</source>
      <translation>Make the probe run</translation>
    </message>
  </context>
  <context>
    <name>AnalyzeTab</name>
    <message>
      <source>Anomalies</source>
      <translation>Anomaly dem</translation>
    </message>
    <message>
      <source>Features for a classifier</source>
      <translation>Features wey classifier fit use</translation>
    </message>
    <message>
      <source>Against PCA</source>
      <translation>Check am with PCA</translation>
    </message>
  </context>
  <context>
    <name>AnomalyPanel</name>
    <message>
      <source>Flag the images that score above this percentile of the validation set</source>
      <translation>Mark the images wey their score pass this percentile for the validation set</translation>
    </message>
    <message>
      <source>False-positive rate at which to report the threshold</source>
      <translation>The false-positive rate wey we go take report the threshold</translation>
    </message>
    <message>
      <source>dataset spec or path</source>
      <translation>dataset spec or where e dey</translation>
    </message>
    <message>
      <source>Suspected anomalies: any dataset spec (folder:, npz:, torchvision:…)</source>
      <translation>Anomalies wey we suspect: any dataset spec (folder:, npz:, torchvision:…)</translation>
    </message>
    <message>
      <source>Browse…</source>
      <translation>Find am…</translation>
    </message>
    <message>
      <source>Load</source>
      <translation>Load am</translation>
    </message>
    <message>
      <source>score</source>
      <translation>score</translation>
    </message>
    <message>
      <source>images</source>
      <translation>how many images</translation>
    </message>
    <message>
      <source>validation</source>
      <translation>validation images</translation>
    </message>
    <message>
      <source>anomalies</source>
      <translation>anomaly dem</translation>
    </message>
    <message>
      <source>false-positive rate</source>
      <translation>false-positive rate</translation>
    </message>
    <message>
      <source>true-positive rate</source>
      <translation>true-positive rate</translation>
    </message>
    <message>
      <source>ROC</source>
      <translation>ROC</translation>
    </message>
    <message>
      <source>recall</source>
      <translation>recall</translation>
    </message>
    <message>
      <source>precision</source>
      <translation>precision</translation>
    </message>
    <message>
      <source>Precision-recall</source>
      <translation>Precision-recall</translation>
    </message>
    <message>
      <source>held-out class</source>
      <translation>class wey stay aside</translation>
    </message>
    <message>
      <source>AUROC</source>
      <translation>AUROC</translation>
    </message>
    <message>
      <source>The highest-scoring images appear here.</source>
      <translation>The images wey get the highest score go show here.</translation>
    </message>
    <message>
      <source>Scores CSV…</source>
      <translation>Score CSV…</translation>
    </message>
    <message>
      <source>Curves CSV…</source>
      <translation>Curve CSV…</translation>
    </message>
    <message>
      <source>Histogram PNG…</source>
      <translation>Histogram PNG…</translation>
    </message>
    <message>
      <source>Save scores</source>
      <translation>Keep the scores</translation>
    </message>
    <message>
      <source>Save curves</source>
      <translation>Keep the curves</translation>
    </message>
    <message>
      <source>Save histogram</source>
      <translation>Keep the histogram</translation>
    </message>
    <message>
      <source>Score</source>
      <translation>Which score</translation>
    </message>
    <message>
      <source>Flag above</source>
      <translation>Mark if e pass</translation>
    </message>
    <message>
      <source>Report at FPR</source>
      <translation>Report for FPR</translation>
    </message>
    <message>
      <source>Strangest</source>
      <translation>Most strange</translation>
    </message>
    <message>
      <source>Suspected anomalies</source>
      <translation>Anomalies wey we suspect</translation>
    </message>
    <message>
      <source>Highest scores</source>
      <translation>Score wey high pass</translation>
    </message>
    <message>
      <source>original</source>
      <translation>original one</translation>
    </message>
    <message>
      <source>reconstruction</source>
      <translation>the reconstruction</translation>
    </message>
    <message>
      <source>|error|</source>
      <translation>|error|</translation>
    </message>
    <message>
      <source>A folder of suspected anomalies</source>
      <translation>One folder of anomalies wey we suspect</translation>
    </message>
    <message>
      <source>Loading {spec}…</source>
      <translation>E dey load {spec}…</translation>
    </message>
    <message>
      <source>{count} images from {name}.</source>
      <translation>{count} images come from {name}.</translation>
    </message>
    <message>
      <source>{name} has {have} images; this model takes {want}, so they are left out.</source>
      <translation>{name} get {have} images; this model dey take {want}, so we leave dem out.</translation>
    </message>
    <message>
      <source>A conditional VAE needs labels to score images, and {name} has none.</source>
      <translation>Conditional VAE need labels before e fit score images, and {name} no get any.</translation>
    </message>
    <message>
      <source>Highest scores, highest first</source>
      <translation>Score wey high pass, biggest first</translation>
    </message>
    <message>
      <source>Highest scores, highest first ({shown} of {total} fit: enlarge the window for more)</source>
      <translation>Score wey high pass, biggest first ({shown} from {total} fit enter: make the window big to see more)</translation>
    </message>
    <message>
      <source>mean</source>
      <translation>average</translation>
    </message>
    <message>
      <source>Threshold</source>
      <translation>The threshold</translation>
    </message>
    <message>
      <source>Flagged</source>
      <translation>Wetin we mark</translation>
    </message>
    <message>
      <source>AUROC against {name}</source>
      <translation>AUROC for {name}</translation>
    </message>
    <message>
      <source>Average precision</source>
      <translation>The average precision</translation>
    </message>
    <message>
      <source>At the chosen false-positive rate</source>
      <translation>For the false-positive rate wey you choose</translation>
    </message>
    <message>
      <source>{flagged} of {total} validation images score above {threshold}.</source>
      <translation>{flagged} from {total} validation images score pass {threshold}.</translation>
    </message>
    <message>
      <source>{caught} of {total} from {name}.</source>
      <translation>We catch {caught} from the {total} wey come from {name}.</translation>
    </message>
    <message>
      <source>Load suspected anomalies (or train on some classes only) to see how well the score separates them.</source>
      <translation>Load anomalies wey you suspect (or train on some classes only) make you see how well the score dey separate dem.</translation>
    </message>
    <message>
      <source>Against {name}: AUROC {auroc}, average precision {average_precision}. At a false-positive rate of {fpr} the threshold is {threshold}, and it catches {caught} of them.</source>
      <translation>For {name}: AUROC na {auroc}, average precision na {average_precision}. When the false-positive rate na {fpr}, the threshold na {threshold}, and e catch {caught} among dem.</translation>
    </message>
    <message>
      <source>error</source>
      <translation>the error</translation>
    </message>
    <message>
      <source>#{rank}: image {row} of the dataset, score {score}</source>
      <translation>#{rank}: image number {row} for the dataset, score na {score}</translation>
    </message>
    <message>
      <source>#{rank}: image {row} of the dataset, class {name}, score {score}</source>
      <translation>#{rank}: image number {row} for the dataset, class na {name}, score na {score}</translation>
    </message>
  </context>
  <context>
    <name>ArrayPanel</name>
    <message>
      <source>Arrays</source>
      <translation>Array file dem</translation>
    </message>
    <message>
      <source>All files</source>
      <translation>All the files</translation>
    </message>
    <message>
      <source>.npz, .npy or IDX file</source>
      <translation>file wey be .npz, .npy or IDX</translation>
    </message>
    <message>
      <source>NumPy arrays or MNIST-style IDX files (a folder of them works too)</source>
      <translation>NumPy arrays or IDX files like the MNIST ones (one folder wey carry dem go work too)</translation>
    </message>
    <message>
      <source>File</source>
      <translation>Which file</translation>
    </message>
    <message>
      <source>npz: keys images/labels or x/y. Images N×H×W or N×H×W×C, uint8 or floats in 0–1.</source>
      <translation>npz: the keys suppose be images/labels or x/y. Images na N×H×W or N×H×W×C, uint8 or floats wey dey 0–1.</translation>
    </message>
    <message>
      <source>Choose an array file first.</source>
      <translation>Make you choose array file first.</translation>
    </message>
  </context>
  <context>
    <name>BundledPanel</name>
    <message>
      <source>10,000 handwritten digits, 28×28 grayscale, 10 classes. Ships with the app and works offline.</source>
      <translation>10,000 digits wey people write with hand, 28×28 black and white, 10 classes. E come with the app and e dey work without internet.</translation>
    </message>
  </context>
  <context>
    <name>ClassCountPlot</name>
    <message>
      <source>How many images each class has</source>
      <translation>How many images each class get</translation>
    </message>
    <message>
      <source>no dataset loaded</source>
      <translation>dataset never load</translation>
    </message>
    <message>
      <source>unlabeled: no class counts</source>
      <translation>labels no dey: we no fit count the classes</translation>
    </message>
    <message>
      <source>images</source>
      <translation>how many images</translation>
    </message>
  </context>
  <context>
    <name>ClassPicker</name>
    <message>
      <source>Train on some classes only: the others become held-out anomalies that the Analyze tab scores</source>
      <translation>Train on some classes only: the rest go be anomalies wey we keep for side, and the "Analyze am" tab go score dem</translation>
    </message>
    <message>
      <source>Only</source>
      <translation>Na only</translation>
    </message>
    <message>
      <source>All but</source>
      <translation>All except</translation>
    </message>
    <message>
      <source>All classes</source>
      <translation>All the classes</translation>
    </message>
    <message>
      <source>all (no labels)</source>
      <translation>all (labels no dey)</translation>
    </message>
    <message>
      <source>all {count} classes</source>
      <translation>all the {count} classes</translation>
    </message>
    <message>
      <source>{kept} of {total}: {names}</source>
      <translation>{kept} from {total}: {names}</translation>
    </message>
  </context>
  <context>
    <name>ColorScaleBar</name>
    <message>
      <source>Absolute error |original − reconstruction|, per pixel (0 to 1 scale)</source>
      <translation>Absolute error |original − reconstruction| for each pixel (the scale na 0 reach 1)</translation>
    </message>
    <message>
      <source>|error| per pixel</source>
      <translation>|error| for pixel</translation>
    </message>
  </context>
  <context>
    <name>CompareView</name>
    <message>
      <source>Select runs in the list (Ctrl-click for more) to compare them here.</source>
      <translation>Choose runs for the list (Ctrl-click if you wan pass one) make you compare dem here.</translation>
    </message>
    <message>
      <source>by epoch</source>
      <translation>follow epoch</translation>
    </message>
    <message>
      <source>by training time</source>
      <translation>follow training time</translation>
    </message>
    <message>
      <source>Line the runs up by epoch, or by the training time each epoch took (a faster model reaches the same loss sooner).</source>
      <translation>Arrange the runs follow epoch, or follow the training time wey each epoch take (model wey fast pass go reach the same loss quick pass).</translation>
    </message>
    <message>
      <source>validation and training</source>
      <translation>validation plus training</translation>
    </message>
    <message>
      <source>validation</source>
      <translation>validation alone</translation>
    </message>
    <message>
      <source>training</source>
      <translation>training alone</translation>
    </message>
    <message>
      <source>Which losses to draw: validation (solid) and training (dashed).</source>
      <translation>Which losses we go draw: validation (straight line) and training (broken line).</translation>
    </message>
    <message>
      <source>Log scale</source>
      <translation>For log scale</translation>
    </message>
    <message>
      <source>Only what differs</source>
      <translation>Only wetin different</translation>
    </message>
    <message>
      <source>Hide the settings every selected run shares.</source>
      <translation>Hide the settings wey all the runs wey you select get the same.</translation>
    </message>
    <message>
      <source>Curves</source>
      <translation>Curve dem</translation>
    </message>
    <message>
      <source>loss per image</source>
      <translation>loss for each image</translation>
    </message>
    <message>
      <source>Settings and final metrics; amber rows differ between the runs, and the best value of each metric is in green.</source>
      <translation>Settings and the final metrics; the amber rows no be the same for the runs, and the best value for each metric dey green.</translation>
    </message>
    <message>
      <source>training time (min)</source>
      <translation>how long e train (min)</translation>
    </message>
    <message>
      <source>epoch</source>
      <translation>epoch</translation>
    </message>
    <message>
      <source>solid: validation, dashed: training</source>
      <translation>straight line: validation, broken line: training</translation>
    </message>
    <message>
      <source>no timing kept for {runs}</source>
      <translation>we no keep time for {runs}</translation>
    </message>
    <message>
      <source>The best of the selected runs</source>
      <translation>The best one for the runs wey you select</translation>
    </message>
    <message>
      <source>(all settings equal)</source>
      <translation>(all the settings na the same)</translation>
    </message>
  </context>
  <context>
    <name>ConfusionPlot</name>
    <message>
      <source>true class</source>
      <translation>the real class</translation>
    </message>
    <message>
      <source>predicted class</source>
      <translation>class wey e predict</translation>
    </message>
    <message>
      <source>share of the true class</source>
      <translation>share for the real class</translation>
    </message>
  </context>
  <context>
    <name>CorruptionControls</name>
    <message>
      <source>None</source>
      <translation>Nothing</translation>
    </message>
    <message>
      <source>Gaussian</source>
      <translation>Gaussian</translation>
    </message>
    <message>
      <source>Salt and pepper</source>
      <translation>Salt and pepper</translation>
    </message>
    <message>
      <source>Mask</source>
      <translation>Cover am</translation>
    </message>
    <message>
      <source>Blur</source>
      <translation>Blur am</translation>
    </message>
    <message>
      <source>Downscale</source>
      <translation>Shrink am</translation>
    </message>
    <message>
      <source>Grayscale</source>
      <translation>Black and white</translation>
    </message>
    <message>
      <source>Level</source>
      <translation>How strong</translation>
    </message>
    <message>
      <source>Corruption</source>
      <translation>Spoil am</translation>
    </message>
  </context>
  <context>
    <name>DataTab</name>
    <message>
      <source>Could not load the dataset</source>
      <translation>We no fit load the dataset</translation>
    </message>
    <message>
      <source>Load</source>
      <translation>Load am</translation>
    </message>
    <message>
      <source>Load the chosen source into memory</source>
      <translation>Load the source wey you choose enter memory</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Leave am</translation>
    </message>
    <message>
      <source>Stop loading; the dataset shown stays</source>
      <translation>Stop the loading; the dataset wey dey show go remain</translation>
    </message>
    <message>
      <source>Load a dataset to see samples here.</source>
      <translation>Load dataset make you see samples here.</translation>
    </message>
    <message>
      <source>Reshuffle</source>
      <translation>Shuffle am</translation>
    </message>
    <message>
      <source>Show a different random sample</source>
      <translation>Show another sample wey we pick anyhow</translation>
    </message>
    <message>
      <source>Preview</source>
      <translation>Small look</translation>
    </message>
    <message>
      <source>Source</source>
      <translation>Where data come from</translation>
    </message>
    <message>
      <source>Summary</source>
      <translation>Short tori</translation>
    </message>
    <message>
      <source>Images per class</source>
      <translation>Images for each class</translation>
    </message>
    <message>
      <source>Loading cancelled; the dataset shown is unchanged.</source>
      <translation>Loading don stop; the dataset wey dey show no change.</translation>
    </message>
    <message>
      <source>Loading {spec}…</source>
      <translation>E dey load {spec}…</translation>
    </message>
    <message>
      <source>Splitting into training and validation files…</source>
      <translation>E dey split am into training and validation files…</translation>
    </message>
    <message>
      <source>{done} / {total} files</source>
      <translation>{done} from {total} files</translation>
    </message>
    <message>
      <source>{done} / {total} images</source>
      <translation>{done} from {total} images</translation>
    </message>
    <message>
      <source>Loaded; {files} skipped (see the summary).</source>
      <translation>E don load; we skip {files} (check Short tori).</translation>
    </message>
    <message>
      <source>{message} The previous dataset is still loaded.</source>
      <translation>{message} The dataset wey dey before still dey loaded.</translation>
    </message>
    <message>
      <source>no dataset loaded</source>
      <translation>dataset never load</translation>
    </message>
    <message>
      <source>Preview: {count} random images of {total}</source>
      <translation>Small look: {count} images wey we pick anyhow from {total}</translation>
    </message>
    <message>
      <source>Preview: all {count} images</source>
      <translation>Small look: all the {count} images</translation>
    </message>
    <message numerus="yes">
      <source>%n unreadable file(s)</source>
      <translation>
        <numerusform>%n file wey we no fit read</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>DatasetSummary</name>
    <message>
      <source>{names}, … (+{count} more)</source>
      <translation>{names}, … (+{count} remain)</translation>
    </message>
    <message>
      <source>{files} and {count} more</source>
      <translation>{files} and {count} wey remain</translation>
    </message>
    <message>
      <source>RGB (3)</source>
      <translation>colour, RGB (3)</translation>
    </message>
    <message>
      <source>grayscale (1)</source>
      <translation>black and white (1)</translation>
    </message>
    <message>
      <source>unlabeled</source>
      <translation>labels no dey</translation>
    </message>
    <message>
      <source>none</source>
      <translation>nothing</translation>
    </message>
    <message>
      <source>{height}×{width} px</source>
      <translation>{height} by {width} px</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>E name</translation>
    </message>
    <message>
      <source>Images</source>
      <translation>Images wey dey</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>E size</translation>
    </message>
    <message>
      <source>Channels</source>
      <translation>Channels wey dey</translation>
    </message>
    <message>
      <source>Classes</source>
      <translation>Classes wey dey</translation>
    </message>
    <message>
      <source>Skipped</source>
      <translation>We skip</translation>
    </message>
    <message>
      <source>{train} train · {val} validation ({fraction}, split seed {seed})</source>
      <translation>{train} for train · {val} for validation ({fraction}, split seed {seed})</translation>
    </message>
    <message>
      <source>Split</source>
      <translation>How we split am</translation>
    </message>
    <message>
      <source>{kept} of {total} classes: {names}; the others are held out as anomalies</source>
      <translation>{kept} from {total} classes: {names}; we keep the rest for side as anomalies</translation>
    </message>
    <message>
      <source>Trains on</source>
      <translation>E dey train on</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>Take note</translation>
    </message>
    <message>
      <source>No dataset loaded yet. Pick a source and press Load.</source>
      <translation>Dataset never load. Choose where e go come from, then press "Load am".</translation>
    </message>
    <message>
      <source>list all</source>
      <translation>show dem all</translation>
    </message>
    <message>
      <source>{count} files were skipped while loading {name}. They may be damaged, or not images at all.</source>
      <translation>We skip {count} files as we dey load {name}. Dem fit don spoil, or dem no be images at all.</translation>
    </message>
    <message>
      <source>Unreadable files</source>
      <translation>Files wey we no fit read</translation>
    </message>
    <message numerus="yes">
      <source>%n unreadable file(s)</source>
      <translation>
        <numerusform>%n file wey we no fit read</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>DrawCanvas</name>
    <message>
      <source>Drawing canvas</source>
      <translation>Where you go draw</translation>
    </message>
    <message>
      <source>Draw with the mouse; the drawing is encoded as you draw.</source>
      <translation>Draw with the mouse; we dey encode the drawing as you dey draw.</translation>
    </message>
  </context>
  <context>
    <name>DrawPanel</name>
    <message>
      <source>Draw on the black square.</source>
      <translation>Draw for inside the black square.</translation>
    </message>
    <message>
      <source>Clear</source>
      <translation>Clean am</translation>
    </message>
    <message>
      <source>Draw a digit with the mouse: a marker shows where it lands on the scatter, and its reconstruction appears beside it.</source>
      <translation>Draw one digit with the mouse: one marker go show where e land for the scatter, and im reconstruction go show for im side.</translation>
    </message>
    <message>
      <source>drawn</source>
      <translation>wetin you draw</translation>
    </message>
    <message>
      <source>reconstruction</source>
      <translation>the reconstruction</translation>
    </message>
  </context>
  <context>
    <name>FileActions</name>
    <message>
      <source>Train a model or open an experiment first.</source>
      <translation>Make you train one model or open one experiment first.</translation>
    </message>
    <message>
      <source>Open dataset</source>
      <translation>Open one dataset</translation>
    </message>
    <message>
      <source>Arrays</source>
      <translation>Array file dem</translation>
    </message>
    <message>
      <source>All files</source>
      <translation>All the files</translation>
    </message>
    <message>
      <source>Open experiment</source>
      <translation>Open one experiment</translation>
    </message>
    <message>
      <source>aegui experiments</source>
      <translation>aegui experiment dem</translation>
    </message>
    <message>
      <source>open an experiment</source>
      <translation>open one experiment</translation>
    </message>
    <message>
      <source>Could not open the experiment</source>
      <translation>We no fit open the experiment</translation>
    </message>
    <message>
      <source>{name} (epoch {epoch})</source>
      <translation>{name} (for epoch {epoch})</translation>
    </message>
    <message>
      <source>Opened {path}</source>
      <translation>We don open {path}</translation>
    </message>
    <message>
      <source>open files</source>
      <translation>open any file</translation>
    </message>
    <message>
      <source>Could not open it</source>
      <translation>We no fit open am</translation>
    </message>
    <message>
      <source>{path} does not exist.</source>
      <translation>{path} no dey.</translation>
    </message>
    <message>
      <source>Nothing to save</source>
      <translation>Nothing dey to keep</translation>
    </message>
    <message>
      <source>Save experiment</source>
      <translation>Keep experiment</translation>
    </message>
    <message>
      <source>Could not save</source>
      <translation>We no fit keep am</translation>
    </message>
    <message>
      <source>Saved {path}</source>
      <translation>We don keep {path}</translation>
    </message>
    <message>
      <source>Nothing to export</source>
      <translation>Nothing dey to export</translation>
    </message>
    <message>
      <source>Export model</source>
      <translation>Export the model</translation>
    </message>
    <message>
      <source>Weights, loadable without aegui</source>
      <translation>Weights wey you fit load without aegui</translation>
    </message>
    <message>
      <source>aegui experiment, no optimizer state</source>
      <translation>aegui experiment wey no get optimizer state</translation>
    </message>
    <message>
      <source>Could not export the model</source>
      <translation>We no fit export the model</translation>
    </message>
    <message>
      <source>Writing {path} failed ({error}).</source>
      <translation>We no fit write enter {path} ({error}).</translation>
    </message>
    <message>
      <source>Exported the model to {path}</source>
      <translation>We don export the model go {path}</translation>
    </message>
    <message>
      <source>Nothing to report</source>
      <translation>Nothing dey to report</translation>
    </message>
    <message>
      <source>Save report</source>
      <translation>Keep report</translation>
    </message>
    <message>
      <source>One-page report</source>
      <translation>Report wey be one page</translation>
    </message>
    <message>
      <source>No preview for this experiment: {error}</source>
      <translation>Small look no dey for this experiment: {error}</translation>
    </message>
  </context>
  <context>
    <name>FitHint</name>
    <message>
      <source>The reconstructions barely differ from each other: the model is under-fitting. Try more epochs, a larger latent size or a lower β.</source>
      <translation>The reconstructions no too different from each other: the model dey under-fit. Try more epochs, bigger latent size or smaller β.</translation>
    </message>
    <message>
      <source>The reconstructions barely differ from each other: the model is under-fitting. Try more epochs or a larger latent size.</source>
      <translation>The reconstructions no too different from each other: the model dey under-fit. Try more epochs or bigger latent size.</translation>
    </message>
  </context>
  <context>
    <name>FolderPanel</name>
    <message>
      <source>folder of images</source>
      <translation>folder wey get images</translation>
    </message>
    <message>
      <source>A folder of images, or one sub-folder of images per class</source>
      <translation>One folder wey get images, or one sub-folder of images for each class</translation>
    </message>
    <message>
      <source>auto</source>
      <translation>auto</translation>
    </message>
    <message>
      <source> px</source>
      <translation> pixel</translation>
    </message>
    <message>
      <source>Square size the images are cropped and resized to (auto keeps a common size up to 128 px)</source>
      <translation>The square size wey we go crop and resize the images to (auto go pick one common size wey no pass 128 px)</translation>
    </message>
    <message>
      <source>gray</source>
      <translation>ash</translation>
    </message>
    <message>
      <source>rgb</source>
      <translation>colour</translation>
    </message>
    <message>
      <source>auto: grayscale only if every image is</source>
      <translation>auto: e go be ash (black and white) only if every image na ash</translation>
    </message>
    <message>
      <source>Folder</source>
      <translation>Which folder</translation>
    </message>
    <message>
      <source>Size</source>
      <translation>Which size</translation>
    </message>
    <message>
      <source>Colour</source>
      <translation>Which colour</translation>
    </message>
    <message>
      <source>Class sub-folders become the labels; unreadable files are skipped.</source>
      <translation>Each class sub-folder go be label; we go skip files wey we no fit read.</translation>
    </message>
    <message>
      <source>Choose a folder of images first.</source>
      <translation>Make you choose folder wey get images first.</translation>
    </message>
  </context>
  <context>
    <name>GenerationPanel</name>
    <message>
      <source>Scales the spread of the sampled codes</source>
      <translation>E dey scale how the codes wey we sample dey spread</translation>
    </message>
    <message>
      <source>Generate</source>
      <translation>Generate am</translation>
    </message>
    <message>
      <source>Generated images appear here.</source>
      <translation>The images wey we generate go show here.</translation>
    </message>
    <message>
      <source>Images</source>
      <translation>How many images</translation>
    </message>
    <message>
      <source>Temperature</source>
      <translation>Temperature</translation>
    </message>
    <message>
      <source>Sampling z from N(0, I), the VAE prior, scaled by the temperature.</source>
      <translation>We dey sample z from N(0, I), wey be the VAE prior, and the temperature dey scale am.</translation>
    </message>
    <message>
      <source>Sampling z from N(0, I), the VAE prior, scaled by the temperature. Decoded as class {name}: pick it under View › Class.</source>
      <translation>We dey sample z from N(0, I), wey be the VAE prior, and the temperature dey scale am. We dey decode am as class {name}: choose am for "Wetin we show › Which class".</translation>
    </message>
    <message>
      <source>A plain autoencoder has no prior: sampling from a Gaussian fitted to the {count} encoded images.</source>
      <translation>Plain autoencoder no get prior: we dey sample from one Gaussian wey we fit to the {count} images wey we don encode.</translation>
    </message>
    <message>
      <source>A plain autoencoder has no prior: sampling from a Gaussian fitted to the encoded images.</source>
      <translation>Plain autoencoder no get prior: we dey sample from one Gaussian wey we fit to the images wey we don encode.</translation>
    </message>
    <message>
      <source>Encode the data first: the Gaussian is fitted to its codes.</source>
      <translation>Encode the data first: na im codes we go take fit the Gaussian.</translation>
    </message>
  </context>
  <context>
    <name>GraphExporter</name>
    <message>
      <source>ONNX graphs, NAME.encoder.onnx and NAME.decoder.onnx</source>
      <translation>ONNX graphs, na NAME.encoder.onnx and NAME.decoder.onnx</translation>
    </message>
    <message>
      <source>torch.export programs, NAME.encoder.pt2 and NAME.decoder.pt2</source>
      <translation>torch.export programs, na NAME.encoder.pt2 and NAME.decoder.pt2</translation>
    </message>
    <message>
      <source>Could not export to {format}</source>
      <translation>We no fit export go {format}</translation>
    </message>
    <message>
      <source>Exporting {encoder} and {decoder}…</source>
      <translation>E dey export {encoder} and {decoder}…</translation>
    </message>
    <message>
      <source>Writing {path} failed ({error}).</source>
      <translation>We no fit write enter {path} ({error}).</translation>
    </message>
    <message>
      <source>The export is checked on the model's validation images: load its dataset in the Data tab first.</source>
      <translation>We dey check the export with the model validation images: load im dataset for the Data tab first.</translation>
    </message>
    <message>
      <source>A conditional VAE is checked on labelled images of its classes: load its dataset in the Data tab first.</source>
      <translation>We dey check conditional VAE with labelled images from im classes: load im dataset for the Data tab first.</translation>
    </message>
  </context>
  <context>
    <name>InterpolationPanel</name>
    <message>
      <source>Linear</source>
      <translation>Straight (linear)</translation>
    </message>
    <message>
      <source>Spherical (slerp)</source>
      <translation>Round like ball (slerp)</translation>
    </message>
    <message>
      <source>A = selection</source>
      <translation>A = wetin you pick</translation>
    </message>
    <message>
      <source>B = selection</source>
      <translation>B = wetin you pick</translation>
    </message>
    <message>
      <source>Two random images</source>
      <translation>Pick two images anyhow</translation>
    </message>
    <message>
      <source>Click a point or empty space on the scatter, then set it as A or B.</source>
      <translation>Click one point or empty space for the scatter, then make am A or B.</translation>
    </message>
    <message>
      <source>The interpolation strip appears here.</source>
      <translation>The interpolation strip go show here.</translation>
    </message>
    <message>
      <source>Steps</source>
      <translation>How many steps</translation>
    </message>
    <message>
      <source>Path</source>
      <translation>Which road</translation>
    </message>
    <message>
      <source>Select a point or location on the scatter first.</source>
      <translation>Select one point or place for the scatter first.</translation>
    </message>
    <message>
      <source>A</source>
      <translation>A</translation>
    </message>
    <message>
      <source>B</source>
      <translation>B</translation>
    </message>
    <message>
      <source>{steps} steps from A to B (slerp).</source>
      <translation>{steps} steps from A go B (slerp).</translation>
    </message>
    <message>
      <source>{steps} steps from A to B (linear).</source>
      <translation>{steps} steps from A go B (linear).</translation>
    </message>
  </context>
  <context>
    <name>JobDialog</name>
    <message>
      <source>Export training job</source>
      <translation>Make training job</translation>
    </message>
    <message>
      <source>Browse…</source>
      <translation>Find am…</translation>
    </message>
    <message>
      <source> MB</source>
      <translation> MB</translation>
    </message>
    <message>
      <source>Data up to this size travels inside the job; larger data stays where it is, and the job names its path.</source>
      <translation>Data wey no pass this size go travel inside the job; data wey big pass am go stay where e dey, and the job go name im path.</translation>
    </message>
    <message>
      <source>Job folder</source>
      <translation>Folder for job</translation>
    </message>
    <message>
      <source>Copy data up to</source>
      <translation>Copy data wey no pass</translation>
    </message>
    <message>
      <source>{model}, latent size {latent}, {task}, {epochs}, global batch {batch}, on {dataset}.</source>
      <translation>{model}, latent size na {latent}, {task}, {epochs}, global batch na {batch}; e go train on {dataset}.</translation>
    </message>
    <message>
      <source>The bundled digits ship with aegui: nothing is copied.</source>
      <translation>The digits dey come with aegui already: we no go copy anything.</translation>
    </message>
    <message>
      <source>The data is loaded and copied when the job is written, if it fits the limit.</source>
      <translation>We go load the data and copy am when we dey write the job, if e no pass the limit.</translation>
    </message>
    <message>
      <source>The data takes {size} MB: copied into the job.</source>
      <translation>The data dey take {size} MB: we go copy am enter the job.</translation>
    </message>
    <message>
      <source>The data takes {size} MB: not copied: the job names its path, which must exist where it runs.</source>
      <translation>The data dey take {size} MB: we no go copy am: the job go name im path, and that path must dey where the job go run.</translation>
    </message>
    <message>
      <source>Folder for the job</source>
      <translation>Where the job go dey</translation>
    </message>
    <message numerus="yes">
      <source>%n epoch(s)</source>
      <translation>
        <numerusform>%n epoch</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>JobExporter</name>
    <message>
      <source>Could not export the job</source>
      <translation>We no fit make the job</translation>
    </message>
    <message>
      <source>{folder} already holds a job; pick another folder.</source>
      <translation>{folder} don get job inside already; choose another folder.</translation>
    </message>
    <message>
      <source>Writing {path} failed ({error}).</source>
      <translation>We no fit write enter {path} ({error}).</translation>
    </message>
    <message>
      <source>Wrote the job {folder}: run ./run_local.sh there, or sbatch run_slurm.sbatch on a cluster. Its runs ({runs}) are listed in the Runs tab.</source>
      <translation>We don write the job {folder}: run ./run_local.sh for there, or sbatch run_slurm.sbatch for cluster. Im runs ({runs}) go show for the "Run dem" tab.</translation>
    </message>
  </context>
  <context>
    <name>LatentSizePlot</name>
    <message>
      <source>validation MSE</source>
      <translation>MSE for validation</translation>
    </message>
    <message>
      <source>autoencoder</source>
      <translation>autoencoder</translation>
    </message>
    <message>
      <source>PCA</source>
      <translation>PCA</translation>
    </message>
  </context>
  <context>
    <name>LatentTab</name>
    <message>
      <source>PCA</source>
      <translation>PCA</translation>
    </message>
    <message>
      <source>t-SNE</source>
      <translation>t-SNE</translation>
    </message>
    <message>
      <source>Two dimensions</source>
      <translation>Two dims alone</translation>
    </message>
    <message>
      <source>Encode failed.</source>
      <translation>Encode no work.</translation>
    </message>
    <message>
      <source>Point failed.</source>
      <translation>Point no work.</translation>
    </message>
    <message>
      <source>Location failed.</source>
      <translation>Location no work.</translation>
    </message>
    <message>
      <source>Grid failed.</source>
      <translation>Grid no work.</translation>
    </message>
    <message>
      <source>Sliders failed.</source>
      <translation>Slider dem no work.</translation>
    </message>
    <message>
      <source>Interpolation failed.</source>
      <translation>Interpolation no work.</translation>
    </message>
    <message>
      <source>Generate failed.</source>
      <translation>Generate no work.</translation>
    </message>
    <message>
      <source>Draw failed.</source>
      <translation>Draw no work.</translation>
    </message>
    <message>
      <source>How many images to encode (at most the whole dataset)</source>
      <translation>How many images we go encode (e no fit pass the whole dataset)</translation>
    </message>
    <message>
      <source>Encode</source>
      <translation>Encode am</translation>
    </message>
    <message>
      <source>The class a conditional VAE decodes as</source>
      <translation>The class wey conditional VAE go take decode</translation>
    </message>
    <message>
      <source>Embeddings…</source>
      <translation>Embeddings…</translation>
    </message>
    <message>
      <source>Save the codes with their labels as CSV or NPY</source>
      <translation>Keep the codes plus their labels as CSV or NPY</translation>
    </message>
    <message>
      <source>Scatter PNG…</source>
      <translation>Scatter PNG…</translation>
    </message>
    <message>
      <source>Model</source>
      <translation>The model</translation>
    </message>
    <message>
      <source>Samples</source>
      <translation>Sample dem</translation>
    </message>
    <message>
      <source>View</source>
      <translation>Wetin we show</translation>
    </message>
    <message>
      <source>Plane</source>
      <translation>Which plane</translation>
    </message>
    <message>
      <source>Dims</source>
      <translation>Which dims</translation>
    </message>
    <message>
      <source>Class</source>
      <translation>Which class</translation>
    </message>
    <message>
      <source>Export</source>
      <translation>Export am</translation>
    </message>
    <message>
      <source>Hover a point to see its image. Click a point for its reconstruction, or empty space to decode that spot. Drag the dashed rectangle to set the grid.</source>
      <translation>Put mouse for one point make you see im image. Click one point to see im reconstruction, or click empty space make e decode that place. Drag the rectangle wey get broken line to set the grid.</translation>
    </message>
    <message>
      <source>Inspect</source>
      <translation>Look am</translation>
    </message>
    <message>
      <source>Grid</source>
      <translation>Grid</translation>
    </message>
    <message>
      <source>Sliders</source>
      <translation>Slider dem</translation>
    </message>
    <message>
      <source>Interpolate</source>
      <translation>Blend dem</translation>
    </message>
    <message>
      <source>Generate</source>
      <translation>Generate</translation>
    </message>
    <message>
      <source>Draw</source>
      <translation>Draw</translation>
    </message>
    <message>
      <source>Timeline</source>
      <translation>Epoch dem</translation>
    </message>
    <message>
      <source>Click a point to compare it with its reconstruction.</source>
      <translation>Click one point make you compare am with im reconstruction.</translation>
    </message>
    <message>
      <source>Click empty space to decode that location.</source>
      <translation>Click empty space make e decode that place.</translation>
    </message>
    <message>
      <source>Clicked point</source>
      <translation>Point wey you click</translation>
    </message>
    <message>
      <source>Decoded location</source>
      <translation>The place wey we decode</translation>
    </message>
    <message>
      <source>{job} failed.</source>
      <translation>{job} no work.</translation>
    </message>
    <message>
      <source>The Latent tab could not finish</source>
      <translation>The Latent tab no fit finish</translation>
    </message>
    <message>
      <source>No model yet. Train one or open an experiment.</source>
      <translation>Model never dey. Train one or open one experiment.</translation>
    </message>
    <message>
      <source>{model}, latent {latent}</source>
      <translation>{model}, latent na {latent}</translation>
    </message>
    <message>
      <source>Showing the bundled demo model ({title}, trained on the bundled MNIST). Train or open a model to explore your own.</source>
      <translation>Na the demo model wey come with the app dey show ({title}, dem train am on the MNIST wey come with the app). Train or open one model make you explore your own.</translation>
    </message>
    <message>
      <source>{title}: {source}</source>
      <translation>{title}: {source}</translation>
    </message>
    <message>
      <source>Waiting for a dataset.</source>
      <translation>E dey wait for dataset.</translation>
    </message>
    <message>
      <source>The model expects {model_shape} images; the dataset has {data_shape}. Train a model on this dataset.</source>
      <translation>The model dey expect {model_shape} images; the dataset get {data_shape}. Train one model on this dataset.</translation>
    </message>
    <message>
      <source>A newer snapshot is encoded in a moment (training comes first).</source>
      <translation>We go encode one newer snapshot soon (training dey go first).</translation>
    </message>
    <message>
      <source>Encoding {count} images…</source>
      <translation>E dey encode {count} images…</translation>
    </message>
    <message>
      <source>Running t-SNE on {fitted} of {total} codes (this takes a while)…</source>
      <translation>E dey run t-SNE on {fitted} from {total} codes (e go take some time)…</translation>
    </message>
    <message>
      <source>Running t-SNE on {total} codes (this takes a while)…</source>
      <translation>E dey run t-SNE on {total} codes (e go take some time)…</translation>
    </message>
    <message>
      <source>Encoded {count} images; projecting…</source>
      <translation>E don encode {count} images; e dey project dem…</translation>
    </message>
    <message>
      <source>PC 1</source>
      <translation>PC 1</translation>
    </message>
    <message>
      <source>PC 2</source>
      <translation>PC 2</translation>
    </message>
    <message>
      <source>t-SNE 1</source>
      <translation>t-SNE 1</translation>
    </message>
    <message>
      <source>t-SNE 2</source>
      <translation>t-SNE 2</translation>
    </message>
    <message>
      <source>{count} images encoded; showing t-SNE of the codes (fitted on a random {fitted} of them; each other code sits among its nearest fitted codes).</source>
      <translation>{count} images don encode; na t-SNE of the codes dey show (we fit am on {fitted} of dem wey we pick anyhow; each of the other codes dey sit among the fitted codes wey near am pass).</translation>
    </message>
    <message>
      <source>{count} images encoded; showing PCA of the codes.</source>
      <translation>{count} images don encode; na PCA of the codes dey show.</translation>
    </message>
    <message>
      <source>{count} images encoded; showing t-SNE of the codes.</source>
      <translation>{count} images don encode; na t-SNE of the codes dey show.</translation>
    </message>
    <message>
      <source>{count} images encoded; showing the codes as they are.</source>
      <translation>{count} images don encode; the codes dey show as dem be.</translation>
    </message>
    <message>
      <source>selected</source>
      <translation>wetin you pick</translation>
    </message>
    <message>
      <source>original</source>
      <translation>original one</translation>
    </message>
    <message>
      <source>reconstruction</source>
      <translation>the reconstruction</translation>
    </message>
    <message>
      <source>unlabelled</source>
      <translation>labels no dey</translation>
    </message>
    <message>
      <source>Image {row} ({name}); z = {code}</source>
      <translation>Image number {row} ({name}); z = {code}</translation>
    </message>
    <message>
      <source>Export embeddings</source>
      <translation>Export the embeddings</translation>
    </message>
    <message>
      <source>CSV</source>
      <translation>CSV</translation>
    </message>
    <message>
      <source>NumPy</source>
      <translation>NumPy</translation>
    </message>
    <message>
      <source>Save scatter</source>
      <translation>Keep the scatter</translation>
    </message>
    <message>
      <source>PNG</source>
      <translation>PNG</translation>
    </message>
    <message>
      <source>{height}×{width} {kind}</source>
      <translation>{height}×{width} {kind}</translation>
    </message>
  </context>
  <context>
    <name>LossPlot</name>
    <message>
      <source>train (per batch)</source>
      <translation>train (for each batch)</translation>
    </message>
    <message>
      <source>train loss</source>
      <translation>loss for training</translation>
    </message>
    <message>
      <source>validation loss</source>
      <translation>loss for validation</translation>
    </message>
    <message>
      <source>val reconstruction</source>
      <translation>reconstruction for val</translation>
    </message>
    <message>
      <source>val KL</source>
      <translation>KL for val</translation>
    </message>
    <message>
      <source>Point at the plot to read the losses there.</source>
      <translation>Point mouse for the plot make you read the losses for there.</translation>
    </message>
    <message>
      <source>The validation loss after the latest completed epoch</source>
      <translation>The validation loss after the last epoch wey don finish</translation>
    </message>
    <message>
      <source>Log scale</source>
      <translation>For log scale</translation>
    </message>
    <message>
      <source>Loss curves</source>
      <translation>How the loss dey go</translation>
    </message>
    <message>
      <source>The training and validation loss against epochs.</source>
      <translation>The training and validation loss, epoch by epoch.</translation>
    </message>
    <message>
      <source>validation loss &lt;b&gt;{loss}&lt;/b&gt; (epoch {epoch})</source>
      <translation>validation loss na &lt;b&gt;{loss}&lt;/b&gt; (epoch {epoch})</translation>
    </message>
    <message>
      <source>batch loss {loss}</source>
      <translation>batch loss na {loss}</translation>
    </message>
    <message>
      <source>train {loss}</source>
      <translation>train na {loss}</translation>
    </message>
    <message>
      <source>val {loss}</source>
      <translation>val na {loss}</translation>
    </message>
    <message>
      <source>val recon {loss}</source>
      <translation>val recon na {loss}</translation>
    </message>
    <message>
      <source>val KL {loss}</source>
      <translation>val KL na {loss}</translation>
    </message>
    <message>
      <source>after epoch {epoch}: {values}</source>
      <translation>as epoch {epoch} finish: {values}</translation>
    </message>
    <message>
      <source>epoch {epoch}</source>
      <translation>for epoch {epoch}</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Reconstruct</source>
      <translation>Reconstruct am</translation>
    </message>
    <message>
      <source>Latent</source>
      <translation>Latent</translation>
    </message>
    <message>
      <source>Analyze</source>
      <translation>Analyze am</translation>
    </message>
    <message>
      <source>Runs</source>
      <translation>Run dem</translation>
    </message>
    <message>
      <source>Data</source>
      <translation>Data</translation>
    </message>
    <message>
      <source>Train</source>
      <translation>Train</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>Language go change</translation>
    </message>
    <message>
      <source>The window changes language when aegui starts again. Restart now? (A run in progress keeps its last whole epoch.)</source>
      <translation>The window go change language when aegui start again. Make e restart now? (Any run wey dey go on go keep the last full epoch wey e finish.)</translation>
    </message>
    <message>
      <source>The last session's model, {path}, is no longer there; showing the bundled demo model.</source>
      <translation>The model from last time, {path}, no dey there again; we dey show the demo model wey come with the app.</translation>
    </message>
    <message>
      <source>The bundled demo model could not be loaded: {reason}</source>
      <translation>We no fit load the demo model wey come with the app: {reason}</translation>
    </message>
    <message>
      <source>the bundled demo model</source>
      <translation>the demo model wey come with the app</translation>
    </message>
    <message>
      <source>The dataset is still loading</source>
      <translation>The dataset still dey load</translation>
    </message>
    <message>
      <source>Wait until the Data tab has loaded it, then press Train again.</source>
      <translation>Wait make the Data tab finish to load am, then press Train again.</translation>
    </message>
    <message>
      <source>Resume</source>
      <translation>Continue</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>Hold am small</translation>
    </message>
    <message>
      <source>No dataset</source>
      <translation>Dataset no dey</translation>
    </message>
    <message>
      <source>bundled demo model</source>
      <translation>demo model wey come with the app</translation>
    </message>
    <message>
      <source>{name}, epoch {epoch}</source>
      <translation>{name}, for epoch {epoch}</translation>
    </message>
    <message>
      <source>new model</source>
      <translation>one new model</translation>
    </message>
    <message>
      <source>About aegui</source>
      <translation>Wetin be aegui</translation>
    </message>
    <message>
      <source>Training is running</source>
      <translation>Training dey run</translation>
    </message>
    <message>
      <source>Stop training to {action}: a run keeps its data and settings until it ends.</source>
      <translation>Stop the training first before you {action}: any run go hold im data and settings until e finish.</translation>
    </message>
    <message>
      <source>Training in progress</source>
      <translation>Training dey go on</translation>
    </message>
    <message>
      <source>A model is training. Stop it and quit? The last completed epoch is kept as a checkpoint.</source>
      <translation>One model dey train. Make we stop am and comot? We go keep the last epoch wey finish as checkpoint.</translation>
    </message>
  </context>
  <context>
    <name>ManifoldPanel</name>
    <message>
      <source>Tiles per side</source>
      <translation>How many tiles for each side</translation>
    </message>
    <message>
      <source>Save PNG…</source>
      <translation>Keep PNG…</translation>
    </message>
    <message>
      <source>Drag or resize the dashed rectangle on the scatter.</source>
      <translation>Drag or resize the rectangle wey get broken line for the scatter.</translation>
    </message>
    <message>
      <source>The grid appears once the data is encoded.</source>
      <translation>The grid go show once the data don encode.</translation>
    </message>
    <message>
      <source>Grid</source>
      <translation>Grid</translation>
    </message>
    <message>
      <source>{n}×{n} decodes over x {x0}…{x1}, y {y0}…{y1}</source>
      <translation>{n}×{n} decodes wey cover x {x0}…{x1}, y {y0}…{y1}</translation>
    </message>
    <message>
      <source>Save grid</source>
      <translation>Keep the grid</translation>
    </message>
    <message>
      <source>PNG</source>
      <translation>PNG</translation>
    </message>
  </context>
  <context>
    <name>Menus</name>
    <message>
      <source>Open &amp;dataset…</source>
      <translation>Open one &amp;dataset…</translation>
    </message>
    <message>
      <source>Open an image folder or an npz/npy/IDX file</source>
      <translation>Open folder wey get images, or npz/npy/IDX file</translation>
    </message>
    <message>
      <source>Open &amp;experiment…</source>
      <translation>Open one &amp;experiment…</translation>
    </message>
    <message>
      <source>Open a saved experiment (.pt)</source>
      <translation>Open experiment wey you don keep (.pt)</translation>
    </message>
    <message>
      <source>&amp;Save experiment</source>
      <translation>&amp;Keep experiment</translation>
    </message>
    <message>
      <source>Save experiment &amp;as…</source>
      <translation>Keep experiment for new &amp;name…</translation>
    </message>
    <message>
      <source>E&amp;xport model…</source>
      <translation>E&amp;xport the model alone…</translation>
    </message>
    <message>
      <source>Save the weights as safetensors, or a slim .pt experiment</source>
      <translation>Keep the weights as safetensors, or as small .pt experiment</translation>
    </message>
    <message>
      <source>Save &amp;report…</source>
      <translation>Keep &amp;report…</translation>
    </message>
    <message>
      <source>Write a one-page HTML report of the model: settings, curves, metrics, images and the analyses shown</source>
      <translation>Write one-page HTML report about the model: settings, curves, metrics, images and the analyses wey dey show</translation>
    </message>
    <message>
      <source>Export training &amp;job…</source>
      <translation>Make training &amp;job…</translation>
    </message>
    <message>
      <source>Write a folder that trains this experiment with torchrun, here or on a Slurm cluster</source>
      <translation>Write folder wey go train this experiment with torchrun, for here or for Slurm cluster</translation>
    </message>
    <message>
      <source>&amp;Preferences…</source>
      <translation>&amp;Settings…</translation>
    </message>
    <message>
      <source>Settings of the app: training threads</source>
      <translation>Settings for the app: training threads</translation>
    </message>
    <message>
      <source>Train</source>
      <translation>Train am</translation>
    </message>
    <message>
      <source>Start training with the settings of the Train tab</source>
      <translation>Start training with the settings wey dey the Train tab</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>Hold am small</translation>
    </message>
    <message>
      <source>Pause or resume training</source>
      <translation>Hold training small or make e continue</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>Stop</translation>
    </message>
    <message>
      <source>Stop training and keep the last completed epoch</source>
      <translation>Stop training and keep the last epoch wey finish</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>&amp;File</translation>
    </message>
    <message>
      <source>Open &amp;recent</source>
      <translation>Wetin you open &amp;last</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;Comot</translation>
    </message>
    <message>
      <source>&amp;Run</source>
      <translation>&amp;Training</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <source>&amp;About aegui</source>
      <translation>Wetin be &amp;aegui</translation>
    </message>
    <message>
      <source>Training</source>
      <translation>Training dey run</translation>
    </message>
    <message>
      <source>Paused</source>
      <translation>E dey hold small</translation>
    </message>
    <message>
      <source>Stopping</source>
      <translation>E dey stop</translation>
    </message>
    <message>
      <source>No dataset</source>
      <translation>Dataset no dey</translation>
    </message>
    <message>
      <source>Idle</source>
      <translation>Nothing dey run</translation>
    </message>
    <message>
      <source>Export to &amp;ONNX…</source>
      <translation>Export am go &amp;ONNX…</translation>
    </message>
    <message>
      <source>Write the encoder and decoder as ONNX graphs for onnxruntime and other runtimes</source>
      <translation>Write the encoder and decoder as ONNX graphs wey onnxruntime and other runtimes fit use</translation>
    </message>
    <message>
      <source>Export for &amp;PyTorch (torch.export)…</source>
      <translation>Export am for &amp;PyTorch (torch.export)…</translation>
    </message>
    <message>
      <source>Write the encoder and decoder as torch.export programs that plain PyTorch loads</source>
      <translation>Write the encoder and decoder as torch.export programs wey plain PyTorch fit load</translation>
    </message>
    <message>
      <source>Runs trained in aegui</source>
      <translation>Runs wey aegui train</translation>
    </message>
  </context>
  <context>
    <name>MessageBanner</name>
    <message>
      <source>Dismiss</source>
      <translation>Comot am</translation>
    </message>
  </context>
  <context>
    <name>PathEdit</name>
    <message>
      <source>Browse…</source>
      <translation>Find am…</translation>
    </message>
    <message>
      <source>Choose a folder</source>
      <translation>Choose one folder</translation>
    </message>
    <message>
      <source>Choose a file</source>
      <translation>Choose one file</translation>
    </message>
  </context>
  <context>
    <name>PcaPanel</name>
    <message>
      <source>autoencoder</source>
      <translation>autoencoder</translation>
    </message>
    <message>
      <source>Validation MSE against PCA components</source>
      <translation>Validation MSE follow PCA components</translation>
    </message>
    <message>
      <source>PCA components</source>
      <translation>how many PCA components</translation>
    </message>
    <message>
      <source>validation MSE</source>
      <translation>MSE for validation</translation>
    </message>
    <message>
      <source>Rows: original, PCA, autoencoder.</source>
      <translation>Row dem: original, PCA, autoencoder.</translation>
    </message>
    <message>
      <source>Curve CSV…</source>
      <translation>Curve as CSV…</translation>
    </message>
    <message>
      <source>Plot PNG…</source>
      <translation>Plot as PNG…</translation>
    </message>
    <message>
      <source>Save the PCA curve</source>
      <translation>Keep the PCA curve</translation>
    </message>
    <message>
      <source>Save plot</source>
      <translation>Keep the plot</translation>
    </message>
    <message>
      <source>Same code size</source>
      <translation>Code size na the same</translation>
    </message>
    <message>
      <source>MSE, autoencoder ({size}) / PCA ({size})</source>
      <translation>MSE for autoencoder ({size}) / PCA ({size})</translation>
    </message>
    <message>
      <source>PSNR (dB)</source>
      <translation>PSNR (dB)</translation>
    </message>
    <message>
      <source>AE ({size})</source>
      <translation>AE ({size})</translation>
    </message>
    <message>
      <source>PCA ({size})</source>
      <translation>PCA ({size})</translation>
    </message>
    <message>
      <source>An image takes {raw} bytes; its code {f32} bytes as float32 ({f32_ratio}× smaller) or {f16} as float16 ({f16_ratio}×).</source>
      <translation>One image dey take {raw} bytes; im code dey take {f32} bytes as float32 (e small pass by {f32_ratio}×) or {f16} as float16 ({f16_ratio}×).</translation>
    </message>
    <message>
      <source>This {size}-number code reconstructs worse than PCA with 1 component.</source>
      <translation>This code wey get {size} numbers dey reconstruct worse pass PCA wey get only 1 component.</translation>
    </message>
    <message numerus="yes">
      <source>Rows: original, PCA with %n component(s), the autoencoder (%n number(s)).</source>
      <translation>
        <numerusform>Row dem: original, PCA wey get %n component, the autoencoder (%n number).</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>This {size}-number code reconstructs better than PCA with %n component(s).</source>
      <translation>
        <numerusform>This code wey get {size} numbers dey reconstruct better pass PCA wey get %n component.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>This {size}-number code reconstructs like PCA with %n component(s).</source>
      <translation>
        <numerusform>This code wey get {size} numbers dey reconstruct like PCA wey get %n component.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>PreferencesDialog</name>
    <message>
      <source>As the system</source>
      <translation>Like the system</translation>
    </message>
    <message>
      <source>Light</source>
      <translation>White</translation>
    </message>
    <message>
      <source>Dark</source>
      <translation>Black</translation>
    </message>
    <message>
      <source>System</source>
      <translation>Like the system</translation>
    </message>
    <message>
      <source>Preferences</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>Automatic ({count})</source>
      <translation>E go choose ({count})</translation>
    </message>
    <message>
      <source>CPU threads for training, 1–{cores}. More threads train faster; on machines with many cores, leaving one free keeps the window smooth.</source>
      <translation>CPU threads for training, 1–{cores}. More threads dey train faster; for machine wey get plenty cores, if you leave one free, the window go dey smooth.</translation>
    </message>
    <message>
      <source>This machine has {cores} ({threads} usable). Automatic uses {auto}, which keeps the window responsive while losing the least training speed; the command line (aegui train) uses {cli}. GPU training is not affected. A change applies from the next run.</source>
      <translation>This machine get {cores} ({threads} wey you fit use). If you make e choose, e go use {auto}: the window go still answer quick and training speed no go drop much; the command line (aegui train) dey use {cli}. E no touch GPU training. Any change go start from the next run.</translation>
    </message>
    <message>
      <source> min</source>
      <translation> minute</translation>
    </message>
    <message>
      <source>Only at epoch ends</source>
      <translation>Only when epoch finish</translation>
    </message>
    <message>
      <source>Also save inside an epoch this often, so a crash in a long epoch costs at most this much training. 'aegui train --resume RUN' continues from the last such save.</source>
      <translation>Keep inside epoch too, every this much time, so if e crash for long epoch, na only this much training you go lose. 'aegui train --resume RUN' go continue from the last one wey e keep.</translation>
    </message>
    <message>
      <source>Write TensorBoard logs ({folder}/ in each run folder)</source>
      <translation>Write TensorBoard logs ({folder}/ for inside every run folder)</translation>
    </message>
    <message>
      <source>Losses, learning rate and speed each epoch, a grid of reconstructions, and the final codes for the Embedding Projector: tensorboard --logdir RUN/{folder}.</source>
      <translation>E go write the losses, learning rate and speed for every epoch, one grid of reconstructions, and the final codes for the Embedding Projector: tensorboard --logdir RUN/{folder}.</translation>
    </message>
    <message>
      <source>Light or dark windows and plots; 'As the system' follows the desktop's choice, also when it changes.</source>
      <translation>White or black windows and plots; 'Like the system' dey follow wetin the desktop choose, even when e change.</translation>
    </message>
    <message>
      <source>The language of the window (the command line stays English). AEGUI_LANG in the environment overrides it.</source>
      <translation>The language wey the window go speak (the command line go still dey English). AEGUI_LANG for the environment go take over.</translation>
    </message>
    <message>
      <source>Remove cached data</source>
      <translation>Comot cached data</translation>
    </message>
    <message>
      <source>Datasets larger than the memory limit are kept as files in {folder}, made once and reused. Removing them frees the disk; they are made again when loaded.</source>
      <translation>Datasets wey big pass the memory limit dey stay as files for {folder}; we make dem once and use dem again. If you comot dem, the disk go free; we go make dem again when you load.</translation>
    </message>
    <message>
      <source>Training threads</source>
      <translation>Threads for training</translation>
    </message>
    <message>
      <source>Save inside an epoch every</source>
      <translation>Keep inside epoch every</translation>
    </message>
    <message>
      <source>TensorBoard</source>
      <translation>TensorBoard</translation>
    </message>
    <message>
      <source>Appearance</source>
      <translation>How e go look</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>Which language</translation>
    </message>
    <message>
      <source>Data cache</source>
      <translation>Data wey we cache</translation>
    </message>
    <message>
      <source>Empty</source>
      <translation>E empty</translation>
    </message>
    <message numerus="yes">
      <source>%n core(s)</source>
      <translation>
        <numerusform>%n core</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n CPU thread(s)</source>
      <translation>
        <numerusform>%n CPU thread</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>PreviewBox</name>
    <message>
      <source>Validation preview</source>
      <translation>Small look (validation)</translation>
    </message>
    <message>
      <source>After each epoch, {images} appear here with the model's reconstructions.</source>
      <translation>After every epoch, {images} go show here with the reconstructions wey the model make.</translation>
    </message>
    <message>
      <source>original</source>
      <translation>original one</translation>
    </message>
    <message>
      <source>model input</source>
      <translation>wetin model see</translation>
    </message>
    <message>
      <source>reconstruction</source>
      <translation>the reconstruction</translation>
    </message>
    <message>
      <source>Rows: {rows} — after epoch {epoch}, validation PSNR {psnr} dB</source>
      <translation>Row dem: {rows} — after epoch {epoch}, validation PSNR na {psnr} dB</translation>
    </message>
    <message numerus="yes">
      <source>%n validation image(s)</source>
      <translation>
        <numerusform>%n validation image</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ProbePanel</name>
    <message>
      <source>Autoencoder codes</source>
      <translation>Codes from autoencoder</translation>
    </message>
    <message>
      <source>PCA, same size</source>
      <translation>PCA, the same size</translation>
    </message>
    <message>
      <source>Raw pixels</source>
      <translation>Pixels as dem be</translation>
    </message>
    <message>
      <source>A linear probe: a simple classifier (logistic regression, straight-line boundaries) is fitted on the training images' codes and labels, then scored on the validation images; PCA features of the same size and raw pixels are scored alike. Labels per class: how many labelled images of each class it was given. Codes that score well with few labels are what an autoencoder, trained without labels, is for.</source>
      <translation>Linear probe na this: we fit one simple classifier (logistic regression, wey dey draw straight-line boundaries) on the codes and labels of the training images, then we score am on the validation images; we score PCA features wey get the same size, and the raw pixels, the same way. Labels for each class: how many labelled images from each class we give am. Autoencoder wey we train without labels dey useful because of this: im codes fit still score well even when labels no plenty.</translation>
    </message>
    <message>
      <source>features</source>
      <translation>which features</translation>
    </message>
    <message>
      <source>validation accuracy</source>
      <translation>accuracy for validation</translation>
    </message>
    <message>
      <source>Accuracy against labels per class</source>
      <translation>Accuracy follow labels for each class</translation>
    </message>
    <message>
      <source>labels per class</source>
      <translation>labels for each class</translation>
    </message>
    <message>
      <source>Results CSV…</source>
      <translation>Results as CSV…</translation>
    </message>
    <message>
      <source>Plot PNG…</source>
      <translation>Plot as PNG…</translation>
    </message>
    <message>
      <source>Save probe results</source>
      <translation>Keep the probe results</translation>
    </message>
    <message>
      <source>Save plot</source>
      <translation>Keep the plot</translation>
    </message>
    <message>
      <source>Where the codes confuse classes</source>
      <translation>Where the codes dey mix up classes</translation>
    </message>
    <message>
      <source>Linear classifier on {features}</source>
      <translation>Linear classifier wey use {features}</translation>
    </message>
    <message>
      <source>5-nearest-neighbour on the codes</source>
      <translation>5-nearest-neighbour wey use the codes</translation>
    </message>
    <message>
      <source>{numbers} per image. 5-nearest-neighbour accuracy on the codes: {knn}. For a linear classifier the codes score {points} percentage points above PCA features of the same size.</source>
      <translation>{numbers} for each image. 5-nearest-neighbour accuracy for the codes na {knn}. With linear classifier, the codes beat PCA features wey get the same size by {points} percentage points.</translation>
    </message>
    <message>
      <source>{numbers} per image. 5-nearest-neighbour accuracy on the codes: {knn}. For a linear classifier the codes score {points} percentage points below PCA features of the same size.</source>
      <translation>{numbers} for each image. 5-nearest-neighbour accuracy for the codes na {knn}. With linear classifier, the codes fall {points} percentage points behind PCA features wey get the same size.</translation>
    </message>
    <message>
      <source>all</source>
      <translation>all</translation>
    </message>
    <message numerus="yes">
      <source>%n number(s)</source>
      <translation>
        <numerusform>%n number</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ReconstructTab</name>
    <message>
      <source>Dataset order</source>
      <translation>Like the dataset</translation>
    </message>
    <message>
      <source>Worst first</source>
      <translation>Worst one first</translation>
    </message>
    <message>
      <source>Best first</source>
      <translation>Best one first</translation>
    </message>
    <message>
      <source>Shuffled</source>
      <translation>Anyhow</translation>
    </message>
    <message>
      <source>No model yet. Train one in the Train tab, or open an experiment with File › Open experiment…, to see its reconstructions here.</source>
      <translation>Model never dey. Train one for the Train tab, or open experiment with File › Open one experiment…, make you see im reconstructions here.</translation>
    </message>
    <message>
      <source>Bundled demo model ({title}, trained on the bundled MNIST digits) — train your own in the Train tab, or open one with File › Open experiment…</source>
      <translation>Demo model wey come with the app ({title}, dem train am on the MNIST digits wey come with the app) — train your own for the Train tab, or open one with File › Open one experiment…</translation>
    </message>
    <message>
      <source>New noise</source>
      <translation>Fresh noise</translation>
    </message>
    <message>
      <source>Images per page, at most: a small window shows fewer, never tiny ones</source>
      <translation>How many images for one page, at most: small window go show less, but e no go ever show tiny ones</translation>
    </message>
    <message>
      <source>Previous page</source>
      <translation>Page wey dey before</translation>
    </message>
    <message>
      <source>Next page</source>
      <translation>Page wey follow</translation>
    </message>
    <message>
      <source>Error map</source>
      <translation>Where error dey</translation>
    </message>
    <message>
      <source>Noise sweep</source>
      <translation>Sweep noise</translation>
    </message>
    <message>
      <source>Your image…</source>
      <translation>Your own image…</translation>
    </message>
    <message>
      <source>Save PNG…</source>
      <translation>Keep PNG…</translation>
    </message>
    <message>
      <source>Save CSV…</source>
      <translation>Keep CSV…</translation>
    </message>
    <message>
      <source>Back to the dataset</source>
      <translation>Go back to the dataset</translation>
    </message>
    <message>
      <source>Images</source>
      <translation>Images</translation>
    </message>
    <message>
      <source>Class</source>
      <translation>Which class</translation>
    </message>
    <message>
      <source>Order</source>
      <translation>Arrange am</translation>
    </message>
    <message>
      <source>Original</source>
      <translation>Original one</translation>
    </message>
    <message>
      <source>Model input (corrupted)</source>
      <translation>Wetin model see (e don spoil)</translation>
    </message>
    <message>
      <source>Reconstruction</source>
      <translation>The reconstruction</translation>
    </message>
    <message>
      <source>{model}, latent {latent}</source>
      <translation>{model}, latent na {latent}</translation>
    </message>
    <message>
      <source>Model: {source}</source>
      <translation>Model come from {source}</translation>
    </message>
    <message>
      <source>All classes</source>
      <translation>All the classes</translation>
    </message>
    <message>
      <source>The bundled demo model reads {want} digits, and this dataset has {have} images: train a model on it in the Train tab, or open one that fits with File › Open experiment….</source>
      <translation>The demo model wey come with the app dey read {want} digits, but this dataset get {have} images: train model on am for the Train tab, or open one wey fit am with File › Open one experiment….</translation>
    </message>
    <message>
      <source>This model expects {want} images, but the dataset has {have}. Load matching data in the Data tab, or open another model.</source>
      <translation>This model dey expect {want} images, but the dataset get {have}. Load data wey match for the Data tab, or open another model.</translation>
    </message>
    <message>
      <source>Ranking images by reconstruction error…</source>
      <translation>E dey arrange the images follow their reconstruction error…</translation>
    </message>
    <message>
      <source>No validation images to show: the class chosen has none.</source>
      <translation>Validation image no dey to show: the class wey you choose no get any.</translation>
    </message>
    <message>
      <source>Needs labels</source>
      <translation>E need labels</translation>
    </message>
    <message>
      <source>A conditional VAE reconstructs labelled images only.</source>
      <translation>Conditional VAE dey reconstruct only images wey get labels.</translation>
    </message>
    <message>
      <source>Sweeping…</source>
      <translation>E dey sweep…</translation>
    </message>
    <message>
      <source>Could not run the model</source>
      <translation>We no fit run the model</translation>
    </message>
    <message>
      <source>{psnr} dB</source>
      <translation>{psnr} dB</translation>
    </message>
    <message>
      <source>MSE {mse}</source>
      <translation>MSE {mse}</translation>
    </message>
    <message>
      <source>SSIM {ssim}</source>
      <translation>SSIM {ssim}</translation>
    </message>
    <message>
      <source>input {input_psnr} dB → output {output_psnr} dB (gain {gain} dB)</source>
      <translation>input na {input_psnr} dB → output na {output_psnr} dB (gain na {gain} dB)</translation>
    </message>
    <message>
      <source>output PSNR {output_psnr} dB</source>
      <translation>output PSNR na {output_psnr} dB</translation>
    </message>
    <message>
      <source>no SSIM (images under {size}×{size} px)</source>
      <translation>SSIM no dey (images small pass {size}×{size} px)</translation>
    </message>
    <message>
      <source>Page mean: {gain} · MSE {mse} · {structural}</source>
      <translation>Average for this page: {gain} · MSE {mse} · {structural}</translation>
    </message>
    <message>
      <source>your image</source>
      <translation>your own image</translation>
    </message>
    <message>
      <source>page {page} of {pages} ({size} of {wanted} images fit)</source>
      <translation>page {page} from {pages} ({size} from {wanted} images fit enter)</translation>
    </message>
    <message>
      <source>page {page} of {pages}</source>
      <translation>page {page} from {pages}</translation>
    </message>
    <message>
      <source>original</source>
      <translation>original one</translation>
    </message>
    <message>
      <source>model input</source>
      <translation>wetin model see</translation>
    </message>
    <message>
      <source>reconstruction</source>
      <translation>the reconstruction</translation>
    </message>
    <message>
      <source>error</source>
      <translation>the error</translation>
    </message>
    <message>
      <source>Your image {name} — PSNR {psnr} dB, MSE {mse}</source>
      <translation>Your own image {name} — PSNR na {psnr} dB, MSE na {mse}</translation>
    </message>
    <message>
      <source>Image {index} — PSNR {psnr} dB, MSE {mse}</source>
      <translation>Image number {index} — PSNR na {psnr} dB, MSE na {mse}</translation>
    </message>
    <message>
      <source>Reconstruct your image</source>
      <translation>Reconstruct your own image</translation>
    </message>
    <message>
      <source>No model</source>
      <translation>Model no dey</translation>
    </message>
    <message>
      <source>Could not open the image</source>
      <translation>We no fit open the image</translation>
    </message>
    <message>
      <source>Showing your image &lt;b&gt;{name}&lt;/b&gt; (fitted to {width}×{height}), not the dataset. The corruption controls apply to it; paging, class and order go back to the dataset.</source>
      <translation>Na your own image &lt;b&gt;{name}&lt;/b&gt; dey show (we resize am to {width}×{height}), no be the dataset. The "Spoil am" controls dey work on am; if you touch page, class or arrangement, e go go back to the dataset.</translation>
    </message>
    <message>
      <source>Save comparison</source>
      <translation>Keep the comparison</translation>
    </message>
    <message>
      <source>PNG</source>
      <translation>PNG</translation>
    </message>
    <message>
      <source>Save metrics</source>
      <translation>Keep the metrics</translation>
    </message>
    <message>
      <source>CSV</source>
      <translation>CSV</translation>
    </message>
  </context>
  <context>
    <name>ReportWriter</name>
    <message>
      <source>Could not save the report</source>
      <translation>We no fit keep the report</translation>
    </message>
    <message>
      <source>Save the report as an .html file.</source>
      <translation>Make you keep the report as .html file.</translation>
    </message>
    <message>
      <source>Loading the model's data ({dataset}) for the report {name}…</source>
      <translation>E dey load the model data ({dataset}) for the report {name}…</translation>
    </message>
    <message>
      <source>Writing the report {name}…</source>
      <translation>E dey write the report {name}…</translation>
    </message>
    <message>
      <source>Writing {path} failed ({error}).</source>
      <translation>We no fit write enter {path} ({error}).</translation>
    </message>
    <message>
      <source>Saved the report {path}: one file that opens in any browser.</source>
      <translation>We don keep the report {path}: na one file wey any browser fit open.</translation>
    </message>
    <message>
      <source>The model's dataset ({dataset}) now has {shape} images, but the model reads {want}: it has changed since training.</source>
      <translation>The model dataset ({dataset}) get {shape} images now, but the model dey read {want}: the dataset don change since the training.</translation>
    </message>
  </context>
  <context>
    <name>RunProgress</name>
    <message>
      <source>{hours} h {minutes} min</source>
      <translation>{hours} hour {minutes} min</translation>
    </message>
    <message>
      <source>{minutes} min {seconds} s</source>
      <translation>{minutes} min {seconds} sec</translation>
    </message>
    <message>
      <source>{seconds} s</source>
      <translation>{seconds} sec</translation>
    </message>
    <message>
      <source>Finished {epochs} · {done} in all</source>
      <translation>E don finish {epochs} · {done} altogether</translation>
    </message>
    <message>
      <source>Finished {epochs}</source>
      <translation>E don finish {epochs}</translation>
    </message>
    <message>
      <source>Stopped after epoch {done} of {total}</source>
      <translation>E stop after epoch {done} out of {total}</translation>
    </message>
    <message>
      <source>Stopped during epoch {epoch} of {total} · the model stays at epoch {done}</source>
      <translation>E stop for middle of epoch {epoch} out of {total} · the model still dey epoch {done}</translation>
    </message>
    <message>
      <source>Stopped during epoch {epoch} of {total} · no epoch completed</source>
      <translation>E stop for middle of epoch {epoch} out of {total} · no epoch finish</translation>
    </message>
    <message>
      <source>Failed during epoch {epoch} of {total} · epoch {done} is kept</source>
      <translation>E fail for middle of epoch {epoch} out of {total} · we keep epoch {done}</translation>
    </message>
    <message>
      <source>Failed during epoch {epoch} of {total}</source>
      <translation>E fail for middle of epoch {epoch} out of {total}</translation>
    </message>
    <message>
      <source>Ready</source>
      <translation>E don ready</translation>
    </message>
    <message>
      <source>Starting…</source>
      <translation>E dey start…</translation>
    </message>
    <message>
      <source>Epoch {epoch}/{epochs} · batch {step}/{steps}</source>
      <translation>E dey epoch {epoch}/{epochs} · batch {step}/{steps}</translation>
    </message>
    <message>
      <source>{rate} img/s</source>
      <translation>{rate} img/sec</translation>
    </message>
    <message>
      <source>{rate} · ETA {eta}</source>
      <translation>{rate} · e go finish in {eta}</translation>
    </message>
    <message>
      <source>Stopped before the first batch</source>
      <translation>E stop before the first batch</translation>
    </message>
    <message>
      <source>Failed before the first batch</source>
      <translation>E fail before the first batch</translation>
    </message>
    <message numerus="yes">
      <source>%n more epoch(s)</source>
      <translation>
        <numerusform>%n extra epoch</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n epoch(s)</source>
      <translation>
        <numerusform>%n epoch</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>RunTableModel</name>
    <message>
      <source>running</source>
      <translation>e dey run</translation>
    </message>
    <message>
      <source>finished</source>
      <translation>e don finish</translation>
    </message>
    <message>
      <source>stopped</source>
      <translation>e don stop</translation>
    </message>
    <message>
      <source>failed</source>
      <translation>e fail</translation>
    </message>
    <message>
      <source>unreadable</source>
      <translation>no fit read am</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>E name</translation>
    </message>
    <message>
      <source>The run's name: its folder's, unless renamed (Rename…).</source>
      <translation>The run name: na im folder name, unless you rename am (Rename am…).</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Running, finished, stopped or failed; point at it to read how it ended.</source>
      <translation>E dey run, e don finish, e don stop or e fail; point mouse for am make you read how e take end.</translation>
    </message>
    <message>
      <source>Started</source>
      <translation>E start</translation>
    </message>
    <message>
      <source>When the run started.</source>
      <translation>When the run start.</translation>
    </message>
    <message>
      <source>Dataset</source>
      <translation>Dataset</translation>
    </message>
    <message>
      <source>The data it trained on.</source>
      <translation>The data wey e take train.</translation>
    </message>
    <message>
      <source>Model</source>
      <translation>Model</translation>
    </message>
    <message>
      <source>The model kind.</source>
      <translation>Wetin kind model e be.</translation>
    </message>
    <message>
      <source>Latent</source>
      <translation>Latent</translation>
    </message>
    <message>
      <source>The latent (code) size.</source>
      <translation>How big the latent (code) be.</translation>
    </message>
    <message>
      <source>Task</source>
      <translation>Work</translation>
    </message>
    <message>
      <source>What it learned: reconstruct, denoise, inpaint, …</source>
      <translation>Wetin e learn: reconstruct, remove noise, inpaint, …</translation>
    </message>
    <message>
      <source>Epochs</source>
      <translation>Epochs</translation>
    </message>
    <message>
      <source>Epochs trained, of those planned.</source>
      <translation>The epochs wey e don train, out of the ones wey we plan.</translation>
    </message>
    <message>
      <source>Val MSE</source>
      <translation>Val MSE</translation>
    </message>
    <message>
      <source>Final validation mean squared error (lower is better).</source>
      <translation>The last validation mean squared error (when e low, e better).</translation>
    </message>
    <message>
      <source>Val PSNR</source>
      <translation>Val PSNR</translation>
    </message>
    <message>
      <source>Final validation PSNR in dB (higher is better).</source>
      <translation>The last validation PSNR for dB (when e high, e better).</translation>
    </message>
    <message>
      <source>Tags</source>
      <translation>Tags</translation>
    </message>
    <message>
      <source>Your tags (Tags…).</source>
      <translation>The tags wey you put (Tag am…).</translation>
    </message>
    <message>
      <source>{value}: the last epoch's validation (the run ended before its final measurement; 'aegui eval {folder}' measures it)</source>
      <translation>{value}: na the validation from the last epoch (the run end before e do im final measurement; 'aegui eval {folder}' go measure am)</translation>
    </message>
  </context>
  <context>
    <name>RunsTab</name>
    <message>
      <source>Could not list the runs</source>
      <translation>We no fit list the runs</translation>
    </message>
    <message>
      <source>Filter: name, model, tag, status…</source>
      <translation>Find am: name, model, tag, status…</translation>
    </message>
    <message>
      <source>Show the runs whose columns contain every word typed.</source>
      <translation>Show the runs wey their columns get every word wey you type.</translation>
    </message>
    <message>
      <source>Folders</source>
      <translation>Folder dem</translation>
    </message>
    <message>
      <source>Where runs are looked for: the app's own runs folder and any you add (a folder of 'aegui train' runs, a cluster's output on a shared disk).</source>
      <translation>Where we dey look for runs: the app own runs folder and any one wey you add (folder of 'aegui train' runs, or cluster output for shared disk).</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>Open am</translation>
    </message>
    <message>
      <source>Open the selected run as the current experiment (or double-click it).</source>
      <translation>Open the run wey you select as the experiment wey dey now (or double-click am).</translation>
    </message>
    <message>
      <source>Rename…</source>
      <translation>Rename am…</translation>
    </message>
    <message>
      <source>Give the run a name of your own; its folder keeps its name (F2).</source>
      <translation>Give the run your own name; im folder go keep im own name (F2).</translation>
    </message>
    <message>
      <source>Tags…</source>
      <translation>Tag am…</translation>
    </message>
    <message>
      <source>Tag the selected runs (comma-separated), to find them with the filter.</source>
      <translation>Put tag for the runs wey you select (separate dem with comma), make you fit find dem with the filter.</translation>
    </message>
    <message>
      <source>Delete…</source>
      <translation>Delete am…</translation>
    </message>
    <message>
      <source>Move the selected runs' folders to the trash, after asking (Delete).</source>
      <translation>Move the folders of the runs wey you select go trash, after we ask you (Delete).</translation>
    </message>
    <message>
      <source>Compare</source>
      <translation>Compare dem</translation>
    </message>
    <message>
      <source>Latent-size study</source>
      <translation>Study latent size</translation>
    </message>
    <message>
      <source>Listing runs…</source>
      <translation>E dey list the runs…</translation>
    </message>
    <message>
      <source>{shown} of {runs}</source>
      <translation>{shown} from {runs}</translation>
    </message>
    <message>
      <source>{runs} · {running} running</source>
      <translation>{runs} · {running} dey run</translation>
    </message>
    <message>
      <source>Rename run</source>
      <translation>Change the run name</translation>
    </message>
    <message>
      <source>Name (empty keeps the folder's name):</source>
      <translation>Name (if e empty, e go keep the folder name):</translation>
    </message>
    <message>
      <source>Tag runs</source>
      <translation>Put tag for runs</translation>
    </message>
    <message>
      <source>Tags for {runs}, separated by commas:</source>
      <translation>Tags for {runs}, separate dem with comma:</translation>
    </message>
    <message>
      <source>Could not change the run</source>
      <translation>We no fit change the run</translation>
    </message>
    <message>
      <source>Writing to {folder} failed ({reason}).</source>
      <translation>We no fit write enter {folder} ({reason}).</translation>
    </message>
    <message>
      <source>Could not delete</source>
      <translation>We no fit delete am</translation>
    </message>
    <message>
      <source>{names} is still being trained; stop it first.</source>
      <translation>{names} still dey train; stop am first.</translation>
    </message>
    <message>
      <source>Delete runs</source>
      <translation>Delete the runs</translation>
    </message>
    <message>
      <source>Move {runs} to the trash?

{names}</source>
      <translation>Make we move {runs} go trash?

{names}</translation>
    </message>
    <message>
      <source>No trash</source>
      <translation>Trash no dey</translation>
    </message>
    <message>
      <source>These runs cannot be moved to a trash here. Delete them for good?</source>
      <translation>We no fit move these runs go trash for here. Make we delete dem forever?</translation>
    </message>
    <message>
      <source>Removing {folder} failed ({reason}).</source>
      <translation>We no fit comot {folder} ({reason}).</translation>
    </message>
    <message>
      <source>Moved {runs} to the trash.</source>
      <translation>We don move {runs} go trash.</translation>
    </message>
    <message>
      <source>Deleted {runs}.</source>
      <translation>We don delete {runs}.</translation>
    </message>
    <message>
      <source>Add folder…</source>
      <translation>Add one folder…</translation>
    </message>
    <message>
      <source>{folder} (the app's runs)</source>
      <translation>{folder} (the app own runs)</translation>
    </message>
    <message>
      <source>Stop listing {folder}</source>
      <translation>Comot {folder} from the list</translation>
    </message>
    <message>
      <source>Add a folder of runs</source>
      <translation>Add one folder wey get runs</translation>
    </message>
    <message>
      <source>Show folder</source>
      <translation>Show the folder</translation>
    </message>
    <message numerus="yes">
      <source>%n run(s)</source>
      <translation>
        <numerusform>%n run</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>SettingTips</name>
    <message>
      <source>What the network is. Dense models flatten the image (quick, fine for 28×28 digits); convolutional ones keep its 2-D layout and do better from 32×32 up. A VAE (variational autoencoder) learns a smooth latent space you can sample new images from; the conditional VAE is also told each image's class (labelled data with 2 or more classes).</source>
      <translation>Wetin the network be. Dense models dey flatten the image (e quick, e good for 28×28 digits); convolutional ones dey keep im 2-D layout and dem dey do better from 32×32 go up. VAE (variational autoencoder) dey learn smooth latent space wey you fit sample new images from; the conditional VAE dey also know each image class (labelled data wey get 2 or more classes).</translation>
    </message>
    <message>
      <source>What the model learns to undo: it sees a corrupted image and is scored against the clean one. Reconstruct: no corruption. Denoise: Gaussian noise (σ up to {noise}). Inpaint: a masked rectangle (up to {mask} of the image). Deblur: Gaussian blur (σ up to {blur} pixels). Super-resolve: downscaled by a factor of {low}–{high}. Colorize: grey input, RGB data only.</source>
      <translation>Wetin the model dey learn to undo: e go see image wey don spoil, and we go score am against the clean one. Reconstruct: no spoil. Remove noise: Gaussian noise (σ wey fit reach {noise}). Inpaint: we cover one rectangle (e fit reach {mask} of the image). Remove blur: Gaussian blur (σ wey fit reach {blur} pixels). Super-resolve: we shrink am by factor {low}–{high}. Add colour: black and white input, na only RGB data.</translation>
    </message>
    <message>
      <source>Noise σ: the standard deviation of the Gaussian noise added to every pixel (pixels run from 0 to 1).</source>
      <translation>Noise σ: the standard deviation of the Gaussian noise wey we add to every pixel (pixels dey run from 0 reach 1).</translation>
    </message>
    <message>
      <source>0.3–0.5 is clearly visible yet learnable</source>
      <translation>0.3–0.5 dey show well, but the model still fit learn am</translation>
    </message>
    <message>
      <source>Flipped fraction p: the share of pixels set to black or white.</source>
      <translation>Flipped fraction p: the share of pixels wey we turn to black or white.</translation>
    </message>
    <message>
      <source>0.1–0.3 is a good start</source>
      <translation>0.1–0.3 na good place to start</translation>
    </message>
    <message>
      <source>Masked area fraction: how much of the image one rectangle hides.</source>
      <translation>Masked area fraction: how much of the image one rectangle dey cover.</translation>
    </message>
    <message>
      <source>0.25 hides a quarter</source>
      <translation>0.25 dey cover one quarter</translation>
    </message>
    <message>
      <source>Blur σ in pixels: the width of the Gaussian blur.</source>
      <translation>Blur σ for pixels: how wide the Gaussian blur be.</translation>
    </message>
    <message>
      <source>1–2 pixels clearly blurs 28×28 digits</source>
      <translation>1–2 pixels go blur 28×28 digits well well</translation>
    </message>
    <message>
      <source>Downscale factor: the image is shrunk by this factor, then scaled back up.</source>
      <translation>Downscale factor: we go shrink the image by this factor, then make am big again.</translation>
    </message>
    <message>
      <source>2 halves the resolution, 4 quarters it</source>
      <translation>2 dey cut the resolution into half, 4 dey cut am into quarter</translation>
    </message>
    <message>
      <source>This task has no level (it stays at 0). Denoise, inpaint, deblur and super-resolve have one, e.g. noise σ up to {noise}.</source>
      <translation>This work no get level (e dey stay for 0). Remove noise, inpaint, remove blur and super-resolve get one, like noise σ wey reach {noise}.</translation>
    </message>
    <message>
      <source>{meaning} Range {low}–{high}; {advice}.</source>
      <translation>{meaning} E fit be {low}–{high}; {advice}.</translation>
    </message>
    <message>
      <source>Latent size: how many numbers each image is squeezed into. 2 lets the Latent tab plot the codes directly; 8–32 reconstructs far better. Range 1–{max}.</source>
      <translation>Latent numbers: how many numbers we go squeeze each image into. 2 go make the Latent tab plot the codes straight; 8–32 dey reconstruct much better. E fit be 1–{max}.</translation>
    </message>
    <message>
      <source>Width: channels of the first convolution stage (doubling at each further stage); dense models get 16× this many units in their first layer. Range {min}–{max}; 16–64 is typical, and wider trains slower.</source>
      <translation>Width: channels for the first convolution stage (e dey double for every stage wey follow); dense models go get 16× this many units for their first layer. E fit be {min}–{max}; 16–64 na normal, and if e wide pass, e go train slow.</translation>
    </message>
    <message>
      <source>Depth: how many stages (each convolution stage halves the image size) or dense layers. Auto halves the image down to 8×8 or less (2 stages for 28–32 px, 3 for 64, 4 for 128) and gives dense models 2 layers. Range 1–6.</source>
      <translation>Depth: how many stages (each convolution stage dey cut the image size into half) or dense layers. Auto dey halve the image until e reach 8×8 or less (2 stages for 28–32 px, 3 for 64, 4 for 128) and e dey give dense models 2 layers. E fit be 1–6.</translation>
    </message>
    <message>
      <source>Layout of the convolutional models. Residual blocks with GroupNorm suit photos and behave the same at any batch size; the plain layout is aegui's first, which older runs use. BatchNorm is the option for either.</source>
      <translation>How the convolutional models dey arrange. Residual blocks wey get GroupNorm dey fit photos and dem dey behave the same for any batch size; the simple layout na aegui first one, wey old runs dey use. BatchNorm fit go with any of the two.</translation>
    </message>
    <message>
      <source>More epochs: how many epochs to train on top of the model's {epochs}. Range 1–10,000.</source>
      <translation>Epochs wey we go add: how many epochs we go train on top the {epochs} wey the model don get. E fit be 1–10,000.</translation>
    </message>
    <message>
      <source>Epochs: full passes over the training images. Range 1–10,000; 10–30 is enough for MNIST digits. To train an existing model further, tick Continue: this then counts the additional epochs.</source>
      <translation>Epochs: how many times the training go pass through all the training images. E fit be 1–10,000; 10–30 dey enough for MNIST digits. To train model wey dey already go further, tick Continue: then this one go count the extra epochs.</translation>
    </message>
    <message>
      <source>Batch size: images per optimisation step. Range 1–8,192; 64–256 is typical. Larger batches train faster on a GPU but need more memory: if it runs out, halve this.</source>
      <translation>Batch size: how many images for each optimisation step. E fit be 1–8,192; 64–256 na normal. Big batches dey train faster for GPU but dem need more memory: if memory finish, cut this one into half.</translation>
    </message>
    <message>
      <source>Learning rate: the optimizer's step size. Range 0.00001–10; 0.001 suits Adam, 0.01–0.1 suits SGD. Too high makes the loss jump about or turn NaN.</source>
      <translation>Learning rate: how big the optimizer step be. E fit be 0.00001–10; 0.001 good for Adam, 0.01–0.1 good for SGD. If e too high, the loss go dey jump up and down or turn NaN.</translation>
    </message>
    <message>
      <source>Adam adapts the step of every weight and works at a learning rate of 0.001 almost always. SGD (with momentum 0.9) needs a larger rate, about 0.01–0.1, and more care.</source>
      <translation>Adam dey adjust the step for every weight, and e dey work with learning rate 0.001 almost every time. SGD (with momentum 0.9) need bigger rate, like 0.01–0.1, and more care.</translation>
    </message>
    <message>
      <source>How a reconstruction is scored, summed over the pixels of each image. Binary cross-entropy suits mostly black-and-white images such as digits and is the usual VAE choice; mean squared error suits photos and gives smaller numbers (0 is perfect).</source>
      <translation>How we dey score reconstruction: we add am up over all the pixels of each image. Binary cross-entropy good for images wey be mostly black and white like digits, and na wetin VAE dey normally use; mean squared error good for photos and e dey give smaller numbers (0 mean perfect).</translation>
    </message>
    <message>
      <source>β: the weight of a VAE's KL term, which pulls the codes towards a standard normal distribution. 1 is the standard VAE; 0.1–0.5 gives sharper reconstructions, 2–10 a smoother latent space. Range 0–100. VAEs only.</source>
      <translation>β: how much the KL term of VAE weigh; e dey pull the codes go towards standard normal distribution. 1 na the standard VAE; 0.1–0.5 go give sharper reconstructions, 2–10 go give smoother latent space. E fit be 0–100. Na only for VAEs.</translation>
    </message>
    <message>
      <source>KL warm-up: ramp β up from 0 over this many epochs, so the model learns to reconstruct before the KL term pulls the codes together. 0 turns it off; 5–10 is typical. Range 0–1,000. VAEs only.</source>
      <translation>KL warm-up: make β climb from 0 over this many epochs, so the model go learn to reconstruct before the KL term start to pull the codes together. 0 go off am; 5–10 na normal. E fit be 0–1,000. Na only for VAEs.</translation>
    </message>
    <message>
      <source>Seeds the initial weights, the batch order and the noise: the same seed and settings repeat a run. Any whole number from 0 to 2,147,483,647. The split has its own seed, in the Data tab.</source>
      <translation>E dey seed the first weights, the batch order and the noise: the same seed and settings go repeat the same run. Any whole number from 0 reach 2,147,483,647. The split get im own seed, for the Data tab.</translation>
    </message>
    <message>
      <source>Where the model trains. CUDA (an NVIDIA GPU) is often 10–50× faster than the CPU for convolutional models; MPS is the GPU of Apple silicon Macs.</source>
      <translation>Where the model dey train. CUDA (NVIDIA GPU) fit fast pass the CPU by 10–50× for convolutional models; MPS na the GPU for Apple silicon Macs.</translation>
    </message>
    <message>
      <source>Automatic mixed precision: compute in 16-bit floats on a CUDA GPU, often 1.5–3× faster and using about half the memory. bfloat16 where the GPU has it (Ampere and newer), float16 with loss scaling otherwise. It has no effect on the CPU or MPS.</source>
      <translation>Automatic mixed precision: e dey compute with 16-bit floats for CUDA GPU; e fit fast pass by 1.5–3× and e dey use about half the memory. bfloat16 where the GPU get am (Ampere and the newer ones), float16 with loss scaling if not. E no dey do anything for CPU or MPS.</translation>
    </message>
    <message>
      <source>Compile the model with torch.compile before training: the first batches wait for the compiler (10–60 seconds), later ones run faster, most of all on a GPU. The results are the same. It needs a C++ compiler on the CPU.</source>
      <translation>Compile the model with torch.compile before training: the first batches go wait for the compiler (10–60 seconds), the ones wey follow go run faster, mostly for GPU. The results go be the same. E need C++ compiler for CPU.</translation>
    </message>
  </context>
  <context>
    <name>SlidersPanel</name>
    <message>
      <source>Move a slider to decode.</source>
      <translation>Move one slider make e decode.</translation>
    </message>
    <message>
      <source>Origin</source>
      <translation>The origin</translation>
    </message>
    <message>
      <source>Selected point</source>
      <translation>Point wey you pick</translation>
    </message>
    <message>
      <source>Centre on</source>
      <translation>Centre am for</translation>
    </message>
    <message>
      <source>Sliders for the first {shown} of {count} dimensions; the rest stay at the base point.</source>
      <translation>Slider dem for the first {shown} from {count} dimensions; the rest dey stay for the base point.</translation>
    </message>
    <message>
      <source>sliders</source>
      <translation>slider dem</translation>
    </message>
  </context>
  <context>
    <name>SourcePicker</name>
    <message>
      <source>Bundled MNIST (10,000 digits)</source>
      <translation>MNIST wey dey the app (10,000 digits)</translation>
    </message>
    <message>
      <source>torchvision dataset</source>
      <translation>dataset from torchvision</translation>
    </message>
    <message>
      <source>Image folder</source>
      <translation>Folder wey get images</translation>
    </message>
    <message>
      <source>Array file (npz/npy/IDX)</source>
      <translation>File wey get arrays (npz/npy/IDX)</translation>
    </message>
    <message>
      <source>Where the images come from</source>
      <translation>Where the images dey come from</translation>
    </message>
  </context>
  <context>
    <name>SplitControls</name>
    <message>
      <source>Split</source>
      <translation>How we split am</translation>
    </message>
    <message>
      <source>Share of the images held out to measure validation loss</source>
      <translation>How many of the images we go keep for side to measure validation loss</translation>
    </message>
    <message>
      <source>The same seed always gives the same split, whatever the training seed</source>
      <translation>The same seed go always give the same split, no matter the training seed</translation>
    </message>
    <message>
      <source>Validation</source>
      <translation>For validation</translation>
    </message>
    <message>
      <source>Split seed</source>
      <translation>Seed for split</translation>
    </message>
    <message>
      <source>Train on</source>
      <translation>E go train on</translation>
    </message>
    <message>
      <source>Could not keep those classes</source>
      <translation>We no fit keep those classes</translation>
    </message>
    <message>
      <source>Could not split the dataset</source>
      <translation>We no fit split the dataset</translation>
    </message>
  </context>
  <context>
    <name>StudyPanel</name>
    <message>
      <source>The size of the code: how far the images are squeezed. PCA's curve is drawn beside it.</source>
      <translation>The size of the code: how much we squeeze the images. We draw the PCA curve for im side.</translation>
    </message>
    <message>
      <source>The width of the model's layers.</source>
      <translation>How wide the model layers be.</translation>
    </message>
    <message>
      <source>β, the weight of the KL term of a VAE: a smoother latent space against sharper images.</source>
      <translation>β, how much the KL term of VAE weigh: smoother latent space for one side, sharper images for the other side.</translation>
    </message>
    <message>
      <source>How strongly the input is corrupted (denoising, inpainting and the other tasks).</source>
      <translation>How strong we spoil the input (remove noise, inpaint and the other work dem).</translation>
    </message>
    <message>
      <source>Train one short run per value, one after another, on the loaded data with the Train tab's settings. Each run is kept in the app's runs folder.</source>
      <translation>Train one short run for each value, one after the other, on the data wey don load, with the settings wey dey the Train tab. We go keep each run for the app runs folder.</translation>
    </message>
    <message>
      <source>A study waits for the training run to end: both at once would each run at half speed.</source>
      <translation>Study go wait make the training run finish: if the two run together, each one go run for half speed.</translation>
    </message>
    <message>
      <source>Load the data in the Data tab first: a study trains on the loaded images.</source>
      <translation>Load the data for the Data tab first: study dey train on the images wey don load.</translation>
    </message>
    <message>
      <source>The Data tab's settings changed since its data was loaded: load the data again first.</source>
      <translation>The Data tab settings don change since the data load: load the data again first.</translation>
    </message>
    <message>
      <source>Give the values of the {setting} to try, separated by commas, such as {example}.</source>
      <translation>Give the values for {setting} wey you wan try, separate dem with comma, like {example}.</translation>
    </message>
    <message>
      <source>“{value}” is not a number: give the values of the {setting} to try, separated by commas, such as {example}.</source>
      <translation>“{value}” no be number: give the values for {setting} wey you wan try, separate dem with comma, like {example}.</translation>
    </message>
    <message>
      <source>The {setting} is a whole number, not {value}.</source>
      <translation>The {setting} na whole number, e no fit be {value}.</translation>
    </message>
    <message>
      <source>Open the selected point's run as the current experiment (or double-click the point).</source>
      <translation>Open the run of the point wey you select as the experiment wey dey now (or double-click the point).</translation>
    </message>
    <message>
      <source>The setting the study varies; every other setting is the Train tab's.</source>
      <translation>The setting wey the study dey change; all the other settings na the ones for the Train tab.</translation>
    </message>
    <message>
      <source>The values to try, separated by commas: one short run each.</source>
      <translation>The values wey you wan try, separate dem with comma: one short run for each one.</translation>
    </message>
    <message>
      <source>Epochs each run trains: a few show the trend in a fraction of the time.</source>
      <translation>How many epochs each run go train: small number don do to show which way e dey go, and e no go take long.</translation>
    </message>
    <message>
      <source>Start</source>
      <translation>Start am</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Leave am</translation>
    </message>
    <message>
      <source>Stop after the current batch; the runs that finished are kept.</source>
      <translation>Stop after the batch wey dey run now; we go keep the runs wey don finish.</translation>
    </message>
    <message>
      <source>Open study…</source>
      <translation>Open one study…</translation>
    </message>
    <message>
      <source>Show a study saved earlier: pick the folder that holds its sweep.json.</source>
      <translation>Show study wey you don keep before: choose the folder wey hold im sweep.json.</translation>
    </message>
    <message>
      <source>Open run</source>
      <translation>Open the run</translation>
    </message>
    <message>
      <source>Pick a setting and the values to try, then Start.</source>
      <translation>Choose one setting and the values wey you wan try, then press "Start am".</translation>
    </message>
    <message>
      <source>Setting</source>
      <translation>Which setting</translation>
    </message>
    <message>
      <source>Values</source>
      <translation>Which values</translation>
    </message>
    <message>
      <source>Epochs per run</source>
      <translation>Epochs for each run</translation>
    </message>
    <message>
      <source>A study is running: cancel it first.</source>
      <translation>One study dey run: stop am first.</translation>
    </message>
    <message>
      <source>Could not start the study</source>
      <translation>We no fit start the study</translation>
    </message>
    <message>
      <source>Measuring PCA and preparing the runs…</source>
      <translation>E dey measure PCA and prepare the runs…</translation>
    </message>
    <message>
      <source>Preparing the runs…</source>
      <translation>E dey prepare the runs…</translation>
    </message>
    <message>
      <source>Stopping after the current batch…</source>
      <translation>E go stop after the batch wey dey run now…</translation>
    </message>
    <message>
      <source>Could not open the study</source>
      <translation>We no fit open the study</translation>
    </message>
    <message>
      <source>{study}: {done} of {runs} finished; it was stopped.</source>
      <translation>{study}: {done} from {runs} don finish; dem stop am.</translation>
    </message>
    <message>
      <source>{study}: {done} of {runs} finished; it ended before its last run.</source>
      <translation>{study}: {done} from {runs} don finish; e end before im last run.</translation>
    </message>
    <message>
      <source>{study}: {done} of {runs} finished.</source>
      <translation>{study}: {done} from {runs} don finish.</translation>
    </message>
    <message>
      <source>{status} The folder of {runs} ({folders}) is gone, deleted or moved: its point stays on the plot but cannot be opened.</source>
      <translation>{status} The folder of {runs} ({folders}) no dey again, dem don delete am or move am: im point go stay for the plot but you no fit open am.</translation>
    </message>
    <message>
      <source>{runs} to train…</source>
      <translation>{runs} dey wait to train…</translation>
    </message>
    <message>
      <source>{run} · starting</source>
      <translation>{run} · e dey start</translation>
    </message>
    <message>
      <source>{run} · epoch {epoch} of {epochs}</source>
      <translation>{run} · epoch {epoch} from {epochs}</translation>
    </message>
    <message>
      <source>{run} · epoch {epoch} of {epochs} done</source>
      <translation>{run} · epoch {epoch} from {epochs} don finish</translation>
    </message>
    <message>
      <source>Stopped after {done} of {runs}; the finished runs are kept.</source>
      <translation>E stop after {done} from {runs}; we keep the runs wey don finish.</translation>
    </message>
    <message>
      <source>Finished {runs} in {took}.</source>
      <translation>E finish {runs} inside {took}.</translation>
    </message>
    <message>
      <source>Finished {done} of {runs} in {took}; {setting} {value} failed: {message}</source>
      <translation>E finish {done} from {runs} inside {took}; {setting} {value} fail: {message}</translation>
    </message>
    <message>
      <source>The study stopped</source>
      <translation>The study don stop</translation>
    </message>
    <message>
      <source>The study stopped; the finished runs are kept.</source>
      <translation>The study don stop; we keep the runs wey don finish.</translation>
    </message>
    <message>
      <source>The study could not start.</source>
      <translation>The study no fit start.</translation>
    </message>
    <message>
      <source>Run {number} of {total} · {setting} {value}</source>
      <translation>Run {number} from {total} · {setting} {value}</translation>
    </message>
    <message>
      <source>Open a study (the folder holding sweep.json)</source>
      <translation>Open one study (the folder wey hold sweep.json)</translation>
    </message>
    <message>
      <source>This point's run folder is no longer in the study's folder (deleted or moved), so there is no model to open; its numbers are kept in sweep.json.</source>
      <translation>The run folder for this point no dey inside the study folder again (dem delete am or move am), so model no dey to open; we still keep im numbers for sweep.json.</translation>
    </message>
    <message numerus="yes">
      <source>%n run(s)</source>
      <translation>
        <numerusform>%n run</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>SweepPlot</name>
    <message>
      <source>PSNR (dB)</source>
      <translation>PSNR (dB)</translation>
    </message>
    <message>
      <source>corrupted input</source>
      <translation>input wey don spoil</translation>
    </message>
    <message>
      <source>reconstruction</source>
      <translation>the reconstruction</translation>
    </message>
    <message>
      <source>level</source>
      <translation>how strong</translation>
    </message>
    <message>
      <source>Noise sweep: {kind}</source>
      <translation>We sweep the noise: {kind}</translation>
    </message>
  </context>
  <context>
    <name>TimelinePanel</name>
    <message>
      <source>Play</source>
      <translation>Play am</translation>
    </message>
    <message>
      <source>Train a model to replay its latent space epoch by epoch.</source>
      <translation>Train one model make you fit replay im latent space epoch by epoch.</translation>
    </message>
    <message>
      <source>Epoch {epoch} of {epochs}: {count} validation images</source>
      <translation>Epoch {epoch} from {epochs}: {count} validation images</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>Hold am small</translation>
    </message>
  </context>
  <context>
    <name>TorchrunRun</name>
    <message>
      <source>torchrun could not start: {error}</source>
      <translation>torchrun no fit start: {error}</translation>
    </message>
    <message>
      <source>A training process was ended by {name} (signal {number}); the last whole epoch is kept in the run folder.</source>
      <translation>{name} (signal {number}) don end one training process; we keep the last full epoch for the run folder.</translation>
    </message>
    <message>
      <source>A training process exited with code {code} without saying why; the last whole epoch is kept in the run folder, and torchrun's output is in the log file.</source>
      <translation>One training process comot with code {code} and e no talk why; we keep the last full epoch for the run folder, and wetin torchrun write dey inside the log file.</translation>
    </message>
  </context>
  <context>
    <name>TorchvisionPanel</name>
    <message>
      <source>Which classic dataset to load (train and test parts)</source>
      <translation>Which classic dataset you wan load (train and test parts)</translation>
    </message>
    <message>
      <source>dataset folder</source>
      <translation>folder for dataset</translation>
    </message>
    <message>
      <source>Folder that holds (or will hold) the downloaded files</source>
      <translation>Folder wey dey hold (or go hold) the files wey you download</translation>
    </message>
    <message>
      <source>Download if missing</source>
      <translation>Download am if e no dey</translation>
    </message>
    <message>
      <source>Fetch the files from the internet if the folder lacks them</source>
      <translation>Bring the files from internet if dem no dey the folder</translation>
    </message>
    <message>
      <source>Dataset</source>
      <translation>Which dataset</translation>
    </message>
    <message>
      <source>Folder</source>
      <translation>Which folder</translation>
    </message>
  </context>
  <context>
    <name>TrainTab</name>
    <message>
      <source>Reconstruct (no corruption)</source>
      <translation>Reconstruct (no spoil am)</translation>
    </message>
    <message>
      <source>Denoise (Gaussian noise)</source>
      <translation>Remove noise (Gaussian noise)</translation>
    </message>
    <message>
      <source>Inpaint (masked rectangle)</source>
      <translation>Inpaint (cover one rectangle)</translation>
    </message>
    <message>
      <source>Deblur (Gaussian blur)</source>
      <translation>Remove blur (Gaussian blur)</translation>
    </message>
    <message>
      <source>Super-resolve (downscaled)</source>
      <translation>Super-resolve (we shrink am)</translation>
    </message>
    <message>
      <source>Colorize (grayscale input, RGB data)</source>
      <translation>Add colour (from black and white)</translation>
    </message>
    <message>
      <source>Level</source>
      <translation>How strong</translation>
    </message>
    <message>
      <source>Auto</source>
      <translation>Auto</translation>
    </message>
    <message>
      <source>Epochs</source>
      <translation>How many epochs</translation>
    </message>
    <message>
      <source>SGD with momentum</source>
      <translation>SGD wey get momentum</translation>
    </message>
    <message>
      <source>Binary cross-entropy</source>
      <translation>Binary cross-entropy (BCE)</translation>
    </message>
    <message>
      <source>Mean squared error</source>
      <translation>Mean squared error (MSE)</translation>
    </message>
    <message>
      <source>AMP</source>
      <translation>Use AMP</translation>
    </message>
    <message>
      <source>Compile</source>
      <translation>Compile am</translation>
    </message>
    <message>
      <source>Continue from the current model</source>
      <translation>Continue the model wey dey now</translation>
    </message>
    <message>
      <source>Keep training the model of the last run or opened experiment: Epochs then counts the epochs to add (1–10,000).</source>
      <translation>Make the model from the last run or the experiment wey you open continue to train: then "How many epochs" go count the epochs wey we go add (1–10,000).</translation>
    </message>
    <message>
      <source>Model and task</source>
      <translation>Model and the work</translation>
    </message>
    <message>
      <source>Model</source>
      <translation>Which model</translation>
    </message>
    <message>
      <source>Task</source>
      <translation>Which work</translation>
    </message>
    <message>
      <source>Latent dimensions</source>
      <translation>Latent numbers</translation>
    </message>
    <message>
      <source>Width</source>
      <translation>How wide</translation>
    </message>
    <message>
      <source>Depth</source>
      <translation>How deep</translation>
    </message>
    <message>
      <source>Layout</source>
      <translation>How e arrange</translation>
    </message>
    <message>
      <source>Optimisation</source>
      <translation>How e dey learn</translation>
    </message>
    <message>
      <source>Batch size</source>
      <translation>How big batch</translation>
    </message>
    <message>
      <source>Learning rate</source>
      <translation>How fast e learn</translation>
    </message>
    <message>
      <source>Optimizer</source>
      <translation>Which optimizer</translation>
    </message>
    <message>
      <source>Loss</source>
      <translation>Which loss</translation>
    </message>
    <message>
      <source>β (KL weight)</source>
      <translation>β (how KL weigh)</translation>
    </message>
    <message>
      <source>KL warm-up (epochs)</source>
      <translation>KL warm-up (epochs)</translation>
    </message>
    <message>
      <source>Device</source>
      <translation>Which device</translation>
    </message>
    <message>
      <source>Training seed</source>
      <translation>Seed for training</translation>
    </message>
    <message>
      <source>1 trains in this window. More starts torchrun with that many processes (one per GPU, or 2 on the CPU to try it): the batch size is the global batch, the curves come from the run folder, and the run cannot pause.</source>
      <translation>1 dey train inside this window. If you put more, e go start torchrun with that many processes (one for each GPU, or 2 for CPU if you wan try am): the batch size na the global batch, the curves go come from the run folder, and the run no fit hold small.</translation>
    </message>
    <message>
      <source>Processes</source>
      <translation>Process dem</translation>
    </message>
    <message>
      <source>Train</source>
      <translation>Train am</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>Hold am small</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>Stop</translation>
    </message>
    <message>
      <source>Stop after this batch and keep the last completed epoch</source>
      <translation>Stop after this batch and keep the last epoch wey finish</translation>
    </message>
    <message>
      <source>Train the current model further, on the data and split it was trained on.</source>
      <translation>Make the model wey dey now train more, on the same data and split wey e take train before.</translation>
    </message>
    <message>
      <source>The model was trained on {dataset}: load it in the Data tab to continue training it.</source>
      <translation>Dem train this model on {dataset}: load am for the Data tab make you fit continue to train am.</translation>
    </message>
    <message>
      <source>Continuing keeps the model's shape; untick Continue to change it.</source>
      <translation>If you continue, the model shape go remain the same; untick Continue if you wan change am.</translation>
    </message>
    <message>
      <source>Train {epochs}</source>
      <translation>Train for {epochs}</translation>
    </message>
    <message>
      <source>Train from scratch ({epochs})</source>
      <translation>Train am from the beginning ({epochs})</translation>
    </message>
    <message>
      <source>More epochs</source>
      <translation>Extra epochs</translation>
    </message>
    <message>
      <source>Resume</source>
      <translation>Continue</translation>
    </message>
    <message>
      <source>Go on training</source>
      <translation>Make training continue</translation>
    </message>
    <message>
      <source>Pause between two batches</source>
      <translation>Hold am small between two batches</translation>
    </message>
    <message>
      <source>paused</source>
      <translation>e dey hold small</translation>
    </message>
    <message>
      <source>stopping</source>
      <translation>e dey stop</translation>
    </message>
    <message numerus="yes">
      <source>%n more epoch(s)</source>
      <translation>
        <numerusform>%n extra epoch</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n epoch(s)</source>
      <translation>
        <numerusform>%n epoch</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>TrainingController</name>
    <message>
      <source>Cannot start training</source>
      <translation>Training no fit start</translation>
    </message>
    <message>
      <source>A latent-size study is training; wait for it, or cancel it in the Runs tab.</source>
      <translation>One latent-size study dey train; wait make e finish, or stop am for the "Run dem" tab.</translation>
    </message>
    <message>
      <source>No dataset</source>
      <translation>Dataset no dey</translation>
    </message>
    <message>
      <source>Load a dataset in the Data tab first, and wait until it has loaded.</source>
      <translation>Load one dataset for the Data tab first, and wait make e finish to load.</translation>
    </message>
    <message>
      <source>Cannot continue with several processes</source>
      <translation>E no fit continue with many processes</translation>
    </message>
    <message>
      <source>Continue this model in the window (1 process), or train a new one with several.</source>
      <translation>Continue this model inside the window (1 process), or train new one with many processes.</translation>
    </message>
    <message>
      <source>Cannot continue</source>
      <translation>E no fit continue</translation>
    </message>
    <message>
      <source>Load the data this model was trained on ({dataset}) in the Data tab, then continue.</source>
      <translation>Load the data wey dem take train this model ({dataset}) for the Data tab, then continue.</translation>
    </message>
    <message>
      <source>This machine has {gpus}: use at most {processes} (one per GPU), or the CPU.</source>
      <translation>This machine get {gpus}: no use pass {processes} (one for each GPU), or use the CPU.</translation>
    </message>
    <message>
      <source>Training with {processes} (torchrun); the run folder is {folder}</source>
      <translation>E dey train with {processes} (torchrun); the run folder na {folder}</translation>
    </message>
    <message>
      <source>{name} (epoch {epoch})</source>
      <translation>{name} (for epoch {epoch})</translation>
    </message>
    <message>
      <source>Training stopped</source>
      <translation>Training don stop</translation>
    </message>
    <message>
      <source>torchrun ended with code {code}.</source>
      <translation>torchrun end with code {code}.</translation>
    </message>
    <message>
      <source>Stopped the torchrun job; epoch {epoch} is kept in {folder}.</source>
      <translation>We don stop the torchrun job; we keep epoch {epoch} for {folder}.</translation>
    </message>
    <message>
      <source>Stopped the torchrun job; no epoch had completed in {folder}.</source>
      <translation>We don stop the torchrun job; no epoch don finish for {folder}.</translation>
    </message>
    <message>
      <source>Finished; saved in {folder}.</source>
      <translation>E don finish; we keep am for {folder}.</translation>
    </message>
    <message>
      <source>A run of several processes cannot pause: stop it, and continue it later in the window.</source>
      <translation>Run wey get many processes no fit hold small: stop am, and continue am later inside the window.</translation>
    </message>
    <message>
      <source>Training on {device}; the run folder is {folder}</source>
      <translation>E dey train on {device}; the run folder na {folder}</translation>
    </message>
    <message>
      <source>Continuing without the optimizer's state</source>
      <translation>E dey continue without the optimizer state</translation>
    </message>
    <message>
      <source>{message} Saved in {folder}.</source>
      <translation>{message} We keep am for {folder}.</translation>
    </message>
    <message>
      <source>Training failed</source>
      <translation>Training fail</translation>
    </message>
    <message numerus="yes">
      <source>%n GPU(s)</source>
      <translation>
        <numerusform>%n GPU</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n process(es)</source>
      <translation>
        <numerusform>%n process</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>TrainingJob</name>
    <message>
      <source>{kind}, epoch {epoch} of the current run</source>
      <translation>{kind}, epoch {epoch} for the run wey dey now</translation>
    </message>
  </context>
  <context>
    <name>Words</name>
    <message>
      <source>grayscale</source>
      <translation>black and white</translation>
    </message>
    <message>
      <source>RGB</source>
      <translation>RGB colour</translation>
    </message>
    <message>
      <source>Dense autoencoder</source>
      <translation>Autoencoder (dense kind)</translation>
    </message>
    <message>
      <source>Convolutional autoencoder</source>
      <translation>Autoencoder (convolutional kind)</translation>
    </message>
    <message>
      <source>Variational autoencoder (dense)</source>
      <translation>Variational autoencoder (dense kind)</translation>
    </message>
    <message>
      <source>Convolutional VAE</source>
      <translation>VAE (convolutional kind)</translation>
    </message>
    <message>
      <source>Conditional VAE (convolutional)</source>
      <translation>Conditional VAE (convolutional kind)</translation>
    </message>
    <message>
      <source>Residual, GroupNorm</source>
      <translation>Residual, wey get GroupNorm</translation>
    </message>
    <message>
      <source>Residual, BatchNorm</source>
      <translation>Residual, wey get BatchNorm</translation>
    </message>
    <message>
      <source>Plain, BatchNorm</source>
      <translation>Simple, wey get BatchNorm</translation>
    </message>
    <message>
      <source>Plain, GroupNorm</source>
      <translation>Simple, wey get GroupNorm</translation>
    </message>
    <message>
      <source>noise σ</source>
      <translation>noise σ wey we add</translation>
    </message>
    <message>
      <source>flipped fraction p</source>
      <translation>fraction p wey we flip</translation>
    </message>
    <message>
      <source>masked area fraction</source>
      <translation>area fraction wey we cover</translation>
    </message>
    <message>
      <source>blur σ (pixels)</source>
      <translation>blur σ (for pixels)</translation>
    </message>
    <message>
      <source>downscale factor</source>
      <translation>factor wey we take shrink am</translation>
    </message>
    <message>
      <source>The model learned nothing</source>
      <translation>The model no learn anything</translation>
    </message>
    <message>
      <source>unlabeled</source>
      <translation>labels no dey</translation>
    </message>
    <message>
      <source>{name}: {count} {kind} images {height}×{width}, {classes}</source>
      <translation>{name}: {count} images wey be {kind}, {height}×{width}, {classes}</translation>
    </message>
    <message>
      <source>latent size</source>
      <translation>latent size</translation>
    </message>
    <message>
      <source>width</source>
      <translation>width</translation>
    </message>
    <message>
      <source>corruption level</source>
      <translation>spoil level</translation>
    </message>
    <message>
      <source>Reconstruction MSE</source>
      <translation>MSE for reconstruction</translation>
    </message>
    <message>
      <source>Training loss (−ELBO for a VAE)</source>
      <translation>Training loss (−ELBO if na VAE)</translation>
    </message>
    <message numerus="yes">
      <source>CPU, %n thread(s)</source>
      <translation>
        <numerusform>CPU, %n thread</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n class(es)</source>
      <translation>
        <numerusform>%n class</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ZoomDialog</name>
    <message>
      <source>Hover over a pixel to read its values (0 to 1); drag to pan, scroll to zoom.</source>
      <translation>Put mouse on top one pixel make you read im values (0 reach 1); drag am to move, scroll to zoom.</translation>
    </message>
    <message>
      <source>x={x}, y={y}: {values}</source>
      <translation>x={x}, y={y}: {values}</translation>
    </message>
  </context>
  <context>
    <name>Context</name>
    <message numerus="yes">
      <source>%n image(s)</source>
      <translation>
        <numerusform>%n image</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Report</name>
    <message numerus="yes">
      <source>%n epoch(s)</source>
      <translation>
        <numerusform>%n epoch</numerusform>
      </translation>
    </message>
    <message>
      <source>Validation loss</source>
      <translation>Loss for validation</translation>
    </message>
    <message>
      <source>Validation MSE</source>
      <translation>MSE for validation</translation>
    </message>
    <message>
      <source>Validation PSNR (dB)</source>
      <translation>PSNR for validation (dB)</translation>
    </message>
    <message>
      <source>Validation SSIM</source>
      <translation>SSIM for validation</translation>
    </message>
    <message>
      <source>Corrupted input MSE</source>
      <translation>MSE of the input wey we spoil</translation>
    </message>
    <message>
      <source>Corrupted input PSNR (dB)</source>
      <translation>PSNR of the input wey we spoil (dB)</translation>
    </message>
    <message>
      <source>Corrupted input SSIM</source>
      <translation>SSIM of the input wey we spoil</translation>
    </message>
    <message>
      <source>Validation KL (nats)</source>
      <translation>KL for validation (nats)</translation>
    </message>
    <message>
      <source>Negative ELBO (nats)</source>
      <translation>Negative ELBO (nats)</translation>
    </message>
    <message>
      <source>PCA MSE, same number of components</source>
      <translation>MSE of PCA wey get the same number of components</translation>
    </message>
    <message>
      <source>MSE of the average image (a constant guess)</source>
      <translation>MSE of the average image (one guess wey no dey change)</translation>
    </message>
    <message>
      <source>×2 per stage</source>
      <translation>×2 for each stage</translation>
    </message>
    <message>
      <source>Loss curves</source>
      <translation>Loss curves</translation>
    </message>
    <message>
      <source>Loss per image, by epoch (log scale).</source>
      <translation>Loss for each image, epoch by epoch (log scale).</translation>
    </message>
    <message>
      <source>Top: validation images. Middle: the corrupted input. Bottom: the reconstruction.</source>
      <translation>For top: validation images. For middle: the input wey we spoil. For bottom: the reconstruction.</translation>
    </message>
    <message>
      <source>Top: validation images. Bottom: the reconstruction.</source>
      <translation>For top: validation images. For bottom: the reconstruction.</translation>
    </message>
    <message>
      <source>Reconstructions</source>
      <translation>Reconstructions</translation>
    </message>
    <message>
      <source>{count} validation images, placed by the latent codes, coloured by class.</source>
      <translation>{count} validation images, we put dem where their latent codes dey, each class get im own colour.</translation>
    </message>
    <message>
      <source>{count} validation images, placed by the first two principal components of the {size}-D codes, coloured by class.</source>
      <translation>{count} validation images, we put dem according to the first two principal components of the {size}-D codes, each class get im own colour.</translation>
    </message>
    <message>
      <source>model</source>
      <translation>model</translation>
    </message>
    <message>
      <source>weights</source>
      <translation>weights</translation>
    </message>
    <message>
      <source>epochs trained</source>
      <translation>epochs wey e don train</translation>
    </message>
    <message>
      <source>train loss</source>
      <translation>loss for training</translation>
    </message>
    <message>
      <source>validation loss</source>
      <translation>loss for validation</translation>
    </message>
    <message>
      <source>Latent space</source>
      <translation>Latent space</translation>
    </message>
    <message>
      <source>{model} with a {size}-D code, trained for {epochs} on {dataset}, task: {task}.</source>
      <translation>{model} wey get {size}-D code, e train for {epochs} on top {dataset}, the work na {task}.</translation>
    </message>
    <message>
      <source>auto ({depth})</source>
      <translation>automatic ({depth})</translation>
    </message>
    <message>
      <source>epoch</source>
      <translation>epoch</translation>
    </message>
    <message>
      <source>loss</source>
      <translation>loss</translation>
    </message>
    <message>
      <source>Manifold</source>
      <translation>Manifold</translation>
    </message>
    <message>
      <source>Images decoded from a {side}×{side} grid over the middle 96 % of the codes.</source>
      <translation>Images wey we decode from {side}×{side} grid wey cover the middle 96 % of the codes.</translation>
    </message>
    <message>
      <source>{title} · aegui report</source>
      <translation>{title} · aegui report</translation>
    </message>
    <message>
      <source>Report written {created} by aegui {version}</source>
      <translation>aegui {version} write this report on {created}</translation>
    </message>
    <message>
      <source>Final metrics</source>
      <translation>The last metrics</translation>
    </message>
    <message>
      <source>No final metrics: the run was stopped before it finished.</source>
      <translation>Last metrics no dey: person stop the run before e finish.</translation>
    </message>
    <message>
      <source>No epoch was completed.</source>
      <translation>No epoch finish.</translation>
    </message>
    <message>
      <source>Analyses</source>
      <translation>Analysis</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>Settings</translation>
    </message>
    <message>
      <source>History</source>
      <translation>History</translation>
    </message>
    <message>
      <source>Epoch</source>
      <translation>Epoch</translation>
    </message>
    <message>
      <source>Train loss</source>
      <translation>Loss for training</translation>
    </message>
    <message>
      <source>Validation PSNR</source>
      <translation>PSNR for validation</translation>
    </message>
    <message>
      <source>Everything in this page is inside this one file: it opens offline in any browser.</source>
      <translation>Everything wey dey this page dey inside this one file: e go open for any browser, even without internet.</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>Unknown anomaly score {score!r}; choose mse or loss.</source>
      <translation>We no know anomaly score {score!r}; choose mse or loss.</translation>
    </message>
    <message>
      <source>Unknown loss {loss!r}; choose mse or bce.</source>
      <translation>We no know loss {loss!r}; choose mse or bce.</translation>
    </message>
    <message>
      <source>A conditional VAE reconstructs an image from its class label, and these images have no labels. Score them with a model that is not conditional.</source>
      <translation>Conditional VAE dey use the class label of image take reconstruct am, and these images no get labels. Score dem with model wey no be conditional.</translation>
    </message>
    <message>
      <source>This conditional VAE knows {count} classes, but these images have labels outside 0 to {last}.</source>
      <translation>This conditional VAE know {count} classes, but these images get labels wey dey outside 0 to {last}.</translation>
    </message>
    <message>
      <source>Comparing scores needs at least one normal image and one anomaly.</source>
      <translation>To compare scores, we need at least one normal image and one anomaly.</translation>
    </message>
    <message>
      <source>Some scores are not finite numbers, so they cannot be compared.</source>
      <translation>Some scores no be finite numbers, so we no fit compare dem.</translation>
    </message>
    <message>
      <source>A threshold needs at least one normal score.</source>
      <translation>Threshold need at least one normal score.</translation>
    </message>
    <message>
      <source>A threshold needs at least one score.</source>
      <translation>Threshold need at least one score.</translation>
    </message>
    <message>
      <source>The model expects {expected} images, but the data has {shape}; compare it on data like it was trained on.</source>
      <translation>The model dey expect {expected} images, but the data get {shape}; compare am on data wey be like the one wey e train on.</translation>
    </message>
    <message>
      <source>A conditional VAE needs the class label of every image, and these images have none.</source>
      <translation>Conditional VAE need the class label of every image, and these images no get any.</translation>
    </message>
    <message>
      <source>The linear probe needs labelled data; this dataset has no labels.</source>
      <translation>The linear probe need labeled data; this dataset no get labels.</translation>
    </message>
    <message>
      <source>A conditional VAE is given the label along with the image, so its codes carry the answer; probing them for the label is not meaningful. Probe a model that is not conditional.</source>
      <translation>Conditional VAE dey collect the label together with the image, so im codes don already carry the answer; to probe dem for the label no get meaning. Probe model wey no be conditional.</translation>
    </message>
    <message>
      <source>The linear probe needs at least two classes in the training split; this experiment keeps only one. Probe a model trained on more classes.</source>
      <translation>The linear probe need at least two classes for the training split; this experiment keep only one. Probe model wey train on more classes.</translation>
    </message>
    <message>
      <source>{problems}.</source>
      <translation>{problems}.</translation>
    </message>
    <message>
      <source>{problems}; {problem}</source>
      <translation>{problems}; {problem}</translation>
    </message>
    <message>
      <source>{file} could not be read ({reason})</source>
      <translation>we no fit read {file} ({reason})</translation>
    </message>
    <message>
      <source>a file could not be read ({reason})</source>
      <translation>we no fit read one file ({reason})</translation>
    </message>
    <message>
      <source>The process training it ended without saying how (killed, or the machine went down); the last whole epoch is kept.</source>
      <translation>The process wey dey train am stop without talk how (person kill am, or the machine go off); we keep the last epoch wey finish.</translation>
    </message>
    <message>
      <source>Trained every epoch, but stopped before its final metrics.</source>
      <translation>E train every epoch, but e stop before e measure im last metrics.</translation>
    </message>
    <message>
      <source>{file} holds no settings</source>
      <translation>Settings no dey inside {file}</translation>
    </message>
    <message>
      <source>on {host}</source>
      <translation>for {host}</translation>
    </message>
    <message>
      <source>{file} is a link to a file that does not exist</source>
      <translation>{file} na link to file wey no dey</translation>
    </message>
    <message>
      <source>{name} is damaged: its weights do not fit the model it describes. Open another checkpoint of the run.</source>
      <translation>{name} don spoil: im weights no fit the model wey e describe. Open another checkpoint of the run.</translation>
    </message>
    <message>
      <source>No experiment file at {path}.</source>
      <translation>Experiment file no dey for {path}.</translation>
    </message>
    <message>
      <source>{name} is damaged: its format number {version!r} is not a whole number.</source>
      <translation>{name} don spoil: im format number {version!r} no be whole number.</translation>
    </message>
    <message>
      <source>{name} uses experiment format {version}, but this aegui ({aegui_version}) reads formats 1 to {newest}. Open it with a matching aegui version.</source>
      <translation>{name} dey use experiment format {version}, but this aegui ({aegui_version}) dey read only format 1 reach {newest}. Open am with aegui version wey match am.</translation>
    </message>
    <message>
      <source>{name} is not an aegui experiment file. Open the experiment.pt (or its run folder) that aegui saved.</source>
      <translation>{name} no be aegui experiment file. Open the experiment.pt (or im run folder) wey aegui keep.</translation>
    </message>
    <message>
      <source>{name} is not an aegui experiment. aegui opens the experiment.pt files it saves.</source>
      <translation>{name} no be aegui experiment. aegui dey open the experiment.pt files wey e keep.</translation>
    </message>
    <message>
      <source>{name} holds weights that are not finite numbers (NaN or infinity): the run had diverged or the file is damaged. Open an earlier checkpoint.</source>
      <translation>{name} get weights wey no be finite numbers (NaN or infinity): the run don scatter or the file don spoil. Open checkpoint wey come before.</translation>
    </message>
    <message>
      <source>{name} is damaged: part of it ({part}) does not match its checksum, so it changed on disk or in a copy. Open another checkpoint of the run.</source>
      <translation>{name} don spoil: one part of am ({part}) no match im checksum, so e change for disk or when dem dey copy am. Open another checkpoint of the run.</translation>
    </message>
    <message>
      <source>{name} is not an aegui experiment file: it would unpack to {unpacked_mb:,.0f} MB from {file_mb:,.1f} MB.</source>
      <translation>{name} no be aegui experiment file: e go open comot {unpacked_mb:,.0f} MB from {file_mb:,.1f} MB.</translation>
    </message>
    <message>
      <source>its history</source>
      <translation>im history</translation>
    </message>
    <message>
      <source>its epoch count</source>
      <translation>im epoch count</translation>
    </message>
    <message>
      <source>its class names</source>
      <translation>im class names</translation>
    </message>
    <message>
      <source>its metrics</source>
      <translation>im metrics</translation>
    </message>
    <message>
      <source>its optimizer state</source>
      <translation>im optimizer state</translation>
    </message>
    <message>
      <source>{name} is damaged: its history has {rows} epochs but it says {epochs} were trained. Open another checkpoint of the run.</source>
      <translation>{name} don spoil: im history get {rows} epochs but e talk say dem train {epochs}. Open another checkpoint of the run.</translation>
    </message>
    <message>
      <source>{list}, {item}</source>
      <translation>{list}, {item}</translation>
    </message>
    <message>
      <source>{name} is damaged: {parts} cannot be read. Open another checkpoint of the run.</source>
      <translation>{name} don spoil: we no fit read {parts}. Open another checkpoint of the run.</translation>
    </message>
    <message>
      <source>Could not read {path}: {reason}.</source>
      <translation>We no fit read {path}: {reason}.</translation>
    </message>
    <message>
      <source>{name} is not a readable experiment file (it is corrupt or not a PyTorch file).</source>
      <translation>{name} no be experiment file wey we fit read (e don spoil or e no be PyTorch file).</translation>
    </message>
    <message>
      <source>{name} is not a readable experiment file (it may be truncated or corrupt): {reason}</source>
      <translation>{name} no be experiment file wey we fit read (e fit don cut short or spoil): {reason}</translation>
    </message>
    <message>
      <source>{name} holds settings this aegui cannot use: {reason}</source>
      <translation>{name} get settings wey this aegui no fit use: {reason}</translation>
    </message>
    <message>
      <source>{name} is damaged or incomplete: {reason}.</source>
      <translation>{name} don spoil or e no complete: {reason}.</translation>
    </message>
    <message>
      <source>{name} is damaged or incomplete: {reason}</source>
      <translation>{name} don spoil or e no complete: {reason}</translation>
    </message>
    <message>
      <source>Refused to open {name}: it contains Python objects that could run code, not just weights. Only open experiment files you trust, saved by aegui.</source>
      <translation>We no gree open {name}: e carry Python objects wey fit run code, no be only weights. Open only experiment files wey you trust, wey aegui keep.</translation>
    </message>
    <message>
      <source>writing {name} failed (is the disk full?): {reason}</source>
      <translation>we no fit write {name} (the disk don full?): {reason}</translation>
    </message>
    <message>
      <source>text</source>
      <translation>text</translation>
    </message>
    <message>
      <source>a whole number</source>
      <translation>whole number</translation>
    </message>
    <message>
      <source>a number</source>
      <translation>number</translation>
    </message>
    <message>
      <source>true or false</source>
      <translation>true or false</translation>
    </message>
    <message>
      <source>The classes kept must be a list of class indices, such as [0, 3].</source>
      <translation>The classes wey you keep must be list of class indices, like [0, 3].</translation>
    </message>
    <message>
      <source>The stage widths must be a list of channel counts, such as [32, 64, 128].</source>
      <translation>The stage widths must be list of channel counts, like [32, 64, 128].</translation>
    </message>
    <message>
      <source>Keep at least one class, or all of them.</source>
      <translation>Keep at least one class, or all of dem.</translation>
    </message>
    <message>
      <source>The classes kept must be whole numbers (class indices), such as [0, 3].</source>
      <translation>The classes wey you keep must be whole numbers (class indices), like [0, 3].</translation>
    </message>
    <message>
      <source>Class indices must not be negative.</source>
      <translation>Class indices no suppose be negative.</translation>
    </message>
    <message>
      <source>A class is listed twice in the classes kept.</source>
      <translation>One class dey two times for the classes wey you keep.</translation>
    </message>
    <message>
      <source>Give 1 to {most} stage widths, each a whole number from 1 to {widest}.</source>
      <translation>Give 1 reach {most} stage widths, each one na whole number from 1 reach {widest}.</translation>
    </message>
    <message>
      <source>learning rate</source>
      <translation>learning rate</translation>
    </message>
    <message>
      <source>validation fraction</source>
      <translation>validation fraction</translation>
    </message>
    <message>
      <source>weight decay</source>
      <translation>weight decay</translation>
    </message>
    <message>
      <source>corruption level</source>
      <translation>spoil level</translation>
    </message>
    <message>
      <source>Unknown model {model!r}; choose one of: {choices}.</source>
      <translation>We no know model {model!r}; choose one from: {choices}.</translation>
    </message>
    <message>
      <source>Unknown task {task!r}; choose one of: {choices}.</source>
      <translation>We no know task {task!r}; choose one from: {choices}.</translation>
    </message>
    <message>
      <source>Unknown optimizer {optimizer!r}; choose adam or sgd.</source>
      <translation>We no know optimizer {optimizer!r}; choose adam or sgd.</translation>
    </message>
    <message>
      <source>Unknown device {device!r}; choose auto, cpu, cuda or mps.</source>
      <translation>We no know device {device!r}; choose auto, cpu, cuda or mps.</translation>
    </message>
    <message>
      <source>Colour must be auto, gray or rgb.</source>
      <translation>Colour must be auto, gray or rgb.</translation>
    </message>
    <message>
      <source>Unknown amp_dtype {amp_dtype!r}; choose auto, bfloat16 or float16.</source>
      <translation>We no know amp_dtype {amp_dtype!r}; choose auto, bfloat16 or float16.</translation>
    </message>
    <message>
      <source>The validation fraction must be between 0 and 1.</source>
      <translation>The validation fraction must dey between 0 and 1.</translation>
    </message>
    <message>
      <source>Seeds must not be negative.</source>
      <translation>Seeds no suppose be negative.</translation>
    </message>
    <message>
      <source>Seeds must be at most {most:,} (2³² − 1).</source>
      <translation>Seeds no fit pass {most:,} (2³² − 1).</translation>
    </message>
    <message>
      <source>The latent size must be between 1 and {most}.</source>
      <translation>The latent size must dey between 1 and {most}.</translation>
    </message>
    <message>
      <source>The depth must be between 1 and {most}.</source>
      <translation>The depth must dey between 1 and {most}.</translation>
    </message>
    <message>
      <source>Unknown block {block!r}; choose one of: {choices}.</source>
      <translation>We no know block {block!r}; choose one from: {choices}.</translation>
    </message>
    <message>
      <source>Unknown norm {norm!r}; choose one of: {choices}.</source>
      <translation>We no know norm {norm!r}; choose one from: {choices}.</translation>
    </message>
    <message>
      <source>Give one width per stage: {widths} widths for a depth of {depth}.</source>
      <translation>Give one width for each stage: na {widths} widths dey for depth {depth}.</translation>
    </message>
    <message>
      <source>The width must be between 1 and {most}.</source>
      <translation>The width must dey between 1 and {most}.</translation>
    </message>
    <message>
      <source>Train for at least one epoch.</source>
      <translation>Train for at least one epoch.</translation>
    </message>
    <message>
      <source>The batch size must be at least 1.</source>
      <translation>The batch size no fit small pass 1.</translation>
    </message>
    <message>
      <source>Train with 1 to {most} processes.</source>
      <translation>Train with 1 reach {most} processes.</translation>
    </message>
    <message>
      <source>The learning rate must be positive.</source>
      <translation>The learning rate must pass 0.</translation>
    </message>
    <message>
      <source>β must not be negative.</source>
      <translation>β no suppose be negative.</translation>
    </message>
    <message>
      <source>Image size must be 8 to 512 pixels.</source>
      <translation>Image size must be 8 reach 512 pixels.</translation>
    </message>
    <message>
      <source>Unknown experiment settings: {names}.</source>
      <translation>Experiment settings wey we no know: {names}.</translation>
    </message>
    <message>
      <source>The experiment settings must be a JSON object.</source>
      <translation>The experiment settings must be JSON object.</translation>
    </message>
    <message>
      <source>{first} or {second}</source>
      <translation>{first} or {second}</translation>
    </message>
    <message>
      <source>The setting {setting!r} must be {kind}, not {value!r}.</source>
      <translation>The setting {setting!r} must be {kind}, no be {value!r}.</translation>
    </message>
    <message>
      <source>The {setting} must be a finite number, not {value!r}.</source>
      <translation>The {setting} must be finite number, no be {value!r}.</translation>
    </message>
    <message>
      <source>The experiment settings are not valid JSON: {reason}</source>
      <translation>The experiment settings no be correct JSON: {reason}</translation>
    </message>
    <message>
      <source>Unknown task {task!r}. Choose one of: {choices}.</source>
      <translation>We no know task {task!r}. Choose one from: {choices}.</translation>
    </message>
    <message>
      <source>Unknown corruption {corruption!r}. Choose one of: {choices}.</source>
      <translation>We no know corruption {corruption!r}. Choose one from: {choices}.</translation>
    </message>
    <message>
      <source>{corruption} level {level} is out of range; use {low} to {high}.</source>
      <translation>{corruption} level {level} pass the range; use {low} to {high}.</translation>
    </message>
    <message>
      <source>Colorize needs an RGB dataset, but these images are grayscale. Pick an RGB dataset such as torchvision:CIFAR10, or another task.</source>
      <translation>To add colour, we need RGB dataset, but these images na grayscale. Choose RGB dataset like torchvision:CIFAR10, or another task.</translation>
    </message>
    <message>
      <source>Unknown dataset {spec!r}. Use mnist-10k, torchvision:NAME[@ROOT], idx:PATH, folder:PATH, npz:PATH or npy:PATH.</source>
      <translation>We no know dataset {spec!r}. Use mnist-10k, torchvision:NAME[@ROOT], idx:PATH, folder:PATH, npz:PATH or npy:PATH.</translation>
    </message>
    <message>
      <source>{name}: the array holds no images.</source>
      <translation>{name}: the array no get any image.</translation>
    </message>
    <message>
      <source>The data cache in {folder} could not be read back; check the disk.</source>
      <translation>We no fit read back the data cache for {folder}; check the disk.</translation>
    </message>
    <message>
      <source>{name}: the images are stored column-major (Fortran order), which aegui cannot read in parts. Save them with numpy.ascontiguousarray first.</source>
      <translation>{name}: dem keep the images column-major (Fortran order), and aegui no fit read am small small. Keep dem with numpy.ascontiguousarray first.</translation>
    </message>
    <message>
      <source>{name}: the images contain NaN or infinite values.</source>
      <translation>{name}: the images get NaN or infinite values.</translation>
    </message>
    <message>
      <source>{name} is truncated: it ends inside the images. Save it again.</source>
      <translation>{name} don cut short: e end for inside the images. Keep am again.</translation>
    </message>
    <message>
      <source>Save the images with numpy.savez(path, images=..., labels=...) or numpy.save.</source>
      <translation>Keep the images with numpy.savez(path, images=..., labels=...) or numpy.save.</translation>
    </message>
    <message>
      <source>{name}: {what} holds Python objects, which aegui does not load. Save plain numeric arrays with numpy.savez or numpy.save.</source>
      <translation>{name}: {what} get Python objects, and aegui no dey load dem. Keep plain number arrays with numpy.savez or numpy.save.</translation>
    </message>
    <message>
      <source>{name} is not a valid .npz or .npy file. {advice}</source>
      <translation>{name} no be correct .npz or .npy file. {advice}</translation>
    </message>
    <message>
      <source>{name} is an .npy file of format version {version}, which numpy does not read; the file is damaged. {advice}</source>
      <translation>{name} na .npy file of format version {version}, wey numpy no dey read; the file don spoil. {advice}</translation>
    </message>
    <message>
      <source>{name} declares the shape {shape}, which is not whole numbers; the file is damaged. {advice}</source>
      <translation>{name} talk say im shape na {shape}, wey no be whole numbers; the file don spoil. {advice}</translation>
    </message>
    <message>
      <source>{name} declares a negative array size {shape}; the file is damaged.</source>
      <translation>{name} talk say im array size na {shape}, wey get negative number; the file don spoil.</translation>
    </message>
    <message>
      <source>{name} is truncated or damaged: its header declares {shape} of {dtype}, more data than the file holds. {advice}</source>
      <translation>{name} don cut short or spoil: im header talk say e get {shape} of {dtype}, data wey pass wetin the file carry. {advice}</translation>
    </message>
    <message>
      <source>{name} is damaged: its header claims {length:,} bytes, more than numpy reads ({limit:,}). {advice}</source>
      <translation>{name} don spoil: im header talk say e be {length:,} bytes, e pass wetin numpy dey read ({limit:,}). {advice}</translation>
    </message>
    <message>
      <source>{name} is encrypted; aegui cannot read password-protected archives. Save the archive again without a password.</source>
      <translation>{name} get password lock; aegui no fit read archive wey get password. Keep the archive again without password.</translation>
    </message>
    <message>
      <source>No such file: {path}</source>
      <translation>File no dey: {path}</translation>
    </message>
    <message>
      <source>{file}, array {key!r},</source>
      <translation>{file}, array {key!r},</translation>
    </message>
    <message>
      <source>{name} is truncated or damaged: an array header cannot be read. {advice}</source>
      <translation>{name} don cut short or spoil: we no fit read one array header. {advice}</translation>
    </message>
    <message>
      <source>{name} is damaged: its array {key!r} cannot be read. {advice}</source>
      <translation>{name} don spoil: we no fit read im array {key!r}. {advice}</translation>
    </message>
    <message>
      <source>{name} is not a valid .npz or .npy file (it may be truncated or damaged). {advice}</source>
      <translation>{name} no be correct .npz or .npy file (e fit don cut short or spoil). {advice}</translation>
    </message>
    <message>
      <source>{name}: expected a stack of images (N×H×W or N×H×W×C), got a single number.</source>
      <translation>{name}: we expect plenty images join together (N×H×W or N×H×W×C), but na only one number we see.</translation>
    </message>
    <message>
      <source>{name} is damaged: its images cannot be read. {advice}</source>
      <translation>{name} don spoil: we no fit read im images. {advice}</translation>
    </message>
    <message>
      <source>the array {key!r}</source>
      <translation>the array {key!r}</translation>
    </message>
    <message>
      <source>the array</source>
      <translation>the array</translation>
    </message>
    <message>
      <source>{name} holds no arrays. {advice}</source>
      <translation>{name} no get any array. {advice}</translation>
    </message>
    <message>
      <source>{name} holds arrays {keys}; name the images 'images' or 'x' and the labels 'labels' or 'y'.</source>
      <translation>{name} get arrays {keys}; call the images 'images' or 'x' and call the labels 'labels' or 'y'.</translation>
    </message>
    <message>
      <source>1 image</source>
      <translation>1 image</translation>
    </message>
    <message>
      <source>{count:,} images</source>
      <translation>{count:,} images</translation>
    </message>
    <message>
      <source>1 label</source>
      <translation>1 label</translation>
    </message>
    <message>
      <source>{count:,} labels</source>
      <translation>{count:,} labels</translation>
    </message>
    <message>
      <source>{name}: images must be numeric, not {dtype}.</source>
      <translation>{name}: images must be numbers, no be {dtype}.</translation>
    </message>
    <message>
      <source>{name}: images of {height}×{width} pixels are too small.</source>
      <translation>{name}: images of {height}×{width} pixels too small.</translation>
    </message>
    <message>
      <source>{name}: {images} but {labels}.</source>
      <translation>{name}: {images} but {labels}.</translation>
    </message>
    <message>
      <source>{name}: expected a stack of images (N×H×W or N×H×W×C), got shape {shape}.</source>
      <translation>{name}: we expect plenty images join together (N×H×W or N×H×W×C), but na shape {shape} we see.</translation>
    </message>
    <message>
      <source>{name}: labels must be whole numbers, not {dtype}.</source>
      <translation>{name}: labels must be whole numbers, no be {dtype}.</translation>
    </message>
    <message>
      <source>{name}: cannot tell the channel axis of shape {shape}; use N×H×W, N×H×W×C or N×C×H×W with 1 or 3 channels.</source>
      <translation>{name}: we no fit know the channel axis for shape {shape}; use N×H×W, N×H×W×C or N×C×H×W with 1 or 3 channels.</translation>
    </message>
    <message>
      <source>The validation fraction must be between 0 and 1, not {fraction}.</source>
      <translation>The validation fraction must dey between 0 and 1, no be {fraction}.</translation>
    </message>
    <message>
      <source>{name}: {count:,} images are too few to split for validation.</source>
      <translation>{name}: {count:,} images too small to divide for validation.</translation>
    </message>
    <message>
      <source>{name}: expected uint8 images shaped N×C×H×W, got {dtype} {shape}.</source>
      <translation>{name}: we expect uint8 images wey get shape N×C×H×W, but na {dtype} {shape} we see.</translation>
    </message>
    <message>
      <source>{name}: the dataset holds no images.</source>
      <translation>{name}: the dataset no get any image.</translation>
    </message>
    <message>
      <source>{name}: images must have 1 (grayscale) or 3 (RGB) channels, not {channels}.</source>
      <translation>{name}: images must get 1 (black and white) or 3 (RGB) channels, no be {channels}.</translation>
    </message>
    <message>
      <source>{name}: {images} images but {rows} row numbers.</source>
      <translation>{name}: {images} images but {rows} row numbers.</translation>
    </message>
    <message>
      <source>{name}: {images:,} images but {labels:,} labels.</source>
      <translation>{name}: {images:,} images but {labels:,} labels.</translation>
    </message>
    <message>
      <source>No such folder: {folder}</source>
      <translation>Folder like this no dey: {folder}</translation>
    </message>
    <message>
      <source>{path} is a file, not a folder. Use npz:, npy: or idx: for array files.</source>
      <translation>{path} na file, e no be folder. Use npz:, npy: or idx: for array files.</translation>
    </message>
    <message>
      <source>No images found in {folder}. Put .png/.jpg/.bmp/.webp files in it, or one sub-folder of images per class.</source>
      <translation>We no see any image for {folder}. Put .png/.jpg/.bmp/.webp files inside am, or one sub-folder of images for each class.</translation>
    </message>
    <message>
      <source>Colour mode must be auto, gray or rgb, not {color!r}.</source>
      <translation>Colour mode must be auto, gray or rgb, e no fit be {color!r}.</translation>
    </message>
    <message>
      <source>None of the {count} image files in {folder} could be read.</source>
      <translation>We no fit read any of the {count} image files wey dey {folder}.</translation>
    </message>
    <message>
      <source>The images in {folder}</source>
      <translation>The images wey dey {folder}</translation>
    </message>
    <message>
      <source>Could not read the folder {folder} ({reason}). Check that you may open it.</source>
      <translation>We no fit read the folder {folder} ({reason}). Check say you get permission to open am.</translation>
    </message>
    <message>
      <source>No such file or folder: {path}</source>
      <translation>File or folder no dey: {path}</translation>
    </message>
    <message>
      <source>The IDX files in {folder} hold images of different sizes.</source>
      <translation>The IDX files for {folder} get images wey no be the same size.</translation>
    </message>
    <message>
      <source>Could not read {name}: it is damaged or not an IDX file ({reason}).</source>
      <translation>We no fit read {name}: e don spoil or e no be IDX file ({reason}).</translation>
    </message>
    <message>
      <source>No IDX image files (*images-idx3*) found in {folder}.</source>
      <translation>We no see any IDX image file (*images-idx3*) for {folder}.</translation>
    </message>
    <message>
      <source>{name}: expected an N×H×W image file, got {shape}.</source>
      <translation>{name}: we expect N×H×W image file, but na {shape} we see.</translation>
    </message>
    <message>
      <source>{name} is not an IDX file (bad magic number).</source>
      <translation>{name} no be IDX file (the magic number no correct).</translation>
    </message>
    <message>
      <source>{name} declares {ndim} dimensions; an IDX image or label file has 1 to {most}. The file is damaged.</source>
      <translation>{name} talk say e get {ndim} dimensions; IDX image or label file dey get 1 reach {most}. The file don spoil.</translation>
    </message>
    <message>
      <source>{name} is truncated (incomplete IDX header).</source>
      <translation>{name} don cut short (the IDX header no complete).</translation>
    </message>
    <message>
      <source>{name} declares an empty array of shape {shape}, so it holds no data; the file is empty or damaged.</source>
      <translation>{name} talk say im array empty, with shape {shape}, so e no get any data; the file empty or e don spoil.</translation>
    </message>
    <message>
      <source>{name} is truncated: the header promises {shape} but the file is short.</source>
      <translation>{name} don cut short: the header promise {shape} but the file no reach.</translation>
    </message>
    <message>
      <source>{name} holds more data than its header declares ({shape}); the file is damaged.</source>
      <translation>{name} get data wey pass wetin im header talk ({shape}); the file don spoil.</translation>
    </message>
    <message>
      <source>{name} has {labels} for {images}.</source>
      <translation>{name} get {labels} for {images}.</translation>
    </message>
    <message>
      <source>{name} declares an array of {shape} ({size_mb:,.0f} MB), more than the {limit_mb:,.0f} MB aegui loads. Use a smaller file, or raise the limit with the AEGUI_MAX_DATASET_MB environment variable.</source>
      <translation>{name} talk say im array na {shape} ({size_mb:,.0f} MB), e pass the {limit_mb:,.0f} MB wey aegui dey load. Use file wey small pass, or raise the limit with the AEGUI_MAX_DATASET_MB environment variable.</translation>
    </message>
    <message>
      <source>Could not write the data cache in {folder}: {reason}. Free disk space, or set AEGUI_CACHE_DIR to a folder you can write to.</source>
      <translation>We no fit write the data cache for {folder}: {reason}. Free space for the disk, or set AEGUI_CACHE_DIR to one folder wey you fit write enter.</translation>
    </message>
    <message>
      <source>{what} is larger than the memory limit, so aegui keeps it as a file in its cache folder ({folder}), which needs {needed}, but only {free} is free there. Free disk space, or set AEGUI_CACHE_DIR to a folder on a larger disk.</source>
      <translation>{what} big pass the memory limit, so aegui dey keep am as file for im cache folder ({folder}); e need {needed}, but na only {free} dey free for there. Free space for the disk, or set AEGUI_CACHE_DIR to one folder for disk wey big pass.</translation>
    </message>
    <message>
      <source>A part of this dataset</source>
      <translation>One part of this dataset</translation>
    </message>
    <message>
      <source>The data cache file {path} is shorter than it should be; remove the cached data (Preferences) and load the dataset again.</source>
      <translation>The data cache file {path} short pass as e suppose be; comot the cached data (Settings) and load the dataset again.</translation>
    </message>
    <message>
      <source>network error: {reason}</source>
      <translation>network wahala: {reason}</translation>
    </message>
    <message>
      <source>Unknown torchvision dataset {name!r}. Choose one of: {choices}.</source>
      <translation>We no know torchvision dataset {name!r}. Choose one from: {choices}.</translation>
    </message>
    <message>
      <source>{name} was not found in {folder}. Tick 'Download if missing' (or pass --download) to fetch it, or copy the dataset files there.</source>
      <translation>We no see {name} for {folder}. Tick 'Download am if e no dey' (or pass --download) make we download am, or copy the dataset files put there.</translation>
    </message>
    <message>
      <source>Could not download {name} into {folder} ({reason}). Check the network connection, or copy the dataset files into {folder} by hand.</source>
      <translation>We no fit download {name} enter {folder} ({reason}). Check the network connection, or copy the dataset files enter {folder} with your hand.</translation>
    </message>
    <message>
      <source>{device} was requested but is not available on this machine (available: {available}). Use --device auto or cpu.</source>
      <translation>You ask for {device} but e no dey for this machine (wetin dey: {available}). Use --device auto or cpu.</translation>
    </message>
    <message>
      <source>CUDA was requested under torchrun, but this machine has no CUDA device.</source>
      <translation>You ask for CUDA under torchrun, but this machine no get CUDA device.</translation>
    </message>
    <message>
      <source>torchrun started {count} or more processes on a machine with {gpus} GPUs: use --nproc-per-node {gpus} or fewer.</source>
      <translation>torchrun start {count} processes or more on machine wey get {gpus} GPUs: use --nproc-per-node {gpus} or less.</translation>
    </message>
    <message>
      <source>Training on several processes needs CUDA or the CPU; MPS has no distributed backend. Use --device cpu.</source>
      <translation>To train on many processes, you need CUDA or the CPU; MPS no get distributed backend. Use --device cpu.</translation>
    </message>
    <message>
      <source>torch.compile could not compile this model ({reason}). Train without compiling (untick Compile, or leave out --compile); it gives the same results.</source>
      <translation>torch.compile no fit compile this model ({reason}). Train am without compile (remove the tick for "Compile am", or leave out --compile); e go give the same results.</translation>
    </message>
    <message>
      <source>This GPU ({gpu}) has no bfloat16; use amp_dtype float16 or auto.</source>
      <translation>This GPU ({gpu}) no get bfloat16; use amp_dtype float16 or auto.</translation>
    </message>
    <message>
      <source>Wrote {encoder} and {decoder} in {folder}; {parity}</source>
      <translation>We write {encoder} and {decoder} for {folder}; {parity}</translation>
    </message>
    <message>
      <source>Give a {suffix} file name, such as model{suffix}: it writes model.encoder{suffix} and model.decoder{suffix}.</source>
      <translation>Give file name wey end with {suffix}, like model{suffix}: e go write model.encoder{suffix} and model.decoder{suffix}.</translation>
    </message>
    <message>
      <source>The export is checked on {expected} images like the model's; these are {shape}.</source>
      <translation>We dey check the export on {expected} images, like the ones for the model; these ones na {shape}.</translation>
    </message>
    <message>
      <source>The export is checked on validation images, and there are none.</source>
      <translation>We dey check the export on validation images, and validation images no dey.</translation>
    </message>
    <message>
      <source>The exported graph gives {count} outputs instead of {expected}.</source>
      <translation>The graph wey we export give {count} outputs instead of {expected}.</translation>
    </message>
    <message>
      <source>{runtime} matches PyTorch within {difference:.1e} on 1 image of {data}.</source>
      <translation>{runtime} gree with PyTorch within {difference:.1e} for 1 image from {data}.</translation>
    </message>
    <message>
      <source>{runtime} matches PyTorch within {difference:.1e} on {count:,} images of {data}.</source>
      <translation>{runtime} gree with PyTorch within {difference:.1e} for {count:,} images from {data}.</translation>
    </message>
    <message>
      <source>A conditional VAE is checked on labelled images; these have no labels.</source>
      <translation>We dey check conditional VAE on labeled images; these ones no get labels.</translation>
    </message>
    <message>
      <source>The {format} {graph} does not reproduce the model: it differs from PyTorch by {difference:.1e} (allowed {tolerance:.0e}), so nothing was written.</source>
      <translation>The {format} {graph} no dey do the same thing as the model: e different from PyTorch by {difference:.1e} (wetin we allow na {tolerance:.0e}), so we no write anything.</translation>
    </message>
    <message>
      <source>{runtime} matches PyTorch within {difference:.1e} on 1 validation image.</source>
      <translation>{runtime} gree with PyTorch within {difference:.1e} for 1 validation image.</translation>
    </message>
    <message>
      <source>{runtime} matches PyTorch within {difference:.1e} on {count:,} validation images.</source>
      <translation>{runtime} gree with PyTorch within {difference:.1e} for {count:,} validation images.</translation>
    </message>
    <message>
      <source>Images must be uint8 (0…255) or floats in [0, 1], not {dtype}.</source>
      <translation>Images must be uint8 (0…255) or floats for [0, 1], no be {dtype}.</translation>
    </message>
    <message>
      <source>The images hold NaN or infinite values.</source>
      <translation>The images carry NaN or infinite values.</translation>
    </message>
    <message>
      <source>Float images must lie in [0, 1]; these run from {low:.3g} to {high:.3g} (divide 0…255 images by 255, or pass them as uint8).</source>
      <translation>Float images must dey inside [0, 1]; these ones run from {low:.3g} reach {high:.3g} (divide 0…255 images by 255, or pass dem as uint8).</translation>
    </message>
    <message>
      <source>Expected a batch of images, got an array of shape {shape}.</source>
      <translation>We expect batch of images, but we get array wey im shape na {shape}.</translation>
    </message>
    <message>
      <source>These images are {shape} (C×H×W, read as {layout}), but the model reads {expected}.</source>
      <translation>These images na {shape} (C×H×W, we read dem as {layout}), but the model dey read {expected}.</translation>
    </message>
    <message>
      <source>Integer images must lie in 0…255.</source>
      <translation>Integer images must dey inside 0…255.</translation>
    </message>
    <message>
      <source>The t-SNE view needs openTSNE: pip install 'aegui[tsne]' (or pip install openTSNE).</source>
      <translation>The t-SNE view need openTSNE: pip install 'aegui[tsne]' (or pip install openTSNE).</translation>
    </message>
    <message>
      <source>Save embeddings as a .csv, .npy or .npz file, not {file}.</source>
      <translation>Keep embeddings as .csv, .npy or .npz file, no be {file}.</translation>
    </message>
    <message>
      <source>Export the model as .safetensors (weights) or .pt (aegui experiment).</source>
      <translation>Export the model as .safetensors (weights) or .pt (aegui experiment).</translation>
    </message>
    <message>
      <source>Export {format} graphs to a {suffix} file: NAME{suffix} writes NAME.encoder{suffix} and NAME.decoder{suffix}.</source>
      <translation>Export {format} graphs go file wey end with {suffix}: NAME{suffix} go write NAME.encoder{suffix} and NAME.decoder{suffix}.</translation>
    </message>
    <message>
      <source>Unknown model {model!r}. Choose one of: {choices}.</source>
      <translation>We no know model {model!r}. Choose one from: {choices}.</translation>
    </message>
    <message>
      <source>Latent size, widths and depth must all be at least 1.</source>
      <translation>Latent size, widths and depth must all be at least 1.</translation>
    </message>
    <message>
      <source>{count} stage widths for a depth of {depth}: give one per stage.</source>
      <translation>{count} stage widths for depth wey be {depth}: give one for each stage.</translation>
    </message>
    <message>
      <source>Unknown layout {block!r} with {norm!r} normalisation; choose a block of {blocks} and a norm of {norms}.</source>
      <translation>We no know layout {block!r} with {norm!r} normalisation; choose block from {blocks} and norm from {norms}.</translation>
    </message>
    <message>
      <source>A conditional VAE needs labelled data with at least two classes; this dataset has no labels. Pick another model or a labelled dataset.</source>
      <translation>Conditional VAE need labeled data wey get at least two classes; this dataset no get labels. Choose another model or dataset wey get labels.</translation>
    </message>
    <message>
      <source>A conditional VAE needs the class label of every image.</source>
      <translation>Conditional VAE need the class label of every image.</translation>
    </message>
    <message>
      <source>{count:,.1f} billion</source>
      <translation>{count:,.1f} billion</translation>
    </message>
    <message>
      <source>{count:,.1f} million</source>
      <translation>{count:,.1f} million</translation>
    </message>
    <message>
      <source>With depth {depth}, {height}×{width} images shrink to 1×1, where batch normalisation needs at least two images in every batch. Use a batch size of 2 or more (and at least two training images), or a smaller depth.</source>
      <translation>With depth {depth}, {height}×{width} images go shrink reach 1×1, and for there batch normalisation need at least two images for every batch. Use batch size of 2 or more (and at least two training images), or depth wey small pass.</translation>
    </message>
    <message>
      <source>This model needs about {size} to train ({weights} weights, batch size {batch}), more than the {memory} of memory on {device}. Use a smaller width or depth, smaller images, a convolutional model or a smaller batch size.</source>
      <translation>This model need about {size} to train ({weights} weights, batch size {batch}), e pass the {memory} memory wey dey {device}. Use width or depth wey small pass, smaller images, convolutional model or batch size wey small pass.</translation>
    </message>
    <message>
      <source>The ONNX exporter produced no program; export with --what pt2 instead.</source>
      <translation>The ONNX exporter no produce any program; export with --what pt2 instead.</translation>
    </message>
    <message>
      <source>Exporting to ONNX needs the {package} package, which is not installed: {command}</source>
      <translation>To export go ONNX, you need the {package} package, and e never install: {command}</translation>
    </message>
    <message>
      <source>onnxruntime could not run the exported {graph} ({reason}), so nothing was written.</source>
      <translation>onnxruntime no fit run the {graph} wey we export ({reason}), so we no write anything.</translation>
    </message>
    <message>
      <source>Could not open {file} as an image: {reason}</source>
      <translation>We no fit open {file} as image: {reason}</translation>
    </message>
    <message>
      <source>Save the report as an .html file.</source>
      <translation>Keep the report as .html file.</translation>
    </message>
    <message>
      <source>{who} (process {pid} on {host}, since {when})</source>
      <translation>{who} (process {pid} for {host}, since {when})</translation>
    </message>
    <message>
      <source>an unknown time</source>
      <translation>time wey we no know</translation>
    </message>
    <message>
      <source>another aegui</source>
      <translation>another aegui</translation>
    </message>
    <message>
      <source>{who} (process {pid}, since {when})</source>
      <translation>{who} (process {pid}, since {when})</translation>
    </message>
    <message>
      <source>another aegui process</source>
      <translation>another aegui process</translation>
    </message>
    <message>
      <source>{folder} is being written by {who}; a run folder has one writer at a time. Wait for it to end, or write to another folder (if it is no longer running, delete {lock} and try again).</source>
      <translation>{who} dey write {folder}; na only one writer fit write run folder at a time. Wait make e finish, or write enter another folder (if e no dey run again, delete {lock} and try again).</translation>
    </message>
    <message>
      <source>the aegui window</source>
      <translation>the aegui window</translation>
    </message>
    <message>
      <source>a latent-size study</source>
      <translation>one latent-size study</translation>
    </message>
    <message>
      <source>a torchrun job</source>
      <translation>one torchrun job</translation>
    </message>
    <message>
      <source>the checkpoint before it is kept. Free some space, then continue with 'aegui train --resume {folder} --epochs N'.</source>
      <translation>we keep the checkpoint wey come before am. Free some space, then continue with 'aegui train --resume {folder} --epochs N'.</translation>
    </message>
    <message>
      <source>nothing was saved. Free some space and train again.</source>
      <translation>we no keep anything. Free some space and train again.</translation>
    </message>
    <message>
      <source>{what} to {folder} failed ({reason}), so training stopped; {kept}</source>
      <translation>{what} for {folder} no work ({reason}), so training stop; {kept}</translation>
    </message>
    <message>
      <source>Another process of this torchrun job stopped ({reason}); the last complete epoch ({epoch}) is kept in {folder}. Continue with 'torchrun --nproc-per-node {processes} -m aegui train --resume {folder}'.</source>
      <translation>Another process of this torchrun job don stop ({reason}); we keep the last full epoch ({epoch}) for {folder}. Continue with 'torchrun --nproc-per-node {processes} -m aegui train --resume {folder}'.</translation>
    </message>
    <message>
      <source>The run has not started: call start() first.</source>
      <translation>The run never start: call start() first.</translation>
    </message>
    <message>
      <source>Saving epoch {epoch}</source>
      <translation>To keep epoch {epoch}</translation>
    </message>
    <message>
      <source>Saving the mid-epoch checkpoint</source>
      <translation>To keep the mid-epoch checkpoint</translation>
    </message>
    <message>
      <source>Saving the final metrics to {folder} failed ({reason}); free some space and try again.</source>
      <translation>We no fit keep the final metrics for {folder} ({reason}); free some space and try again.</translation>
    </message>
    <message>
      <source>TensorBoard logs need the tensorboard package: pip install 'aegui[tensorboard]' (or pip install tensorboard).</source>
      <translation>TensorBoard logs need the tensorboard package: pip install 'aegui[tensorboard]' (or pip install tensorboard).</translation>
    </message>
    <message>
      <source>Train again with a learning rate ten times smaller ({lr:g}), or for more epochs.</source>
      <translation>Train am again with learning rate wey small pass the old one ten times ({lr:g}), or train am for more epochs.</translation>
    </message>
    <message>
      <source>Train again with a smaller learning rate (now {lr:g}; the default is {default:g}).</source>
      <translation>Train am again with smaller learning rate (e be {lr:g} now; the normal one na {default:g}).</translation>
    </message>
    <message>
      <source>Its loss was still falling: continue it for more epochs.</source>
      <translation>Im loss still dey go down: continue am for more epochs.</translation>
    </message>
    <message>
      <source>It trained only 1 epoch: continue it for more.</source>
      <translation>E train for only 1 epoch: continue am make e train more.</translation>
    </message>
    <message>
      <source>It trained only {count} epochs: continue it for more.</source>
      <translation>E train for only {count} epochs: continue am make e train more.</translation>
    </message>
    <message>
      <source>Its validation MSE ({model:.4g}) is no better than predicting the average image for every input ({constant:.4g}). {advice}</source>
      <translation>Im validation MSE ({model:.4g}) no better pass if e just give the average image for every input ({constant:.4g}). {advice}</translation>
    </message>
    <message>
      <source>PCA with the same {size} components reconstructs these images better (MSE {pca:.4g} against {model:.4g}); more epochs or a larger model may help.</source>
      <translation>PCA wey get the same {size} components dey reconstruct these images better (MSE {pca:.4g} against {model:.4g}); more epochs or bigger model fit help.</translation>
    </message>
    <message>
      <source>Keeping only some classes needs labels, but {name} has none. Keep all classes, or use a labelled dataset.</source>
      <translation>To keep only some classes need labels, but {name} no get any. Keep all the classes, or use dataset wey get labels.</translation>
    </message>
    <message>
      <source>Class {index} is not in {name}: its classes are 0 to {last}.</source>
      <translation>Class {index} no dey inside {name}: im classes na 0 reach {last}.</translation>
    </message>
    <message>
      <source>No validation image of {name} is of the classes kept; keep more classes or use a larger validation fraction.</source>
      <translation>No validation image for {name} dey among the classes wey you keep; keep more classes or use validation fraction wey big pass.</translation>
    </message>
    <message>
      <source>Class {index} is not in {name}: its only class is 0.</source>
      <translation>Class {index} no dey inside {name}: na only class 0 e get.</translation>
    </message>
    <message>
      <source>No training image of {name} is of the classes kept; keep more classes or use a larger validation fraction.</source>
      <translation>No training image for {name} dey among the classes wey you keep; keep more classes or use validation fraction wey big pass.</translation>
    </message>
    <message>
      <source>{file} is more than {limit}</source>
      <translation>{file} pass {limit}</translation>
    </message>
    <message>
      <source>{file} is not a regular file</source>
      <translation>{file} no be regular file</translation>
    </message>
    <message>
      <source>{file} is {size}, more than such a file ever holds ({limit})</source>
      <translation>{file} na {size}, e pass wetin this kind file dey ever hold ({limit})</translation>
    </message>
    <message>
      <source>{file} is nested too deeply to be read</source>
      <translation>{file} get too many levels inside each other, we no fit read am</translation>
    </message>
    <message>
      <source>{file} is not valid JSON ({reason})</source>
      <translation>{file} no be correct JSON ({reason})</translation>
    </message>
    <message>
      <source>{folder} holds no sweep: there is no {file} in it.</source>
      <translation>{folder} no hold any sweep: {file} no dey inside am.</translation>
    </message>
    <message>
      <source>{path} is not a sweep aegui can open: {reason}</source>
      <translation>{path} no be sweep wey aegui fit open: {reason}</translation>
    </message>
    <message>
      <source>{path} is not a sweep aegui can open ({error}: {reason}).</source>
      <translation>{path} no be sweep wey aegui fit open ({error}: {reason}).</translation>
    </message>
    <message>
      <source>Interrupted.</source>
      <translation>Dem stop am halfway.</translation>
    </message>
    <message>
      <source>latent size</source>
      <translation>latent size</translation>
    </message>
    <message>
      <source>Latent size</source>
      <translation>Latent size</translation>
    </message>
    <message>
      <source>width</source>
      <translation>width</translation>
    </message>
    <message>
      <source>Width</source>
      <translation>Width</translation>
    </message>
    <message>
      <source>β</source>
      <translation>β</translation>
    </message>
    <message>
      <source>Β</source>
      <translation>Β</translation>
    </message>
    <message>
      <source>Corruption level</source>
      <translation>Spoil level</translation>
    </message>
    <message>
      <source>Give at least one {setting} to try.</source>
      <translation>Give at least one {setting} wey you wan try.</translation>
    </message>
    <message>
      <source>A sweep cannot vary {setting!r}; choose one of: {choices}.</source>
      <translation>Sweep no fit change {setting!r}; choose one from: {choices}.</translation>
    </message>
    <message>
      <source>{value!r} is not a value of the {setting}.</source>
      <translation>{value!r} no be value for the {setting}.</translation>
    </message>
    <message>
      <source>The {setting} is a whole number, not {value!r}.</source>
      <translation>The {setting} na whole number, e no fit be {value!r}.</translation>
    </message>
    <message>
      <source>{setting} {value:g}: {reason}</source>
      <translation>{setting} {value:g}: {reason}</translation>
    </message>
    <message>
      <source>model</source>
      <translation>model</translation>
    </message>
    <message>
      <source>channels</source>
      <translation>channels</translation>
    </message>
    <message>
      <source>image height</source>
      <translation>image height</translation>
    </message>
    <message>
      <source>image width</source>
      <translation>image width</translation>
    </message>
    <message>
      <source>depth</source>
      <translation>depth</translation>
    </message>
    <message>
      <source>classes</source>
      <translation>classes</translation>
    </message>
    <message>
      <source>block</source>
      <translation>block</translation>
    </message>
    <message>
      <source>norm</source>
      <translation>norm</translation>
    </message>
    <message>
      <source>stage widths</source>
      <translation>stage widths</translation>
    </message>
    <message>
      <source>epoch {epoch}, batch {batch}</source>
      <translation>epoch {epoch}, batch {batch}</translation>
    </message>
    <message>
      <source>{setting} {have}, not {want}</source>
      <translation>{setting} {have}, no be {want}</translation>
    </message>
    <message>
      <source>the architecture differs</source>
      <translation>the architecture no be the same</translation>
    </message>
    <message>
      <source>{differences}; {difference}</source>
      <translation>{differences}; {difference}</translation>
    </message>
    <message>
      <source>The saved optimizer state is damaged (it has no parameter groups); the optimizer starts fresh (the weights are kept).</source>
      <translation>The optimizer state wey we keep don spoil (parameter groups no dey inside); the optimizer go start afresh (we keep the weights).</translation>
    </message>
    <message>
      <source>The saved optimizer state is of another optimizer than {optimizer}: {optimizer} starts fresh.</source>
      <translation>The optimizer state wey we keep na for another optimizer, e no be {optimizer}: {optimizer} go start afresh.</translation>
    </message>
    <message>
      <source>epoch {epoch}</source>
      <translation>epoch {epoch}</translation>
    </message>
    <message>
      <source>A conditional VAE needs labelled data, but this dataset has no labels. Use a dataset with classes, or pick another model.</source>
      <translation>Conditional VAE need labelled data, but this dataset no get labels. Use dataset wey get classes, or pick another model.</translation>
    </message>
    <message>
      <source>The saved optimizer state does not fit this model ({reason}); the optimizer starts fresh (the weights are kept).</source>
      <translation>The optimizer state wey we keep no fit this model ({reason}); the optimizer go start afresh (we keep the weights).</translation>
    </message>
    <message>
      <source>The loss became {loss} at {where}</source>
      <translation>The loss turn {loss} for {where}</translation>
    </message>
    <message>
      <source>The loss grew to {loss:.3g} at {where}, more than {factor:g} times what it was at the start ({reference:.3g})</source>
      <translation>The loss grow reach {loss:.3g} for {where}, e pass {factor:g} times wetin e be for the beginning ({reference:.3g})</translation>
    </message>
    <message>
      <source>The weights of the last good epoch ({epoch}) are kept.</source>
      <translation>We keep the weights of the last good epoch ({epoch}).</translation>
    </message>
    <message>
      <source>No epoch completed, so nothing was kept.</source>
      <translation>No epoch finish, so we no keep anything.</translation>
    </message>
    <message>
      <source>{what}, so training stopped. {kept} Try a lower learning rate (now {lr:g}), or the MSE loss.</source>
      <translation>{what}, so training stop. {kept} Try learning rate wey low pass (e be {lr:g} now), or the MSE loss.</translation>
    </message>
    <message>
      <source>{what}, so training stopped. {kept} Try a lower learning rate (now {lr:g}).</source>
      <translation>{what}, so training stop. {kept} Try learning rate wey low pass (e be {lr:g} now).</translation>
    </message>
    <message>
      <source>The model to continue does not fit these settings: {differences}. Continue with the model's own settings, or train a new model from scratch.</source>
      <translation>The model wey you wan continue no fit these settings: {differences}. Continue with the model own settings, or train new model from the beginning.</translation>
    </message>
    <message>
      <source>The mid-epoch checkpoint is of another point of this run; continue from its last whole epoch instead.</source>
      <translation>The mid-epoch checkpoint na for another point of this run; continue from im last full epoch instead.</translation>
    </message>
    <message>
      <source>Checkpoints inside an epoch are not kept under torchrun (each rank's random state would be needed); use --checkpoint-minutes 0.</source>
      <translation>We no dey keep checkpoints inside epoch under torchrun (we go need the random state of each rank); use --checkpoint-minutes 0.</translation>
    </message>
    <message>
      <source>The batch size ({batch_size}) is the global batch, shared by {processes} processes: make it at least {least}.</source>
      <translation>The batch size ({batch_size}) na the global batch, wey {processes} processes dey share: make am at least {least}.</translation>
    </message>
    <message>
      <source>The {device} device ran out of memory at batch size {batch_size}. Try a smaller batch size (for example {smaller}) or a smaller model.</source>
      <translation>Memory finish for the {device} device for batch size {batch_size}. Try batch size wey small pass (for example {smaller}) or model wey small pass.</translation>
    </message>
    <message>
      <source>Finished 1 epoch.</source>
      <translation>E don finish 1 epoch.</translation>
    </message>
    <message>
      <source>Finished {count:,} epochs.</source>
      <translation>E don finish {count:,} epochs.</translation>
    </message>
    <message>
      <source>Stopped during epoch {epoch}.</source>
      <translation>E stop for inside epoch {epoch}.</translation>
    </message>
    <message>
      <source>Something went wrong ({kind}: {reason}). Details are in the log file.</source>
      <translation>Something no work well ({kind}: {reason}). The details dey inside the log file.</translation>
    </message>
    <message>
      <source>aegui ran out of memory. Use fewer images, a smaller model or a smaller batch.</source>
      <translation>Memory don finish for aegui. Use less images, smaller model or smaller batch.</translation>
    </message>
  </context>
  <context>
    <name>QPlatformTheme</name>
    <message>
      <source>OK</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Leave am</translation>
    </message>
    <message>
      <source>&amp;Yes</source>
      <translation>&amp;Yes</translation>
    </message>
    <message>
      <source>&amp;No</source>
      <translation>&amp;No</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Close am</translation>
    </message>
    <message>
      <source>Apply</source>
      <translation>Use am</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Keep am</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>Open am</translation>
    </message>
    <message>
      <source>Discard</source>
      <translation>Throw am away</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>Start am again</translation>
    </message>
    <message>
      <source>Help</source>
      <translation>Help</translation>
    </message>
    <message>
      <source>Yes to &amp;All</source>
      <translation>Yes for &amp;all</translation>
    </message>
    <message>
      <source>N&amp;o to All</source>
      <translation>N&amp;o for all</translation>
    </message>
  </context>
</TS>