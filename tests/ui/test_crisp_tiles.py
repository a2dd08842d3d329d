"""Images at 28 to 128 px drawn crisply: whole magnifications where they fit, a smooth
reduction where even 1:1 does not, in the window and in the report."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from aegui.core.report.content import PAGE_WIDTH, grid_layout
from aegui.ui.widgets.image_grid import ImageGrid, crisp_size


@pytest.mark.parametrize(("tile", "side", "drawn"), [
    (90.0, 28, 84.0),  # 3× digits
    (165.0, 64, 165.0),  # 2× would give up too much: the tile as it is
    (130.0, 64, 128.0),  # 2× photos
    (70.0, 64, 64.0),  # 1:1
    (48.0, 64, 48.0),  # shrunk (smoothly)
])
def test_tiles_take_a_whole_magnification_when_it_costs_little(tile, side, drawn):
    assert crisp_size(tile, side) == drawn


def test_a_grid_of_photos_draws_each_image_pixel_as_a_whole_square(qtbot):
    grid = ImageGrid(columns=4)
    qtbot.addWidget(grid)
    grid.resize(4 * 140 + 5 * 4, 200)
    image = np.zeros((4, 3, 64, 64), np.uint8)
    image[:, 0, ::2, ::2] = 255  # a checkerboard of single pixels: any blur or uneven scale shows
    grid.set_images(image)
    assert grid.tile_rect(0).width() == 128
    grid.show()
    shot = grid.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    rect = grid.tile_rect(0).toRect()
    pixels = np.frombuffer(shot.constBits(), np.uint8).reshape(shot.height(), shot.bytesPerLine())
    # Inside the tile's 1-pixel frame, from an even offset so that blocks start there.
    tile = pixels[rect.top() + 2: rect.top() + 126, (rect.left() + 2) * 3: (rect.left() + 126) * 3: 3]
    assert set(np.unique(tile)) <= {0, 255}  # pure red or black: no blending
    # Each image pixel is a 2×2 block.
    assert (tile[::2, ::2] == tile[1::2, 1::2]).all()


@pytest.mark.parametrize(("side", "count", "scale"), [(28, 12, 2), (32, 12, 2), (64, 12, 1), (128, 8, 1)])
def test_the_report_shows_reconstructions_at_whole_sizes_within_the_page(side, count, scale):
    shown, magnified = grid_layout(side, 12)
    assert (shown, magnified) == (count, scale)
    assert shown * (side + 2) * magnified <= PAGE_WIDTH  # never shrunk by the browser


def test_a_repaint_draws_the_tiles_once_until_they_change(qtbot):
    """Repaints come from the cached pixmap: a grid of captioned tiles is hundreds of Qt calls,
    each fighting busy workers for the GIL."""
    import numpy as np

    from aegui.ui.widgets.image_grid import ImageGrid

    grid = ImageGrid()
    qtbot.addWidget(grid)
    grid.resize(400, 300)
    grid.show()
    grid.set_images(np.zeros((16, 1, 28, 28), np.uint8), [str(i) for i in range(16)])
    first = grid.grab().toImage()
    renders = grid.renders
    again = grid.grab().toImage()
    assert grid.renders == renders == 1 and again == first
    grid.set_images(np.full((16, 1, 28, 28), 255, np.uint8), [str(i) for i in range(16)])
    changed = grid.grab().toImage()
    assert grid.renders == 2 and changed != first
    grid.resize(500, 300)
    grid.grab()
    assert grid.renders == 3
