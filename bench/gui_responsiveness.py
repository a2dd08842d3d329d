"""How much does the GUI cost training, and how responsive is the GUI while training?

In one process, with the same thread budget for both:

1. Train in the real main window (offscreen Qt, the real TrainingWorker on a QThread)
   while a 10 ms QTimer measures how late the event loop serves it (p50 / p99).
2. Train the same config headless with ``core.training.fit`` in the main thread.

It reports the in-GUI images/s against the headless images/s as a ratio (target ≥ 0.9)
and the timer lateness (target p99 ≤ 50 ms). Images/s come from the runs' own epoch
reports, which time the training batches of each epoch.

3. Train again in the window, alternating which tab is on screen: the Data tab, then the
   Latent tab (which re-encodes the data for every epoch's snapshot), twice each. The
   ratio Latent/Data of their median images/s says what a visible Latent tab costs
   training (target ≥ 0.95).

    python bench/gui_responsiveness.py [--epochs 2] [--model conv-ae] [--batch-size 128]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q)) if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--model", default="conv-ae")
    parser.add_argument("--latent-dim", type=int, default=16)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()

    import tempfile

    os.environ.setdefault("AEGUI_HOME", tempfile.mkdtemp(prefix="aegui-bench-"))
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from aegui.app import build_main_window
    from aegui.core.device import reserve_core_for_gui
    from aegui.core.reports import EpochReport
    from aegui.core.training import Trainer

    threads = reserve_core_for_gui()
    window = build_main_window()
    window.resize(1280, 800)
    window.show()
    loop = QEventLoop()
    window.data_tab.loadFinished.connect(lambda ok: loop.quit())
    window.data_tab.load_spec("mnist-10k")
    loop.exec()
    config = window.state.config.with_changes(
        model=args.model, latent_dim=args.latent_dim, epochs=args.epochs,
        batch_size=args.batch_size, device=args.device, task="reconstruct")
    window.train_tab.apply_config(config)

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
    window.controller.runFinished.connect(lambda ok: loop.quit())
    clock.start()
    last[0] = clock.nsecsElapsed()
    timer.start()
    window.start_training()
    loop.exec()
    timer.stop()
    gui_rates = [r.images_per_s for r in window.state.epoch_reports]
    split = window.state.split

    def rates_with(tab) -> list[float]:
        window.tabs.setCurrentWidget(tab)
        window.start_training()
        loop.exec()
        return [r.images_per_s for r in window.state.epoch_reports]

    by_tab: dict[str, list[float]] = {"data": [], "latent": []}
    for _ in range(2):  # interleaved, so drift in machine load hits both alike
        by_tab["data"] += rates_with(window.data_tab)
        by_tab["latent"] += rates_with(window.latent_tab)
    window.close()

    headless_rates = []
    trainer = Trainer(window.state.config, split)
    for report in trainer.fit():
        if isinstance(report, EpochReport):
            headless_rates.append(report.images_per_s)

    gui = statistics.median(gui_rates)
    bare = statistics.median(headless_rates)
    result = {
        "model": args.model, "batch_size": args.batch_size, "epochs": args.epochs,
        "torch_threads": threads, "device": args.device,
        "timer_late_ms_p50": percentile(lateness, 50), "timer_late_ms_p99": percentile(lateness, 99),
        "timer_ticks": len(lateness),
        "gui_images_per_s": gui, "headless_images_per_s": bare, "ratio": gui / bare,
        "data_tab_images_per_s": statistics.median(by_tab["data"]),
        "latent_tab_images_per_s": statistics.median(by_tab["latent"]),
    }
    result["latent_over_data"] = result["latent_tab_images_per_s"] / result["data_tab_images_per_s"]
    print(f"10 ms timer lateness: p50 {result['timer_late_ms_p50']:.1f} ms, "
          f"p99 {result['timer_late_ms_p99']:.1f} ms over {len(lateness)} ticks (target p99 ≤ 50 ms)")
    print(f"images/s: in GUI {gui:.0f}, headless {bare:.0f}, ratio {gui / bare:.3f} (target ≥ 0.9)")
    print(f"images/s with the Latent tab visible {result['latent_tab_images_per_s']:.0f}, with the "
          f"Data tab {result['data_tab_images_per_s']:.0f}: ratio {result['latent_over_data']:.3f} "
          "(target ≥ 0.95)")
    out = Path(__file__).parent / "results" / "gui_responsiveness.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
