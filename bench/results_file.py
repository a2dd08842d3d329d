"""What every benchmark writes: ``bench/results/<name>.json`` with the same header.

    from results_file import Row, write_results
    write_results("decode", rows=[Row("30×30 grid", "215 ms", "≤ 1.1× bare", ratio=0.31,
                                      met=True)], details={...})

``rows`` are the lines ``bench/run_all.py`` puts in ``bench/RESULTS.md``: one measure each,
its result as a reader should see it (with its same-run baseline, where it has one), the
target it is held to and whether it met it. ``details`` holds the raw numbers.
"""

from __future__ import annotations

import importlib
import json
import os
import platform
import sys
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class Row:
    measure: str
    result: str  # e.g. "215 ms (bare call 696 ms)"
    target: str = ""  # e.g. "≤ 1.1× bare"; empty when the number is only reported
    ratio: float | None = None  # the measure over its same-run baseline, where there is one
    met: bool | None = None  # None: no target


def load_average() -> list[float]:
    try:
        return [round(v, 2) for v in os.getloadavg()]
    except (AttributeError, OSError):  # not on Windows
        return []


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        pass
    # PySide6 is often installed as PySide6_Essentials, under another distribution name
    try:
        return str(importlib.import_module(package).__version__)
    except (ImportError, AttributeError):
        return "not installed"


def environment() -> dict[str, Any]:
    """The machine, the device and the versions a result was measured with."""
    import torch

    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    device = "CPU"
    if torch.cuda.is_available():
        device = f"CUDA: {torch.cuda.get_device_name(0)}"
    return {
        "machine": f"{_cpu_model()}, {usable} usable CPUs, {platform.system()} {platform.machine()}",
        "device": device,
        "torch_threads": torch.get_num_threads(),
        "versions": {"python": platform.python_version(), "torch": torch.__version__,
                     "PySide6": _version("PySide6"), "numpy": _version("numpy"),
                     "aegui": _version("aegui")},
        "load_average": load_average(),
        "argv": sys.argv[1:],
    }


def _plain(row: Row) -> dict[str, Any]:
    """The row with numpy scalars made plain, so JSON holds true/false and numbers, not strings."""
    plain = asdict(row)
    plain["ratio"] = None if row.ratio is None else float(row.ratio)
    plain["met"] = None if row.met is None else bool(row.met)
    return plain


def write_results(name: str, *, rows: list[Row], details: dict[str, Any] | None = None,
                  started_load: list[float] | None = None, path: Path | None = None) -> Path:
    """Write ``bench/results/<name>.json`` (or ``path``) and print its rows; returns the path."""
    env = environment()
    if started_load is not None:
        env["load_average_at_start"] = started_load
    path = path or RESULTS_DIR / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"name": name, "environment": env, "rows": [_plain(r) for r in rows],
               "details": details or {}}
    path.write_text(json.dumps(payload, indent=2, default=str) + "\n")
    for row in rows:
        verdict = "" if row.met is None else ("  met" if row.met else "  NOT MET")
        target = f"  (target {row.target})" if row.target else ""
        print(f"{name}: {row.measure}: {row.result}{target}{verdict}")
    print(f"Wrote {path}")
    return path
