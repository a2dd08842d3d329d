"""PCA's validation MSE for many numbers of components, from one fit and one projection.

The reconstructions are clipped to [0, 1] as ``final_metrics``' ``pca_val_mse`` clips
them, so the curve passes through the PCA number of every run in the sweep. Clipping
rules out the closed form of :meth:`PcaBasis.mse_curve`; instead the rank-k
reconstruction is built up from the rank-(k−1) one, which costs one full-rank
reconstruction plus a pass over the images per k measured.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import torch

from aegui.core.analysis.pca_basis import BATCH, pca_basis_for
from aegui.core.errors import Cancelled

DENSE_UP_TO = 32  # every k up to here; above it, geometric steps
STEPS_PER_DECADE = 24


@dataclass(frozen=True)
class PcaCurve:
    ks: tuple[int, ...]  # increasing numbers of components
    val_mse: tuple[float, ...]  # mean per-pixel MSE on the validation images at each k

    def at(self, k: int) -> float | None:
        """The MSE at exactly ``k`` components, or None when the curve has no such point."""
        try:
            return self.val_mse[self.ks.index(k)]
        except ValueError:
            return None


def curve_ks(max_k: int, also: Iterable[int] = ()) -> list[int]:
    """Every k up to :data:`DENSE_UP_TO`, then log-spaced steps to ``max_k``, and ``also``."""
    ks = set(range(1, min(max_k, DENSE_UP_TO) + 1)) | {k for k in also if 1 <= k <= max_k}
    if max_k > DENSE_UP_TO:
        count = int(np.ceil(np.log10(max_k / DENSE_UP_TO) * STEPS_PER_DECADE)) + 1
        ks |= {int(round(k)) for k in np.geomspace(DENSE_UP_TO, max_k, count)}
    return sorted(ks)


def pca_curve(train_images: torch.Tensor, val_images: torch.Tensor, max_k: int, *,
              also: Iterable[int] = (), should_stop: Callable[[], bool] | None = None) -> PcaCurve:
    """PCA fitted on ``train_images`` (uint8 N×C×H×W), measured on ``val_images`` for the
    k of :func:`curve_ks` (capped at the images' rank). Raises Cancelled when stopped."""
    basis = pca_basis_for(train_images, max_k, should_stop=should_stop)
    ks = curve_ks(basis.k, also)
    squared = np.zeros(len(ks))
    for start in range(0, len(val_images), BATCH):
        if should_stop is not None and should_stop():
            raise Cancelled("The PCA curve was stopped.")
        x = val_images[start : start + BATCH].detach().cpu().flatten(1).double().div_(255.0)
        codes = (x - basis.mean) @ basis.components.T
        recon = basis.mean.expand_as(x).clone()
        done = 0
        for i, k in enumerate(ks):
            recon.addmm_(codes[:, done:k], basis.components[done:k])
            done = k
            squared[i] += float((recon.clamp(0.0, 1.0) - x).pow_(2).sum())
    pixels = max(1, len(val_images) * int(np.prod(val_images.shape[1:])))
    return PcaCurve(tuple(ks), tuple(float(v) / pixels for v in squared))
