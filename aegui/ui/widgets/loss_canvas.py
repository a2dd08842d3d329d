"""The pyqtgraph canvas of the loss plot (``loss_plot.LossPlot`` builds it when first shown)."""

from __future__ import annotations

import pyqtgraph as pg

from aegui.ui.theme import plot_background
from aegui.ui.widgets.plot_axes import EpochAxis, ValueAxis


def make_canvas() -> pg.PlotWidget:
    canvas = pg.PlotWidget(background=plot_background(),
                           axisItems={"bottom": EpochAxis("bottom"), "left": ValueAxis("left")})
    canvas.setObjectName("lossPlot")
    canvas.showGrid(x=True, y=True, alpha=0.25)
    canvas.setLabel("bottom", "epoch")
    canvas.setLabel("left", "loss per image")
    return canvas


def make_curve(canvas: pg.PlotWidget, colour: tuple, width: float, points: bool) -> pg.PlotDataItem:
    """A curve that stays fast however long it grows: peak downsampling, clipped to view."""
    curve = canvas.plot([], [], pen=pg.mkPen(colour, width=width), symbol="o" if points else None,
                        symbolSize=6, symbolBrush=colour, symbolPen=None)
    curve.setDownsampling(auto=True, method="peak")
    curve.setClipToView(True)
    return curve
