"""What every loader fuzz test asserts, whatever the file: a valid dataset comes back,
or one AeguiError with a one-line message. Any other exception is a bug, and so is an
example that grows the process's peak address space by a gigabyte (an allocation that a
file's declared size should have prevented)."""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from collections.abc import Callable, Iterator

import numpy as np
import torch
from hypothesis import event, settings

from aegui.core.data import ImageDataset
from aegui.core.errors import AeguiError

LIMIT_MB = 8  # AEGUI_MAX_DATASET_MB during fuzzing: any hostile declared size is far past it
VM_GROWTH = 1024 * 2**20  # what one example may add to the peak virtual size
TALLY: Counter[tuple[str, str]] = Counter()  # (test, outcome) -> count, for long runs


def examples(fraction: float) -> settings:
    """This test's share of the profile's examples (some tests cost more per example)."""
    return settings(max_examples=max(1, int(settings().max_examples * fraction)))


@contextlib.contextmanager
def dataset_limit(megabytes: float = LIMIT_MB) -> Iterator[int]:
    """AEGUI_MAX_DATASET_MB set for one example (monkeypatch is per test, not per example)."""
    old = os.environ.get("AEGUI_MAX_DATASET_MB")
    os.environ["AEGUI_MAX_DATASET_MB"] = str(megabytes)
    try:
        yield int(megabytes * 2**20)
    finally:
        if old is None:
            del os.environ["AEGUI_MAX_DATASET_MB"]
        else:
            os.environ["AEGUI_MAX_DATASET_MB"] = old


def vm_peak() -> int | None:
    """The process's peak virtual size in bytes (Linux), None where /proc is missing."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def check_dataset(data: ImageDataset) -> None:
    images = data.images
    assert isinstance(images, torch.Tensor) and images.dtype == torch.uint8 and images.ndim == 4
    n, c, h, w = images.shape
    assert n >= 1 and c in (1, 3) and h >= 1 and w >= 1, images.shape
    if data.labels is not None:
        assert data.labels.dtype == torch.int64 and data.labels.shape == (n,)
        assert 0 <= int(data.labels.min()) and int(data.labels.max()) < len(data.class_names)


def check_outcome(test: str, load: Callable[[], object]) -> tuple[str, str]:
    """Run ``load``; return ("loaded", "") or ("error", message). Anything else fails."""
    before = vm_peak()
    try:
        result = load()
    except AeguiError as exc:
        message = str(exc)
        assert message.strip() and "\n" not in message, f"not a one-line message: {message!r}"
        outcome = ("error", message)
    except BaseException:
        TALLY[(test, "other")] += 1
        raise
    else:
        if isinstance(result, ImageDataset):
            check_dataset(result)
        else:
            assert isinstance(result, np.ndarray), type(result)
        outcome = ("loaded", "")
    after = vm_peak()
    if before is not None and after is not None:
        assert after - before < VM_GROWTH, f"the peak address space grew by {(after - before) >> 20} MB"
    TALLY[(test, outcome[0])] += 1
    event(outcome[0])
    return outcome


def mutate(data: bytes, ops: list[tuple[str, float, int]]) -> bytes:
    """Apply byte-level damage: ("flip", where, bit), ("truncate", where, _),
    ("splice", where, n) copies n bytes from elsewhere, ("junk", where, n) inserts n bytes,
    ("delete", where, n). ``where`` is a fraction of the length, so ops shrink well."""
    out = bytearray(data)
    for kind, where, n in ops:
        pos = min(len(out), int(where * len(out)))
        if kind == "flip" and pos < len(out):
            out[pos] ^= 1 << (n % 8)
        elif kind == "truncate":
            del out[pos:]
        elif kind == "splice" and out:
            source = (pos * 7 + n) % len(out)
            out[pos:pos] = out[source:source + n]
        elif kind == "junk":
            out[pos:pos] = bytes((pos + i * 37) % 256 for i in range(n))
        elif kind == "delete":
            del out[pos:pos + n]
    return bytes(out)


def damage(max_ops: int = 3):
    """A strategy for ``mutate``'s list of operations."""
    from hypothesis import strategies as st

    kinds = st.sampled_from(["flip", "flip", "truncate", "splice", "junk", "delete"])
    op = st.tuples(kinds, st.floats(0, 1, allow_nan=False), st.integers(0, 64))
    return st.lists(op, min_size=1, max_size=max_ops)
