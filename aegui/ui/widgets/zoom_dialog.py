"""A large linked view of one image's panels: shared pan and zoom, pixel values on hover."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget


def _hwc(image: np.ndarray) -> np.ndarray:
    return image[0] if image.shape[0] == 1 else np.moveaxis(image, 0, -1)


class ZoomDialog(QDialog):
    """Panels are (title, C×H×W uint8 image) pairs; their view boxes move together."""

    def __init__(self, panels: list[tuple[str, np.ndarray]], title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("zoomDialog")
        self.setWindowTitle(title)
        self.resize(300 * len(panels), 380)
        self.images = [_hwc(image) for _, image in panels]
        self.titles = [name for name, _ in panels]
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setBackground((70, 70, 70))
        self.views: list[pg.ViewBox] = []
        for i, ((name, _), pixels) in enumerate(zip(panels, self.images)):
            view = self.canvas.addViewBox(row=1, col=i, lockAspect=True, invertY=True)
            self.canvas.addLabel(name, row=0, col=i)
            item = pg.ImageItem(pixels, axisOrder="row-major", levels=(0, 255))
            view.addItem(item)
            if self.views:
                view.setXLink(self.views[0])
                view.setYLink(self.views[0])
            self.views.append(view)
        height, width = self.images[0].shape[:2]
        self.views[0].setRange(QRectF(0, 0, width, height), padding=0.02)
        self.pixelLabel = QLabel("Hover over a pixel to read its values; drag to pan, scroll to zoom.")
        self.pixelLabel.setObjectName("pixelLabel")
        self.canvas.scene().sigMouseMoved.connect(self._on_mouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.pixelLabel)

    def pixel_text(self, x: int, y: int) -> str:
        parts = []
        for name, pixels in zip(self.titles, self.images):
            value = pixels[y, x]
            shown = f"{int(value)}" if np.ndim(value) == 0 else "/".join(str(int(v)) for v in value)
            parts.append(f"{name} {shown}")
        return f"x={x}, y={y}: " + " · ".join(parts)

    def _on_mouse(self, pos) -> None:
        for view in self.views:
            if view.sceneBoundingRect().contains(pos):
                point = view.mapSceneToView(pos)
                x, y = int(point.x()), int(point.y())
                h, w = self.images[0].shape[:2]
                if 0 <= x < w and 0 <= y < h:
                    self.pixelLabel.setText(self.pixel_text(x, y))
                return
