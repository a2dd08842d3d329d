"""Convolutional models that follow the image: automatic depth, residual blocks with
GroupNorm (BatchNorm as an option), widths per stage, and the first layout kept for
checkpoints saved before these settings existed."""

from __future__ import annotations

import json

import pytest
import torch
from torch import nn

from aegui.core.config import ExperimentConfig
from aegui.core.data import ImageDataset, split_dataset
from aegui.core.errors import ConfigError
from aegui.core.models import build_model
from aegui.core.models.base import ModelSpec, auto_depth
from aegui.core.models.budget import deepest_grid
from aegui.core.models.conv import ResidualBlock
from aegui.core.training import Trainer, model_spec_for


def _split(side: int, channels: int = 3, count: int = 24):
    images = torch.randint(0, 256, (count, channels, side, side), dtype=torch.uint8)
    return split_dataset(ImageDataset(images, None, (), f"noise{side}"), 0.25, seed=0)


@pytest.mark.parametrize(("side", "depth"), [(8, 1), (28, 2), (32, 2), (64, 3), (128, 4), (20, 2)])
def test_the_depth_follows_the_image_size(side, depth):
    """Automatic depth halves the image until its feature map is 8×8 or smaller."""
    assert auto_depth(side, side) == depth
    spec = model_spec_for(ExperimentConfig(model="conv-ae", latent_dim=16), _split(side, count=8))
    assert spec.depth == depth and max(deepest_grid(spec)) <= 8
    assert max(deepest_grid(spec)) > 4 or side <= 8  # not one stage more than needed


def test_a_given_depth_and_dense_models_are_not_changed():
    split = _split(64, count=8)
    assert model_spec_for(ExperimentConfig(model="conv-ae", depth=2), split).depth == 2
    assert model_spec_for(ExperimentConfig(model="dense-ae"), split).depth == 2  # hidden layers
    dense = model_spec_for(ExperimentConfig(model="vae", block="residual", widths=(4, 8)), split)
    assert (dense.block, dense.norm, dense.widths) == ("plain", "batch", ())


def test_the_residual_layout_uses_residual_blocks_and_group_norm():
    spec = ModelSpec("conv-ae", 3, 64, 64, latent_dim=32, hidden=8, depth=3, block="residual", norm="group")
    model = build_model(spec)
    kinds = {type(m) for m in model.modules()}
    assert ResidualBlock in kinds and nn.GroupNorm in kinds and nn.BatchNorm2d not in kinds
    assert sum(isinstance(m, ResidualBlock) for m in model.modules()) == 2 * spec.depth
    batch = build_model(ModelSpec("conv-ae", 3, 64, 64, hidden=8, depth=3, block="residual", norm="batch"))
    assert nn.BatchNorm2d in {type(m) for m in batch.modules()}
    x = torch.rand(2, 3, 64, 64)
    assert model(x).recon.shape == x.shape and model.encode(x).shape == (2, 32)


def test_a_residual_block_is_the_identity_plus_its_branch():
    block = ResidualBlock(8, "group")
    nn.init.zeros_(block.body[-1].weight)
    nn.init.zeros_(block.body[-1].bias)
    x = torch.randn(2, 8, 5, 5)
    assert torch.equal(block(x), x)


def test_group_norm_makes_a_model_independent_of_the_batch():
    """An image's reconstruction does not depend on the other images it is trained with."""
    torch.manual_seed(0)
    model = build_model(ModelSpec("conv-ae", 3, 32, 32, hidden=8, depth=2, block="residual", norm="group"))
    model.train()
    x = torch.rand(4, 3, 32, 32)
    together = model(x).recon[:1]
    alone = model(x[:1]).recon
    assert torch.allclose(together, alone, atol=1e-5)
    plain = build_model(ModelSpec("conv-ae", 3, 32, 32, hidden=8, depth=2))
    plain.train()
    assert not torch.allclose(plain(x).recon[:1], plain(x[:1]).recon, atol=1e-3)


def test_widths_per_stage():
    split = _split(32, count=8)
    spec = model_spec_for(ExperimentConfig(model="conv-vae", widths=(8, 24, 40), latent_dim=4), split)
    assert spec.depth == 3 and spec.stage_widths() == (8, 24, 40)
    model = build_model(spec)
    assert model.decoder.grid == (40, 4, 4)
    assert model(torch.rand(2, 3, 32, 32)).recon.shape == (2, 3, 32, 32)
    assert ModelSpec("conv-ae", 1, 28, 28, hidden=8, depth=3).stage_widths() == (8, 16, 32)
    with pytest.raises(ConfigError, match="one width per stage"):
        ExperimentConfig(depth=2, widths=(8, 16, 32))
    with pytest.raises(ConfigError, match="stage widths"):
        ExperimentConfig(widths=(8, 0))
    with pytest.raises(ConfigError, match="stage widths"):
        ExperimentConfig(widths="8,16")


def test_the_latent_may_have_any_size():
    for latent in (1, 3, 257):
        model = build_model(ModelSpec("conv-ae", 3, 64, 64, latent_dim=latent, hidden=4, depth=3,
                                      block="residual", norm="group"))
        assert model.encode(torch.rand(2, 3, 64, 64)).shape == (2, latent)


def test_new_experiments_use_the_residual_layout_and_files_without_one_keep_the_first():
    assert (ExperimentConfig().block, ExperimentConfig().norm, ExperimentConfig().depth) == ("residual", "group", None)
    old = ExperimentConfig().to_dict()
    for name in ("block", "norm", "widths"):
        del old[name]
    old["depth"] = 2
    legacy = ExperimentConfig.from_dict(old)
    assert (legacy.block, legacy.norm, legacy.depth) == ("plain", "batch", 2)
    # A saved experiment comes back as it was.
    config = ExperimentConfig(widths=(8, 16), block="plain", norm="group")
    assert ExperimentConfig.from_json(config.to_json()) == config
    assert json.loads(config.to_json())["widths"] == [8, 16]
    # A model spec stored without the fields is the first layout.
    assert ModelSpec(**{"kind": "conv-ae", "channels": 1, "height": 28, "width": 28}).block == "plain"


def test_the_default_model_trains_on_colour_photos_of_64_pixels():
    split = _split(64, count=40)
    trainer = Trainer(ExperimentConfig(model="conv-ae", latent_dim=8, hidden=4, epochs=1, batch_size=8,
                                       loss="mse"), split)
    assert trainer.model.spec.depth == 3 and trainer.model.spec.block == "residual"
    reports = list(trainer.fit())
    assert trainer.epochs_done == 1 and reports[-1].completed


def test_group_norm_keeps_several_channels_a_group():
    """One channel a group (instance norm) would erase each image's brightness and contrast."""
    from aegui.core.models.conv import _norm

    assert [_norm("group", c).num_groups for c in (4, 8, 32, 64, 256, 24)] == [1, 2, 8, 16, 32, 6]
