"""The copy of a trained model the tabs decode and encode with, built for inference.

Training keeps BatchNorm as its own layer; at inference it is a fixed per-channel scale
and shift, which folds into the convolution before it at no cost in accuracy (outputs
agree to float rounding) and saves a pass over every feature map. The conv models then
run in the channels_last memory format, which oneDNN and cuDNN convolve faster.
``bench/latent_explorer.py`` measures both against the model as trained.

The copy is for reading only: it has no BatchNorm weights, so it is never saved (the
experiment keeps its own model for that).
"""

from __future__ import annotations

import copy
from typing import cast

import torch
from torch import nn
from torch.nn.utils.fusion import fuse_conv_bn_eval

from aegui.core.fast_path import CONV_KINDS
from aegui.core.models import Autoencoder

_CONVS = (nn.Conv2d, nn.ConvTranspose2d)


def inference_model(model: Autoencoder, *, fold: bool = True, channels_last: bool = True) -> Autoencoder:
    """An eval-mode copy of ``model`` on its device, without gradients, BatchNorm folded
    into the convolutions and, for the conv models, in channels_last."""
    fast = copy.deepcopy(model).eval().requires_grad_(False)
    if fold:
        fold_batch_norms(fast)
    device = next(fast.parameters()).device
    if channels_last and model.spec.kind in CONV_KINDS and device.type in ("cpu", "cuda"):
        fast.to(memory_format=torch.channels_last)
    object.__setattr__(fast, "inference_copy", True)  # a marker: never save this copy
    return fast


def fold_batch_norms(model: nn.Module) -> int:
    """Fold each eval-mode BatchNorm2d that directly follows a convolution in an
    ``nn.Sequential`` into that convolution (the BatchNorm becomes an Identity).
    Returns how many were folded."""
    folded = 0
    for module in model.modules():
        if not isinstance(module, nn.Sequential):
            continue
        names = list(module._modules)
        for first, second in zip(names, names[1:]):
            conv, norm = module._modules[first], module._modules[second]
            if isinstance(conv, _CONVS) and _foldable(norm):
                module._modules[first] = fuse_conv_bn_eval(
                    conv, cast(nn.BatchNorm2d, norm), transpose=isinstance(conv, nn.ConvTranspose2d))
                module._modules[second] = nn.Identity()
                folded += 1
    return folded


def _foldable(norm: nn.Module | None) -> bool:
    return (isinstance(norm, nn.BatchNorm2d) and not norm.training and norm.track_running_stats
            and norm.running_mean is not None and norm.running_var is not None)
