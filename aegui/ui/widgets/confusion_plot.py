"""A confusion matrix: each row is a true class, each column the predicted one, coloured by
the share of the true class (rows sum to 1), with class names on both axes and a colour
scale. The view is fixed to the matrix, filling the widget (cells need not be square): there
is nothing to pan to."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from aegui.ui.theme import plot_background

MAX_NAME_CHARS = 10  # longer class names are cut on the axes


def short_name(name: str) -> str:
    return name if len(name) <= MAX_NAME_CHARS else name[:MAX_NAME_CHARS - 1] + "…"


class ConfusionPlot(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = pg.PlotWidget(background=plot_background(), objectName="confusionPlot")
        self.plot.setMinimumSize(220, 200)
        item = self.plot.getPlotItem()
        item.setLabel("left", self.tr("true class"))
        item.setLabel("bottom", self.tr("predicted class"))
        item.setMouseEnabled(x=False, y=False)
        item.hideButtons()
        item.setMenuEnabled(False)
        item.invertY(True)
        self.image = pg.ImageItem(axisOrder="row-major")
        item.addItem(self.image)
        colormap = pg.colormap.get("viridis")
        self.colorbar = pg.ColorBarItem(values=(0, 1), colorMap=colormap, interactive=False, width=12,
                                        label=self.tr("share of the true class"))
        self.colorbar.setImageItem(self.image, insert_in=item)
        self.matrix: np.ndarray | None = None
        self.names: tuple[str, ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def show_matrix(self, counts: np.ndarray, class_names: tuple[str, ...] = ()) -> None:
        counts = np.asarray(counts, np.float64)
        n = len(counts)
        self.matrix = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
        self.names = tuple(class_names[i] if i < len(class_names) else str(i) for i in range(n))
        self.image.setImage(self.matrix, levels=(0, 1))
        self.image.setRect(0, 0, n, n)
        # Every class named where the room allows; else every second or fifth one.
        step = 1 if n <= 12 else 2 if n <= 24 else 5
        ticks = [[(i + 0.5, short_name(self.names[i])) for i in range(0, n, step)], []]
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).setTicks(ticks)
        self.plot.getPlotItem().setRange(xRange=(0, n), yRange=(0, n), padding=0.02)

    def clear(self) -> None:
        self.matrix = None
        self.names = ()
        self.image.clear()
