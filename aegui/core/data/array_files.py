"""``npz:PATH`` and ``npy:PATH`` sources."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

import numpy as np

from aegui.core.data.arrays import class_names_for, to_labels, to_uint8_nchw
from aegui.core.data.dataset import ImageDataset
from aegui.core.errors import DataError

IMAGE_KEYS = ("images", "x", "X", "x_train", "data")
LABEL_KEYS = ("labels", "y", "Y", "y_train", "targets")
# How the two formats begin: .npz is a zip archive, .npy has its own magic string.
NPZ_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
NPY_MAGIC = b"\x93NUMPY"
# What numpy raises for a damaged file (a truncated archive, a short array, bad compression).
_READ_ERRORS = (ValueError, OSError, EOFError, zipfile.BadZipFile, zlib.error)
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
            images = _read_member(loaded, image_key, path)
            label_key = _first_key(keys, LABEL_KEYS)
            labels = _read_member(loaded, label_key, path) if label_key else None
    else:
        images = loaded
    tensor = to_uint8_nchw(images, path.name)
    y, names = class_names_for(to_labels(labels, len(tensor), path.name))
    return ImageDataset(images=tensor, labels=y, class_names=names, name=path.name)
