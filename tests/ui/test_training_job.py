"""The GUI's training job writes mid-epoch checkpoints into its run folder, and removes
each once the epoch it belongs to is whole."""

from __future__ import annotations

from aegui.core.config import ExperimentConfig
from aegui.core.partial_epoch import PARTIAL_FILE, load_partial
from aegui.workers import training_worker
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
    real_save = training_worker.save_partial

    def save_and_look(folder, partial):
        path = real_save(folder, partial)
        seen.append(load_partial(folder))  # readable, as `aegui train --resume` would read it
        return path

    monkeypatch.setattr(training_worker, "save_partial", save_and_look)
    config = ExperimentConfig(model="dense-ae", hidden=4, latent_dim=2, depth=1, batch_size=32, epochs=2)
    job = TrainingJob(config, tiny_split, tmp_path / "run", checkpoint_every_s=0.0)
    result = job.run(_Context())
    assert result.finished.completed and result.experiment.epochs_done == 2
    assert seen and all(p is not None for p in seen)
    assert {p.epochs_done for p in seen} == {0, 1}  # inside both epochs
    assert not (tmp_path / "run" / PARTIAL_FILE).exists()
    assert job.trainer is None  # the ended job holds no model, optimizer or data
