"""A model that cannot train is refused before any weight is allocated."""

from __future__ import annotations

import pytest
import torch

from aegui.core.config import ExperimentConfig
from aegui.core.data import ImageDataset, split_dataset
from aegui.core.errors import ConfigError
from aegui.core.models import MODEL_KINDS, ModelSpec, build_model, count_parameters
from aegui.core.models.budget import (
    check_trainable,
    needs_pairs,
    parameter_count,
    state_shapes,
    steps_per_epoch,
    training_bytes,
)
from aegui.core.training import Trainer


@pytest.mark.parametrize("kind", MODEL_KINDS)
def test_meta_measurements_match_the_real_model(kind):
    spec = ModelSpec(kind, 1, 28, 28, latent_dim=3, hidden=8, depth=2, num_classes=10 if kind == "cvae" else 0)
    model = build_model(spec)
    assert parameter_count(spec) == count_parameters(model)
    assert state_shapes(spec) == {k: tuple(v.shape) for k, v in model.state_dict().items()}


def test_training_memory_grows_with_the_batch_and_the_width():
    small = ModelSpec("conv-ae", 1, 28, 28, hidden=8)
    wide = ModelSpec("conv-ae", 1, 28, 28, hidden=32)
    assert training_bytes(small, 256) > training_bytes(small, 16) > 4 * parameter_count(small)
    assert training_bytes(wide, 16) > training_bytes(small, 16)


def test_a_dense_model_too_big_for_the_machine_is_refused_before_it_is_built():
    images = torch.zeros(4, 3, 512, 512, dtype=torch.uint8)
    split = split_dataset(ImageDataset(images=images, labels=None, class_names=(), name="photos"), 0.5, seed=0)
    config = ExperimentConfig(dataset="npz:photos.npz", model="dense-ae", hidden=1024, epochs=1)
    with pytest.raises(ConfigError, match=r"needs about [\d,.]+ GB to train \(26\.0 billion weights"):
        Trainer(config, split)


def test_a_device_with_little_memory_refuses_what_fits_a_bigger_one(monkeypatch):
    spec = ModelSpec("conv-ae", 1, 28, 28, hidden=32)
    cpu = torch.device("cpu")
    check_trainable(spec, 128, 1000, "adam", cpu)  # fits this machine
    monkeypatch.setattr("aegui.core.models.budget.device_memory", lambda device: 50 * 2**20)
    with pytest.raises(ConfigError, match="smaller batch size"):
        check_trainable(spec, 128, 1000, "adam", cpu)


def test_batch_norm_at_one_by_one_needs_two_images_per_batch(tiny_split):
    spec = ModelSpec("conv-ae", 1, 28, 28, depth=5)
    assert needs_pairs(spec) and not needs_pairs(ModelSpec("conv-ae", 1, 28, 28, depth=4))
    config = ExperimentConfig(model="conv-ae", depth=5, hidden=4, batch_size=1, epochs=1, norm="batch")
    with pytest.raises(ConfigError, match="batch size of 2 or more"):
        Trainer(config, tiny_split)


def test_group_norm_trains_one_image_at_a_time_at_one_by_one(tiny_split):
    """GroupNorm normalises within each image, so batch size 1 at 1×1 is fine."""
    assert not needs_pairs(ModelSpec("conv-ae", 1, 28, 28, depth=5, block="residual", norm="group"))
    small = split_dataset(tiny_split.train.subset(torch.arange(12)), 0.25, seed=0)
    config = ExperimentConfig(model="conv-ae", depth=5, hidden=4, batch_size=1, epochs=1)
    trainer = Trainer(config, small)
    assert trainer.steps_per_epoch() == len(small.train)
    reports = list(trainer.fit())
    assert trainer.epochs_done == 1 and reports[-1].completed


def test_a_lone_last_image_joins_the_batch_before_it(tiny_mnist):
    """33 images in batches of 32 leave one over; at 1×1 it would break batch norm."""
    split = split_dataset(tiny_mnist.subset(torch.arange(44)), 0.25, seed=0)
    assert len(split.train) == 33
    assert steps_per_epoch(33, 32, min_batch=2) == 1 and steps_per_epoch(33, 32) == 2
    config = ExperimentConfig(model="conv-ae", depth=5, hidden=4, batch_size=32, epochs=1, norm="batch")
    trainer = Trainer(config, split)
    reports = list(trainer.fit())
    assert trainer.epochs_done == 1 and reports[-1].completed
    assert trainer.steps_per_epoch() == 1
