"""Convolutional encoder and decoder bodies for any image size.

Each stage halves the size. Sizes that do not divide by 2**depth are padded on the way in
and cropped on the way out, so 28×28 MNIST, 32×32 CIFAR and 128×128 photos all work with
the same code. Two layouts (``ModelSpec.block``):

- ``residual``: per stage a strided convolution and a residual block (norm, activation,
  convolution, twice, plus the identity). The decoder mirrors it with nearest-neighbour
  upsampling and a convolution, which leaves no checkerboard pattern on photos. GroupNorm
  by default: it does not depend on the batch, so a model behaves the same in training
  and evaluation and at batch size 1.
- ``plain``: the first layout (two conv-norm-activation layers per stage, transposed
  convolutions up). Checkpoints saved without a layout use it.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from aegui.core.models.base import ModelSpec

MAX_GROUPS = 32
# Channels per GroupNorm group. With one channel a group (instance norm) each image's
# brightness and contrast would be normalised away before the code could keep them.
GROUP_CHANNELS = 4


def _padded(size: int, depth: int) -> int:
    step = 2**depth
    return -(-size // step) * step


def _norm(kind: str, channels: int) -> nn.Module:
    if kind == "group":
        target = max(1, min(MAX_GROUPS, channels // GROUP_CHANNELS))
        groups = max(g for g in range(1, target + 1) if channels % g == 0)  # the most that divide evenly
        return nn.GroupNorm(groups, channels)
    return nn.BatchNorm2d(channels)


def _activation(inplace: bool = False) -> nn.Module:
    return nn.LeakyReLU(0.2, inplace=inplace)


class ResidualBlock(nn.Module):
    """``x + f(x)`` with ``f`` = (norm, activation, 3×3 convolution) twice (pre-activation)."""

    def __init__(self, channels: int, norm: str):
        super().__init__()
        # In place after each norm: the norm's backward needs its input, not its output, so
        # one tensor per pair is kept instead of two.
        self.body = nn.Sequential(
            _norm(norm, channels), _activation(True), nn.Conv2d(channels, channels, 3, padding=1),
            _norm(norm, channels), _activation(True), nn.Conv2d(channels, channels, 3, padding=1),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.body(x)


def _plain_encoder(spec: ModelSpec) -> list[nn.Module]:
    layers: list[nn.Module] = []
    prev = spec.channels
    for ch in spec.stage_widths():
        layers += [
            nn.Conv2d(prev, ch, 3, stride=2, padding=1), _norm(spec.norm, ch), _activation(),
            nn.Conv2d(ch, ch, 3, padding=1), _norm(spec.norm, ch), _activation(),
        ]
        prev = ch
    return layers


def _residual_encoder(spec: ModelSpec) -> list[nn.Module]:
    # No full-size stem: the first strided convolution reads the image itself, so the
    # costliest resolution sees one light layer (28×28 digits train as fast as before).
    layers: list[nn.Module] = []
    prev = spec.channels
    for ch in spec.stage_widths():
        layers += [nn.Conv2d(prev, ch, 3, stride=2, padding=1), ResidualBlock(ch, spec.norm)]
        prev = ch
    # The features feed a linear layer: normalise them once, as each block's input is.
    return layers + [_norm(spec.norm, prev), _activation(True)]


def _plain_decoder(spec: ModelSpec) -> list[nn.Module]:
    widths = spec.stage_widths()
    layers: list[nn.Module] = []
    prev = widths[-1]
    for i in reversed(range(spec.depth)):
        ch = widths[i - 1] if i > 0 else widths[0]
        layers += [
            nn.ConvTranspose2d(prev, ch, 4, stride=2, padding=1), _norm(spec.norm, ch), _activation(),
            nn.Conv2d(ch, ch, 3, padding=1), _norm(spec.norm, ch), _activation(),
        ]
        prev = ch
    return layers + [nn.Conv2d(prev, spec.channels, 3, padding=1)]


def _residual_decoder(spec: ModelSpec) -> list[nn.Module]:
    widths = spec.stage_widths()
    layers: list[nn.Module] = []
    prev = widths[-1]
    for i in reversed(range(spec.depth)):
        layers.append(ResidualBlock(prev, spec.norm))
        if i == 0:
            # The last stage gives the image's logits by a sub-pixel convolution: 4 values
            # per pixel at half size, rearranged into 2×2 blocks (PixelShuffle). No tensor
            # of the network's width is ever made at full size.
            layers += [_norm(spec.norm, prev), _activation(True), nn.Conv2d(prev, 4 * spec.channels, 3, padding=1),
                       nn.PixelShuffle(2)]
        else:
            layers += [nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(prev, widths[i - 1], 3, padding=1)]
            prev = widths[i - 1]
    return layers


class ConvEncoder(nn.Module):
    def __init__(self, spec: ModelSpec):
        super().__init__()
        self.pad_h = _padded(spec.height, spec.depth) - spec.height
        self.pad_w = _padded(spec.width, spec.depth) - spec.width
        layers = _residual_encoder(spec) if spec.block == "residual" else _plain_encoder(spec)
        self.body = nn.Sequential(*layers, nn.Flatten())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.pad_h or self.pad_w:
            x = F.pad(x, (0, self.pad_w, 0, self.pad_h))
        return self.body(x)


class ConvDecoder(nn.Module):
    def __init__(self, spec: ModelSpec):
        super().__init__()
        self.out_h, self.out_w = spec.height, spec.width
        self.grid = (spec.stage_widths()[-1], _padded(spec.height, spec.depth) // 2**spec.depth,
                     _padded(spec.width, spec.depth) // 2**spec.depth)
        layers = _residual_decoder(spec) if spec.block == "residual" else _plain_decoder(spec)
        self.body = nn.Sequential(*layers)

    def forward(self, h: torch.Tensor) -> torch.Tensor:
        out = self.body(h.view(-1, *self.grid))
        return out[:, :, : self.out_h, : self.out_w]


def conv_bodies(spec: ModelSpec) -> tuple[nn.Module, nn.Module, int]:
    encoder = ConvEncoder(spec)
    decoder = ConvDecoder(spec)
    c, h, w = decoder.grid
    return encoder, decoder, c * h * w
