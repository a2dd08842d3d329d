"""Latent explorer timings on CPU: single decode (p50/p95), a 30×30 grid in one call vs
900 single calls, encode throughput, and hover lookup at 70,000 points vs pyqtgraph's
ScatterPlotItem.pointsAt. Run: python bench/latent_explorer.py"""

from __future__ import annotations

import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np

from aegui.core import latent
from aegui.core.checkpoint import load_experiment
from aegui.core.data import load_dataset
from aegui.ui.main_window import DEMO_MODEL_PATH


def timed(fn, repeat: int) -> np.ndarray:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return np.array(out) * 1000


def main() -> None:
    from aegui.core.device import set_training_threads

    set_training_threads()  # as the app does
    model = load_experiment(DEMO_MODEL_PATH).model.eval()
    rng = np.random.default_rng(0)
    z1 = rng.standard_normal((1, 2)).astype(np.float32)
    latent.decode(model, z1)  # warm-up
    single = timed(lambda: latent.decode(model, z1), 200)
    print(f"single decode: p50 {np.percentile(single, 50):.2f} ms, p95 {np.percentile(single, 95):.2f} ms")

    grid = latent.grid_points((-3, 3), (-3, 3), 30)
    from aegui.ui.latent.manifold_panel import GRID_CHUNK

    chunked = timed(lambda: latent.decode(model, grid, batch_size=GRID_CHUNK), 5)
    batched = timed(lambda: latent.decode(model, grid, batch_size=len(grid)), 5)
    looped = timed(lambda: [latent.decode(model, g[None]) for g in grid], 1)
    print(f"30×30 grid: chunks of {GRID_CHUNK} (the app) {np.median(chunked):.0f} ms; baselines: one "
          f"900-image call {np.median(batched):.0f} ms, 900 single calls {looped[0]:.0f} ms")

    data = load_dataset("mnist-10k")
    t = time.perf_counter()
    latent.encode(model, data.images, batch_size=1000)
    dt = time.perf_counter() - t
    print(f"encode: {len(data) / dt:,.0f} images/s ({len(data):,} images in {dt:.2f} s)")

    import pyqtgraph as pg
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    points = rng.standard_normal((70_000, 2)) * 3
    t = time.perf_counter()
    index = latent.GridIndex(points)
    build = (time.perf_counter() - t) * 1000
    queries = rng.standard_normal((2000, 2)) * 3
    rx = ry = 6 * 6 / 600  # 6 px at 600 px over a 6-unit view
    ours = timed(lambda: [index.nearest(q[0], q[1], rx, ry) for q in queries], 1)[0] / len(queries)
    plot = pg.PlotWidget()
    scatter = pg.ScatterPlotItem(pos=points, size=4, pen=None)
    plot.addItem(scatter)
    plot.resize(700, 600)
    plot.show()
    app.processEvents()
    theirs = timed(lambda: [scatter.pointsAt(QPointF(*q)) for q in queries[:20]], 1)[0] / 20
    print(f"hover lookup at 70,000 points: GridIndex {ours * 1000:.1f} µs/query (built in {build:.0f} ms); "
          f"baseline ScatterPlotItem.pointsAt {theirs:.1f} ms/query ({theirs / ours:,.0f}× slower)")
    plot.close()


if __name__ == "__main__":
    main()
