"""Fuzzing the image-folder loader: PNG, JPEG, TIFF, BMP, GIF and WebP files that Pillow
writes in every mode it can save (1, L, LA, P, RGB, RGBA, I;16, I, F, CMYK, LAB, ...),
from 1×1 pixels up, with random pixels (NaN floats, negative integers) and EXIF rotations;
then truncated, bit-flipped, junk with an image name, or empty; in flat folders, class
sub-folders, nested, empty and hidden folders, beside links to themselves. A folder loads
with every unreadable file skipped and named, or is one clean DataError."""

from __future__ import annotations

import io
import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from fuzz_support import check_outcome, damage, dataset_limit, examples, mutate
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from aegui.core.data import load_dataset
from aegui.core.data.folder import IMAGE_SUFFIXES

FORMATS = {"PNG": [".png"], "JPEG": [".jpg", ".jpeg"], "TIFF": [".tif", ".tiff"], "BMP": [".bmp"],
           "GIF": [".gif"], "WEBP": [".webp"]}
MODES = ["1", "L", "LA", "P", "PA", "RGB", "RGBA", "RGBX", "I;16", "I;16B", "I", "F", "CMYK", "LAB", "YCbCr"]
SIDES = [1, 2, 4, 8, 13, 28, 64]
EXIF_FORMATS = ("JPEG", "PNG", "TIFF", "WEBP")


def _savable() -> list[tuple[str, str]]:
    """The (format, mode) pairs this Pillow writes and reads back."""
    pairs = []
    for fmt in FORMATS:
        for mode in MODES:
            try:
                out = io.BytesIO()
                Image.new(mode, (3, 2)).save(out, fmt)
                Image.open(io.BytesIO(out.getvalue())).load()
            except (OSError, ValueError, KeyError, TypeError):
                continue
            pairs.append((fmt, mode))
    return pairs


SAVABLE = _savable()


@dataclass
class Entry:
    path: str  # relative to the folder
    kind: str  # "file", "dir" or "link"
    data: bytes = b""  # a file's bytes, or a link's target
    intact: bool = False  # an image Pillow wrote, undamaged, under its own suffix


@st.composite
def pictures(draw, path: str) -> Entry:
    fmt, mode = draw(st.sampled_from(SAVABLE))
    size = (draw(st.sampled_from(SIDES)), draw(st.sampled_from(SIDES)))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    raw = len(Image.new(mode, size).tobytes())
    fill = draw(st.sampled_from(["random", "flat"]))
    pixels = rng.integers(0, 256, raw, dtype=np.uint8).tobytes() if fill == "random" else bytes([77]) * raw
    image = Image.frombytes(mode, size, pixels)
    options = {}
    if fmt in EXIF_FORMATS and draw(st.booleans()):
        exif = Image.Exif()
        exif[0x0112] = draw(st.integers(0, 9))  # orientation: 1-8 are valid
        options["exif"] = exif.tobytes()
    out = io.BytesIO()
    image.save(out, fmt, **options)
    data = out.getvalue()
    harm = draw(st.sampled_from(["none", "none", "none", "truncate", "bytes", "junk", "empty"]))
    if harm == "truncate":
        data = data[: draw(st.integers(0, max(0, len(data) - 1)))]
    elif harm == "bytes":
        data = mutate(data, draw(damage()))
    elif harm == "junk":
        data = rng.integers(0, 256, draw(st.integers(1, 300)), dtype=np.uint8).tobytes()
    elif harm == "empty":
        data = b""
    suffix = draw(st.sampled_from(FORMATS[fmt] * 4 + [".png", ".JPG", ".Tif"]))
    return Entry(f"{path}{suffix}", "file", data, harm == "none" and suffix.lower() in FORMATS[fmt])


@st.composite
def folders(draw) -> list[Entry]:
    entries: list[Entry] = []
    layout = draw(st.sampled_from(["flat", "classes", "classes", "empty"]))
    if layout in ("flat", "classes"):
        for i in range(draw(st.integers(0 if layout == "classes" else 1, 5))):
            entries.append(draw(pictures(f"img{i}")))
    if layout == "classes":
        for name in draw(st.lists(st.sampled_from(["a", "b", "cats", "0", "ünï"]), min_size=1, max_size=3,
                                  unique=True)):
            entries.append(Entry(name, "dir"))
            deep = draw(st.booleans())
            if deep:
                entries.append(Entry(f"{name}/deeper", "dir"))
            for i in range(draw(st.integers(0, 3))):
                folder = f"{name}/deeper" if deep and i % 2 else name
                entries.append(draw(pictures(f"{folder}/p{i}")))
    extras = draw(st.lists(st.sampled_from(["hidden-dir", "hidden-file", "text", "dir-named-png", "dead-link",
                                            "self-link", "parent-link", "root-link"]), max_size=3, unique=True))
    classes = [e.path for e in entries if e.kind == "dir" and "/" not in e.path]
    host = classes[0] if classes else ""
    prefix = f"{host}/" if host else ""
    for extra in extras:
        if extra == "hidden-dir":
            entries += [Entry(".thumbs", "dir"), draw(pictures(".thumbs/t"))]
        elif extra == "hidden-file":
            entries.append(Entry(f"{prefix}.hidden.png", "file", b"\x89PNG junk"))
        elif extra == "text":
            entries.append(Entry(f"{prefix}notes.txt", "file", b"not an image"))
        elif extra == "dir-named-png":
            entries.append(Entry(f"{prefix}folder.png", "dir"))
        elif extra == "dead-link":
            entries.append(Entry(f"{prefix}dead.png", "link", b"nowhere.png"))
        elif extra == "self-link" and host:  # a class folder holding a link to itself
            entries.append(Entry(f"{host}/again", "link", b"."))
        elif extra == "parent-link" and host:
            entries.append(Entry(f"{host}/up", "link", b".."))
        elif extra == "root-link":  # beside the class folders, a link to the folder itself
            entries.append(Entry("loop", "link", b"."))
    return entries


def _write(root: Path, entries: list[Entry]) -> None:
    for entry in entries:
        target = root / entry.path
        if entry.kind == "dir":
            target.mkdir(parents=True, exist_ok=True)
        elif entry.kind == "link":
            os.symlink(entry.data.decode(), target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(entry.data)


def _listed(entries: list[Entry]) -> list[Entry]:
    """The files the loader should try: in class folders if any has one, else in the root."""
    files = [e for e in entries if e.kind == "file" and Path(e.path).suffix.lower() in IMAGE_SUFFIXES
             and not any(part.startswith(".") for part in Path(e.path).parts)]
    in_classes = [e for e in files if "/" in e.path]
    return in_classes or [e for e in files if "/" not in e.path]


@given(entries=folders(), color=st.sampled_from(["auto", "auto", "gray", "rgb"]),
       image_size=st.sampled_from([None, None, 8, 28]))
@examples(0.6)
def test_folders_give_a_dataset_or_a_data_error(entries: list[Entry], color: str, image_size: int | None):
    with tempfile.TemporaryDirectory() as name, dataset_limit(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow's warnings about odd files: the loader's to judge
        root = Path(name) / "data"
        root.mkdir()
        _write(root, entries)
        data = None

        def load():
            nonlocal data
            data = load_dataset(f"folder:{root}", image_size=image_size, color=color)
            return data

        outcome, message = check_outcome("folder:load_dataset", load)
        listed = _listed(entries)
        if outcome == "error":
            assert not any(e.intact for e in listed), f"{message} (with readable images in the folder)"
            return
        assert len(data) + data.skipped == len(listed), (len(data), data.skipped, [e.path for e in listed])
        assert set(data.skipped_files) <= {e.path for e in listed}
        assert not {e.path for e in listed if e.intact} & set(data.skipped_files), data.skipped_files
        if image_size:
            assert data.images.shape[2:] == (image_size, image_size)
        assert data.images.shape[1] == {"gray": 1, "rgb": 3}.get(color, data.images.shape[1])
