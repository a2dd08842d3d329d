"""How much memory a dataset may take, checked against what a file *declares* before
anything is allocated: a small or hostile file cannot make aegui allocate gigabytes."""

from __future__ import annotations

import math
import os

from aegui.core.errors import DataError
from aegui.core.words import say

DEFAULT_MAX_MB = 4096  # 4 GiB of decoded array; AEGUI_MAX_DATASET_MB changes it
MAX_DIMENSIONS = 4  # N×H×W×C at most


def max_dataset_bytes() -> int:
    """The limit, from ``AEGUI_MAX_DATASET_MB`` (a number of megabytes) or the default."""
    text = os.environ.get("AEGUI_MAX_DATASET_MB", "")
    try:
        megabytes = float(text) if text.strip() else DEFAULT_MAX_MB
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    if not math.isfinite(megabytes) or megabytes <= 0:
        megabytes = DEFAULT_MAX_MB
    return int(megabytes * 1024 * 1024)


def fits_in_memory(shape: tuple[int, ...], itemsize: int) -> bool:
    """Whether an array of ``shape`` is within the memory limit (larger ones go to a cache
    file, see :mod:`aegui.core.data.mapped`)."""
    return math.prod(max(0, int(d)) for d in shape) * int(itemsize) <= max_dataset_bytes()


def check_declared(name: str, shape: tuple[int, ...], itemsize: int) -> int:
    """The bytes ``shape`` of ``itemsize`` takes; a DataError when that passes the limit.
    Python integers, so a product of huge dimensions cannot overflow past the check."""
    if any(int(d) < 0 for d in shape):
        raise DataError(say("{name} declares a negative array size {shape}; the file is damaged.", name=name,
                            shape=tuple(shape)))
    size = math.prod(int(d) for d in shape) * int(itemsize)
    limit = max_dataset_bytes()
    if size > limit:
        raise DataError(say(
            "{name} declares an array of {shape} ({size_mb:,.0f} MB), more than the {limit_mb:,.0f} MB aegui loads. "
            "Use a smaller file, or raise the limit with the AEGUI_MAX_DATASET_MB environment variable.",
            name=name, shape=tuple(int(d) for d in shape), size_mb=size / 2**20, limit_mb=limit / 2**20))
    return size
