"""The run folder: one writer, four files that agree, and a failed write loses nothing."""

from __future__ import annotations

import csv
import json

import pytest
import torch

from aegui.core.checkpoint import Experiment, load_experiment
from aegui.core.config import ExperimentConfig
from aegui.core.reports import HISTORY_COLUMNS
from aegui.core.run.files import write_run_folder
from aegui.core.training import Trainer

RUN_FILES = {"experiment.pt", "config.json", "history.csv", "metrics.json"}


@pytest.fixture(scope="module")
def trained(tiny_split):
    config = ExperimentConfig(model="dense-ae", hidden=8, latent_dim=3, epochs=2, batch_size=64,
                              device="cpu")
    trainer = Trainer(config, tiny_split)
    list(trainer.fit())
    return trainer


def _experiment(trainer: Trainer) -> Experiment:
    return Experiment(trainer.config, trainer.model, trainer.history, trainer.epochs_done,
                      trainer.optimizer.state_dict(), ("a", "b"))


def test_the_folder_holds_four_files_that_agree(tmp_path, trained):
    metrics = {"val_mse": 0.25, "val_psnr": 6.0}
    experiment = _experiment(trained)
    path = write_run_folder(tmp_path / "run", experiment, metrics)
    assert path == tmp_path / "run" / "experiment.pt"
    assert {p.name for p in path.parent.iterdir()} == RUN_FILES  # no temporary files left
    assert experiment.metrics == metrics

    loaded = load_experiment(path)
    assert loaded.metrics == metrics == json.loads((path.parent / "metrics.json").read_text())
    assert json.loads((path.parent / "config.json").read_text()) == trained.config.to_dict()
    assert ExperimentConfig.from_dict(json.loads((path.parent / "config.json").read_text())) == loaded.config
    with open(path.parent / "history.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == HISTORY_COLUMNS
    assert [int(r["epoch"]) for r in rows] == [1, 2] == [int(h["epoch"]) for h in loaded.history]
    for row, saved in zip(rows, loaded.history, strict=True):
        assert float(row["val_loss"]) == pytest.approx(saved["val_loss"], rel=1e-5)
    assert loaded.epochs_done == 2
    for name, value in trained.model.state_dict().items():
        assert torch.equal(loaded.model.state_dict()[name], value)


def test_a_mid_run_write_has_no_metrics_and_drops_stale_ones(tmp_path, trained):
    write_run_folder(tmp_path, _experiment(trained), {"val_mse": 0.5})
    path = write_run_folder(tmp_path, _experiment(trained))  # the next run's first epoch
    assert {p.name for p in tmp_path.iterdir()} == RUN_FILES - {"metrics.json"}
    assert load_experiment(path).metrics == {}


def test_a_failed_write_keeps_the_previous_folder(tmp_path, trained, monkeypatch):
    write_run_folder(tmp_path, _experiment(trained), {"val_mse": 0.5})
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(torch, "save", disk_full)
    experiment = _experiment(trained)
    experiment.history = experiment.history[:1]
    with pytest.raises(OSError, match="No space"):
        write_run_folder(tmp_path, experiment, {"val_mse": 0.1})
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    monkeypatch.undo()
    assert load_experiment(tmp_path).metrics == {"val_mse": 0.5}


def test_an_unwritable_folder_raises_oserror(tmp_path, trained):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(OSError):
        write_run_folder(blocker / "run", _experiment(trained))
    assert blocker.read_text() == "not a folder"
