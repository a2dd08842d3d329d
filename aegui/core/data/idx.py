"""``idx:PATH``: MNIST-style IDX files, plain or gzipped."""

from __future__ import annotations

import gzip
import re
import struct
import zlib
from pathlib import Path
from typing import IO, cast

import numpy as np
import torch

from aegui.core.data.arrays import class_names_for, image_count, label_count, to_labels, to_uint8_nchw
from aegui.core.data.dataset import ImageDataset
from aegui.core.data.limits import MAX_DIMENSIONS, check_declared
from aegui.core.errors import DataError
from aegui.core.words import say

_IDX_DTYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}
_CHUNK = 1 << 24  # 16 MB read at a time


def read_idx(path: Path) -> np.ndarray:
    """Parse one IDX file (the format of the original MNIST distribution).

    The header is read first and checked against the memory limit; then exactly the bytes
    it declares are read, so a small gzip cannot inflate to gigabytes before the check."""
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as opened:
            handle = cast(IO[bytes], opened)  # a file or a gzip stream: both read bytes
            head = handle.read(4)
            if len(head) < 4 or head[0] != 0 or head[1] != 0 or head[2] not in _IDX_DTYPES:
                raise DataError(say("{name} is not an IDX file (bad magic number).", name=path.name))
            ndim = head[3]
            if not 1 <= ndim <= MAX_DIMENSIONS:
                raise DataError(say("{name} declares {ndim} dimensions; an IDX image or label file has 1 to "
                                    "{most}. The file is damaged.", name=path.name, ndim=ndim, most=MAX_DIMENSIONS))
            raw_dims = handle.read(4 * ndim)
            if len(raw_dims) < 4 * ndim:
                raise DataError(say("{name} is truncated (incomplete IDX header).", name=path.name))
            dims = struct.unpack(f">{ndim}I", raw_dims)
            dtype = np.dtype(_IDX_DTYPES[head[2]])
            expected = check_declared(path.name, dims, dtype.itemsize)
            if expected == 0:  # and numpy could not even shape (0, 2**32-1, 2**32-1)
                raise DataError(say("{name} declares an empty array of shape {shape}, so it holds no data; the "
                                    "file is empty or damaged.", name=path.name, shape=dims))
            body = _read_up_to(handle, expected)
            if len(body) < expected:
                raise DataError(say("{name} is truncated: the header promises {shape} but the file is short.",
                                    name=path.name, shape=dims))
            if handle.read(1):
                raise DataError(say("{name} holds more data than its header declares ({shape}); the file is "
                                    "damaged.", name=path.name, shape=dims))
    except DataError:
        raise
    except (OSError, EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
        raise DataError(say("Could not read {name}: it is damaged or not an IDX file ({reason}).", name=path.name,
                            reason=str(exc))) from exc
    return np.frombuffer(body, dtype=dtype).reshape(dims)


def _read_up_to(handle: IO[bytes], size: int) -> bytearray:
    """At most ``size`` bytes, read in chunks: memory grows with the data the file really
    holds, so a short file declaring gigabytes is found short before they are allocated."""
    body = bytearray()
    while len(body) < size:
        chunk = handle.read(min(_CHUNK, size - len(body)))
        if not chunk:
            break
        body += chunk
    return body


def _label_file_for(image_file: Path) -> Path | None:
    name = re.sub("images?-idx3", "labels-idx1", image_file.name)
    candidate = image_file.with_name(name)
    return candidate if candidate != image_file and candidate.exists() else None


def _find_pairs(path: Path) -> list[tuple[Path, Path | None]]:
    if "," in str(path):
        first, second = str(path).split(",", 1)
        return [(Path(first), Path(second))]
    if path.is_dir():
        images = sorted(p for p in path.iterdir() if "idx3" in p.name and "images" in p.name)
        # Prefer the train file first so rows come in the usual order.
        images.sort(key=lambda p: (not p.name.startswith("train"), p.name))
        seen: set[str] = set()
        pairs = []
        for image_file in images:
            stem = image_file.name.removesuffix(".gz")
            if stem in seen:  # both foo and foo.gz present
                continue
            seen.add(stem)
            pairs.append((image_file, _label_file_for(image_file)))
        if not pairs:
            raise DataError(say("No IDX image files (*images-idx3*) found in {folder}.", folder=path))
        return pairs
    if path.is_file():
        return [(path, _label_file_for(path))]
    raise DataError(say("No such file or folder: {path}", path=path))


def load_idx(path: Path) -> ImageDataset:
    pairs = _find_pairs(path)
    image_parts, label_parts = [], []
    for image_file, label_file in pairs:
        images = read_idx(image_file)
        if images.ndim != 3:
            raise DataError(say("{name}: expected an N×H×W image file, got {shape}.", name=image_file.name,
                                shape=images.shape))
        image_parts.append(images)
        if label_file is not None:
            raw = read_idx(label_file).reshape(-1)
            if len(raw) != len(images):
                raise DataError(say("{name} has {labels} for {images}.", name=label_file.name,
                                    labels=label_count(len(raw)), images=image_count(len(images))))
            part = to_labels(raw, len(raw), label_file.name)
            if part is not None:
                label_parts.append(part.numpy())  # NaN is no class
    if len({part.shape[1:] for part in image_parts}) > 1:
        raise DataError(say("The IDX files in {folder} hold images of different sizes.", folder=path))
    tensor = to_uint8_nchw(np.concatenate(image_parts), path.name)
    labels: torch.Tensor | None = None
    if len(label_parts) == len(image_parts):
        labels = torch.from_numpy(np.concatenate(label_parts))
    y, names = class_names_for(labels)
    return ImageDataset(images=tensor, labels=y, class_names=names, name=f"idx:{path.name}")
