"""Live loss curves, drawn the fast pyqtgraph way: growing numpy buffers and
``setData`` with peak downsampling and clip-to-view, so long runs stay smooth."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from aegui.core.reports import EpochReport, StepReport


class GrowingSeries:
    """An x/y buffer that doubles in place instead of re-allocating on every point."""

    def __init__(self, capacity: int = 1024):
        self._x = np.empty(capacity)
        self._y = np.empty(capacity)
        self.size = 0

    def extend(self, xs, ys) -> None:
        n = len(xs)
        while self.size + n > len(self._x):
            self._x = np.resize(self._x, 2 * len(self._x))
            self._y = np.resize(self._y, 2 * len(self._y))
        self._x[self.size : self.size + n] = xs
        self._y[self.size : self.size + n] = ys
        self.size += n

    def clear(self) -> None:
        self.size = 0

    @property
    def x(self) -> np.ndarray:
        return self._x[: self.size]

    @property
    def y(self) -> np.ndarray:
        return self._y[: self.size]


# name -> (legend label, colour, width, style)
CURVES = {
    "train_step": ("train (per step)", (120, 160, 220, 110), 1),
    "train": ("train loss", (31, 119, 180), 2.5),
    "val": ("validation loss", (255, 127, 14), 2.5),
    "val_recon": ("val reconstruction", (44, 160, 44), 2),
    "val_kl": ("val KL", (214, 39, 40), 2),
}


class LossPlot(QWidget):
    """Loss against epochs (fractional for per-step points). Per image, as in core.losses."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = pg.PlotWidget(background="w")
        self.plot.setObjectName("lossPlot")
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setLabel("bottom", "epoch")
        self.plot.setLabel("left", "loss per image")
        self.legend = self.plot.addLegend(offset=(-10, 10), brush=(255, 255, 255, 210), pen=(200, 200, 200))
        self.series: dict[str, GrowingSeries] = {}
        self.curves: dict[str, pg.PlotDataItem] = {}
        for name, (label, colour, width) in CURVES.items():
            symbol = "o" if name != "train_step" else None
            curve = self.plot.plot([], [], name=label, pen=pg.mkPen(colour, width=width),
                                   symbol=symbol, symbolSize=6, symbolBrush=colour, symbolPen=None)
            curve.setDownsampling(auto=True, method="peak")
            curve.setClipToView(True)
            self.curves[name] = curve
            self.series[name] = GrowingSeries()
        self.log_check = QCheckBox("Log scale")
        self.log_check.setObjectName("logScaleCheck")
        self.log_check.toggled.connect(lambda on: self.plot.setLogMode(y=on))
        controls = QHBoxLayout()
        controls.addStretch(1)
        controls.addWidget(self.log_check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addLayout(controls)
        self.set_variational(False)

    def set_variational(self, variational: bool) -> None:
        """Reconstruction and KL curves only mean something for VAEs."""
        for name in ("val_recon", "val_kl"):
            self.curves[name].setVisible(variational)
            label = CURVES[name][0]
            if variational and self.legend.getLabel(self.curves[name]) is None:
                self.legend.addItem(self.curves[name], label)
            elif not variational:
                self.legend.removeItem(self.curves[name])

    def clear(self) -> None:
        for name in self.series:
            self.series[name].clear()
            self.curves[name].setData([], [])

    def add_steps(self, reports: list[StepReport]) -> None:
        if not reports:
            return
        xs = [r.epoch + r.step / r.steps_per_epoch for r in reports]
        self._extend("train_step", xs, [r.loss for r in reports])

    def add_epoch(self, report: EpochReport) -> None:
        x = [float(report.epoch)]
        self._extend("train", x, [report.train_loss])
        self._extend("val", x, [report.val_loss])
        self._extend("val_recon", x, [report.val_recon])
        self._extend("val_kl", x, [report.val_kl])

    def _extend(self, name: str, xs, ys) -> None:
        series = self.series[name]
        series.extend(xs, ys)
        self.curves[name].setData(series.x, series.y)

    def point_count(self, name: str) -> int:
        return self.series[name].size
