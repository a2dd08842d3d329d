"""Spotting an under-fitting model from its preview: when every reconstruction looks the
same (the mean image, a grey blur), the model has not learnt to tell images apart yet."""

from __future__ import annotations

import numpy as np

from aegui.ui.i18n import translate

# Reconstructions whose spread is under this share of the originals' count as all alike.
COLLAPSE_RATIO = 0.05


def spread(images: np.ndarray) -> float:
    """How much images differ from each other: each pixel's variance across the images
    (pixels scaled to 0–1), averaged over the pixels."""
    x = np.asarray(images, dtype=np.float64) / 255.0
    return float(x.var(axis=0).mean())


def reconstructions_alike(original: np.ndarray, reconstructed: np.ndarray,
                          ratio: float = COLLAPSE_RATIO) -> bool:
    """True when the reconstructions barely differ from each other, although the
    originals do. Fewer than two images say nothing about spread."""
    if len(original) < 2 or len(reconstructed) < 2:
        return False
    base = spread(original)
    return base > 0 and spread(reconstructed) < ratio * base


def under_fitting_text(variational: bool) -> str:
    if variational:
        return translate("FitHint", "The reconstructions barely differ from each other: the model is under-fitting. "
                         "Try more epochs, a larger latent size or a lower β.")
    return translate("FitHint", "The reconstructions barely differ from each other: the model is under-fitting. "
                     "Try more epochs or a larger latent size.")
