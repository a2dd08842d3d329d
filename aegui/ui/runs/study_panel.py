"""A study of one setting (the latent size above all): one short run per value on the
loaded data, with the Train tab's settings, drawn as the runs finish, beside PCA's curve.

It drives :func:`aegui.core.sweep.run_sweep`, the generator ``aegui sweep`` drives, on a
background :class:`TaskRunner`; every point is an ordinary run folder under the app's
runs folder, so the runs list and ``aegui eval`` open it like any other run."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from aegui.core.checkpoint import EXPERIMENT_FILE
from aegui.core.errors import AeguiError, ConfigError
from aegui.core.reports import StepReport
from aegui.core.sweep import (
    SETTINGS,
    RunDone,
    RunProgress,
    RunStarted,
    SweepFinished,
    SweepResult,
    SweepStarted,
    load_sweep,
    run_sweep,
    setting_for,
    sweep_values,
)
from aegui.core.text import plural
from aegui.ui.app_state import AppState, RunState
from aegui.ui.i18n import error_text, translate, translate_plural, translate_said
from aegui.ui.paths import app_data_dir, stamped_folder
from aegui.ui.widgets.latent_size_plot import LatentSizePlot, setting_words, value_text
from aegui.ui.widgets.run_progress import format_seconds
from aegui.workers.tasks import TaskContext, TaskRunner

DEFAULT_VALUES = {
    "latent_dim": "2,4,8,16,32,64",
    "hidden": "8,16,32,64,128",
    "beta": "0.25,0.5,1,2,4",
    "noise": "0.1,0.2,0.3,0.4,0.5",
}
SETTING_TIPS = {  # translated where shown: translate("StudyPanel", SETTING_TIPS[name]), as the tips below
    "latent_dim": QT_TRANSLATE_NOOP("StudyPanel", "The size of the code: how far the images are squeezed. "
                                                  "PCA's curve is drawn beside it."),
    "hidden": QT_TRANSLATE_NOOP("StudyPanel", "The width of the model's layers."),
    "beta": QT_TRANSLATE_NOOP("StudyPanel", "β, the weight of the KL term of a VAE: a smoother latent space "
                                            "against sharper images."),
    "noise": QT_TRANSLATE_NOOP("StudyPanel", "How strongly the input is corrupted (denoising, inpainting and the "
                                             "other tasks)."),
}
DEFAULT_EPOCHS = 3  # a study is many short runs
PROGRESS_INTERVAL_S = 0.1  # at most about ten batch updates a second reach the GUI
BAR_STEPS = 1000
KEY = "study"
ERROR_KIND = "study"
START_TIP = QT_TRANSLATE_NOOP("StudyPanel", "Train one short run per value, one after another, on the loaded data "
                                            "with the Train tab's settings. Each run is kept in the app's runs folder.")
TRAINING_TIP = QT_TRANSLATE_NOOP("StudyPanel", "A study waits for the training run to end: both at once would each "
                                               "run at half speed.")
NO_DATA_TIP = QT_TRANSLATE_NOOP("StudyPanel", "Load the data in the Data tab first: a study trains on the loaded "
                                              "images.")
STALE_DATA_TIP = QT_TRANSLATE_NOOP("StudyPanel", "The Data tab's settings changed since its data was loaded: load the "
                                                 "data again first.")


def parse_values(text: str, setting: str) -> list[float]:
    """The numbers in ``text`` ("2, 4, 8"); a ConfigError in one plain sentence when it
    holds something else."""
    spec = setting_for(setting)
    parts = [part for part in re.split(r"[\s,;]+", text.strip()) if part]
    example = DEFAULT_VALUES[setting]
    if not parts:
        raise ConfigError(translate("StudyPanel", "Give the values of the {setting} to try, separated by commas, "
                                                  "such as {example}.").format(setting=setting_words(spec),
                                                                               example=example))
    values: list[float] = []
    for part in parts:
        try:
            value = float(part)
        except ValueError:
            raise ConfigError(translate("StudyPanel", "“{value}” is not a number: give the values of the {setting} "
                                                      "to try, separated by commas, such as {example}.").format(
                value=part, setting=setting_words(spec), example=example)) from None
        if spec.integer:
            if not value.is_integer():
                raise ConfigError(translate("StudyPanel", "The {setting} is a whole number, not {value}.").format(
                    setting=setting_words(spec), value=part))
            value = int(value)
        values.append(value)
    return values


def _sentence_case(label: str) -> str:
    """"Latent size"; "β" stays β (its capital is another letter)."""
    return label[:1].upper() + label[1:] if label[:1].isascii() else label


def new_study_dir(setting: str) -> Path:
    """Under the app's runs folder, so each point's run folder is listed with the other runs."""
    return stamped_folder(app_data_dir() / "runs", f"{setting}-study")


OPEN_RUN_TIP = QT_TRANSLATE_NOOP("StudyPanel", "Open the selected point's run as the current experiment (or "
                                               "double-click the point).")


def runs_words(count: int) -> str:
    """"3 runs", in the window's language."""
    return translate_plural("StudyPanel", "%n run(s)", count, plural(count, "run"))


class StudyPanel(QWidget):
    runWritten = Signal(str)  # a run folder the study has just written
    openRunRequested = Signal(str)  # the experiment.pt of the run the user picked
    busyChanged = Signal(bool)

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.runner = TaskRunner("aegui-study", self, inference=False)  # it trains: gradients needed
        self.runner.busyChanged.connect(self._runner_busy)
        self.out_dir: Path | None = None  # the folder of the study started last
        self.study_dir: Path | None = None  # the folder of the study shown
        self.result: SweepResult | None = None  # the study shown
        self._busy = False
        self._stop = threading.Event()  # Cancel: the study ends its current batch and reports
        self._started_at = 0.0
        self._texts = dict(DEFAULT_VALUES)  # what was typed for each setting

        self.setting_combo = QComboBox()
        for name, spec in SETTINGS.items():  # latent size first
            self.setting_combo.addItem(_sentence_case(setting_words(spec)), name)
            tip = SETTING_TIPS.get(name)
            self.setting_combo.setItemData(self.setting_combo.count() - 1,
                                           "" if tip is None else translate("StudyPanel", tip),
                                           Qt.ItemDataRole.ToolTipRole)
        self.setting_combo.setToolTip(self.tr("The setting the study varies; every other setting is the Train tab's."))
        self.values_edit = QLineEdit(DEFAULT_VALUES["latent_dim"])
        self.values_edit.setToolTip(self.tr("The values to try, separated by commas: one short run each."))
        self.epochs_spin = QSpinBox()
        self.epochs_spin.setRange(1, 1000)
        self.epochs_spin.setValue(DEFAULT_EPOCHS)
        self.epochs_spin.setToolTip(self.tr("Epochs each run trains: a few show the trend in a fraction of the time."))
        self.start_button = QPushButton(self.tr("Start"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop after the current batch; the runs that finished are kept."))
        self.open_button = QPushButton(self.tr("Open study…"))
        self.open_button.setToolTip(self.tr("Show a study saved earlier: pick the folder that holds its sweep.json."))
        self.open_run_button = QPushButton(self.tr("Open run"))
        self.open_run_button.setToolTip(translate("StudyPanel", OPEN_RUN_TIP))
        self.progress = QProgressBar()
        self.progress.setRange(0, BAR_STEPS)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.status = QLabel(self.tr("Pick a setting and the values to try, then Start."))
        self.status.setWordWrap(True)
        self.plot = LatentSizePlot()

        form = QFormLayout()
        form.addRow(self.tr("Setting"), self.setting_combo)
        form.addRow(self.tr("Values"), self.values_edit)
        form.addRow(self.tr("Epochs per run"), self.epochs_spin)
        # The controls in a column beside the plot: the plot gets the height, which the
        # Runs tab's lower half has little of.
        buttons = QGridLayout()
        buttons.addWidget(self.start_button, 0, 0)
        buttons.addWidget(self.cancel_button, 0, 1)
        buttons.addWidget(self.open_button, 1, 0)
        buttons.addWidget(self.open_run_button, 1, 1)
        controls = QVBoxLayout()
        controls.addLayout(form)
        controls.addLayout(buttons)
        controls.addWidget(self.progress)
        controls.addWidget(self.status)
        controls.addStretch(1)
        column = QWidget()
        column.setLayout(controls)
        column.setMaximumWidth(340)
        layout = QHBoxLayout(self)
        layout.addWidget(column)
        layout.addWidget(self.plot, 1)

        self.setting_combo.currentIndexChanged.connect(self._setting_changed)
        self._setting = self.setting
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.open_button.clicked.connect(self._choose_study)
        self.open_run_button.clicked.connect(self.open_selected_run)
        self.plot.pointClicked.connect(self._point_clicked)
        for signal in (state.runStateChanged, state.datasetChanged, state.configChanged):
            signal.connect(self._update_controls)
        self._update_controls()

    # -- public -----------------------------------------------------------------------------
    @property
    def setting(self) -> str:
        return str(self.setting_combo.currentData())

    def set_setting(self, name: str) -> None:
        self.setting_combo.setCurrentIndex(self.setting_combo.findData(setting_for(name).name))

    def is_busy(self) -> bool:
        return self._busy

    def start_blocker(self) -> str:
        """Why Start is off, in one sentence; empty when a study can start."""
        if self._busy:
            return self.tr("A study is running: cancel it first.")
        if self.state.run_state != RunState.IDLE:
            return translate("StudyPanel", TRAINING_TIP)
        if self.state.dataset is None:
            return translate("StudyPanel", NO_DATA_TIP)
        if not self.state.data_matches_config():
            return translate("StudyPanel", STALE_DATA_TIP)
        return ""

    def start(self) -> bool:
        """Check the values now (a bad one is a banner and nothing is written), then train
        the runs on the worker thread."""
        blocker = self.start_blocker()
        if blocker:
            self.state.statusMessage.emit(blocker)
            return False
        setting, data = self.setting, self.state.dataset
        try:
            base = self.state.config.with_changes(epochs=self.epochs_spin.value())
            values = sweep_values(base, setting, parse_values(self.values_edit.text(), setting))
        except AeguiError as exc:
            self.state.report_error(self.tr("Could not start the study"), error_text(exc), ERROR_KIND)
            return False
        out = new_study_dir(setting)
        self.out_dir = self.study_dir = out
        self.result = None
        self.plot.clear()
        self._stop.clear()
        self._started_at = time.monotonic()
        self.progress.setValue(0)
        self._set_status(self.tr("Measuring PCA and preparing the runs…") if setting == "latent_dim"
                         else self.tr("Preparing the runs…"))
        stop = self._stop

        def job(ctx: TaskContext) -> SweepFinished | None:
            last = 0.0
            finished = None
            for event in run_sweep(base, setting, values, out, data=data,
                                   should_stop=lambda: stop.is_set() or ctx.cancelled()):
                if isinstance(event, RunProgress) and isinstance(event.report, StepReport):
                    now = time.monotonic()
                    if now - last < PROGRESS_INTERVAL_S:
                        continue  # batch updates are thinned; epochs and runs always pass
                    last = now
                if isinstance(event, SweepFinished):
                    finished = event
                else:
                    ctx.emit(event)
            return finished

        self.runner.submit(KEY, job, self._finished, on_progress=self._event, on_error=self._failed)
        self._set_busy(True)
        return True

    def cancel(self) -> None:
        """Stop after the current batch; the study reports what it kept when it ends."""
        if self._busy and not self._stop.is_set():
            self._stop.set()
            self._set_status(self.tr("Stopping after the current batch…"))
            self._update_controls()

    def open_study(self, folder: str | Path) -> bool:
        """Show the study saved in ``folder`` (or its sweep.json); a banner when it cannot."""
        if self._busy:
            return False
        try:
            result = load_sweep(Path(folder))
        except AeguiError as exc:
            self.state.report_error(self.tr("Could not open the study"), error_text(exc), "file")
            return False
        path = Path(folder).expanduser()
        self.study_dir = path.parent if path.is_file() else path
        self.state.clear_error("file")
        self._show(result)
        self.describe_saved()
        return True

    def describe_saved(self) -> None:
        """Say how far the shown saved study got, and which of its runs' folders are gone
        (deleted or moved since: their points stay, measured, but cannot be opened)."""
        result = self.result
        if result is None or self.study_dir is None or self._busy:
            return
        done, total = len(result.finished_points), len(result.points)
        self.progress.setValue(round(BAR_STEPS * done / max(1, total)))
        if result.status == "stopped":
            text = self.tr("{study}: {done} of {runs} finished; it was stopped.")
        elif result.status == "running":
            text = self.tr("{study}: {done} of {runs} finished; it ended before its last run.")
        else:
            text = self.tr("{study}: {done} of {runs} finished.")
        text = text.format(study=self.study_dir.name, done=done, runs=runs_words(total))
        gone = self.missing_runs()
        if gone:
            text = self.tr("{status} The folder of {runs} ({folders}) is gone, deleted or moved: its point stays on "
                           "the plot but cannot be opened.").format(status=text, runs=runs_words(len(gone)),
                                                                    folders=", ".join(gone))
        self._set_status(text)
        self._update_controls()

    def missing_runs(self) -> list[str]:
        """The shown study's finished runs whose experiment file is no longer there."""
        if self.result is None or self.study_dir is None:
            return []
        return [p.folder for p in self.result.finished_points
                if not (self.study_dir / p.folder / EXPERIMENT_FILE).is_file()]

    def run_file(self, value: float) -> Path | None:
        """The experiment.pt of the shown study's run at ``value``, when it was written."""
        if self.result is None or self.study_dir is None:
            return None
        point = next((p for p in self.result.points if p.value == value), None)
        path = None if point is None else self.study_dir / point.folder / EXPERIMENT_FILE
        return path if path is not None and path.is_file() else None

    def select_point(self, value: float | None) -> None:
        """Select the run at ``value`` (as a click on its point does)."""
        self.plot.select(value)
        self._update_controls()

    def open_selected_run(self) -> bool:
        value = self.plot.selected_value
        path = None if value is None else self.run_file(value)
        if path is None:
            return False
        self.openRunRequested.emit(str(path))
        return True

    def shutdown(self, timeout_s: float = 3.0) -> bool:
        """Stop the study and wait for its thread; the panel starts no study after this."""
        return self.runner.shutdown(timeout_s)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    # -- the study's events (GUI thread) --------------------------------------------------
    def _event(self, event) -> None:
        if isinstance(event, SweepStarted):
            self._show(event.result)
            self._set_status(self.tr("{runs} to train…").format(runs=runs_words(len(event.result.points))))
        elif isinstance(event, RunStarted):
            self.progress.setValue(round(BAR_STEPS * event.index / event.total))
            self._set_status(self.tr("{run} · starting").format(
                run=self._run_words(event.index, event.total, event.value)))
        elif isinstance(event, RunProgress):
            self.progress.setValue(round(BAR_STEPS * min(1.0, event.fraction_done)))
            r = event.report
            if isinstance(r, StepReport):
                text, epoch = self.tr("{run} · epoch {epoch} of {epochs}"), r.epoch + 1
            else:
                text, epoch = self.tr("{run} · epoch {epoch} of {epochs} done"), r.epoch
            self._set_status(text.format(run=self._run_words(event.index, event.total, event.value),
                                         epoch=epoch, epochs=r.epochs))
        elif isinstance(event, RunDone):
            self._show(event.result)
            folder = self.out_dir / event.point.folder if self.out_dir is not None else None
            if folder is not None and (folder / EXPERIMENT_FILE).is_file():
                self.runWritten.emit(str(folder))

    def _finished(self, event: SweepFinished | None) -> None:
        if event is None:
            return
        result = event.result
        self._show(result)
        done, total = len(result.finished_points), len(result.points)
        if result.status == "stopped":
            self._set_status(self.tr("Stopped after {done} of {runs}; the finished runs are kept.").format(
                done=done, runs=runs_words(total)))
        else:
            self.progress.setValue(BAR_STEPS)
            took = format_seconds(time.monotonic() - self._started_at)
            text = self.tr("Finished {runs} in {took}.").format(runs=runs_words(done), took=took)
            failed = [p for p in result.points if p.status == "failed"]
            if failed:
                spec = setting_for(result.setting)
                text = self.tr("Finished {done} of {runs} in {took}; {setting} {value} failed: {message}").format(
                    done=done, runs=runs_words(total), took=took, setting=setting_words(spec),
                    value=value_text(failed[0].value, spec.integer), message=translate_said(failed[0].message))
            self._set_status(text)
        self.state.clear_error(ERROR_KIND)
        self.state.statusMessage.emit(self.status.text())

    def _failed(self, message: str) -> None:
        started = self.result is not None
        self.state.report_error(self.tr("The study stopped") if started else self.tr("Could not start the study"),
                                message, ERROR_KIND)
        self._set_status(self.tr("The study stopped; the finished runs are kept.") if started
                         else self.tr("The study could not start."))

    # -- internals ---------------------------------------------------------------------------
    def _show(self, result: SweepResult) -> None:
        self.result = result
        self.plot.show_result(result)
        self._update_controls()

    def _run_words(self, index: int, total: int, value: float) -> str:
        spec = setting_for(self.result.setting if self.result is not None else self.setting)
        return self.tr("Run {number} of {total} · {setting} {value}").format(
            number=index + 1, total=total, setting=setting_words(spec), value=value_text(value, spec.integer))

    def _set_status(self, text: str) -> None:
        self.status.setText(text)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.state.set_study_running(busy)
            self._update_controls()
            self.busyChanged.emit(busy)

    def _runner_busy(self, busy: bool) -> None:
        if not busy:  # the study's last callback has run
            self._set_busy(False)

    def _setting_changed(self) -> None:
        self._texts[self._setting] = self.values_edit.text()
        self._setting = self.setting
        self.values_edit.setText(self._texts[self._setting])

    def _choose_study(self) -> None:
        start = str(self.study_dir.parent if self.study_dir else app_data_dir() / "runs")
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open a study (the folder holding sweep.json)"),
                                                  start)
        if folder:
            self.open_study(folder)

    def _point_clicked(self, value: float, double: bool) -> None:
        self._update_controls()
        if double:
            self.open_selected_run()

    def _update_controls(self, *_args) -> None:
        blocker = self.start_blocker()
        self.start_button.setEnabled(not blocker)
        self.start_button.setToolTip(blocker or translate("StudyPanel", START_TIP))
        self.cancel_button.setEnabled(self._busy and not self._stop.is_set())
        for widget in (self.setting_combo, self.values_edit, self.epochs_spin, self.open_button):
            widget.setEnabled(not self._busy)
        selected = self.plot.selected_value
        openable = selected is not None and self.run_file(selected) is not None
        self.open_run_button.setEnabled(openable)
        self.open_run_button.setToolTip(
            translate("StudyPanel", OPEN_RUN_TIP) if openable or selected is None else
            self.tr("This point's run folder is no longer in the study's folder (deleted or moved), so there "
                    "is no model to open; its numbers are kept in sweep.json."))
