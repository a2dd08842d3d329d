"""Training as a :class:`~aegui.workers.tasks.TaskRunner` job: the core generator, driven
with pause and stop flags.

Step reports are batched to at most ~20 messages a second, so a fast model cannot flood
the GUI's event loop. At each epoch end the job sends an eval-mode CPU *copy* of the
model, wrapped in an :class:`Experiment` with the config it was trained with. The run
folder is written by the same :class:`~aegui.core.run.RunSession` as ``aegui train``.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from aegui.core.checkpoint import Experiment
from aegui.core.choices import DEFAULT_CHECKPOINT_MINUTES
from aegui.core.config import ExperimentConfig
from aegui.core.data import DataSplit
from aegui.core.device import release_run_memory
from aegui.core.errors import TrainingError
from aegui.core.reports import EpochReport, RunFinished, StepReport
from aegui.core.run import RunFolderBusy, RunSession, Writer
from aegui.core.training import Trainer
from aegui.core.words import message_of
from aegui.workers.tasks import TaskContext

log = logging.getLogger("aegui.training")

EMIT_INTERVAL_S = 0.05  # at most ~20 step messages a second
TIMELINE_SAMPLES = 2000  # validation images encoded at each epoch end for the latent timeline
PAUSE_POLL_S = 0.1


# -- messages the job sends to the GUI thread (through TaskContext.emit) -------------------
@dataclass(frozen=True)
class RunStarted:
    device: str
    note: str = ""  # worth a banner: a saved optimizer state that could not be used


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
class RunResult:
    """What the job returns: how it ended and the experiment it leaves behind."""

    finished: RunFinished | None
    experiment: Experiment | None  # with optimizer state, for continuing; None before epoch 1
    error: str | None = None  # a run that had to stop (non-finite loss, out of memory)


class TrainingJob:
    """One training run. Flags are thread-safe; :meth:`run` executes on the worker thread.

    The run folder is the :class:`RunSession`'s: this job only throttles the session's
    reports into messages, hands the GUI copies, and turns pause and stop into the
    session's ``should_stop``.
    """

    def __init__(self, config: ExperimentConfig, split: DataSplit, run_dir: Path | None,
                 resume: Experiment | None = None, class_names: tuple[str, ...] = (),
                 checkpoint_every_s: float | None = DEFAULT_CHECKPOINT_MINUTES * 60, tensorboard: bool = False):
        self.config = config
        self.checkpoint_every_s = checkpoint_every_s  # inside an epoch; None: at epoch ends only
        self.tensorboard = tensorboard  # also write TensorBoard logs in the run folder's tb/
        self.run_dir = run_dir
        self.class_names = class_names
        # Held only while the run lasts (see _let_go): the data, the experiment it continues
        # and the session with its trainer, model, optimizer and device copies of the data.
        self.split: DataSplit | None = split
        self.resume: Experiment | None = resume
        self.session: RunSession | None = None
        self.result: RunResult | None = None  # also read after a shutdown, once the thread ended
        self._stop = threading.Event()
        self._closing = threading.Event()
        self._running = threading.Event()  # cleared while paused
        self._running.set()
        self._paused_reported = False

    @property
    def trainer(self) -> Trainer | None:
        return self.session.trainer if self.session is not None else None

    # -- flags, safe to call from the GUI thread ------------------------------------------
    def request_stop(self, closing: bool = False) -> None:
        if closing:
            self._closing.set()  # the window is closing: save, but skip the final metrics
            session = self.session
            if session is not None:
                session.interrupt(measure=False)
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
        self.session = session = RunSession(self.run_dir, Writer.GUI)
        try:
            with session:
                try:
                    self.result = self._run(ctx, session)
                except TrainingError as exc:  # the model stays: its last whole epoch, with its optimizer
                    log.warning("Training stopped: %s", exc)
                    self.result = RunResult(None, session.experiment(), message_of(exc))
        except RunFolderBusy as exc:
            self.result = RunResult(None, None, message_of(exc))
        finally:
            self._let_go()
        return self.result

    def _let_go(self) -> None:
        """The run is over and its result holds CPU copies of all it made: drop the model,
        optimizer and device copies of the data, and the split and experiment they came from,
        then hand the freed memory back (here, so the GUI thread never waits for it)."""
        if self.session is not None:
            self.session.release_trainer()
        self.session = None
        self.split = None
        self.resume = None
        release_run_memory(compiled=self.config.compile)

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
        if ctx.cancelled() or self._closing.is_set():
            self.session.interrupt(measure=False)  # closing: keep the last whole epoch, unmeasured
        return self._stop.is_set() or ctx.cancelled()

    def _run(self, ctx: TaskContext, session: RunSession) -> RunResult:
        trainer = session.start(self.config, self.split, resume=self.resume, class_names=self.class_names,
                                checkpoint_every_s=self.checkpoint_every_s, track_latent=TIMELINE_SAMPLES,
                                tensorboard=self.tensorboard)
        ctx.emit(RunStarted(f"{trainer.device} ({trainer.fast.describe()})", trainer.optimizer_note))
        pending: list[StepReport] = []
        last_emit = 0.0
        finished: RunFinished | None = None
        for report in session.fit(self._should_stop):
            if isinstance(report, StepReport):
                pending.append(report)
                now = time.perf_counter()
                if now - last_emit >= EMIT_INTERVAL_S:
                    ctx.emit(StepsReady(pending))
                    pending, last_emit = [], now
                continue
            if pending:
                ctx.emit(StepsReady(pending))
                pending = []
            if isinstance(report, EpochReport):
                ctx.emit(EpochDone(report, session.experiment(with_optimizer=False)))
            elif isinstance(report, RunFinished):
                finished = report
        outcome = session.outcome
        metrics = outcome.metrics if outcome is not None else None
        return RunResult(finished, session.experiment(metrics=metrics))


def snapshot_label(experiment: Experiment) -> str:
    """How the window names the model a run left (in the window's language)."""
    return QCoreApplication.translate("TrainingJob", "{kind}, epoch {epoch} of the current run").format(
        kind=experiment.spec.kind, epoch=experiment.epochs_done)
