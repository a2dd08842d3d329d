"""Datasets: one *spec string* names a source; every source gives uint8 N×C×H×W images.

=============================  ==================================================
spec                           source
=============================  ==================================================
``mnist-10k``                  the bundled digits (default, works offline)
``torchvision:NAME[@ROOT]``    MNIST, FashionMNIST, KMNIST, EMNIST-letters, CIFAR10,
                               CIFAR100, SVHN from ROOT (downloaded only on request)
``idx:PATH``                   MNIST-style IDX files: a folder, a file, or ``IMAGES,LABELS``
``folder:PATH``                image files; class sub-folders become labels
``npz:PATH`` / ``npy:PATH``    NumPy arrays (keys images/labels or x/y, or one array)
=============================  ==================================================
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from aegui.core.data.array_files import load_array_file
from aegui.core.data.bundled import BUNDLED_NAME, MNIST_CREDIT, load_bundled_mnist
from aegui.core.data.dataset import DataSplit, ImageDataset, split_dataset
from aegui.core.data.folder import load_folder
from aegui.core.data.idx import load_idx
from aegui.core.data.torchvision_source import TORCHVISION_NAMES, default_root, load_torchvision
from aegui.core.errors import DataError
from aegui.core.words import say

__all__ = [
    "BUNDLED_NAME",
    "MNIST_CREDIT",
    "TORCHVISION_NAMES",
    "DataSplit",
    "DatasetSpec",
    "ImageDataset",
    "default_root",
    "load_dataset",
    "parse_spec",
    "split_dataset",
]

SOURCES = ("mnist-10k", "torchvision", "idx", "folder", "npz", "npy")


@dataclass(frozen=True)
class DatasetSpec:
    kind: str
    path: str = ""  # file/folder path, or the torchvision dataset name
    root: str = ""  # torchvision root folder

    def __str__(self) -> str:
        if self.kind == BUNDLED_NAME:
            return BUNDLED_NAME
        if self.kind == "torchvision":
            return f"torchvision:{self.path}" + (f"@{self.root}" if self.root else "")
        return f"{self.kind}:{self.path}"


def parse_spec(spec: str) -> DatasetSpec:
    text = (spec or "").strip()
    if text in ("", BUNDLED_NAME, "mnist10k", "bundled"):
        return DatasetSpec(BUNDLED_NAME)
    kind, sep, rest = text.partition(":")
    kind = kind.lower()
    if not sep or kind not in SOURCES or not rest:
        # A bare path is a friendly shortcut: guess the source from what is there.
        guessed = _guess_from_path(Path(text).expanduser())
        if guessed is not None:
            return guessed
        raise DataError(say(
            "Unknown dataset {spec!r}. Use mnist-10k, torchvision:NAME[@ROOT], idx:PATH, folder:PATH, npz:PATH "
            "or npy:PATH.", spec=spec))
    if kind == "torchvision":
        name, _, root = rest.partition("@")
        return DatasetSpec("torchvision", name, root)
    return DatasetSpec(kind, rest)


def _guess_from_path(path: Path) -> DatasetSpec | None:
    if path.is_dir():
        if any("idx3" in p.name for p in path.iterdir()):
            return DatasetSpec("idx", str(path))
        return DatasetSpec("folder", str(path))
    if path.is_file():
        suffix = path.suffix.lower()
        if suffix in (".npz", ".npy"):
            return DatasetSpec(suffix[1:], str(path))
        if "idx" in path.name:
            return DatasetSpec("idx", str(path))
    return None


def load_dataset(
    spec: str,
    *,
    download: bool = False,
    image_size: int | None = None,
    color: str = "auto",
    progress: Callable[[int, int], None] | None = None,
) -> ImageDataset:
    """Load any source into memory. Raises :class:`DataError` with a plain message."""
    parsed = parse_spec(spec)
    if parsed.kind == BUNDLED_NAME:
        return load_bundled_mnist()
    if parsed.kind == "torchvision":
        return load_torchvision(parsed.path, Path(parsed.root) if parsed.root else None, download)
    path = Path(parsed.path).expanduser()
    if parsed.kind == "folder":
        return load_folder(path, image_size=image_size, color=color, progress=progress)
    if parsed.kind == "idx":
        return load_idx(path)
    return load_array_file(path, progress=progress)
