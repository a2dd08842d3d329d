"""File › Open, Save, Export and Save report, and opening what is dropped on the window.

Each action works on the current experiment in :class:`AppState` (never the bundled demo
model) and says what happened in the status bar, or in the banner when it failed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal
from PySide6.QtWidgets import QFileDialog

from aegui.core.catalog import is_run_folder
from aegui.core.checkpoint import EXPERIMENT_FILE, Experiment, load_experiment, save_experiment
from aegui.core.errors import AeguiError
from aegui.core.evaluation import sample_preview
from aegui.core.model_export import GRAPH_SUFFIXES, export_model
from aegui.core.reports import SamplePreview
from aegui.ui.app_state import RunState
from aegui.ui.graph_export import GRAPH_FORMATS
from aegui.ui.i18n import error_text, translate
from aegui.ui.paths import experiment_name
from aegui.ui.recent_files import RecentFiles

if TYPE_CHECKING:
    from aegui.ui.main_window import MainWindow

NOTHING_YET = QT_TRANSLATE_NOOP("FileActions", "Train a model or open an experiment first.")


class FileActions(QObject):
    saved = Signal()  # the current experiment now has a file of its own

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.state = window.state
        self.settings = window.settings
        self.recent = RecentFiles(self.settings, self.open_experiment)
        self._preview_pending: Experiment | None = None  # opened, waiting for its data to preview
        self.state.datasetChanged.connect(self._complete_saved_preview)

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    # -- opening --------------------------------------------------------------------------------
    def open_dataset_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open dataset"), self.dialog_folder(),
            self.tr("Arrays") + " (*.npz *.npy *idx*);;" + self.tr("All files") + " (*)")
        if path:
            self._remember_folder(path)
            self.window.data_tab.load_spec(path)

    def open_experiment_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open experiment"), self.dialog_folder(),
                                              self.tr("aegui experiments") + " (*.pt)")
        if path:
            self._remember_folder(path)
            self.open_experiment(path)

    def open_from_runs(self, path: str) -> None:
        if self.open_experiment(path):
            self.window.tabs.setCurrentWidget(self.window.train_tab)

    def open_experiment(self, path: str) -> bool:
        if not self.window.idle(self.tr("open an experiment")):
            return False
        try:
            experiment = load_experiment(Path(path))
            # The experiment's config becomes the one being edited (the epoch count is the
            # user's: it says how many more to train); its data fields reload the data it used.
            self.state.set_config(experiment.config.with_changes(epochs=self.state.config.epochs))
        except AeguiError as exc:
            self.state.report_error(self.tr("Could not open the experiment"), error_text(exc), "experiment")
            return False
        self.state.set_experiment(experiment, self.tr("{name} (epoch {epoch})").format(
            name=experiment_name(path), epoch=experiment.epochs_done), str(path))
        self._show_saved_work()
        self.recent.remember(path)
        self._status(self.tr("Opened {path}").format(path=path))
        return True

    def open_path(self, path: str) -> bool:
        """Open what was dropped or named on the command line (or by the desktop): a run folder
        or an experiment file, else a dataset (a file or folder of images or arrays)."""
        if not self.window.idle(self.tr("open files")):
            return False
        target = Path(path).expanduser()
        if not target.exists():
            self.state.report_error(self.tr("Could not open it"), self.tr("{path} does not exist.").format(path=path),
                                    "file")
            return False
        if target.is_dir() and is_run_folder(target):
            target = target / EXPERIMENT_FILE
        if target.suffix.lower() == ".pt":
            return self.open_experiment(str(target))
        else:
            self.window.tabs.setCurrentWidget(self.window.data_tab)
            self.window.data_tab.load_spec(path)
            return True

    # -- saving ---------------------------------------------------------------------------------
    def current_experiment(self) -> Experiment | None:
        """What File › Save writes: the current experiment, never the bundled demo."""
        return None if self.state.is_demo else self.state.experiment

    def _has_something(self, title: str) -> bool:
        """Whether there is an experiment to act on; else a banner, ``title`` ("Nothing to save"), says so."""
        if self.current_experiment() is None:
            self.state.report_error(title, translate("FileActions", NOTHING_YET), "experiment")
            return False
        return True

    def _ask_path(self, title: str, name: str, filters: str, suffix: str = "") -> tuple[str, str]:
        path, chosen = QFileDialog.getSaveFileName(self.window, title, self.dialog_folder(name), filters)
        if path:
            if suffix and not Path(path).suffix:
                path += suffix
            self._remember_folder(path)
        return path, chosen

    def save_experiment(self) -> None:
        if self.state.experiment_path and self.current_experiment() is not None:
            self.save_to(self.state.experiment_path)
        else:
            self.save_experiment_as()

    def save_experiment_as(self) -> None:
        if self._has_something(self.tr("Nothing to save")):
            path, _ = self._ask_path(self.tr("Save experiment"), "experiment.pt",
                                     self.tr("aegui experiments") + " (*.pt)")
            if path:
                self.save_to(path)

    def save_to(self, path: str) -> bool:
        experiment = self.current_experiment()
        if experiment is None:
            return False
        try:
            saved = save_experiment(experiment, Path(path))
        except OSError as exc:
            self.state.report_error(self.tr("Could not save"), f"{path}: {error_text(exc)}", "file")
            return False
        self.state.experiment_path = str(saved)
        self.state.clear_error("file")
        self.saved.emit()
        self.recent.remember(str(saved))
        self._status(self.tr("Saved {path}").format(path=saved))
        return True

    # -- exporting ------------------------------------------------------------------------------
    def export_model_dialog(self) -> None:
        if not self._has_something(self.tr("Nothing to export")):
            return
        path, chosen = self._ask_path(
            self.tr("Export model"), "model.safetensors",
            self.tr("Weights, loadable without aegui") + " (*.safetensors);;"
            + self.tr("aegui experiment, no optimizer state") + " (*.pt)")
        if path:
            if not Path(path).suffix:
                path += ".pt" if "*.pt" in chosen else ".safetensors"
            self.export_model(path)

    def export_model(self, path: str) -> bool:
        """Write the current model's weights, as ``aegui export --what model`` does."""
        experiment = self.current_experiment()
        if experiment is None:
            return False
        try:
            written = export_model(experiment, Path(path))
        except AeguiError as exc:
            self.state.report_error(self.tr("Could not export the model"), error_text(exc), "file")
            return False
        except OSError as exc:
            self.state.report_error(self.tr("Could not export the model"),
                                    self.tr("Writing {path} failed ({error}).").format(
                                        path=path, error=exc.strerror or error_text(exc)), "file")
            return False
        self.state.clear_error("file")
        self._status(self.tr("Exported the model to {path}").format(path=written))
        return True

    def export_graphs_dialog(self, what: str) -> None:
        """File › Export to ONNX / for PyTorch: pick NAME.onnx (or .pt2), get the two graphs."""
        if self._has_something(self.tr("Nothing to export")):
            suffix, graph_format = GRAPH_SUFFIXES[what], GRAPH_FORMATS[what]
            path, _ = self._ask_path(graph_format.dialog_title, f"model{suffix}", graph_format.filter, suffix)
            if path:
                self.export_graphs(what, path)

    def export_graphs(self, what: str, path: str) -> bool:
        """Start writing the encoder and decoder beside ``path``, as ``aegui export --what onnx``
        (or ``pt2``) does; the status bar says when they are written and checked."""
        experiment = self.current_experiment()
        return experiment is not None and self.window.graph_exporter.start(what, experiment, path)

    def save_report_dialog(self) -> None:
        if self._has_something(self.tr("Nothing to report")):
            path, _ = self._ask_path(self.tr("Save report"), "report.html", self.tr("One-page report") + " (*.html)",
                                     ".html")
            if path:
                self.save_report(path)

    def save_report(self, path: str) -> bool:
        """Start writing the report of the current model, with the analyses on screen."""
        experiment = self.current_experiment()
        if experiment is None:
            return False
        sections = [s for s in (p.report_section() for p in self.window.analyze_tab.all_panels()) if s]
        title = experiment_name(self.state.experiment_path) if self.state.experiment_path else \
            f"{experiment.spec.kind}, {experiment.epochs_done} epochs"
        return self.window.report_writer.start(experiment, path, title, sections)

    # -- where dialogs start --------------------------------------------------------------------
    def dialog_folder(self, name: str = "") -> str:
        """Where file dialogs start: the folder last used in one, else the home folder
        (never the folder the app happened to be started in)."""
        folder = Path(self.settings.value("dialogs/folder", "", type=str) or Path.home())
        if not folder.is_dir():
            folder = Path.home()
        return str(folder / name) if name else str(folder)

    def _remember_folder(self, path: str) -> None:
        self.settings.setValue("dialogs/folder", str(Path(path).parent))

    # -- an opened experiment shown as it was ---------------------------------------------------
    def _show_saved_work(self) -> None:
        """An opened experiment brings back its loss curves, and its preview once its data
        is loaded (which may take a moment when the file names other data)."""
        experiment = self.state.experiment
        if experiment is None:
            return
        self._preview_pending = experiment
        self.state.show_saved_history(experiment, self._saved_preview(experiment))

    def _saved_preview(self, experiment: Experiment) -> SamplePreview | None:
        split = self.state.experiment_split()
        if split is None:
            return None
        self._preview_pending = None
        val = split.val
        try:  # eight images through the model: quick enough for the GUI thread
            return sample_preview(experiment.model, val.images, val.labels,
                                  experiment.config.corruption_spec(), experiment.config.seed)
        except (AeguiError, RuntimeError, ValueError) as exc:
            self.state.statusMessage.emit(
                self.tr("No preview for this experiment: {error}").format(error=error_text(exc)))
            return None

    def _complete_saved_preview(self) -> None:
        pending = self._preview_pending
        if pending is None or pending is not self.state.experiment or self.state.run_state != RunState.IDLE:
            return
        preview = self._saved_preview(pending)
        if preview is not None:
            self.state.show_saved_history(pending, preview)
