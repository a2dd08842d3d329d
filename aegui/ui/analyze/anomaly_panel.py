"""Anomaly detection: every validation image scored by its reconstruction error, a
threshold on the histogram, the strangest images, and how well the score separates a
second dataset (or the classes the model never saw): ROC, precision-recall, per class."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import torch
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aegui.core.analysis import (
    SCORE_KINDS,
    SCORE_TITLES,
    Separation,
    run_anomaly,
    threshold_at_fpr,
    threshold_at_percentile,
    top_k,
    write_columns_csv,
    write_scores_csv,
)
from aegui.core.data import ImageDataset
from aegui.core.evaluation import as_float, to_uint8
from aegui.ui.analyze.panel import AnalysisInput, AnalysisPanel, progress_to, save_plot
from aegui.ui.i18n import translate_said
from aegui.ui.plain_text import plain_label
from aegui.ui.theme import plot_background
from aegui.ui.widgets.color_scale import colorize
from aegui.ui.widgets.comparison_rows import ComparisonRows
from aegui.ui.widgets.image_grid import ImageGrid
from aegui.ui.widgets.zoom_dialog import ZoomDialog
from aegui.ui.words import core_words
from aegui.workers.dataset_loader import LoadRequest, load_job
from aegui.workers.tasks import TaskContext

NORMAL_COLOR = (31, 119, 180)
ANOMALY_COLOR = (214, 39, 40)
GALLERY_MIN_TILE = 48  # px: a digit still reads; fewer images show before tiles get smaller
# core's SCORE_TITLES, for the catalogue (shown through core_words, as words.py's CORE_TITLES are).
QT_TRANSLATE_NOOP("Words", "Reconstruction MSE")
QT_TRANSLATE_NOOP("Words", "Training loss (−ELBO for a VAE)")


@dataclass(frozen=True)
class AnomalyResult:
    kind: str
    scores: np.ndarray  # validation images, in validation order
    rows: np.ndarray  # their rows in the loaded dataset
    labels: np.ndarray | None
    top: np.ndarray  # validation indices of the highest scores, highest first
    top_original: np.ndarray  # uint8 K×C×H×W
    top_recon: np.ndarray
    top_error: np.ndarray  # K×H×W absolute error, channel mean
    against_name: str
    against_scores: np.ndarray | None  # the second dataset, or the held-out classes
    curves: Separation | None
    per_class: dict[int, float]


def _reconstruct(model, images: torch.Tensor, labels: torch.Tensor | None) -> tuple[np.ndarray, np.ndarray]:
    device = next(model.parameters()).device
    x = as_float(images, device)
    y = labels.to(device) if labels is not None and model.conditional else None
    recon = model.eval()(x, y).recon.float().clamp(0, 1)
    error = (recon - x).abs().mean(dim=1)
    return to_uint8(recon).numpy(), error.cpu().numpy()


class AnomalyPanel(AnalysisPanel):
    key = "anomaly"
    report_title = QT_TRANSLATE_NOOP("AnalysisPanel", "Anomaly detection")
    run_text = QT_TRANSLATE_NOOP("AnalysisPanel", "Score images")

    def build(self) -> None:
        self.against: ImageDataset | None = None
        self.scoreCombo = QComboBox(objectName="scoreKindCombo")
        for kind in SCORE_KINDS:
            self.scoreCombo.addItem(core_words(SCORE_TITLES[kind]), kind)
        self.percentileSpin = QDoubleSpinBox(objectName="thresholdPercentileSpin", decimals=1, minimum=0.0,
                                             maximum=100.0, singleStep=0.5, value=95.0, suffix=" %")
        self.percentileSpin.setToolTip(self.tr("Flag the images that score above this percentile of the "
                                               "validation set"))
        self.fprSpin = QDoubleSpinBox(objectName="fprSpin", decimals=3, minimum=0.001, maximum=0.5,
                                      singleStep=0.01, value=0.05)
        self.fprSpin.setToolTip(self.tr("False-positive rate at which to report the threshold"))
        self.topSpin = QSpinBox(objectName="topKSpin", minimum=4, maximum=64, singleStep=4, value=16)
        self.againstEdit = QLineEdit(objectName="againstEdit", placeholderText=self.tr("dataset spec or path"))
        self.againstEdit.setToolTip(self.tr("Suspected anomalies: any dataset spec (folder:, npz:, torchvision:…)"))
        self.againstBrowse = QPushButton(self.tr("Browse…"), objectName="againstBrowseButton")
        self.againstLoad = QPushButton(self.tr("Load"), objectName="againstLoadButton")
        self.againstLabel = plain_label("", objectName="againstLabel", wordWrap=True)
        self.flaggedLabel = QLabel("", objectName="flaggedLabel", wordWrap=True)
        self.summaryLabel = QLabel("", objectName="separationLabel", wordWrap=True)

        self.histogram = pg.PlotWidget(background=plot_background(), objectName="scoreHistogram")
        self.histogram.setLabel("bottom", self.tr("score"))
        self.histogram.setLabel("left", self.tr("images"))
        self.histogram.getAxis("bottom").enableAutoSIPrefix(False)  # scores read as they are
        self.legend = self.histogram.addLegend(offset=(-10, 10), brush=(255, 255, 255, 200))
        self.normal_curve = self.histogram.plot([], [], stepMode="center", fillLevel=0, name=self.tr("validation"),
                                                pen=pg.mkPen(NORMAL_COLOR, width=1.5), brush=(*NORMAL_COLOR, 90))
        self.anomaly_curve = self.histogram.plot([], [], stepMode="center", fillLevel=0, name=self.tr("anomalies"),
                                                 pen=pg.mkPen(ANOMALY_COLOR, width=1.5), brush=(*ANOMALY_COLOR, 90))
        self.threshold_line = pg.InfiniteLine(angle=90, movable=True, pen=pg.mkPen((0, 0, 0), width=2))
        self.threshold_line.setZValue(10)
        self.histogram.addItem(self.threshold_line)
        self.roc = self._curve_plot("rocPlot", self.tr("false-positive rate"), self.tr("true-positive rate"),
                                    self.tr("ROC"))
        self.pr = self._curve_plot("prPlot", self.tr("recall"), self.tr("precision"), self.tr("Precision-recall"))
        self.roc_curve = self.roc.plot([], [], pen=pg.mkPen(ANOMALY_COLOR, width=2))
        self.roc.plot([0, 1], [0, 1], pen=pg.mkPen((150, 150, 150), style=Qt.PenStyle.DashLine))
        self.pr_curve = self.pr.plot([], [], pen=pg.mkPen(ANOMALY_COLOR, width=2))
        self.classTable = QTableWidget(0, 2, objectName="perClassAurocTable")
        self.classTable.setHorizontalHeaderLabels([self.tr("held-out class"), self.tr("AUROC")])
        self.classTable.horizontalHeader().setStretchLastSection(True)
        self.classTable.verticalHeader().hide()

        self.topOriginal = ImageGrid(columns=16, placeholder=self.tr("The highest-scoring images appear here."))
        self.topOriginal.setObjectName("topAnomalies")
        self.topRecon = ImageGrid(columns=16)
        self.topError = ImageGrid(columns=16)
        for grid in (self.topOriginal, self.topRecon, self.topError):
            grid.clicked.connect(self.open_zoom)
        self.exportScoresButton = QPushButton(self.tr("Scores CSV…"), objectName="exportScoresButton")
        self.exportCurvesButton = QPushButton(self.tr("Curves CSV…"), objectName="exportCurvesButton")
        self.exportPlotButton = QPushButton(self.tr("Histogram PNG…"), objectName="exportHistogramButton")
        self._layout()
        self.threshold_line.sigPositionChanged.connect(self._show_flagged)
        self.threshold_line.sigPositionChanged.connect(self._percentile_from_threshold)
        self.percentileSpin.valueChanged.connect(self._threshold_from_percentile)
        self.fprSpin.valueChanged.connect(self._show_separation)
        self.scoreCombo.currentIndexChanged.connect(lambda _: self.run())
        self.topSpin.valueChanged.connect(lambda _: self.run())
        self.againstBrowse.clicked.connect(self._browse_against)
        self.againstLoad.clicked.connect(self.load_against)
        self.againstEdit.returnPressed.connect(self.load_against)
        self.exportScoresButton.clicked.connect(
            lambda: self.save_dialog(self.tr("Save scores"), "anomaly-scores.csv", self.export_scores))
        self.exportCurvesButton.clicked.connect(
            lambda: self.save_dialog(self.tr("Save curves"), "anomaly-curves.csv", self.export_curves))
        self.exportPlotButton.clicked.connect(lambda: self.save_dialog(
            self.tr("Save histogram"), "anomaly-histogram.png", lambda path: save_plot(self.histogram, path)))

    @staticmethod
    def _curve_plot(name: str, x: str, y: str, title: str) -> pg.PlotWidget:
        plot = pg.PlotWidget(background=plot_background(), objectName=name, title=title)
        plot.setLabel("bottom", x)
        plot.setLabel("left", y)
        plot.setXRange(0, 1)
        plot.setYRange(0, 1.02)
        plot.showGrid(x=True, y=True, alpha=0.2)
        return plot

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Score"), self.scoreCombo)
        form.addRow(self.tr("Flag above"), self.percentileSpin)
        form.addRow(self.tr("Report at FPR"), self.fprSpin)
        form.addRow(self.tr("Strangest"), self.topSpin)
        against = QGroupBox(self.tr("Suspected anomalies"))
        grid = QGridLayout(against)
        grid.addWidget(self.againstEdit, 0, 0, 1, 2)
        grid.addWidget(self.againstBrowse, 1, 0)
        grid.addWidget(self.againstLoad, 1, 1)
        grid.addWidget(self.againstLabel, 2, 0, 1, 2)
        exports = QHBoxLayout()
        for button in (self.exportScoresButton, self.exportCurvesButton, self.exportPlotButton):
            exports.addWidget(button)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(against)
        left.addWidget(self.flaggedLabel)
        left.addWidget(self.summaryLabel)
        left.addWidget(self.classTable, 1)
        left.addStretch(0)
        left.addLayout(exports)
        left_widget = QWidget()
        left_widget.setLayout(left)
        left_widget.setMaximumWidth(330)
        curves = QHBoxLayout()
        curves.addWidget(self.roc)
        curves.addWidget(self.pr)
        self.galleryBox = QGroupBox(self.tr("Highest scores"))
        self.gallery = ComparisonRows(min_tile=GALLERY_MIN_TILE)
        for title, grid_widget in ((self.tr("original"), self.topOriginal), (self.tr("reconstruction"), self.topRecon),
                                   (self.tr("|error|"), self.topError)):
            self.gallery.add_row(title, grid_widget)
        self.gallery.set_row(self.topOriginal, caption_lines=1)
        self.gallery.layoutChanged.connect(self._fill_gallery)
        QVBoxLayout(self.galleryBox).addWidget(self.gallery)
        gallery = self.galleryBox
        right = QSplitter(Qt.Orientation.Vertical, objectName="anomalySplitter")
        top = QWidget()
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.histogram, 3)
        self.curveBox = QWidget()
        self.curveBox.setLayout(curves)
        top_layout.addWidget(self.curveBox, 4)
        right.addWidget(top)
        right.addWidget(gallery)
        right.setStretchFactor(0, 2)
        right.setStretchFactor(1, 3)
        row = QHBoxLayout()
        row.addWidget(left_widget)
        row.addWidget(right, 1)
        self.body.addLayout(row)

    # -- the second dataset --------------------------------------------------------------------
    def _browse_against(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("A folder of suspected anomalies"))
        if path:
            self.againstEdit.setText(path)
            self.load_against()

    def load_against(self) -> None:
        spec = self.againstEdit.text().strip()
        if not spec:
            self.against = None
            self.againstLabel.setText("")
            self.run()
            return
        self.againstLabel.setText(self.tr("Loading {spec}…").format(spec=spec))
        # Loaded as the model's own data was (size and colour), as `aegui analyze --against` does.
        exp = self.state.experiment
        size, color = (exp.config.image_size, exp.config.color) if exp is not None else (None, "auto")
        self.runner.submit("against", load_job(LoadRequest(spec, image_size=size, color=color)),
                           self._against_loaded,
                           on_error=lambda message: self.againstLabel.setText(translate_said(message)))

    def _against_loaded(self, dataset: ImageDataset) -> None:
        self.against = dataset
        if self.against_problem() is None:
            self.againstLabel.setText(self.tr("{count} images from {name}.").format(count=f"{len(dataset):,}",
                                                                                    name=dataset.name))
        self.run()

    def against_problem(self) -> str | None:
        """Why the loaded suspected anomalies cannot be scored by the current model, if so."""
        exp, dataset = self.state.experiment, self.against
        if exp is None or dataset is None:
            return None
        if dataset.shape != exp.spec.image_shape:
            want, have = ("×".join(map(str, s)) for s in (exp.spec.image_shape, dataset.shape))
            return self.tr("{name} has {have} images; this model takes {want}, so they are left out.").format(
                name=dataset.name, have=have, want=want)
        if exp.model.conditional and not dataset.has_labels:
            return self.tr("A conditional VAE needs labels to score images, and {name} has none.").format(
                name=dataset.name)
        return None

    # -- the job -------------------------------------------------------------------------------
    def job(self, data: AnalysisInput) -> Callable[[TaskContext], AnomalyResult]:
        exp, val = data.experiment, data.split.val
        kind, k = self.scoreCombo.currentData(), self.topSpin.value()
        problem = self.against_problem()
        if problem is not None:
            self.againstLabel.setText(problem)
        loaded = self.against if problem is None else None
        # A loaded dataset is compared; else the classes the model never saw, if any.
        held_out = data.held_out if loaded is None else None

        def run(ctx: TaskContext) -> AnomalyResult:
            model = exp.model
            analysis = run_anomaly(model, exp.config, val, against=loaded, held_out=held_out, kind=kind,
                                   should_stop=ctx.cancelled, progress=progress_to(ctx))
            scores, compared = analysis.scores, analysis.compared
            top = top_k(scores, min(k, len(scores)))
            index = torch.as_tensor(top, dtype=torch.long)
            labels = val.labels.index_select(0, index) if val.labels is not None else None
            recon, error = _reconstruct(model, val.images.index_select(0, index), labels)
            return AnomalyResult(
                kind, scores, val.row_ids(), None if val.labels is None else val.labels.numpy(), top,
                val.images.index_select(0, index).numpy(), recon, error,
                compared.name if compared is not None else "", compared.scores if compared is not None else None,
                compared.separation if compared is not None else None, analysis.per_class)

        return run

    # -- showing -------------------------------------------------------------------------------
    def clear_result(self) -> None:
        self.result = None
        for curve in (self.normal_curve, self.anomaly_curve, self.roc_curve, self.pr_curve):
            curve.setData([], [])
        for grid in (self.topOriginal, self.topRecon, self.topError):
            grid.set_images(None)
        self.classTable.setRowCount(0)
        self.legend.removeItem(self.anomaly_curve)
        self.flaggedLabel.setText("")
        self.summaryLabel.setText("")

    def show_result(self, result: AnomalyResult, data: AnalysisInput) -> None:
        both = result.scores if result.against_scores is None else np.concatenate(
            [result.scores, result.against_scores])
        both = both[np.isfinite(both)]
        edges = np.histogram_bin_edges(both if len(both) else np.zeros(1), bins=60)
        self.normal_curve.setData(edges, np.histogram(result.scores, edges)[0])
        self.legend.removeItem(self.anomaly_curve)
        if result.against_scores is not None:
            self.anomaly_curve.setData(edges, np.histogram(result.against_scores, edges)[0])
            self.legend.addItem(self.anomaly_curve, html.escape(result.against_name))  # legends are HTML
        else:
            self.anomaly_curve.setData([], [])
        self.histogram.setTitle(core_words(SCORE_TITLES[result.kind]))
        self._threshold_from_percentile()
        self._show_separation()
        self._show_gallery(result)
        self._show_per_class(result)
        self._show_flagged()  # the threshold may not have moved, but the sets may have

    def _show_gallery(self, result: AnomalyResult) -> None:
        self.gallery.slots = max(1, len(result.top))
        self.gallery.place()  # plans the shared tile size, then fills the rows

    def _fill_gallery(self) -> None:
        """As many of the highest scores as fit at a readable size, the three rows aligned.
        One short caption per tile (the score); the class and the dataset row are in the
        zoom view's title, one click away."""
        result = self.result
        if result is None or not len(result.top):
            return
        shown = self.gallery.capacity(len(result.top))
        captions = [f"{result.scores[i]:.3g}" for i in result.top[:shown]]
        self.topOriginal.set_images(result.top_original[:shown], captions)
        self.topRecon.set_images(result.top_recon[:shown])
        vmax = float(result.top_error.max()) if result.top_error.size else 1.0
        self.topError.set_images(colorize(result.top_error[:shown], vmax))
        if shown == len(result.top):
            self.galleryBox.setTitle(self.tr("Highest scores, highest first"))
        else:
            self.galleryBox.setTitle(self.tr("Highest scores, highest first ({shown} of {total} fit: enlarge the "
                                             "window for more)").format(shown=shown, total=len(result.top)))

    def _show_per_class(self, result: AnomalyResult) -> None:
        names = self.state.dataset.class_names if self.state.dataset is not None else ()
        items = sorted(result.per_class.items())
        self.classTable.setRowCount(len(items) + (1 if items else 0))
        for row, (cls, auroc) in enumerate(items):
            self.classTable.setItem(row, 0, QTableWidgetItem(names[cls] if cls < len(names) else str(cls)))
            self.classTable.setItem(row, 1, QTableWidgetItem(f"{auroc:.3f}"))
        if items:
            self.classTable.setItem(len(items), 0, QTableWidgetItem(self.tr("mean")))
            self.classTable.setItem(len(items), 1, QTableWidgetItem(f"{np.mean([a for _, a in items]):.3f}"))
        self.classTable.setVisible(bool(items))

    def _threshold_from_percentile(self) -> None:
        if self.result is not None:
            self._placing_line = True  # the spin box holds what the user typed; it is not re-derived
            try:
                self.threshold_line.setValue(threshold_at_percentile(self.result.scores,
                                                                     self.percentileSpin.value()))
            finally:
                self._placing_line = False

    def _percentile_from_threshold(self) -> None:
        """A dragged threshold line: "Flag above" follows it, as the share of validation
        images scoring at or below the line."""
        if self.result is None or getattr(self, "_placing_line", False):
            return
        below = float(np.mean(self.result.scores <= self.threshold())) * 100
        self.percentileSpin.blockSignals(True)
        self.percentileSpin.setValue(below)
        self.percentileSpin.blockSignals(False)

    def threshold(self) -> float:
        return float(self.threshold_line.value())

    def report_rows(self) -> list[tuple[str, str]]:
        result = self.result
        rows = [(self.tr("Score"), core_words(SCORE_TITLES[result.kind])),
                (self.tr("Threshold"), f"{self.threshold():.4g}"),
                (self.tr("Flagged"), self.flaggedLabel.text())]
        if result.curves is not None:
            rows += [(self.tr("AUROC against {name}").format(name=result.against_name), f"{result.curves.auroc:.3f}"),
                     (self.tr("Average precision"), f"{result.curves.average_precision:.3f}"),
                     (self.tr("At the chosen false-positive rate"), self.summaryLabel.text())]
        return rows

    def _show_flagged(self) -> None:
        result = self.result
        if result is None:
            return
        t = self.threshold()
        flagged = int((result.scores > t).sum())
        text = self.tr("{flagged} of {total} validation images score above {threshold}.").format(
            flagged=f"{flagged:,}", total=f"{len(result.scores):,}", threshold=f"{t:.4g}")
        if result.against_scores is not None:
            caught = int((result.against_scores > t).sum())
            text += " " + self.tr("{caught} of {total} from {name}.").format(
                caught=f"{caught:,}", total=f"{len(result.against_scores):,}", name=result.against_name)
        self.flaggedLabel.setText(text)

    def _show_separation(self) -> None:
        result = self.result
        curves = None if result is None else result.curves
        self.curveBox.setVisible(curves is not None)
        if curves is None:
            self.roc_curve.setData([], [])
            self.pr_curve.setData([], [])
            self.summaryLabel.setText("" if result is None else
                                      self.tr("Load suspected anomalies (or train on some classes only) to see how "
                                              "well the score separates them."))
            return
        self.roc_curve.setData(curves.fpr, curves.tpr)
        self.pr_curve.setData(curves.recall, curves.precision)
        fpr = self.fprSpin.value()
        t = threshold_at_fpr(result.scores, fpr)
        caught = float((result.against_scores > t).mean())
        self.summaryLabel.setText(self.tr(
            "Against {name}: AUROC {auroc}, average precision {average_precision}. At a false-positive rate of "
            "{fpr} the threshold is {threshold}, and it catches {caught} of them.").format(
            name=result.against_name, auroc=f"{curves.auroc:.3f}", average_precision=f"{curves.average_precision:.3f}",
            fpr=f"{fpr:g}", threshold=f"{t:.4g}", caught=f"{caught:.1%}"))

    def open_zoom(self, index: int) -> ZoomDialog | None:
        result = self.result
        if result is None or index >= len(result.top):
            return None
        vmax = float(result.top_error.max()) or 1.0
        panels = [(self.tr("original"), result.top_original[index]),
                  (self.tr("reconstruction"), result.top_recon[index]),
                  (self.tr("error"), colorize(result.top_error[index : index + 1], vmax)[0],
                   result.top_error[index])]  # the hover readout shows the error, not the colour
        i = int(result.top[index])
        names = self.state.dataset.class_names if self.state.dataset is not None else ()
        fields = {"rank": index + 1, "row": int(result.rows[i]), "score": f"{result.scores[i]:.4g}"}
        if result.labels is None:
            title = self.tr("#{rank}: image {row} of the dataset, score {score}").format(**fields)
        else:
            label = int(result.labels[i])
            title = self.tr("#{rank}: image {row} of the dataset, class {name}, score {score}").format(
                name=names[label] if label < len(names) else label, **fields)
        self.zoom = ZoomDialog(panels, title, self)
        self.zoom.show()
        return self.zoom

    # -- export --------------------------------------------------------------------------------
    def export_scores(self, path: str) -> Path | None:
        result = self.result
        if result is None:
            return None
        return write_scores_csv(Path(path), result.rows, result.labels, result.scores, self.threshold())

    def export_curves(self, path: str) -> Path | None:
        curves = None if self.result is None else self.result.curves
        if curves is None:
            return None
        return write_columns_csv(Path(path), {
            "curve": ["roc"] * len(curves.fpr) + ["pr"] * len(curves.recall),
            "x": [*curves.fpr, *curves.recall],
            "y": [*curves.tpr, *curves.precision],
        })
