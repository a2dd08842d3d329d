"""The GUI's training job writes its run folder through the one RunSession: mid-epoch
checkpoints removed once their epoch is whole, and the folder's lock, which keeps
``aegui train`` out while the window trains there (and the window out of a CLI's run)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

from aegui.core.checkpoint import load_experiment
from aegui.core.config import ExperimentConfig
from aegui.core.partial_epoch import PARTIAL_FILE, load_partial
from aegui.core.run import RunLock, RunStatus
from aegui.core.run import session as run_session
from aegui.core.run.journal import read_journal
from aegui.core.run.lock import LOCK_FILE
from aegui.workers.training_worker import TrainingJob


class _Context:
    """What a TaskRunner gives a job: a message sink and a cancel flag."""

    def __init__(self):
        self.messages = []

    def emit(self, message) -> None:
        self.messages.append(message)

    def cancelled(self) -> bool:
        return False


def test_mid_epoch_checkpoints_are_written_then_removed(tmp_path, tiny_split, monkeypatch):
    seen = []
    real_save = run_session.save_partial

    def save_and_look(folder, partial):
        path = real_save(folder, partial)
        seen.append(load_partial(folder))  # readable, as `aegui train --resume` would read it
        return path

    monkeypatch.setattr(run_session, "save_partial", save_and_look)
    config = ExperimentConfig(model="dense-ae", hidden=4, latent_dim=2, depth=1, batch_size=32, epochs=2)
    job = TrainingJob(config, tiny_split, tmp_path / "run", checkpoint_every_s=0.0)
    result = job.run(_Context())
    assert result.finished.completed and result.experiment.epochs_done == 2
    assert seen and all(p is not None for p in seen)
    assert {p.epochs_done for p in seen} == {0, 1}  # inside both epochs
    assert not (tmp_path / "run" / PARTIAL_FILE).exists()
    assert job.trainer is None  # the ended job holds no model, optimizer or data


def test_the_cli_cannot_resume_a_run_the_window_is_training(tmp_path, tiny_split):
    folder = tmp_path / "run"
    config = ExperimentConfig(model="dense-ae", hidden=4, latent_dim=2, depth=1, batch_size=32, epochs=5000,
                              device="cpu")
    job = TrainingJob(config, tiny_split, folder)
    context = _Context()
    thread = threading.Thread(target=lambda: job.run(context))
    thread.start()
    try:
        deadline = time.monotonic() + 120
        while (read_journal(folder) is None or len(read_journal(folder).epoch_seconds) < 2) \
                and time.monotonic() < deadline:
            time.sleep(0.05)
        cli = subprocess.run([sys.executable, "-m", "aegui", "train", "--resume", str(folder), "--epochs", "2"],
                             capture_output=True, text=True, timeout=120)
        assert cli.returncode == 2, cli.stderr
        assert cli.stderr.count("\n") == 1 and "being written by the aegui window" in cli.stderr
        assert thread.is_alive()  # the window trains on
    finally:
        job.request_stop()
        thread.join(60)
    result = job.result
    trained = result.experiment.epochs_done
    assert trained >= 2 and load_experiment(folder).epochs_done == trained
    assert read_journal(folder).status is RunStatus.STOPPED and not (folder / LOCK_FILE).exists()


def test_the_window_cannot_train_into_a_folder_another_writer_holds(tmp_path, tiny_split):
    config = ExperimentConfig(model="dense-ae", hidden=4, latent_dim=2, depth=1, batch_size=32, epochs=1)
    with RunLock(tmp_path / "run", "cli"):
        result = TrainingJob(config, tiny_split, tmp_path / "run").run(_Context())
    assert result.experiment is None and "being written by aegui train" in result.error
    assert not (tmp_path / "run").exists()


def test_a_run_stopped_by_a_failed_write_hands_the_window_its_last_whole_epoch(tmp_path, tiny_split, monkeypatch):
    real_write = run_session.write_run_folder

    def full_at_epoch_2(folder, experiment, metrics=None):
        if experiment.epochs_done == 2:
            raise OSError(28, "No space left on device")
        return real_write(folder, experiment, metrics)

    monkeypatch.setattr(run_session, "write_run_folder", full_at_epoch_2)
    config = ExperimentConfig(model="dense-ae", hidden=4, latent_dim=2, depth=1, batch_size=32, epochs=3)
    result = TrainingJob(config, tiny_split, tmp_path / "run").run(_Context())
    assert "No space left" in result.error
    # The window keeps epoch 2, whole but not on disk: File › Save can keep it elsewhere, and
    # Continue goes on from it with its optimizer state. The folder keeps epoch 1.
    assert result.experiment is not None and result.experiment.epochs_done == 2
    assert result.experiment.optimizer_state
    assert load_experiment(tmp_path / "run").epochs_done == 1
