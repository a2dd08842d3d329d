"""Fuzzing the .npy/.npz loader with real ``numpy.save``/``savez`` output (numeric, bool,
complex, object, structured, string and time dtypes, empty and odd shapes), then damage:
a rewritten header (huge, negative or nonsense shapes and dtypes), flipped, cut and spliced
bytes, renamed, missing, encrypted or oddly compressed zip members, an .npy that is also a
zip. Every file either loads as a valid dataset or is one clean DataError."""

from __future__ import annotations

import ast
import io
import math
import tempfile
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from fuzz_support import check_outcome, damage, dataset_limit, examples, mutate
from hypothesis import given
from hypothesis import strategies as st

from aegui.core.data import load_dataset

NUMERIC = [np.dtype(d) for d in ["u1", "u1", "i1", "u2", "<i2", ">i4", "i8", "u8", "f2", "<f4", ">f8", "?"]]
ODD = [np.dtype(d) for d in ["c8", "c16", "O", "S3", "U2", "M8[s]", "m8[ms]", "V3", [("a", "u1"), ("b", "<f4")]]]
SPECIAL = [np.nan, np.inf, -np.inf, 1e300, -1.0]
HOSTILE_SHAPES = ["(10000000, 1000, 1000)", "(2147483648, 2147483648, 4)", "(4611686018427387904, 4)",
                  "(1, 40000, 40000)", "(0, 4611686018427387904, 4611686018427387904)", "(-1, 8, 8)",
                  "(3, -5, 4)", "(9223372036854775808,)", "'abc'", "(1.5, 2)", "[4, 4]", "(True, 8, 8)",
                  "()", "(" * 60 + ")" * 60, "(1" + "0" * 5000 + ",)"]
HOSTILE_DESCRS = ["'|O'", "'<f8'", "'nonsense'", "5", "[('a', '<u1', (1099511627776,))]", "'<U0'", "'V0'",
                  "'S0'", "[('a', '|O')]", "'<M8[s]'", "{'names': ['a'], 'formats': ['<u1']}", "None"]
COMPRESSIONS = [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]

image_shapes = st.one_of(
    st.tuples(st.integers(1, 5), st.sampled_from([4, 5, 8, 28]), st.sampled_from([4, 7, 28])),
    st.tuples(st.integers(1, 4), st.sampled_from([4, 8]), st.sampled_from([4, 9]), st.sampled_from([1, 3, 4])),
    st.tuples(st.integers(1, 4), st.sampled_from([1, 3, 4]), st.sampled_from([4, 8]), st.sampled_from([4, 9])),
)
odd_shapes = st.one_of(
    st.tuples(st.integers(0, 5), st.sampled_from([0, 1, 3, 4]), st.sampled_from([0, 3, 4]),
              st.sampled_from([1, 2, 3, 4, 5])),
    st.lists(st.integers(0, 5), min_size=0, max_size=5).map(tuple),
)


@st.composite
def arrays(draw, shape=None, sane: bool = False) -> np.ndarray:
    dtype = draw(st.sampled_from(NUMERIC if sane else NUMERIC + ODD))
    shape = draw(image_shapes if sane else st.one_of(image_shapes, odd_shapes)) if shape is None else shape
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    size = math.prod(shape)
    if dtype.kind in "uif":
        top = draw(st.sampled_from([1, 255, 65535, 10**6]))
        values = rng.random(size) * top
        if dtype.kind == "f" and size and not sane and draw(st.booleans()):
            values[rng.integers(0, max(size, 1), 3) % max(size, 1)] = draw(st.sampled_from(SPECIAL))
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return values.astype(dtype).reshape(shape)
    if dtype.kind == "b":
        return (rng.random(size) > 0.5).reshape(shape)
    if dtype.kind == "c":
        return (rng.random(size) + 1j * rng.random(size)).astype(dtype).reshape(shape)
    if dtype.kind in "Mm":
        return np.arange(size).astype(dtype).reshape(shape)
    if dtype.kind == "O":
        array = np.empty(shape, dtype=object)
        array.fill(draw(st.sampled_from([1, None, "x", 2.5])))
        return array
    return np.zeros(shape, dtype=dtype)  # strings, void, structured


def npy_bytes(array: np.ndarray) -> bytes:
    out = io.BytesIO()
    np.save(out, array, allow_pickle=True)
    return out.getvalue()


def _split_npy(data: bytes) -> tuple[bytes, bytes]:
    """(header text, array bytes) of a numpy.save output."""
    major = data[6]
    width = 2 if major == 1 else 4
    length = int.from_bytes(data[8:8 + width], "little")
    start = 8 + width
    return data[start:start + length], data[start + length:]


@dataclass
class Patch:
    shape: str | None = None
    descr: str | None = None
    fortran: str | None = None
    version: int | None = None
    text_damage: list | None = None

    def declared(self, array: np.ndarray) -> int | None:
        """Bytes the patched header declares, when it is a valid numeric header."""
        if self.text_damage or self.fortran or self.version not in (None, 1, 2):
            return None
        try:
            shape = ast.literal_eval(self.shape) if self.shape else array.shape
            dtype = np.lib.format.descr_to_dtype(ast.literal_eval(self.descr)) if self.descr else array.dtype
        except Exception:
            return None
        if not isinstance(shape, tuple) or not all(type(d) is int and d >= 0 for d in shape) or dtype.hasobject:
            return None
        if dtype.kind not in "biuf":  # text or dates: refused for what they are, whatever their size
            return None
        return math.prod(shape) * max(1, dtype.itemsize)


def apply_patch(data: bytes, array: np.ndarray, patch: Patch) -> bytes:
    header, body = _split_npy(data)
    if patch.shape or patch.descr or patch.fortran:
        descr = patch.descr or repr(np.lib.format.dtype_to_descr(array.dtype))
        fortran = patch.fortran or "False"
        shape = patch.shape or repr(array.shape)
        header = f"{{'descr': {descr}, 'fortran_order': {fortran}, 'shape': {shape}, }}".encode("latin1")
    if patch.text_damage:
        header = mutate(header, patch.text_damage)
    major = patch.version or (1 if len(header) < 65000 else 2)
    width = 2 if major == 1 else 4
    padded = header.rstrip(b"\n") + b" " * (-(len(header) + 9 + width) % 64) + b"\n"
    length = min(len(padded), 2 ** (8 * width) - 1)
    return b"\x93NUMPY" + bytes([major, 0]) + length.to_bytes(width, "little") + padded + body


patches = st.builds(
    Patch,
    shape=st.one_of(st.none(), st.sampled_from(HOSTILE_SHAPES)),
    descr=st.one_of(st.none(), st.none(), st.sampled_from(HOSTILE_DESCRS)),
    fortran=st.one_of(st.none(), st.none(), st.none(), st.sampled_from(["True", "1", "None"])),
    version=st.one_of(st.none(), st.none(), st.none(), st.sampled_from([0, 2, 3, 9])),
    text_damage=st.one_of(st.none(), st.none(), st.none(), damage()),
)


@dataclass
class ArrayFile:
    data: bytes
    suffix: str
    declared: int | None  # what the images' patched header declares, when nothing else is damaged


def _zip_bytes(members: list[tuple[str, bytes]], compression: int) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # a duplicate member name, on purpose
        with zipfile.ZipFile(out, "w", compression) as archive:
            for name, data in members:
                archive.writestr(name, data)
    return out.getvalue()


def _zip_damage(data: bytes, kind: str) -> bytes:
    """Damage every header of a zip in one field: the encryption flag or the compression method."""
    out = bytearray(data)
    for signature, flags, method in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        start = 0
        while (at := out.find(signature, start)) >= 0:
            if kind == "encrypted":
                out[at + flags] |= 1
            else:
                out[at + method] = {"method-99": 99, "method-bzip2": 12, "method-stored": 0}[kind]
            start = at + 4
    return bytes(out)


@st.composite
def array_files(draw) -> ArrayFile:
    sane = draw(st.booleans())
    images = draw(arrays(sane=sane))
    count = images.shape[0] if images.ndim else 1
    labels = draw(st.one_of(
        st.none(), arrays(shape=(count,), sane=True), arrays(shape=(count,), sane=True),
        arrays(shape=(count,), sane=sane), arrays(shape=(max(0, count + draw(st.sampled_from([-1, 1]))),)),
    ))
    patch = Patch() if sane else draw(patches)
    image_npy = apply_patch(npy_bytes(images), images, patch)
    declared = patch.declared(images)
    kinds = ["npy", "npz", "npz"] if sane else ["npy", "npz", "npz", "polyglot", "polyglot", "empty-zip"]
    kind = draw(st.sampled_from(kinds))
    if kind == "npy":
        data = image_npy
    elif kind == "polyglot":  # an .npy that zipfile also takes for an archive
        data = image_npy + _zip_bytes([("images.npy", npy_bytes(images))], zipfile.ZIP_STORED)
    elif kind == "empty-zip":
        data, declared = _zip_bytes([], zipfile.ZIP_STORED), None
    else:
        image_key = draw(st.sampled_from(["images", "x", "data"] if sane else ["images", "x", "X", "data", "foo"]))
        label_key = draw(st.sampled_from(["labels", "y"] if sane else ["labels", "y", "targets", "bar"]))
        members = [(f"{image_key}.npy", image_npy)]
        if labels is not None:
            members.append((f"{label_key}.npy", npy_bytes(labels)))
        if not sane:
            members, renamed = draw(_member_changes(members))
            declared = None if renamed or image_key == "foo" and labels is not None else declared
        data = _zip_bytes(members, draw(st.sampled_from(COMPRESSIONS)))
        if not sane and draw(st.booleans()):
            data = _zip_damage(data, draw(st.sampled_from(["encrypted", "method-99", "method-bzip2",
                                                            "method-stored"])))
            declared = None
    if not sane and draw(st.booleans()):
        data = mutate(data, draw(damage()))
        declared = None
    suffix = draw(st.sampled_from([f".{kind}" if kind == "npy" else ".npz"] * 3 + [".npy", ".npz", ".bin"]))
    return ArrayFile(data, suffix, declared)


@st.composite
def _member_changes(draw, members: list[tuple[str, bytes]]) -> tuple[list[tuple[str, bytes]], bool]:
    """Members renamed, dropped, duplicated or joined by junk; True when the images member changed."""
    change = draw(st.sampled_from(["none", "rename", "drop", "duplicate", "junk", "junk-named-npy"]))
    name, data = members[0]
    if change == "rename":
        members[0] = (draw(st.sampled_from([name[:-4], name.upper(), f"sub/{name}", f"{name}.npy", f"../{name}"])),
                      data)
    elif change == "drop":
        members = members[1:]
    elif change == "duplicate":
        members.append((name, npy_bytes(np.zeros((2, 4, 4), np.uint8))))
    elif change == "junk":
        members.append(("readme.txt", b"not an array"))
    elif change == "junk-named-npy":
        members[0] = (name, b"\x93NUMPY junk" if draw(st.booleans()) else b"not an array at all")
    return members, change != "none"


@given(file=array_files(), spec_kind=st.sampled_from(["npz", "npy"]))
@examples(1.5)
def test_array_files_give_a_dataset_or_a_data_error(file: ArrayFile, spec_kind: str):
    with tempfile.TemporaryDirectory() as folder, dataset_limit() as limit, warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # NaN and overflow in a cast: the loader's to judge
        path = Path(folder) / f"fuzzed{file.suffix}"
        path.write_bytes(file.data)
        outcome, message = check_outcome(f"{spec_kind}:load_dataset", lambda: load_dataset(f"{spec_kind}:{path}"))
        if file.declared is not None and file.declared > limit:
            # Past the limit: a file holding less than it declares is refused (images that
            # are really there would go to the data cache instead).
            assert outcome == "error" and ("AEGUI_MAX_DATASET_MB" in message
                                           or "more data than the file holds" in message), message
