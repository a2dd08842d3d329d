"""Does a long session hold on to memory? Train/stop/retrain cycles in one window.

In one offscreen main window (the real training job on its worker thread) each cycle
trains, stops once the first epoch is in, then trains again to the end: afresh on odd
cycles, continued from the stopped model (with its optimizer state) on even ones. The Train
tab is on screen; with ``--every-tab`` the tab on screen moves on by one each cycle, so
every tab draws the runs in turn, and the first cycle ends by showing each tab once (the
views a tab builds the first time it is shown are then part of the baseline).

After each cycle (and a garbage collection, as the app's own collector would do) it prints
the resident memory (VmRSS; on systems without /proc, the peak from getrusage) and how many
``Trainer`` and ``TrainingJob`` objects are alive. The result is the growth from the first
cycle to the last, as a percentage (target < 2 %), and the most trainers and jobs seen
alive between runs (target: no trainer, at most one job). What a tab's own work leaves in
the heap differs from tab to tab, so with ``--every-tab`` the growth is also given per tab:
from the first cycle that showed it to the last. JSON goes to ``bench/results/gui_soak.json``
through ``results_file.write_results``.

    python bench/gui_soak.py [--cycles 30] [--every-tab] [--images 2000] [--epochs 1]
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from results_file import Row, load_average, write_results

TARGET_GROWTH_PCT = 2.0
STOP_RUN_EPOCHS = 1000  # the run that is stopped: far more epochs than it gets to train


def rss_mb() -> tuple[float, str]:
    """The process's resident memory in MB and where the number came from."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024, "VmRSS"
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024), "peak RSS"


def live(kind: type) -> int:
    return sum(1 for obj in gc.get_objects() if type(obj) is kind)


def result_rows(result: dict) -> list[Row]:
    """RESULTS.md's lines: memory growth, objects left alive, and whether every run finished."""
    growth, cycles = result["growth_pct"], result["cycles"]
    rows = [
        Row(f"resident memory growth, cycle 1 → {cycles}",
            f"{growth:+.2f} % ({result['rss_mb_after_first_cycle']:.0f} → "
            f"{result['rss_mb_after_last_cycle']:.0f} MB {result['rss_source']})",
            f"< {TARGET_GROWTH_PCT:g} %",
            result["rss_mb_after_last_cycle"] / result["rss_mb_after_first_cycle"], growth < TARGET_GROWTH_PCT),
        Row("most Trainer objects alive after a cycle", str(result["max_live_trainers"]), "0", None,
            result["max_live_trainers"] == 0),
        Row("most TrainingJob objects alive after a cycle", str(result["max_live_jobs"]), "≤ 1", None,
            result["max_live_jobs"] <= 1),
        Row("runs trained to the end after a stop",
            f"{sum(r['completed'] for r in result['per_cycle'])} of {cycles}", "all", None,
            result["all_completed"]),
    ]
    rows += [Row(f"resident memory growth with the {name} tab on screen", f"{pct:+.2f} %")
             for name, pct in result["growth_pct_per_tab"].items()] if result["every_tab"] else []
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=30)
    parser.add_argument("--images", type=int, default=2000, help="of the bundled digits")
    parser.add_argument("--epochs", type=int, default=1, help="of each run trained to the end")
    parser.add_argument("--model", default="conv-ae")
    parser.add_argument("--hidden", type=int, default=16)
    parser.add_argument("--latent-dim", type=int, default=8)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--every-tab", action="store_true", help="show the next tab each cycle")
    args = parser.parse_args()
    started_load = load_average()

    scratch = Path(tempfile.mkdtemp(prefix="aegui-bench-"))
    os.environ.setdefault("AEGUI_HOME", str(scratch / "home"))
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from aegui.app import build_main_window
    from aegui.core.data import load_dataset
    from aegui.core.training import Trainer
    from aegui.workers.tasks import all_runners
    from aegui.workers.training_worker import TrainingJob

    digits = load_dataset("mnist-10k")
    count = min(args.images, len(digits))
    data = scratch / "digits.npz"
    np.savez(data, images=digits.images[:count, 0].numpy(), labels=digits.labels[:count].numpy())

    window = build_main_window()
    window.confirm_close = lambda: True
    window.resize(1280, 800)
    window.show()
    loop = QEventLoop()
    loaded: list[bool] = []
    window.data_tab.loadFinished.connect(lambda ok: (loaded.append(ok), loop.quit()))
    window.data_tab.load_spec(f"npz:{data}")
    loop.exec()
    if loaded != [True]:
        print(f"could not load the digits: {window.banner.text()}")
        return 1
    window.train_tab.apply_config(window.state.config.with_changes(
        model=args.model, hidden=args.hidden, latent_dim=args.latent_dim,
        batch_size=args.batch_size, device=args.device, task="reconstruct"))
    state, controller, tab, tabs = window.state, window.controller, window.train_tab, window.tabs
    outcomes: list[bool] = []
    controller.runFinished.connect(lambda completed: (outcomes.append(completed), loop.quit()))

    def wait_until(done, timeout_s: float = 600.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not done():
            if time.monotonic() > deadline:
                raise TimeoutError("the window did not get there in time")
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.005)

    def settle() -> None:
        """Let the tab on screen finish what the last model asked of it."""
        QTimer.singleShot(300, loop.quit)
        loop.exec()
        wait_until(lambda: not any(runner.is_busy() for runner in all_runners()))

    def run(epochs: int, continue_model: bool, stop_after_first_epoch: bool) -> bool:
        tab.continueCheck.setChecked(continue_model)
        tab.epochsSpin.setValue(epochs)
        before = len(outcomes)
        if not window.start_training(continue_model):
            raise RuntimeError(f"training did not start: {window.banner.text()}")
        if stop_after_first_epoch:
            wait_until(lambda: len(state.epoch_reports) >= 1 or len(outcomes) > before)
            controller.stop()
        wait_until(lambda: len(outcomes) > before)
        return outcomes[-1]

    rows: list[dict] = []
    source = ""
    started = time.perf_counter()
    for cycle in range(1, args.cycles + 1):
        shown = (cycle - 1) % tabs.count() if args.every_tab else tabs.indexOf(tab)
        tabs.setCurrentIndex(shown)
        run(STOP_RUN_EPOCHS, False, True)
        continued = cycle % 2 == 0
        completed = run(args.epochs, continued, False)
        if cycle == 1 and args.every_tab:
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                settle()
            tabs.setCurrentIndex(shown)
        settle()
        for _ in range(2):
            gc.collect()
        rss, source = rss_mb()
        row = {"cycle": cycle, "tab": tabs.tabText(shown), "continued": continued, "completed": completed,
               "rss_mb": rss, "trainers": live(Trainer), "jobs": live(TrainingJob),
               "seconds": time.perf_counter() - started}
        rows.append(row)
        growth = 100.0 * (rss / rows[0]["rss_mb"] - 1.0)
        print(f"cycle {cycle:2d}/{args.cycles} ({row['tab']} tab, {'continued' if continued else 'afresh'}): "
              f"{source} {rss:7.1f} MB ({growth:+.2f} % since cycle 1); alive: "
              f"{row['trainers']} Trainer, {row['jobs']} TrainingJob", flush=True)
    window.close()

    first, last = rows[0]["rss_mb"], rows[-1]["rss_mb"]
    by_tab: dict[str, list[float]] = {}
    for row in rows:
        by_tab.setdefault(row["tab"], []).append(row["rss_mb"])
    result = {
        "cycles": args.cycles, "images": count, "epochs": args.epochs, "model": args.model,
        "hidden": args.hidden, "latent_dim": args.latent_dim, "batch_size": args.batch_size,
        "device": args.device, "every_tab": args.every_tab, "rss_source": source,
        "rss_mb_after_first_cycle": first, "rss_mb_after_last_cycle": last,
        "growth_pct": 100.0 * (last / first - 1.0),
        "growth_pct_per_tab": {name: 100.0 * (values[-1] / values[0] - 1.0)
                               for name, values in by_tab.items() if len(values) > 1},
        "max_live_trainers": max(r["trainers"] for r in rows),
        "max_live_jobs": max(r["jobs"] for r in rows),
        "all_completed": all(r["completed"] for r in rows),
        "per_cycle": rows,
    }
    print(f"{source} after cycle 1: {first:.1f} MB, after cycle {args.cycles}: {last:.1f} MB, "
          f"growth {result['growth_pct']:+.2f} % (target < {TARGET_GROWTH_PCT:g} %)")
    if args.every_tab:
        print("growth per tab, first to last cycle that showed it: " + ", ".join(
            f"{name} {pct:+.2f} %" for name, pct in result["growth_pct_per_tab"].items()))
    print(f"most alive after a cycle: {result['max_live_trainers']} Trainer (target 0), "
          f"{result['max_live_jobs']} TrainingJob (target ≤ 1); "
          f"{rows[-1]['seconds']:.0f} s in all")
    write_results("gui_soak", rows=result_rows(result), details=result, started_load=started_load)
    return 0


if __name__ == "__main__":
    sys.exit(main())
