"""Keeping only some classes: stored in the config, and applied after the split, so every
kept image stays on its side; the held-out classes' validation images are the anomalies."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch

from aegui.core.checkpoint import load_experiment
from aegui.core.config import ExperimentConfig
from aegui.core.data import ImageDataset
from aegui.core.errors import ConfigError, DataError
from aegui.core.runs import held_out_for_config, split_for_config

FIXTURE = Path(__file__).parent.parent / "fixtures" / "experiment-format-1.pt"


def test_classes_are_normalised_and_survive_a_json_round_trip():
    config = ExperimentConfig(classes=[3, 0])
    assert config.classes == (0, 3)
    assert config.to_dict()["classes"] == [0, 3]
    again = ExperimentConfig.from_json(config.to_json())
    assert again == config and hash(again) == hash(config)
    assert isinstance(again.classes, tuple)
    assert ExperimentConfig.from_dict(json.loads(config.to_json())).classes == (0, 3)
    assert ExperimentConfig().classes is None
    assert "classes" in ExperimentConfig().to_dict()
    assert config.with_changes(classes=None).classes is None


@pytest.mark.parametrize("bad, words", [([], "at least one"), ([-1], "negative"), ([1, 1], "twice"),
                                        (["a"], "whole numbers"), ("0,3", "list"), ([1.5], "whole numbers")])
def test_bad_classes_are_refused(bad, words):
    with pytest.raises(ConfigError, match=words):
        ExperimentConfig(classes=bad)


def test_an_old_experiment_without_classes_still_opens():
    experiment = load_experiment(FIXTURE)
    assert experiment.config.classes is None
    assert "classes" not in json.loads(torch.load(FIXTURE, weights_only=True)["config"])


def test_the_kept_classes_keep_their_side_of_the_split(mnist):
    everything = ExperimentConfig(val_fraction=0.2, split_seed=5)
    kept = everything.with_changes(classes=(0, 3))
    full = split_for_config(mnist, everything)
    part = split_for_config(mnist, kept)
    for side in ("train", "val"):
        whole, some = getattr(full, side), getattr(part, side)
        mask = np.isin(whole.labels.numpy(), [0, 3])
        np.testing.assert_array_equal(some.row_ids(), whole.row_ids()[mask])
        assert set(some.labels.unique().tolist()) == {0, 3}
        assert torch.equal(some.images, mnist.images[torch.from_numpy(some.row_ids())])
    assert part.train.class_names == mnist.class_names  # class indices keep their meaning

    held = held_out_for_config(mnist, kept)
    assert held is not None
    assert not np.isin(held.labels.numpy(), [0, 3]).any()
    val_rows = set(full.val.row_ids().tolist())
    assert set(held.row_ids().tolist()) <= val_rows  # never a training image
    assert len(held) + len(part.val) == len(full.val)
    assert torch.equal(held.images, mnist.images[torch.from_numpy(held.row_ids())])


def test_nothing_is_held_out_when_every_class_is_kept(mnist):
    assert held_out_for_config(mnist, ExperimentConfig()) is None
    assert held_out_for_config(mnist, ExperimentConfig(classes=tuple(range(10)))) is None
    assert len(split_for_config(mnist, ExperimentConfig(classes=tuple(range(10)))).train) == 9000


def test_classes_need_labels_and_must_exist(tiny_mnist):
    unlabelled = ImageDataset(tiny_mnist.images, None, (), "pictures")
    with pytest.raises(DataError, match="needs labels"):
        split_for_config(unlabelled, ExperimentConfig(classes=(0,)))
    with pytest.raises(DataError, match="0 to 9"):
        split_for_config(tiny_mnist, ExperimentConfig(classes=(2, 12)))
    with pytest.raises(DataError, match="0 to 9"):
        held_out_for_config(tiny_mnist, ExperimentConfig(classes=(12,)))


def test_row_numbers_compose_through_subsets(tiny_mnist):
    first = tiny_mnist.subset(torch.tensor([9, 4, 7, 1]))
    second = first.subset(torch.tensor([2, 0]))
    assert second.row_ids().tolist() == (tiny_mnist.row_ids()[[7, 9]]).tolist()
    assert ImageDataset(tiny_mnist.images, None, (), "x").row_ids().tolist() == list(range(len(tiny_mnist)))
