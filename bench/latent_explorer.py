"""Latent explorer timings on CPU, each against a bare model call on the same batch.

    python bench/latent_explorer.py [--repeats 7] [--threads N]

The model is the bundled demo (conv VAE, width 32, 2-D latent). The *bare call* is what a
script would write: the model as trained (eval mode, BatchNorm layers, NCHW), one call on
the whole batch under ``torch.inference_mode``. The *app* is what the Latent tab runs:
``aegui.core.latent.decode``/``encode`` on the inference copy (BatchNorm folded,
channels_last; ``aegui.core.inference``) in its chunks, uint8 conversion included. Rows:

* the 30×30 manifold grid: app / bare (target ≤ 1.1×), and the same chunked path with the
  unfolded copy (target: folded faster than unfolded);
* a 10,000-image encode: app / bare (target ≤ 1.1×);
* a single decode (a click or a slider move): p50 and p95;
* the thread count: the grid at 1 thread against the app's count, and how late a 10 ms
  timer on the main thread fires while a worker thread decodes grids (p99 ≤ 50 ms);
* hover lookup at 70,000 points: ``GridIndex`` against pyqtgraph's ``pointsAt``.

Every timing is the median of interleaved repeats, so drift in the machine's speed hits
both sides of a ratio alike.
"""

from __future__ import annotations

import argparse
import os
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import torch
from results_file import Row, load_average, write_results

from aegui.core import latent
from aegui.core.checkpoint import load_experiment
from aegui.core.data import load_dataset
from aegui.core.device import set_training_threads
from aegui.core.inference import inference_model
from aegui.ui.main_window import DEMO_MODEL_PATH

GRID_SIDE = 30
ENCODE_IMAGES = 10_000
CHUNKS = (32, 64, 128, 256, 900)


def seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def interleaved(named: dict[str, callable], repeats: int) -> dict[str, list[float]]:
    """Each callable once per round, in turn (after one warm-up call each)."""
    for fn in named.values():
        fn()
    times: dict[str, list[float]] = {name: [] for name in named}
    for _ in range(repeats):
        for name, fn in named.items():
            times[name].append(seconds(fn))
    return times


def ms(values: list[float]) -> float:
    return float(np.median(values) * 1000)


def paired_ratio(top: list[float], bottom: list[float]) -> float:
    return float(np.median(np.array(top) / np.array(bottom)))


def timer_lateness(work, duration_s: float = 2.0, interval_ms: int = 10) -> np.ndarray:
    """How late (ms) a main-thread QTimer fires while ``work`` loops on another thread."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    stop = threading.Event()
    worker = threading.Thread(target=lambda: [work() for _ in iter(stop.is_set, True)], daemon=True)
    clock, late, last = QElapsedTimer(), [], [0]
    timer = QTimer(interval=interval_ms)

    def tick() -> None:
        now = clock.elapsed()
        late.append(max(0, now - last[0] - interval_ms))
        last[0] = now

    timer.timeout.connect(tick)
    loop = QEventLoop()
    QTimer.singleShot(int(duration_s * 1000), loop.quit)
    worker.start()
    clock.start()
    timer.start()
    loop.exec()
    timer.stop()
    stop.set()
    worker.join()
    app.processEvents()
    return np.array(late[1:], dtype=float)


def hover_lookup(rng: np.random.Generator) -> tuple[float, float, float]:
    """µs per GridIndex query, ms per pointsAt query, and the index's build time (ms)."""
    import pyqtgraph as pg
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    points = rng.standard_normal((70_000, 2)) * 3
    build = seconds(lambda: latent.GridIndex(points)) * 1000
    index = latent.GridIndex(points)
    queries = rng.standard_normal((2000, 2)) * 3
    rx = ry = 6 * 6 / 600  # 6 px at 600 px over a 6-unit view
    ours = seconds(lambda: [index.nearest(q[0], q[1], rx, ry) for q in queries]) / len(queries) * 1e6
    plot = pg.PlotWidget()
    scatter = pg.ScatterPlotItem(pos=points, size=4, pen=None)
    plot.addItem(scatter)
    plot.resize(700, 600)
    plot.show()
    app.processEvents()
    theirs = seconds(lambda: [scatter.pointsAt(QPointF(*q)) for q in queries[:20]]) / 20 * 1000
    plot.close()
    return ours, theirs, build


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--threads", type=int, default=0, help="0: the app's own choice")
    args = parser.parse_args(argv)
    started_load = load_average()
    threads = set_training_threads(args.threads)  # as the app does at start-up
    trained = load_experiment(DEMO_MODEL_PATH).model.eval()
    app_copy = inference_model(trained)
    unfolded = inference_model(trained, fold=False)
    rng = np.random.default_rng(0)
    grid = latent.grid_points((-3, 3), (-3, 3), GRID_SIDE).astype(np.float32)
    grid_t = torch.from_numpy(grid)
    chunk = latent.GRID_CHUNK

    with torch.inference_mode():
        agree = float((trained.decode(grid_t) - app_copy.decode(grid_t)).abs().max())

        def bare_grid():
            with torch.inference_mode():
                trained.decode(grid_t)

        g = interleaved({"bare": bare_grid,
                         "app": lambda: latent.decode(app_copy, grid, batch_size=chunk),
                         "unfolded": lambda: latent.decode(unfolded, grid, batch_size=chunk)},
                        args.repeats)
        sweep = {size: ms(interleaved({"x": lambda s=size: latent.decode(app_copy, grid, batch_size=s)},
                                      max(3, args.repeats // 2))["x"]) for size in CHUNKS}

        z1 = rng.standard_normal((1, 2)).astype(np.float32)
        z1_t = torch.from_numpy(z1)
        single = interleaved({"bare": lambda: trained.decode(z1_t),
                              "app": lambda: latent.decode(app_copy, z1)}, 200)

        data = load_dataset("mnist-10k")
        images = data.images[:ENCODE_IMAGES]
        as_float = images.float().div(255.0)  # the bare call is handed ready floats
        e = interleaved({"bare": lambda: trained.encode(as_float),
                         "app": lambda: latent.encode(app_copy, images, batch_size=latent.ENCODE_CHUNK)},
                        max(3, args.repeats // 2))

    torch.set_num_threads(1)
    one_thread = ms(interleaved({"x": lambda: latent.decode(app_copy, grid, batch_size=chunk)},
                                max(3, args.repeats // 2))["x"])
    torch.set_num_threads(threads)
    idle_late = timer_lateness(lambda: time.sleep(0.01))
    busy_late = timer_lateness(lambda: latent.decode(app_copy, grid, batch_size=chunk))
    hover_us, points_at_ms, build_ms = hover_lookup(rng)

    grid_ratio = paired_ratio(g["app"], g["bare"])
    fold_ratio = paired_ratio(g["app"], g["unfolded"])
    encode_ratio = paired_ratio(e["app"], e["bare"])
    rows = [
        Row("30×30 grid, app vs bare call", f"{ms(g['app']):.0f} ms vs {ms(g['bare']):.0f} ms "
            f"({grid_ratio:.2f}×)", "≤ 1.1×", grid_ratio, grid_ratio <= 1.1),
        Row("30×30 grid, folded vs unfolded copy", f"{ms(g['app']):.0f} ms vs {ms(g['unfolded']):.0f} ms "
            f"({fold_ratio:.2f}×)", "< 1×", fold_ratio, fold_ratio < 1.0),
        Row(f"{ENCODE_IMAGES:,}-image encode, app vs bare call",
            f"{ms(e['app']):.0f} ms vs {ms(e['bare']):.0f} ms ({encode_ratio:.2f}×)", "≤ 1.1×",
            encode_ratio, encode_ratio <= 1.1),
        Row("single decode p50 / p95", f"{np.percentile(single['app'], 50) * 1000:.2f} / "
            f"{np.percentile(single['app'], 95) * 1000:.2f} ms (bare {ms(single['bare']):.2f} ms)"),
        Row(f"grid at {threads} threads vs 1", f"{ms(g['app']):.0f} ms vs {one_thread:.0f} ms "
            f"({ms(g['app']) / one_thread:.2f}×)", ratio=ms(g["app"]) / one_thread),
        Row("10 ms timer lateness p99 while grids decode", f"{np.percentile(busy_late, 99):.1f} ms "
            f"(idle {np.percentile(idle_late, 99):.1f} ms)", "≤ 50 ms", None,
            bool(np.percentile(busy_late, 99) <= 50)),
        Row("hover lookup at 70,000 points", f"{hover_us:.1f} µs/query vs pointsAt {points_at_ms:.1f} ms "
            f"({points_at_ms * 1000 / hover_us:,.0f}× faster)", ratio=hover_us / (points_at_ms * 1000)),
    ]
    details = {
        "threads": threads, "grid_chunk": chunk, "encode_chunk": latent.ENCODE_CHUNK,
        "max_abs_difference_folded": agree,
        "grid_ms": {k: [v * 1000 for v in vals] for k, vals in g.items()},
        "grid_ms_by_chunk": sweep, "grid_ms_one_thread": one_thread,
        "encode_ms": {k: [v * 1000 for v in vals] for k, vals in e.items()},
        "single_decode_ms": {k: [np.percentile(v, 50) * 1000, np.percentile(v, 95) * 1000]
                             for k, v in single.items()},
        "timer_lateness_ms_p50_p99": {"idle": np.percentile(idle_late, [50, 99]).tolist(),
                                      "decoding": np.percentile(busy_late, [50, 99]).tolist()},
        "hover_us_per_query": hover_us, "points_at_ms_per_query": points_at_ms, "grid_index_build_ms": build_ms,
    }
    print("grid by chunk size (ms): " + ", ".join(f"{k}: {v:.0f}" for k, v in sweep.items()))
    write_results("latent_explorer", rows=rows, details=details, started_load=started_load)


if __name__ == "__main__":
    main()
