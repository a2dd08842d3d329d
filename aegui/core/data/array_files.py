"""``npz:PATH`` and ``npy:PATH`` sources."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

import numpy as np

from aegui.core.data.arrays import class_names_for, to_labels, to_uint8_nchw
from aegui.core.data.dataset import ImageDataset
from aegui.core.data.limits import check_declared
from aegui.core.errors import DataError

IMAGE_KEYS = ("images", "x", "X", "x_train", "data")
LABEL_KEYS = ("labels", "y", "Y", "y_train", "targets")
# How the two formats begin: .npz is a zip archive, .npy has its own magic string.
NPZ_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
NPY_MAGIC = b"\x93NUMPY"
# What numpy raises for a damaged file (a truncated archive, a short array, bad compression).
# NotImplementedError is what zipfile raises for a compression method it does not know.
_READ_ERRORS = (ValueError, OSError, EOFError, zipfile.BadZipFile, zlib.error, NotImplementedError)
SAVE_ADVICE = "Save the images with numpy.savez(path, images=..., labels=...) or numpy.save."


def _first_key(keys: list[str], wanted: tuple[str, ...]) -> str | None:
    return next((k for k in wanted if k in keys), None)


def _check_format(path: Path) -> None:
    """Refuse anything that is neither .npz nor .npy before numpy tries to unpickle it."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(NPY_MAGIC))
    except OSError as exc:
        raise DataError(f"Could not read {path}: {exc.strerror or exc}.") from exc
    if not (head.startswith(NPZ_MAGIC) or head == NPY_MAGIC):
        raise DataError(f"{path.name} is not a valid .npz or .npy file. {SAVE_ADVICE}")


def _check_header(handle, name: str) -> None:
    """Read an .npy header (shape and dtype) and refuse a size past the memory limit,
    before numpy allocates the array the header claims."""
    version = np.lib.format.read_magic(handle)
    read = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
    shape, _fortran, dtype = read(handle)
    check_declared(name, tuple(shape), max(1, dtype.itemsize))


def _check_declared_sizes(path: Path, members: list[str] | None) -> None:
    """Every array about to be loaded fits the limit (``members``: npz keys; None: .npy)."""
    try:
        if members is None:
            with open(path, "rb") as handle:
                _check_header(handle, path.name)
            return
        with zipfile.ZipFile(path) as archive:
            for key in members:
                with archive.open(f"{key}.npy") as handle:
                    _check_header(handle, f"{path.name}, array {key!r},")
    except DataError:
        raise
    except (*_READ_ERRORS, KeyError) as exc:
        raise DataError(f"{path.name} is truncated or damaged: an array header cannot be read. "
                        f"{SAVE_ADVICE}") from exc


def _objects_error(path: Path, what: str) -> DataError:
    return DataError(
        f"{path.name}: {what} holds Python objects, which aegui does not load. "
        "Save plain numeric arrays with numpy.savez or numpy.save."
    )


def _is_object_refusal(exc: BaseException) -> bool:
    """numpy's refusal of an object array (it would need pickle, which aegui never allows)."""
    return isinstance(exc, ValueError) and "Object arrays" in str(exc)


def _read_member(archive: np.lib.npyio.NpzFile, key: str, path: Path) -> np.ndarray:
    try:
        return archive[key]
    except _READ_ERRORS as exc:
        if _is_object_refusal(exc):
            raise _objects_error(path, f"the array {key!r}") from exc
        raise DataError(f"{path.name} is damaged: its array {key!r} cannot be read. {SAVE_ADVICE}") from exc


def load_array_file(path: Path) -> ImageDataset:
    if not path.is_file():
        raise DataError(f"No such file: {path}")
    _check_format(path)
    if not zipfile.is_zipfile(path):
        _check_declared_sizes(path, None)
    try:
        loaded = np.load(path, allow_pickle=False)
    except _READ_ERRORS as exc:
        if _is_object_refusal(exc):
            raise _objects_error(path, "the array") from exc
        raise DataError(
            f"{path.name} is not a valid .npz or .npy file (it may be truncated or damaged). {SAVE_ADVICE}"
        ) from exc
    labels = None
    if isinstance(loaded, np.lib.npyio.NpzFile):
        with loaded:
            keys = list(loaded.keys())
            if not keys:
                raise DataError(f"{path.name} holds no arrays. {SAVE_ADVICE}")
            image_key = _first_key(keys, IMAGE_KEYS) or (keys[0] if len(keys) == 1 else None)
            if image_key is None:
                raise DataError(
                    f"{path.name} holds arrays {keys}; name the images 'images' or 'x' "
                    "and the labels 'labels' or 'y'."
                )
            label_key = _first_key(keys, LABEL_KEYS)
            _check_declared_sizes(path, [k for k in (image_key, label_key) if k])
            images = _read_member(loaded, image_key, path)
            labels = _read_member(loaded, label_key, path) if label_key else None
    else:
        images = loaded
    tensor = to_uint8_nchw(images, path.name)
    y, names = class_names_for(to_labels(labels, len(tensor), path.name))
    return ImageDataset(images=tensor, labels=y, class_names=names, name=path.name)
