"""Hostile and broken dataset files: each is one clean DataError, and what a file
declares is checked against the memory limit before anything is allocated."""

from __future__ import annotations

import gzip
import io
import struct
import zipfile
from pathlib import Path

import numpy as np
import pytest

from aegui.core.data import load_dataset
from aegui.core.data.idx import read_idx
from aegui.core.data.limits import max_dataset_bytes
from aegui.core.errors import DataError


def _idx(dims: tuple[int, ...], body: bytes, dtype: int = 0x08) -> bytes:
    return bytes([0, 0, dtype, len(dims)]) + struct.pack(f">{len(dims)}I", *dims) + body


def test_dimensions_whose_product_overflows_are_refused(tmp_path):
    path = tmp_path / "huge-images-idx3-ubyte"
    path.write_bytes(bytes([0, 0, 8, 3]) + struct.pack(">3I", 2**31, 2**31, 4))
    with pytest.raises(DataError, match="more than the"):
        read_idx(path)


def test_an_absurd_number_of_dimensions_is_refused(tmp_path):
    path = tmp_path / "x-images-idx3-ubyte"
    path.write_bytes(bytes([0, 0, 8, 255]) + b"\0" * 1024)
    with pytest.raises(DataError, match="255 dimensions"):
        read_idx(path)


def test_a_corrupt_gzip_is_a_clean_error(tmp_path):
    good = gzip.compress(_idx((2, 2, 2), bytes(8)))
    path = tmp_path / "t-images-idx3-ubyte.gz"
    path.write_bytes(good[:-8] + b"\0" * 8)  # a wrong checksum: zlib and gzip object
    with pytest.raises(DataError, match="damaged"):
        read_idx(path)


def test_a_gzip_bomb_is_refused_from_its_header(tmp_path, monkeypatch):
    monkeypatch.setenv("AEGUI_MAX_DATASET_MB", "1")
    # 1 image of 2000×2000 declared (4 MB), behind a gzip of a few kilobytes.
    path = tmp_path / "bomb-images-idx3-ubyte.gz"
    path.write_bytes(gzip.compress(_idx((1, 2000, 2000), bytes(4_000_000))))
    assert path.stat().st_size < 50_000
    with pytest.raises(DataError, match="AEGUI_MAX_DATASET_MB"):
        read_idx(path)


def test_more_data_than_the_header_declares_is_refused(tmp_path):
    path = tmp_path / "long-images-idx3-ubyte.gz"
    path.write_bytes(gzip.compress(_idx((1, 2, 2), bytes(4) + bytes(10_000))))
    with pytest.raises(DataError, match="more data than its header"):
        read_idx(path)


def _npy_with_declared_shape(shape: tuple[int, ...]) -> bytes:
    """An .npy whose header claims ``shape`` of uint8 but which holds almost nothing."""
    out = io.BytesIO()
    np.lib.format.write_array_header_1_0(out, {"descr": "|u1", "fortran_order": False, "shape": shape})
    return out.getvalue() + bytes(16)


def test_an_npz_declaring_terabytes_is_refused_before_allocating(tmp_path):
    path = tmp_path / "claims.npz"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("images.npy", _npy_with_declared_shape((10**7, 10**3, 10**3)))
    assert path.stat().st_size < 1000
    with pytest.raises(DataError, match="header declares .* more data than the file holds"):
        load_dataset(f"npz:{path}")


def test_an_npy_declaring_too_much_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("AEGUI_MAX_DATASET_MB", "1")
    path = tmp_path / "claims.npy"
    path.write_bytes(_npy_with_declared_shape((100, 1000, 1000)))
    with pytest.raises(DataError, match="header declares .* more data than the file holds"):
        load_dataset(f"npy:{path}")


@pytest.mark.parametrize("damage", ["member", "compression"])
def test_a_damaged_npz_member_is_a_clean_error(tmp_path, damage):
    path = tmp_path / "d.npz"
    np.savez_compressed(path, images=np.zeros((8, 4, 4), np.uint8))
    data = bytearray(path.read_bytes())
    if damage == "member":
        data[60:80] = b"\xff" * 20  # inside the compressed array
    else:
        central = data.index(b"PK\x01\x02")
        data[central + 10] = 99  # a compression method no reader knows
    path.write_bytes(bytes(data))
    with pytest.raises(DataError):
        load_dataset(f"npz:{path}")


def test_the_limit_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("AEGUI_MAX_DATASET_MB", "2")
    assert max_dataset_bytes() == 2 * 2**20
    monkeypatch.setenv("AEGUI_MAX_DATASET_MB", "lots")
    assert max_dataset_bytes() == 4096 * 2**20  # a value that is no number: the default


# -- image folders --------------------------------------------------------------------------
def _digits(folder, count=3):
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        Image.fromarray(np.full((8, 8), 40 * i, np.uint8)).save(folder / f"ok{i}.png")


def test_a_decompression_bomb_is_skipped_not_fatal(tmp_path):
    from PIL import Image

    _digits(tmp_path)
    Image.new("1", (20000, 20000)).save(tmp_path / "bomb.png")  # 400 megapixels in a few KB
    assert (tmp_path / "bomb.png").stat().st_size < 200_000
    data = load_dataset(f"folder:{tmp_path}")
    assert len(data) == 3 and data.skipped_files == ("bomb.png",)


def test_a_lab_tiff_loads_as_gray_or_is_skipped_cleanly(tmp_path):
    from PIL import Image

    _digits(tmp_path)
    Image.new("LAB", (8, 8), (50, 0, 0)).save(tmp_path / "lab.tif")
    data = load_dataset(f"folder:{tmp_path}", color="gray")  # no ValueError escapes
    assert len(data) + data.skipped == 4


def test_deep_nesting_is_no_recursion_error(tmp_path, monkeypatch):
    import os

    _digits(tmp_path / "class-a")
    (tmp_path / "class-b").mkdir()
    monkeypatch.chdir(tmp_path / "class-b")
    levels = 1100
    try:
        for _ in range(levels):  # relative steps: the whole path is longer than the system allows
            os.mkdir("d")
            os.chdir("d")
        _digits(Path("."), 1)  # at the bottom, beyond what is searched
        monkeypatch.chdir(tmp_path)
        data = load_dataset(f"folder:{tmp_path}")
        assert data.class_names == ("class-a",) and len(data) == 3
    finally:
        _remove_chain(tmp_path / "class-b", levels)


def _remove_chain(top: Path, levels: int) -> None:
    """Delete the chain of folders step by step: shutil.rmtree (and pytest's clean-up of
    old temporary folders) recurses once per level and would fail on it."""
    import os

    here = os.getcwd()
    try:
        os.chdir(top)
        depth = 0
        while depth < levels and os.path.isdir("d"):
            os.chdir("d")
            depth += 1
        for name in os.listdir("."):
            os.remove(name)
        for _ in range(depth):
            os.chdir("..")
            os.rmdir("d")
    finally:
        os.chdir(here)


def test_an_unreadable_class_folder_is_named(tmp_path, monkeypatch):
    _digits(tmp_path / "a")
    _digits(tmp_path / "b")
    real_iterdir = Path.iterdir

    def iterdir(self):
        if self.name == "b":
            raise PermissionError(13, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    data = load_dataset(f"folder:{tmp_path}")
    assert data.class_names == ("a",) and any("b/" in note for note in data.notes)


def test_an_unreadable_folder_is_a_clean_error(tmp_path, monkeypatch):
    _digits(tmp_path)

    def iterdir(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", iterdir)
    with pytest.raises(DataError, match="Could not read the folder"):
        load_dataset(f"folder:{tmp_path}")


def test_16_bit_pngs_keep_their_grey_levels(tmp_path):
    from PIL import Image

    ramp = (np.arange(64, dtype=np.uint16).reshape(8, 8) * 1024)  # 0 … 64,512 of 65,535
    Image.fromarray(ramp).save(tmp_path / "ramp.png")
    Image.fromarray(ramp).save(tmp_path / "ramp2.png")
    data = load_dataset(f"folder:{tmp_path}")
    values = data.images[0, 0].numpy()
    assert len(np.unique(values)) > 32  # not just {0, 255}
    assert abs(int(values.max()) - 251) <= 2
