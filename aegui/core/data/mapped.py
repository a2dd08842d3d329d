"""Datasets larger than the memory limit, kept as a memory-mapped uint8 file.

A source over the limit (see :mod:`aegui.core.data.limits`) is converted once, in chunks,
into ``images.u8`` (N×C×H×W, uint8) in the cache folder, keyed by the source and its
size and modification time, and opened from there the next time. The images of such a
dataset are a tensor over a read-only mapping of that file: batches are gathered from
the operating system's page cache, and :meth:`MappedImages.release_pages` drops the
pages a pass has touched from the process, so its resident memory stays bounded however
large the file is. A subset of a mapped dataset (a split, a class filter) is written as
a file of its own beside its source's, keyed by the rows it holds.

The cache folder is ``AEGUI_CACHE_DIR``, else ``AEGUI_HOME/cache``, else the platform's
cache folder for aegui; :func:`clear_cache` empties it (Preferences offers it).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import mmap
import os
import shutil
import uuid
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from aegui.core.errors import Cancelled, DataError
from aegui.core.text import file_size
from aegui.core.words import say

FORMAT_VERSION = 1
IMAGES_FILE = "images.u8"
META_FILE = "meta.json"
LABELS_FILE = "labels.npy"
SUBSETS = "subsets"
CHUNK_BYTES = 64 * 2**20  # what one conversion or copy step holds in memory
DISK_MARGIN = 256 * 2**20  # free space left on the disk after a cache file is written

Progress = Callable[[int, int], None]


def cache_root() -> Path:
    """Where aegui keeps files it can make again (the data cache)."""
    if os.environ.get("AEGUI_CACHE_DIR"):
        return Path(os.environ["AEGUI_CACHE_DIR"]).expanduser()
    if os.environ.get("AEGUI_HOME"):
        return Path(os.environ["AEGUI_HOME"]).expanduser() / "cache"
    import platformdirs  # only here: most runs never need the cache

    return Path(platformdirs.user_cache_dir("aegui", appauthor=False))


def datasets_dir() -> Path:
    return cache_root() / "datasets"


def cache_size() -> int:
    """Bytes the data cache takes on disk."""
    root = datasets_dir()
    if not root.is_dir():
        return 0
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def clear_cache() -> int:
    """Remove every cached dataset; the bytes freed. Open mappings stay valid until closed
    (the files are unlinked, not overwritten)."""
    freed = cache_size()
    shutil.rmtree(datasets_dir(), ignore_errors=True)
    return freed


def source_key(**parts: object) -> str:
    """A cache key: the hash of what identifies the source and how it is read."""
    text = json.dumps({"format": FORMAT_VERSION, **parts}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def file_identity(path: Path) -> dict[str, object]:
    """What changes when a file is replaced or edited: its path, size and mtime."""
    stat = path.stat()
    return {"path": str(path.resolve()), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


# The mapped files alive now, by the address of their first byte: how take() knows a tensor
# is a whole mapped file.
_LIVE: weakref.WeakValueDictionary[int, MappedImages] = weakref.WeakValueDictionary()


def take(images: torch.Tensor, rows: np.ndarray | torch.Tensor) -> torch.Tensor:
    """``images[rows]``, for rows in any order. From a mapped file, the rows are read with
    ``pread``: through the mapping, each row would leave its neighbourhood resident (whole
    large folios on recent kernels), and a few thousand scattered rows the whole file."""
    index = np.asarray(rows.cpu() if isinstance(rows, torch.Tensor) else rows, dtype=np.int64)
    source = _LIVE.get(images.data_ptr()) if images.device.type == "cpu" else None
    if source is None or tuple(images.shape) != source.shape:
        return images[torch.from_numpy(index).to(images.device)]
    return source.gather(index)


class MappedImages:
    """A uint8 N×C×H×W file mapped read-only (copy-on-write: nothing is written back)."""

    def __init__(self, path: Path, shape: tuple[int, int, int, int]):
        self.path = path
        self.shape = shape
        self.array = np.memmap(path, dtype=np.uint8, mode="c", shape=shape)
        # For gather(), opened now: a file removed later (Preferences' Remove cached data)
        # stays readable through what is already open, as the mapping does.
        self._fd: int | None = os.open(path, os.O_RDONLY) if hasattr(os, "pread") else None
        _LIVE[self.array.ctypes.data] = self

    def tensor(self) -> torch.Tensor:
        return torch.from_numpy(self.array)

    def gather(self, index: np.ndarray) -> torch.Tensor:
        """Rows ``index`` read with ``pread``, not through the mapping: a training epoch
        reads every row in random order, and through the mapping each would leave its
        pages (and the kernel's fault-around neighbours) resident in this process."""
        pread = getattr(os, "pread", None)
        if pread is None:  # Windows: through the mapping, then let the pages go
            rows = torch.from_numpy(self.array[index])
            self.release_pages()
            return rows
        row_bytes = int(np.prod(self.shape[1:]))
        out = np.empty((len(index), *self.shape[1:]), dtype=np.uint8)
        flat = out.reshape(len(index), row_bytes)
        assert self._fd is not None  # opened wherever os.pread exists
        for i, row in enumerate(np.asarray(index, dtype=np.int64)):
            data = pread(self._fd, row_bytes, int(row) * row_bytes)
            if len(data) != row_bytes:
                raise DataError(say("The data cache file {path} is shorter than it should be; remove the cached "
                                    "data (Preferences) and load the dataset again.", path=self.path))
            flat[i] = np.frombuffer(data, dtype=np.uint8)
        return torch.from_numpy(out)

    def __del__(self) -> None:
        fd = getattr(self, "_fd", None)
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)

    @property
    def nbytes(self) -> int:
        return int(np.prod(self.shape))

    def release_pages(self) -> None:
        """Drop the pages read so far from this process (they stay in the page cache, so
        the next read is still fast). Where the platform has no madvise, nothing happens."""
        handle = getattr(self.array, "_mmap", None)
        advice = getattr(mmap, "MADV_DONTNEED", None)
        if handle is not None and advice is not None:
            with contextlib.suppress(OSError, ValueError):
                handle.madvise(advice)


@dataclass(frozen=True)
class CachedDataset:
    """What a cache folder holds, as :func:`open_cached` reads it back."""

    images: MappedImages
    labels: torch.Tensor | None
    class_names: tuple[str, ...]
    name: str
    notes: tuple[str, ...]
    skipped_files: tuple[str, ...]
    folder: Path


def cache_error(folder: Path, exc: OSError) -> DataError:
    """A cache folder that cannot be written (full, read-only, no permission), in words."""
    return DataError(say("Could not write the data cache in {folder}: {reason}. Free disk space, or set "
                         "AEGUI_CACHE_DIR to a folder you can write to.", folder=folder,
                         reason=exc.strerror or str(exc)))


def check_disk_space(folder: Path, needed: int, what: str) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cache_error(folder, exc) from exc
    free = shutil.disk_usage(folder).free
    if needed + DISK_MARGIN > free:
        raise DataError(say(
            "{what} is larger than the memory limit, so aegui keeps it as a file in its cache folder ({folder}), "
            "which needs {needed}, but only {free} is free there. Free disk space, or set AEGUI_CACHE_DIR to a "
            "folder on a larger disk.", what=what, folder=folder, needed=file_size(needed), free=file_size(free)))


class CacheWriter:
    """Writes one cached dataset: rows appended in chunks to a hidden temporary folder,
    renamed into place by :meth:`finish`. Anything else (an error, Cancel) removes it."""

    def __init__(self, key: str, image_shape: tuple[int, int, int], capacity: int, what: str):
        self.final = datasets_dir() / key
        self.image_shape = image_shape
        check_disk_space(datasets_dir(), capacity * int(np.prod(image_shape)), what)
        self.temp = datasets_dir() / f".{key}.{uuid.uuid4().hex[:8]}.tmp"
        try:
            self.temp.mkdir(parents=True)
            self.handle = open(self.temp / IMAGES_FILE, "wb")  # closed by finish() or abort()
        except OSError as exc:
            shutil.rmtree(self.temp, ignore_errors=True)
            raise cache_error(self.temp.parent, exc) from exc
        self.rows = 0

    def write(self, chunk: np.ndarray) -> None:
        """Append uint8 rows shaped N×C×H×W."""
        if chunk.dtype != np.uint8 or chunk.shape[1:] != self.image_shape:
            raise DataError(f"Internal error: rows {chunk.dtype} {chunk.shape} do not fit {self.image_shape}.")
        try:
            self.handle.write(np.ascontiguousarray(chunk).tobytes())
        except OSError as exc:
            raise cache_error(self.temp.parent, exc) from exc
        self.rows += len(chunk)

    def finish(self, labels: torch.Tensor | None, meta: dict) -> Path:
        try:
            self.handle.close()
            if labels is not None:
                np.save(self.temp / LABELS_FILE, labels.numpy())
            meta = {**meta, "format": FORMAT_VERSION, "shape": [self.rows, *self.image_shape]}
            (self.temp / META_FILE).write_text(json.dumps(meta))
        except OSError as exc:
            raise cache_error(self.temp.parent, exc) from exc
        if self.final.exists() and open_cached(self.final) is None:
            shutil.rmtree(self.final, ignore_errors=True)  # a damaged or half-removed cache: replace it
        try:
            os.replace(self.temp, self.final)
        except OSError:  # another process finished the same cache first: theirs is as good
            shutil.rmtree(self.temp, ignore_errors=True)
        return self.final

    def abort(self) -> None:
        self.handle.close()
        shutil.rmtree(self.temp, ignore_errors=True)

    def __enter__(self) -> CacheWriter:
        return self

    def __exit__(self, kind, _value, _traceback) -> None:
        if kind is not None:
            self.abort()


def open_cached(folder: Path) -> CachedDataset | None:
    """A finished cache folder, mapped; None when there is none (or it is damaged)."""
    try:
        meta = json.loads((folder / META_FILE).read_text())
        shape = tuple(int(d) for d in meta["shape"])
        if meta.get("format") != FORMAT_VERSION or len(shape) != 4 or \
                (folder / IMAGES_FILE).stat().st_size != int(np.prod(shape)):
            return None
        labels = None
        if (folder / LABELS_FILE).is_file():
            labels = torch.from_numpy(np.load(folder / LABELS_FILE, allow_pickle=False).astype(np.int64))
        return CachedDataset(
            images=MappedImages(folder / IMAGES_FILE, shape),
            labels=labels, class_names=tuple(meta.get("class_names", ())), name=str(meta["name"]),
            notes=tuple(meta.get("notes", ())), skipped_files=tuple(meta.get("skipped_files", ())),
            folder=folder,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def cached(key: str) -> CachedDataset | None:
    return open_cached(datasets_dir() / key)


def chunk_rows(image_bytes: int) -> int:
    """Rows per conversion step: about ``CHUNK_BYTES``, at least one."""
    return max(1, CHUNK_BYTES // max(1, image_bytes))


def write_rows(source: MappedImages, index: np.ndarray, path: Path,
               should_stop: Callable[[], bool] | None = None) -> None:
    """``source``'s rows ``index``, in that order, into a new file ``path`` (written beside
    it under a temporary name, then renamed)."""
    step = chunk_rows(int(np.prod(source.shape[1:])))
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(temp, "wb") as handle:
            for start in range(0, len(index), step):
                if should_stop is not None and should_stop():
                    raise Cancelled("Copying part of the dataset was stopped.")
                handle.write(source.gather(index[start:start + step]).numpy().tobytes())
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise cache_error(path.parent, exc) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def subset_file(source: MappedImages, index: np.ndarray) -> MappedImages:
    """The rows ``index`` of a mapped file, as a mapped file of their own (made once)."""
    # The parent file's name is part of the key: the same row numbers of two different
    # parents (two splits' training files) are different images.
    digest = hashlib.sha256(source.path.name.encode() + np.ascontiguousarray(index, dtype=np.int64).tobytes())
    folder = source.path.parent if source.path.parent.name == SUBSETS else source.path.parent / SUBSETS
    path = folder / f"{digest.hexdigest()[:24]}.u8"
    shape = (len(index), *source.shape[1:])
    if not (path.is_file() and path.stat().st_size == int(np.prod(shape))):
        check_disk_space(path.parent, int(np.prod(shape)), say("A part of this dataset"))
        write_rows(source, index, path)
    return MappedImages(path, shape)
