"""Time from starting aegui to its window on screen, for several installs side by side.

    python packaging/startup_time.py [--runs 3] PROGRAM [PROGRAM ...]
    python packaging/startup_time.py /usr/bin/aegui .venv/bin/aegui

Each program starts in turn (alternating, so that a change in the machine's load hits them
alike) on one Xvfb screen, with the xcb platform and a fresh AEGUI_HOME; the clock stops when
xdotool sees a visible window named aegui, and the program is then ended. The numbers are
warm-cache: the first run of each reads its files from disk, the later ones from memory.
Needs Xvfb and xdotool.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

POLL_S = 0.02


def start_xvfb() -> tuple[subprocess.Popen, str]:
    for number in range(90, 200):
        if not os.path.exists(f"/tmp/.X11-unix/X{number}") and not os.path.exists(f"/tmp/.X{number}-lock"):
            display = f":{number}"
            server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(100):
                if os.path.exists(f"/tmp/.X11-unix/X{number}"):
                    return server, display
                time.sleep(0.05)
            server.terminate()
    raise SystemExit("startup_time: could not start Xvfb")


def time_to_window(program: str, display: str, timeout: float = 120.0) -> float:
    home = tempfile.mkdtemp(prefix="aegui-startup-")
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", AEGUI_HOME=home)
    started = time.perf_counter()
    app = subprocess.Popen([program], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - started < timeout:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "aegui"], env=env,
                                   capture_output=True, text=True)
            if found.stdout.strip():
                return time.perf_counter() - started
            if app.poll() is not None:
                raise SystemExit(f"startup_time: {program} exited with {app.returncode} before showing a window")
            time.sleep(POLL_S)
        raise SystemExit(f"startup_time: {program} showed no window in {timeout:.0f} s")
    finally:
        app.terminate()
        try:
            app.wait(10)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
        shutil.rmtree(home, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("programs", nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    server, display = start_xvfb()
    times: dict[str, list[float]] = {p: [] for p in args.programs}
    try:
        for run in range(args.runs):
            for program in args.programs:
                seconds = time_to_window(program, display)
                times[program].append(seconds)
                print(f"run {run + 1}: {program}: {seconds:.2f} s", flush=True)
    finally:
        server.terminate()
        server.wait()
    first = statistics.median(times[args.programs[0]])
    print("\nstart to visible window, median of", args.runs, "(warm cache):")
    for program in args.programs:
        median = statistics.median(times[program])
        print(f"  {program}: {median:.2f} s  ({median / first:.2f} x the first)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
