"""Datasets larger than the memory limit: converted once into a memory-mapped uint8 file in
the cache folder, reused while the source is unchanged, split and trained on in place with
bounded resident memory."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from aegui.core.config import ExperimentConfig
from aegui.core.data import folder as folder_module
from aegui.core.data import load_dataset, mapped, split_dataset
from aegui.core.errors import DataError
from aegui.core.training import Trainer


@pytest.fixture(autouse=True)
def small_limit(tmp_path, monkeypatch):
    """A 0.1 MB memory limit, and a cache folder of the test's own."""
    monkeypatch.setenv("AEGUI_MAX_DATASET_MB", "0.1")
    monkeypatch.setenv("AEGUI_CACHE_DIR", str(tmp_path / "cache"))


def _photos(count: int, side: int = 16, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (count, side, side, 3), dtype=np.uint8)


def _folder(root: Path, images: np.ndarray, classes: int = 2) -> Path:
    for i, image in enumerate(images):
        target = root / f"class{i % classes}"
        target.mkdir(parents=True, exist_ok=True)
        Image.fromarray(image).save(target / f"{i:04d}.png")
    return root


def test_a_folder_past_the_memory_limit_is_mapped_and_reused(tmp_path, monkeypatch):
    photos = _photos(300)  # 230 kB of pixels: past the 0.1 MB limit
    root = _folder(tmp_path / "photos", photos)
    first = load_dataset(f"folder:{root}")
    assert first.mapped is not None and first.mapped.path.is_relative_to(mapped.datasets_dir())
    assert len(first) == 300 and first.shape == (3, 16, 16) and first.class_names == ("class0", "class1")
    assert any("memory limit" in note for note in first.notes)
    # The same pixels as a load into memory, in the folder's order, with the class labels.
    order = [int(p.stem) for c in ("class0", "class1") for p in sorted((root / c).iterdir())]
    assert torch.equal(first.images, torch.from_numpy(photos[order]).permute(0, 3, 1, 2))
    assert first.labels.tolist() == [0] * 150 + [1] * 150
    # The second load decodes nothing: it opens the cache file.
    monkeypatch.setattr(folder_module, "_decode", lambda *a: pytest.fail("decoded again"))
    again = load_dataset(f"folder:{root}")
    assert again.mapped.path == first.mapped.path and torch.equal(again.images, first.images)
    # An edited folder is read afresh.
    cache = str(mapped.cache_root())
    monkeypatch.undo()
    monkeypatch.setenv("AEGUI_CACHE_DIR", cache)  # undo() took the fixture's settings too
    monkeypatch.setenv("AEGUI_MAX_DATASET_MB", "0.1")
    Image.fromarray(photos[0]).save(root / "class0" / "extra.png")
    changed = load_dataset(f"folder:{root}")
    assert len(changed) == 301 and changed.mapped.path != first.mapped.path


def test_arrays_past_the_limit_are_streamed_into_the_cache(tmp_path):
    photos = _photos(500)
    np.save(tmp_path / "photos.npy", photos)
    floats = photos.astype(np.float32) / 255.0  # [0, 1] floats: the two-pass conversion
    np.savez_compressed(tmp_path / "photos.npz", images=floats, labels=np.arange(500) % 4)
    expected = torch.from_numpy(photos).permute(0, 3, 1, 2)
    seen: list[tuple[int, int]] = []
    npy = load_dataset(f"npy:{tmp_path / 'photos.npy'}", progress=lambda done, total: seen.append((done, total)))
    assert npy.mapped is not None and torch.equal(npy.images, expected)
    assert seen[-1] == (500, 500)
    npz = load_dataset(f"npz:{tmp_path / 'photos.npz'}")
    assert npz.mapped is not None and torch.equal(npz.images, expected)
    assert npz.labels.tolist() == [i % 4 for i in range(500)] and npz.class_names == ("0", "1", "2", "3")


def test_nan_in_a_streamed_array_is_refused_and_leaves_no_cache(tmp_path):
    floats = np.random.default_rng(0).random((400, 16, 16), dtype=np.float32)
    floats[399, 3, 3] = np.nan
    np.save(tmp_path / "bad.npy", floats)
    with pytest.raises(DataError, match="NaN"):
        load_dataset(f"npy:{tmp_path / 'bad.npy'}")
    assert not any(mapped.datasets_dir().iterdir()) if mapped.datasets_dir().exists() else True


def test_a_cancelled_conversion_leaves_nothing_behind(tmp_path):
    np.save(tmp_path / "photos.npy", _photos(2000))  # several chunks

    class Cancelled(Exception):
        pass

    def cancel(done: int, total: int) -> None:
        raise Cancelled

    mapped.CHUNK_BYTES, saved = 64 * 1024, mapped.CHUNK_BYTES
    try:
        with pytest.raises(Cancelled):
            load_dataset(f"npy:{tmp_path / 'photos.npy'}", progress=cancel)
    finally:
        mapped.CHUNK_BYTES = saved
    assert list(mapped.datasets_dir().iterdir()) == []
    assert load_dataset(f"npy:{tmp_path / 'photos.npy'}").mapped is not None  # and a new try works


def test_a_cache_folder_that_cannot_be_written_says_so(tmp_path, monkeypatch):
    np.save(tmp_path / "photos.npy", _photos(500))
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("AEGUI_CACHE_DIR", str(blocked))
    with pytest.raises(DataError, match="Could not write the data cache .*AEGUI_CACHE_DIR"):
        load_dataset(f"npy:{tmp_path / 'photos.npy'}")


def test_too_little_disk_for_the_cache_says_so(tmp_path, monkeypatch):
    np.save(tmp_path / "photos.npy", _photos(500))
    monkeypatch.setattr(mapped.shutil, "disk_usage", lambda path: type("U", (), {"free": 10 * 2**20})())
    with pytest.raises(DataError, match="needs .* free there.*AEGUI_CACHE_DIR"):
        load_dataset(f"npy:{tmp_path / 'photos.npy'}")


def test_a_split_of_a_mapped_dataset_is_mapped_too(tmp_path):
    np.save(tmp_path / "photos.npy", _photos(500))
    data = load_dataset(f"npy:{tmp_path / 'photos.npy'}")
    split = split_dataset(data, 0.2, seed=3)
    if sys.platform.startswith("linux"):  # the scattered rows were read without the mapping
        assert _resident_bytes(data.mapped.path) == 0
    for part in (split.train, split.val):
        assert part.mapped is not None and part.mapped.path != data.mapped.path
        assert torch.equal(part.images, data.images[part.rows])
    again = split_dataset(data, 0.2, seed=3)
    assert again.train.mapped.path == split.train.mapped.path  # the same rows: the same file
    assert mapped.cache_size() >= 2 * data.images.numel()
    # The same row numbers of two different parents are different images, in different files.
    other = split_dataset(data, 0.2, seed=4)
    every = torch.arange(len(split.train))
    a, b = split.train.subset(every), other.train.subset(every)
    assert a.mapped.path != b.mapped.path
    assert torch.equal(a.images, split.train.images) and torch.equal(b.images, other.train.images)
    assert mapped.clear_cache() > 0 and mapped.cache_size() == 0


def _resident_bytes(path: Path) -> int:
    """How much of the file ``path`` this process has resident (Linux's smaps)."""
    total, inside = 0, False
    for line in Path("/proc/self/smaps").read_text().splitlines():
        if line[:1].isdigit() or line[:1] in "abcdef" and "-" in line.split()[0]:
            inside = line.rstrip().endswith(str(path))
        elif inside and line.startswith("Rss:"):
            total += int(line.split()[1]) * 1024
    return total


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/smaps")
def test_scattered_rows_of_a_mapped_dataset_are_read_without_the_mapping(tmp_path):
    """take() (the PCA sample, the Latent tab's sample, the probe's pixels) reads rows with
    pread; through the mapping, a few scattered rows leave much of the file resident."""
    np.save(tmp_path / "photos.npy", _photos(4000))
    data = load_dataset(f"npy:{tmp_path / 'photos.npy'}")
    rows = np.random.default_rng(0).permutation(len(data))[:300]
    assert torch.equal(mapped.take(data.images, rows), data.images[torch.from_numpy(rows)].clone())
    data.release_pages()
    assert _resident_bytes(data.mapped.path) == 0
    mapped.take(data.images, rows)
    assert _resident_bytes(data.mapped.path) == 0
    memory = torch.zeros(10, 3, 4, 4, dtype=torch.uint8)
    assert torch.equal(mapped.take(memory, np.array([3, 1])), memory[[3, 1]])  # in memory: plain indexing


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/smaps")
def test_training_on_a_mapped_dataset_keeps_its_pages_out_of_memory(tmp_path, monkeypatch):
    """An epoch reads every training image in random order, yet the training file's pages
    never pile up in the process: batches are read from the file, not the mapping."""
    np.save(tmp_path / "photos.npy", _photos(3000, side=32))  # 9.2 MB of pixels
    split = split_dataset(load_dataset(f"npy:{tmp_path / 'photos.npy'}"), 0.1, seed=0)
    train_file = split.train.mapped.path
    resident: list[int] = []
    gather = mapped.MappedImages.gather

    def measured(self, index):
        rows = gather(self, index)
        if self.path == train_file:
            resident.append(_resident_bytes(train_file))
        return rows

    monkeypatch.setattr(mapped.MappedImages, "gather", measured)
    config = ExperimentConfig(model="conv-ae", latent_dim=4, hidden=4, depth=1, epochs=1, batch_size=64,
                              device="cpu")
    trainer = Trainer(config, split)
    reports = list(trainer.fit())
    assert reports[-1].completed and len(resident) == trainer.steps_per_epoch()
    assert max(resident) <= 64 * 4096  # next to nothing of the 8.3 MB file
    # Reading through the mapping instead leaves the pages resident (what this guards against).
    touched = split.train.images[torch.randperm(len(split.train))[:600]].sum()
    assert touched > 0 and _resident_bytes(train_file) > 16 * 64 * 4096
    split.train.release_pages()
    assert _resident_bytes(train_file) == 0
