"""A PCA basis of a training split, fitted once and cached, for the PCA comparison and the
probe's PCA baseline.

How it is fitted:

- on at most :data:`FIT_ROWS` training images, and fewer for large images so that their
  float copy stays under :data:`FIT_BYTES` (a seeded sample; PCA of that many images is
  already well determined, and it bounds the time and memory on large datasets);
- up to :data:`EXACT_MAX_PIXELS` pixels, exactly: an eigendecomposition of the D×D
  covariance, which costs one N×D×D product instead of the SVD of the N×D matrix;
- above that, with a seeded randomized SVD (Halko et al. 2011: a range sketch with
  ``k + 10`` columns and a few power iterations), since D³ grows too fast.

:func:`pca_basis_for` keeps the last few bases, keyed on the identity (and in-place
version) of the training-images tensor: a second comparison on the same split reuses the
basis and costs only the projections.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch

from aegui.core.data.mapped import take
from aegui.core.errors import Cancelled

FIT_ROWS = 10_000
FIT_BYTES = 256 * 2**20  # the float32 copy of the fitting sample stays under this
EXACT_MAX_PIXELS = 1024
OVERSAMPLE = 10
POWER_ITERATIONS = 4
BATCH = 2000  # images per projection batch
CACHE_SIZE = 4


@dataclass(frozen=True)
class PcaBasis:
    """Mean and orthonormal components (by decreasing variance) of flattened [0, 1] images."""

    mean: torch.Tensor  # D, float64
    components: torch.Tensor  # K×D, float64, orthonormal rows
    explained_variance: torch.Tensor  # K, float64
    method: str  # "eigh" (exact) or "randomized"
    fit_rows: int  # training images it was fitted on

    @property
    def k(self) -> int:
        return int(self.components.shape[0])

    def truncated(self, k: int) -> PcaBasis:
        k = max(1, min(k, self.k))
        return PcaBasis(self.mean, self.components[:k], self.explained_variance[:k], self.method, self.fit_rows)

    def project(self, images: torch.Tensor, k: int | None = None) -> torch.Tensor:
        """Codes (N×k float64, CPU) of uint8 images (N×C×H×W)."""
        comps = self.components if k is None else self.components[:k]
        parts = [(_flat(images[s : s + BATCH]) - self.mean) @ comps.T for s in range(0, len(images), BATCH)]
        return torch.cat(parts) if parts else torch.zeros(0, len(comps), dtype=torch.float64)

    def reconstruct(self, images: torch.Tensor, k: int) -> torch.Tensor:
        """Rank-``k`` reconstructions of uint8 images, as float32 N×C×H×W in [0, 1]."""
        codes = self.project(images, k)
        flat = (codes @ self.components[:k] + self.mean).clamp_(0, 1)
        return flat.float().reshape(images.shape)

    def mse_curve(self, images: torch.Tensor, should_stop: Callable[[], bool] | None = None) -> np.ndarray:
        """Mean per-pixel MSE of uint8 ``images`` at every k from 1 to K, from one projection.

        With orthonormal components the residual of a rank-k reconstruction is
        ‖x − μ‖² − Σ_{i≤k} pᵢ², pᵢ the projections, so no image is ever rebuilt. The
        reconstructions are not clipped to [0, 1] here.
        """
        total = torch.zeros((), dtype=torch.float64)
        captured = torch.zeros(self.k, dtype=torch.float64)
        for s in range(0, len(images), BATCH):
            if should_stop is not None and should_stop():
                raise Cancelled("The PCA curve was stopped.")
            centred = _flat(images[s : s + BATCH]) - self.mean
            total += centred.pow(2).sum()
            captured += (centred @ self.components.T).pow(2).sum(0)
        pixels = len(images) * self.components.shape[1]
        residual = (total - torch.cumsum(captured, 0)).clamp_min(0.0) / max(1, pixels)
        return residual.numpy()


def _flat(images: torch.Tensor) -> torch.Tensor:
    return images.detach().cpu().flatten(1).double().div_(255.0)


def fit_pca_basis(train_images: torch.Tensor, k: int, *, method: str = "auto", seed: int = 0,
                  should_stop: Callable[[], bool] | None = None) -> PcaBasis:
    """Fit the top ``k`` components of uint8 images (N×C×H×W). ``method``: auto, eigh or
    randomized. k is capped at min(N, D)."""
    n, d = len(train_images), int(np.prod(train_images.shape[1:]))
    k = max(1, min(int(k), n, d))
    gen = torch.Generator().manual_seed(seed)
    rows = fit_rows_for(n, d, k)
    if n > rows:
        train_images = take(train_images, torch.randperm(n, generator=gen)[:rows])
    if method == "auto":
        method = "eigh" if d <= EXACT_MAX_PIXELS else "randomized"
    x = train_images.detach().cpu().flatten(1).float().div_(255.0)
    mean = x.mean(0, dtype=torch.float64)  # no float64 copy of the sample
    x -= mean.float()
    if should_stop is not None and should_stop():
        raise Cancelled("The PCA fit was stopped.")
    if method == "eigh":
        comps, values = _eigh_components(x, k)
    elif method == "randomized":
        comps, values = _randomized_components(x, k, gen, should_stop)
    else:
        raise ValueError(f"Unknown PCA method {method!r}; choose auto, eigh or randomized.")
    variance = values / max(1, len(x) - 1)
    return PcaBasis(mean, comps, variance, method, len(x))


def fit_rows_for(n: int, d: int, k: int) -> int:
    """How many of ``n`` training images of ``d`` values a fit of ``k`` components uses."""
    by_memory = FIT_BYTES // (4 * max(1, d))
    return min(n, FIT_ROWS, max(by_memory, k + OVERSAMPLE + 1))


def _eigh_components(x: torch.Tensor, k: int) -> tuple[torch.Tensor, torch.Tensor]:
    cov = (x.T @ x).double()  # float32 product (fast), float64 eigensolver (accurate)
    values, vectors = torch.linalg.eigh(cov)  # ascending
    order = torch.argsort(values, descending=True)[:k]
    return vectors[:, order].T.contiguous(), values[order].clamp_min(0.0)


def _randomized_components(x: torch.Tensor, k: int, gen: torch.Generator,
                           should_stop: Callable[[], bool] | None) -> tuple[torch.Tensor, torch.Tensor]:
    q = min(k + OVERSAMPLE, *x.shape)
    sketch = x @ torch.randn(x.shape[1], q, generator=gen)
    basis = torch.linalg.qr(sketch).Q
    for _ in range(POWER_ITERATIONS):  # power iterations sharpen the spectrum's tail
        if should_stop is not None and should_stop():
            raise Cancelled("The PCA fit was stopped.")
        basis = torch.linalg.qr(x @ torch.linalg.qr(x.T @ basis).Q).Q
    _, s, vh = torch.linalg.svd((basis.T @ x).double(), full_matrices=False)
    return vh[:k].contiguous(), (s[:k] ** 2)


# -- the cache ------------------------------------------------------------------------------
@dataclass(eq=False)  # entries are compared by identity: their tensors have no truth value
class _Entry:
    ref: weakref.ref
    version: int
    shape: tuple[int, ...]
    basis: PcaBasis


_cache: list[_Entry] = []
_lock = threading.Lock()


STANDARD_COMPONENTS = 256  # the PCA panel's curve length; every cached fit has at least this many


def pca_basis_for(train_images: torch.Tensor, k: int, *,
                  should_stop: Callable[[], bool] | None = None) -> PcaBasis:
    """:func:`fit_pca_basis`, cached: a basis already fitted on this very tensor (not
    changed in place since) with at least ``k`` components is truncated and reused."""
    shape = tuple(train_images.shape)
    limit = min(shape[0], int(np.prod(shape[1:])))
    k = max(1, min(int(k), limit))
    # Always fit the standard size and truncate: a randomized fit of 16 components is not
    # the first 16 of a fit of 256, and the probe and the PCA panel must agree whichever
    # runs first (and with the command line).
    k_fit = max(k, min(STANDARD_COMPONENTS, limit))
    with _lock:
        for entry in _cache:
            if (entry.ref() is train_images and entry.version == train_images._version
                    and entry.shape == shape and entry.basis.k >= k):
                _cache.remove(entry)
                _cache.append(entry)  # most recently used last
                return entry.basis if entry.basis.k == k else entry.basis.truncated(k)
    basis = fit_pca_basis(train_images, k_fit, should_stop=should_stop)
    with _lock:
        _cache[:] = [e for e in _cache if e.ref() is not None and e.ref() is not train_images]
        _cache.append(_Entry(weakref.ref(train_images), train_images._version, shape, basis))
        del _cache[:-CACHE_SIZE]
    return basis if basis.k == k else basis.truncated(k)


def clear_pca_cache() -> None:
    with _lock:
        _cache.clear()
