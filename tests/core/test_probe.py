"""The linear probe: it finds separable classes, finds nothing in shuffled labels, draws
balanced label subsets, and reports what the Analyze tab shows."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from aegui.core.analysis import (
    FEATURE_SETS,
    LABELS_PER_CLASS,
    balanced_subset,
    knn_accuracy,
    linear_probe,
    probe_features,
)
from aegui.core.data import DataSplit, ImageDataset
from aegui.core.errors import AeguiError, Cancelled
from aegui.core.models import ModelSpec, build_model


def blobs(n_per_class: int, classes: int = 4, dim: int = 6, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian clusters far apart: linearly separable."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=8.0, size=(classes, dim))
    y = np.repeat(np.arange(classes), n_per_class)
    return (centres[y] + rng.normal(size=(len(y), dim))).astype(np.float32), y


def test_separable_features_are_classified_almost_perfectly():
    x, y = blobs(100)
    vx, vy = blobs(50, seed=0)  # same centres, other noise
    vx = vx + np.random.default_rng(9).normal(size=vx.shape).astype(np.float32) * 0.3
    accuracy, predictions = probe_features(x, y, vx, vy)
    assert accuracy >= 0.99
    assert predictions.shape == vy.shape
    assert knn_accuracy(x, y, vx, vy) >= 0.99


def test_shuffled_labels_give_chance():
    x, y = blobs(150, classes=4)
    vx, vy = blobs(150, classes=4, seed=0)
    rng = np.random.default_rng(3)
    accuracy, _ = probe_features(x, rng.permutation(y), vx, rng.permutation(vy))
    assert abs(accuracy - 0.25) < 0.08


def test_balanced_subsets_are_per_class_seeded_and_nested():
    labels = np.array([0] * 30 + [1] * 30 + [2] * 3)
    five = balanced_subset(labels, 5, seed=1)
    assert np.bincount(labels[five]).tolist() == [5, 5, 3]  # a class with fewer gives what it has
    ten = balanced_subset(labels, 10, seed=1)
    assert set(five) <= set(ten)
    assert balanced_subset(labels, 5, seed=1).tolist() == five.tolist()
    assert balanced_subset(labels, 5, seed=2).tolist() != five.tolist()
    assert balanced_subset(labels, None).tolist() == list(range(len(labels)))


def test_the_probe_on_a_trained_model(digits_ae, tiny_split):
    model, _ = digits_ae
    steps = []
    result = linear_probe(model, tiny_split, progress=lambda d, t: steps.append((d, t)))
    assert result.feature_sets == FEATURE_SETS == ("autoencoder", "pca", "pixels")
    assert result.labels_per_class == LABELS_PER_CLASS == (5, 10, 50, 100, None)
    assert steps[-1][0] == steps[-1][1] == len(steps)
    for name in FEATURE_SETS:
        assert len(result.curve[name]) == 5
        assert result.accuracy[name] == result.curve[name][-1]
        assert result.accuracy[name] > 0.4  # ten classes: chance is 0.1
    val = tiny_split.val
    assert result.confusion.shape == (10, 10) and result.confusion.sum() == len(val)
    assert np.trace(result.confusion) / len(val) == pytest.approx(result.accuracy["autoencoder"])
    assert result.confusion.sum(1).tolist() == np.bincount(val.labels.numpy(), minlength=10).tolist()
    assert result.class_names == val.class_names
    assert result.draws == 5 and all(result.curve_std[name][-1] == 0 for name in FEATURE_SETS)
    assert any(result.curve_std["autoencoder"][i] > 0 for i in range(4))  # the draws really differ
    assert result.latent_dim == 8 and result.knn_accuracy > 0.4
    assert result.pixel_train_rows == len(tiny_split.train)
    small = dict(labels_per_class=(5,), draws=2)
    assert linear_probe(model, tiny_split, **small).curve == linear_probe(model, tiny_split, **small).curve  # seeded
    summary = result.summary()
    assert summary["labels_per_class"][-1] is None and summary["confusion"][0][0] == result.confusion[0, 0]


def test_the_pixel_baseline_is_capped(digits_ae, tiny_split, monkeypatch):
    from aegui.core.analysis import probe

    monkeypatch.setattr(probe, "PIXEL_MAX_TRAIN", 60)
    result = linear_probe(digits_ae[0], tiny_split, labels_per_class=(None,))
    assert result.pixel_train_rows == 60 and result.train_count == len(tiny_split.train)


def test_the_pixel_baseline_holds_a_bounded_number_of_float_rows(digits_ae, tiny_split, monkeypatch):
    """Past PIXEL_MAX_BYTES the training rows are capped by bytes (128×128 colour photos),
    and the validation pixels are made PIXEL_CHUNK rows at a time, with the same result."""
    from aegui.core.analysis import probe

    row_bytes = 4 * 28 * 28
    monkeypatch.setattr(probe, "PIXEL_MAX_BYTES", 50 * row_bytes)
    whole = linear_probe(digits_ae[0], tiny_split, labels_per_class=(None,))
    made: list[int] = []
    pixels = probe._pixels
    monkeypatch.setattr(probe, "_pixels", lambda data, rows=None: made.append(len(rows)) or pixels(data, rows))
    monkeypatch.setattr(probe, "PIXEL_CHUNK", 16)
    chunked = linear_probe(digits_ae[0], tiny_split, labels_per_class=(None,))
    assert chunked.pixel_train_rows == 50 and max(made) == 50
    assert sorted(made) == [16, 16, 16, 16, 50]  # the 64 validation images, then the training rows
    assert chunked.accuracy["pixels"] == whole.accuracy["pixels"]


def test_the_probe_explains_what_it_needs(digits_ae, tiny_split):
    model, _ = digits_ae
    unlabelled = DataSplit(ImageDataset(tiny_split.train.images, None, (), "pictures"),
                           ImageDataset(tiny_split.val.images, None, (), "pictures"), 0.25, 0)
    with pytest.raises(AeguiError, match="needs labelled data; this dataset has no labels"):
        linear_probe(model, unlabelled)
    train = tiny_split.train
    one_class = DataSplit(train.subset(torch.nonzero(train.labels == 3).flatten()), tiny_split.val, 0.25, 0)
    with pytest.raises(AeguiError, match="two classes"):
        linear_probe(model, one_class)
    cvae = build_model(ModelSpec("cvae", 1, 28, 28, latent_dim=2, hidden=4, num_classes=10))
    with pytest.raises(AeguiError, match="conditional VAE"):
        linear_probe(cvae, tiny_split)
    with pytest.raises(Cancelled):
        linear_probe(model, tiny_split, should_stop=lambda: True)
