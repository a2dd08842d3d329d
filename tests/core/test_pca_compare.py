"""The comparison with PCA: the incremental curve is the real reconstruction error, it
falls, the equivalent size agrees with it, and the basis is fitted once per split."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from aegui.core.analysis import (
    PcaComparison,
    clear_pca_cache,
    compare_with_pca,
    equivalent_components,
    fit_pca_basis,
    linear_probe,
    pca_basis,
    pca_basis_for,
)
from aegui.core.analysis.pca_compare import clipped_mse
from aegui.core.corruptions import corruption_for_task
from aegui.core.data import ImageDataset, split_dataset
from aegui.core.errors import AeguiError, Cancelled
from aegui.core.evaluation import as_float, evaluate
from aegui.core.models import ModelSpec, build_model
from aegui.core.pca import fit_pca


def direct_mse(basis, images: torch.Tensor, k: int) -> float:
    """Rebuild every image from k components (no clipping) and measure it."""
    x = images.flatten(1).double() / 255
    recon = ((x - basis.mean) @ basis.components[:k].T) @ basis.components[:k] + basis.mean
    return float(((recon - x) ** 2).mean())


def test_the_basis_is_orthonormal_and_matches_exact_pca(tiny_split):
    train = tiny_split.train.images
    basis = fit_pca_basis(train, 40)
    assert basis.method == "eigh" and basis.k == 40
    gram = basis.components @ basis.components.T
    torch.testing.assert_close(gram, torch.eye(40, dtype=torch.float64), atol=1e-8, rtol=0)
    exact = fit_pca(as_float(train, torch.device("cpu")), 40)
    torch.testing.assert_close(basis.explained_variance.float(), exact.explained_variance, rtol=1e-3, atol=1e-6)


def test_the_incremental_curve_is_the_direct_reconstruction_error(tiny_split):
    basis = fit_pca_basis(tiny_split.train.images, 60)
    val = tiny_split.val.images
    curve = basis.mse_curve(val)
    assert curve.shape == (60,)
    assert np.all(np.diff(curve) <= 0)
    for k in (1, 7, 60):
        assert curve[k - 1] == pytest.approx(direct_mse(basis, val, k), rel=1e-9)


def test_the_randomized_fit_agrees_with_the_exact_one(rgb_dataset):
    # 3×20×20 = 1,200 pixels: past the exact limit, so the randomized path
    crop = ImageDataset(rgb_dataset.images[:, :, :20, :20].contiguous(), rgb_dataset.labels,
                        rgb_dataset.class_names, "blobs")
    split = split_dataset(crop, 0.25, 0)
    exact = fit_pca_basis(split.train.images, 20, method="eigh")
    fast = fit_pca_basis(split.train.images, 20)
    assert fast.method == "randomized"
    # On the training images exact PCA is optimal; the randomized one comes within 0.2 %.
    exact_train, fast_train = exact.mse_curve(split.train.images), fast.mse_curve(split.train.images)
    assert np.all(fast_train >= exact_train - 1e-12)
    np.testing.assert_allclose(fast_train, exact_train, rtol=2e-3)
    np.testing.assert_allclose(fast.mse_curve(split.val.images), exact.mse_curve(split.val.images), rtol=2e-3)
    again = fit_pca_basis(split.train.images, 20)  # seeded: the same basis every time
    torch.testing.assert_close(again.components, fast.components)


def test_compare_with_pca_on_a_trained_model(digits_ae, tiny_split):
    model, config = digits_ae
    steps = []
    result = compare_with_pca(model, tiny_split, progress=lambda d, t: steps.append((d, t)))
    assert steps[-1][0] == steps[-1][1] and len(steps) >= 3
    k = len(tiny_split.train)  # fewer training images than 256: K is capped there
    assert result.components.tolist() == list(range(1, k + 1))
    assert np.all(np.diff(result.pca_mse) <= 0)
    # The equivalent size is measured as the same-size row is: PCA clipped to [0, 1], like the
    # autoencoder's output. Clipping only helps PCA, so it is at most the unclipped crossing.
    eq = result.equivalent_components
    unclipped = equivalent_components(result.pca_mse, result.ae_mse)
    assert eq is not None and unclipped is not None and eq <= unclipped
    basis = pca_basis_for(tiny_split.train.images, k)
    never = lambda: False  # noqa: E731
    assert clipped_mse(basis, tiny_split.val.images, eq, never) <= result.ae_mse
    if eq > 1:
        assert clipped_mse(basis, tiny_split.val.images, eq - 1, never) > result.ae_mse
    # The same-size PCA is the baseline metrics.json reports, and the AE row is evaluate()'s.
    val = tiny_split.val
    cpu = torch.device("cpu")
    assert result.pca_same_mse == pytest.approx(
        pca_reconstruction_mse(as_float(tiny_split.train.images, cpu), as_float(val.images, cpu), 8), rel=1e-3)
    reference = evaluate(model, val.images, None, corruption_for_task("reconstruct"), loss_kind="mse")
    assert result.ae_mse == pytest.approx(reference.mse, rel=1e-5)
    assert result.ae_psnr == pytest.approx(reference.psnr, rel=1e-5)
    assert result.ae_ssim == pytest.approx(reference.ssim, rel=1e-4)
    assert result.ae_mse < result.pca_same_mse  # a trained conv AE beats PCA at its own size
    assert eq > 8
    assert (result.bytes_raw, result.bytes_code_f32, result.bytes_code_f16) == (784, 32, 16)
    assert result.ratio_f32 == pytest.approx(24.5)
    originals, pca_rows, ae_rows = result.examples
    assert originals.shape == pca_rows.shape == ae_rows.shape == (8, 1, 28, 28)
    assert originals.dtype == pca_rows.dtype == ae_rows.dtype == np.uint8
    assert np.array_equal(originals, val.images[:8].numpy())
    assert f"{result.latent_dim}-number code reconstructs like PCA with {eq} components" in result.sentence()
    summary = result.summary()
    assert summary["equivalent_components"] == eq and len(summary["pca_mse"]) == k


def test_a_second_comparison_reuses_the_basis(digits_ae, tiny_split, monkeypatch):
    clear_pca_cache()
    model, _ = digits_ae
    fits = []
    real_fit = pca_basis.fit_pca_basis
    monkeypatch.setattr(pca_basis, "fit_pca_basis", lambda *a, **kw: fits.append(1) or real_fit(*a, **kw))
    images = tiny_split.train.images.clone()
    first = pca_basis_for(images, 100)
    torch.testing.assert_close(pca_basis_for(images, 100).components, first.components)
    smaller = pca_basis_for(images, 10)  # a smaller request reuses the same fit
    torch.testing.assert_close(smaller.components, first.components[:10])
    assert len(fits) == 1
    pca_basis_for(images.clone(), 100)  # another tensor: another fit
    assert len(fits) == 2
    images[0] = 255 - images[0]  # an in-place change is noticed
    pca_basis_for(images, 100)
    assert len(fits) == 3
    fits.clear()

    split = split_dataset(tiny_split.train, 0.2, 0)
    one = compare_with_pca(model, split)
    two = compare_with_pca(model, split)
    probe = linear_probe(model, split, labels_per_class=(None,))  # its PCA baseline reuses it too
    assert len(fits) == 1
    np.testing.assert_array_equal(one.pca_mse, two.pca_mse)
    assert probe.accuracy["pca"] > 0.3


def test_rgb_and_unusual_shapes_work(rgb_dataset):
    split = split_dataset(rgb_dataset, 0.25, 0)
    model = build_model(ModelSpec("dense-ae", 3, 32, 32, latent_dim=4, hidden=4)).eval()
    result = compare_with_pca(model, split, max_components=30)
    assert result.components[-1] == 30 and result.bytes_raw == 3 * 32 * 32
    assert result.examples[0].shape == (8, 3, 32, 32)
    assert np.isfinite(result.pca_same_ssim)


def test_the_wrong_image_shape_and_cancel(rgb_dataset, digits_ae, tiny_split):
    model, _ = digits_ae
    with pytest.raises(AeguiError, match="expects 1×28×28"):
        compare_with_pca(model, split_dataset(rgb_dataset, 0.25, 0))
    with pytest.raises(Cancelled):
        compare_with_pca(model, tiny_split, should_stop=lambda: True)


def test_the_headline_sentence_says_better_or_worse():
    def comparison(pca_mse, ae_mse):
        curve = np.array(pca_mse)
        return PcaComparison(np.arange(1, len(curve) + 1), curve, ae_mse, 0, 0, 0, 0, 0, 2,
                             equivalent_components(curve, ae_mse), 784, 8, 4, (None, None, None))

    assert comparison([0.5, 0.3, 0.1], 0.2).sentence() == "This 2-number code reconstructs like PCA with 3 components."
    assert comparison([0.5, 0.3, 0.1], 0.05).equivalent_components is None
    assert "better than PCA with 3 components" in comparison([0.5, 0.3, 0.1], 0.05).sentence()
    assert "worse than PCA with 1 component" in comparison([0.5, 0.3, 0.1], 0.9).sentence()
    assert comparison([0.5, 0.3, 0.1], 0.5).sentence().endswith("like PCA with 1 component.")


def pca_reconstruction_mse(train: torch.Tensor, val: torch.Tensor, k: int) -> float:
    """The exact reference: a full SVD of every training image (floats in [0, 1])."""
    pca = fit_pca(train, k)
    recon = pca.inverse_transform(pca.transform(val)).clamp(0, 1)
    return float(((recon - val.flatten(1)) ** 2).mean())
