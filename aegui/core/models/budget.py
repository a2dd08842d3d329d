"""Whether a model can train at all, decided before any weight is allocated.

The model is built on PyTorch's ``meta`` device, which records shapes and allocates
nothing, so a dense autoencoder of billions of weights is measured in milliseconds and
refused with a sentence instead of a MemoryError (or the operating system's OOM killer).
"""

from __future__ import annotations

import os

import torch
from torch import nn

from aegui.core.errors import ConfigError
from aegui.core.models.base import DENSE_KINDS, ModelSpec
from aegui.core.words import say

# Weights, gradients and the optimizer's slots per parameter (Adam keeps two moments,
# SGD with momentum one), each a float32.
OPTIMIZER_SLOTS = {"adam": 2, "sgd": 1}
BYTES_PER_VALUE = 4
# Every layer output is kept for the backward pass and gets a gradient of its size.
ACTIVATION_COPIES = 2
# A run may plan to use this share of the device's memory; the rest is the program,
# the data and the allocator's slack.
MEMORY_SHARE = 0.8


def meta_model(spec: ModelSpec) -> nn.Module:
    """The model with shapes but no storage (building it costs no memory)."""
    from aegui.core.models import build_model  # the package imports this module

    with torch.device("meta"):
        return build_model(spec)


def parameter_count(spec: ModelSpec) -> int:
    return sum(p.numel() for p in meta_model(spec).parameters())


def state_shapes(spec: ModelSpec) -> dict[str, tuple[int, ...]]:
    """The name and shape of every tensor a checkpoint of ``spec`` holds."""
    return {name: tuple(t.shape) for name, t in meta_model(spec).state_dict().items()}


def deepest_grid(spec: ModelSpec) -> tuple[int, int] | None:
    """The smallest feature map a convolutional model normalises; None for dense models."""
    if spec.kind in DENSE_KINDS:
        return None
    step = 2**spec.depth
    return -(-spec.height // step), -(-spec.width // step)


def needs_pairs(spec: ModelSpec) -> bool:
    """Whether batch normalisation sees one value per channel from each image, and so
    needs at least two images in every training batch."""
    grid = deepest_grid(spec)
    return spec.norm == "batch" and grid is not None and grid[0] * grid[1] == 1


def activation_values(spec: ModelSpec, batch_size: int, model: nn.Module | None = None) -> int:
    """How many values one training step's layer outputs hold, from a meta forward pass."""
    model = meta_model(spec) if model is None else model
    total = 0

    def count(_module: nn.Module, _inputs: object, output: object) -> None:
        nonlocal total
        if isinstance(output, torch.Tensor):
            total += output.numel()

    hooks = [m.register_forward_hook(count) for m in model.modules() if not list(m.children())]
    x = torch.empty(batch_size, *spec.image_shape, device="meta")
    labels = torch.zeros(batch_size, dtype=torch.long, device="meta") if spec.conditional else None
    try:
        model.train()
        model(x, labels)
    finally:
        for hook in hooks:
            hook.remove()
    return total


def training_estimate(spec: ModelSpec, batch_size: int, optimizer: str = "adam") -> tuple[int, int]:
    """``(bytes, parameters)``: about how much memory training ``spec`` at ``batch_size``
    takes, and its weight count, from one meta model."""
    model = meta_model(spec)
    params = sum(p.numel() for p in model.parameters())
    slots = 2 + OPTIMIZER_SLOTS.get(optimizer, 2)
    activations = ACTIVATION_COPIES * activation_values(spec, batch_size, model)
    return BYTES_PER_VALUE * (slots * params + activations), params


def training_bytes(spec: ModelSpec, batch_size: int, optimizer: str = "adam") -> int:
    """About how much memory training ``spec`` at ``batch_size`` takes."""
    return training_estimate(spec, batch_size, optimizer)[0]


def device_memory(device: torch.device) -> int | None:
    """The memory of ``device`` in bytes, or None where it cannot be read."""
    if device.type == "cuda":
        return int(torch.cuda.get_device_properties(device).total_memory)
    if device.type == "cpu":
        try:
            return int(os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE"))
        except (AttributeError, ValueError, OSError):
            return None  # Windows has no sysconf; the run then finds out for itself
    return None


def _size(count: float) -> str:
    return f"{count / 1e9:,.1f} GB" if count >= 1e9 else f"{count / 1e6:,.0f} MB"


def _count(count: int) -> str:
    if count >= 1e9:
        return say("{count:,.1f} billion", count=count / 1e9)
    return say("{count:,.1f} million", count=count / 1e6) if count >= 1e6 else f"{count:,}"


def check_trainable(spec: ModelSpec, batch_size: int, train_size: int, optimizer: str,
                    device: torch.device, data_bytes: int = 0) -> None:
    """A ConfigError, saying what to change, for a model that cannot train on ``device``."""
    if needs_pairs(spec) and (batch_size < 2 or train_size < 2):
        raise ConfigError(say(
            "With depth {depth}, {height}×{width} images shrink to 1×1, where "
            "batch normalisation needs at least two images in every batch. Use a batch size of "
            "2 or more (and at least two training images), or a smaller depth.",
            depth=spec.depth, height=spec.height, width=spec.width
        ))
    available = device_memory(device)
    if available is None:
        return
    batch = max(1, min(batch_size, train_size))
    needed, params = training_estimate(spec, batch, optimizer)
    needed += data_bytes if device.type != "cpu" else 0
    if needed > MEMORY_SHARE * available:
        raise ConfigError(say(
            "This model needs about {size} to train ({weights} weights, batch "
            "size {batch}), more than the {memory} of memory on {device}. "
            "Use a smaller width or depth, smaller images, a convolutional model or a smaller "
            "batch size.",
            size=_size(needed), weights=_count(params), batch=batch, memory=_size(available),
            device=device.type.upper()
        ))


def steps_per_epoch(count: int, batch_size: int, min_batch: int = 1) -> int:
    """Batches in an epoch of ``count`` images. A last batch smaller than ``min_batch`` joins
    the one before it (batch normalisation cannot train on one image at 1×1)."""
    if count <= 0:
        return 0
    size = max(1, min(batch_size, count))
    steps = -(-count // size)
    if steps > 1 and count - (steps - 1) * size < min_batch:
        steps -= 1
    return steps


def batch_slice(step: int, steps: int, batch_size: int, count: int) -> slice:
    """The rows of batch ``step``; the last batch runs to the end."""
    size = max(1, min(batch_size, count))
    return slice(step * size, count if step == steps - 1 else (step + 1) * size)
