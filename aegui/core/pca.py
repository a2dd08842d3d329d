"""PCA, the linear baseline every autoencoder should beat at the same code size."""

from __future__ import annotations

from dataclasses import dataclass

import torch


@dataclass(frozen=True)
class PCA:
    mean: torch.Tensor  # D
    components: torch.Tensor  # K×D, orthonormal rows
    explained_variance: torch.Tensor  # K

    def transform(self, x: torch.Tensor) -> torch.Tensor:
        return (x.flatten(1) - self.mean) @ self.components.T

    def inverse_transform(self, codes: torch.Tensor) -> torch.Tensor:
        return codes @ self.components + self.mean


def fit_pca(x: torch.Tensor, k: int) -> PCA:
    """Exact PCA by SVD of the centred data (x: N×... float)."""
    flat = x.flatten(1).double()
    mean = flat.mean(0)
    k = min(k, *flat.shape)
    _, s, vh = torch.linalg.svd(flat - mean, full_matrices=False)
    variance = (s[:k] ** 2) / max(1, len(flat) - 1)
    return PCA(mean.float(), _oriented(vh[:k]).float(), variance.float())


def _oriented(components: torch.Tensor) -> torch.Tensor:
    """Each component's sign is arbitrary in an SVD; fix it so its largest loading is
    positive. Then two fits on similar data (a view's sample, a timeline's subset) face
    the same way instead of appearing mirrored."""
    if not len(components):
        return components
    largest = components.abs().argmax(dim=1, keepdim=True)
    signs = torch.sign(components.gather(1, largest))
    signs[signs == 0] = 1
    return components * signs

