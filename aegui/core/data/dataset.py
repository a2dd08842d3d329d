"""The in-memory image dataset every source produces, and its train/validation split."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from aegui.core.data.mapped import CachedDataset, MappedImages, subset_file
from aegui.core.errors import DataError
from aegui.core.text import file_size, plural
from aegui.core.words import say


@dataclass(frozen=True, repr=False)
class ImageDataset:
    """Images as uint8 N×C×H×W, with optional integer labels and their class names."""

    images: torch.Tensor
    labels: torch.Tensor | None
    class_names: tuple[str, ...]
    name: str
    skipped: int = 0  # unreadable files left out while loading
    notes: tuple[str, ...] = field(default_factory=tuple)
    skipped_files: tuple[str, ...] = ()  # their paths, relative to the folder that was read
    # Where each image sits in the dataset it was taken from (a split, a class filter):
    # what a scores file calls the "row". None: this dataset is the source, rows 0..N-1.
    rows: torch.Tensor | None = None
    # Set when ``images`` map a file of the data cache (a dataset larger than the memory
    # limit): subsets are then files too, and readers may release the pages they touched.
    mapped: MappedImages | None = None

    def __post_init__(self) -> None:
        if self.images.dtype != torch.uint8 or self.images.ndim != 4:
            raise DataError(say("{name}: expected uint8 images shaped N×C×H×W, got {dtype} {shape}.",
                                name=self.name, dtype=self.images.dtype, shape=tuple(self.images.shape)))
        if len(self.images) == 0:
            raise DataError(say("{name}: the dataset holds no images.", name=self.name))
        if self.images.shape[1] not in (1, 3):
            raise DataError(say("{name}: images must have 1 (grayscale) or 3 (RGB) channels, not {channels}.",
                                name=self.name, channels=self.images.shape[1]))
        if self.labels is not None:
            if self.labels.shape != (len(self.images),):
                raise DataError(say("{name}: {images:,} images but {labels:,} labels.", name=self.name,
                                    images=len(self.images), labels=self.labels.numel()))
            if self.labels.dtype != torch.int64:
                object.__setattr__(self, "labels", self.labels.long())
        if self.rows is not None and self.rows.shape != (len(self.images),):
            raise DataError(say("{name}: {images} images but {rows} row numbers.", name=self.name,
                                images=len(self.images), rows=self.rows.numel()))

    def __len__(self) -> int:
        return len(self.images)

    @property
    def channels(self) -> int:
        return int(self.images.shape[1])

    @property
    def height(self) -> int:
        return int(self.images.shape[2])

    @property
    def width(self) -> int:
        return int(self.images.shape[3])

    @property
    def shape(self) -> tuple[int, int, int]:
        """The shape of one image, C×H×W."""
        return (self.channels, self.height, self.width)

    @property
    def has_labels(self) -> bool:
        return self.labels is not None

    @property
    def num_classes(self) -> int:
        return len(self.class_names) if self.labels is not None else 0

    def class_counts(self) -> np.ndarray:
        """Images per class, in class order (empty when unlabeled)."""
        if self.labels is None:
            return np.zeros(0, dtype=np.int64)
        return np.bincount(self.labels.numpy(), minlength=self.num_classes)

    def row_ids(self) -> np.ndarray:
        """The source-dataset row of every image (int64), for scores files and tables."""
        if self.rows is None:
            return np.arange(len(self), dtype=np.int64)
        return self.rows.numpy().astype(np.int64, copy=True)

    def subset(self, indices: torch.Tensor | np.ndarray, name: str | None = None) -> ImageDataset:
        """A new dataset holding the given rows (copied, so it owns its memory).

        Row numbers compose: a subset of a subset still names rows of the first dataset.
        """
        index = torch.as_tensor(indices, dtype=torch.long)
        rows = index.clone() if self.rows is None else self.rows.index_select(0, index)
        part = None if self.mapped is None else subset_file(self.mapped, index.numpy())
        return ImageDataset(
            images=self.images.index_select(0, index) if part is None else part.tensor(),
            mapped=part,
            labels=None if self.labels is None else self.labels.index_select(0, index),
            class_names=self.class_names,
            name=name or self.name,
            skipped=self.skipped,
            notes=self.notes,
            skipped_files=self.skipped_files,
            rows=rows,
        )

    def release_pages(self) -> None:
        """Let go of the pages of a mapped dataset read so far (no-op in memory)."""
        if self.mapped is not None:
            self.mapped.release_pages()

    def __repr__(self) -> str:
        return f"ImageDataset({self.describe()})"

    def describe(self) -> str:
        """One line for status bars and logs."""
        kind = "RGB" if self.channels == 3 else "grayscale"
        classes = f", {self.num_classes} classes" if self.has_labels else ", unlabeled"
        return f"{self.name}: {len(self):,} {kind} images {self.height}×{self.width}{classes}"

    def skipped_summary(self, shown: int = 3) -> str:
        """"2 unreadable files: a.png, b.txt", naming the first ``shown`` only; "" if none."""
        if not self.skipped:
            return ""
        text = plural(self.skipped, "unreadable file")
        names = self.skipped_files
        if names and shown:
            text += ": " + ", ".join(names[:shown])
            if self.skipped > shown:
                text += f" and {self.skipped - shown:,} more"
        return text


def mapped_dataset(cached: CachedDataset) -> ImageDataset:
    """A dataset over a cache file, noted as such."""
    note = (f"Larger than the memory limit: read from a file in the data cache "
            f"({file_size(cached.images.nbytes)} on disk).")
    return ImageDataset(
        images=cached.images.tensor(), labels=cached.labels, class_names=cached.class_names,
        name=cached.name, skipped=len(cached.skipped_files), skipped_files=cached.skipped_files,
        notes=(*cached.notes, note), mapped=cached.images,
    )


@dataclass(frozen=True)
class DataSplit:
    """A seeded train/validation split of one dataset."""

    train: ImageDataset
    val: ImageDataset
    val_fraction: float
    seed: int


def split_dataset(data: ImageDataset, val_fraction: float = 0.1, seed: int = 0) -> DataSplit:
    """Shuffle with ``seed`` and hold out ``val_fraction`` of the images for validation.

    The shuffle matters: several sources (the bundled MNIST among them) are sorted by class.
    """
    if not 0.0 < val_fraction < 1.0:
        raise DataError(say("The validation fraction must be between 0 and 1, not {fraction}.", fraction=val_fraction))
    n = len(data)
    n_val = max(1, int(round(n * val_fraction)))
    if n - n_val < 1:
        raise DataError(say("{name}: {count:,} images are too few to split for validation.", name=data.name, count=n))
    order = torch.randperm(n, generator=torch.Generator().manual_seed(seed))
    return DataSplit(
        train=data.subset(order[n_val:], name=data.name),
        val=data.subset(order[:n_val], name=data.name),
        val_fraction=val_fraction,
        seed=seed,
    )
