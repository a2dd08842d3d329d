"""Training as a :class:`~aegui.workers.tasks.TaskRunner` job: the core generator, driven
with pause and stop flags.

Step reports are batched to at most ~20 messages a second, so a fast model cannot flood
the GUI's event loop. At each epoch end the job sends an eval-mode CPU *copy* of the
model, wrapped in an :class:`Experiment` with the config it was trained with, and writes
the run folder through the same core function as ``aegui train``.
"""

from __future__ import annotations

import copy
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from aegui.core.checkpoint import Experiment
from aegui.core.config import ExperimentConfig
from aegui.core.data import DataSplit
from aegui.core.device import cpu_copy, release_run_memory
from aegui.core.errors import TrainingError
from aegui.core.partial_epoch import DEFAULT_CHECKPOINT_MINUTES, remove_partial, save_partial
from aegui.core.reports import EpochReport, MidEpoch, RunFinished, StepReport
from aegui.core.run_journal import RunJournal
from aegui.core.runs import final_metrics, write_run_folder
from aegui.core.training import Trainer, snapshot_model
from aegui.workers.tasks import TaskContext

log = logging.getLogger("aegui.training")

EMIT_INTERVAL_S = 0.05  # at most ~20 step messages a second
TIMELINE_SAMPLES = 2000  # validation images encoded at each epoch end for the latent timeline
PAUSE_POLL_S = 0.1


# -- messages the job sends to the GUI thread (through TaskContext.emit) -------------------
@dataclass(frozen=True)
class RunStarted:
    device: str


@dataclass(frozen=True)
class StepsReady:
    reports: list[StepReport]


@dataclass(frozen=True)
class EpochDone:
    report: EpochReport
    snapshot: Experiment  # CPU copy of the model, without optimizer state


@dataclass(frozen=True)
class PauseChanged:
    paused: bool  # sent once the loop has really stopped (or restarted) between batches


@dataclass(frozen=True)
class RunWarning:
    title: str
    message: str


@dataclass(frozen=True)
class RunResult:
    """What the job returns: how it ended and the experiment it leaves behind."""

    finished: RunFinished | None
    experiment: Experiment | None  # with optimizer state, for continuing; None before epoch 1
    error: str | None = None  # a run that had to stop (non-finite loss, out of memory)


class TrainingJob:
    """One training run. Flags are thread-safe; :meth:`run` executes on the worker thread."""

    def __init__(self, config: ExperimentConfig, split: DataSplit, run_dir: Path | None,
                 resume: Experiment | None = None, class_names: tuple[str, ...] = (),
                 checkpoint_every_s: float | None = DEFAULT_CHECKPOINT_MINUTES * 60):
        self.config = config
        self.checkpoint_every_s = checkpoint_every_s  # inside an epoch; None: at epoch ends only
        self.run_dir = run_dir
        self.class_names = class_names
        # Held only while the run lasts (see _let_go): the data, the experiment it continues
        # and the trainer with its model, optimizer and device copies of the data.
        self.split: DataSplit | None = split
        self.resume: Experiment | None = resume
        self.trainer: Trainer | None = None
        self.result: RunResult | None = None  # also read after a shutdown, once the thread ended
        self._stop = threading.Event()
        self._closing = threading.Event()
        self._running = threading.Event()  # cleared while paused
        self._running.set()
        self._paused_reported = False
        self._journal: RunJournal | None = None  # status.json, for the Runs panel

    # -- flags, safe to call from the GUI thread ------------------------------------------
    def request_stop(self, closing: bool = False) -> None:
        if closing:
            self._closing.set()  # the window is closing: save, but skip the final metrics
        self._stop.set()
        self._running.set()  # wake a paused loop so it can see the stop

    def pause(self) -> None:
        self._running.clear()

    def resume_training(self) -> None:
        self._running.set()

    @property
    def pause_requested(self) -> bool:
        return not self._running.is_set()

    # -- the run -----------------------------------------------------------------------------
    def run(self, ctx: TaskContext) -> RunResult:
        self._ctx = ctx
        try:
            self.result = self._run(ctx)
        except TrainingError as exc:
            log.warning("Training stopped: %s", exc)
            self._save(None)  # the trainer restored the last good weights
            self._remove_partial()  # its weights led here
            self.result = RunResult(None, self.experiment(), str(exc))
            self._journal_ended("failed", str(exc))
        except BaseException as exc:
            self._journal_ended("failed", str(exc) or type(exc).__name__)
            raise
        finally:
            self._let_go()
        return self.result

    def _let_go(self) -> None:
        """The run is over and its result holds CPU copies of all it made: drop the model,
        optimizer and device copies of the data, and the split and experiment they came from,
        then hand the freed memory back (here, so the GUI thread never waits for it)."""
        self.trainer = None
        self.split = None
        self.resume = None
        release_run_memory()

    def _should_stop(self) -> bool:
        ctx = self._ctx
        while not self._running.is_set() and not ctx.cancelled() and not self._stop.is_set():
            if not self._paused_reported:
                self._paused_reported = True
                ctx.emit(PauseChanged(True))
            self._running.wait(PAUSE_POLL_S)
        if self._paused_reported:
            self._paused_reported = False
            ctx.emit(PauseChanged(False))
        if ctx.cancelled():
            self._closing.set()
        return self._stop.is_set() or ctx.cancelled()

    def _run(self, ctx: TaskContext) -> RunResult:
        resume = self.resume
        # Train copies: the experiment being continued is on screen (and maybe in a file),
        # and the tabs run inference on its model while this one trains.
        self.trainer = trainer = Trainer(
            self.config, self.split,
            model=snapshot_model(resume.model) if resume else None,
            optimizer_state=copy.deepcopy(resume.optimizer_state) if resume else None,
            history=resume.history if resume else None,
            epochs_done=resume.epochs_done if resume else 0,
            track_latent=TIMELINE_SAMPLES,
            checkpoint_every_s=self.checkpoint_every_s if self.run_dir is not None else None,
        )
        if self.run_dir is not None:
            self._journal = RunJournal(self.run_dir, "gui", trainer.epochs_done)
        ctx.emit(RunStarted(f"{trainer.device} ({trainer.fast.describe()})"))
        pending: list[StepReport] = []
        last_emit = 0.0
        finished: RunFinished | None = None
        for report in trainer.fit(self._should_stop):
            if isinstance(report, StepReport):
                pending.append(report)
                now = time.perf_counter()
                if now - last_emit >= EMIT_INTERVAL_S:
                    ctx.emit(StepsReady(pending))
                    pending, last_emit = [], now
            elif isinstance(report, EpochReport):
                if pending:
                    ctx.emit(StepsReady(pending))
                    pending = []
                ctx.emit(EpochDone(report, self.experiment(with_optimizer=False)))
                self._save(None)
                if self._journal is not None:
                    self._journal.epoch(report.epoch, report.epoch_seconds)
                self._remove_partial()  # the epoch it was part of is whole now
            elif isinstance(report, MidEpoch):
                self._save_partial(trainer)
            elif isinstance(report, RunFinished):
                if pending:
                    ctx.emit(StepsReady(pending))
                finished = report
        metrics = None
        if not self._closing.is_set() and trainer.epochs_done > 0:
            metrics = final_metrics(trainer.model, self.split, self.config)
        self._save(metrics)
        if finished is not None and finished.completed and metrics is not None:
            self._journal_ended("finished")
        else:
            self._journal_ended("stopped", finished.message if finished is not None else "")
        return RunResult(finished, self.experiment(metrics=metrics))

    def _journal_ended(self, status: str, message: str = "") -> None:
        if self._journal is not None:
            self._journal.ended(status, message)

    def _save_partial(self, trainer: Trainer) -> None:
        """A checkpoint inside a long epoch (``aegui train --resume`` picks it up)."""
        try:
            save_partial(self.run_dir, trainer.partial_epoch())
        except OSError as exc:
            log.warning("Could not save a mid-epoch checkpoint in %s: %s", self.run_dir, exc)

    def _remove_partial(self) -> None:
        if self.run_dir is not None:
            try:
                remove_partial(self.run_dir)
            except OSError as exc:
                log.warning("Could not remove the mid-epoch checkpoint in %s: %s", self.run_dir, exc)

    def experiment(self, with_optimizer: bool = True, metrics: dict | None = None) -> Experiment | None:
        """A copy of the run's state that shares no memory with the live model."""
        t = self.trainer
        if t is None or t.epochs_done == 0:
            return None
        optimizer = cpu_copy(t.optimizer.state_dict()) if with_optimizer else None
        return Experiment(self.config, t.snapshot(), list(t.history), t.epochs_done,
                          optimizer, self.class_names, dict(metrics or {}))

    def _save(self, metrics: dict | None) -> None:
        """Write the run folder as ``aegui train`` does; a failed write warns, the run goes on."""
        experiment = self.experiment()
        if self.run_dir is None or experiment is None:
            return
        try:
            write_run_folder(self.run_dir, experiment, metrics)
        except OSError as exc:
            self._ctx.emit(RunWarning("Could not save the checkpoint",
                                      f"Writing to {self.run_dir} failed ({exc.strerror or exc}). "
                                      "Training goes on; free some space or save the experiment elsewhere."))


def snapshot_label(experiment: Experiment) -> str:
    return f"{experiment.spec.kind}, epoch {experiment.epochs_done} of the current run"
