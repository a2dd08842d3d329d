"""Starts, pauses and stops training runs for the window, and feeds AppState."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from aegui.core.checkpoint import Experiment
from aegui.core.errors import AeguiError
from aegui.core.reports import EpochReport, RunFinished
from aegui.ui.app_state import AppState
from aegui.ui.paths import new_run_dir
from aegui.workers.training_worker import TrainingRun, TrainingWorker, snapshot_label


class TrainingController(QObject):
    runFinished = Signal(bool)  # True when all epochs completed

    def __init__(self, state: AppState, parent: QObject | None = None):
        super().__init__(parent)
        self.state = state
        self.run: TrainingRun | None = None
        self.last_experiment: Experiment | None = None
        self.run_dir = None

    def is_active(self) -> bool:
        return self.run is not None and self.run.is_running()

    def start(self, config, continue_model: bool = False) -> bool:
        state = self.state
        if self.is_active():
            return False
        if state.split is None:
            state.report_error("No dataset", "Load a dataset in the Data tab first.")
            return False
        resume = self._resumable() if continue_model else None
        if resume is not None:
            config = config.with_changes(epochs=resume.epochs_done + config.epochs)
        else:
            state.reset_history()
        try:
            config.validate()
            self.run_dir = new_run_dir(config.model)
        except (AeguiError, OSError) as exc:
            state.report_error("Cannot start training", str(exc))
            return False
        worker = TrainingWorker(config, state.split, self.run_dir, resume,
                                state.dataset.class_names if state.dataset else ())
        worker.stepsReady.connect(self._on_steps)
        worker.epochFinished.connect(self._on_epoch)
        worker.snapshotReady.connect(self._on_snapshot)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        worker.warning.connect(self._on_warning)
        worker.started.connect(self._on_started)
        self.run = TrainingRun(worker, self)
        state.set_config(config)
        state.set_run_state("training")
        self.run.start()
        return True

    def _resumable(self) -> Experiment | None:
        exp = self.last_experiment or self.state.experiment
        if exp is None:
            return None
        return exp

    def toggle_pause(self) -> None:
        if self.run is None or not self.is_active():
            return
        worker = self.run.worker
        if worker.paused:
            worker.resume_training()
            self.state.set_run_state("training")
        else:
            worker.pause()
            self.state.set_run_state("paused")

    def stop(self) -> None:
        if self.run is not None and self.is_active():
            self.run.worker.request_stop()
            self.state.set_run_state("stopping")

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop any run and wait for its thread; keeps the last good state."""
        if self.run is None:
            return True
        ended = self.run.shutdown(timeout_ms)
        if ended:
            self._collect()
        return ended

    def _collect(self) -> None:
        if self.run is not None:
            exp = self.run.worker.experiment()
            if exp is not None and exp.epochs_done > 0:
                self.last_experiment = exp

    # -- worker signals (queued onto the GUI thread) -------------------------------------
    @Slot(str)
    def _on_started(self, device: str) -> None:
        self.state.statusMessage.emit(f"Training on {device}; checkpoints go to {self.run_dir}")

    @Slot(list)
    def _on_steps(self, reports: list) -> None:
        self.state.add_steps(reports)

    @Slot(object)
    def _on_epoch(self, report: EpochReport) -> None:
        self.state.add_epoch(report)

    @Slot(object, int)
    def _on_snapshot(self, model, epochs: int) -> None:
        self.state.set_model(model, snapshot_label(model, epochs))

    @Slot(object)
    def _on_finished(self, result: RunFinished) -> None:
        self._end_run()
        self.state.statusMessage.emit(result.message)
        self.runFinished.emit(result.completed)

    @Slot(str, str)
    def _on_failed(self, title: str, message: str) -> None:
        self._end_run()
        self.state.report_error(title, message)
        self.runFinished.emit(False)

    @Slot(str, str)
    def _on_warning(self, title: str, message: str) -> None:
        self.state.report_error(title, message)

    def _end_run(self) -> None:
        if self.run is not None:
            self.run.thread.wait(5000)
            self._collect()
        self.state.set_run_state("idle")
