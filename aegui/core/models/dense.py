"""Fully connected encoder and decoder bodies."""

from __future__ import annotations

from torch import nn

from aegui.core.models.base import ModelSpec


def hidden_sizes(spec: ModelSpec) -> list[int]:
    """Halving widths: hidden=32, depth=2 gives 512 then 256 units."""
    return [max(spec.latent_dim, spec.hidden * 16 // (2**i)) for i in range(spec.depth)]


def dense_bodies(spec: ModelSpec) -> tuple[nn.Module, nn.Module, int]:
    pixels = spec.channels * spec.height * spec.width
    sizes = hidden_sizes(spec)
    enc: list[nn.Module] = [nn.Flatten()]
    prev = pixels
    for size in sizes:
        enc += [nn.Linear(prev, size), nn.ReLU()]
        prev = size
    dec: list[nn.Module] = []
    widths = sizes[::-1]
    for a, b in zip(widths, widths[1:]):
        dec += [nn.Linear(a, b), nn.ReLU()]
    dec += [nn.Linear(widths[-1], pixels), nn.Unflatten(1, spec.image_shape)]
    # The Autoencoder's from_latent layer already maps z to the first decoder width.
    return nn.Sequential(*enc), nn.Sequential(*dec), sizes[-1]
