"""An .npy or .npz image array larger than the memory limit, streamed into the data cache.

The array's rows are read from the file (or the archive member, compressed or not) a
chunk at a time, turned into uint8 N×C×H×W and appended to a cache file
(:mod:`aegui.core.data.mapped`); nothing holds more than a chunk. Values other than uint8
take two passes: the first finds the range (and refuses NaN), the second converts.
"""

from __future__ import annotations

import contextlib
import math
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import numpy as np
import torch

from aegui.core.data import mapped
from aegui.core.data.arrays import as_nchw, to_uint8, value_scale
from aegui.core.data.dataset import ImageDataset, mapped_dataset
from aegui.core.errors import DataError
from aegui.core.words import say

Progress = Callable[[int, int], None]


@contextlib.contextmanager
def _data_stream(path: Path, member: str | None) -> Iterator[tuple[tuple[int, ...], np.dtype, IO[bytes]]]:
    """The array's shape, dtype and a stream at its first value (a file, or an archive member)."""
    with contextlib.ExitStack() as stack:
        if member is None:
            handle: IO[bytes] = stack.enter_context(open(path, "rb"))
        else:
            archive = stack.enter_context(zipfile.ZipFile(path))
            names = archive.namelist()
            handle = stack.enter_context(archive.open(member if member in names else f"{member}.npy"))
        version = np.lib.format.read_magic(handle)
        read = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        shape, fortran, dtype = read(handle)
        if fortran and len(shape) > 1:
            raise DataError(say("{name}: the images are stored column-major (Fortran order), which aegui cannot "
                                "read in parts. Save them with numpy.ascontiguousarray first.", name=path.name))
        yield tuple(shape), dtype, handle


def declared_shape(path: Path, member: str | None) -> tuple[int, ...]:
    with _data_stream(path, member) as (shape, _dtype, _handle):
        return shape


def _chunks(path: Path, member: str | None, rows_per_chunk: int) -> Iterator[np.ndarray]:
    """The array's rows, ``rows_per_chunk`` at a time, as read (any dtype and layout)."""
    with _data_stream(path, member) as (shape, dtype, handle):
        row_bytes = dtype.itemsize * math.prod(shape[1:])
        for start in range(0, shape[0], rows_per_chunk):
            count = min(rows_per_chunk, shape[0] - start)
            data = handle.read(count * row_bytes)
            if len(data) != count * row_bytes:
                raise DataError(say("{name} is truncated: it ends inside the images. Save it again.", name=path.name))
            yield np.frombuffer(data, dtype=dtype).reshape(count, *shape[1:])


def _value_scale(path: Path, member: str | None, step: int, total: int, progress: Progress | None) -> float:
    """The scale for the whole array's values (the first pass), refusing NaN and infinities."""
    peak, done = 0.0, 0
    for chunk in _chunks(path, member, step):
        values = chunk.astype(np.float32)
        if not np.isfinite(values).all():
            raise DataError(say("{name}: the images contain NaN or infinite values.", name=path.name))
        peak = max(peak, float(values.max()) if values.size else 0.0)
        done += len(chunk)
        if progress is not None:
            progress(done, 2 * total)
    return value_scale(peak)


def load_array_mapped(path: Path, member: str | None, labels: torch.Tensor | None,
                      class_names: tuple[str, ...], progress: Progress | None = None) -> ImageDataset:
    """The images of ``path`` (``member`` of an .npz, None for an .npy) from the data cache,
    converting them into it the first time."""
    key = mapped.source_key(kind="array", member=member, **mapped.file_identity(path))
    reused = mapped.cached(key)
    if reused is not None:
        return mapped_dataset(reused)
    with _data_stream(path, member) as (shape, dtype, _handle):
        pass  # the header only
    if not shape or shape[0] == 0:
        raise DataError(say("{name}: the array holds no images.", name=path.name))
    one_image = np.broadcast_to(np.zeros((), dtype=dtype), (1, *shape[1:]))  # a view: allocates nothing
    image_shape = as_nchw(one_image, path.name).shape[1:]
    step = mapped.chunk_rows(dtype.itemsize * math.prod(shape[1:]))
    total = shape[0]
    two_passes = dtype != np.uint8
    scale = _value_scale(path, member, step, total, progress) if two_passes else None
    with mapped.CacheWriter(key, image_shape, total, path.name) as writer:
        for chunk in _chunks(path, member, step):
            writer.write(np.ascontiguousarray(to_uint8(as_nchw(chunk, path.name), path.name, scale)))
            if progress is not None:
                progress(writer.rows + (total if two_passes else 0), 2 * total if two_passes else total)
        folder = writer.finish(labels, {"name": path.name, "class_names": list(class_names)})
    reopened = mapped.open_cached(folder)
    if reopened is None:
        raise DataError(say("The data cache in {folder} could not be read back; check the disk.", folder=folder))
    return mapped_dataset(reopened)
