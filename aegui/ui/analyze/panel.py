"""What every Analyze panel shares: a Run/Cancel row with progress, the data it analyses
(the current experiment's own split), and results that go stale when the model changes.

A panel computes when it is shown and its results are stale, unless a model is training
(then it waits for Run, so analysis never competes with training uninvited)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout, QWidget

from aegui.core.checkpoint import Experiment
from aegui.core.data import DataSplit, ImageDataset
from aegui.core.errors import AeguiError
from aegui.core.report import AnalysisSection
from aegui.core.runs import held_out_for_config
from aegui.ui.app_state import AppState, RunState
from aegui.ui.i18n import error_text, translate, translate_said
from aegui.ui.lazy import LazyRefresh
from aegui.ui.plain_text import plain_label
from aegui.workers.tasks import TaskContext, TaskRunner

# The base class's texts are in the "AnalysisPanel" context (self.tr in a base-class method would
# look them up under the subclass's name), and so are the subclasses' run_text and report_title.
NO_MODEL = QT_TRANSLATE_NOOP("AnalysisPanel", "No model yet. Train one in the Train tab, or open an experiment.")
FILE_KINDS = {"csv": QT_TRANSLATE_NOOP("AnalysisPanel", "CSV"),  # the save dialogs' filter descriptions
              "png": QT_TRANSLATE_NOOP("AnalysisPanel", "PNG")}


@dataclass(frozen=True)
class AnalysisInput:
    """One snapshot of what is analysed: a job never sees the state change under it."""

    experiment: Experiment
    split: DataSplit
    held_out: ImageDataset | None  # validation rows of the classes the model never saw
    source: str  # the experiment's label, for captions and exports


class AnalysisPanel(QWidget):
    """Subclasses build their controls in ``build``, start work in ``job`` and show results in
    ``show_result``; this class runs, cancels, marks stale and reports."""

    resultShown = Signal()  # tests and automation wait on it
    build: Callable[[], None]
    job: Callable[[AnalysisInput], Callable[[TaskContext], Any]]
    show_result: Callable[[Any, AnalysisInput], None]
    key = "analysis"
    run_text = QT_TRANSLATE_NOOP("AnalysisPanel", "Run")  # shown as translate("AnalysisPanel", run_text)
    report_title = QT_TRANSLATE_NOOP("AnalysisPanel", "Analysis")  # the section's title in the one-page report

    def __init__(self, state: AppState, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.runner = runner
        self.result: Any = None
        self.result_for: Experiment | None = None  # the experiment the shown result is of
        self.runButton = QPushButton(translate("AnalysisPanel", self.run_text), objectName=f"{self.key}RunButton")
        self.cancelButton = QPushButton(translate("AnalysisPanel", "Cancel"), objectName=f"{self.key}CancelButton",
                                        enabled=False)
        self.progress = QProgressBar(objectName=f"{self.key}Progress", textVisible=False)
        self.progress.setMaximumHeight(10)
        self.progress.setFixedWidth(260)
        self.progress.hide()
        self.status = plain_label("", objectName=f"{self.key}Status", wordWrap=True)
        self.runButton.clicked.connect(self.run)
        self.cancelButton.clicked.connect(self.cancel)
        row = QHBoxLayout()
        row.addWidget(self.runButton)
        row.addWidget(self.cancelButton)
        row.addWidget(self.progress)
        row.addStretch(1)
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addLayout(self.body, 1)
        self.build()
        self.lazy = LazyRefresh(self, self._auto_run)
        state.experimentChanged.connect(self._mark_stale)
        state.datasetChanged.connect(self._mark_stale)
        if state.experiment is not None or state.dataset is not None:
            self.lazy.request()  # built after they came: catch up as if it had seen them come

    # Subclasses define build() (their controls, into self.body), job(data) (a task
    # function over that snapshot) and show_result(result, data); clear_result() is optional.
    def clear_result(self) -> None:
        """Drop what the previous model's result drew."""

    def save_dialog(self, title: str, default_name: str, save: Callable[[str], object]) -> None:
        """Ask where, then ``save(path)``; a failed write is one banner, and nothing is lost."""
        suffix = Path(default_name).suffix.lstrip(".")
        kind = translate("AnalysisPanel", FILE_KINDS[suffix]) if suffix in FILE_KINDS else suffix.upper()
        path, _ = QFileDialog.getSaveFileName(self, title, default_name, f"{kind} (*.{suffix})")
        if not path:
            return
        try:
            save(path)
        except OSError as exc:
            self.state.report_error(translate("AnalysisPanel", "Could not save"),
                                    translate("AnalysisPanel", "Writing {path} failed ({reason}).").format(
                                        path=path, reason=exc.strerror or exc), "file")
            return
        self.state.clear_error("file")

    # -- the data ------------------------------------------------------------------------------
    def analysis_input(self) -> AnalysisInput | None:
        """The current experiment on its own split, or None (with the reason in the status)."""
        exp = self.state.experiment
        if exp is None:
            self.status.setText(translate("AnalysisPanel", NO_MODEL))
            return None
        try:
            split = self.state.experiment_split()
        except AeguiError as exc:  # e.g. its classes are not in the loaded data
            self.status.setText(error_text(exc))
            return None
        if split is None:
            self.status.setText(translate(
                "AnalysisPanel", "This model was trained on {dataset}. Load that dataset in the Data tab to analyse "
                "it on its own validation images.").format(dataset=exp.config.dataset))
            return None
        if split.val.shape != exp.spec.image_shape:
            self.status.setText(translate("AnalysisPanel", "The model and the loaded images have different shapes."))
            return None
        try:
            held_out = held_out_for_config(self.state.dataset, exp.config)
        except Exception:  # a dataset without the classes: analyse without them
            held_out = None
        return AnalysisInput(exp, split, held_out, self.state.experiment_source)

    # -- running -------------------------------------------------------------------------------
    def _mark_stale(self) -> None:
        # A running job works on its own snapshot: let it finish (a new epoch every few
        # seconds would otherwise cancel a long analysis for ever), and say it is older.
        if self.result is not None and self.state.experiment is not self.result_for \
                and not self.runner.is_busy(self.key):
            self.status.setText(translate("AnalysisPanel",
                                          "The model or data changed since this was computed: Run to update it."))
        self.lazy.request()

    def _auto_run(self) -> None:
        fresh = self.result is not None and self.result_for is self.state.experiment
        if not fresh and self.state.run_state == RunState.IDLE:
            self.run(user=False)

    def run(self, user: bool = True) -> None:
        self._user_run = user
        data = self.analysis_input()
        if data is None:
            self.runner.cancel(self.key)
            self._set_running(False)
            self.clear_result()
            return
        self._set_running(True)
        self.progress.setRange(0, 0)
        self.runner.submit(self.key, self.job(data), lambda result: self._done(result, data),
                           on_progress=self._on_progress, on_error=self._failed)

    def report_section(self) -> AnalysisSection | None:
        """The shown result as report rows, when it is of the current model."""
        if self.result is None or self.result_for is not self.state.experiment:
            return None
        rows = tuple((name, value) for name, value in self.report_rows() if value)
        return AnalysisSection(translate("AnalysisPanel", self.report_title), rows) if rows else None

    def report_rows(self) -> list[tuple[str, str]]:
        """(name, value) rows of the shown result; subclasses say what matters in theirs."""
        return []

    def cancel(self) -> None:
        self.runner.cancel(self.key)
        self._set_running(False)
        self.status.setText(translate("AnalysisPanel", "Cancelled."))

    def _on_progress(self, progress: tuple[int, int]) -> None:
        done, total = progress
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _done(self, result: Any, data: AnalysisInput) -> None:
        self._set_running(False)
        self.result, self.result_for = result, data.experiment
        if data.experiment is self.state.experiment:
            text = translate("AnalysisPanel", "Model: {source}; {count} validation images.")
        else:
            text = translate("AnalysisPanel",
                             "Model: {source} (an earlier model: Run to update); {count} validation images.")
        self.status.setText(text.format(source=data.source, count=f"{len(data.split.val):,}"))
        self.show_result(result, data)
        self.state.clear_error("analysis")
        self.resultShown.emit()

    def _failed(self, message: str) -> None:
        self._set_running(False)
        self.status.setText(translate_said(message))
        if getattr(self, "_user_run", True):  # a panel that ran by itself only says so in place
            self.state.report_error(translate("AnalysisPanel", "The analysis could not finish"), message, "analysis")

    def _set_running(self, running: bool) -> None:
        self.runButton.setEnabled(not running)
        self.cancelButton.setEnabled(running)
        self.progress.setVisible(running)
        if running:
            self.status.setText(translate("AnalysisPanel", "Working…"))


def progress_to(ctx: TaskContext) -> Callable[[int, int], None]:
    """A core ``progress(done, total)`` callback that reports through the task."""
    return lambda done, total: ctx.emit((done, total))


def save_plot(plot: QWidget, path: str) -> None:
    if not plot.grab().save(path, "PNG"):
        raise OSError(translate("AnalysisPanel", "could not write {path}").format(path=path))
