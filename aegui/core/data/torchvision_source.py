"""``torchvision:NAME[@ROOT]``: the classic datasets, from disk or (opt-in) downloaded."""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import torch

from aegui.core.data.arrays import to_uint8_nchw
from aegui.core.data.dataset import ImageDataset
from aegui.core.errors import DataError
from aegui.core.words import say

# name -> (torchvision class name, keyword arguments per part, parts)
_DATASETS: dict[str, tuple[str, dict, tuple]] = {
    "MNIST": ("MNIST", {}, ("train", "test")),
    "FashionMNIST": ("FashionMNIST", {}, ("train", "test")),
    "KMNIST": ("KMNIST", {}, ("train", "test")),
    "EMNIST-letters": ("EMNIST", {"split": "letters"}, ("train", "test")),
    "CIFAR10": ("CIFAR10", {}, ("train", "test")),
    "CIFAR100": ("CIFAR100", {}, ("train", "test")),
    "SVHN": ("SVHN", {}, ("train", "test")),
}
TORCHVISION_NAMES = tuple(_DATASETS)


def default_root() -> Path:
    """Where torchvision datasets are downloaded unless the spec names a root: the platform's
    cache folder (``~/.cache/aegui/downloads`` on Linux, ``~/Library/Caches/aegui`` on macOS,
    ``%LOCALAPPDATA%\\aegui\\Cache`` on Windows), beside the data cache, not in it."""
    env = os.environ.get("AEGUI_DATA")
    if env:
        return Path(env).expanduser()
    from aegui.core.data.mapped import cache_root

    return cache_root() / "downloads"


def canonical_name(name: str) -> str:
    lookup = {n.lower().replace("-", "").replace("_", ""): n for n in _DATASETS}
    key = name.lower().replace("-", "").replace("_", "")
    if key not in lookup:
        raise DataError(say("Unknown torchvision dataset {name!r}. Choose one of: {choices}.", name=name,
                            choices=", ".join(_DATASETS)))
    return lookup[key]


def _part(cls, root: Path, part: str, kwargs: dict, download: bool):
    if cls.__name__ == "SVHN":
        return cls(str(root), split=part, download=download, **kwargs)
    return cls(str(root), train=(part == "train"), download=download, **kwargs)


def _short_reason(exc: BaseException) -> str:
    """torchvision stacks one message per mirror; keep the first network reason only."""
    text = " ".join(str(exc).split())
    found = re.search(r"<urlopen error ([^>]*)>", text)
    if found:
        return say("network error: {reason}", reason=found.group(1))
    return text[:160] or type(exc).__name__


def _arrays(ds) -> tuple[np.ndarray, np.ndarray]:
    data = ds.data.numpy() if isinstance(ds.data, torch.Tensor) else np.asarray(ds.data)
    targets = getattr(ds, "targets", None)
    if targets is None:
        targets = ds.labels  # SVHN
    targets = targets.numpy() if isinstance(targets, torch.Tensor) else np.asarray(targets)
    return data, targets.astype(np.int64)


def _class_names(ds, n_classes: int) -> tuple[str, ...]:
    names = getattr(ds, "classes", None)
    if names and len(names) == n_classes:
        return tuple(str(c).split(" - ")[-1] for c in names)
    return tuple(str(i) for i in range(n_classes))


def load_torchvision(name: str, root: Path | None = None, download: bool = False) -> ImageDataset:
    import torchvision.datasets as tvd

    name = canonical_name(name)
    root = Path(root).expanduser() if root else default_root()
    cls_name, kwargs, parts = _DATASETS[name]
    cls = getattr(tvd, cls_name)
    loaded = []
    for part in parts:
        try:
            loaded.append(_part(cls, root, part, kwargs, download))
        except Exception as exc:  # torchvision raises RuntimeError, URLError, OSError...
            folder = root / cls_name
            if download:
                raise DataError(say(
                    "Could not download {name} into {folder} ({reason}). Check the network connection, or copy the "
                    "dataset files into {folder} by hand.", name=name, folder=folder, reason=_short_reason(exc)
                )) from exc
            raise DataError(say(
                "{name} was not found in {folder}. Tick 'Download if missing' (or pass --download) to fetch it, or "
                "copy the dataset files there.", name=name, folder=folder)) from exc
    images, labels = zip(*(_arrays(ds) for ds in loaded))
    pixels = np.concatenate(images)
    if cls_name == "SVHN":
        pixels = np.moveaxis(pixels, 1, -1)  # stored N×C×H×W; make it N×H×W×C like CIFAR
    if cls_name == "EMNIST":
        pixels = pixels.transpose(0, 2, 1)  # EMNIST's files are stored transposed
    y = np.concatenate(labels)
    names = _class_names(loaded[0], int(y.max()) + 1)
    if cls_name == "EMNIST":  # letters are labelled 1..26 with an unused 'N/A' class 0
        y = y - 1
        names = tuple(chr(ord("a") + i) for i in range(26))
    return ImageDataset(
        images=to_uint8_nchw(pixels, name),
        labels=torch.from_numpy(y),
        class_names=names,
        name=f"torchvision:{name}",
    )
