"""Fuzzing the IDX reader with structured files: a plausible header (valid and invalid
type codes, 0 to 255 dimensions, sizes from 0 to 2**32-1), a payload shorter than, equal
to or longer than declared, plain, gzipped or a damaged gzip, alone or with a label file."""

from __future__ import annotations

import gzip
import math
import struct
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from fuzz_support import check_outcome, damage, dataset_limit, examples, mutate
from hypothesis import given
from hypothesis import strategies as st

from aegui.core.data import load_dataset
from aegui.core.data.idx import read_idx

CODES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}
BAD_CODES = [0x00, 0x01, 0x07, 0x0A, 0x0F, 0x10, 0xFF]
HUGE = [0, 1, 4, 28, 255, 2**16, 2**31, 2**32 - 1]
SPECIAL = [np.nan, np.inf, -np.inf, 0.0, 0.5, 1.0, 255.0, 256.0, -1.0, 1e300, -0.0]
MAX_BODY = 1 << 18  # payloads past this are written short: building them costs time, not coverage

dims_small = st.one_of(st.integers(0, 12), st.sampled_from(HUGE), st.integers(0, 2**32 - 1))

plausible = st.tuples(st.integers(1, 6), st.sampled_from([4, 5, 8, 28]), st.sampled_from([4, 7, 28]))
image_dims = st.one_of(
    plausible, plausible,  # twice: loads deserve as many tries as refusals
    st.tuples(st.integers(0, 6), st.sampled_from([0, 1, 3, 4, 2**31]), st.sampled_from([0, 3, 4, 2**32 - 1])),
    st.permutations([0, 2**32 - 1, 2**32 - 1]),  # no bytes, yet past any array size numpy can index
)
label_dims = st.one_of(st.tuples(st.integers(0, 7)), st.lists(st.integers(0, 7), min_size=0, max_size=3))
any_dims = st.lists(st.one_of(dims_small, st.sampled_from(HUGE)), min_size=0, max_size=6)


@dataclass
class IdxFile:
    data: bytes
    gz_name: bool
    declared: int | None  # bytes the header declares, when it is whole and valid
    dims: tuple[int, ...]  # the sizes written in the header
    intact: bool  # the header reaches the reader as written (no damage, right suffix)


@st.composite
def idx_files(draw, dims=None) -> IdxFile:
    sane = draw(st.booleans())  # half the files are well formed, so loads are tried too
    magic = b"\0\0" if sane else draw(st.sampled_from([b"\0\0"] * 8 + [b"\0\x01", b"\x01\0", b"\xff\xff"]))
    code = draw(st.sampled_from(list(CODES) if sane else list(CODES) * 2 + BAD_CODES))
    written = list(draw(st.one_of(image_dims, label_dims, any_dims) if dims is None else dims))
    ndim = len(written)
    if not sane and draw(st.booleans()):  # a dimension count the sizes that follow do not match
        ndim = draw(st.integers(0, 255))
    header = magic + bytes([code, ndim]) + struct.pack(f">{len(written)}I", *written)
    whole = magic == b"\0\0" and code in CODES and 1 <= ndim <= 4 and len(written) == ndim
    dtype = np.dtype(CODES.get(code, ">u1"))
    declared = math.prod(written) * dtype.itemsize if whole else None
    body = draw(payloads(dtype, declared, sane))
    data = header + body
    packing = draw(st.sampled_from(["plain", "gzip"] if sane else
                                   ["plain", "gzip", "damaged-gzip", "damaged-gzip", "wrong-suffix"]))
    if packing in ("gzip", "damaged-gzip"):
        data = gzip.compress(data, compresslevel=1)
    if packing == "damaged-gzip":
        data = mutate(data, draw(damage()))
    gz_name = (packing != "plain") != (packing == "wrong-suffix")
    return IdxFile(data, gz_name, declared, tuple(written), packing in ("plain", "gzip"))


@st.composite
def payloads(draw, dtype: np.dtype, declared: int | None, sane: bool) -> bytes:
    """Exactly the declared bytes, or fewer, or more (a gzip that inflates past its header)."""
    fits = declared is not None and declared <= MAX_BODY
    lengths = ["exact"] if sane and fits else ["exact", "short", "long", "any"] if fits else ["short", "any"]
    length = draw(st.sampled_from(lengths))
    target = declared if fits else 0
    if length == "short":
        size = draw(st.integers(0, max(0, min(target - 1, 4096)) if fits else 4096))
    elif length == "long":
        size = target + draw(st.sampled_from([1, 7, 4096, 1 << 20]))
    elif length == "any":
        size = draw(st.integers(0, 4096))
    else:
        size = target
    fill = draw(st.sampled_from(["random", "zeros", "special"]))
    if fill == "zeros":
        return bytes(size)
    if fill == "special" and dtype.kind == "f":
        with np.errstate(over="ignore"):  # 1e300 as a float32 is inf: wanted here
            values = np.array(draw(st.lists(st.sampled_from(SPECIAL), min_size=1, max_size=4)), dtype=dtype)
        repeats = -(-size // values.nbytes)
        return np.tile(values, repeats).tobytes()[:size]
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return rng.integers(0, 256, size, dtype=np.uint8).tobytes()


def _write(folder: Path, name: str, file: IdxFile) -> Path:
    path = folder / (name + (".gz" if file.gz_name else ""))
    path.write_bytes(file.data)
    return path


@given(file=idx_files())
@examples(1.2)
def test_read_idx_returns_the_declared_array_or_a_data_error(file: IdxFile):
    with tempfile.TemporaryDirectory() as folder, dataset_limit() as limit, warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        path = _write(Path(folder), "x-images-idx3-ubyte", file)
        outcome, message = check_outcome("idx:read_idx", lambda: read_idx(path))
        if file.intact and file.declared is not None and file.declared > limit:
            assert outcome == "error" and "AEGUI_MAX_DATASET_MB" in message, message
        if outcome == "loaded" and file.intact:
            assert read_idx(path).nbytes == file.declared


@st.composite
def image_and_label_files(draw) -> tuple[IdxFile, IdxFile | None]:
    """Often a label file with one label per image, so whole datasets load too."""
    images = draw(st.one_of(idx_files(image_dims), idx_files(image_dims), idx_files(plausible), idx_files()))
    matching = st.just(images.dims[:1])
    labels = draw(st.one_of(st.none(), idx_files(matching), idx_files(matching), idx_files(matching),
                            idx_files(label_dims), idx_files()))
    return images, labels


@given(files=image_and_label_files(), how=st.sampled_from(["file", "pair", "folder"]))
@examples(1.2)
def test_load_idx_gives_a_dataset_or_a_data_error(files: tuple[IdxFile, IdxFile | None], how: str):
    images, labels = files
    with tempfile.TemporaryDirectory() as name, dataset_limit() as limit, warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        folder = Path(name)
        image_path = _write(folder, "train-images-idx3-ubyte", images)
        label_path = _write(folder, "train-labels-idx1-ubyte", labels) if labels else None
        spec = {"file": f"idx:{image_path}", "folder": f"idx:{folder}",
                "pair": f"idx:{image_path},{label_path or folder / 'missing-labels-idx1-ubyte'}"}[how]
        loaded = []
        outcome, message = check_outcome("idx:load_dataset", lambda: loaded.append(load_dataset(spec)) or loaded[0])
        if images.intact and images.declared is not None and images.declared > limit:
            assert outcome == "error" and "AEGUI_MAX_DATASET_MB" in message, message
        if loaded and loaded[0].labels is not None:  # every class is a whole number the label file holds
            values = read_idx(label_path).reshape(-1).astype(np.float64)
            assert np.isfinite(values).all() and (values % 1 == 0).all(), f"classes {loaded[0].class_names}"
            assert set(loaded[0].class_names) == {str(int(v)) for v in np.unique(values)}
