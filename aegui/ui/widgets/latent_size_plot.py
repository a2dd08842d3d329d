"""A study's plot: validation MSE against the setting's value, one point per finished run,
with PCA's MSE against its number of components on the same axes when the study has it."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from aegui.core.sweep import SweepResult, SweepSetting, setting_for
from aegui.ui.theme import plot_background
from aegui.ui.widgets.plot_axes import ValueAxis
from aegui.ui.widgets.ticks import format_number
from aegui.ui.words import core_words

MAX_X_TICKS = 12  # label the values tried, unless there are too many to read
AE_COLOUR = (31, 119, 180)
PCA_COLOUR = (110, 110, 110)
SELECTED_COLOUR = (255, 127, 14)
# The labels core gives the settings a study varies (core never imports Qt): listed here for
# the catalogue, translated where shown (setting_words). β is the same in every language.
SETTING_LABELS = (
    QT_TRANSLATE_NOOP("Words", "latent size"),
    QT_TRANSLATE_NOOP("Words", "width"),
    QT_TRANSLATE_NOOP("Words", "corruption level"),
)


def setting_words(setting: SweepSetting) -> str:
    """A study's setting as the window names it: "latent size", in the window's language."""
    return core_words(setting.label)


def value_text(value: float, integer: bool) -> str:
    """How a setting's value reads: "4" for a latent size, "0.25" for β."""
    return str(int(value)) if integer else format_number(value)


class LatentSizePlot(QWidget):
    """``show_result(result)`` redraws it; ``pointClicked(value, double)`` reports a click on
    a run's point (double: a double-click)."""

    pointClicked = Signal(float, bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.bottom = ValueAxis("bottom")
        self.plot = pg.PlotWidget(background=plot_background(),
                                  axisItems={"bottom": self.bottom, "left": ValueAxis("left")})
        self.plot.setObjectName("latentSizePlot")
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setLabel("left", self.tr("validation MSE"))
        self.plot.setLabel("bottom", setting_words(setting_for("latent_dim")))  # "latent size"
        self.plot.setMenuEnabled(False)
        # Bottom left: the corner an MSE falling with the code size leaves empty.
        self.legend = self.plot.addLegend(offset=(10, -10), brush=(255, 255, 255, 210))
        self.ae_curve = self.plot.plot([], [], name=self.tr("autoencoder"), pen=pg.mkPen(AE_COLOUR, width=2.5),
                                       symbol="o", symbolSize=9, symbolBrush=AE_COLOUR)
        self.pca_curve = self.plot.plot([], [], pen=pg.mkPen(PCA_COLOUR, width=2,
                                                                         style=Qt.PenStyle.DashLine))
        self.selected_marker = pg.PlotDataItem([], [], pen=None, symbol="o", symbolSize=16, symbolBrush=None,
                                               symbolPen=pg.mkPen(SELECTED_COLOUR, width=2.5))
        self.plot.addItem(self.selected_marker)
        self.ae_curve.sigPointsClicked.connect(self._clicked)
        self._values: list[float] = []  # the x of each drawn point, in order
        self.selected_value: float | None = None
        self.log_x = True
        self.pca_in_legend = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.setMinimumSize(280, 200)

    def show_result(self, result: SweepResult) -> None:
        """Draw the finished runs of ``result`` (and PCA's curve); keeps the selection when
        its run is still drawn."""
        setting = setting_for(result.setting)
        done = [p for p in result.finished_points if p.val_mse is not None and p.val_mse > 0]
        self._values = [p.value for p in done]
        self.log_x = setting.log_x and all(v > 0 for v in result.values)
        self.plot.setLogMode(x=self.log_x, y=True)
        self.plot.setLabel("bottom", setting_words(setting))
        self.ae_curve.setData(np.array(self._values, dtype=float), np.array([p.val_mse for p in done], dtype=float))
        curve = result.pca_curve
        if curve is not None and curve.ks:
            self.pca_curve.setData(np.array(curve.ks, dtype=float), np.array(curve.val_mse, dtype=float))
        else:
            self.pca_curve.setData([], [])
        self._set_pca_in_legend(curve is not None)
        self._set_ticks(result.values, setting.integer)
        if self.selected_value not in self._values:
            self.selected_value = None
        self._draw_selection()
        self.plot.enableAutoRange()

    def clear(self) -> None:
        self._values = []
        self.selected_value = None
        self.ae_curve.setData([], [])
        self.pca_curve.setData([], [])
        self._set_pca_in_legend(False)
        self.bottom.setTicks(None)
        self._draw_selection()

    # -- what is drawn (for the panel and the tests) --------------------------------------
    def points(self) -> list[tuple[float, float]]:
        """The runs' (value, validation MSE) as drawn, by increasing value."""
        return _pairs(self.ae_curve)

    def pca_points(self) -> list[tuple[float, float]]:
        """PCA's (components, validation MSE) as drawn; empty without a curve."""
        return _pairs(self.pca_curve)

    def tick_labels(self) -> list[str]:
        ticks = self.bottom._tickLevels or []
        return [text for level in ticks for _, text in level]

    def select(self, value: float | None) -> None:
        self.selected_value = value if value in self._values else None
        self._draw_selection()

    # -- internals ---------------------------------------------------------------------------
    def _set_ticks(self, values: tuple[float, ...], integer: bool) -> None:
        """The values tried as ticks (2, 4, 8 …), not decades; the axis's own ticks when
        there are too many to read."""
        if not values or len(values) > MAX_X_TICKS or (self.log_x and min(values) <= 0):
            self.bottom.setTicks(None)
            return
        where = (lambda v: math.log10(v)) if self.log_x else (lambda v: v)
        self.bottom.setTicks([[(where(v), value_text(v, integer)) for v in values]])

    def _set_pca_in_legend(self, shown: bool) -> None:
        # Only a study of the code size has a PCA line; the legend names what is drawn.
        if shown and not self.pca_in_legend:
            self.legend.addItem(self.pca_curve, self.tr("PCA"))
        elif not shown and self.pca_in_legend:
            self.legend.removeItem(self.pca_curve)
        self.pca_in_legend = shown

    def _draw_selection(self) -> None:
        mse = dict(self.points()).get(self.selected_value) if self.selected_value is not None else None
        if mse is None:
            self.selected_marker.setData([], [])
        else:
            self.selected_marker.setData([self.selected_value], [mse])

    def _clicked(self, _item, points, event) -> None:
        if not len(points):
            return
        index = points[0].index()
        if 0 <= index < len(self._values):
            value = self._values[index]
            self.select(value)
            self.pointClicked.emit(float(value), bool(event.double()))


def _pairs(curve: pg.PlotDataItem) -> list[tuple[float, float]]:
    x, y = curve.xData, curve.yData
    if x is None or y is None:
        return []
    return [(float(a), float(b)) for a, b in zip(x, y, strict=True)]
