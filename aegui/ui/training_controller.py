"""Starts, pauses and stops training runs for the window, and feeds AppState.

The controller holds no model of its own: each epoch's snapshot and the finished run's
experiment go to :meth:`AppState.set_experiment`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from aegui.core.catalog import is_run_folder
from aegui.core.checkpoint import EXPERIMENT_FILE, Experiment, load_experiment
from aegui.core.choices import DEFAULT_CHECKPOINT_MINUTES
from aegui.core.config import ARCHITECTURE_FIELDS, ExperimentConfig
from aegui.core.errors import AeguiError
from aegui.core.run.verdict import COLLAPSED, judge
from aegui.ui.app_state import DATA_FIELDS, SPLIT_FIELDS, AppState, RunState
from aegui.ui.i18n import error_text, translate_plural, translate_said
from aegui.ui.paths import app_data_dir, new_run_dir
from aegui.ui.torchrun_launcher import TorchrunRun, gpu_count
from aegui.ui.words import core_words
from aegui.workers.tasks import TaskRunner
from aegui.workers.training_worker import (
    EpochDone,
    PauseChanged,
    RunResult,
    RunStarted,
    StepsReady,
    TrainingJob,
    snapshot_label,
)

TRAIN_KEY = "train"


class TrainingController(QObject):
    runFinished = Signal(bool)  # True when all epochs completed

    def __init__(self, state: AppState, parent: QObject | None = None):
        super().__init__(parent)
        self.state = state
        self.runner = TaskRunner("aegui-training", self, inference=False, yields_to_gui=True)
        self.job: TrainingJob | None = None  # the run under way; None once it has ended
        # What the last run left (with optimizer state), for continuing it; nothing else of
        # an ended run is kept.
        self._last_experiment: Experiment | None = None
        self.run_dir = None
        self.checkpoint_every_s: float | None = DEFAULT_CHECKPOINT_MINUTES * 60  # inside an epoch
        self.tensorboard = False  # also write TensorBoard logs (Preferences)
        self.torchrun: TorchrunRun | None = None

    def is_active(self) -> bool:
        if self.torchrun is not None and self.torchrun.is_running():
            return True
        return self.job is not None and self.runner.is_busy(TRAIN_KEY)

    @property
    def last_experiment(self) -> Experiment | None:
        """The experiment the last run left (with optimizer state); None while a run trains."""
        return self._last_experiment

    def start(self, config: ExperimentConfig, continue_model: bool = False) -> bool:
        state = self.state
        if self.is_active():
            return False
        if state.study_running:  # two trainings on one machine halve each other
            state.report_error(self.tr("Cannot start training"), self.tr("A latent-size study is training; wait for "
                                                                         "it, or cancel it in the Runs tab."),
                               "training")
            return False
        if state.split is None or not state.data_matches_config():
            state.report_error(self.tr("No dataset"), self.tr("Load a dataset in the Data tab first, and wait "
                                                              "until it has loaded."), "training")
            return False
        resume = self._resumable() if continue_model else None
        if resume is not None and config.processes > 1:
            state.report_error(self.tr("Cannot continue with several processes"),
                               self.tr("Continue this model in the window (1 process), or train a new one with "
                                       "several."), "training")
            return False
        split = state.split
        if resume is not None:
            # Continuing keeps the experiment's data and split, whatever the Data tab shows now.
            split = state.experiment_split()
            if split is None:
                state.report_error(self.tr("Cannot continue"),
                                   self.tr("Load the data this model was trained on ({dataset}) in the Data tab, "
                                           "then continue.").format(dataset=resume.config.dataset),
                                   "training")
                return False
            # ...and its architecture: the weights are of that shape.
            kept = {name: getattr(resume.config, name)
                    for name in (*DATA_FIELDS, *SPLIT_FIELDS, *ARCHITECTURE_FIELDS)}
            config = config.with_changes(epochs=resume.epochs_done + config.epochs, **kept)
        try:
            config.validate()
            # A continued model goes on in its own run folder (one model, one run), as
            # 'aegui train --resume' does; a model opened from elsewhere starts a new one.
            own_folder = self._folder_of(resume) if resume is not None else None
            self.run_dir = own_folder or new_run_dir(config.model)
        except (AeguiError, OSError) as exc:
            state.report_error(self.tr("Cannot start training"), error_text(exc), "training")
            return False
        # A continued run extends the curves of its own epochs (less the batches of an epoch
        # it was stopped in); any other history is of another model and goes.
        state.reset_history(resume.epochs_done if resume is not None
                            and self._history_is_of(resume) else 0)
        if config.processes > 1:
            return self._start_torchrun(config)
        dataset = state.dataset
        job = TrainingJob(config, split, self.run_dir, resume,
                          dataset.class_names if dataset is not None and dataset.has_labels else (),
                          checkpoint_every_s=self.checkpoint_every_s, tensorboard=self.tensorboard)
        self.job = job
        self._last_experiment = None  # the new run's job holds it while it continues it
        state.set_run_state(RunState.TRAINING)
        self.runner.submit(TRAIN_KEY, job.run, lambda result: self._on_done(job, result),
                           on_progress=self._on_message,
                           on_error=lambda message: self._on_failed(job, message))
        return True

    def _start_torchrun(self, config: ExperimentConfig) -> bool:
        gpus = gpu_count()
        if gpus and config.device in ("auto", "cuda") and config.processes > gpus:
            self.state.report_error(self.tr("Cannot start training"), self.tr(
                "This machine has {gpus}: use at most {processes} (one per GPU), or the CPU.").format(
                gpus=translate_plural("TrainingController", "%n GPU(s)", gpus, f"{gpus} GPUs"),
                processes=translate_plural("TrainingController", "%n process(es)", gpus, f"{gpus} processes")),
                "training")
            return False
        run = TorchrunRun(config, self.run_dir, config.processes, app_data_dir() / "jobs", self)
        run.epochDone.connect(self.state.add_epoch)
        run.ended.connect(lambda code, message: self._torchrun_ended(run, code, message))
        self.torchrun = run
        self._last_experiment = None
        self.state.set_run_state(RunState.TRAINING)
        run.start()
        processes = translate_plural("TrainingController", "%n process(es)", config.processes,
                                     f"{config.processes} processes")
        self.state.statusMessage.emit(self.tr("Training with {processes} (torchrun); the run folder is {folder}")
                                      .format(processes=processes, folder=self.run_dir))
        return True

    def _torchrun_ended(self, run: TorchrunRun, code: int, message: str) -> None:
        if self.torchrun is run:
            self.torchrun = None
        run.deleteLater()
        self.state.set_run_state(RunState.IDLE)
        experiment = None
        if (run.run_dir / "experiment.pt").is_file():
            try:
                experiment = load_experiment(run.run_dir)
            except AeguiError as exc:
                message = message or error_text(exc)
        if experiment is not None:
            self._last_experiment = experiment
            self.state.set_experiment(experiment, self.tr("{name} (epoch {epoch})").format(
                name=run.run_dir.name, epoch=experiment.epochs_done), str(run.run_dir / "experiment.pt"))
        completed = code == 0 and not run.stopping
        if not completed and not run.stopping:
            self.state.report_error(self.tr("Training stopped"),
                                    message or self.tr("torchrun ended with code {code}.").format(code=code),
                                    "training")
        elif run.stopping:
            self.state.statusMessage.emit(
                self.tr("Stopped the torchrun job; epoch {epoch} is kept in {folder}.").format(
                    epoch=experiment.epochs_done, folder=run.run_dir) if experiment else
                self.tr("Stopped the torchrun job; no epoch had completed in {folder}.").format(folder=run.run_dir))
        else:
            self.state.statusMessage.emit(self.tr("Finished; saved in {folder}.").format(folder=run.run_dir))
        self.runFinished.emit(completed)

    def _history_is_of(self, experiment: Experiment) -> bool:
        """Whether the epochs on screen are ``experiment``'s own, epoch for epoch."""
        reports, rows = self.state.epoch_reports, experiment.history
        return len(reports) == experiment.epochs_done == len(rows) and all(
            r.epoch == row.get("epoch") and r.val_loss == row.get("val_loss")
            for r, row in zip(reports, rows))

    def _folder_of(self, experiment: Experiment) -> Path | None:
        """The run folder ``experiment`` is the checkpoint of: the last run's, or the folder it
        was opened from when that is a run folder; None for a file saved elsewhere."""
        if experiment is self._last_experiment and self.run_dir is not None:
            return Path(self.run_dir)
        opened = self.state.experiment_path
        if opened and Path(opened).name == EXPERIMENT_FILE and is_run_folder(Path(opened).parent):
            return Path(opened).parent
        return None

    def _resumable(self) -> Experiment | None:
        """Continue the current experiment; its optimizer state if this controller ran it."""
        current = self.state.experiment
        if current is None or self.state.is_demo:
            return None
        last = self.last_experiment
        if last is not None and last.epochs_done == current.epochs_done \
                and last.config == current.config:
            return last
        return current

    def toggle_pause(self) -> None:
        if self.torchrun is not None:
            self.state.statusMessage.emit(self.tr("A run of several processes cannot pause: stop it, and "
                                                  "continue it later in the window."))
            return
        job = self.job
        if job is None or not self.is_active():
            return
        if job.pause_requested:
            job.resume_training()
        else:
            job.pause()  # "paused" shows once the job reports it has stopped between batches

    def stop(self) -> None:
        if self.torchrun is not None and self.torchrun.is_running():
            self.torchrun.stop()
            self.state.set_run_state(RunState.STOPPING)
            return
        if self.job is not None and self.is_active():
            self.job.request_stop()
            self.state.set_run_state(RunState.STOPPING)

    def begin_shutdown(self) -> None:
        """Ask a run to stop for good: it saves the last good epoch and skips final metrics."""
        if self.job is not None:
            self.job.request_stop(closing=True)
        if self.torchrun is not None:
            self.torchrun.shutdown()

    def shutdown(self, timeout_s: float = 3.0) -> bool:
        """Stop any run and wait for its thread; the run folder keeps the last good epoch."""
        self.begin_shutdown()
        ended = self.runner.shutdown(timeout_s)
        self.state.set_run_state(RunState.IDLE)
        job = self.job
        if ended and job is not None:  # its result was never delivered: keep what it left
            self._end(job, job.result.experiment if job.result is not None else None)
        return ended

    # -- messages from the job (on the GUI thread) -----------------------------------------
    def _on_message(self, message) -> None:
        state = self.state
        if isinstance(message, StepsReady):
            state.add_steps(message.reports)
        elif isinstance(message, EpochDone):
            state.add_epoch(message.report)
            state.set_experiment(message.snapshot, snapshot_label(message.snapshot))
        elif isinstance(message, PauseChanged):
            if state.run_state in (RunState.TRAINING, RunState.PAUSED):
                state.set_run_state(RunState.PAUSED if message.paused else RunState.TRAINING)
        elif isinstance(message, RunStarted):
            state.statusMessage.emit(self.tr("Training on {device}; the run folder is {folder}").format(
                device=message.device, folder=self.run_dir))
            if message.note:
                state.report_error(self.tr("Continuing without the optimizer's state"), message.note, "training")

    def _on_done(self, job: TrainingJob, result: RunResult) -> None:
        self._end(job, result.experiment)
        self.state.set_run_state(RunState.IDLE)  # first, so tabs that wait for idle update for the final model
        if result.experiment is not None:
            self._adopt(result.experiment)
        if result.error is not None:
            self.state.report_error(self.tr("Training stopped"), result.error, "training")
            self.runFinished.emit(False)
            return
        finished = result.finished
        if finished is not None and not finished.completed:
            self.state.drop_unfinished_steps(finished.epochs_done)
        if finished is not None:
            self.state.statusMessage.emit(self.tr("{message} Saved in {folder}.").format(
                message=translate_said(finished.message), folder=self.run_dir))
        if finished is not None and finished.completed and result.experiment is not None:
            verdict = judge(result.experiment.metrics, result.experiment.config, result.experiment.history)
            if verdict.reason:
                self.state.report_error(core_words(COLLAPSED), verdict.reason, "training")
            elif verdict.note:
                self.state.statusMessage.emit(f"{translate_said(finished.message)} {translate_said(verdict.note)}")
        self.runFinished.emit(bool(finished and finished.completed))

    def _on_failed(self, job: TrainingJob, message: str) -> None:
        self._end(job, None)
        self.state.set_run_state(RunState.IDLE)
        self.state.report_error(self.tr("Training failed"), message, "training")
        self.runFinished.emit(False)

    def _end(self, job: TrainingJob, experiment: Experiment | None) -> None:
        """Keep only the experiment of an ended run; the job (which has dropped its trainer
        by now) goes."""
        if self.job is job:
            self.job = None
        self._last_experiment = experiment

    def _adopt(self, experiment: Experiment) -> None:
        """The finished run becomes the current experiment (its run folder already holds it;
        File › Save asks where else to keep it)."""
        self.state.set_experiment(experiment, snapshot_label(experiment))
