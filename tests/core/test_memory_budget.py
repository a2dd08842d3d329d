"""Memory stays bounded whatever a file declares: hostile files are refused under a hard
address-space limit a few hundred MB above the interpreter's own, and a real dataset past
AEGUI_MAX_DATASET_MB is refused with a message naming that variable."""

from __future__ import annotations

import gzip
import io
import json
import os
import struct
import subprocess
import sys
import zipfile

import numpy as np
import pytest
import torch
from PIL import Image

from aegui.core.data import load_dataset
from aegui.core.errors import DataError

HEADROOM_MB = 300  # above the address space of Python, numpy, torch and Pillow once imported

# Run in a fresh interpreter: RLIMIT_AS set here would bind the whole test session.
CHILD = r"""
import json, resource, sys
import numpy, torch, PIL.Image
from aegui.core.data import load_dataset
from aegui.core.errors import DataError

def vm_size():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))

baseline = vm_size()
resource.setrlimit(resource.RLIMIT_AS, (baseline + int(sys.argv[1]) * 2**20, resource.getrlimit(resource.RLIMIT_AS)[1]))
results = {"baseline_mb": baseline >> 20}
for spec in sys.argv[2:]:
    try:
        data = load_dataset(spec)
        results[spec] = ["loaded", len(data), list(data.skipped_files)]
    except DataError as exc:
        results[spec] = ["DataError", str(exc)]
    except MemoryError as exc:
        results[spec] = ["MemoryError", repr(exc)]
print(json.dumps(results))
"""


def _idx(dims: tuple[int, ...], body: bytes = b"") -> bytes:
    return bytes([0, 0, 8, len(dims)]) + struct.pack(f">{len(dims)}I", *dims) + body


def _npy_header(shape: tuple[int, ...]) -> bytes:
    out = io.BytesIO()
    np.lib.format.write_array_header_1_0(out, {"descr": "|u1", "fortran_order": False, "shape": shape})
    return out.getvalue()


def _hostile_files(folder) -> dict[str, str]:
    """name -> spec of files that declare far more than they hold."""
    specs = {}

    def add(name: str, data: bytes, kind: str) -> None:
        (folder / name).write_bytes(data)
        specs[name] = f"{kind}:{folder / name}"

    with zipfile.ZipFile(folder / "claims.npz", "w") as archive:  # ~310 bytes declaring 10 TB
        archive.writestr("images.npy", _npy_header((10**7, 10**3, 10**3)) + bytes(16))
    specs["claims.npz"] = f"npz:{folder / 'claims.npz'}"
    add("overflow-images-idx3-ubyte", _idx((2**31, 2**31, 4)), "idx")
    # A header for one 28×28 image in front of 64 MB of zeros: a 64 KB gzip.
    add("inflates-images-idx3-ubyte.gz", gzip.compress(_idx((1, 28, 28), bytes(64 << 20))), "idx")
    # Within the default 4 GB limit, so only the file's real length can refuse these.
    add("short-images-idx3-ubyte", _idx((1, 40000, 40000), bytes(16)), "idx")
    add("short-images-idx3-ubyte.gz", gzip.compress(_idx((1, 40000, 40000), bytes(16))), "idx")
    add("short.npy", _npy_header((1, 40000, 40000)) + bytes(16), "npy")
    with zipfile.ZipFile(folder / "short.npz", "w") as archive:
        archive.writestr("images.npy", _npy_header((1, 40000, 40000)) + bytes(16))
    specs["short.npz"] = f"npz:{folder / 'short.npz'}"
    # Format 2.0 keeps the header's length in 4 bytes: these say 3 GB.
    add("long-header.npy", b"\x93NUMPY\x02\x00" + (3 << 30).to_bytes(4, "little") + bytes(64), "npy")
    return specs


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS and /proc/self/status are Linux's")
def test_hostile_files_are_refused_under_a_hard_memory_limit(tmp_path):
    resource = pytest.importorskip("resource")
    assert resource.RLIMIT_AS
    specs = _hostile_files(tmp_path)
    images = tmp_path / "images"
    images.mkdir()
    for i in range(3):
        Image.fromarray(np.full((8, 8), 60 * i, np.uint8)).save(images / f"ok{i}.png")
    Image.new("1", (20000, 20000)).save(images / "bomb.png")  # 400 megapixels in 60 KB
    specs["folder"] = f"folder:{images}"
    env = {k: v for k, v in os.environ.items() if k != "AEGUI_MAX_DATASET_MB"}  # the default limit
    env["OMP_NUM_THREADS"] = "1"  # no thread pools reserving memory of their own
    child = subprocess.run([sys.executable, "-c", CHILD, str(HEADROOM_MB), *specs.values()],
                           capture_output=True, text=True, env=env, timeout=240)
    assert child.returncode == 0, child.stderr[-3000:]
    results = json.loads(child.stdout.strip().splitlines()[-1])
    outcomes = {name: results[spec] for name, spec in specs.items()}
    assert outcomes.pop("folder") == ["loaded", 3, ["bomb.png"]]
    for name, outcome in outcomes.items():
        assert outcome[0] == "DataError", (name, outcome)
    assert "more data than the file holds" in outcomes["claims.npz"][1]
    assert "more than the" in outcomes["overflow-images-idx3-ubyte"][1]
    assert "more data than its header" in outcomes["inflates-images-idx3-ubyte.gz"][1]
    for name in ("short-images-idx3-ubyte", "short-images-idx3-ubyte.gz", "short.npy", "short.npz"):
        assert "truncated" in outcomes[name][1], (name, outcomes[name])


def _save_png_folder(folder, count: int) -> None:
    folder.mkdir()
    rng = np.random.default_rng(0)
    for i in range(count):
        Image.fromarray(rng.integers(0, 256, (128, 128, 3), dtype=np.uint8)).save(folder / f"{i}.png")


@pytest.mark.parametrize("kind", ["npz", "npy", "idx", "idx.gz", "folder"])
def test_a_real_dataset_past_the_limit_is_cached_or_names_the_variable(tmp_path, monkeypatch, kind):
    images = np.random.default_rng(0).integers(0, 256, (40, 128, 128), dtype=np.uint8)  # 640 KB
    if kind == "npz":
        np.savez(tmp_path / "d.npz", images=images, labels=np.arange(40) % 4)
        spec = f"npz:{tmp_path / 'd.npz'}"
    elif kind == "npy":
        np.save(tmp_path / "d.npy", images)
        spec = f"npy:{tmp_path / 'd.npy'}"
    elif kind.startswith("idx"):
        data = _idx(images.shape, images.tobytes())
        path = tmp_path / ("d-images-idx3-ubyte" + (".gz" if kind.endswith("gz") else ""))
        path.write_bytes(gzip.compress(data) if kind.endswith("gz") else data)
        spec = f"idx:{path}"
    else:
        _save_png_folder(tmp_path / "photos", 14)  # 14 × 128 × 128 × 3: 672 KB
        spec = f"folder:{tmp_path / 'photos'}"
    in_memory = load_dataset(spec)
    assert len(in_memory) in (14, 40) and in_memory.mapped is None  # under the default limit
    monkeypatch.setenv("AEGUI_MAX_DATASET_MB", "0.5")
    monkeypatch.setenv("AEGUI_CACHE_DIR", str(tmp_path / "cache"))
    if kind.startswith("idx"):  # IDX files are refused past the limit
        with pytest.raises(DataError, match="AEGUI_MAX_DATASET_MB") as caught:
            load_dataset(spec)
        assert "\n" not in str(caught.value) and "MB" in str(caught.value)
        return
    # Arrays and folders past the limit are read into the data cache instead.
    past = load_dataset(spec)
    assert past.mapped is not None and torch.equal(past.images, in_memory.images)
