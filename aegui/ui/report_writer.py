"""File › Save report…: the one-page HTML report, written on a worker thread, the same file
``aegui report`` writes (plus the analyses shown in the Analyze tab). Its figures are of the
model's own validation images: loaded on the worker when another dataset is on screen."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from aegui.core.checkpoint import Experiment
from aegui.core.data import ImageDataset
from aegui.core.errors import AeguiError
from aegui.core.runs import load_for_config, split_for_config
from aegui.ui.app_state import AppState
from aegui.ui.i18n import error_text, translate
from aegui.workers.tasks import TaskContext, TaskRunner

if TYPE_CHECKING:
    from aegui.core.report import AnalysisSection


class ReportWriter(QObject):
    """Writes one report at a time; ``finished(path or "")`` once it is written or failed."""

    finished = Signal(str)
    busyChanged = Signal(bool)

    def __init__(self, state: AppState, parent: QObject | None = None):
        super().__init__(parent)
        self.state = state
        self.runner = TaskRunner("aegui-report", self)
        self.runner.busyChanged.connect(self.busyChanged)

    def start(self, experiment: Experiment, path: str, title: str,
              analyses: list[AnalysisSection]) -> bool:
        """Check the file type and the images now, then render on the worker thread."""
        # Imported here, not with the window: jinja2 and the report code wait for a report.
        from aegui.core.report import REPORT_SUFFIXES, write_report
        from aegui.ui.report_language import WindowReportWords

        out = Path(path)
        if out.suffix.lower() not in REPORT_SUFFIXES:
            self.state.report_error(self.tr("Could not save the report"), self.tr("Save the report as an .html file."),
                                    "file")
            return False
        words = WindowReportWords()  # the window's language, read here on the GUI thread
        on_screen = self._images_on_screen(experiment)
        if on_screen is None:
            self.state.statusMessage.emit(self.tr("Loading the model's data ({dataset}) for the report {name}…")
                                          .format(dataset=experiment.config.dataset, name=out.name))
        else:
            self.state.statusMessage.emit(self.tr("Writing the report {name}…").format(name=out.name))

        def job(ctx: TaskContext) -> Path:
            data = on_screen if on_screen is not None else validation_images(experiment)
            try:
                return write_report(experiment, data, out, title, analyses, words)
            except OSError as exc:  # an unwritable folder, a full disk: the user's to fix
                raise AeguiError(self.tr("Writing {path} failed ({error}).").format(
                    path=out, error=exc.strerror or error_text(exc))) from exc

        def done(written: Path) -> None:
            self.state.clear_error("file")
            self.state.statusMessage.emit(self.tr("Saved the report {path}: one file that opens in any browser.")
                                          .format(path=written))
            self.finished.emit(str(written))

        def failed(message: str) -> None:
            self.state.report_error(self.tr("Could not save the report"), message, "file")
            self.finished.emit("")

        self.runner.submit("report", job, done, on_error=failed)
        return True

    def _images_on_screen(self, experiment: Experiment) -> ImageDataset | None:
        """The model's validation images when the loaded data is its own; None otherwise."""
        split = self.state.experiment_split() if self.state.experiment is experiment else None
        if split is None or split.val.shape != experiment.spec.image_shape:
            return None
        return split.val


def validation_images(experiment: Experiment) -> ImageDataset:
    """The report's figures are of the model's own validation images: with another dataset on
    screen, its data is loaded here, on the worker thread, as ``aegui report`` loads it."""
    config = experiment.config
    data = load_for_config(config)
    val = split_for_config(data, config).val
    if val.shape != experiment.spec.image_shape:
        shape = "×".join(map(str, val.shape))
        want = "×".join(map(str, experiment.spec.image_shape))
        raise AeguiError(translate("ReportWriter", "The model's dataset ({dataset}) now has {shape} images, but the "
                                   "model reads {want}: it has changed since training.").format(
            dataset=config.dataset, shape=shape, want=want))
    return val
