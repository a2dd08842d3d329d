"""Turning user arrays (any common layout and range) into uint8 N×C×H×W."""

from __future__ import annotations

import numpy as np
import torch

from aegui.core.errors import DataError
from aegui.core.words import Said, say


def to_uint8_nchw(array: np.ndarray, source: str) -> torch.Tensor:
    """Accept N×H×W, N×H×W×C or N×C×H×W, in uint8, [0, 1] floats or [0, 255] numbers."""
    a = as_nchw(np.asarray(array), source)
    if a.shape[0] == 0:
        raise DataError(say("{name}: the array holds no images.", name=source))
    return torch.from_numpy(np.ascontiguousarray(to_uint8(a, source)))


def as_nchw(a: np.ndarray, source: str) -> np.ndarray:
    """A view of ``a`` (or of a chunk of its rows: the layout is decided by the image's
    dimensions alone) as N×C×H×W with 1 or 3 channels; checks the dtype and the size."""
    if a.dtype == object or not (np.issubdtype(a.dtype, np.number) or a.dtype == bool):
        raise DataError(say("{name}: images must be numeric, not {dtype}.", name=source, dtype=a.dtype))
    if a.ndim == 3:
        a = a[:, None, :, :]
    elif a.ndim == 4:
        if a.shape[-1] in (1, 3, 4) and a.shape[1] not in (1, 3):
            a = np.moveaxis(a, -1, 1)  # NHWC -> NCHW
        elif a.shape[1] in (1, 3, 4):
            pass  # already NCHW
        elif a.shape[-1] in (1, 3, 4):
            a = np.moveaxis(a, -1, 1)
        else:
            raise DataError(say("{name}: cannot tell the channel axis of shape {shape}; use N×H×W, N×H×W×C or "
                                "N×C×H×W with 1 or 3 channels.", name=source, shape=a.shape))
        if a.shape[1] == 4:
            a = a[:, :3]  # drop alpha
    else:
        raise DataError(say("{name}: expected a stack of images (N×H×W or N×H×W×C), got shape {shape}.",
                            name=source, shape=a.shape))
    if a.shape[2] < 4 or a.shape[3] < 4:
        raise DataError(say("{name}: images of {height}×{width} pixels are too small.", name=source,
                            height=a.shape[2], width=a.shape[3]))
    return a


def value_scale(peak: float) -> float:
    """[0, 1] values become 0–255; anything larger is taken as 0–255 already."""
    return 255.0 if peak <= 1.0 + 1e-6 else 1.0


def to_uint8(a: np.ndarray, source: str, scale: float | None = None) -> np.ndarray:
    """uint8 values of ``a``; ``scale`` None decides it from ``a``'s own maximum (a chunk of
    a larger array is given the whole array's)."""
    if a.dtype == np.uint8:
        return a
    a = a.astype(np.float32)
    if not np.isfinite(a).all():
        raise DataError(say("{name}: the images contain NaN or infinite values.", name=source))
    if scale is None:
        scale = value_scale(float(a.max()) if a.size else 0.0)
    return np.clip(np.rint(a * scale), 0, 255).astype(np.uint8)


def to_labels(array: np.ndarray | None, count: int, source: str) -> torch.Tensor | None:
    """Integer labels 0..K-1 as int64, or None. Non-contiguous labels are re-indexed."""
    if array is None:
        return None
    y = np.asarray(array).reshape(-1)
    if len(y) != count:
        raise DataError(say("{name}: {images} but {labels}.", name=source, images=image_count(count),
                            labels=label_count(len(y))))
    if not np.issubdtype(y.dtype, np.integer):
        # Below 2**63 first: NaN, infinities and huge floats have no int64 value to become.
        if np.issubdtype(y.dtype, np.floating) and np.all(np.abs(y) < 2**63) and np.all(np.mod(y, 1) == 0):
            y = y.astype(np.int64)
        else:
            raise DataError(say("{name}: labels must be whole numbers, not {dtype}.", name=source, dtype=y.dtype))
    return torch.from_numpy(y.astype(np.int64))


def image_count(count: int) -> Said:
    """"1 image", "10,000 images", as a message says it."""
    return say("1 image") if count == 1 else say("{count:,} images", count=count)


def label_count(count: int) -> Said:
    """"1 label", "10,000 labels", as a message says it."""
    return say("1 label") if count == 1 else say("{count:,} labels", count=count)


def class_names_for(labels: torch.Tensor | None) -> tuple[torch.Tensor | None, tuple[str, ...]]:
    """Map labels onto 0..K-1 and name each class by its original value."""
    if labels is None:
        return None, ()
    values, remapped = torch.unique(labels, return_inverse=True)
    return remapped.long(), tuple(str(int(v)) for v in values)
