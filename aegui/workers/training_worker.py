"""Training on a QThread: the core generator, driven with pause/stop flags.

Signals are throttled (step reports are batched to at most ~20 emissions a second)
so a fast model cannot flood the GUI's event loop. At each epoch end the worker
emits an eval-mode CPU *copy* of the model and writes an atomic checkpoint.
"""

from __future__ import annotations

import threading
import time
import traceback
import weakref
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from aegui.core.checkpoint import Experiment, save_experiment
from aegui.core.config import ExperimentConfig
from aegui.core.data import DataSplit
from aegui.core.errors import AeguiError, TrainingError
from aegui.core.models import Autoencoder
from aegui.core.reports import EpochReport, RunFinished, StepReport
from aegui.core.runs import HISTORY_FILE, write_history_csv
from aegui.core.training import Trainer

EMIT_INTERVAL_S = 0.05  # at most ~20 step signals a second
TIMELINE_SAMPLES = 2000  # validation images encoded at each epoch end for the latent timeline


class TrainingWorker(QObject):
    started = Signal(str)  # device description
    stepsReady = Signal(list)  # list[StepReport]
    epochFinished = Signal(object)  # EpochReport
    snapshotReady = Signal(object, int)  # Autoencoder (CPU copy), epochs done
    checkpointSaved = Signal(str)
    finished = Signal(object)  # RunFinished
    failed = Signal(str, str)  # title, message: the run has ended
    warning = Signal(str, str)  # title, message: the run goes on

    def __init__(self, config: ExperimentConfig, split: DataSplit, run_dir: Path | None,
                 resume: Experiment | None = None, class_names: tuple[str, ...] = ()):
        super().__init__()
        self.config = config
        self.split = split
        self.run_dir = run_dir
        self.resume = resume
        self.class_names = class_names
        self._stop = threading.Event()
        self._running = threading.Event()  # cleared while paused
        self._running.set()
        self.trainer: Trainer | None = None

    # -- flags, safe to call from the GUI thread ------------------------------------------
    def request_stop(self) -> None:
        self._stop.set()
        self._running.set()  # wake a paused loop so it can see the stop

    def pause(self) -> None:
        self._running.clear()

    def resume_training(self) -> None:
        self._running.set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def _should_stop(self) -> bool:
        while not self._running.wait(0.1):
            pass  # paused: block here, between batches
        return self._stop.is_set()

    # -- the run -----------------------------------------------------------------------------
    @Slot()
    def run(self) -> None:
        try:
            self._run()
        except TrainingError as exc:
            self._save_checkpoint()  # the trainer restored the last good weights
            self.failed.emit("Training stopped", str(exc))
        except AeguiError as exc:
            self.failed.emit("Cannot start training", str(exc))
        except Exception as exc:  # never let a worker exception kill the app
            self.failed.emit("Training failed unexpectedly",
                             f"{type(exc).__name__}: {exc}\n\n{traceback.format_exc(limit=3)}")

    def _run(self) -> None:
        resume = self.resume
        self.trainer = Trainer(
            self.config, self.split,
            model=resume.model if resume else None,
            optimizer_state=resume.optimizer_state if resume else None,
            history=resume.history if resume else None,
            epochs_done=resume.epochs_done if resume else 0,
            track_latent=TIMELINE_SAMPLES,
        )
        self.started.emit(str(self.trainer.device))
        pending: list[StepReport] = []
        last_emit = 0.0
        for report in self.trainer.fit(self._should_stop):
            if isinstance(report, StepReport):
                pending.append(report)
                now = time.perf_counter()
                if now - last_emit >= EMIT_INTERVAL_S:
                    self.stepsReady.emit(pending)
                    pending, last_emit = [], now
            elif isinstance(report, EpochReport):
                if pending:
                    self.stepsReady.emit(pending)
                    pending = []
                self.epochFinished.emit(report)
                self.snapshotReady.emit(self.trainer.snapshot(), self.trainer.epochs_done)
                self._save_checkpoint()
            elif isinstance(report, RunFinished):
                if pending:
                    self.stepsReady.emit(pending)
                self._save_checkpoint()
                self.finished.emit(report)

    def experiment(self) -> Experiment | None:
        t = self.trainer
        if t is None:
            return None
        return Experiment(self.config, t.snapshot(), list(t.history), t.epochs_done,
                          t.optimizer.state_dict(), self.class_names)

    def _save_checkpoint(self) -> None:
        if self.run_dir is None or self.trainer is None or self.trainer.epochs_done == 0:
            return
        try:
            path = save_experiment(self.experiment(), self.run_dir)
            write_history_csv(self.trainer.history, self.run_dir / HISTORY_FILE)
            self.checkpointSaved.emit(str(path))
        except OSError as exc:
            self.warning.emit("Could not save the checkpoint", f"{self.run_dir}: {exc}")


_ALL_RUNS: weakref.WeakSet[TrainingRun] = weakref.WeakSet()


def running_threads() -> int:
    """How many training threads are alive (tests assert none are left behind)."""
    return sum(1 for run in list(_ALL_RUNS) if run.is_running())


class TrainingRun(QObject):
    """Owns one worker and its QThread, and shuts them down in order."""

    def __init__(self, worker: TrainingWorker, parent: QObject | None = None):
        super().__init__(parent)
        _ALL_RUNS.add(self)
        self.worker = worker
        self.thread = QThread()
        self.thread.setObjectName("aegui-training")
        worker.moveToThread(self.thread)
        self.thread.started.connect(worker.run)
        # quit() is thread-safe; a direct call ends the thread without waiting for the GUI loop.
        worker.finished.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        worker.failed.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)

    def start(self) -> None:
        self.thread.start()

    def is_running(self) -> bool:
        return self.thread.isRunning()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Ask the worker to stop and wait for the thread. True if it ended in time."""
        self.worker.request_stop()
        self.thread.quit()
        return self.thread.wait(timeout_ms)


def snapshot_label(model: Autoencoder, epochs: int) -> str:
    return f"{model.spec.kind}, epoch {epochs} of the current run"
