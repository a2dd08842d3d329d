import gzip
import hashlib
import socket
import struct
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from aegui.core.data import load_dataset, parse_spec, split_dataset
from aegui.core.data.bundled import bundled_mnist_path
from aegui.core.errors import DataError

MNIST_SHA256 = "0217e13bd0668deb198aa7d305edbf0331eb89f8a6e7dd226e03d1aa3a9bd4ef"


def test_bundled_mnist_is_the_real_data(mnist):
    digest = hashlib.sha256(open(bundled_mnist_path(), "rb").read()).hexdigest()
    assert digest == MNIST_SHA256
    assert mnist.images.shape == (10000, 1, 28, 28) and mnist.images.dtype == torch.uint8
    assert mnist.class_names == tuple("0123456789")
    assert mnist.class_counts().min() > 800 and mnist.class_counts().sum() == 10000
    assert 20 < mnist.images.float().mean() < 50  # mostly black background, white strokes


def test_split_is_seeded_shuffled_and_disjoint(tiny_mnist):
    a = split_dataset(tiny_mnist, 0.25, seed=3)
    b = split_dataset(tiny_mnist, 0.25, seed=3)
    c = split_dataset(tiny_mnist, 0.25, seed=4)
    assert len(a.val) == 64 and len(a.train) == 192
    assert torch.equal(a.val.images, b.val.images)
    assert not torch.equal(a.val.images, c.val.images)
    assert len(torch.unique(a.val.labels)) > 5  # shuffled, not the first classes only


def _write_idx(path, array, gz=False):
    codes = {np.uint8: 0x08}
    header = bytes([0, 0, codes[array.dtype.type], array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    data = header + array.astype(">u1").tobytes()
    if gz:
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)


@pytest.mark.parametrize("gz", [False, True])
def test_idx_folder_and_pair(tmp_path, tiny_mnist, gz):
    images = tiny_mnist.images[:40, 0].numpy()
    labels = tiny_mnist.labels[:40].numpy().astype(np.uint8)
    ext = ".gz" if gz else ""
    _write_idx(tmp_path / f"train-images-idx3-ubyte{ext}", images[:30], gz)
    _write_idx(tmp_path / f"train-labels-idx1-ubyte{ext}", labels[:30], gz)
    _write_idx(tmp_path / f"t10k-images-idx3-ubyte{ext}", images[30:], gz)
    _write_idx(tmp_path / f"t10k-labels-idx1-ubyte{ext}", labels[30:], gz)
    folder = load_dataset(f"idx:{tmp_path}")
    assert folder.images.shape == (40, 1, 28, 28)
    assert np.array_equal(folder.images[:, 0].numpy(), images)
    pair = load_dataset(f"idx:{tmp_path}/t10k-images-idx3-ubyte{ext},{tmp_path}/t10k-labels-idx1-ubyte{ext}")
    assert len(pair) == 10
    assert [pair.class_names[i] for i in pair.labels] == [str(v) for v in labels[30:]]


def test_idx_truncated_file_is_a_clear_error(tmp_path):
    header = bytes([0, 0, 8, 3]) + struct.pack(">3I", 10, 28, 28)
    (tmp_path / "bad-images-idx3-ubyte").write_bytes(header + b"\0" * 50)  # 10 images declared
    with pytest.raises(DataError, match="truncated"):
        load_dataset(f"idx:{tmp_path}/bad-images-idx3-ubyte")


def test_folder_with_classes_skips_a_corrupt_png(tmp_path, tiny_mnist):
    for cls in ("cat", "dog"):
        (tmp_path / cls).mkdir()
        for i in range(3):
            Image.fromarray(tiny_mnist.images[i, 0].numpy()).save(tmp_path / cls / f"{i}.png")
    (tmp_path / "dog" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nthis is not a png")
    data = load_dataset(f"folder:{tmp_path}")
    assert data.images.shape == (6, 1, 28, 28)
    assert data.skipped == 1
    assert data.class_names == ("cat", "dog")
    assert data.labels.tolist() == [0, 0, 0, 1, 1, 1]
    assert data.skipped_files == ("dog/broken.png",)  # named, so the user can find it


def test_flat_rgb_folder_is_unlabeled_and_resized(tmp_path):
    rng = np.random.default_rng(0)
    for i, size in enumerate([(40, 30), (50, 50), (64, 48)]):
        Image.fromarray(rng.integers(0, 255, (*size, 3), dtype=np.uint8)).save(tmp_path / f"{i}.jpg")
    data = load_dataset(f"folder:{tmp_path}", image_size=32)
    assert data.images.shape == (3, 3, 32, 32)
    assert data.labels is None
    gray = load_dataset(f"folder:{tmp_path}", image_size=16, color="gray")
    assert gray.images.shape == (3, 1, 16, 16)


def test_empty_folder_is_a_clear_error(tmp_path):
    with pytest.raises(DataError, match="No images found"):
        load_dataset(f"folder:{tmp_path}")


def test_folder_of_only_corrupt_files(tmp_path):
    (tmp_path / "a.png").write_bytes(b"nope")
    with pytest.raises(DataError, match="could be read"):
        load_dataset(f"folder:{tmp_path}")


@pytest.mark.parametrize("layout", ["nhw", "nhwc", "nchw_float"])
def test_npz_layouts(tmp_path, layout):
    rng = np.random.default_rng(0)
    base = rng.integers(0, 256, (5, 12, 12, 3), dtype=np.uint8)
    if layout == "nhw":
        images, keys = base[..., 0], ("x", "y")
    elif layout == "nhwc":
        images, keys = base, ("images", "labels")
    else:
        images, keys = np.moveaxis(base, -1, 1).astype(np.float32) / 255.0, ("images", "labels")
    np.savez(tmp_path / "a.npz", **{keys[0]: images, keys[1]: np.array([3, 3, 7, 7, 9])})
    data = load_dataset(f"npz:{tmp_path / 'a.npz'}")
    assert data.images.shape == ((5, 1, 12, 12) if layout == "nhw" else (5, 3, 12, 12))
    assert np.array_equal(data.images[:, 0].numpy(), base[..., 0])
    assert data.class_names == ("3", "7", "9") and data.labels.tolist() == [0, 0, 1, 1, 2]


def test_npy_single_array(tmp_path):
    np.save(tmp_path / "a.npy", np.zeros((4, 20, 20), np.uint8))
    data = load_dataset(f"npy:{tmp_path / 'a.npy'}")
    assert data.shape == (1, 20, 20) and data.labels is None


def test_bad_arrays_are_clear_errors(tmp_path):
    np.save(tmp_path / "flat.npy", np.zeros((4, 20), np.uint8))
    with pytest.raises(DataError, match="stack of images"):
        load_dataset(f"npy:{tmp_path / 'flat.npy'}")
    np.savez(tmp_path / "mismatch.npz", x=np.zeros((4, 8, 8)), y=np.zeros(3))
    with pytest.raises(DataError, match="4 images but 3 labels"):
        load_dataset(f"npz:{tmp_path / 'mismatch.npz'}")
    (tmp_path / "junk.npz").write_bytes(b"not a zip at all")
    with pytest.raises(DataError, match="not a valid .npz or .npy file"):
        load_dataset(f"npz:{tmp_path / 'junk.npz'}")


def test_plural_in_the_label_count_message(tmp_path):
    np.savez(tmp_path / "one.npz", x=np.zeros((1, 8, 8)), y=np.zeros(2))
    with pytest.raises(DataError, match="1 image but 2 labels"):
        load_dataset(f"npz:{tmp_path / 'one.npz'}")


def _array_file_error(path) -> str:
    with pytest.raises(DataError) as info:
        load_dataset(f"npz:{path}" if path.suffix != ".npy" else f"npy:{path}")
    message = str(info.value)
    assert "pickle" not in message.lower()  # never a hint to load a file unsafely
    return message


@pytest.mark.parametrize("content", [b"\x00\x01garbage" * 300, b"my notes about the run\n"],
                         ids=["random-bytes", "text"])
@pytest.mark.parametrize("name", ["data.npz", "data.npy"])
def test_a_file_that_is_no_numpy_file_says_so(tmp_path, content, name):
    path = tmp_path / name
    path.write_bytes(content)
    message = _array_file_error(path)
    assert message.startswith(f"{name} is not a valid .npz or .npy file") and "numpy.savez" in message


def test_truncated_array_files_say_they_are_damaged(tmp_path):
    np.savez(tmp_path / "full.npz", images=np.zeros((50, 28, 28), np.uint8))
    data = (tmp_path / "full.npz").read_bytes()
    (tmp_path / "cut.npz").write_bytes(data[: len(data) // 2])
    assert "truncated or damaged" in _array_file_error(tmp_path / "cut.npz")
    np.save(tmp_path / "full.npy", np.zeros((50, 28, 28), np.uint8))
    data = (tmp_path / "full.npy").read_bytes()
    (tmp_path / "cut.npy").write_bytes(data[: len(data) // 2])
    assert "truncated or damaged" in _array_file_error(tmp_path / "cut.npy")


def test_object_arrays_are_refused_without_suggesting_pickle(tmp_path):
    objects = np.array([np.zeros((8, 8)), "a digit", None], dtype=object)
    np.savez(tmp_path / "objects.npz", images=objects)
    message = _array_file_error(tmp_path / "objects.npz")
    assert "Python objects" in message and "'images'" in message
    np.save(tmp_path / "objects.npy", objects)
    assert "Python objects" in _array_file_error(tmp_path / "objects.npy")


def test_unknown_spec_and_missing_paths():
    with pytest.raises(DataError, match="Unknown dataset"):
        parse_spec("imagenet-please")
    with pytest.raises(DataError, match="No such"):
        load_dataset("npz:/definitely/not/here.npz")
    with pytest.raises(DataError, match="Unknown torchvision dataset"):
        load_dataset("torchvision:ImageNet")


def test_torchvision_missing_files_name_the_folder(tmp_path):
    with pytest.raises(DataError) as info:
        load_dataset(f"torchvision:FashionMNIST@{tmp_path}")
    message = str(info.value)
    assert str(tmp_path / "FashionMNIST") in message and "download" in message


def test_torchvision_download_without_network_is_clear(tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    with pytest.raises(DataError) as info:
        load_dataset(f"torchvision:MNIST@{tmp_path}", download=True)
    message = str(info.value)
    assert "Could not download MNIST" in message and str(tmp_path / "MNIST") in message
    assert "network" in message and "\n" not in message


def test_torchvision_reads_files_already_on_disk(tmp_path, tiny_mnist):
    """A dataset downloaded earlier is found offline, in torchvision's folder layout."""
    raw = tmp_path / "MNIST" / "raw"
    raw.mkdir(parents=True)
    images = tiny_mnist.images[:, 0].numpy()
    labels = tiny_mnist.labels.numpy().astype(np.uint8)
    for part, sl in (("train", slice(0, 200)), ("t10k", slice(200, 256))):
        _write_idx(raw / f"{part}-images-idx3-ubyte", images[sl])
        _write_idx(raw / f"{part}-labels-idx1-ubyte", labels[sl])
    data = load_dataset(f"torchvision:mnist@{tmp_path}")
    assert data.images.shape == (256, 1, 28, 28)
    assert data.class_names[0] == "zero"
    assert np.array_equal(data.images[:, 0].numpy(), images)


def test_downloads_go_to_the_platforms_cache_folder_apart_from_the_data_cache(monkeypatch, tmp_path):
    """Removing the data cache (Preferences) must not delete downloaded datasets."""
    from aegui.core.data import default_root
    from aegui.core.data.mapped import datasets_dir

    monkeypatch.delenv("AEGUI_DATA", raising=False)
    monkeypatch.delenv("AEGUI_CACHE_DIR", raising=False)
    monkeypatch.setenv("AEGUI_HOME", str(tmp_path))
    assert default_root() == tmp_path / "cache" / "downloads" != datasets_dir()
    monkeypatch.delenv("AEGUI_HOME")
    import platformdirs

    assert default_root() == Path(platformdirs.user_cache_dir("aegui", appauthor=False)) / "downloads"
