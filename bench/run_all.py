"""Run every benchmark in ``bench/`` and write ``bench/RESULTS.md`` (``make bench``).

    .venv/bin/python bench/run_all.py [--only NAME...] [--skip NAME...] [--all] [--list]
    .venv/bin/python bench/run_all.py --readme      # README.md's table from bench/RESULTS.md

Each benchmark runs in turn as its own process (``python bench/<name>.py <quick args>``),
with arguments chosen so the default run takes under 10 minutes on 2 idle CPU cores. Each
writes ``bench/results/<name>.json`` through ``results_file.write_results``; the runner adds
its wall time and exit code there (and, when it failed, the last lines of its stderr) and
keeps its whole output in ``bench/results/<name>.log``. A benchmark that fails, times out or
is missing is reported as such and the others still run; the runner then exits non-zero.

A full default run writes ``bench/RESULTS.md`` (a header with the date, the machine, the
device, the versions, the load average and the wall times, then one table) and replaces
the table between README.md's ``<!-- bench-table:start -->`` and ``<!-- bench-table:end -->``
markers with it. A partial run (``--only``, ``--skip``) writes ``bench/results/RESULTS.md``
instead and leaves README.md alone, so the committed table always comes from a whole run.
When CUDA is available, the training benchmark measures the GPU.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from results_file import RESULTS_DIR, environment, load_average

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS_MD = BENCH_DIR / "RESULTS.md"
PARTIAL_RESULTS_MD = RESULTS_DIR / "RESULTS.md"
README = ROOT / "README.md"
START_MARKER = "<!-- bench-table:start -->"
END_MARKER = "<!-- bench-table:end -->"
TABLE_HEADER = "| Benchmark | Measure | Result | Target | Met |"
STDERR_TAIL_LINES = 20
BUDGET_S = 600  # the whole default run, on 2 idle CPU cores
# Modules in bench/ that the benchmarks import, not benchmarks themselves.
HELPER_MODULES = frozenset({"results_file", "run_all", "digits"})


@dataclass(frozen=True)
class Benchmark:
    name: str
    args: tuple[str, ...] = ()
    cuda_args: tuple[str, ...] | None = None  # replaces ``args`` when CUDA is available
    default: bool = True  # False: only with --all (make bench-all)
    note: str = ""  # why it is left out of the default run
    timeout_s: int = 300

    def command(self, cuda: bool) -> list[str]:
        args = self.cuda_args if cuda and self.cuda_args is not None else self.args
        return [sys.executable, str(BENCH_DIR / f"{self.name}.py"), *args]


ALL_MODELS = ("--models", "dense-ae", "conv-ae", "vae", "conv-vae", "cvae", "--batch-sizes", "64", "256", "1024")

# The quick arguments: each one's measured wall time on 2 idle CPU cores is in bench/README.md.
BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark("train_overhead", (*ALL_MODELS, "--device", "cpu", "--train-images", "1536", "--repeats", "2"),
              cuda_args=(*ALL_MODELS, "4096", "--device", "cuda", "--train-images", "9000", "--repeats", "3")),
    Benchmark("gui_responsiveness", ("--images", "3000", "--epochs", "2")),
    Benchmark("gui_soak", ("--cycles", "8")),
    Benchmark("ddp_scaling", ("--models", "conv-ae", "--images", "2000", "--epochs", "3", "--repeats", "1")),
    Benchmark("reconstruct_latency", ("--repeats", "30")),
    Benchmark("latent_explorer"),
    Benchmark("speed_options", ("--repeats", "2", "--images", "1024")),
    Benchmark("cold_start"),
    Benchmark("analyze_latency", ("--repeats", "1")),
    Benchmark("scale", ("--sizes", "32", "64", "--images", "20000", "4000", "--fit-bare-images", "1024",
                        "--latent-images", "20000", "--mapped-images", "20000", "--mapped-limit-mb", "64",
                        "--mapped-steps", "10"), timeout_s=1200,
              cuda_args=("--sizes", "32", "64", "--images", "50000", "20000", "--device", "cuda",
                         "--latent-images", "200000", "--mapped-images", "200000")),
    Benchmark("one_class_mnist", default=False, timeout_s=1200,
              note="one model per digit, all ten: about 6–8 min"),
    Benchmark("robustness", default=False, timeout_s=1200, note="the full attack campaigns: about 3 min"),
)


@dataclass
class Outcome:
    """What running one benchmark came to."""

    name: str
    status: str  # "ok", "failed", "timed out", "missing"
    seconds: float = 0.0
    returncode: int | None = None
    command: list[str] = field(default_factory=list)
    stderr_tail: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass
class RunInfo:
    """The header of RESULTS.md."""

    date: str
    environment: dict[str, Any]
    load_start: list[float]
    load_end: list[float]
    total_seconds: float
    left_out: list[str] = field(default_factory=list)  # "name (why)"
    partial: bool = False


# -- running ----------------------------------------------------------------------------------
def _pump(stream: TextIO, sinks: list[TextIO], tail: collections.deque | None) -> None:
    """Copy a child's output line by line as it comes (live progress), keeping the last lines."""
    for line in stream:
        for sink in sinks:
            sink.write(line)
            sink.flush()
        if tail is not None:
            tail.append(line.rstrip("\n"))


def run_benchmark(bench: Benchmark, cuda: bool, results_dir: Path = RESULTS_DIR, position: str = "") -> Outcome:
    command = bench.command(cuda)
    script = Path(command[1])
    if not script.exists():
        print(f"\n=== {position}{bench.name}: missing (bench/{script.name} is not there)", flush=True)
        return Outcome(bench.name, "missing", command=command)
    results_dir.mkdir(parents=True, exist_ok=True)
    (results_dir / f"{bench.name}.json").unlink(missing_ok=True)  # what is there afterwards is this run's
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    tail: collections.deque[str] = collections.deque(maxlen=STDERR_TAIL_LINES)
    print(f"\n=== {position}{bench.name}: {' '.join(command[2:]) or '(no arguments)'}", flush=True)
    start = time.perf_counter()
    with open(results_dir / f"{bench.name}.log", "w", encoding="utf-8") as log:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, encoding="utf-8", errors="replace",
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        pumps = [threading.Thread(target=_pump, args=(proc.stdout, [sys.stdout, log], None)),
                 threading.Thread(target=_pump, args=(proc.stderr, [sys.stderr, log], tail))]
        for pump in pumps:
            pump.start()
        try:
            returncode = proc.wait(timeout=bench.timeout_s)
            status = "ok" if returncode == 0 else "failed"
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # its own session: the benchmark and its children
            returncode, status = proc.wait(), "timed out"
        for pump in pumps:
            pump.join()
    seconds = time.perf_counter() - start
    print(f"=== {bench.name}: {status} in {seconds:.0f} s", flush=True)
    return Outcome(bench.name, status, seconds, returncode, command, list(tail) if status != "ok" else [])


def record_outcome(outcome: Outcome, results_dir: Path = RESULTS_DIR) -> None:
    """Add the run's wall time and exit code to the benchmark's JSON (write one if it wrote none)."""
    path = results_dir / f"{outcome.name}.json"
    payload = json.loads(path.read_text()) if path.exists() else {"name": outcome.name, "rows": []}
    payload["run"] = {"status": outcome.status, "seconds": round(outcome.seconds, 1),
                      "returncode": outcome.returncode, "command": [Path(outcome.command[1]).name,
                                                                    *outcome.command[2:]] if outcome.command else [],
                      "stderr_tail": outcome.stderr_tail}
    results_dir.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, default=str) + "\n")


# -- RESULTS.md ---------------------------------------------------------------------------------
def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _met(met: Any) -> str:
    if met is None:
        return ""
    return "yes" if met is True or str(met).lower() == "true" else "**no**"


def table_rows(outcome: Outcome, results_dir: Path = RESULTS_DIR) -> list[str]:
    """The benchmark's lines of the table: its rows, or one line saying why there are none."""
    name = f"`{outcome.name}`"
    path = results_dir / f"{outcome.name}.json"
    rows = json.loads(path.read_text()).get("rows", []) if path.exists() else []
    lines = [f"| {name} | {_cell(r['measure'])} | {_cell(r['result'])} | {_cell(r.get('target', ''))} | "
             f"{_met(r.get('met'))} |" for r in rows]
    if outcome.status == "missing":
        lines.append(f"| {name} | — | missing: bench/{outcome.name}.py is not there | | missing |")
    elif outcome.status != "ok":
        last = outcome.stderr_tail[-1] if outcome.stderr_tail else ""
        why = f"{outcome.status} (exit {outcome.returncode}) after {outcome.seconds:.0f} s"
        lines.append(f"| {name} | — | {_cell(why + (': ' + last if last else ''))} | | **{outcome.status}** |")
    elif not rows:
        lines.append(f"| {name} | — | wrote no results | | **no results** |")
    return lines


def _load(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values) if values else "not available"


def render_results(outcomes: list[Outcome], info: RunInfo, results_dir: Path = RESULTS_DIR) -> str:
    env = info.environment
    versions = ", ".join(f"{k} {v}" for k, v in env.get("versions", {}).items())
    times = ", ".join(f"{o.name} {o.seconds:.0f} s" if o.status != "missing" else f"{o.name} missing"
                      for o in outcomes)
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`bench/run_all.py`); do not edit by hand. Each ratio is "
        "against a baseline measured in the same run. See bench/README.md for what each row means.",
        "",
        f"- Date: {info.date}",
        f"- Machine: {env.get('machine', 'unknown')}",
        f"- Device: {env.get('device', 'unknown')}, {env.get('torch_threads', '?')} torch threads",
        f"- Versions: {versions}",
        f"- Load average (1, 5, 15 min): {_load(info.load_start)} at the start, "
        f"{_load(info.load_end)} at the end",
        f"- Wall time: {info.total_seconds:.0f} s in all ({times})",
    ]
    if info.left_out:
        lines.append(f"- Not in the default run: {'; '.join(info.left_out)}; run `make bench-all`")
    if info.partial:
        lines.append("- A partial run (--only / --skip)")
    lines += ["", TABLE_HEADER, "|---|---|---|---|---|"]
    for outcome in outcomes:
        lines += table_rows(outcome, results_dir)
    return "\n".join(lines) + "\n"


# -- README.md ----------------------------------------------------------------------------------
def _header_field(results_md: str, label: str) -> str:
    for line in results_md.splitlines():
        if line.startswith(f"- {label}: "):
            return line.split(": ", 1)[1]
    return "unknown"


def readme_block(results_md: str) -> str:
    """What goes between README.md's markers: a line saying where it was measured, and the table."""
    lines = results_md.splitlines()
    start = lines.index(TABLE_HEADER)
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    date = _header_field(results_md, "Date").split(" ")[0]
    note = (f"Measured on {_header_field(results_md, 'Machine')} ({_header_field(results_md, 'Device')}) "
            f"on {date}, load average {_header_field(results_md, 'Load average (1, 5, 15 min)')}; "
            "see bench/RESULTS.md.")
    return "\n".join([note, "", *lines[start:end]]) + "\n"


def replace_between_markers(text: str, block: str) -> str:
    head, found, rest = text.partition(START_MARKER)
    _, found_end, tail = rest.partition(END_MARKER)
    if not found or not found_end:
        raise ValueError(f"README.md has no {START_MARKER} … {END_MARKER} markers")
    return f"{head}{START_MARKER}\n{block}{END_MARKER}{tail}"


def readme_table_between_markers(text: str) -> str:
    """The README's current text between the markers, as ``readme_block`` would write it."""
    rest = text.split(START_MARKER, 1)[1]
    return rest.split(END_MARKER, 1)[0].lstrip("\n")


GPU_START, GPU_END = "<!-- gpu-check:start -->", "<!-- gpu-check:end -->"


def with_gpu_section(results_md: str, gpu_run_md: str) -> str:
    """``results_md`` with its GPU section (between markers, added at the end the first
    time) holding ``gpu_run_md``, the table of a ``make gpu-check`` run."""
    section = f"{GPU_START}\n## GPU check (make gpu-check)\n\n{gpu_run_md.strip()}\n{GPU_END}"
    if GPU_START in results_md and GPU_END in results_md:
        head, rest = results_md.split(GPU_START, 1)
        return head + section + rest.split(GPU_END, 1)[1]
    return results_md.rstrip() + "\n\n" + section + "\n"


def update_readme(results_md: Path = RESULTS_MD, readme: Path = README) -> None:
    readme.write_text(replace_between_markers(readme.read_text(), readme_block(results_md.read_text())))
    print(f"Updated the benchmark table in {readme.name} from {results_md.relative_to(ROOT)}")


# -- the command line ---------------------------------------------------------------------------
def select(args: argparse.Namespace) -> list[Benchmark]:
    known = {b.name for b in BENCHMARKS}
    unknown = sorted((set(args.only or []) | set(args.skip or [])) - known)
    if unknown:
        raise SystemExit(f"unknown benchmark(s): {', '.join(unknown)}; --list shows them")
    if args.only:
        return [b for b in BENCHMARKS if b.name in args.only]
    chosen = [b for b in BENCHMARKS if b.default or args.all]
    return [b for b in chosen if b.name not in (args.skip or [])]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these")
    parser.add_argument("--skip", nargs="+", metavar="NAME", help="run the default set but these")
    parser.add_argument("--all", action="store_true", help="also the slow ones left out by default")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and their arguments")
    parser.add_argument("--gpu-section", action="store_true",
                        help="also put this run's table into bench/RESULTS.md's GPU section (make gpu-check)")
    parser.add_argument("--readme", action="store_true",
                        help="only regenerate README.md's table from bench/RESULTS.md")
    return parser.parse_args(argv)


def list_benchmarks(cuda: bool) -> None:
    for b in BENCHMARKS:
        where = "default" if b.default else f"--all only ({b.note})"
        present = "" if (BENCH_DIR / f"{b.name}.py").exists() else "  [missing]"
        print(f"{b.name:20} {where:45} {' '.join(b.command(cuda)[2:])}{present}")


def cuda_available() -> bool:
    import torch

    return torch.cuda.is_available()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.readme:
        update_readme()
        return 0
    cuda = cuda_available()
    if args.list:
        list_benchmarks(cuda)
        return 0
    chosen = select(args)
    partial = bool(args.only or args.skip)
    date = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load_start, start = load_average(), time.perf_counter()
    outcomes = []
    for i, bench in enumerate(chosen, 1):
        outcome = run_benchmark(bench, cuda, position=f"[{i}/{len(chosen)}] ")
        if outcome.status != "missing":
            record_outcome(outcome)
        outcomes.append(outcome)
    info = RunInfo(date, environment(), load_start, load_average(), time.perf_counter() - start,
                   left_out=[f"{b.name} ({b.note})" for b in BENCHMARKS if b not in chosen and not b.default],
                   partial=partial)
    target = PARTIAL_RESULTS_MD if partial else RESULTS_MD
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_results(outcomes, info))
    print(f"\nWrote {target.relative_to(ROOT)} ({info.total_seconds:.0f} s in all)")
    if not partial:
        update_readme(target)
    if args.gpu_section:
        RESULTS_MD.write_text(with_gpu_section(RESULTS_MD.read_text() if RESULTS_MD.exists() else "",
                                               target.read_text()))
        print(f"Updated the GPU section of {RESULTS_MD.relative_to(ROOT)}")
    if info.total_seconds > BUDGET_S and not args.all:
        print(f"warning: the run took {info.total_seconds:.0f} s, over the {BUDGET_S} s budget")
    bad = [o.name for o in outcomes if not o.ok]
    if bad:
        print(f"not ok: {', '.join(bad)}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
