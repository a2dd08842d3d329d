"""Reconstruct tab latency: a corruption-level change to updated views, and a noise sweep.

Runs the real tab offscreen on the bundled digits with the default model architecture
(conv VAE, width 32; its weights do not change the cost). For each of N level changes it
times from ``corruptionLevel.setValue`` to the tab's ``pageShown`` signal (inference on the
worker thread plus drawing), for a 64-image page on CPU, and reports p50/p95. As a same-run
baseline it times the bare model forward pass on the same 64 images. The target is a p95
under 100 ms. The noise sweep (12 levels × 256 images) is set against 48 bare 64-image
forward passes, the model's own cost for the same images. JSON goes to
``bench/results/reconstruct_latency.json`` through ``results_file.write_results``.

    python bench/reconstruct_latency.py [--repeats 30]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from results_file import Row, load_average, write_results

TARGET_P95_MS = 100.0


def result_rows(result: dict) -> list[Row]:
    p50, p95, bare = (result["level_change_ms_p50"], result["level_change_ms_p95"],
                      result["bare_forward_ms_p50"])
    sweep_bare_s = bare / 1000 * result["sweep_levels"] * result["sweep_images"] / result["page_size"]
    return [
        Row(f"level change → updated views, {result['page_size']} images",
            f"p50 {p50:.0f} ms, p95 {p95:.0f} ms (bare forward pass {bare:.0f} ms, p50 {p50 / bare:.2f}×)",
            f"p95 < {TARGET_P95_MS:g} ms", p50 / bare, p95 < TARGET_P95_MS),
        Row(f"noise sweep, {result['sweep_levels']} levels × {result['sweep_images']} images",
            f"{result['sweep_seconds']:.2f} s (the bare forward passes alone {sweep_bare_s:.2f} s)",
            ratio=result["sweep_seconds"] / sweep_bare_s),
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--page-size", type=int, default=64)
    args = parser.parse_args()
    started_load = load_average()

    import torch
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from aegui.core.checkpoint import Experiment
    from aegui.core.config import ExperimentConfig
    from aegui.core.data import load_dataset, split_dataset
    from aegui.core.device import set_training_threads
    from aegui.core.models import build_model
    from aegui.core.training import model_spec_for
    from aegui.ui.app_state import AppState
    from aegui.ui.reconstruct_tab import ReconstructTab

    app = QApplication.instance() or QApplication([])
    threads = set_training_threads()  # as the app does
    state = AppState()
    data = load_dataset("mnist-10k")
    state.set_dataset(data, "mnist-10k")
    config = ExperimentConfig(task="denoise", noise=0.3)
    model = build_model(model_spec_for(config, split_dataset(data, 0.1, 0))).eval()
    state.set_config(config)
    tab = ReconstructTab(state)
    tab.resize(1280, 760)
    tab.show()
    tab.pageSizeSpin.setValue(args.page_size)
    loop = QEventLoop()
    tab.pageShown.connect(loop.quit)
    state.set_experiment(Experiment(config, model), "benchmark model")
    loop.exec()

    latencies = []
    levels = np.linspace(0.1, 0.9, args.repeats)
    for level in levels:
        start = time.perf_counter()
        tab.corruptionLevel.setValue(float(level))
        QTimer.singleShot(10_000, loop.quit)
        loop.exec()
        app.processEvents()  # paint
        latencies.append((time.perf_counter() - start) * 1000)

    images = state.split.val.images[: args.page_size].float() / 255
    bare = []
    with torch.inference_mode():
        for _ in range(args.repeats):
            start = time.perf_counter()
            model(images)
            bare.append((time.perf_counter() - start) * 1000)

    tab.sweepFinished.connect(loop.quit)
    start = time.perf_counter()
    tab.run_sweep()
    loop.exec()
    sweep_s = time.perf_counter() - start
    tab.shutdown()

    result = {
        "page_size": args.page_size, "torch_threads": threads,
        "level_change_ms_p50": float(np.percentile(latencies, 50)),
        "level_change_ms_p95": float(np.percentile(latencies, 95)),
        "bare_forward_ms_p50": float(np.percentile(bare, 50)),
        "sweep_seconds": sweep_s, "sweep_levels": 12, "sweep_images": 256,
    }
    print(f"level change → views, {args.page_size} images: p50 {result['level_change_ms_p50']:.0f} ms, "
          f"p95 {result['level_change_ms_p95']:.0f} ms (target < 100 ms); "
          f"bare forward pass p50 {result['bare_forward_ms_p50']:.0f} ms")
    print(f"noise sweep (12 levels × 256 images): {sweep_s:.2f} s")
    write_results("reconstruct_latency", rows=result_rows(result), details=result, started_load=started_load)
    return 0


if __name__ == "__main__":
    sys.exit(main())
