"""The one object the tabs share. Tabs never talk to each other; they read and write
this state and redraw when it signals a change.

- ``config`` is the experiment being set up: the Data tab edits its data fields, the
  Train tab the rest. There is no second copy of any setting.
- ``dataset`` is what ``config``'s data fields loaded, and ``split`` is derived from
  ``config`` by :func:`aegui.core.runs.split_for_config`, the function the CLI uses.
- ``experiment`` is the current model *with the config it was trained with*: a training
  snapshot, an opened file or the bundled demo model. Tabs read the corruption, image
  shape and classes from it, and measure it on :meth:`experiment_split`.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QObject, Signal

from aegui.core.checkpoint import Experiment
from aegui.core.config import ExperimentConfig
from aegui.core.data import DataSplit, ImageDataset, parse_spec
from aegui.core.errors import DataError
from aegui.core.inference import inference_model
from aegui.core.models import Autoencoder
from aegui.core.reports import EpochReport, SamplePreview, StepReport
from aegui.core.runs import split_for_config
from aegui.core.text import TextEnum
from aegui.ui.i18n import translate_said

DATA_FIELDS = ("dataset", "image_size", "color")
# What an error can be about; the next success of the same kind clears it.
ERROR_KINDS = ("data", "experiment", "file", "training", "busy", "reconstruct", "latent", "analysis", "study")
SPLIT_FIELDS = ("val_fraction", "split_seed", "classes")


class RunState(TextEnum):
    """Where the window's training run is. A ``str`` enum: signals carry its value."""

    IDLE = "idle"
    TRAINING = "training"
    PAUSED = "paused"
    STOPPING = "stopping"


    @property
    def title(self) -> str:
        return self.value.capitalize()


def data_key(config: ExperimentConfig) -> tuple:
    """What decides the loaded images (the split aside)."""
    return data_key_of(config.dataset, config.image_size, config.color)


def data_key_of(dataset: str, image_size: int | None, color: str) -> tuple:
    try:
        spec = parse_spec(dataset)
    except DataError:  # a name that is not a loadable spec (an in-memory dataset) is itself
        return (dataset, image_size, color)
    folder = spec.kind == "folder"
    # Size and colour apply to folder sources only; elsewhere they do not change the data.
    return (str(spec), image_size if folder else None, color if folder else "auto")


def split_key(config: ExperimentConfig) -> tuple:
    return (*data_key(config), *(getattr(config, name) for name in SPLIT_FIELDS))


class AppState(QObject):
    datasetChanged = Signal()  # dataset or split changed
    configChanged = Signal()
    experimentChanged = Signal()  # a new current experiment (epoch snapshot, opened, demo or cleared)
    historyChanged = Signal()  # a step or epoch report arrived, or history was reset
    runStateChanged = Signal(str)  # a RunState's value
    errorRaised = Signal(str, str)  # title, message
    errorCleared = Signal(str)  # kind: the thing that failed has now succeeded
    statusMessage = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.config = ExperimentConfig()
        self.dataset: ImageDataset | None = None
        self.split: DataSplit | None = None
        self._dataset_config: ExperimentConfig | None = None  # the config ``dataset`` was loaded for
        self.experiment: Experiment | None = None
        self._inference: tuple[Autoencoder, Autoencoder] | None = None  # (trained model, its fast copy)
        self.experiment_source = ""  # e.g. "epoch 3 of the current run" or a file name
        self.experiment_path: str | None = None  # where it was opened from or saved to
        self.is_demo = False
        self._experiment_split: tuple[tuple, DataSplit] | None = None
        self.epoch_reports: list[EpochReport] = []
        self.step_reports: list[StepReport] = []
        self.run_state = RunState.IDLE
        self.study_running = False  # a latent-size study trains (set by the Runs tab's study panel)
        self.error_kind = ""  # what the last reported error was about (see report_error)

    # -- the config ---------------------------------------------------------------------
    @property
    def dataset_spec(self) -> str:
        return self.config.dataset

    def set_config(self, config: ExperimentConfig) -> None:
        """Adopt ``config``. A new split is derived first, so a bad one changes nothing
        (it raises :class:`DataError`)."""
        if config == self.config:
            return
        resplit = split_key(config) != split_key(self.config) and self.dataset is not None \
            and data_key(config) == self._dataset_key
        split = split_for_config(self.dataset, config) if resplit else self.split
        self.config = config
        self.configChanged.emit()
        if resplit:
            self.split = split
            self.datasetChanged.emit()

    def update_config(self, **changes) -> None:
        self.set_config(self.config.with_changes(**changes))

    @property
    def _dataset_key(self) -> tuple | None:
        return None if self._dataset_config is None else data_key(self._dataset_config)

    def data_matches_config(self) -> bool:
        return self.dataset is not None and self._dataset_key == data_key(self.config)

    def revert_data_fields(self) -> None:
        """Point the config back at the loaded dataset (after a load that failed)."""
        if self._dataset_config is not None:
            self.update_config(**{f: getattr(self._dataset_config, f) for f in DATA_FIELDS})

    # -- data ---------------------------------------------------------------------------
    def set_dataset(self, dataset: ImageDataset, spec: str | None = None,
                    image_size: int | None = None, color: str = "auto") -> None:
        """The images loaded for ``spec`` (default: the config's data fields). The split is
        made before anything changes, so a dataset too small to split is refused whole."""
        config = self.config
        if spec is not None and data_key_of(spec, image_size, color) != data_key(config):
            # Other data: its classes are not the old ones, so the run trains on all of them.
            config = config.with_changes(dataset=spec, image_size=image_size, color=color, classes=None)
        split = split_for_config(dataset, config)
        changed = config != self.config
        self.config, self.dataset, self.split = config, dataset, split
        self._dataset_config = config
        self._experiment_split = None
        self.clear_error("data")
        if changed:
            self.configChanged.emit()
        self.datasetChanged.emit()

    # -- the current experiment ---------------------------------------------------------
    @property
    def model(self) -> Autoencoder | None:
        """The current experiment's model as the tabs run it: its inference copy (BatchNorm
        folded, channels_last), made once per model. Saving and export use
        ``experiment.model``."""
        if self.experiment is None:
            return None
        trained = self.experiment.model
        if self._inference is None or self._inference[0] is not trained:
            self._inference = (trained, inference_model(trained))
        return self._inference[1]

    def set_experiment(self, experiment: Experiment | None, source: str = "",
                       path: str | None = None, demo: bool = False) -> None:
        self.experiment = experiment
        self.experiment_source = source
        self.experiment_path = path
        self.is_demo = demo and experiment is not None
        self._experiment_split = None
        if experiment is not None and not self.is_demo:
            self.clear_error("experiment")
        self.experimentChanged.emit()

    def experiment_split(self) -> DataSplit | None:
        """The current experiment's own split of the loaded dataset: its validation images
        are the ones ``aegui eval`` measures. None when the loaded data is not its data."""
        exp, dataset = self.experiment, self.dataset
        if exp is None or dataset is None or data_key(exp.config) != self._dataset_key:
            return None
        key = split_key(exp.config)
        if self.split is not None and key == split_key(self.config):
            return self.split
        if self._experiment_split is None or self._experiment_split[0] != key:
            self._experiment_split = (key, split_for_config(dataset, exp.config))
        return self._experiment_split[1]

    def class_names(self) -> tuple[str, ...]:
        """Class names of the current experiment, else of the loaded dataset."""
        if self.experiment is not None and self.experiment.class_names:
            return self.experiment.class_names
        ds = self.dataset
        return ds.class_names if ds is not None and ds.has_labels else ()

    def set_run_state(self, state: RunState) -> None:
        state = RunState(state)
        if state != self.run_state:
            self.run_state = state
            self.runStateChanged.emit(state.value)

    def set_study_running(self, running: bool) -> None:
        self.study_running = running

    @property
    def busy(self) -> bool:
        """Whether anything trains: the window's run (or its torchrun job) or a study. The
        one answer to "may I quit, change the data, start another run?"."""
        return self.run_state is not RunState.IDLE or self.study_running

    # -- history ------------------------------------------------------------------------
    def reset_history(self, keep_epochs: int = 0) -> None:
        """Forget all but the first ``keep_epochs`` completed epochs. A run continued after
        a stop keeps its epochs but drops the batches of the epoch it stopped in: the new
        run trains that epoch again, and its batches would be drawn twice."""
        del self.epoch_reports[keep_epochs:]
        self.step_reports[:] = [r for r in self.step_reports if r.epoch < keep_epochs]
        self.historyChanged.emit()

    def drop_unfinished_steps(self, epochs_done: int) -> None:
        """A stopped run's model stays at its last complete epoch: the batches of the epoch
        it stopped in are not part of that model's history, so they are not drawn."""
        kept = [r for r in self.step_reports if r.epoch < epochs_done]
        if len(kept) != len(self.step_reports):
            self.step_reports[:] = kept
            self.historyChanged.emit()

    def show_saved_history(self, experiment: Experiment, preview: SamplePreview | None = None) -> None:
        """Draw a saved experiment's epochs as if it had just been trained here: the same
        curves, and the preview of its last epoch when one is given."""
        self.reset_history()  # first, so views that append drop what they drew
        reports = [EpochReport.from_history_row(row, experiment.config.epochs)
                   for row in experiment.history]
        if reports and preview is not None:
            reports[-1] = dataclasses.replace(reports[-1], preview=preview)
        self.epoch_reports.extend(reports)
        self.historyChanged.emit()

    def add_steps(self, reports: list[StepReport]) -> None:
        self.step_reports.extend(reports)
        self.historyChanged.emit()

    def add_epoch(self, report: EpochReport) -> None:
        self.epoch_reports.append(report)
        self.historyChanged.emit()

    def report_error(self, title: str, message: str, kind: str = "") -> None:
        """Tell the user once (the window's banner). ``kind`` names what failed
        (:data:`ERROR_KINDS`), so the next success of that kind can take the message away."""
        self.error_kind = kind
        self.errorRaised.emit(title, translate_said(message))

    def clear_error(self, kind: str) -> None:
        """Something of ``kind`` just worked: a message about it failing is out of date."""
        if kind and kind == self.error_kind:
            self.error_kind = ""
            self.errorCleared.emit(kind)
