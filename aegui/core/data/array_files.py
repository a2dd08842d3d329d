"""``npz:PATH`` and ``npy:PATH`` sources."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np

from aegui.core.data.arrays import class_names_for, to_labels, to_uint8_nchw
from aegui.core.data.dataset import ImageDataset
from aegui.core.errors import DataError

IMAGE_KEYS = ("images", "x", "X", "x_train", "data")
LABEL_KEYS = ("labels", "y", "Y", "y_train", "targets")


def _first_key(keys: list[str], wanted: tuple[str, ...]) -> str | None:
    return next((k for k in wanted if k in keys), None)


def load_array_file(path: Path) -> ImageDataset:
    if not path.is_file():
        raise DataError(f"No such file: {path}")
    try:
        loaded = np.load(path, allow_pickle=False)
    except (ValueError, OSError, zipfile.BadZipFile, EOFError) as exc:
        raise DataError(
            f"Could not read {path.name} as a NumPy array file ({exc}). "
            "Save images with numpy.save or numpy.savez (no pickled objects)."
        ) from exc
    labels = None
    if isinstance(loaded, np.lib.npyio.NpzFile):
        with loaded:
            keys = list(loaded.keys())
            image_key = _first_key(keys, IMAGE_KEYS) or (keys[0] if len(keys) == 1 else None)
            if image_key is None:
                raise DataError(
                    f"{path.name} holds arrays {keys}; name the images 'images' or 'x' "
                    "and the labels 'labels' or 'y'."
                )
            try:
                images = loaded[image_key]
                label_key = _first_key(keys, LABEL_KEYS)
                labels = loaded[label_key] if label_key else None
            except ValueError as exc:  # object arrays need pickle, which we refuse
                raise DataError(f"{path.name}: {exc}") from exc
    else:
        images = loaded
    tensor = to_uint8_nchw(images, path.name)
    y, names = class_names_for(to_labels(labels, len(tensor), path.name))
    return ImageDataset(images=tensor, labels=y, class_names=names, name=path.name)
