"""The one object the tabs share. Tabs never talk to each other; they read and
write this state and redraw when it signals a change."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from aegui.core.checkpoint import Experiment
from aegui.core.config import ExperimentConfig
from aegui.core.data import DataSplit, ImageDataset, split_dataset
from aegui.core.models import Autoencoder
from aegui.core.reports import EpochReport, StepReport


class AppState(QObject):
    datasetChanged = Signal()  # dataset or split changed
    configChanged = Signal()
    modelChanged = Signal()  # a new model snapshot (epoch end, loaded experiment, or cleared)
    historyChanged = Signal()  # a step or epoch report arrived, or history was reset
    runStateChanged = Signal(str)  # idle | training | paused | stopping
    errorRaised = Signal(str, str)  # title, message
    statusMessage = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.dataset: ImageDataset | None = None
        self.dataset_spec: str = "mnist-10k"
        self.split: DataSplit | None = None
        self.val_fraction = 0.1
        self.split_seed = 0
        self.config = ExperimentConfig()
        self.model: Autoencoder | None = None  # eval-mode CPU snapshot, never the live model
        self.model_source = ""  # e.g. "epoch 3 of the current run" or a file name
        self.experiment: Experiment | None = None  # the experiment last loaded or saved
        self.experiment_path: str | None = None
        self.epoch_reports: list[EpochReport] = []
        self.step_reports: list[StepReport] = []
        self.run_state = "idle"

    # -- data ---------------------------------------------------------------------------
    def set_dataset(self, dataset: ImageDataset, spec: str) -> None:
        self.dataset = dataset
        self.dataset_spec = spec
        self._resplit()

    def set_split(self, val_fraction: float, seed: int) -> None:
        self.val_fraction, self.split_seed = val_fraction, seed
        if self.dataset is not None:
            self._resplit()

    def _resplit(self) -> None:
        assert self.dataset is not None
        self.split = split_dataset(self.dataset, self.val_fraction, self.split_seed)
        self.datasetChanged.emit()

    # -- experiment ---------------------------------------------------------------------
    def set_config(self, config: ExperimentConfig) -> None:
        if config != self.config:
            self.config = config
            self.configChanged.emit()

    def set_model(self, model: Autoencoder | None, source: str) -> None:
        self.model = model
        self.model_source = source
        self.modelChanged.emit()

    def set_run_state(self, state: str) -> None:
        if state != self.run_state:
            self.run_state = state
            self.runStateChanged.emit(state)

    # -- history ------------------------------------------------------------------------
    def reset_history(self) -> None:
        self.epoch_reports.clear()
        self.step_reports.clear()
        self.historyChanged.emit()

    def add_steps(self, reports: list[StepReport]) -> None:
        self.step_reports.extend(reports)
        self.historyChanged.emit()

    def add_epoch(self, report: EpochReport) -> None:
        self.epoch_reports.append(report)
        self.historyChanged.emit()

    def report_error(self, title: str, message: str) -> None:
        self.errorRaised.emit(title, message)
