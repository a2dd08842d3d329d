"""The main window: tabs, menus, toolbar, status bar, settings, drag and drop, shutdown."""

from __future__ import annotations

from pathlib import Path

import torch
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from aegui import __version__
from aegui.core.checkpoint import Experiment, load_experiment, save_experiment
from aegui.core.config import ExperimentConfig
from aegui.core.data import MNIST_CREDIT
from aegui.core.device import describe_device, resolve_device, set_training_threads
from aegui.core.errors import AeguiError
from aegui.core.evaluation import sample_preview
from aegui.core.job_package import RUNS_FOLDER
from aegui.core.model_export import GRAPH_SUFFIXES, export_model
from aegui.ui.app_state import AppState, RunState
from aegui.ui.data_tab import DataTab
from aegui.ui.deferred_tabs import add_deferred_tabs
from aegui.ui.graph_export import GRAPH_FORMATS, GraphExporter
from aegui.ui.job_dialog import JobExporter, ask_and_export
from aegui.ui.lazy import DeferredPage, DeferredPages
from aegui.ui.paths import app_settings, experiment_name, recent_runs, run_label
from aegui.ui.preferences import PreferencesDialog, checkpoint_seconds, thread_preference
from aegui.ui.report_writer import ReportWriter
from aegui.ui.train_tab import TrainTab
from aegui.ui.training_controller import TrainingController
from aegui.ui.widgets.banner import MessageBanner
from aegui.workers.tasks import shutdown_all

MAX_RECENT = 8
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
ICON_PATH = RESOURCES / "aegui.png"
DEMO_MODEL_PATH = RESOURCES / "demo-conv-vae.pt"
SHUTDOWN_TIMEOUT_S = 3.0  # a worker that ignores its cancel flag this long is abandoned


class MainWindow(QMainWindow):
    # The tabs not on screen at start, built when first needed (see deferred_tabs.py).
    reconstruct_tab, latent_tab, analyze_tab, runs_tab = (DeferredPage() for _ in range(4))

    def __init__(self, settings: QSettings | None = None):
        super().__init__()
        self.setWindowTitle("aegui")
        self.setWindowIcon(QIcon(str(ICON_PATH)))
        self.setAcceptDrops(True)
        self.settings = settings if settings is not None else app_settings()
        self.close_without_asking = False  # set by SIGTERM/SIGINT (quit_on_signals)
        self._preview_pending: Experiment | None = None  # opened, waiting for its data to preview
        set_training_threads(thread_preference(self.settings))  # once, before any work starts
        self.state = AppState(self)
        self.controller = TrainingController(self.state, self)
        self.controller.checkpoint_every_s = checkpoint_seconds(self.settings)
        self.graph_exporter = GraphExporter(self.state, self)
        self.report_writer = ReportWriter(self.state, self)
        self.job_exporter = JobExporter(self.state, self)
        self.banner = MessageBanner()
        self.tabs = QTabWidget(objectName="mainTabs")
        self.tabs.setDocumentMode(True)
        self.data_tab = DataTab(self.state)
        self.train_tab = TrainTab(self.state)
        self.tabs.addTab(self.data_tab, "Data")
        self.tabs.addTab(self.train_tab, "Train")
        self.pages = DeferredPages(self.tabs, self)
        add_deferred_tabs(self, self.pages)
        self.job_exporter.written.connect(lambda job: self.runs_tab.add_folder(job.folder / RUNS_FOLDER))
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._build_actions()
        self._build_status_bar()
        self._connect()
        self._restore_settings()
        if self.state.experiment is None:
            self.load_demo_experiment()

    # -- construction --------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.openDatasetAction = self._action("Open &dataset…", self.open_dataset_dialog, std.Open,
                                              "Open an image folder or an npz/npy/IDX file")
        self.openExperimentAction = self._action("Open &experiment…", self.open_experiment_dialog,
                                                 "Ctrl+Shift+O", "Open a saved experiment (.pt)")
        self.saveAction = self._action("&Save experiment", self.save_experiment, std.Save)
        self.saveAsAction = self._action("Save experiment &as…", self.save_experiment_as, std.SaveAs)
        self.exportModelAction = self._action("E&xport model…", self.export_model_dialog, None,
                                              "Save the weights as safetensors, or a slim .pt experiment")
        self.exportGraphActions = {
            what: self._action(f.title, lambda _checked=False, what=what: self.export_graphs_dialog(what), None,
                               f.tip)
            for what, f in GRAPH_FORMATS.items()
        }
        self.graph_exporter.busyChanged.connect(self._on_graph_export_busy)
        self.saveReportAction = self._action("Save &report…", self.save_report_dialog, "Ctrl+Shift+R",
                                             "Write a one-page HTML report of the model: settings, curves, "
                                             "metrics, images and the analyses shown")
        self.report_writer.busyChanged.connect(lambda busy: self.saveReportAction.setEnabled(not busy))
        self.exportJobAction = self._action(
            "Export training &job…", lambda: ask_and_export(self, self.job_exporter, self.state.config,
                                                            Path(self.dialog_folder())),
            None, "Write a folder that trains this experiment with torchrun, here or on a Slurm cluster")
        self.quitAction = self._action("&Quit", self.close, std.Quit)
        self.preferencesAction = self._action("&Preferences…", self.show_preferences, std.Preferences,
                                              "Settings of the app: training threads")
        self.preferencesAction.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.trainAction = self._action("Train", self._start_from_toolbar, "Ctrl+Return",
                                        "Start training with the settings of the Train tab")
        self.pauseAction = self._action("Pause", self.controller.toggle_pause, "Ctrl+P",
                                        "Pause or resume training")
        self.stopAction = self._action("Stop", self.controller.stop, "Ctrl+.",
                                       "Stop training and keep the last completed epoch")
        style = self.style()
        pixmaps = QStyle.StandardPixmap
        self.trainAction.setIcon(style.standardIcon(pixmaps.SP_MediaPlay))
        self.pauseAction.setIcon(style.standardIcon(pixmaps.SP_MediaPause))
        self.stopAction.setIcon(style.standardIcon(pixmaps.SP_MediaStop))
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addActions([self.openDatasetAction, self.openExperimentAction])
        self.recentMenu = file_menu.addMenu("Open &recent")
        self.recentMenu.aboutToShow.connect(self._refresh_recent)  # runs finish while it is closed
        file_menu.addSeparator()
        file_menu.addActions([self.saveAction, self.saveAsAction, self.exportModelAction,
                              *self.exportGraphActions.values(), self.saveReportAction, self.exportJobAction])
        file_menu.addSeparator()
        file_menu.addAction(self.preferencesAction)
        file_menu.addSeparator()
        file_menu.addAction(self.quitAction)
        run_menu = self.menuBar().addMenu("&Run")
        run_menu.addActions([self.trainAction, self.pauseAction, self.stopAction])
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self._action("&About aegui", self.show_about))
        toolbar = self.addToolBar("Training")
        toolbar.setObjectName("trainingToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addActions([self.trainAction, self.pauseAction, self.stopAction])

    def _build_status_bar(self) -> None:
        self.device_text = describe_device(resolve_device("auto"))
        self.deviceLabel = QLabel(self.device_text, objectName="deviceLabel")
        self.datasetLabel = QLabel("No dataset", objectName="datasetLabel")
        self.runStateLabel = QLabel("Idle", objectName="runStateLabel")
        bar = self.statusBar()
        for label in (self.datasetLabel, self.deviceLabel, self.runStateLabel):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)

    def _connect(self) -> None:
        s = self.state
        s.errorRaised.connect(self.banner.show_message)
        s.errorCleared.connect(self.banner.hide)
        s.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 8000))
        s.datasetChanged.connect(self._on_dataset)
        s.datasetChanged.connect(self._complete_saved_preview)
        s.experimentChanged.connect(self._update_title)
        self.controller.runFinished.connect(lambda _completed: self._refresh_recent())
        s.runStateChanged.connect(self._on_run_state)
        t = self.train_tab
        t.startRequested.connect(self.start_training)
        t.pauseRequested.connect(self.controller.toggle_pause)
        t.stopRequested.connect(self.controller.stop)
        t.startLabelChanged.connect(self._on_start_label)
        self._on_start_label(t.startButton.text())
        self._on_run_state(RunState.IDLE)

    # -- settings -----------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        text = self.settings.value("train/config", "", type=str)
        if text:
            try:
                self.state.set_config(ExperimentConfig.from_json(text))
            except AeguiError:
                pass  # settings from an incompatible version: start from the defaults
        self.tabs.setCurrentIndex(int(self.settings.value("window/tab", 0, type=int)))
        self._refresh_recent()

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        self.settings.setValue("train/config", self.state.config.to_json())
        self.settings.sync()

    def start_with_last_dataset(self) -> None:
        """Load the config's dataset: the previous session's (the bundled MNIST the first time)."""
        if not self.state.data_matches_config() and not self.data_tab.is_loading():
            self.data_tab.load_config_data()

    def load_demo_experiment(self, path: Path = DEMO_MODEL_PATH) -> bool:
        """Show the bundled demo model (with its config) until a model is trained or opened."""
        try:
            experiment = load_experiment(path)
        except (AeguiError, OSError) as exc:
            self.state.statusMessage.emit(f"The bundled demo model could not be loaded: {exc}")
            return False
        self.state.set_experiment(experiment, "the bundled demo model", demo=True)
        return True

    # -- training -----------------------------------------------------------------------------
    def _start_from_toolbar(self) -> None:
        self.start_training(self.train_tab.continueCheck.isChecked())

    def start_training(self, continue_model: bool = False) -> bool:
        self.state.clear_error("training")  # a new attempt: the last one's failure is history
        if self.data_tab.is_loading():
            self.state.report_error("The dataset is still loading",
                                    "Wait until the Data tab has loaded it, then press Train again.",
                                    "training")
            return False
        self._apply_threads()
        return self.controller.start(self.state.config, continue_model)  # the Train tab keeps it current

    def _on_start_label(self, text: str) -> None:
        """The toolbar's Train says what the Train tab's button will do."""
        self.trainAction.setText(text)
        self.trainAction.setStatusTip(f"{text}, with the settings of the Train tab")

    def _on_run_state(self, run_state: str) -> None:
        self.runStateLabel.setText(run_state.capitalize())
        if run_state == RunState.IDLE:
            self.state.clear_error("busy")  # "stop training to …" no longer applies
        active = run_state in (RunState.TRAINING, RunState.PAUSED)
        self.trainAction.setEnabled(run_state == RunState.IDLE)
        self.pauseAction.setEnabled(active)
        paused = run_state == RunState.PAUSED
        self.pauseAction.setText("Resume" if paused else "Pause")
        self.pauseAction.setIcon(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MediaPlay if paused else QStyle.StandardPixmap.SP_MediaPause))
        self.stopAction.setEnabled(active)
        # A run's data and experiment stay put until it ends.
        for action in (self.openDatasetAction, self.openExperimentAction, self.recentMenu.menuAction()):
            action.setEnabled(run_state == RunState.IDLE)

    def _on_dataset(self) -> None:
        d = self.state.dataset
        self.datasetLabel.setText(d.describe() if d else "No dataset")

    # -- experiments --------------------------------------------------------------------------
    def open_dataset_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open dataset", self.dialog_folder(),
                                              "Arrays (*.npz *.npy *idx*);;All files (*)")
        if path:
            self._remember_folder(path)
            self.data_tab.load_spec(path)

    def open_experiment_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open experiment", self.dialog_folder(),
                                              "aegui experiments (*.pt)")
        if path:
            self._remember_folder(path)
            self.open_experiment(path)

    def _open_from_runs(self, path: str) -> None:
        if self.open_experiment(path):
            self.tabs.setCurrentWidget(self.train_tab)

    def open_experiment(self, path: str) -> bool:
        if not self._idle("open an experiment"):
            return False
        try:
            experiment = load_experiment(Path(path))
        except AeguiError as exc:
            self.state.report_error("Could not open the experiment", str(exc), "experiment")
            return False
        # The experiment's config becomes the one being edited (the epoch count is the
        # user's: it says how many more to train); its data fields reload the data it used.
        try:
            self.state.set_config(experiment.config.with_changes(epochs=self.state.config.epochs))
        except AeguiError as exc:
            self.state.report_error("Could not open the experiment", str(exc), "experiment")
            return False
        self.state.set_experiment(experiment, f"{experiment_name(path)} (epoch {experiment.epochs_done})",
                                  str(path))
        self._show_saved_work()
        self._remember(path)
        self.statusBar().showMessage(f"Opened {path}", 8000)
        return True

    def current_experiment(self) -> Experiment | None:
        """What File › Save writes: the current experiment, never the bundled demo."""
        return None if self.state.is_demo else self.state.experiment

    def save_experiment(self) -> None:
        if self.state.experiment_path and self.current_experiment() is not None:
            self._save_to(self.state.experiment_path)
        else:
            self.save_experiment_as()

    def save_experiment_as(self) -> None:
        if self.current_experiment() is None:
            self.state.report_error("Nothing to save", "Train a model or open an experiment first.",
                                    "experiment")
            return
        path, _ = QFileDialog.getSaveFileName(self, "Save experiment", self.dialog_folder("experiment.pt"),
                                              "aegui experiments (*.pt)")
        if path:
            self._remember_folder(path)
            self._save_to(path)

    def _save_to(self, path: str) -> bool:
        experiment = self.current_experiment()
        if experiment is None:
            return False
        try:
            saved = save_experiment(experiment, Path(path))
        except OSError as exc:
            self.state.report_error("Could not save", f"{path}: {exc}", "file")
            return False
        self.state.experiment_path = str(saved)
        self.state.clear_error("file")
        self._update_title()
        self._remember(str(saved))
        self.statusBar().showMessage(f"Saved {saved}", 8000)
        return True

    def export_model_dialog(self) -> None:
        if self.current_experiment() is None:
            self.state.report_error("Nothing to export", "Train a model or open an experiment first.",
                                    "experiment")
            return
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export model", self.dialog_folder("model.safetensors"),
            "Weights, loadable without aegui (*.safetensors);;aegui experiment, no optimizer state (*.pt)")
        if path:
            if not Path(path).suffix:
                path += ".pt" if "*.pt" in chosen else ".safetensors"
            self._remember_folder(path)
            self.export_model(path)

    def export_graphs_dialog(self, what: str) -> None:
        """File › Export to ONNX / for PyTorch: pick NAME.onnx (or .pt2), get the two graphs."""
        if self.current_experiment() is None:
            self.state.report_error("Nothing to export", "Train a model or open an experiment first.",
                                    "experiment")
            return
        suffix = GRAPH_SUFFIXES[what]
        graph_format = GRAPH_FORMATS[what]
        path, _ = QFileDialog.getSaveFileName(self, graph_format.dialog_title,
                                              self.dialog_folder(f"model{suffix}"), graph_format.filter)
        if path:
            if not Path(path).suffix:
                path += suffix
            self._remember_folder(path)
            self.export_graphs(what, path)

    def _on_graph_export_busy(self, busy: bool) -> None:
        for action in self.exportGraphActions.values():  # one export at a time
            action.setEnabled(not busy)

    def export_graphs(self, what: str, path: str) -> bool:
        """Start writing the encoder and decoder beside ``path``, as ``aegui export --what onnx``
        (or ``pt2``) does; the status bar says when they are written and checked."""
        experiment = self.current_experiment()
        if experiment is None:
            return False
        return self.graph_exporter.start(what, experiment, path)

    def save_report_dialog(self) -> None:
        if self.current_experiment() is None:
            self.state.report_error("Nothing to report", "Train a model or open an experiment first.",
                                    "experiment")
            return
        path, _ = QFileDialog.getSaveFileName(self, "Save report", self.dialog_folder("report.html"),
                                              "One-page report (*.html)")
        if path:
            if not Path(path).suffix:
                path += ".html"
            self._remember_folder(path)
            self.save_report(path)

    def save_report(self, path: str) -> bool:
        """Start writing the report of the current model, with the analyses on screen."""
        experiment = self.current_experiment()
        if experiment is None:
            return False
        sections = [s for s in (p.report_section() for p in self.analyze_tab.all_panels()) if s]
        title = experiment_name(self.state.experiment_path) if self.state.experiment_path else \
            f"{experiment.spec.kind}, {experiment.epochs_done} epochs"
        return self.report_writer.start(experiment, path, title, sections)

    def dialog_folder(self, name: str = "") -> str:
        """Where file dialogs start: the folder last used in one, else the home folder
        (never the folder the app happened to be started in)."""
        folder = Path(self.settings.value("dialogs/folder", "", type=str) or Path.home())
        if not folder.is_dir():
            folder = Path.home()
        return str(folder / name) if name else str(folder)

    def _remember_folder(self, path: str) -> None:
        self.settings.setValue("dialogs/folder", str(Path(path).parent))

    def export_model(self, path: str) -> bool:
        """Write the current model's weights, as ``aegui export --what model`` does."""
        experiment = self.current_experiment()
        if experiment is None:
            return False
        try:
            written = export_model(experiment, Path(path))
        except AeguiError as exc:
            self.state.report_error("Could not export the model", str(exc), "file")
            return False
        except OSError as exc:
            self.state.report_error("Could not export the model",
                                    f"Writing {path} failed ({exc.strerror or exc}).", "file")
            return False
        self.state.clear_error("file")
        self.statusBar().showMessage(f"Exported the model to {written}", 8000)
        return True

    # -- showing a saved experiment as it was ---------------------------------------------------
    def _show_saved_work(self) -> None:
        """An opened experiment brings back its loss curves, and its preview once its data
        is loaded (which may take a moment when the file names other data)."""
        experiment = self.state.experiment
        if experiment is None:
            return
        self._preview_pending = experiment
        self.state.show_saved_history(experiment, self._saved_preview(experiment))

    def _saved_preview(self, experiment: Experiment):
        split = self.state.experiment_split()
        if split is None:
            return None
        self._preview_pending = None
        val = split.val
        try:  # eight images through the model: quick enough for the GUI thread
            return sample_preview(experiment.model, val.images, val.labels,
                                  experiment.config.corruption_spec(), experiment.config.seed)
        except (AeguiError, RuntimeError, ValueError) as exc:
            self.state.statusMessage.emit(f"No preview for this experiment: {exc}")
            return None

    def _complete_saved_preview(self) -> None:
        pending = self._preview_pending
        if pending is None or pending is not self.state.experiment or self.state.run_state != RunState.IDLE:
            return
        preview = self._saved_preview(pending)
        if preview is not None:
            self.state.show_saved_history(pending, preview)

    def _update_title(self) -> None:
        """Name the open experiment; ``*`` while it holds training not saved to a file of
        the user's (the run folder keeps a copy either way)."""
        state = self.state
        if state.experiment is None:
            self.setWindowTitle("aegui")
            self.setWindowModified(False)
            return
        if state.is_demo:
            name = "bundled demo model"
        elif state.experiment_path:
            name = f"{experiment_name(state.experiment_path)}, epoch {state.experiment.epochs_done}"
        else:
            name = state.experiment_source or "new model"
        self.setWindowTitle(f"{name}[*] — aegui")
        self.setWindowModified(self.has_unsaved_training())

    def has_unsaved_training(self) -> bool:
        state = self.state
        return state.experiment is not None and not state.is_demo and not state.experiment_path

    def _remember(self, path: str) -> None:
        recent = [p for p in self.settings.value("recent", [], type=list) if p != path]
        self.settings.setValue("recent", [path, *recent][:MAX_RECENT])
        self._refresh_recent()

    def _refresh_recent(self) -> None:
        """Files the user opened or saved, then the app's own run folders."""
        menu = self.recentMenu
        menu.clear()
        recent = [p for p in self.settings.value("recent", [], type=list) if Path(p).exists()]
        for path in recent:
            menu.addAction(experiment_name(path), lambda p=path: self.open_experiment(p)).setToolTip(path)
        runs = [p for p in recent_runs() if str(p) not in recent]
        if runs:
            menu.addSection("Runs trained in aegui")
            for path in runs:
                menu.addAction(run_label(path), lambda p=str(path): self.open_experiment(p)) \
                    .setToolTip(str(path))
        menu.setEnabled(bool(recent or runs))

    def show_preferences(self) -> PreferencesDialog:
        dialog = PreferencesDialog(self.settings, self)
        dialog.accepted.connect(self._apply_preferences)
        dialog.open()
        return dialog

    def _apply_preferences(self) -> None:
        if self.state.run_state == RunState.IDLE:  # a running run keeps its threads; the next one changes
            self._apply_threads()

    def _apply_threads(self) -> None:
        set_training_threads(thread_preference(self.settings))
        self.controller.checkpoint_every_s = checkpoint_seconds(self.settings)
        self.device_text = describe_device(resolve_device("auto"))
        self.deviceLabel.setText(self.device_text)

    def show_about(self) -> None:
        QMessageBox.about(self, "About aegui", about_text(self.device_text))

    # -- drag and drop ------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            self.open_path(url.toLocalFile())
            break

    def open_path(self, path: str) -> None:
        """Open whatever was dropped: an experiment file, or a dataset."""
        if not self._idle("open files"):
            return
        if path.lower().endswith(".pt"):
            self.open_experiment(path)
        else:
            self.tabs.setCurrentWidget(self.data_tab)
            self.data_tab.load_spec(path)

    def _idle(self, what: str) -> bool:
        if self.state.run_state == RunState.IDLE:
            return True
        self.state.report_error("Training is running", f"Stop training to {what}: a run keeps "
                                "its data and settings until it ends.", "busy")
        return False

    # -- shutdown -----------------------------------------------------------------------------
    def confirm_close(self) -> bool:
        answer = QMessageBox.question(
            self, "Training in progress",
            "A model is training. Stop it and quit? The last completed epoch is kept as a checkpoint.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.state.busy and not self.close_without_asking and not self.confirm_close():
            event.ignore()
            return
        # Cancel every background job at once, then wait for them together (a tab not
        # built yet has none).
        self.controller.begin_shutdown()
        if (runs := self.pages.built("runs_tab")) is not None:
            runs.shutdown()
        if (latent := self.pages.built("latent_tab")) is not None:
            latent.shutdown(0.0)  # stops its timers and cancels; shutdown_all waits
        shutdown_all(SHUTDOWN_TIMEOUT_S)
        self.state.set_run_state(RunState.IDLE)
        self.save_settings()
        event.accept()


def about_text(device: str) -> str:
    return (
        f"<h3>aegui {__version__}</h3><p>A desktop workbench for autoencoders.</p>"
        f"<p>PyTorch {torch.__version__} · Qt for Python {pyside_version} · {device}</p>"
        f"<p><b>Data credit.</b> {MNIST_CREDIT}</p>"
    )
