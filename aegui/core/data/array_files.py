"""``npz:PATH`` and ``npy:PATH`` sources."""

from __future__ import annotations

import lzma
import math
import os
import tokenize
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO

import numpy as np

from aegui.core.data.array_cache import declared_shape, load_array_mapped
from aegui.core.data.arrays import class_names_for, to_labels, to_uint8_nchw
from aegui.core.data.dataset import ImageDataset
from aegui.core.data.limits import check_declared, max_dataset_bytes
from aegui.core.errors import DataError
from aegui.core.words import say

IMAGE_KEYS = ("images", "x", "X", "x_train", "data")
LABEL_KEYS = ("labels", "y", "Y", "y_train", "targets")
NAMES_KEY = "class_names"  # optional: a 1-D string array, label k named class_names[k]
MAX_CLASS_NAME = 200
# How the two formats begin: .npz is a zip archive, .npy has its own magic string.
NPZ_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
NPY_MAGIC = b"\x93NUMPY"
NPY_VERSIONS = ((1, 0), (2, 0), (3, 0))
MAX_HEADER_BYTES = 10_000  # numpy.load's own limit (its max_header_size)
# What numpy raises for a damaged file (a truncated archive, a short array, bad compression).
# NotImplementedError is what zipfile raises for a compression method it does not know,
# LZMAError (unlike zlib's and bz2's errors) for damaged LZMA data; TokenError is what
# numpy's header parser raises for a header that is not Python syntax.
_READ_ERRORS = (ValueError, OSError, EOFError, zipfile.BadZipFile, zlib.error, lzma.LZMAError,
                NotImplementedError, tokenize.TokenError)
Progress = Callable[[int, int], None]
SAVE_ADVICE = say("Save the images with numpy.savez(path, images=..., labels=...) or numpy.save.")


def _first_key(keys: list[str], wanted: tuple[str, ...]) -> str | None:
    return next((k for k in wanted if k in keys), None)


def _check_format(path: Path) -> bool:
    """Refuse anything that is neither .npz nor .npy before numpy tries to unpickle it.
    True for an .npy: numpy decides by these first bytes too, whatever else the file holds."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(NPY_MAGIC))
    except OSError as exc:
        raise DataError(say("Could not read {path}: {reason}.", path=path, reason=exc.strerror or str(exc))) from exc
    if not (head.startswith(NPZ_MAGIC) or head == NPY_MAGIC):
        raise DataError(say("{name} is not a valid .npz or .npy file. {advice}", name=path.name, advice=SAVE_ADVICE))
    return head == NPY_MAGIC


def _check_header(handle: IO[bytes], name: str, available: int, limit: bool = True) -> int:
    """Read an .npy header (shape and dtype) and refuse a size past the memory limit (where
    ``limit``), or past the ``available`` bytes, before numpy allocates the array the header
    claims. The array's bytes."""
    version = np.lib.format.read_magic(handle)
    if version not in NPY_VERSIONS:
        raise DataError(say("{name} is an .npy file of format version {version}, which numpy does not read; the "
                            "file is damaged. {advice}", name=name, version=version, advice=SAVE_ADVICE))
    _check_header_length(handle, name, version)
    read = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
    shape, _fortran, dtype = read(handle)
    if any(isinstance(d, bool) for d in shape):  # numpy takes True for a size, then cannot reshape
        raise DataError(say("{name} declares the shape {shape}, which is not whole numbers; the file is damaged. "
                            "{advice}", name=name, shape=tuple(shape), advice=SAVE_ADVICE))
    if any(int(d) < 0 for d in shape):
        raise DataError(say("{name} declares a negative array size {shape}; the file is damaged.", name=name,
                            shape=tuple(shape)))
    if limit:
        check_declared(name, tuple(shape), max(1, dtype.itemsize))
    # A short file declaring gigabytes (within the limit) would still have numpy allocate them.
    size = math.prod(shape) * dtype.itemsize
    if not dtype.hasobject and size > available - handle.tell():
        raise DataError(say("{name} is truncated or damaged: its header declares {shape} of {dtype}, more data "
                            "than the file holds. {advice}", name=name, shape=tuple(shape), dtype=dtype,
                            advice=SAVE_ADVICE))
    return size


def _check_header_length(handle: IO[bytes], name: str, version: tuple[int, int]) -> None:
    """numpy reads as many header bytes as the file says before it checks the count, so
    four damaged bytes could have it allocate 4 GB: check the count first."""
    start = handle.tell()
    length = int.from_bytes(handle.read(2 if version == (1, 0) else 4), "little")
    handle.seek(start)
    if length > MAX_HEADER_BYTES:
        raise DataError(say("{name} is damaged: its header claims {length:,} bytes, more than numpy reads "
                            "({limit:,}). {advice}", name=name, length=length, limit=MAX_HEADER_BYTES,
                            advice=SAVE_ADVICE))


def _member(archive: zipfile.ZipFile, key: str, name: str) -> zipfile.ZipInfo:
    """The archive member numpy reads for ``key`` (``key`` itself, else ``key.npy``)."""
    names = archive.namelist()
    info = archive.getinfo(key if key in names else f"{key}.npy")
    if info.flag_bits & 0x1:  # zipfile would raise RuntimeError asking for a password
        raise DataError(say("{name} is encrypted; aegui cannot read password-protected archives. Save the archive "
                            "again without a password.", name=name))
    return info


def _check_declared_sizes(path: Path, members: list[str] | None) -> int:
    """Every array about to be loaded is whole, and all but the images (``members[0]``, or
    the .npy's one array) fit the memory limit; the images' bytes, which the caller checks:
    images past the limit are read into the data cache instead (see array_cache)."""
    try:
        if members is None:
            with open(path, "rb") as handle:
                return _check_header(handle, path.name, os.fstat(handle.fileno()).st_size, limit=False)
        sizes = []
        with zipfile.ZipFile(path) as archive:
            for i, key in enumerate(members):
                name = say("{file}, array {key!r},", file=path.name, key=key)
                info = _member(archive, key, name)
                with archive.open(info) as handle:  # what it reads stops at the member's declared size
                    sizes.append(_check_header(handle, name, info.file_size, limit=i > 0))
        return sizes[0]
    except DataError:
        raise
    except (*_READ_ERRORS, KeyError) as exc:
        raise DataError(say("{name} is truncated or damaged: an array header cannot be read. {advice}",
                            name=path.name, advice=SAVE_ADVICE)) from exc


def _objects_error(path: Path, what: str) -> DataError:
    return DataError(say("{name}: {what} holds Python objects, which aegui does not load. Save plain numeric "
                         "arrays with numpy.savez or numpy.save.", name=path.name, what=what))


def _is_object_refusal(exc: BaseException) -> bool:
    """numpy's refusal of an object array (it would need pickle, which aegui never allows)."""
    return isinstance(exc, ValueError) and "Object arrays" in str(exc)


def _read_member(archive: np.lib.npyio.NpzFile, key: str, path: Path) -> np.ndarray:
    try:
        return archive[key]
    except _READ_ERRORS as exc:
        if _is_object_refusal(exc):
            raise _objects_error(path, say("the array {key!r}", key=key)) from exc
        raise DataError(say("{name} is damaged: its array {key!r} cannot be read. {advice}", name=path.name, key=key,
                            advice=SAVE_ADVICE)) from exc


def load_array_file(path: Path, progress: Progress | None = None) -> ImageDataset:
    if not path.is_file():
        raise DataError(say("No such file: {path}", path=path))
    if _check_format(path) and _check_declared_sizes(path, None) > max_dataset_bytes():
        return _mapped_or_refused(path, None, None, None, progress)
    try:
        loaded = np.load(path, allow_pickle=False)
    except _READ_ERRORS as exc:
        if _is_object_refusal(exc):
            raise _objects_error(path, say("the array")) from exc
        raise DataError(say("{name} is not a valid .npz or .npy file (it may be truncated or damaged). {advice}",
                            name=path.name, advice=SAVE_ADVICE)) from exc
    labels = given_names = None
    if isinstance(loaded, np.lib.npyio.NpzFile):
        with loaded:
            keys = list(loaded.keys())
            if not keys:
                raise DataError(say("{name} holds no arrays. {advice}", name=path.name, advice=SAVE_ADVICE))
            image_key = _first_key(keys, IMAGE_KEYS) or (keys[0] if len(keys) == 1 else None)
            if image_key is None:
                raise DataError(say("{name} holds arrays {keys}; name the images 'images' or 'x' and the labels "
                                    "'labels' or 'y'.", name=path.name, keys=keys))
            label_key = _first_key(keys, LABEL_KEYS)
            names_key = NAMES_KEY if NAMES_KEY in keys and label_key else None
            image_bytes = _check_declared_sizes(path, [k for k in (image_key, label_key, names_key) if k])
            labels = _read_member(loaded, label_key, path) if label_key else None
            given_names = _read_member(loaded, names_key, path) if names_key else None
            if image_bytes > max_dataset_bytes():
                return _mapped_or_refused(path, image_key, labels, given_names, progress)
            images = _read_member(loaded, image_key, path)
    else:
        images = loaded
    tensor = to_uint8_nchw(images, path.name)
    y, names = class_names_for(to_labels(labels, len(tensor), path.name))
    if labels is not None and given_names is not None:
        names = _named_classes(labels, given_names, names)
    return ImageDataset(images=tensor, labels=y, class_names=names, name=path.name)


def _mapped_or_refused(path: Path, member: str | None, labels: np.ndarray | None,
                       given_names: np.ndarray | None, progress: Progress | None) -> ImageDataset:
    """Images past the memory limit, from the data cache; their labels, as a loaded file's."""
    try:
        shape = declared_shape(path, member)
        if not shape:
            raise DataError(say("{name}: expected a stack of images (N×H×W or N×H×W×C), got a single number.",
                                name=path.name))
        y, names = class_names_for(to_labels(labels, shape[0], path.name))
        if labels is not None and given_names is not None:
            names = _named_classes(labels, given_names, names)
        return load_array_mapped(path, member, y, names, progress)
    except DataError:
        raise
    except _READ_ERRORS as exc:
        raise DataError(say("{name} is damaged: its images cannot be read. {advice}", name=path.name,
                            advice=SAVE_ADVICE)) from exc


def _named_classes(labels: np.ndarray, given: np.ndarray, numbered: tuple[str, ...]) -> tuple[str, ...]:
    """The classes' names from the file's ``class_names`` (label k is ``class_names[k]``),
    where they fit the labels; else the labels' numbers."""
    if given.ndim != 1 or given.dtype.kind != "U":
        return numbered
    values = np.unique(labels)
    if values.dtype.kind not in "iu" or len(values) != len(numbered) or values.min() < 0 \
            or values.max() >= len(given):
        return numbered
    return tuple(str(given[int(v)])[:MAX_CLASS_NAME] for v in values)
