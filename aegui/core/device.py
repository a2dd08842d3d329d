"""Choosing the compute device and the CPU thread budget; handing memory back after a run."""

from __future__ import annotations

import copy
import ctypes
import functools
import os
import sys
from collections.abc import Callable
from typing import Any

import torch

from aegui.core.errors import ConfigError
from aegui.core.words import say


def available_devices() -> list[str]:
    """Devices usable on this machine, best first (``cpu`` is always last)."""
    found = []
    if torch.cuda.is_available():
        found.append("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        found.append("mps")
    found.append("cpu")
    return found


def resolve_device(name: str = "auto") -> torch.device:
    """``auto`` picks CUDA, then MPS, then CPU; asking for a missing device is an error."""
    available = available_devices()
    if name == "auto":
        return torch.device(available[0])
    if name not in available:
        raise ConfigError(say("{device} was requested but is not available on this machine (available: "
                              "{available}). Use --device auto or cpu.", device=name.upper(),
                              available=", ".join(available)))
    return torch.device(name)


def describe_device(device: torch.device) -> str:
    """A short label such as ``CUDA: NVIDIA H100`` or ``CPU, 2 threads``."""
    if device.type == "cuda":
        return f"CUDA: {torch.cuda.get_device_name(device)}"
    if device.type == "mps":
        return "Apple MPS"
    threads = torch.get_num_threads()
    return f"CPU, {threads} thread{'s' if threads != 1 else ''}"


# torch's own choice (the physical cores), read before anything changes it: what the CLI uses.
CLI_DEFAULT_THREADS = torch.get_num_threads()
# Up to this many cores the window keeps up with training on every core (it needs little
# CPU, and torch releases the GIL); beyond it, one core is left to the window, which costs
# training a small share. Measured with bench/gui_responsiveness.py.
ALL_CORES_UP_TO = 4


def usable_cpus() -> int:
    """Logical CPUs this process may run on (its affinity, which containers narrow)."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


def physical_cores() -> int:
    """Cores to count threads against: torch's own count (physical cores), within reach."""
    return max(1, min(CLI_DEFAULT_THREADS, usable_cpus()))


def automatic_threads(cores: int | None = None) -> int:
    """The training thread count the app uses unless the user chose one."""
    cores = cores or physical_cores()
    return cores if cores <= ALL_CORES_UP_TO else cores - 1


def training_threads(preference: int = 0, cores: int | None = None) -> int:
    """Threads for training: ``preference`` (0 = automatic), at most the usable CPUs."""
    if preference <= 0:
        return automatic_threads(cores)
    cores = cores or usable_cpus()
    return max(1, min(int(preference), cores))


def set_training_threads(preference: int = 0) -> int:
    """Apply :func:`training_threads` to torch; returns the count now in use."""
    threads = training_threads(preference)
    if torch.get_num_threads() != threads:
        torch.set_num_threads(threads)
    return threads


def cpu_copy(value: Any) -> Any:
    """A deep copy with every tensor on the CPU: a kept experiment holds no device memory
    (continuing moves the optimizer state back to the model's device)."""
    if isinstance(value, torch.Tensor):
        return value.detach().to("cpu", copy=True)
    if isinstance(value, dict):
        return {key: cpu_copy(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(cpu_copy(item) for item in value)
    return copy.deepcopy(value)


def release_run_memory(compiled: bool = False) -> None:
    """Give back the memory a finished run's tensors were freed into: PyTorch's GPU cache,
    and the C heap's free pages (glibc keeps them otherwise, and the resident size of a long
    session then creeps up run after run). ``compiled``: the run used torch.compile, whose
    caches keep every graph compiled in the process (the next run's model is a new one)."""
    if compiled and "torch._dynamo" in sys.modules:
        import torch._dynamo as dynamo

        dynamo.reset()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
    trim = _heap_trimmer()
    if trim is not None:
        trim(0)


# glibc's mallopt parameter for the number of heap arenas (malloc.h: M_ARENA_MAX = -8).
_M_ARENA_MAX = -8
# By default glibc gives each thread that allocates concurrently its own arena, up to 8 per
# core: in the window, Qt's, PyTorch's and aegui's worker threads each fragment one, and free
# pages scattered across them are neither reused nor trimmed. Under five minutes of random use
# the resident size at rest grew 16 % with the default and 7 % with two arenas.
HEAP_ARENAS = 2


def limit_heap_arenas(arenas: int = HEAP_ARENAS) -> bool:
    """Cap glibc's heap arenas (the same as ``MALLOC_ARENA_MAX``, which a user's own setting
    overrides). Call it before threads start. False where there is no glibc to ask."""
    if not sys.platform.startswith("linux") or os.environ.get("MALLOC_ARENA_MAX"):
        return False
    try:
        mallopt = getattr(ctypes.CDLL(None), "mallopt", None)
    except OSError:
        return False
    return bool(mallopt is not None and mallopt(_M_ARENA_MAX, arenas) == 1)


@functools.cache
def _heap_trimmer() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``; None where the C library has none (macOS, Windows, musl)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return getattr(ctypes.CDLL(None), "malloc_trim", None)
    except OSError:
        return None
