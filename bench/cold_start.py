"""Cold start: from launching ``aegui`` to its first painted window, and to the Latent tab
showing the bundled demo model, against the bare ``import torch, PySide6.QtWidgets``.

Each round starts three fresh processes, one after the other, each with a fresh temporary
AEGUI_HOME (so every start is a first start: Data tab, bundled digits, demo model):

1. bare: ``python -c "import torch, PySide6.QtWidgets"``, which prints ``time.time()`` when
   the imports are done (the baseline; its exit, later, is recorded too);
2. ``aegui`` until the main window's first paint event;
3. ``aegui --tab latent`` until the Latent tab has drawn the demo model's scatter.

The app reports its milestones itself (``AEGUI_STARTUP_LOG``, see
``aegui/ui/startup_probe.py``) and closes after the last one (``AEGUI_STARTUP_EXIT=1``).
Each time runs from ``time.time()`` just before the process is started to the one written at
the milestone. The rounds are interleaved, after one warm-up round that is not counted (it
fills the page cache, which would otherwise make the first process pay for everyone), and
the median of the rounds' own ratios to the bare imports is reported (with the medians). Compiled bytecode is cached
as for an installed app (a pip or bundled install has it), in a temporary folder
(``PYTHONPYCACHEPREFIX``) that the warm-up fills, even where ``PYTHONDONTWRITEBYTECODE`` is
set; ``--no-bytecode-cache`` runs with the environment as it is. Target: the first paint
within 1.3× the bare imports. ``--importtime`` also runs the real start once under
``python -X importtime`` (up to the first paint) and prints what costs the most.

    python bench/cold_start.py [--rounds 7] [--platform offscreen|xcb] [--importtime]

Use ``--platform xcb`` under ``xvfb-run``. JSON goes to ``bench/results/cold_start.json``.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from results_file import Row, load_average, write_results

TARGET_RATIO = 1.3
TIMEOUT_S = 180.0
BARE_CODE = "import torch, PySide6.QtWidgets; import time; print(repr(time.time()), flush=True)"


def aegui_command(module: bool = False) -> list[str]:
    """The installed ``aegui`` script beside this Python, else (or with ``module``)
    ``python -m aegui``, which runs the aegui of the current folder first."""
    script = Path(sys.executable).with_name("aegui.exe" if os.name == "nt" else "aegui")
    return [str(script)] if script.exists() and not module else [sys.executable, "-m", "aegui"]


@dataclass(frozen=True)
class Setup:
    platform: str  # QT_QPA_PLATFORM
    pycache: str | None  # the temporary bytecode cache of this run, if any
    command: tuple[str, ...]  # how aegui is started


def _environment(setup: Setup, home: str, log: str | None) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM=setup.platform, AEGUI_HOME=home)
    env.pop("AEGUI_STARTUP_LOG", None)
    if setup.pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = setup.pycache
    if log is not None:
        env.update(AEGUI_STARTUP_LOG=log, AEGUI_STARTUP_EXIT="1")
    return env


def time_bare(setup: Setup) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="aegui-cold-") as home:
        started = time.time()
        done = subprocess.run([sys.executable, "-c", BARE_CODE], env=_environment(setup, home, None),
                              capture_output=True, text=True, timeout=TIMEOUT_S, check=True)
        exited = time.time()
    imported = float(done.stdout.strip().splitlines()[-1])
    return {"imports_ms": (imported - started) * 1000, "exit_ms": (exited - started) * 1000}


def read_milestones(log: Path) -> dict[str, float]:
    """``name`` → the ``time.time()`` the app wrote for it."""
    found = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3:
            found[parts[0]] = float(parts[2])
    return found


def time_app(setup: Setup, extra: list[str], milestone: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="aegui-cold-") as home:
        log = Path(home) / "startup.log"
        started = time.time()
        done = subprocess.run([*setup.command, *extra], env=_environment(setup, home, str(log)),
                              capture_output=True, text=True, timeout=TIMEOUT_S)
        exited = time.time()
        marks = read_milestones(log) if log.exists() else {}
    if milestone not in marks:
        raise RuntimeError(f"aegui {' '.join(extra)} exited ({done.returncode}) without '{milestone}': "
                           f"{done.stderr.strip()[-800:]}")
    result = {f"{name}_ms": (t - started) * 1000 for name, t in marks.items()}
    result["exit_ms"] = (exited - started) * 1000
    return result


# -- importtime ------------------------------------------------------------------------------
IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def parse_importtime(text: str) -> list[tuple[str, float, float, int, str]]:
    """(module, self ms, cumulative ms, depth, importer) per line of ``-X importtime``."""
    rows = []
    for line in text.splitlines():
        m = IMPORT_LINE.match(line)
        if m:
            rows.append([m[4], int(m[1]) / 1000, int(m[2]) / 1000, (len(m[3]) - 1) // 2, ""])
    # A module's lines come before its importer's, which is the next line one level up.
    pending: dict[int, list[list]] = defaultdict(list)
    for row in rows:
        for child in pending.pop(row[3] + 1, []):
            child[4] = row[0]
        pending[row[3]].append(row)
    return [tuple(r) for r in rows]


def importtime_report(setup: Setup, top: int = 15) -> dict:
    """The real start under ``-X importtime``, cut at the first paint: the probe writes its
    line to the same stderr, so the imports before it are the ones the first paint waited for."""
    with tempfile.TemporaryDirectory(prefix="aegui-cold-") as home:
        env = _environment(setup, home, "/dev/stderr")
        done = subprocess.run([sys.executable, "-X", "importtime", "-m", "aegui"], env=env,
                              capture_output=True, text=True, timeout=TIMEOUT_S)
    text = done.stderr
    cut = text.find("first-paint ")
    if cut < 0:
        raise RuntimeError(f"no first paint under -X importtime: {text.strip()[-800:]}")
    rows = parse_importtime(text[:cut])

    def package(name: str) -> str:
        return name.split(".")[0]

    top_level = sorted((r for r in rows if r[3] == 0), key=lambda r: -r[2])[:top]
    own: dict[str, float] = defaultdict(float)  # every module's own time, by package
    for name, self_ms, *_ in rows:
        own[package(name)] += self_ms
    # Where aegui pulls in another package: that import's whole cost.
    pulled = sorted((r for r in rows if r[4] and package(r[4]) == "aegui" and package(r[0]) != "aegui"),
                    key=lambda r: -r[2])[:top]
    total = sum(r[2] for r in rows if r[3] == 0)
    report = {
        "total_ms": round(total, 1),
        "modules": len(rows),
        "top_level": [{"module": r[0], "cumulative_ms": round(r[2], 1)} for r in top_level],
        "own_time_by_package": [{"package": p, "ms": round(ms, 1)}
                                for p, ms in sorted(own.items(), key=lambda kv: -kv[1])[:top]],
        "imported_by_aegui": [{"module": r[0], "by": r[4], "cumulative_ms": round(r[2], 1)} for r in pulled],
        "loaded_at_first_paint": sorted({package(r[0]) for r in rows}),
    }
    print(f"-X importtime, up to the first paint: {len(rows)} modules, {total:.0f} ms in all")
    print("  top-level imports (cumulative):")
    for item in report["top_level"]:
        print(f"    {item['cumulative_ms']:8.1f} ms  {item['module']}")
    print("  own time by package (every module's self time):")
    for item in report["own_time_by_package"]:
        print(f"    {item['ms']:8.1f} ms  {item['package']}")
    print("  other packages that aegui modules import (cumulative):")
    for item in report["imported_by_aegui"]:
        print(f"    {item['cumulative_ms']:8.1f} ms  {item['module']}  (by {item['by']})")
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=1, help="rounds run first and not counted")
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM: offscreen, or xcb "
                        "under xvfb-run")
    parser.add_argument("--importtime", action="store_true", help="also list what the start imports")
    parser.add_argument("--module", action="store_true", help="start 'python -m aegui' rather than the "
                        "aegui script (to time the source in the current folder)")
    parser.add_argument("--no-bytecode-cache", action="store_true", help="no temporary bytecode cache: "
                        "compile as the environment says (PYTHONDONTWRITEBYTECODE)")
    args = parser.parse_args()
    started_load = load_average()
    with tempfile.TemporaryDirectory(prefix="aegui-pycache-") as pycache:
        return measure(args, Setup(args.platform, None if args.no_bytecode_cache else pycache,
                                     tuple(aegui_command(args.module))), started_load)


def measure(args: argparse.Namespace, setup: Setup, started_load: list[float]) -> int:
    rounds = []
    for i in range(args.warmup + args.rounds):
        one = {"bare": time_bare(setup),
               "first_paint": time_app(setup, [], "first-paint"),
               "latent": time_app(setup, ["--tab", "latent"], "latent-ready")}
        counted = i >= args.warmup
        print(f"{'round' if counted else 'warm-up'} {i - args.warmup + 1 if counted else i + 1}: "
              f"bare imports {one['bare']['imports_ms']:.0f} ms, "
              f"first paint {one['first_paint']['first-paint_ms']:.0f} ms, "
              f"Latent ready {one['latent']['latent-ready_ms']:.0f} ms", flush=True)
        if counted:
            rounds.append(one)
    bare = statistics.median(r["bare"]["imports_ms"] for r in rounds)
    paint = statistics.median(r["first_paint"]["first-paint_ms"] for r in rounds)
    latent = statistics.median(r["latent"]["latent-ready_ms"] for r in rounds)
    latent_paint = statistics.median(r["latent"]["first-paint_ms"] for r in rounds)
    paint_paired = statistics.median(r["first_paint"]["first-paint_ms"] / r["bare"]["imports_ms"] for r in rounds)
    latent_paired = statistics.median(r["latent"]["latent-ready_ms"] / r["bare"]["imports_ms"] for r in rounds)
    rows = [
        Row("bare `import torch, PySide6.QtWidgets`", f"{bare:.0f} ms (median of {len(rounds)})"),
        # The target is judged on each round's own ratio (its runs follow each other, so a
        # load that comes and goes moves both); the ratio of the medians is shown beside it.
        Row("launch → first painted window",
            f"{paint_paired:.2f}× bare (median of the rounds' ratios); {paint:.0f} ms vs {bare:.0f} ms "
            f"medians ({paint / bare:.2f}×)",
            f"≤ {TARGET_RATIO:g}× bare", paint_paired, paint_paired <= TARGET_RATIO),
        Row("launch → Latent tab showing the demo model",
            f"{latent_paired:.2f}× bare (median of the rounds' ratios); {latent:.0f} ms",
            ratio=latent_paired),
    ]
    details = {"rounds": rounds, "median_ms": {"bare_imports": bare, "first_paint": paint,
                                               "latent_ready": latent, "latent_run_first_paint": latent_paint,
                                               "bare_exit": statistics.median(r["bare"]["exit_ms"] for r in rounds)},
               "median_of_round_ratios": {"first_paint": paint_paired, "latent_ready": latent_paired},
               "platform": args.platform, "command": list(setup.command), "warmup_rounds": args.warmup,
               "bytecode": "cached in a temporary folder" if setup.pycache else
               f"as the environment says (PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r})"}
    if args.importtime:
        details["importtime"] = importtime_report(setup)
    write_results("cold_start", rows=rows, details=details, started_load=started_load)
    return 0


if __name__ == "__main__":
    sys.exit(main())
