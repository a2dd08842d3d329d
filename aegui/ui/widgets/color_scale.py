"""Colour maps for error images, and a small horizontal scale bar to read them."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QLinearGradient, QPainter
from PySide6.QtWidgets import QWidget

_LUT: np.ndarray | None = None


def inferno_lut() -> np.ndarray:
    """256×3 uint8 lookup table (perceptually uniform, dark = small error)."""
    global _LUT
    if _LUT is None:
        _LUT = pg.colormap.get("inferno").getLookupTable(0.0, 1.0, 256, alpha=False).astype(np.uint8)
    return _LUT


def colorize(maps: np.ndarray, vmax: float) -> np.ndarray:
    """N×H×W floats in [0, vmax] to uint8 N×3×H×W colour images."""
    scaled = np.clip(maps / max(vmax, 1e-8), 0, 1)
    rgb = inferno_lut()[(scaled * 255).astype(np.uint8)]  # N×H×W×3
    return np.ascontiguousarray(np.moveaxis(rgb, -1, 1))


class ColorScaleBar(QWidget):
    """A gradient from 0 to ``vmax`` with its end labels."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.vmax = 1.0
        self.setMinimumHeight(34)
        self.setToolTip(self.tr("Absolute error |original − reconstruction|, per pixel (0 to 1 scale)"))

    def set_range(self, vmax: float) -> None:
        self.vmax = vmax
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(220, 34)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        bar = QRectF(40, 4, max(20, self.width() - 100), 12)
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        lut = inferno_lut()
        for stop in np.linspace(0, 1, 9):
            r, g, b = lut[int(stop * 255)]
            gradient.setColorAt(float(stop), QColor(int(r), int(g), int(b)))
        painter.fillRect(bar, gradient)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(QRectF(0, 0, 36, 20), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, "0")
        painter.drawText(QRectF(bar.right() + 4, 0, 60, 20), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         f"{self.vmax:.3g}")  # a good model's largest error may be under 0.01
        painter.drawText(QRectF(bar.left(), 17, bar.width(), 16), Qt.AlignmentFlag.AlignCenter,
                         self.tr("|error| per pixel"))
