"""``folder:PATH``: a folder of image files, with class sub-folders as labels.

Images are read in two passes. The first reads only headers (size, mode), which is cheap
and decides the common size and colour. The second decodes one file at a time straight
into the final uint8 array, shrinking large photos while they are decoded, so memory stays
near the size of the result whatever the files are. A result larger than the memory limit
is written a chunk at a time to a file in the cache folder and mapped instead. A file that
cannot be read (damaged, too large, an odd mode) is skipped and named, never the end of
the load."""

from __future__ import annotations

import hashlib
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageOps, UnidentifiedImageError

from aegui.core.data import mapped
from aegui.core.data.dataset import ImageDataset, mapped_dataset
from aegui.core.data.limits import fits_in_memory
from aegui.core.errors import DataError
from aegui.core.words import say

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp", ".webp", ".gif", ".tif", ".tiff"}
MAX_AUTO_SIZE = 128  # beyond this, "auto" size falls back to DEFAULT_SIZE
DEFAULT_SIZE = 64
MAX_PIXELS = 50_000_000  # per image: a bigger one is skipped (a decompression bomb, say)
MAX_DEPTH = 32  # folder levels below a class folder that are searched
GRAY_MODES = ("1", "L", "LA", "I", "I;16", "I;16B", "I;16L", "F")
SIXTEEN_BIT_MODES = ("I;16", "I;16B", "I;16L")
PALETTE_MODES = ("1", "P", "PA")  # converted before Image.reduce, which cannot shrink them rightly
_READ_ERRORS = (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError,
                Image.DecompressionBombError, Image.DecompressionBombWarning)

Progress = Callable[[int, int], None]


def _is_image(path: Path) -> bool:
    return path.suffix.lower() in IMAGE_SUFFIXES and not path.name.startswith(".") and path.is_file()


def _subfolders(folder: Path) -> list[Path]:
    try:
        return sorted(d for d in folder.iterdir() if d.is_dir() and not d.name.startswith("."))
    except OSError as exc:
        raise DataError(say("Could not read the folder {folder} ({reason}). Check that you may open it.",
                            folder=folder, reason=exc.strerror or str(exc))) from exc


def _folder_key(path: Path) -> tuple[int, int] | None:
    """What names a folder whatever the path to it (links included); None if it cannot be read."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _images_below(folder: Path, unreadable: list[str], root: Path, seen: set[tuple[int, int]]) -> list[Path]:
    """Image files in ``folder`` and its sub-folders (up to MAX_DEPTH levels), without
    recursion; a sub-folder that cannot be read is listed in ``unreadable``. A folder in
    ``seen`` is not searched again: a link back up would repeat every image below it, and
    two such links would double the search at every level."""
    found: list[Path] = []
    stack = [(folder, 0)]
    while stack:
        current, depth = stack.pop()
        if depth:  # the class folder itself is in ``seen`` already
            key = _folder_key(current)
            if key in seen:
                continue
            if key is not None:
                seen.add(key)
        try:
            entries = list(current.iterdir())
        except OSError:
            unreadable.append(current.relative_to(root).as_posix() + "/")
            continue
        found.extend(p for p in entries if _is_image(p))
        if depth < MAX_DEPTH:
            stack.extend((d, depth + 1) for d in entries if d.is_dir() and not d.name.startswith("."))
    return sorted(found)


def list_images(root: Path, unreadable: list[str] | None = None
                ) -> tuple[list[Path], list[int] | None, tuple[str, ...]]:
    """Files with labels from class sub-folders, or unlabeled files from a flat folder."""
    unreadable = [] if unreadable is None else unreadable
    if not root.exists():
        raise DataError(say("No such folder: {folder}", folder=root))
    if not root.is_dir():
        raise DataError(say("{path} is a file, not a folder. Use npz:, npy: or idx: for array files.", path=root))
    root_key = _folder_key(root)
    class_dirs = [d for d in _subfolders(root) if _folder_key(d) != root_key]  # a link to the root is no class
    # Each folder is searched once, by its own class: links up to the root or across to
    # another class folder are not followed.
    seen = {key for key in map(_folder_key, [root, *class_dirs]) if key is not None}
    labelled = [(d, _images_below(d, unreadable, root, seen)) for d in class_dirs]
    labelled = [(d, files) for d, files in labelled if files]
    if labelled:
        files = [f for _, group in labelled for f in group]
        labels = [i for i, (_, group) in enumerate(labelled) for _ in group]
        return files, labels, tuple(d.name for d, _ in labelled)
    files = sorted(p for p in root.iterdir() if _is_image(p))
    if not files:
        raise DataError(say("No images found in {folder}. Put .png/.jpg/.bmp/.webp files in it, or one sub-folder "
                            "of images per class.", folder=root))
    return files, None, ()


@dataclass(frozen=True)
class _Header:
    size: tuple[int, int]  # width, height as shown (after the EXIF orientation)
    gray: bool


def _header(path: Path) -> _Header | None:
    """Size and colour from the file's header, without decoding its pixels."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as handle:
                width, height = handle.size
                if width * height > MAX_PIXELS:
                    return None
                if handle.getexif().get(0x0112) in (5, 6, 7, 8):  # rotated by 90°
                    width, height = height, width
                return _Header((width, height), handle.mode in GRAY_MODES)
    except _READ_ERRORS:
        return None


def _to_8bit(image: Image.Image, sixteen_bit: bool = False) -> Image.Image:
    """16- and 32-bit images scaled to 0–255 (a plain convert would clip them to 0 or 255).
    ``sixteen_bit``: the file held 16-bit pixels, now in mode I."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        pixels = np.asarray(image, dtype=np.float64)
        top = 65535.0 if sixteen_bit or image.mode.startswith("I;16") or pixels.max() > 255 else 255.0
        return Image.fromarray(np.clip(pixels / top * 255.0 + 0.5, 0, 255).astype(np.uint8), "L")
    if image.mode == "F":  # NaN pixels are black, infinities the ends of the range
        pixels = np.nan_to_num(np.asarray(image, dtype=np.float64), nan=0.0, posinf=255.0, neginf=0.0)
        scale = 255.0 if pixels.max() <= 1.0 else 1.0
        return Image.fromarray(np.clip(pixels * scale + 0.5, 0, 255).astype(np.uint8), "L")
    return image


def _decode(path: Path, mode: str, size: int) -> np.ndarray | None:
    """One file as a size×size uint8 array in ``mode``, or None when it cannot be read."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as handle:
                handle.draft(mode, (size, size))  # JPEG: decode at a fraction of full size
                handle.load()
                image = ImageOps.exif_transpose(handle) or handle
                sixteen_bit = image.mode in SIXTEEN_BIT_MODES
                if sixteen_bit:  # reduce cannot shrink 16-bit images, but 32-bit ones it can
                    image = image.convert("I")
                elif image.mode in PALETTE_MODES:  # nor 1-bit ones, and it would average palette indices
                    image = image.convert(mode)
                elif image.mode == "LAB" and mode == "L":  # Pillow has no LAB-to-grey: L is the grey level
                    image = image.getchannel("L")
                if max(image.size) > 4 * size:  # shrink big photos before the fine resize
                    image = image.reduce(max(1, min(image.size) // (2 * size)))
                image = _to_8bit(image, sixteen_bit).convert(mode)
                return np.asarray(_fit_square(image, size), dtype=np.uint8)
    except _READ_ERRORS:
        return None


def _fit_square(image: Image.Image, size: int) -> Image.Image:
    """Centre-crop to a square, then resize: keeps the aspect ratio of the content."""
    if image.size == (size, size):
        return image
    return ImageOps.fit(image, (size, size), Image.Resampling.LANCZOS)


def load_folder(
    root: Path,
    image_size: int | None = None,
    color: str = "auto",
    progress: Progress | None = None,
) -> ImageDataset:
    """Read every image, skipping (and naming) files that will not open.

    ``color`` is ``auto`` (grayscale only if every image is), ``gray`` or ``rgb``.
    ``image_size`` None keeps a common size up to 128 px, else resizes to 64 px. Images
    larger in all than the memory limit go to a memory-mapped file in the cache folder
    (:mod:`aegui.core.data.mapped`), made once and reused while the files are unchanged.
    """
    if color not in ("auto", "gray", "rgb"):
        raise DataError(say("Colour mode must be auto, gray or rgb, not {color!r}.", color=color))
    unreadable_folders: list[str] = []
    files, labels, class_names = list_images(root, unreadable_folders)
    key = _cache_key(root, files, image_size, color)
    reused = mapped.cached(key)
    if reused is not None:
        return mapped_dataset(reused)
    headers = [_header(path) for path in files]
    readable = [h for h in headers if h is not None]
    if not readable:
        raise DataError(say("None of the {count} image files in {folder} could be read.", count=len(files),
                            folder=root))
    gray = all(h.gray for h in readable) if color == "auto" else color == "gray"
    size = image_size or _auto_size([h.size for h in readable])
    shape = (len(readable), size, size, 1 if gray else 3)
    notes = []
    if len({h.size for h in readable}) > 1:
        notes.append(f"Images of different sizes were resized to {size}×{size}.")
    if unreadable_folders:
        notes.append(f"Folders that could not be opened were left out: {', '.join(unreadable_folders[:3])}"
                     + (f" and {len(unreadable_folders) - 3} more." if len(unreadable_folders) > 3 else "."))
    decoded = _decoded(root, files, headers, labels, "L" if gray else "RGB", size, progress)
    if fits_in_memory(shape, 1):
        pixels, kept_labels, skipped = _into_memory(decoded, shape, root)
        images = torch.from_numpy(pixels[:, None] if gray else np.moveaxis(pixels, -1, 1).copy())
        return ImageDataset(
            images=images.contiguous(),
            labels=torch.tensor(kept_labels, dtype=torch.long) if labels is not None else None,
            class_names=class_names, name=f"folder:{root.name}", skipped=len(skipped),
            skipped_files=tuple(skipped), notes=tuple(notes),
        )
    meta = {"name": f"folder:{root.name}", "class_names": list(class_names), "notes": notes}
    return mapped_dataset(_into_cache(decoded, shape, key, meta, labels is not None, root))


def _decoded(root: Path, files: list[Path], headers: list[_Header | None], labels: list[int] | None,
             mode: str, size: int, progress: Progress | None) -> Iterator[tuple[Path, np.ndarray | None, int | None]]:
    for i, (path, header) in enumerate(zip(files, headers)):
        pixels = None if header is None else _decode(path, mode, size)
        yield path.relative_to(root), pixels, None if labels is None else labels[i]
        if progress is not None:  # every file: the callback throttles, and may cancel the load
            progress(i + 1, len(files))


def _into_memory(decoded: Iterator[tuple[Path, np.ndarray | None, int | None]], shape: tuple[int, ...],
                 root: Path) -> tuple[np.ndarray, list[int], list[str]]:
    pixels = np.empty(shape if shape[-1] == 3 else shape[:-1], dtype=np.uint8)
    kept_labels: list[int] = []
    skipped: list[str] = []
    count = 0
    for relative, image, label in decoded:
        if image is None:
            skipped.append(relative.as_posix())
            continue
        pixels[count] = image
        count += 1
        if label is not None:
            kept_labels.append(label)
    if count == 0:
        raise DataError(say("None of the {count} image files in {folder} could be read.", count=len(skipped),
                            folder=root))
    return pixels[:count], kept_labels, skipped


def _into_cache(decoded: Iterator[tuple[Path, np.ndarray | None, int | None]], shape: tuple[int, ...],
                key: str, meta: dict, labelled: bool, root: Path) -> mapped.CachedDataset:
    """Decoded images, a chunk at a time, into a cache file (never all in memory)."""
    count, size, channels = shape[0], shape[1], shape[3]
    step = mapped.chunk_rows(size * size * channels)
    kept_labels: list[int] = []
    skipped: list[str] = []
    buffer: list[np.ndarray] = []

    def flush() -> None:
        chunk = np.stack(buffer)
        writer.write(chunk[:, None] if channels == 1 else np.moveaxis(chunk, -1, 1))
        buffer.clear()

    with mapped.CacheWriter(key, (channels, size, size), count, say("The images in {folder}", folder=root)) as writer:
        for relative, image, label in decoded:
            if image is None:
                skipped.append(relative.as_posix())
                continue
            buffer.append(image)
            if label is not None:
                kept_labels.append(label)
            if len(buffer) >= step:
                flush()
        if buffer:
            flush()
        if writer.rows == 0:
            raise DataError(say("None of the {count} image files in {folder} could be read.", count=len(skipped),
                            folder=root))
        folder = writer.finish(torch.tensor(kept_labels, dtype=torch.long) if labelled else None,
                               {**meta, "skipped_files": skipped})
    reopened = mapped.open_cached(folder)
    if reopened is None:
        raise DataError(say("The data cache in {folder} could not be read back; check the disk.", folder=folder))
    return reopened


def _cache_key(root: Path, files: list[Path], image_size: int | None, color: str) -> str:
    """Changes when a file is added, removed, replaced or edited, or the reading changes."""
    listing = hashlib.sha256()
    for path in files:
        try:
            stat = path.stat()
            listing.update(f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        except OSError:
            listing.update(f"{path}\0?\n".encode())
    return mapped.source_key(kind="folder", root=str(root.resolve()), files=listing.hexdigest(),
                             image_size=image_size, color=color)


def _auto_size(sizes: list[tuple[int, int]]) -> int:
    (width, height), _ = Counter(sizes).most_common(1)[0]
    side = min(width, height)
    return side if side <= MAX_AUTO_SIZE and width == height else DEFAULT_SIZE
