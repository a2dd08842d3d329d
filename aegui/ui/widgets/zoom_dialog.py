"""A large linked view of one image's panels: shared pan and zoom, values on hover.

Every value reads on one 0–1 scale, the scale of the error colour bar: pixels are shown
as fractions of full brightness, and an error panel reports the error it encodes, not
the colour it is painted in."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget


@dataclass(frozen=True)
class ZoomPanel:
    title: str
    image: np.ndarray  # C×H×W uint8, what is painted
    values: np.ndarray | None = None  # H×W floats the readout gives instead (an error map)


def _hwc(image: np.ndarray) -> np.ndarray:
    return image[0] if image.shape[0] == 1 else np.moveaxis(image, 0, -1)


def _panel(panel: ZoomPanel | tuple) -> ZoomPanel:
    return panel if isinstance(panel, ZoomPanel) else ZoomPanel(*panel)


class ZoomDialog(QDialog):
    """Panels are :class:`ZoomPanel`s or (title, image[, values]) tuples; their view boxes
    move together and all have the same size."""

    def __init__(self, panels: list[ZoomPanel | tuple], title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("zoomDialog")
        self.setWindowTitle(title)
        self.resize(300 * len(panels), 380)
        self.panels = [_panel(p) for p in panels]
        self.images = [_hwc(p.image) for p in self.panels]
        self.titles = [p.title for p in self.panels]
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setBackground((70, 70, 70))
        # Titles sit outside the canvas: inside it, a longer title would widen its column.
        titles = QHBoxLayout()
        self.views: list[pg.ViewBox] = []
        for i, (panel, pixels) in enumerate(zip(self.panels, self.images)):
            view = self.canvas.addViewBox(row=0, col=i, lockAspect=True, invertY=True)
            self.canvas.ci.layout.setColumnStretchFactor(i, 1)
            view.addItem(pg.ImageItem(pixels, axisOrder="row-major", levels=(0, 255)))
            if self.views:
                view.setXLink(self.views[0])
                view.setYLink(self.views[0])
            self.views.append(view)
            titles.addWidget(QLabel(panel.title, alignment=Qt.AlignmentFlag.AlignCenter), 1)
        height, width = self.images[0].shape[:2]
        self.views[0].setRange(QRectF(0, 0, width, height), padding=0.02)
        self.pixelLabel = QLabel(self.tr("Hover over a pixel to read its values (0 to 1); drag to pan, "
                                         "scroll to zoom."))
        self.pixelLabel.setObjectName("pixelLabel")
        self.canvas.scene().sigMouseMoved.connect(self._on_mouse)
        layout = QVBoxLayout(self)
        layout.addLayout(titles)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.pixelLabel)

    def pixel_text(self, x: int, y: int) -> str:
        parts = []
        for panel, pixels in zip(self.panels, self.images):
            if panel.values is not None:
                shown = f"{float(panel.values[y, x]):.3f}"
            else:
                value = np.atleast_1d(pixels[y, x]) / 255.0
                shown = "/".join(f"{v:.2f}" for v in value)
            parts.append(f"{panel.title} {shown}")
        return self.tr("x={x}, y={y}: {values}").format(x=x, y=y, values=" · ".join(parts))

    def _on_mouse(self, pos) -> None:
        for view in self.views:
            if view.sceneBoundingRect().contains(pos):
                point = view.mapSceneToView(pos)
                x, y = int(np.floor(point.x())), int(np.floor(point.y()))
                h, w = self.images[0].shape[:2]
                if 0 <= x < w and 0 <= y < h:
                    self.pixelLabel.setText(self.pixel_text(x, y))
                return
