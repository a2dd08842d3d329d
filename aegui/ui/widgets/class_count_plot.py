"""A bar chart of images per class (pyqtgraph), styled from the Qt palette."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QWidget

MAX_NAMED_TICKS = 30  # beyond this, names would overlap: fall back to numeric ticks
BAR_COLOR = (70, 130, 180)


def short_name(name: str, limit: int = 10) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


class ClassCountPlot(pg.PlotWidget):
    def __init__(self, parent: QWidget | None = None):
        palette = parent.palette() if parent is not None else QPalette()
        super().__init__(parent, background=palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.WindowText)
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        plot.showGrid(y=True, alpha=0.25)
        for side in ("left", "bottom"):
            axis = plot.getAxis(side)
            axis.setTextPen(text)
            axis.setPen(text)
        plot.setLabel("left", "images")
        plot.getAxis("left").setStyle(maxTickLevel=0)  # grid lines at major ticks only
        # One item, updated in place: creating and dropping Qt items on every load is churn.
        self._bars = pg.BarGraphItem(x=np.zeros(0), height=np.zeros(0), width=0.8,
                                     brush=pg.mkBrush(*BAR_COLOR), pen=pg.mkPen(None))
        plot.addItem(self._bars)
        self.setMinimumHeight(150)
        self.setToolTip("How many images each class has")
        self.show_message("no dataset loaded")

    def bar_count(self) -> int:
        return len(self._bars.opts["height"]) if self._bars.isVisible() else 0

    def show_message(self, text: str) -> None:
        """No bars: just a line of text where the chart would be (no data, or unlabeled)."""
        plot = self.getPlotItem()
        self._bars.setVisible(False)
        for side in ("left", "bottom"):
            plot.hideAxis(side)
        plot.showGrid(y=False)
        plot.setTitle(text)

    def set_counts(self, counts: np.ndarray, names: Sequence[str]) -> None:
        """One bar per class; an empty ``counts`` means the dataset is unlabeled."""
        if len(counts) == 0:
            self.show_message("unlabeled: no class counts")
            return
        plot = self.getPlotItem()
        plot.setTitle(None)
        for side in ("left", "bottom"):
            plot.showAxis(side)
        plot.showGrid(y=True, alpha=0.25)
        x = np.arange(len(counts))
        self._bars.setOpts(x=x, height=np.asarray(counts, dtype=float))
        self._bars.setVisible(True)
        bottom = plot.getAxis("bottom")
        if len(counts) <= MAX_NAMED_TICKS:
            bottom.setTicks([[(int(i), short_name(n)) for i, n in zip(x, names)]])
        else:
            bottom.setTicks(None)
        plot.setXRange(-0.6, len(counts) - 0.4, padding=0)
        plot.setYRange(0, max(1.0, float(np.max(counts))) * 1.08, padding=0)
