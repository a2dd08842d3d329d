"""The speed options: each is in the config, applies where its device gains from it, and
leaves training correct. The CUDA tests run only where a GPU is present."""

from __future__ import annotations

import json
import warnings

import pytest
import torch

from aegui import cli
from aegui.cli import common
from aegui.core import fast_path, training
from aegui.core.checkpoint import Experiment, load_experiment, save_experiment
from aegui.core.config import ExperimentConfig
from aegui.core.errors import ConfigError, TrainingError
from aegui.core.fast_path import fast_path_for
from aegui.core.reports import EpochReport
from aegui.core.training import Trainer

CPU = torch.device("cpu")


def needs_cuda(test):
    """A CUDA-only test: skipped without a GPU, and one of `make gpu-check`'s (-m cuda)."""
    return pytest.mark.cuda(pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")(test))


def _epochs(trainer: Trainer) -> list[EpochReport]:
    return [r for r in trainer.fit() if isinstance(r, EpochReport)]


def test_the_options_round_trip_and_old_files_get_the_defaults():
    config = ExperimentConfig(amp=True, amp_dtype="float16", channels_last=False,
                              fused_optimizer=False, compile=True)
    assert ExperimentConfig.from_json(config.to_json()) == config
    old = json.loads(ExperimentConfig().to_json())
    for name in ("amp_dtype", "channels_last", "fused_optimizer", "compile"):
        del old[name]  # a file written before these options existed
    loaded = ExperimentConfig.from_dict(old)
    assert (loaded.amp_dtype, loaded.channels_last, loaded.fused_optimizer, loaded.compile) == \
        ("auto", True, True, False)
    with pytest.raises(ConfigError, match="amp_dtype"):
        ExperimentConfig(amp_dtype="float8")
    with pytest.raises(ConfigError, match="compile"):
        ExperimentConfig.from_dict({"compile": "yes"})


def test_on_the_cpu_only_channels_last_applies_and_only_to_conv_models():
    every = dict(amp=True, amp_dtype="float16", channels_last=True, fused_optimizer=True)
    conv = fast_path_for(ExperimentConfig(model="conv-ae", **every), CPU)
    assert conv.autocast_dtype is None and not conv.grad_scaler  # mixed precision is CUDA's
    assert conv.channels_last and not conv.fused_optimizer
    dense = fast_path_for(ExperimentConfig(model="dense-ae", **every), CPU)
    assert not dense.channels_last
    off = fast_path_for(ExperimentConfig(model="conv-ae", channels_last=False), CPU)
    assert off.describe() == "float32, default kernels"


def test_a_conv_model_trains_in_channels_last_and_saves_as_usual(tiny_split, tmp_path):
    config = ExperimentConfig(model="conv-vae", latent_dim=4, hidden=8, epochs=3, batch_size=16,
                              lr=3e-3, device="cpu")
    trainer = Trainer(config, tiny_split)
    conv = next(m for m in trainer.model.modules() if isinstance(m, torch.nn.Conv2d))
    assert conv.weight.is_contiguous(memory_format=torch.channels_last)
    epochs = _epochs(trainer)
    assert epochs[-1].train_loss < 0.9 * epochs[0].train_loss
    # The same run in the default layout: the same curve (float rounding differs, and
    # three epochs of training carry it a little further).
    plain_epochs = _epochs(Trainer(config.with_changes(channels_last=False), tiny_split))
    assert plain_epochs[0].train_loss == pytest.approx(epochs[0].train_loss, rel=1e-3)
    assert plain_epochs[-1].train_loss == pytest.approx(epochs[-1].train_loss, rel=1e-2)
    path = save_experiment(Experiment(config, trainer.snapshot(), list(trainer.history), 3), tmp_path / "e.pt")
    reloaded = load_experiment(path)
    assert reloaded.config.channels_last and reloaded.model.state_dict().keys() == trainer.model.state_dict().keys()


def test_the_command_line_sets_every_option(tmp_path):
    args = cli.build_parser().parse_args(
        ["train", "--out", str(tmp_path), "--amp", "--amp-dtype", "float16", "--no-channels-last",
         "--no-fused-optimizer", "--compile"])
    config = common.config_from_args(args)
    assert (config.amp, config.amp_dtype, config.channels_last, config.fused_optimizer, config.compile) == \
        (True, "float16", False, False, True)
    defaults = common.config_from_args(cli.build_parser().parse_args(["train", "--out", str(tmp_path)]))
    assert (defaults.channels_last, defaults.fused_optimizer, defaults.compile) == (True, True, False)


def test_compile_trains_the_same_model_and_saves_plain_weights(tiny_split, monkeypatch):
    import gc

    collections = []  # a collection on the training thread may destroy Qt objects off the GUI thread
    real_collect = gc.collect
    monkeypatch.setattr(gc, "collect", lambda *a: collections.append(a) or real_collect(*a))
    config = ExperimentConfig(model="dense-ae", latent_dim=4, hidden=8, depth=1, epochs=2,
                              batch_size=32, lr=3e-3, device="cpu", seed=1)
    compiled = Trainer(config.with_changes(compile=True), tiny_split)
    assert isinstance(compiled._step_model, torch._dynamo.eval_frame.OptimizedModule)
    losses = [e.train_loss for e in _epochs(compiled)]
    assert collections == []
    eager = [e.train_loss for e in _epochs(Trainer(config, tiny_split))]
    assert losses[-1] < losses[0]
    assert losses == pytest.approx(eager, rel=1e-4)
    # The checkpoint holds the model's own names, not the compiled wrapper's.
    assert not any(name.startswith("_orig_mod") for name in compiled.snapshot().state_dict())
    torch._dynamo.reset()


def test_a_model_that_does_not_compile_stops_with_one_sentence(tiny_split, monkeypatch):
    def broken_backend(graph, example_inputs):
        raise RuntimeError("no C++ compiler found")

    monkeypatch.setattr(fast_path, "compiled", lambda step, fast: torch.compile(step, backend=broken_backend))
    monkeypatch.setattr(training, "compiled", fast_path.compiled)
    config = ExperimentConfig(model="dense-ae", latent_dim=4, hidden=8, depth=1, epochs=1,
                              batch_size=32, device="cpu", compile=True)
    trainer = Trainer(config, tiny_split)
    before = {k: v.clone() for k, v in trainer.model.state_dict().items()}
    with pytest.raises(TrainingError, match="torch.compile could not compile") as caught:
        list(trainer.fit())
    assert "no C++ compiler found" in str(caught.value) and "\n" not in str(caught.value)
    assert all(torch.equal(before[k], v) for k, v in trainer.model.state_dict().items())
    torch._dynamo.reset()


# -- CUDA only --------------------------------------------------------------------------------
@needs_cuda
@pytest.mark.parametrize("amp_dtype", ["auto", "float16"])
def test_one_cuda_epoch_lowers_the_loss_and_reloads_on_the_cpu(tiny_split, tmp_path, amp_dtype):
    config = ExperimentConfig(model="conv-vae", latent_dim=4, hidden=8, epochs=3, batch_size=16,
                              lr=3e-3, device="cuda", amp=True, amp_dtype=amp_dtype)
    trainer = Trainer(config, tiny_split)
    assert trainer.fast.fused_optimizer and trainer.fast.channels_last
    assert trainer.fast.grad_scaler == (trainer.fast.autocast_dtype == torch.float16)
    epochs = _epochs(trainer)
    assert epochs[-1].train_loss < epochs[0].train_loss
    path = save_experiment(Experiment(config, trainer.snapshot(), list(trainer.history), 3), tmp_path / "e.pt")
    reloaded = load_experiment(path, map_location="cpu")
    assert next(reloaded.model.parameters()).device.type == "cpu"
    x = tiny_split.val.images[:8].float() / 255
    with torch.inference_mode():
        on_gpu = trainer.model.eval()(x.cuda()).recon.float().cpu()
        on_cpu = reloaded.model.eval()(x).recon
    assert torch.allclose(on_gpu, on_cpu, atol=1e-4)


@needs_cuda
@pytest.mark.parametrize("amp", [False, True])
def test_a_cuda_step_never_waits_for_the_gpu(tiny_split, monkeypatch, amp):
    """Between the first batch (which reads the run's reference loss) and the last (which
    reports), no batch syncs the host with the device."""
    monkeypatch.setattr(training, "REPORT_INTERVAL_S", 1e9)  # the last batch reports, no other
    config = ExperimentConfig(model="conv-ae", task="denoise", latent_dim=4, hidden=8, epochs=1,
                              batch_size=16, device="cuda", amp=amp)
    trainer = Trainer(config, tiny_split)
    steps, calls = trainer.steps_per_epoch(), [0]
    assert steps >= 4

    def watch() -> bool:  # asked before every batch
        calls[0] += 1
        if calls[0] == 2:
            torch.cuda.synchronize()
            torch.cuda.set_sync_debug_mode("warn")
        elif calls[0] == steps:  # the last batch reports: its sync is the throttled one
            torch.cuda.set_sync_debug_mode("default")
        return False

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            list(trainer.fit(watch))
    finally:
        torch.cuda.set_sync_debug_mode("default")
    syncs = [str(w.message) for w in caught if "synchroniz" in str(w.message).lower()]
    assert not syncs, syncs
