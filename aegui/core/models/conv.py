"""Convolutional encoder and decoder bodies for any image size.

Each stage halves the size with a stride-2 convolution. Sizes that do not divide
by 2**depth are padded on the way in and cropped on the way out, so 28×28 MNIST,
32×32 CIFAR and 64×64 folders all work with the same code.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from aegui.core.models.base import ModelSpec


def _padded(size: int, depth: int) -> int:
    step = 2**depth
    return -(-size // step) * step


class ConvEncoder(nn.Module):
    def __init__(self, spec: ModelSpec):
        super().__init__()
        self.pad_h = _padded(spec.height, spec.depth) - spec.height
        self.pad_w = _padded(spec.width, spec.depth) - spec.width
        layers: list[nn.Module] = []
        prev = spec.channels
        for i in range(spec.depth):
            ch = spec.hidden * 2**i
            layers += [
                nn.Conv2d(prev, ch, 3, stride=2, padding=1),
                nn.BatchNorm2d(ch),
                nn.LeakyReLU(0.2),
                nn.Conv2d(ch, ch, 3, padding=1),
                nn.BatchNorm2d(ch),
                nn.LeakyReLU(0.2),
            ]
            prev = ch
        self.body = nn.Sequential(*layers, nn.Flatten())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.pad_h or self.pad_w:
            x = F.pad(x, (0, self.pad_w, 0, self.pad_h))
        return self.body(x)


class ConvDecoder(nn.Module):
    def __init__(self, spec: ModelSpec):
        super().__init__()
        self.out_h, self.out_w = spec.height, spec.width
        top = spec.hidden * 2 ** (spec.depth - 1)
        self.grid = (top, _padded(spec.height, spec.depth) // 2**spec.depth,
                     _padded(spec.width, spec.depth) // 2**spec.depth)
        layers: list[nn.Module] = []
        prev = top
        for i in reversed(range(spec.depth)):
            ch = spec.hidden * 2 ** max(i - 1, 0)
            layers += [
                nn.ConvTranspose2d(prev, ch, 4, stride=2, padding=1),
                nn.BatchNorm2d(ch),
                nn.LeakyReLU(0.2),
                nn.Conv2d(ch, ch, 3, padding=1),
                nn.BatchNorm2d(ch),
                nn.LeakyReLU(0.2),
            ]
            prev = ch
        layers.append(nn.Conv2d(prev, spec.channels, 3, padding=1))
        self.body = nn.Sequential(*layers)

    def forward(self, h: torch.Tensor) -> torch.Tensor:
        out = self.body(h.view(-1, *self.grid))
        return out[:, :, : self.out_h, : self.out_w]


def conv_bodies(spec: ModelSpec) -> tuple[nn.Module, nn.Module, int]:
    encoder = ConvEncoder(spec)
    decoder = ConvDecoder(spec)
    c, h, w = decoder.grid
    return encoder, decoder, c * h * w
