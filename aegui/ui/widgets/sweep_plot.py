"""Input and output PSNR against the corruption level: where the model stops helping."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

from aegui.core.corruptions import LEVEL_LABELS
from aegui.ui.theme import plot_background
from aegui.ui.words import core_words


class SweepPlot(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot = pg.PlotWidget(background=plot_background())
        self.plot.setObjectName("sweepPlot")
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setLabel("left", self.tr("PSNR (dB)"))
        for axis in ("left", "bottom"):  # a fraction 0.2…0.8 read "200…800 (x0.001)", cut short
            self.plot.getAxis(axis).enableAutoSIPrefix(False)
        self.kind: str | None = None  # the corruption the curves are of
        self.plot.addLegend(offset=(-10, 10), brush=(255, 255, 255, 210))
        self.input_curve = self.plot.plot([], [], name=self.tr("corrupted input"),
                                          pen=pg.mkPen((120, 120, 120), width=2), symbol="o", symbolSize=5)
        self.output_curve = self.plot.plot([], [], name=self.tr("reconstruction"),
                                           pen=pg.mkPen((31, 119, 180), width=2.5), symbol="o", symbolSize=5,
                                           symbolBrush=(31, 119, 180))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.setMinimumWidth(280)

    def show_sweep(self, kind: str, levels: np.ndarray, inputs: np.ndarray, outputs: np.ndarray) -> None:
        self.kind = kind
        finite = np.minimum(inputs, 60.0)  # an untouched input has "infinite" PSNR
        self.input_curve.setData(levels, finite)
        self.output_curve.setData(levels, outputs)
        label = LEVEL_LABELS.get(kind)  # core's words, translated as the Train tab's are
        self.plot.setLabel("bottom", self.tr("level") if label is None else core_words(label))
        self.plot.setTitle(self.tr("Noise sweep: {kind}").format(kind=kind))

    def clear(self) -> None:
        """Forget the curves (they belong to a model or data that is gone)."""
        self.input_curve.setData([], [])
        self.output_curve.setData([], [])
        self.plot.setTitle("")
        self.kind = None

    def point_count(self) -> int:
        x, _ = self.output_curve.getData()
        return 0 if x is None else len(x)
