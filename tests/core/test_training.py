import numpy as np
import pytest
import torch

from aegui.core.config import ExperimentConfig
from aegui.core.errors import ConfigError, TrainingError
from aegui.core.evaluation import evaluate
from aegui.core.reports import EpochReport, RunFinished, StepReport
from aegui.core.training import Trainer, fit


def _run(config, split, **kwargs):
    trainer = Trainer(config, split, **kwargs)
    reports = list(trainer.fit())
    return trainer, reports


def _epochs(reports):
    return [r for r in reports if isinstance(r, EpochReport)]


@pytest.mark.parametrize("model", ["dense-ae", "conv-ae", "vae", "conv-vae", "cvae"])
def test_training_lowers_the_loss(tiny_split, model):
    config = ExperimentConfig(model=model, latent_dim=8, hidden=8, epochs=3, batch_size=16, lr=3e-3,
                              device="cpu")
    trainer, reports = _run(config, tiny_split)
    epochs = _epochs(reports)
    assert len(epochs) == 3 and isinstance(reports[-1], RunFinished) and reports[-1].completed
    assert epochs[-1].train_loss < 0.85 * epochs[0].train_loss
    assert epochs[-1].val_loss < epochs[0].val_loss
    steps = [r for r in reports if isinstance(r, StepReport)]
    assert steps and all(s.images_per_s > 0 for s in steps)
    assert (epochs[0].val_kl > 0) == config.variational
    assert epochs[-1].preview.reconstructed.shape == (8, 1, 28, 28)
    assert len(trainer.history) == 3


def test_denoiser_beats_its_noisy_input(tiny_split):
    config = ExperimentConfig(model="conv-ae", latent_dim=16, hidden=8, task="denoise", noise=0.5,
                              epochs=6, batch_size=16, lr=2e-3, device="cpu")
    trainer, _ = _run(config, tiny_split)
    result = evaluate(trainer.model, tiny_split.val.images, None, config.corruption_spec(), loss_kind="bce")
    assert result.input_psnr < 10.5
    assert result.psnr > result.input_psnr + 2.0


def test_same_seed_same_history(tiny_split):
    config = ExperimentConfig(model="conv-vae", hidden=8, epochs=2, batch_size=32, device="cpu",
                              task="inpaint", seed=11)
    first, _ = _run(config, tiny_split)
    second, _ = _run(config, tiny_split)
    other, _ = _run(config.with_changes(seed=12), tiny_split)
    assert first.history == second.history
    assert first.history != other.history


def test_resuming_continues_where_it_stopped(tiny_split):
    config = ExperimentConfig(model="conv-ae", hidden=8, epochs=2, batch_size=32, device="cpu")
    straight, _ = _run(config, tiny_split)
    half, _ = _run(config.with_changes(epochs=1), tiny_split)
    resumed, reports = _run(config, tiny_split, model=half.model,
                            optimizer_state=half.optimizer.state_dict(),
                            history=half.history, epochs_done=1)
    assert len(_epochs(reports)) == 1 and len(resumed.history) == 2
    assert resumed.history[-1]["val_loss"] == pytest.approx(straight.history[-1]["val_loss"], rel=1e-4)


def test_should_stop_is_honoured_within_an_epoch(tiny_split):
    config = ExperimentConfig(model="dense-ae", hidden=8, epochs=5, batch_size=8, device="cpu")
    calls = []

    def should_stop():
        calls.append(1)
        return len(calls) > 5  # stop at the 6th batch of the first epoch

    reports = list(fit(config, tiny_split, should_stop))
    assert isinstance(reports[-1], RunFinished) and not reports[-1].completed
    assert not _epochs(reports) and len(calls) == 6


def test_nan_loss_stops_cleanly_and_keeps_the_last_good_weights(tiny_split):
    config = ExperimentConfig(model="dense-ae", loss="mse", hidden=8, epochs=3, batch_size=16,
                              lr=1e12, optimizer="sgd", device="cpu")
    trainer = Trainer(config, tiny_split)
    before = {k: v.clone() for k, v in trainer.model.state_dict().items()}
    with pytest.raises(TrainingError, match="lower learning rate") as info:
        list(trainer.fit())
    assert "No epoch completed, so nothing was kept." in str(info.value)
    assert "last good epoch" not in str(info.value)  # there was none
    after = trainer.model.state_dict()
    assert all(torch.isfinite(v.float()).all() for v in after.values())
    assert all(torch.equal(before[k], after[k]) for k in before)  # epoch 0 never finished


def test_config_checks(tiny_split, rgb_dataset):
    from aegui.core.data import split_dataset

    unlabeled = tiny_split.train.subset(torch.arange(10))
    object.__setattr__(unlabeled, "labels", None)
    with pytest.raises(ConfigError, match="labelled data"):
        Trainer(ExperimentConfig(model="cvae", device="cpu"), split_dataset(unlabeled, 0.2))
    with pytest.raises(ConfigError, match="RGB dataset"):
        Trainer(ExperimentConfig(task="colorize", device="cpu"), tiny_split)
    rgb = split_dataset(rgb_dataset, 0.25)
    trainer, reports = _run(ExperimentConfig(task="colorize", model="conv-ae", hidden=8, epochs=1,
                                             batch_size=16, device="cpu"), rgb)
    assert _epochs(reports)[0].preview.corrupted.shape[1] == 3


def test_config_json_round_trip():
    config = ExperimentConfig(model="cvae", task="denoise", noise=0.3, corruption="salt-pepper")
    assert ExperimentConfig.from_json(config.to_json()) == config
    with pytest.raises(ConfigError, match="Unknown experiment settings"):
        ExperimentConfig.from_dict({"modle": "vae"})


def test_tracked_latent_codes_come_with_every_epoch(tiny_split):
    config = ExperimentConfig(model="conv-vae", hidden=8, latent_dim=3, epochs=2, batch_size=32, device="cpu")
    trainer = Trainer(config, tiny_split, track_latent=40)
    epochs = _epochs(list(trainer.fit()))
    assert [e.latent.shape for e in epochs] == [(40, 3), (40, 3)]
    assert not np.allclose(epochs[0].latent, epochs[1].latent)  # the space moves as it learns


def test_nan_message_suggests_mse_only_when_not_already_using_it(tiny_split):
    config = ExperimentConfig(model="dense-ae", loss="mse", hidden=8, epochs=1, batch_size=16,
                              lr=1e12, optimizer="sgd", device="cpu")
    with pytest.raises(TrainingError) as info:
        list(Trainer(config, tiny_split).fit())
    assert "MSE loss" not in str(info.value) and "lower learning rate" in str(info.value)


# -- a loss that explodes ----------------------------------------------------------------------
def _state(model):
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


@pytest.mark.parametrize("model, loss", [("conv-vae", "bce"), ("conv-ae", "bce"), ("vae", "mse")])
def test_an_exploding_loss_stops_the_run_and_says_nothing_was_kept(tiny_split, model, loss):
    # The plain layout with BatchNorm, where lr 1000 grows the loss without a NaN first.
    config = ExperimentConfig(model=model, loss=loss, hidden=8, epochs=2, batch_size=16, lr=1000,
                              device="cpu", block="plain", norm="batch")
    trainer = Trainer(config, tiny_split)
    before = _state(trainer.model)
    with pytest.raises(TrainingError) as info:
        list(trainer.fit())
    message = str(info.value)
    assert "The loss grew to" in message and "epoch 1" in message
    assert "No epoch completed, so nothing was kept." in message
    assert "lower learning rate (now 1000)" in message
    assert ("MSE loss" in message) == (loss == "bce")  # the NaN path's advice, word for word
    after = trainer.model.state_dict()
    assert all(torch.equal(before[k], after[k]) for k in before)  # the last good (start) weights
    assert trainer.epochs_done == 0 and trainer.history == []


def test_an_explosion_after_a_good_epoch_keeps_that_epoch(tiny_split):
    config = ExperimentConfig(model="conv-vae", hidden=8, epochs=1, batch_size=16, lr=3e-3, device="cpu",
                              block="plain", norm="batch")
    good, _ = _run(config, tiny_split)
    kept = _state(good.model)
    wild = Trainer(config.with_changes(epochs=3, lr=1000), tiny_split, model=good.model,
                   history=good.history, epochs_done=1)
    with pytest.raises(TrainingError, match=r"grew to .* at epoch 2.*last good epoch \(1\) are kept"):
        list(wild.fit())
    after = wild.model.state_dict()
    assert all(torch.equal(kept[k], after[k]) for k in kept)
    assert wild.epochs_done == 1 and len(wild.history) == 1


@pytest.mark.parametrize("model, loss, warmup, beta", [
    ("conv-ae", "mse", 0, 1.0), ("dense-ae", "bce", 0, 1.0), ("vae", "bce", 2, 1.0),
    ("conv-vae", "mse", 2, 4.0), ("cvae", "bce", 1, 1.0),
])
def test_normal_runs_are_never_called_diverging(tiny_split, monkeypatch, model, loss, warmup, beta):
    from aegui.core import training

    monkeypatch.setattr(training, "REPORT_INTERVAL_S", 0.0)  # check after every single batch
    config = ExperimentConfig(model=model, loss=loss, kl_warmup_epochs=warmup, beta=beta, hidden=8,
                              latent_dim=8, epochs=3, batch_size=16, device="cpu")
    _, reports = _run(config, tiny_split)
    assert isinstance(reports[-1], RunFinished) and reports[-1].completed
    losses = [r.loss for r in reports if isinstance(r, StepReport)]
    assert len(losses) == 3 * 12
    # Far from the limit, not just under it: the rule has room to spare on normal runs.
    assert max(losses) < 0.1 * training.DIVERGENCE_FACTOR * losses[0]


def test_nan_after_a_good_epoch_names_the_epoch_kept(tiny_split):
    config = ExperimentConfig(model="dense-ae", loss="mse", hidden=8, epochs=1, batch_size=16,
                              device="cpu")
    good, _ = _run(config, tiny_split)
    kept = _state(good.model)
    wild = Trainer(config.with_changes(epochs=2, lr=1e12, optimizer="sgd"), tiny_split,
                   model=good.model, history=good.history, epochs_done=1)
    with pytest.raises(TrainingError, match=r"became nan at epoch 2.*last good epoch \(1\) are kept"):
        list(wild.fit())
    assert all(torch.equal(kept[k], v) for k, v in wild.model.state_dict().items())


@pytest.mark.parametrize("epochs, message", [(1, "Finished 1 epoch."), (2, "Finished 2 epochs.")])
def test_the_finish_message_counts_epochs_in_good_english(tiny_split, epochs, message):
    config = ExperimentConfig(model="dense-ae", hidden=8, epochs=epochs, batch_size=64, device="cpu")
    _, reports = _run(config, tiny_split)
    assert reports[-1].message == message


def test_continuing_uses_the_new_learning_rate_and_may_switch_optimizer(tiny_split):
    config = ExperimentConfig(model="conv-ae", hidden=8, latent_dim=4, epochs=1, batch_size=64,
                              lr=1e-3, device="cpu")
    first = Trainer(config, tiny_split)
    list(first.fit())
    state = first.optimizer.state_dict()
    faster = Trainer(config.with_changes(epochs=2, lr=5e-3), tiny_split, model=first.model,
                     optimizer_state=state, epochs_done=1)
    assert faster.optimizer.param_groups[0]["lr"] == 5e-3
    assert faster.optimizer.state  # Adam's moments carried over
    sgd = Trainer(config.with_changes(epochs=2, optimizer="sgd"), tiny_split, model=first.model,
                  optimizer_state=state, epochs_done=1)
    reports = list(sgd.fit())  # Adam's state is not SGD's: it starts afresh instead of failing
    assert sgd.epochs_done == 2 and reports


def test_a_model_of_another_shape_is_named_in_one_sentence(tiny_split):
    config = ExperimentConfig(model="conv-ae", hidden=8, latent_dim=4, epochs=1, device="cpu")
    model = Trainer(config, tiny_split).model
    with pytest.raises(ConfigError) as error:
        Trainer(config.with_changes(hidden=16), tiny_split, model=model)
    assert "width 8, not 16" in str(error.value) and "\n" not in str(error.value)
