"""Corruptions: seeded, batched transforms the model learns to undo.

Each works on float images in [0, 1], N×C×H×W, on whatever device they live on,
so the training loop corrupts whole batches on the GPU with no per-sample Python.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from aegui.core.choices import CORRUPTIONS, TASKS
from aegui.core.errors import ConfigError
from aegui.core.words import say

LEVEL_LABELS = {
    "none": "",
    "gaussian": "noise σ",
    "salt-pepper": "flipped fraction p",
    "mask": "masked area fraction",
    "blur": "blur σ (pixels)",
    "downscale": "downscale factor",
    "grayscale": "",
}

# Sensible (minimum, maximum) levels, for sliders and validation.
LEVEL_RANGES = {
    "none": (0.0, 0.0),
    "gaussian": (0.0, 1.0),
    "salt-pepper": (0.0, 0.9),
    "mask": (0.0, 0.9),
    "blur": (0.0, 5.0),
    "downscale": (1.0, 8.0),
    "grayscale": (0.0, 0.0),
}

_LUMA = (0.299, 0.587, 0.114)


@dataclass(frozen=True)
class Corruption:
    kind: str = "none"
    level: float = 0.0

    def __post_init__(self) -> None:
        if self.kind not in CORRUPTIONS:
            raise ConfigError(say(
                "Unknown corruption {corruption!r}. Choose one of: {choices}.",
                corruption=self.kind, choices=", ".join(CORRUPTIONS)
            ))
        low, high = LEVEL_RANGES[self.kind]
        if self.kind not in ("none", "grayscale") and not (low <= self.level <= high):
            raise ConfigError(say(
                "{corruption} level {level} is out of range; use {low} to {high}.",
                corruption=self.kind, level=self.level, low=low, high=high
            ))

    @property
    def is_identity(self) -> bool:
        return (
            self.kind == "none"
            or (self.kind in ("gaussian", "salt-pepper", "mask", "blur") and self.level == 0)
            or (self.kind == "downscale" and self.level <= 1)
        )

    def describe(self) -> str:
        if self.kind in ("none", "grayscale"):
            return self.kind
        return f"{self.kind} {LEVEL_LABELS[self.kind]} = {self.level:g}"

    def check_channels(self, channels: int) -> None:
        if self.kind == "grayscale" and channels != 3:
            raise ConfigError(say(
                "Colorize needs an RGB dataset, but these images are grayscale. "
                "Pick an RGB dataset such as torchvision:CIFAR10, or another task."
            ))

    def __call__(self, x: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
        """Corrupt a batch. The result is a new tensor, clamped to [0, 1]."""
        if self.is_identity:
            return x
        apply = _APPLY[self.kind]
        return apply(x, self.level, generator).clamp_(0.0, 1.0)


def corruption_for_task(task: str, level: float | None = None, kind: str | None = None) -> Corruption:
    if task not in TASKS:
        raise ConfigError(say("Unknown task {task!r}. Choose one of: {choices}.", task=task, choices=", ".join(TASKS)))
    default_kind, default_level = TASKS[task]
    return Corruption(kind or default_kind, default_level if level is None else float(level))


def _gaussian(x: torch.Tensor, sigma: float, gen: torch.Generator | None) -> torch.Tensor:
    noise = torch.randn(x.shape, generator=gen, device=x.device, dtype=x.dtype)
    return x + sigma * noise


def _salt_pepper(x: torch.Tensor, p: float, gen: torch.Generator | None) -> torch.Tensor:
    # One draw per pixel (shared across channels) decides: keep, salt or pepper.
    u = torch.rand((x.shape[0], 1, *x.shape[2:]), generator=gen, device=x.device, dtype=x.dtype)
    out = x.clone()
    out = torch.where(u < p / 2, torch.zeros_like(x), out)
    return torch.where((u >= p / 2) & (u < p), torch.ones_like(x), out)


def _mask(x: torch.Tensor, fraction: float, gen: torch.Generator | None) -> torch.Tensor:
    """Black out one random rectangle per image covering about ``fraction`` of it."""
    n, _, h, w = x.shape
    side = math.sqrt(fraction)
    mh, mw = max(1, round(h * side)), max(1, round(w * side))
    top = torch.randint(0, h - mh + 1, (n, 1, 1, 1), generator=gen, device=x.device)
    left = torch.randint(0, w - mw + 1, (n, 1, 1, 1), generator=gen, device=x.device)
    rows = torch.arange(h, device=x.device).view(1, 1, h, 1)
    cols = torch.arange(w, device=x.device).view(1, 1, 1, w)
    hole = (rows >= top) & (rows < top + mh) & (cols >= left) & (cols < left + mw)
    return x.masked_fill(hole, 0.0)


def gaussian_kernel(sigma: float, device: torch.device, dtype: torch.dtype) -> torch.Tensor:
    radius = max(1, math.ceil(3 * sigma))
    t = torch.arange(-radius, radius + 1, device=device, dtype=dtype)
    k = torch.exp(-(t**2) / (2 * sigma**2))
    return k / k.sum()


def _blur(x: torch.Tensor, sigma: float, gen: torch.Generator | None) -> torch.Tensor:
    c = x.shape[1]
    k = gaussian_kernel(sigma, x.device, x.dtype)
    r = len(k) // 2
    mode = "reflect" if r < min(x.shape[2:]) else "replicate"
    y = F.pad(x, (r, r, 0, 0), mode=mode)
    y = F.conv2d(y, k.view(1, 1, 1, -1).expand(c, 1, 1, -1), groups=c)
    y = F.pad(y, (0, 0, r, r), mode=mode)
    return F.conv2d(y, k.view(1, 1, -1, 1).expand(c, 1, -1, 1), groups=c)


def _downscale(x: torch.Tensor, factor: float, gen: torch.Generator | None) -> torch.Tensor:
    h, w = x.shape[2:]
    small = F.interpolate(x, size=(max(1, round(h / factor)), max(1, round(w / factor))), mode="area")
    return F.interpolate(small, size=(h, w), mode="bilinear", align_corners=False)


def _grayscale(x: torch.Tensor, level: float, gen: torch.Generator | None) -> torch.Tensor:
    if x.shape[1] != 3:
        return x.clone()
    weights = torch.tensor(_LUMA, device=x.device, dtype=x.dtype).view(1, 3, 1, 1)
    return (x * weights).sum(1, keepdim=True).expand_as(x).contiguous()


_APPLY = {
    "gaussian": _gaussian,
    "salt-pepper": _salt_pepper,
    "mask": _mask,
    "blur": _blur,
    "downscale": _downscale,
    "grayscale": _grayscale,
}
