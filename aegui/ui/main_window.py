"""The main window: tabs, menus, toolbar, status bar, settings, drag and drop, shutdown."""

from __future__ import annotations

from pathlib import Path

import torch
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QSettings
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from aegui import __version__
from aegui.core.checkpoint import EXPERIMENT_FILE, load_experiment
from aegui.core.config import ExperimentConfig
from aegui.core.data import MNIST_CREDIT
from aegui.core.device import resolve_device, set_training_threads
from aegui.core.errors import AeguiError
from aegui.core.job_package import RUNS_FOLDER
from aegui.ui import i18n
from aegui.ui.accessibility import name_custom_widgets
from aegui.ui.app_state import AppState, RunState, data_key
from aegui.ui.data_tab import DataTab
from aegui.ui.deferred_tabs import add_deferred_tabs
from aegui.ui.file_actions import FileActions
from aegui.ui.graph_export import GraphExporter
from aegui.ui.i18n import error_text, restart_later, translate
from aegui.ui.job_dialog import JobExporter
from aegui.ui.lazy import DeferredPage, DeferredPages
from aegui.ui.menus import build_menus, build_status_bar
from aegui.ui.paths import app_settings, experiment_name
from aegui.ui.preferences import (
    PreferencesDialog,
    checkpoint_seconds,
    color_scheme,
    tensorboard_logs,
    thread_preference,
)
from aegui.ui.report_writer import ReportWriter
from aegui.ui.splitter_state import restore_splitters, save_splitters
from aegui.ui.theme import apply_scheme, restyle_plots
from aegui.ui.train_tab import TrainTab
from aegui.ui.training_controller import TrainingController
from aegui.ui.widgets.banner import MessageBanner
from aegui.ui.window_geometry import restore_or_fit
from aegui.ui.words import describe_dataset, describe_device_words
from aegui.workers.tasks import shutdown_all

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
ICON_PATH = RESOURCES / "aegui.png"
DEMO_MODEL_PATH = RESOURCES / "demo-conv-vae.pt"
RUN_STATE_WORDS = {RunState.IDLE: QT_TRANSLATE_NOOP("Menus", "Idle"),
                   RunState.TRAINING: QT_TRANSLATE_NOOP("Menus", "Training"),
                   RunState.PAUSED: QT_TRANSLATE_NOOP("Menus", "Paused"),
                   RunState.STOPPING: QT_TRANSLATE_NOOP("Menus", "Stopping")}
LAST_EXPERIMENT_KEY = "experiment/last"  # the model on screen when the window closed
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
        set_training_threads(thread_preference(self.settings))  # once, before any work starts
        self.state = AppState(self)
        self.controller = TrainingController(self.state, self)
        self.controller.checkpoint_every_s = checkpoint_seconds(self.settings)
        self.controller.tensorboard = tensorboard_logs(self.settings)
        apply_scheme(color_scheme(self.settings))
        self.graph_exporter = GraphExporter(self.state, self)
        self.report_writer = ReportWriter(self.state, self)
        self.job_exporter = JobExporter(self.state, self)
        self.banner = MessageBanner()
        self.tabs = QTabWidget(objectName="mainTabs")
        self.tabs.setDocumentMode(True)
        self.data_tab = DataTab(self.state)
        self.train_tab = TrainTab(self.state)
        self.tabs.addTab(self.data_tab, self.tr("Data"))
        self.tabs.addTab(self.train_tab, self.tr("Train"))
        self.pages = DeferredPages(self.tabs, self)
        add_deferred_tabs(self, self.pages)
        self.job_exporter.written.connect(lambda job: self.runs_tab.add_folder(job.folder / RUNS_FOLDER))
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.files = FileActions(self)
        build_menus(self)
        build_status_bar(self)
        self._connect()
        self._restore_settings()
        if self.state.experiment is None:
            self.load_demo_experiment()

    # -- construction --------------------------------------------------------------------------
    def _connect(self) -> None:
        s = self.state
        s.errorRaised.connect(self.banner.show_message)
        s.errorCleared.connect(self.banner.hide)
        s.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 8000))
        s.datasetChanged.connect(self._on_dataset)
        s.experimentChanged.connect(self._update_title)
        self.controller.runFinished.connect(lambda _completed: self.files.recent.refresh())
        self.files.saved.connect(self._update_title)
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
        restore_or_fit(self, self.settings.value("window/geometry"))
        # Splitters are restored once the window has its size (a splitter resized after its
        # restore shares the change by stretch, not by proportion); tabs built later restore
        # theirs as they are built.
        self._splitters_restored = False
        self.pages.pageBuilt.connect(lambda _name, page: restore_splitters(page, self.settings))
        name_custom_widgets(self)  # what screen readers cannot read from the widgets themselves
        self.pages.pageBuilt.connect(lambda _name, page: name_custom_widgets(page))
        self.pages.pageBuilt.connect(lambda _name, page: restyle_plots(page))  # dark from the start, too
        text = self.settings.value("train/config", "", type=str)
        if text:
            try:
                self.state.set_config(ExperimentConfig.from_json(text))
            except AeguiError:
                pass  # settings from an incompatible version: start from the defaults
        self.tabs.setCurrentIndex(int(self.settings.value("window/tab", 0, type=int)))

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        save_splitters(self, self.settings)
        self.settings.setValue("train/config", self.state.config.to_json())
        self.settings.setValue(LAST_EXPERIMENT_KEY, self._experiment_to_reopen())
        self.settings.sync()

    def _experiment_to_reopen(self) -> str:
        """The file of the model on screen, for the next start: one opened or trained on the
        data being used (a run's experiment.pt); "" for the demo model, or when the user has
        since moved on to other data."""
        state = self.state
        experiment = state.experiment
        if experiment is None or state.is_demo or data_key(experiment.config) != data_key(state.config):
            return ""
        if state.experiment_path:
            return state.experiment_path
        run_dir = self.controller.run_dir
        if experiment is self.controller.last_experiment and run_dir is not None:
            return str(Path(run_dir) / EXPERIMENT_FILE)
        return ""

    def _offer_restart_for_language(self) -> None:
        """A new language shows from the next start (every text is set when its widget is
        made): say so, and offer to start again now."""
        wanted = i18n.chosen_language(self.settings)
        if wanted == i18n.shown_language() or (wanted not in i18n.available() and i18n.shown_language() == "en"):
            return
        answer = QMessageBox.question(
            self, self.tr("Language"),
            self.tr("The window changes language when aegui starts again. Restart now? (A run in progress "
                    "keeps its last whole epoch.)"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            restart_later()
            self.close_without_asking = True
            self.close()

    def start_with_last_dataset(self) -> None:
        """Start where the previous session ended: its model reopened with its data, or the
        config's dataset with the demo model (the bundled MNIST the first time)."""
        last = self.settings.value(LAST_EXPERIMENT_KEY, "", type=str)
        if last and self.state.is_demo:
            if Path(last).is_file():
                self.files.open_experiment(last)  # its config, so its data, comes with it
            else:
                self.state.statusMessage.emit(self.tr("The last session's model, {path}, is no longer there; "
                                                      "showing the bundled demo model.").format(path=last))
        if not self.state.data_matches_config() and not self.data_tab.is_loading():
            self.data_tab.load_config_data()

    def open_paths(self, paths: list[str]) -> None:
        """Start on what the command line or the desktop named (``aegui PATH``), not on
        where the last session ended; then load the data the opened model needs."""
        for path in paths:
            self.files.open_path(path)
        if not self.state.data_matches_config() and not self.data_tab.is_loading():
            self.data_tab.load_config_data()

    def load_demo_experiment(self, path: Path = DEMO_MODEL_PATH) -> bool:
        """Show the bundled demo model (with its config) until a model is trained or opened."""
        try:
            experiment = load_experiment(path)
        except (AeguiError, OSError) as exc:
            self.state.statusMessage.emit(self.tr("The bundled demo model could not be loaded: {reason}")
                                          .format(reason=error_text(exc)))
            return False
        self.state.set_experiment(experiment, self.tr("the bundled demo model"), demo=True)
        return True

    # -- training -----------------------------------------------------------------------------
    def start_from_toolbar(self) -> None:
        self.start_training(self.train_tab.continueCheck.isChecked())

    def start_training(self, continue_model: bool = False) -> bool:
        self.state.clear_error("training")  # a new attempt: the last one's failure is history
        if self.data_tab.is_loading():
            self.state.report_error(self.tr("The dataset is still loading"),
                                    self.tr("Wait until the Data tab has loaded it, then press Train again."),
                                    "training")
            return False
        self._apply_threads()
        return self.controller.start(self.state.config, continue_model)  # the Train tab keeps it current

    def _on_start_label(self, text: str) -> None:
        """The toolbar's Train says what the Train tab's button will do."""
        self.trainAction.setText(text)
        self.trainAction.setStatusTip(f"{text}, with the settings of the Train tab")

    def _on_run_state(self, run_state: str) -> None:
        self.runStateLabel.setText(translate("Menus", RUN_STATE_WORDS.get(run_state, run_state.capitalize())))
        if run_state == RunState.IDLE:
            self.state.clear_error("busy")  # "stop training to …" no longer applies
        active = run_state in (RunState.TRAINING, RunState.PAUSED)
        self.trainAction.setEnabled(run_state == RunState.IDLE)
        self.pauseAction.setEnabled(active)
        paused = run_state == RunState.PAUSED
        self.pauseAction.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.pauseAction.setIcon(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MediaPlay if paused else QStyle.StandardPixmap.SP_MediaPause))
        self.stopAction.setEnabled(active)
        # A run's data and experiment stay put until it ends.
        for action in (self.openDatasetAction, self.openExperimentAction, self.recentMenu.menuAction()):
            action.setEnabled(run_state == RunState.IDLE)

    def _on_dataset(self) -> None:
        d = self.state.dataset
        self.datasetLabel.setText(describe_dataset(d) if d else self.tr("No dataset"))

    def _update_title(self) -> None:
        """Name the open experiment; ``*`` while it holds training not saved to a file of
        the user's (the run folder keeps a copy either way)."""
        state = self.state
        if state.experiment is None:
            self.setWindowTitle("aegui")
            self.setWindowModified(False)
            return
        if state.is_demo:
            name = self.tr("bundled demo model")
        elif state.experiment_path:
            name = self.tr("{name}, epoch {epoch}").format(name=experiment_name(state.experiment_path),
                                                          epoch=state.experiment.epochs_done)
        else:
            name = state.experiment_source or self.tr("new model")
        self.setWindowTitle(f"{name}[*] — aegui")
        self.setWindowModified(self.has_unsaved_training())

    def has_unsaved_training(self) -> bool:
        state = self.state
        return state.experiment is not None and not state.is_demo and not state.experiment_path

    def show_preferences(self) -> PreferencesDialog:
        dialog = PreferencesDialog(self.settings, self)
        dialog.accepted.connect(self._apply_preferences)
        dialog.open()
        return dialog

    def _apply_preferences(self) -> None:
        apply_scheme(color_scheme(self.settings))  # at once: the palette change restyles the plots
        self._offer_restart_for_language()
        if self.state.run_state == RunState.IDLE:  # a running run keeps its threads; the next one changes
            self._apply_threads()

    def _apply_threads(self) -> None:
        set_training_threads(thread_preference(self.settings))
        self.controller.checkpoint_every_s = checkpoint_seconds(self.settings)
        self.controller.tensorboard = tensorboard_logs(self.settings)
        self.device_text = describe_device_words(resolve_device("auto"))
        self.deviceLabel.setText(self.device_text)

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About aegui"), about_text(self.device_text))

    # -- drag and drop ------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            self.files.open_path(url.toLocalFile())
            break

    def idle(self, what: str) -> bool:
        """Whether nothing trains; else a banner says to stop training to do ``what``."""
        if self.state.run_state == RunState.IDLE:
            return True
        self.state.report_error(self.tr("Training is running"),
                                self.tr("Stop training to {action}: a run keeps its data and settings until it "
                                        "ends.").format(action=what), "busy")
        return False

    # -- shutdown -----------------------------------------------------------------------------
    def confirm_close(self) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Training in progress"),
            self.tr("A model is training. Stop it and quit? The last completed epoch is kept as a checkpoint."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light to dark or back (the system, Preferences)
            self.banner.restyle()
            restyle_plots(self)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._splitters_restored:
            self._splitters_restored = True
            restore_splitters(self, self.settings)

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
        f"<h3>aegui {__version__}</h3><p>{translate('MainWindow', 'A desktop workbench for autoencoders.')}</p>"
        f"<p>PyTorch {torch.__version__} · Qt for Python {pyside_version} · {device}</p>"
        f"<p><b>{translate('MainWindow', 'Data credit.')}</b> {MNIST_CREDIT}</p>"
    )
