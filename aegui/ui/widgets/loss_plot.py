"""Live loss curves, drawn the fast pyqtgraph way: growing numpy buffers and
``setData`` with peak downsampling and clip-to-view, so long runs stay smooth.

The legend sits in a row above the plot, where it never hides a curve; a line below
reads out the values under the mouse pointer."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from aegui.core.reports import EpochReport, StepReport
from aegui.ui.i18n import translate

if TYPE_CHECKING:
    import pyqtgraph as pg


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


# name -> (legend label, colour, line width); the labels are translated where shown
CURVES = {
    "train_step": (QT_TRANSLATE_NOOP("LossPlot", "train (per batch)"), (120, 160, 220, 110), 1),
    "train": (QT_TRANSLATE_NOOP("LossPlot", "train loss"), (31, 119, 180), 2.5),
    "val": (QT_TRANSLATE_NOOP("LossPlot", "validation loss"), (255, 127, 14), 2.5),
    "val_recon": (QT_TRANSLATE_NOOP("LossPlot", "val reconstruction"), (44, 160, 44), 2),
    "val_kl": (QT_TRANSLATE_NOOP("LossPlot", "val KL"), (214, 39, 40), 2),
}
VARIATIONAL_CURVES = ("val_recon", "val_kl")
READOUT_HINT = QT_TRANSLATE_NOOP("LossPlot", "Point at the plot to read the losses there.")
CANVAS_SIZE_HINT = QSize(480, 360)


def format_loss(value: float) -> str:
    return f"{value:.4g}"


def legend_entry(name: str) -> str:
    """A curve's line sample and name, kept on one line."""
    label, colour, _ = CURVES[name]
    label = translate("LossPlot", label)
    hex_colour = "#{:02x}{:02x}{:02x}".format(*colour[:3])
    return (f'<span style="color:{hex_colour}; font-weight:bold">━━</span>&nbsp;'
            f'{label.replace(" ", "&nbsp;")}')


def _nearest(xs: np.ndarray, x: float) -> int:
    return int(np.argmin(np.abs(xs - x)))


class LossPlot(QWidget):
    """Loss against epochs (fractional for per-batch points). Per image, as in core.losses.

    The curves' data lives in ``series``; the pyqtgraph canvas that draws them is built
    when the plot is first shown (or ``plot`` is read), so a window that opens on another
    tab paints before pyqtgraph is imported."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.variational = False
        self.series: dict[str, GrowingSeries] = {name: GrowingSeries() for name in CURVES}
        self._canvas: pg.PlotWidget | None = None
        self._curves: dict[str, pg.PlotDataItem] = {}
        self._canvas_slot = QVBoxLayout()
        self._canvas_slot.setContentsMargins(0, 0, 0, 0)
        # Wrapping labels: in a narrow window the legend takes two lines rather than width.
        self.legend = QLabel("", objectName="lossLegend", wordWrap=True)
        self.finalLabel = QLabel("", objectName="finalValLabel")
        self.finalLabel.setToolTip(self.tr("The validation loss after the latest completed epoch"))
        self.finalLabel.setMinimumWidth(40)  # clipped, rather than widening a narrow window
        legend_row = QHBoxLayout()
        legend_row.addWidget(self.legend, 1)
        legend_row.addWidget(self.finalLabel, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)

        self.readout = QLabel(translate("LossPlot", READOUT_HINT), objectName="lossReadout", wordWrap=True)
        self.log_check = QCheckBox(self.tr("Log scale"))
        self.log_check.setObjectName("logScaleCheck")
        self.log_check.toggled.connect(self._apply_log_mode)
        controls = QHBoxLayout()
        controls.addWidget(self.readout, 1)
        controls.addWidget(self.log_check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(legend_row)
        layout.addLayout(self._canvas_slot, 1)
        layout.addLayout(controls)
        self.set_variational(False)

    # -- the canvas, built when first needed ---------------------------------------------------
    @property
    def plot(self) -> pg.PlotWidget:
        """The pyqtgraph canvas, built now if it was not yet."""
        if self._canvas is None:
            from aegui.ui.widgets.loss_canvas import make_canvas, make_curve

            self._canvas = make_canvas()
            self._canvas.setAccessibleName(self.tr("Loss curves"))
            self._canvas.setAccessibleDescription(self.tr("The training and validation loss against epochs."))
            for name, (_, colour, width) in CURVES.items():
                self._curves[name] = make_curve(self._canvas, colour, width, points=name != "train_step")
                self._curves[name].setData(self.series[name].x, self.series[name].y)
            self._canvas_slot.addWidget(self._canvas)
            self._canvas.show()  # added while its parent shows: Qt would leave it hidden
            self._canvas.scene().sigMouseMoved.connect(self._on_mouse_moved)
            self._apply_variational()
            self._apply_log_mode(self.log_check.isChecked())
        return self._canvas

    @property
    def curves(self) -> dict[str, pg.PlotDataItem]:
        _ = self.plot
        return self._curves

    def sizeHint(self) -> QSize:
        # The room a splitter gives it before the canvas exists: as much as with it.
        return super().sizeHint().expandedTo(CANVAS_SIZE_HINT)

    def showEvent(self, event: QShowEvent) -> None:
        _ = self.plot  # before the first paint: never an empty frame
        super().showEvent(event)

    def _apply_log_mode(self, on: bool) -> None:
        if self._canvas is not None:
            self._canvas.setLogMode(y=on)

    def _apply_variational(self) -> None:
        for name in VARIATIONAL_CURVES:
            if name in self._curves:
                self._curves[name].setVisible(self.variational)

    def set_variational(self, variational: bool) -> None:
        """Reconstruction and KL curves only mean something for VAEs."""
        self.variational = variational
        self._apply_variational()
        self.legend.setText("&nbsp;&nbsp;&nbsp; ".join(
            legend_entry(name) for name in CURVES if variational or name not in VARIATIONAL_CURVES))

    def clear(self) -> None:
        for name in self.series:
            self.series[name].clear()
            if name in self._curves:
                self._curves[name].setData([], [])
        self.finalLabel.setText("")
        self.readout.setText(translate("LossPlot", READOUT_HINT))

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
        self.finalLabel.setText(self.tr("validation loss <b>{loss}</b> (epoch {epoch})").format(
            loss=format_loss(report.val_loss), epoch=f"{report.epoch:,}"))

    def _extend(self, name: str, xs, ys) -> None:
        series = self.series[name]
        series.extend(xs, ys)
        if name in self._curves:
            self._curves[name].setData(series.x, series.y)

    def point_count(self, name: str) -> int:
        return self.series[name].size

    # -- reading values --------------------------------------------------------------------
    def readout_at(self, x: float) -> str:
        """The losses nearest to epoch ``x``: the batch loss there and the closest epoch's."""
        parts = []
        steps = self.series["train_step"]
        if steps.size:
            parts.append(self.tr("batch loss {loss}").format(loss=format_loss(steps.y[_nearest(steps.x, x)])))
        train = self.series["train"]
        if train.size:
            i = _nearest(train.x, x)
            names = ["train", "val", *(VARIATIONAL_CURVES if self.variational else ())]
            titles = {"train": self.tr("train {loss}"), "val": self.tr("val {loss}"),
                      "val_recon": self.tr("val recon {loss}"), "val_kl": self.tr("val KL {loss}")}
            values = ", ".join(titles[n].format(loss=format_loss(self.series[n].y[i])) for n in names)
            parts.append(self.tr("after epoch {epoch}: {values}").format(epoch=f"{int(train.x[i]):,}", values=values))
        if not parts:
            return translate("LossPlot", READOUT_HINT)
        return " · ".join([self.tr("epoch {epoch}").format(epoch=f"{max(x, 0.0):.1f}"), *parts])

    def _on_mouse_moved(self, scene_pos) -> None:
        view = self.plot.getPlotItem().getViewBox()
        if view.sceneBoundingRect().contains(scene_pos):
            self.readout.setText(self.readout_at(view.mapSceneToView(scene_pos).x()))
