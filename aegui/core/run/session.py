"""``RunSession``: the one owner of a run folder, from claiming it to letting it go.

Every writer of a run folder goes through it: ``aegui train`` (and rank 0 of a torchrun
job), the window's training job and each run of a latent-size study::

    with RunSession(folder, Writer.CLI) as session:        # the lock, or RunFolderBusy
        resumed = session.resume_from(...)                 # read under the lock
        session.start(config, split, resume=resumed)       # the Trainer
        for report in session.fit(should_stop):            # StepReport, EpochReport, RunFinished
            ...                                            # a progress bar, or signals to the GUI
        outcome = session.outcome                          # finished, stopped or failed

Policies, the same for every writer:

- **Every epoch** the checkpoint, config, history and journal are written (checkpoint
  first, each file atomically); inside a long epoch a mid-epoch checkpoint is written every
  ``checkpoint_every_s`` and removed once its epoch is whole.
- **The final metrics** are measured when a run has trained all its epochs, and saved
  with it (``metrics.json``).
- **A stop** keeps the last whole epoch and measures it with one validation pass (no PCA
  baseline, which may need fitting), so the Runs table shows its numbers: a requested one
  (Stop, a study's Cancel) and an interruption alike (SIGINT, SIGTERM, the window closing:
  :meth:`interrupt`). A ``KeyboardInterrupt`` raised through the loop (a second signal)
  ends at once, unmeasured. The journal says "stopped".
- **A failure** (a non-finite or exploding loss, out of memory) keeps the last whole
  epoch on disk; the mid-epoch checkpoint whose weights led there is removed; the journal
  says "failed" with the message, and the :class:`TrainingError` goes on to the caller.
- **A failed write** (a full disk, a vanished drive) stops the run as a failure: the
  previous checkpoint is intact (writes are atomic), the model in memory goes back to the
  last whole epoch, and the message says how to continue. Training on without saving
  would break the promise that a crash costs at most the last epoch.
- Temporary files a killed writer left are removed only here, under the lock.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from aegui.core import distributed
from aegui.core.checkpoint import EXPERIMENT_FILE, Experiment, remove_stale_temporaries
from aegui.core.config import ExperimentConfig
from aegui.core.data import DataSplit
from aegui.core.device import cpu_copy
from aegui.core.distributed import DistContext
from aegui.core.errors import AeguiError, TrainingError
from aegui.core.latent import encode
from aegui.core.partial_epoch import PARTIAL_FILE, PartialEpoch, remove_partial, save_partial
from aegui.core.reports import EpochReport, MidEpoch, RunFinished, StepReport
from aegui.core.run.files import write_run_folder
from aegui.core.run.journal import RunJournal, RunStatus
from aegui.core.run.lock import RunLock
from aegui.core.run.tensorboard_log import PROJECTOR_POINTS, TensorBoardLog, check_tensorboard
from aegui.core.run.verdict import Verdict, judge
from aegui.core.runs import final_metrics
from aegui.core.text import TextEnum
from aegui.core.training import Trainer, snapshot_model
from aegui.core.words import message_of, say

Report = StepReport | EpochReport | RunFinished


class RunWriteFailed(TrainingError):
    """Writing the run folder failed (a full disk, a vanished drive): the run stops, and
    what is on disk (the checkpoint before, a mid-epoch checkpoint) stays."""


class Writer(TextEnum):
    """Who writes a run folder (``status.json``'s and ``writer.lock``'s ``writer``)."""

    CLI = "cli"
    GUI = "gui"
    SWEEP = "sweep"
    TORCHRUN = "torchrun"



@dataclass(frozen=True)
class RunOutcome:
    """How a session's run ended."""

    status: RunStatus
    message: str
    epochs_done: int
    epochs_trained: int  # in this session
    metrics: dict[str, float] | None
    interrupted: bool = False
    verdict: Verdict = Verdict()  # what the final metrics say (a collapsed model, worse than PCA)

    @property
    def completed(self) -> bool:
        return self.status is RunStatus.FINISHED


class RunSession:
    """Owns ``folder`` while it is open. ``folder=None`` (or ``writes=False``, a torchrun
    rank other than 0) trains the same way and writes nothing."""

    def __init__(self, folder: str | Path | None, writer: Writer, *, writes: bool = True):
        self.folder = Path(folder) if folder is not None else None
        self.writer = Writer(writer)
        self.writes = writes and self.folder is not None
        self._lock = RunLock(self.folder, self.writer.value) if self.writes and self.folder is not None else None
        self.trainer: Trainer | None = None
        self.config: ExperimentConfig | None = None
        self.class_names: tuple[str, ...] = ()
        self.journal: RunJournal | None = None
        self.outcome: RunOutcome | None = None
        self.picked_up: PartialEpoch | None = None  # the mid-epoch checkpoint the run went on from
        self.start_epoch = 0
        self._saved_epochs = 0  # the whole epochs the folder holds, as this session wrote or found them
        self._interrupted = False
        self._in_loop = False
        self.tensorboard: TensorBoardLog | None = None
        self._measure_on_stop = True

    # -- owning the folder ------------------------------------------------------------------
    def claim(self) -> RunSession:
        """Take the folder's lock (:class:`RunFolderBusy` when another writer has it) and
        clear what a killed writer left half-written."""
        if self._lock is not None and not self._lock.held:
            self._lock.acquire()
            remove_stale_temporaries(self._out)
        return self

    def close(self) -> None:
        """Let the folder go. A run that started but never reached an end (an error or a
        signal between ``start`` and ``fit``) is journalled as stopped first."""
        if self.tensorboard is not None:
            self.tensorboard.close()
            self.tensorboard = None
        if self.journal is not None and self.outcome is None:
            self.journal.ended(RunStatus.STOPPED, "Interrupted.")
        if self._lock is not None:
            self._lock.release()

    def release_trainer(self) -> None:
        """Drop the trainer, with its model, optimizer and device copies of the data."""
        self.trainer = None

    def __enter__(self) -> RunSession:
        return self.claim()

    def __exit__(self, *exc_info) -> None:
        self.close()

    # -- the run ----------------------------------------------------------------------------
    def start(self, config: ExperimentConfig, split: DataSplit, *, resume: Experiment | None = None,
              partial: PartialEpoch | None = None, class_names: tuple[str, ...] = (),
              checkpoint_every_s: float | None = None, track_latent: int = 0,
              dist: DistContext | None = None, tensorboard: bool = False) -> Trainer:
        """Build the trainer: fresh, continuing ``resume`` (whose model and optimizer state
        are copied, so the caller's stay as they are), and picking up ``partial`` when it
        continues exactly this point of the run. ``tensorboard``: also write TensorBoard
        logs in the folder's ``tb/`` (the writing session only)."""
        if tensorboard and self.writes:
            check_tensorboard()  # before any work: say how to install it
        self.config, self.class_names = config, tuple(class_names)
        self.trainer = trainer = Trainer(
            config, split,
            model=snapshot_model(resume.model) if resume else None,
            optimizer_state=copy.deepcopy(resume.optimizer_state) if resume else None,
            history=resume.history if resume else None,
            epochs_done=resume.epochs_done if resume else 0,
            track_latent=track_latent,
            checkpoint_every_s=checkpoint_every_s if self.writes and dist is None else None,
            dist=dist,
        )
        self.start_epoch = self._saved_epochs = trainer.epochs_done
        if tensorboard and self.writes:
            self.tensorboard = TensorBoardLog(self._out, config)
        if partial is not None and dist is None and partial.matches(config, trainer.epochs_done) \
                and trainer.pick_up(partial):
            self.picked_up = partial
        if self.writes:
            self.journal = RunJournal(self._out, self.writer.value, trainer.epochs_done)
        return trainer

    def interrupt(self, measure: bool = True) -> bool:
        """End the run between two batches, keeping its last whole epoch (a signal, the
        window closing). False when no batch loop runs now (or under torchrun, where every
        rank must stop at the same batch), where the caller raises KeyboardInterrupt instead.
        ``measure=False``: skip measuring the kept epoch (a closing window must end at once)."""
        self._interrupted = True
        self._measure_on_stop = self._measure_on_stop and measure
        return self._in_loop and (self.trainer is None or self.trainer.dist is None)

    def fit(self, should_stop: Callable[[], bool] | None = None) -> Iterator[Report]:
        """Train until the planned epochs are done, ``should_stop()`` says so or the run is
        interrupted, keeping the folder up to date; then measure and save the end.
        :attr:`outcome` says how it ended."""
        trainer = self._trainer()
        stop = should_stop or (lambda: False)
        finished: RunFinished | None = None
        try:
            self._in_loop = True
            for report in trainer.fit(lambda: self._interrupted or stop()):
                if isinstance(report, MidEpoch):
                    self._save_partial()
                    continue
                if isinstance(report, EpochReport):
                    self._epoch_ended(report)
                elif isinstance(report, RunFinished):
                    finished = report
                self._in_loop = not isinstance(report, RunFinished)
                yield report
                if finished is not None:
                    break
            self._in_loop = False
            self._end(finished)
        except (KeyboardInterrupt, GeneratorExit):  # a signal, or the driver closed this generator
            self._in_loop = False
            self._end_interrupted()
            raise
        except TrainingError as exc:
            self._in_loop = False
            # A failed write keeps what is on disk; a diverged or out-of-memory run drops the
            # mid-epoch checkpoint whose weights led there.
            self._fail(str(exc), drop_partial=not isinstance(exc, RunWriteFailed))
            raise
        except RuntimeError as exc:
            self._in_loop = False
            if trainer.dist is None or not distributed.is_peer_failure(exc):
                self._fail(str(exc) or type(exc).__name__)
                raise
            # A collective failed: another process of the job died (killed, out of memory).
            message = say("Another process of this torchrun job stopped ({reason}); the last complete epoch "
                          "({epoch}) is kept in {folder}. Continue with 'torchrun --nproc-per-node {processes} -m "
                          "aegui train --resume {folder}'.", reason=peer_failure_reason(exc),
                          epoch=trainer.epochs_done, folder=self.folder, processes=trainer.dist.world_size)
            self._fail(message)
            raise TrainingError(message) from exc
        except BaseException as exc:
            self._in_loop = False
            self._fail(str(exc) or type(exc).__name__)
            raise

    def _epoch_ended(self, report: EpochReport) -> None:
        """A whole epoch: on disk first, then the journal and the TensorBoard logs."""
        self.save()
        if self.journal is not None:
            self.journal.epoch(report.epoch, report.epoch_seconds)
        if self.tensorboard is not None:
            t = self._trainer()
            self.tensorboard.epoch(report, t.optimizer.param_groups[0]["lr"], t.model.variational)

    def measure_finished(self, experiment: Experiment, split: DataSplit) -> dict[str, float]:
        """A run that trained all its epochs but was stopped before its final metrics:
        measure and save them now."""
        metrics = final_metrics(experiment.model, split, experiment.config)
        verdict = judge(metrics, experiment.config, experiment.history)
        if self.writes:
            try:
                write_run_folder(self._out, experiment, metrics)
            except OSError as exc:
                raise TrainingError(say("Saving the final metrics to {folder} failed ({reason}); free some space "
                                        "and try again.", folder=self.folder, reason=_reason(exc))) from exc
            journal = RunJournal(self._out, self.writer.value, experiment.epochs_done)
            journal.ended(RunStatus.FINISHED, verdict.collapsed)
        self.outcome = RunOutcome(RunStatus.FINISHED, "", experiment.epochs_done, 0, metrics, verdict=verdict)
        return metrics

    # -- what the run holds ---------------------------------------------------------------
    def experiment(self, *, with_optimizer: bool = True, metrics: dict | None = None) -> Experiment | None:
        """A CPU copy of the run's state that shares no memory with the live model, for
        another thread to keep; None before the first whole epoch."""
        t = self.trainer
        if t is None or t.epochs_done == 0 or self.config is None:
            return None
        optimizer = cpu_copy(t.optimizer.state_dict()) if with_optimizer else None
        return Experiment(self.config, t.snapshot(), list(t.history), t.epochs_done, optimizer,
                          self.class_names, dict(metrics or {}))

    def save(self, metrics: dict[str, float] | None = None, *, keep_partial: bool = False) -> Path | None:
        """Write the run folder now (the trained model as it is). A failed write raises
        :class:`TrainingError` after putting the model back to its last whole epoch.
        ``keep_partial``: a stopped run's mid-epoch checkpoint of the epoch after stays."""
        t = self._trainer()
        if not self.writes or t.epochs_done == 0:
            return None
        experiment = Experiment(self._config(), t.model, t.history, t.epochs_done,
                                t.optimizer.state_dict(), self.class_names)
        try:
            path = write_run_folder(self._out, experiment, metrics)
            self._saved_epochs = t.epochs_done
            if not keep_partial:
                remove_partial(self._out)  # the epoch it was part of is whole now
        except OSError as exc:
            raise self._write_failed(exc, say("Saving epoch {epoch}", epoch=t.epochs_done)) from exc
        return path

    def _save_if_ahead(self) -> None:
        """Save a whole epoch the folder does not hold yet (and only then: a mid-epoch
        checkpoint of the epoch under way stays, for ``--resume`` to pick up)."""
        if self._trainer().epochs_done > self._saved_epochs:
            self.save()

    # -- how it ends --------------------------------------------------------------------------
    def _end(self, finished: RunFinished | None) -> None:
        t = self._trainer()
        trained = t.epochs_done - self.start_epoch
        completed = finished is not None and finished.completed and not self._interrupted
        metrics = None
        measures = t.epochs_done > 0 and (t.dist is None or t.dist.rank == 0)  # rank 0 measures
        if completed and measures:
            metrics = final_metrics(t.model, t.split, self._config(), validation=t.final_validation)
            self.save(metrics)
            self._log_projector()
        elif measures and trained > 0 and self.writes and self._measure_on_stop:
            # Stopped or interrupted: the kept epoch is measured too (one validation pass; PCA's
            # baseline, which may need fitting, is left to a finished run), so the Runs table and
            # `aegui eval` show its numbers rather than blanks.
            metrics = final_metrics(t.model, t.split, self._config(), with_pca=False)
            self.save(metrics, keep_partial=t.epochs_done == self._saved_epochs)
        else:
            self._save_if_ahead()  # the trainer put back the last whole epoch; normally on disk already
        message = finished.message if finished is not None else ""
        if self._interrupted and not completed:
            message = "Interrupted."
        status = RunStatus.FINISHED if completed else RunStatus.STOPPED
        verdict = judge(metrics, self._config(), t.history) if metrics and completed else Verdict()
        if self.journal is not None:
            self.journal.ended(status, verdict.collapsed if completed else message)
        self.outcome = RunOutcome(status, message, t.epochs_done, trained, metrics, self._interrupted, verdict)

    def _log_projector(self) -> None:
        """The finished model's validation codes, for TensorBoard's Embedding Projector."""
        if self.tensorboard is None:
            return
        t = self._trainer()
        val = t.split.val
        count = min(len(val), PROJECTOR_POINTS)
        images = val.images[:count]
        labels = val.labels[:count] if val.labels is not None else None
        codes = encode(t.model, images, labels)
        self.tensorboard.embedding(codes, None if labels is None else labels.numpy(), self.class_names,
                                   images.numpy())

    def _end_interrupted(self) -> None:
        """A KeyboardInterrupt raised through the loop, or the loop abandoned: keep the last
        whole epoch."""
        t = self._trainer()
        self._interrupted = True
        t.restore_last_good()
        trained = t.epochs_done - self.start_epoch
        try:
            self._save_if_ahead()
        finally:
            if self.journal is not None:
                self.journal.ended(RunStatus.STOPPED, "Interrupted.")
            self.outcome = RunOutcome(RunStatus.STOPPED, "Interrupted.", t.epochs_done, trained, None, True)

    def _fail(self, message: str, drop_partial: bool = True) -> None:
        t = self._trainer()
        if self.writes and drop_partial:
            try:
                remove_partial(self._out)  # its weights led here; continuing starts at the last whole epoch
            except OSError:
                pass
        if self.journal is not None:
            self.journal.ended(RunStatus.FAILED, message)
        self.outcome = RunOutcome(RunStatus.FAILED, message, t.epochs_done, t.epochs_done - self.start_epoch,
                                  None, self._interrupted)

    def _save_partial(self) -> None:
        try:
            save_partial(self._out, self._trainer().partial_epoch())
        except OSError as exc:
            raise self._write_failed(exc, say("Saving the mid-epoch checkpoint")) from exc

    def _write_failed(self, exc: OSError, what: str) -> RunWriteFailed:
        self._trainer().restore_last_good()
        kept = (say("the checkpoint before it is kept. Free some space, then continue with 'aegui train --resume "
                    "{folder} --epochs N'.", folder=self.folder)
                if (self._out / EXPERIMENT_FILE).exists() or (self._out / PARTIAL_FILE).exists()
                else say("nothing was saved. Free some space and train again."))
        return RunWriteFailed(say("{what} to {folder} failed ({reason}), so training stopped; {kept}", what=what,
                                  folder=self.folder, reason=_reason(exc), kept=kept))

    @property
    def _out(self) -> Path:
        """The folder, where the session writes (only a writing session asks)."""
        assert self.folder is not None
        return self.folder

    def _trainer(self) -> Trainer:
        if self.trainer is None:
            raise AeguiError(say("The run has not started: call start() first."))
        return self.trainer

    def _config(self) -> ExperimentConfig:
        assert self.config is not None
        return self.config


def _reason(exc: OSError) -> str:
    return exc.strerror or message_of(exc) or type(exc).__name__  # a Said of atomic_write's stays translatable


def peer_failure_reason(exc: BaseException) -> str:
    """What a failed collective says, without the library's source location or its advice:
    "[…/gloo/transport/tcp/pair.cc:545] Read error …: Connection reset by peer. This is
    typically caused by…" becomes "Read error …: Connection reset by peer"."""
    text = re.sub(r"^\[[^\]]*\]\s*", "", _first_line(exc))
    return text.split(". ")[0].rstrip(".")[:160] or type(exc).__name__


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
