"""Checkpoints inside an epoch: a run killed part-way through continues from there,
and ends exactly as a run that was never stopped."""

from __future__ import annotations

import itertools

import pytest
import torch

from aegui.cli import main
from aegui.core.checkpoint import Experiment, load_experiment, remove_stale_temporaries, save_experiment
from aegui.core.config import ExperimentConfig
from aegui.core.partial_epoch import PARTIAL_FILE, load_partial, save_partial
from aegui.core.reports import EpochReport, MidEpoch
from aegui.core.training import Trainer

# A VAE on a denoising task draws from both random generators the replay must restore.
CONFIG = ExperimentConfig(model="vae", task="denoise", hidden=4, latent_dim=3, depth=1,
                          batch_size=24, epochs=2, seed=3)


def _run_to_the_end(trainer: Trainer) -> Trainer:
    for _ in trainer.fit():
        pass
    return trainer


def _losses(history):
    return [(row["epoch"], row["train_loss"], row["val_loss"]) for row in history]


def _crash_mid_epoch(tmp_path, split, epoch: int, step: int) -> None:
    """Train with a checkpoint after every batch, saving as the CLI does, and stop dead."""
    trainer = Trainer(CONFIG, split, checkpoint_every_s=0.0)
    for report in trainer.fit():
        if isinstance(report, EpochReport):
            save_experiment(Experiment(CONFIG, trainer.model, trainer.history, trainer.epochs_done,
                                       trainer.optimizer.state_dict()), tmp_path)
        elif isinstance(report, MidEpoch) and (report.epoch, report.step) == (epoch, step):
            save_partial(tmp_path, trainer.partial_epoch())
            return  # the process dies here: nothing after this batch is written


@pytest.mark.parametrize("epoch", [0, 1])
def test_a_run_picked_up_mid_epoch_ends_exactly_as_an_uninterrupted_one(tmp_path, tiny_split, epoch):
    straight = _run_to_the_end(Trainer(CONFIG, tiny_split))
    _crash_mid_epoch(tmp_path, tiny_split, epoch, step=3)
    partial = load_partial(tmp_path)
    assert partial is not None and (partial.epochs_done, partial.step) == (epoch, 3)
    if epoch:
        done = load_experiment(tmp_path)
        resumed = Trainer(CONFIG, tiny_split, model=done.model, optimizer_state=done.optimizer_state,
                          history=done.history, epochs_done=done.epochs_done, partial=partial)
    else:
        resumed = Trainer(CONFIG, tiny_split, partial=partial)
    _run_to_the_end(resumed)
    assert _losses(resumed.history) == _losses(straight.history)
    for name, value in straight.model.state_dict().items():
        assert torch.equal(resumed.model.state_dict()[name], value), name


def test_checkpoints_come_at_the_interval_asked_for(tiny_split):
    ticks = itertools.count()  # a clock that moves one second per reading
    trainer = Trainer(CONFIG.with_changes(epochs=1, batch_size=8), tiny_split,
                      checkpoint_every_s=5.0, clock=lambda: float(next(ticks)))
    due = [r.step for r in trainer.fit() if isinstance(r, MidEpoch)]
    steps = trainer.steps_per_epoch()
    assert steps == 24 and due and all(0 < s < steps for s in due)
    assert all(b - a >= 2 for a, b in zip(due, due[1:]))  # spaced out, not every batch
    assert [r for r in Trainer(CONFIG.with_changes(epochs=1), tiny_split).fit()
            if isinstance(r, MidEpoch)] == []  # none unless asked for


def test_a_partial_of_other_settings_or_a_damaged_one_is_ignored(tmp_path, tiny_split):
    _crash_mid_epoch(tmp_path, tiny_split, 1, step=2)
    partial = load_partial(tmp_path)
    assert partial.matches(CONFIG.with_changes(epochs=9), 1)
    assert not partial.matches(CONFIG.with_changes(lr=0.01), 1)
    assert not partial.matches(CONFIG, 2)
    (tmp_path / PARTIAL_FILE).write_bytes((tmp_path / PARTIAL_FILE).read_bytes()[:-100])
    assert load_partial(tmp_path) is None  # the last whole epoch is still there to continue from
    assert load_experiment(tmp_path).epochs_done == 1


def test_the_cli_picks_up_a_mid_epoch_checkpoint(tmp_path, tiny_split, tiny_npz, capsys):
    config = CONFIG.with_changes(dataset=tiny_npz, val_fraction=0.25, split_seed=0)
    from aegui.core.runs import load_for_config, split_for_config

    split = split_for_config(load_for_config(config), config)
    straight = _run_to_the_end(Trainer(config, split))
    trainer = Trainer(config, split, checkpoint_every_s=0.0)
    for report in trainer.fit():
        if isinstance(report, MidEpoch) and report.step == 4:
            save_partial(tmp_path, trainer.partial_epoch())  # killed in the first epoch
            break
    (tmp_path / ".experiment.pt.abc123.tmp").write_bytes(b"\0" * 1000)  # a kill mid-write left this
    assert main(["train", "--resume", str(tmp_path), "--device", "cpu"]) == 0
    assert "Picking up epoch 1 at batch 5" in capsys.readouterr().out
    assert _losses(load_experiment(tmp_path).history) == _losses(straight.history)
    assert not (tmp_path / PARTIAL_FILE).exists()  # the epochs it was part of are whole now
    assert list(tmp_path.glob(".*.tmp")) == []


def test_stale_temporaries_are_removed_and_nothing_else(tmp_path):
    (tmp_path / ".experiment.pt.x1.tmp").write_text("half")
    (tmp_path / "history.csv").write_text("epoch\n")
    removed = remove_stale_temporaries(tmp_path)
    assert [p.name for p in removed] == [".experiment.pt.x1.tmp"]
    assert [p.name for p in tmp_path.iterdir()] == ["history.csv"]
