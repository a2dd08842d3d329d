"""PCA: the linear baseline, and a fixed orientation for its axes."""

from __future__ import annotations

import torch

from aegui.core.pca import fit_pca


def test_the_sign_of_each_axis_is_fixed_by_its_largest_loading():
    gen = torch.Generator().manual_seed(0)
    # Spread mostly along code dims 0 and 3, so each axis has one clearly largest loading.
    codes = torch.randn(4000, 6, generator=gen) * torch.tensor([5.0, 0.2, 0.2, 3.0, 0.2, 0.2])
    for seed in range(20):
        sample = codes[torch.randperm(len(codes), generator=torch.Generator().manual_seed(seed))[:300]]
        for data in (sample, -sample):  # negated data is where SVD signs most often flip
            comps = fit_pca(data, 2).components
            assert comps[0, 0] > 0.9 and comps[1, 3] > 0.9, (seed, comps)


def test_orientation_keeps_the_components_orthonormal_and_the_reconstruction():
    x = torch.randn(200, 5, generator=torch.Generator().manual_seed(1))
    pca = fit_pca(x, 5)
    assert torch.allclose(pca.components @ pca.components.T, torch.eye(5), atol=1e-5)
    assert torch.allclose(pca.inverse_transform(pca.transform(x)), x, atol=1e-4)
    largest = pca.components.abs().argmax(1)
    assert (pca.components[torch.arange(5), largest] > 0).all()
