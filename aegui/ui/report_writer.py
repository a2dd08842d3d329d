"""File › Save report…: the one-page HTML report, written on a worker thread, the same file
``aegui report`` writes (plus the analyses shown in the Analyze tab)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from aegui.core.checkpoint import Experiment
from aegui.core.errors import AeguiError
from aegui.ui.app_state import AppState
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

        out = Path(path)
        try:
            if out.suffix.lower() not in REPORT_SUFFIXES:
                raise AeguiError("Save the report as an .html file.")
            data = self._images_for(experiment)
        except AeguiError as exc:
            self.state.report_error("Could not save the report", str(exc), "file")
            return False
        self.state.statusMessage.emit(f"Writing the report {out.name}…")

        def job(ctx: TaskContext) -> Path:
            try:
                return write_report(experiment, data, out, title, analyses)
            except OSError as exc:  # an unwritable folder, a full disk: the user's to fix
                raise AeguiError(f"Writing {out} failed ({exc.strerror or exc}).") from exc

        def done(written: Path) -> None:
            self.state.clear_error("file")
            self.state.statusMessage.emit(f"Saved the report {written}: one file that opens in any browser.")
            self.finished.emit(str(written))

        def failed(message: str) -> None:
            self.state.report_error("Could not save the report", message, "file")
            self.finished.emit("")

        self.runner.submit("report", job, done, on_error=failed)
        return True

    def _images_for(self, experiment: Experiment):
        """The report's figures come from the model's validation images."""
        split = self.state.experiment_split() if self.state.experiment is experiment else None
        if split is None or split.val.shape != experiment.spec.image_shape:
            raise AeguiError("The report shows the model's validation images: load its dataset in the "
                             "Data tab first.")
        return split.val
