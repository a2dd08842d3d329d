"""Files the loader fuzz tests (tests/fuzz) found to escape as something other than one
clean DataError, or to cost memory or time out of all proportion; one test per finding."""

from __future__ import annotations

import gzip
import io
import os
import struct
import tracemalloc
import zipfile

import numpy as np
import pytest
from PIL import Image

from aegui.core.data import load_dataset
from aegui.core.data.folder import list_images
from aegui.core.data.idx import read_idx
from aegui.core.errors import DataError


@pytest.mark.parametrize("dims", [(0, 2**32 - 1, 2**32 - 1), (2**32 - 1, 2**32 - 1, 0)])
def test_an_idx_declaring_an_empty_array_too_big_to_shape_is_refused(tmp_path, dims):
    # No bytes at all, yet numpy raised ValueError: the other sizes pass any array numpy can index.
    path = tmp_path / "e-images-idx3-ubyte"
    path.write_bytes(bytes([0, 0, 8, 3]) + struct.pack(">3I", *dims))
    with pytest.raises(DataError, match="empty array"):
        read_idx(path)


@pytest.mark.parametrize("value", [np.nan, 1.5, 1.8844663928871452672e19])
def test_idx_labels_that_are_no_whole_numbers_are_refused(tmp_path, value):
    # Cast straight to int64, NaN became the class "-9223372036854775808" and 1.9e19 wrapped round.
    (tmp_path / "t-images-idx3-ubyte").write_bytes(bytes([0, 0, 8, 3]) + struct.pack(">3I", 2, 4, 4) + bytes(32))
    labels = np.array([value, 1.0], ">f4").tobytes()
    (tmp_path / "t-labels-idx1-ubyte").write_bytes(bytes([0, 0, 0x0D, 1]) + struct.pack(">I", 2) + labels)
    with pytest.raises(DataError, match="whole numbers"):
        load_dataset(f"idx:{tmp_path / 't-images-idx3-ubyte'}")


def _npy(header: str, body: bytes = bytes(16), version: int = 1) -> bytes:
    text = header.encode("latin1")
    width = 2 if version == 1 else 4
    text += b" " * (-(len(text) + 9 + width) % 64) + b"\n"
    return b"\x93NUMPY" + bytes([version, 0]) + len(text).to_bytes(width, "little") + text + body


def test_an_npy_header_that_is_not_python_syntax_is_a_clean_error(tmp_path):
    # The "{" flipped to "z": numpy's fallback header parser raised tokenize.TokenError.
    path = tmp_path / "z.npy"
    path.write_bytes(_npy("z'descr': '|u1', 'fortran_order': False, 'shape': (1, 4, 4), }"))
    with pytest.raises(DataError, match="damaged"):
        load_dataset(f"npy:{path}")


def test_an_npy_shape_holding_true_is_a_clean_error(tmp_path):
    # numpy's header check takes True for an int, then reshape raised TypeError.
    path = tmp_path / "t.npy"
    path.write_bytes(_npy("{'descr': '|u1', 'fortran_order': False, 'shape': (True, 8, 8), }", bytes(64)))
    with pytest.raises(DataError, match="not whole numbers"):
        load_dataset(f"npy:{path}")


def test_an_npy_header_length_of_gigabytes_is_refused_before_it_is_read(tmp_path):
    # Four bytes of a format 2.0 header claimed 3 GB; numpy reads that much before it checks.
    path = tmp_path / "h.npy"
    path.write_bytes(b"\x93NUMPY\x02\x00" + (3 << 30).to_bytes(4, "little") + bytes(64))
    with pytest.raises(DataError, match="header claims"):
        load_dataset(f"npy:{path}")
    path.write_bytes(b"\x93NUMPY\x06\x2b" + bytes(64))  # and a format version numpy has never had
    with pytest.raises(DataError, match="format version"):
        load_dataset(f"npy:{path}")


def test_an_encrypted_npz_member_is_a_clean_error(tmp_path):
    # zipfile raised RuntimeError asking for a password.
    path = tmp_path / "e.npz"
    np.savez(path, images=np.zeros((4, 8, 8), np.uint8))
    data = bytearray(path.read_bytes())
    for signature, flags in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        data[data.index(signature) + flags] |= 1
    path.write_bytes(bytes(data))
    with pytest.raises(DataError, match="encrypted"):
        load_dataset(f"npz:{path}")


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_damaged_compressed_npz_members_are_a_clean_error(tmp_path, method):
    # Damaged LZMA data raised lzma.LZMAError, which is neither an OSError nor a ValueError.
    path = tmp_path / "c.npz"
    with zipfile.ZipFile(path, "w", method) as archive:
        archive.writestr("images.npy", _npy("{'descr': '|u1', 'fortran_order': False, 'shape': (4, 8, 8), }",
                                            bytes(range(256))))
    data = bytearray(path.read_bytes())
    start = data.index(b"images.npy") + len("images.npy")
    data[start + 4:start + 24] = bytes(range(100, 120))  # inside the compressed member
    path.write_bytes(bytes(data))
    with pytest.raises(DataError, match="damaged"):
        load_dataset(f"npz:{path}")


def test_an_npy_that_is_also_a_zip_has_its_header_checked(tmp_path):
    # zipfile.is_zipfile said yes (a zip follows), so the .npy header went unchecked, and
    # numpy (which goes by the first bytes) tried to allocate the terabyte it declares.
    header = _npy("{'descr': '|u1', 'fortran_order': False, 'shape': (1000000, 1000, 1000), }")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("images.npy", _npy("{'descr': '|u1', 'fortran_order': False, 'shape': (1, 4, 4), }"))
    path = tmp_path / "both.npz"
    path.write_bytes(header + archive.getvalue())
    assert zipfile.is_zipfile(path)
    with pytest.raises(DataError, match="more data than the file holds"):
        load_dataset(f"npz:{path}")


@pytest.mark.parametrize("kind", ["idx", "idx.gz", "npy", "npz"])
def test_a_short_file_declaring_gigabytes_within_the_limit_is_refused_unallocated(tmp_path, kind):
    # 1.6 GB declared (under the 4 GB default) by a 32-byte file: each reader allocated it all
    # before finding the file short; test_memory_budget checks this under a hard memory limit.

    if kind.startswith("idx"):
        data = bytes([0, 0, 8, 3]) + struct.pack(">3I", 1, 40000, 40000) + bytes(16)
        path = tmp_path / ("s-images-idx3-ubyte" + (".gz" if kind == "idx.gz" else ""))
        path.write_bytes(gzip.compress(data) if kind == "idx.gz" else data)
        spec = f"idx:{path}"
    else:
        npy = _npy("{'descr': '|u1', 'fortran_order': False, 'shape': (1, 40000, 40000), }")
        path = tmp_path / f"s.{kind}"
        if kind == "npy":
            path.write_bytes(npy)
        else:
            with zipfile.ZipFile(path, "w") as archive:
                archive.writestr("images.npy", npy)
        spec = f"{kind}:{path}"
    tracemalloc.start()  # numpy reports its allocations to tracemalloc too
    try:
        with pytest.raises(DataError, match="truncated"):
            load_dataset(spec)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 2**20, f"{peak >> 20} MB allocated for a 32-byte file"


def _digit(path) -> None:
    Image.fromarray(np.full((8, 8), 99, np.uint8)).save(path)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_links_back_up_are_not_searched_again(tmp_path):
    # One link to itself listed every image of the class 33 times (once per level searched);
    # with a second link to the parent the search doubled at every level and never ended.
    (tmp_path / "a" / "sub").mkdir(parents=True)
    (tmp_path / "b").mkdir()
    _digit(tmp_path / "a" / "x.png")
    _digit(tmp_path / "b" / "y.png")
    os.symlink(".", tmp_path / "a" / "again")
    os.symlink("..", tmp_path / "a" / "up")
    os.symlink("..", tmp_path / "a" / "sub" / "up")
    os.symlink(".", tmp_path / "loop")  # beside the classes, a link to the folder itself
    files, labels, names = list_images(tmp_path)
    assert [f.name for f in files] == ["x.png", "y.png"] and names == ("a", "b") and labels == [0, 1]


@pytest.mark.parametrize(("mode", "fmt"), [("P", "GIF"), ("P", "PNG"), ("1", "PNG"), ("I;16", "PNG")])
def test_big_palette_1_bit_and_16_bit_images_are_shrunk_not_skipped(tmp_path, mode, fmt):
    # Image.reduce cannot shrink these modes: every one over 4× the target size was skipped.
    Image.new(mode, (300, 300), 1).save(tmp_path / f"big.{fmt.lower()}", fmt)
    data = load_dataset(f"folder:{tmp_path}")
    assert len(data) == 1 and data.skipped == 0 and data.images.shape[2:] == (64, 64)


def test_a_lab_tiff_loads_as_gray(tmp_path):
    # Pillow has no LAB-to-L conversion: with color="gray" the image was skipped.
    Image.new("LAB", (8, 8), (128, 0, 0)).save(tmp_path / "lab.tif")
    data = load_dataset(f"folder:{tmp_path}", color="gray")
    assert len(data) == 1 and int(data.images[0, 0, 0, 0]) == 128
