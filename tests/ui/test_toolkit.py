"""The Qt binding itself: a release that mismanages reference counts aborts a long session
("Fatal Python error: none_dealloc") far from its cause, so check for it directly."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from aegui.ui.widgets.image_grid import ImageGrid


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_painting_does_not_drain_the_reference_count_of_none(qtbot):
    grid = ImageGrid(columns=4)
    qtbot.addWidget(grid)
    grid.resize(400, 300)
    images = np.random.default_rng(0).integers(0, 256, (8, 1, 28, 28), dtype=np.uint8)
    grid.set_images(images, [f"MSE .0{i}\n12.3 dB" for i in range(8)])
    grid.grab()
    before = sys.getrefcount(None)
    for _ in range(50):
        grid.grab()  # about 40 QPainter calls each
    drift = sys.getrefcount(None) - before
    assert drift > -100, f"None lost {-drift} references in 50 paints: use another PySide6 release"
