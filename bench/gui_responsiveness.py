"""How much does the GUI cost training, and how responsive is the GUI while training?

In one process:

1. For each candidate training thread count (every core, and every core but one), train
   in the real main window (offscreen Qt, the real training job on its worker thread)
   while a 10 ms QTimer measures how late the event loop serves it (p50 / p99).
2. Train the same config headless with ``core.training`` at the thread count the CLI
   uses (torch's default), in the main thread.

It reports each candidate's in-GUI images/s against the CLI's headless images/s as a ratio
(target ≥ 0.9 at the automatic count) and its timer lateness (target p99 ≤ 50 ms), and
marks the count the app picks by itself (``core.device.automatic_threads``). Images/s come
from the runs' own epoch reports.

3. At the automatic count, train again in the window, alternating which tab is on screen:
   the Data tab, then the Latent tab (which re-encodes the data for every epoch's
   snapshot), twice each. The ratio Latent/Data of their median images/s says what a
   visible Latent tab costs training (target ≥ 0.95).

    python bench/gui_responsiveness.py [--epochs 2] [--model conv-ae] [--batch-size 128]
                                       [--images N]

``--images N`` trains on the first N bundled digits (saved as an npz file) instead of all
10,000, for a shorter run. JSON goes to ``bench/results/gui_responsiveness.json`` through
``results_file.write_results``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from digits import dataset_spec
from results_file import Row, load_average, write_results

TARGET_LATE_MS = 50.0  # p99 of a 10 ms timer's lateness while training
TARGET_GUI_OVER_CLI = 0.9
TARGET_LATENT_OVER_DATA = 0.95


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q)) if values else float("nan")


def result_rows(result: dict) -> list[Row]:
    """RESULTS.md's lines: lateness and in-GUI/headless at the automatic count, the tab ratio."""
    auto = result["automatic_threads"]
    rows = []
    for threads, c in result["candidates"].items():
        is_auto = int(threads) == auto
        name = f"{threads} thread{'s' if threads != '1' else ''}{' (automatic)' if is_auto else ''}"
        late = c["timer_late_ms_p99"]
        rows.append(Row(f"10 ms timer lateness while training, {name}",
                        f"p50 {c['timer_late_ms_p50']:.1f} ms, p99 {late:.1f} ms",
                        f"p99 ≤ {TARGET_LATE_MS:g} ms" if is_auto else "", None,
                        late <= TARGET_LATE_MS if is_auto else None))
        ratio = c["ratio_to_cli"]
        rows.append(Row(f"in-GUI / headless images/s, {name}",
                        f"{ratio:.3f}× ({c['gui_images_per_s']:,.0f} vs {result['cli_images_per_s']:,.0f} "
                        f"img/s headless at {result['cli_threads']} threads)",
                        f"≥ {TARGET_GUI_OVER_CLI}×" if is_auto else "", ratio,
                        ratio >= TARGET_GUI_OVER_CLI if is_auto else None))
    ratio = result["latent_over_data"]
    rows.append(Row("training with the Latent tab / the Data tab on screen",
                    f"{ratio:.3f}× ({result['latent_tab_images_per_s']:,.0f} vs "
                    f"{result['data_tab_images_per_s']:,.0f} img/s)",
                    f"≥ {TARGET_LATENT_OVER_DATA}×", ratio, ratio >= TARGET_LATENT_OVER_DATA))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--model", default="conv-ae")
    parser.add_argument("--latent-dim", type=int, default=16)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--rounds", type=int, default=1, help="repeat the thread comparison")
    parser.add_argument("--images", type=int, default=None, help="the first N bundled digits (default: all)")
    args = parser.parse_args()
    started_load = load_average()

    scratch = Path(tempfile.mkdtemp(prefix="aegui-bench-"))
    os.environ.setdefault("AEGUI_HOME", str(scratch / "home"))
    import torch
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from aegui.app import build_main_window
    from aegui.core.device import CLI_DEFAULT_THREADS, automatic_threads
    from aegui.core.reports import EpochReport
    from aegui.core.training import Trainer
    from aegui.ui.preferences import THREADS_KEY

    cores = os.cpu_count() or 1
    candidates = sorted({cores, max(1, cores - 1)}, reverse=True)
    window = build_main_window()
    window.resize(1280, 800)
    window.show()
    loop = QEventLoop()
    window.data_tab.loadFinished.connect(lambda ok: loop.quit())
    window.data_tab.load_spec(dataset_spec(args.images, scratch))
    loop.exec()
    config = window.state.config.with_changes(
        model=args.model, latent_dim=args.latent_dim, epochs=args.epochs,
        batch_size=args.batch_size, device=args.device, task="reconstruct")
    window.train_tab.apply_config(config)
    window.controller.runFinished.connect(lambda ok: loop.quit())

    def train_in_window(threads: int) -> tuple[list[float], list[float]]:
        """(images/s per epoch, timer lateness in ms) of one run at ``threads``."""
        window.settings.setValue(THREADS_KEY, threads)  # what Preferences › Training threads does
        lateness: list[float] = []
        clock = QElapsedTimer()
        timer = QTimer()
        timer.setInterval(10)
        last = [0]

        def tick() -> None:
            now = clock.nsecsElapsed()
            lateness.append(max(0.0, (now - last[0]) / 1e6 - 10.0))
            last[0] = now

        timer.timeout.connect(tick)
        clock.start()
        last[0] = clock.nsecsElapsed()
        timer.start()
        window.start_training()
        assert torch.get_num_threads() == threads
        loop.exec()
        timer.stop()
        return [r.images_per_s for r in window.state.epoch_reports], lateness

    def train_headless(threads: int) -> list[float]:
        torch.set_num_threads(threads)
        trainer = Trainer(window.state.config, window.state.split)
        return [r.images_per_s for r in trainer.fit() if isinstance(r, EpochReport)]

    # Interleaved, so drift in machine load hits every candidate alike.
    gui: dict[int, list[float]] = {t: [] for t in candidates}
    late: dict[int, list[float]] = {t: [] for t in candidates}
    cli: list[float] = []
    for _ in range(args.rounds):
        for threads in candidates:
            rates, lateness = train_in_window(threads)
            gui[threads] += rates
            late[threads] += lateness
        cli += train_headless(CLI_DEFAULT_THREADS)

    auto = automatic_threads(cores)
    window.settings.setValue(THREADS_KEY, 0)

    def rates_with(tab) -> list[float]:
        window.tabs.setCurrentWidget(tab)
        window.start_training()
        loop.exec()
        return [r.images_per_s for r in window.state.epoch_reports]

    by_tab: dict[str, list[float]] = {"data": [], "latent": []}
    for _ in range(2):
        by_tab["data"] += rates_with(window.data_tab)
        by_tab["latent"] += rates_with(window.latent_tab)
    window.close()

    bare = statistics.median(cli)
    result = {
        "model": args.model, "batch_size": args.batch_size, "epochs": args.epochs, "cores": cores,
        "images": len(window.state.dataset) if window.state.dataset is not None else None,
        "device": args.device, "cli_threads": CLI_DEFAULT_THREADS, "automatic_threads": auto,
        "cli_images_per_s": bare,
        "candidates": {
            str(t): {
                "gui_images_per_s": statistics.median(gui[t]),
                "ratio_to_cli": statistics.median(gui[t]) / bare,
                "timer_late_ms_p50": percentile(late[t], 50),
                "timer_late_ms_p99": percentile(late[t], 99),
                "timer_ticks": len(late[t]),
            } for t in candidates
        },
        "data_tab_images_per_s": statistics.median(by_tab["data"]),
        "latent_tab_images_per_s": statistics.median(by_tab["latent"]),
    }
    result["latent_over_data"] = result["latent_tab_images_per_s"] / result["data_tab_images_per_s"]
    print(f"CLI (headless, {CLI_DEFAULT_THREADS} threads): {bare:.0f} images/s")
    for t in candidates:
        c = result["candidates"][str(t)]
        mark = "  <- automatic" if t == auto else ""
        print(f"GUI, {t} thread{'s' if t != 1 else ''}: {c['gui_images_per_s']:.0f} images/s, "
              f"{c['ratio_to_cli']:.3f}x the CLI; 10 ms timer late p50 {c['timer_late_ms_p50']:.1f} ms, "
              f"p99 {c['timer_late_ms_p99']:.1f} ms (target ≤ {TARGET_LATE_MS:g}){mark}")
    print(f"images/s with the Latent tab visible {result['latent_tab_images_per_s']:.0f}, with the "
          f"Data tab {result['data_tab_images_per_s']:.0f}: ratio {result['latent_over_data']:.3f} "
          f"(target ≥ {TARGET_LATENT_OVER_DATA})")
    write_results("gui_responsiveness", rows=result_rows(result), details=result, started_load=started_load)
    return 0


if __name__ == "__main__":
    sys.exit(main())
