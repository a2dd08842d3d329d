"""Every widget that paints its own content has an accessible name and description, and the
keyboard reaches every control of every tab (Tab through it, arrows and Enter in image grids)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from aegui.app import build_main_window
from aegui.ui.accessibility import texts_for, words_of
from aegui.ui.widgets.image_grid import ImageGrid


def _all_tabs_built(qtbot):
    window = build_main_window()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.confirm_close = lambda: True
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        QApplication.processEvents()
    return window


def test_every_self_painting_widget_has_a_name_and_a_description(qtbot):
    from aegui.ui.latent.draw_panel import DrawCanvas

    window = _all_tabs_built(qtbot)
    painted = [w for w in window.findChildren(QWidget) if texts_for(w) is not None or isinstance(w, DrawCanvas)]
    plots = [w for w in painted if isinstance(w, pg.GraphicsView)]
    assert len(plots) >= 8 and sum(isinstance(w, ImageGrid) for w in painted) >= 6
    unnamed = [w.objectName() or type(w).__name__ for w in painted
               if not w.accessibleName() or not w.accessibleDescription()]
    assert unnamed == []
    loss = next(w for w in plots if w.objectName() == "latentPlot")
    assert "plot of" in loss.accessibleDescription().lower()
    assert words_of("originalView") == "Original view"
    window.close()


def test_tab_reaches_every_control_of_each_tab(qtbot):
    window = _all_tabs_built(qtbot)
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        page = window.tabs.currentWidget()
        QApplication.processEvents()
        wanted = {w for w in page.findChildren(QWidget)
                  if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
                  and w.focusProxy() is None}
        window.tabs.setFocus()
        reached = set()
        for _ in range(4 * len(wanted) + 20):
            window.focusNextChild()
            QApplication.processEvents()
            reached.add(QApplication.focusWidget())
        missed = sorted(w.objectName() or type(w).__name__ for w in wanted - reached)
        assert missed == [], (window.tabs.tabText(i), missed)
    window.close()


def test_the_keyboard_opens_a_tile_of_an_image_grid(qtbot):
    import numpy as np

    grid = ImageGrid(columns=4)
    qtbot.addWidget(grid)
    grid.resize(400, 300)
    grid.show()
    grid.set_images(np.zeros((8, 1, 8, 8), np.uint8))
    opened = []
    grid.clicked.connect(opened.append)
    grid.setFocus()
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Return):
        qtbot.keyClick(grid, key)
    assert opened == [5]  # one right, one row down
