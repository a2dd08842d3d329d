"""``folder:PATH``: a folder of image files, with class sub-folders as labels."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageOps, UnidentifiedImageError

from aegui.core.data.dataset import ImageDataset
from aegui.core.errors import DataError

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".webp", ".gif", ".tif", ".tiff"}
MAX_AUTO_SIZE = 128  # beyond this, "auto" size falls back to DEFAULT_SIZE
DEFAULT_SIZE = 64

Progress = Callable[[int, int], None]


def _is_image(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in IMAGE_SUFFIXES and not path.name.startswith(".")


def list_images(root: Path) -> tuple[list[Path], list[int] | None, tuple[str, ...]]:
    """Files with labels from class sub-folders, or unlabeled files from a flat folder."""
    if not root.exists():
        raise DataError(f"No such folder: {root}")
    if not root.is_dir():
        raise DataError(f"{root} is a file, not a folder. Use npz:, npy: or idx: for array files.")
    class_dirs = sorted(d for d in root.iterdir() if d.is_dir() and not d.name.startswith("."))
    labelled = [(d, sorted(p for p in d.rglob("*") if _is_image(p))) for d in class_dirs]
    labelled = [(d, files) for d, files in labelled if files]
    if labelled:
        files = [f for _, group in labelled for f in group]
        labels = [i for i, (_, group) in enumerate(labelled) for _ in group]
        return files, labels, tuple(d.name for d, _ in labelled)
    files = sorted(p for p in root.iterdir() if _is_image(p))
    if not files:
        raise DataError(
            f"No images found in {root}. Put .png/.jpg/.bmp/.webp files in it, "
            "or one sub-folder of images per class."
        )
    return files, None, ()


def _fit_square(image: Image.Image, size: int) -> Image.Image:
    """Centre-crop to a square, then resize: keeps the aspect ratio of the content."""
    if image.size == (size, size):
        return image
    return ImageOps.fit(image, (size, size), Image.Resampling.LANCZOS)


def _open(path: Path) -> Image.Image | None:
    try:
        with Image.open(path) as handle:
            handle.load()
            return ImageOps.exif_transpose(handle) or handle.copy()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None


def _is_gray(image: Image.Image) -> bool:
    return image.mode in ("1", "L", "LA", "I", "I;16", "F")


def load_folder(
    root: Path,
    image_size: int | None = None,
    color: str = "auto",
    progress: Progress | None = None,
) -> ImageDataset:
    """Read every image into memory, skipping (and counting) files that will not open.

    ``color`` is ``auto`` (grayscale only if every image is), ``gray`` or ``rgb``.
    ``image_size`` None keeps a common size up to 128 px, else resizes to 64 px.
    """
    if color not in ("auto", "gray", "rgb"):
        raise DataError(f"Colour mode must be auto, gray or rgb, not {color!r}.")
    files, labels, class_names = list_images(root)
    opened: list[Image.Image] = []
    kept_labels: list[int] = []
    skipped: list[str] = []
    for i, path in enumerate(files):
        image = _open(path)
        if image is None:
            skipped.append(path.relative_to(root).as_posix())
        else:
            opened.append(image)
            if labels is not None:
                kept_labels.append(labels[i])
        if progress is not None:  # every file: the callback throttles, and may cancel the load
            progress(i + 1, len(files))
    if not opened:
        raise DataError(f"None of the {len(files)} image files in {root} could be read.")

    gray = all(_is_gray(im) for im in opened) if color == "auto" else color == "gray"
    size = image_size or _auto_size(opened)
    mode = "L" if gray else "RGB"
    pixels = np.stack(
        [np.asarray(_fit_square(im.convert(mode), size), dtype=np.uint8) for im in opened]
    )
    images = torch.from_numpy(pixels[:, None] if gray else np.moveaxis(pixels, -1, 1).copy())
    notes = []
    if len({im.size for im in opened}) > 1:
        notes.append(f"Images of different sizes were resized to {size}×{size}.")
    return ImageDataset(
        images=images.contiguous(),
        labels=torch.tensor(kept_labels, dtype=torch.long) if labels is not None else None,
        class_names=class_names,
        name=f"folder:{root.name}",
        skipped=len(skipped),
        skipped_files=tuple(skipped),
        notes=tuple(notes),
    )


def _auto_size(images: list[Image.Image]) -> int:
    (width, height), _ = Counter(im.size for im in images).most_common(1)[0]
    side = min(width, height)
    return side if side <= MAX_AUTO_SIZE and width == height else DEFAULT_SIZE
