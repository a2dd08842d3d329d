"""Draw an image with the mouse; it is encoded live, marked on the scatter and
reconstructed beside the canvas."""

from __future__ import annotations

import numpy as np
import torch
from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from aegui.core import latent
from aegui.ui.latent.session import LatentSession
from aegui.ui.throttle import Throttle
from aegui.ui.widgets.image_grid import ImageGrid

CANVAS_PX = 196
PEN_PX = 16  # about two MNIST pixels wide once scaled to 28×28
THROTTLE_MS = 40


class DrawCanvas(QWidget):
    """White strokes on black, like MNIST digits."""

    changed = Signal()  # throttled while drawing

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Drawing canvas"))
        self.setAccessibleDescription(self.tr("Draw with the mouse; the drawing is encoded as you draw."))
        self.image = QImage(CANVAS_PX, CANVAS_PX, QImage.Format.Format_Grayscale8)
        self.image.fill(0)
        self._last: QPointF | None = None
        self.setFixedSize(CANVAS_PX, CANVAS_PX)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._throttle = Throttle(THROTTLE_MS, self.changed.emit, self)

    def sizeHint(self) -> QSize:
        return QSize(CANVAS_PX, CANVAS_PX)

    def clear(self) -> None:
        self.image.fill(0)
        self.update()

    def stroke(self, points: list[tuple[float, float]]) -> None:
        """Draw a polyline in canvas pixels (what mouse drags do; tests use it directly)."""
        painter = QPainter(self.image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(255, 255, 255), PEN_PX, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        if len(points) == 1:
            painter.drawPoint(QPointF(*points[0]))
        for a, b in zip(points, points[1:]):
            painter.drawLine(QPointF(*a), QPointF(*b))
        painter.end()
        self.update()
        self._throttle.request()

    def to_array(self, channels: int, height: int, width: int) -> np.ndarray:
        """The drawing as a uint8 C×H×W model input (smooth downscale, like MNIST's antialiasing)."""
        small = self.image.scaled(width, height, Qt.AspectRatioMode.IgnoreAspectRatio,
                                  Qt.TransformationMode.SmoothTransformation)
        small = small.convertToFormat(QImage.Format.Format_Grayscale8)
        rows = np.frombuffer(small.constBits(), np.uint8).reshape(height, small.bytesPerLine())
        gray = rows[:, :width].copy()
        return np.repeat(gray[None], channels, axis=0)

    def is_empty(self) -> bool:
        return not self.to_array(1, 28, 28).any()

    def mousePressEvent(self, event) -> None:
        self._last = event.position()
        self.stroke([(self._last.x(), self._last.y())])

    def mouseMoveEvent(self, event) -> None:
        if self._last is not None:
            p = event.position()
            self.stroke([(self._last.x(), self._last.y()), (p.x(), p.y())])
            self._last = p

    def mouseReleaseEvent(self, event) -> None:
        self._last = None

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.drawImage(0, 0, self.image)
        painter.setPen(QColor(128, 128, 128))
        painter.drawRect(0, 0, self.width() - 1, self.height() - 1)


class DrawPanel(QWidget):
    def __init__(self, session: LatentSession):
        super().__init__()
        self.session = session
        self.code: np.ndarray | None = None
        self.reconstruction: np.ndarray | None = None
        self.canvas = DrawCanvas()
        self.canvas.setObjectName("drawCanvas")
        self.canvas.changed.connect(self.encode)
        self.view = ImageGrid(columns=2, placeholder=self.tr("Draw on the black square."))
        self.view.setObjectName("drawView")
        self.clearButton = QPushButton(self.tr("Clear"), objectName="drawClearButton")
        self.clearButton.clicked.connect(self.clear)
        self.caption = QLabel(self.tr("Draw a digit with the mouse: a marker shows where it lands on the "
                                      "scatter, and its reconstruction appears beside it."), wordWrap=True)
        row = QHBoxLayout()
        row.addWidget(self.canvas, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.view, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.clearButton, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.caption)
        layout.addStretch(1)

    def clear(self) -> None:
        self.canvas.clear()
        self.view.set_images(None)
        self.code = self.reconstruction = None
        self.session.unmark("drawn")

    def encode(self) -> None:
        session, model = self.session, self.session.model
        if model is None or self.canvas.is_empty():
            return
        c, h, w = model.spec.image_shape
        drawn = self.canvas.to_array(c, h, w)
        label = session.decode_label()
        y = None if label is None else torch.tensor([label])

        def job() -> tuple[np.ndarray, np.ndarray]:
            z = latent.encode(model, torch.from_numpy(drawn[None]), y)
            return z[0], latent.decode(model, z, label)[0]

        def done(result: tuple[np.ndarray, np.ndarray]) -> None:
            self.code, self.reconstruction = result
            self.view.set_images(np.stack([drawn, self.reconstruction]), [self.tr("drawn"), self.tr("reconstruction")])
            session.mark("drawn", self.code, "#e60", self.tr("drawn"))
            session.decoded.emit("draw")

        session.run("draw", job, done)
