"""Choosing the compute device and the CPU thread budget."""

from __future__ import annotations

import os

import torch

from aegui.core.errors import ConfigError


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
        raise ConfigError(
            f"{name.upper()} was requested but is not available on this machine "
            f"(available: {', '.join(available)}). Use --device auto or cpu."
        )
    return torch.device(name)


def describe_device(device: torch.device) -> str:
    """A short label such as ``CUDA: NVIDIA H100`` or ``CPU, 2 threads``."""
    if device.type == "cuda":
        return f"CUDA: {torch.cuda.get_device_name(device)}"
    if device.type == "mps":
        return "Apple MPS"
    threads = torch.get_num_threads()
    return f"CPU, {threads} thread{'s' if threads != 1 else ''}"


def reserve_core_for_gui() -> int:
    """Leave one core to the event loop so the window stays responsive while training."""
    threads = max(1, (os.cpu_count() or 2) - 1)
    torch.set_num_threads(threads)
    return threads
