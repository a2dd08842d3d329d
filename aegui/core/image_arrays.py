"""Images as people hold them in Python, to and from the model's uint8 N×C×H×W.

NumPy arrays follow the imaging convention (channels last, as Pillow and Matplotlib use):
N×H×W for grey, N×H×W×C for colour, one image without the N; uint8 in 0…255 or floats in
[0, 1]. PyTorch tensors follow PyTorch's (channels first): N×C×H×W or C×H×W, floats in
[0, 1] or uint8. What comes back is NumPy, channels last, uint8: ready for ``plt.imshow``.
"""

from __future__ import annotations

import numpy as np
import torch

from aegui.core.errors import AeguiError
from aegui.core.words import say


class ImageShapeError(AeguiError, ValueError):
    """Images that are not of the model's shape or kind; the message says which is which."""


def _shape_text(shape: tuple[int, ...]) -> str:
    return "×".join(map(str, shape))


def _as_uint8(values: torch.Tensor) -> torch.Tensor:
    integer = values.dtype in (torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64)
    if not (integer or values.is_floating_point()):
        raise ImageShapeError(say("Images must be uint8 (0…255) or floats in [0, 1], not {dtype}.", dtype=values.dtype))
    if values.dtype == torch.uint8 or values.numel() == 0:
        return values.to(torch.uint8)
    if values.is_floating_point() and not torch.isfinite(values).all():
        raise ImageShapeError(say("The images hold NaN or infinite values."))
    low, high = float(values.min()), float(values.max())
    if integer:
        if low < 0 or high > 255:
            raise ImageShapeError(say("Integer images must lie in 0…255."))
        return values.to(torch.uint8)
    if low < -1e-3 or high > 1 + 1e-3:
        raise ImageShapeError(say("Float images must lie in [0, 1]; these run from {low:.3g} to {high:.3g} "
                                  "(divide 0…255 images by 255, or pass them as uint8).", low=low, high=high))
    return values.clamp(0, 1).mul(255).round().to(torch.uint8)


def to_model_images(images, image_shape: tuple[int, int, int]) -> torch.Tensor:
    """uint8 N×C×H×W (CPU) of ``images`` for a model reading ``image_shape`` (C, H, W)."""
    channels, height, width = image_shape
    if isinstance(images, torch.Tensor):
        values = images.detach().cpu()
        if values.dim() == 3 and values.shape[0] == channels:
            values = values[None]
        elif values.dim() == 3 and channels == 1:  # N×H×W grey
            values = values[:, None]
        channels_last = False
    else:
        values = torch.from_numpy(np.ascontiguousarray(np.asarray(images)))
        if values.dim() == 2 or (values.dim() == 3 and values.shape[-1] in (1, 3) and values.shape[:2] == (
                height, width)):
            values = values[None]  # one image
        if values.dim() == 3:
            values = values[..., None]  # N×H×W grey
        channels_last = True
    if values.dim() != 4:
        raise ImageShapeError(say("Expected a batch of images, got an array of shape {shape}.",
                                  shape=tuple(values.shape)))
    if channels_last:
        values = values.permute(0, 3, 1, 2)
    got = tuple(values.shape[1:])
    if got != (channels, height, width):
        layout = "N×H×W or N×H×W×C" if channels_last else "N×C×H×W"
        raise ImageShapeError(say("These images are {shape} (C×H×W, read as {layout}), but the model "
                                  "reads {expected}.", shape=_shape_text(got), layout=layout,
                                  expected=_shape_text(tuple(image_shape))))
    return _as_uint8(values).contiguous()


def from_model_images(images: torch.Tensor | np.ndarray) -> np.ndarray:
    """uint8 N×H×W (grey) or N×H×W×C (colour) NumPy of the model's uint8 N×C×H×W."""
    values = np.asarray(images)
    values = np.moveaxis(values, 1, -1)
    return np.ascontiguousarray(values[..., 0] if values.shape[-1] == 1 else values)
