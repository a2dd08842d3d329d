"""The run's own PCA baseline (``metrics.json``'s ``pca_val_mse``) is the app's one basis:
fitted on a bounded sample, measured in chunks, never a float copy of the whole training
set and never a full SVD of it; and it agrees with the Analyze tab's PCA comparison."""

from __future__ import annotations

import pytest
import torch

from aegui.core import evaluation
from aegui.core.analysis import compare_with_pca, pca_basis_for, pca_compare
from aegui.core.analysis import pca_basis as basis_module
from aegui.core.analysis.pca_basis import FIT_BYTES, FIT_ROWS, fit_rows_for
from aegui.core.config import ExperimentConfig
from aegui.core.data import ImageDataset, split_dataset
from aegui.core.runs import final_metrics
from aegui.core.training import Trainer


def _photos(n: int, size: int = 12, seed: int = 0) -> ImageDataset:
    """Smooth random colour images: low-rank enough for PCA to matter."""
    gen = torch.Generator().manual_seed(seed)
    small = torch.rand(n, 3, 2, 2, generator=gen)
    images = torch.nn.functional.interpolate(small, size=(size, size), mode="bilinear", align_corners=False)
    return ImageDataset(images=(images * 255).to(torch.uint8), labels=None, class_names=(), name="photos")


def test_the_fitting_sample_is_bounded_by_rows_and_by_bytes():
    assert fit_rows_for(500, 784, 16) == 500  # small sets: every image
    assert fit_rows_for(60_000, 784, 16) == FIT_ROWS
    rows = fit_rows_for(200_000, 3 * 128 * 128, 64)
    assert rows * 4 * 3 * 128 * 128 <= FIT_BYTES and rows >= 64 + 11


def test_final_metrics_never_converts_the_whole_training_set(monkeypatch):
    split = split_dataset(_photos(2600), 0.2, seed=0)  # 2,080 training images
    monkeypatch.setattr(basis_module, "FIT_ROWS", 700)
    seen: list[int] = []
    for module in (evaluation, pca_compare):
        real = module.as_float
        monkeypatch.setattr(module, "as_float", lambda images, device, real=real: seen.append(len(images))
                            or real(images, device))
    real_flat = basis_module._flat
    monkeypatch.setattr(basis_module, "_flat", lambda images: seen.append(len(images)) or real_flat(images))

    def no_full_svd(matrix, *args, **kwargs):
        raise AssertionError(f"an SVD of a {tuple(matrix.shape)} matrix")

    monkeypatch.setattr(torch.linalg, "svd", no_full_svd)
    basis_module.clear_pca_cache()
    config = ExperimentConfig(model="dense-ae", hidden=16, latent_dim=4, epochs=1, batch_size=256, loss="mse",
                              device="cpu")
    trainer = Trainer(config, split)
    list(trainer.fit())
    seen.clear()
    metrics = final_metrics(trainer.model, split, config)
    assert seen and max(seen) <= 700 < len(split.train)
    assert metrics["pca_components"] == 4 and metrics["pca_fit_rows"] == 700
    assert 0 < metrics["pca_val_mse"] < 0.1


def test_metrics_json_and_the_analyze_tab_report_the_same_pca(tiny_split):
    basis_module.clear_pca_cache()
    config = ExperimentConfig(model="conv-ae", hidden=8, latent_dim=8, epochs=1, batch_size=32, loss="mse",
                              device="cpu")
    trainer = Trainer(config, tiny_split)
    list(trainer.fit())
    metrics = final_metrics(trainer.model, tiny_split, config)
    comparison = compare_with_pca(trainer.model, tiny_split)
    assert metrics["pca_val_mse"] == pytest.approx(comparison.pca_same_mse, rel=1e-9)
    assert metrics["pca_fit_rows"] == pca_basis_for(tiny_split.train.images, 8).fit_rows == len(tiny_split.train)
