"""A widget that paints a grid of small images (uint8 N×C×H×W) with optional captions."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


def to_qimage(image: np.ndarray) -> QImage:
    """One C×H×W uint8 image to a QImage that owns a copy of its pixels."""
    if image.shape[0] == 1:
        pixels = np.ascontiguousarray(image[0])
        h, w = pixels.shape
        return QImage(pixels.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
    pixels = np.ascontiguousarray(np.moveaxis(image[:3], 0, -1))
    h, w, _ = pixels.shape
    return QImage(pixels.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


class ImageGrid(QWidget):
    """Tiles scale with the widget (nearest-neighbour, so pixels stay crisp)."""

    def __init__(self, columns: int = 8, parent: QWidget | None = None, placeholder: str = ""):
        super().__init__(parent)
        self.columns = columns
        self.placeholder = placeholder
        self._images: list[QImage] = []
        self._captions: list[str] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 60)

    def set_images(self, images: np.ndarray | None, captions: list[str] | None = None) -> None:
        self._images = [] if images is None else [to_qimage(im) for im in images]
        self._captions = list(captions or [])
        self.update()

    def image_count(self) -> int:
        return len(self._images)

    def sizeHint(self) -> QSize:
        return QSize(480, 240)

    def _layout(self) -> tuple[int, int, float, int]:
        n = len(self._images)
        cols = max(1, min(self.columns, n))
        rows = max(1, -(-n // cols))
        caption_h = self.fontMetrics().height() + 2 if self._captions else 0
        gap = 4
        tile = min((self.width() - gap * (cols + 1)) / cols,
                   (self.height() - gap * (rows + 1)) / rows - caption_h)
        return cols, rows, max(4.0, tile), caption_h

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        painter = QPainter(self)
        if not self._images:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.placeholder)
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        cols, rows, tile, caption_h = self._layout()
        gap = 4
        total_w = cols * tile + (cols - 1) * gap
        x0 = (self.width() - total_w) / 2
        for i, image in enumerate(self._images):
            r, c = divmod(i, cols)
            x = x0 + c * (tile + gap)
            y = gap + r * (tile + gap + caption_h)
            target = QRectF(x, y, tile, tile)
            painter.drawImage(target, image)
            painter.setPen(QColor(128, 128, 128, 90))
            painter.drawRect(target)
            if i < len(self._captions):
                painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
                painter.drawText(QRectF(x - gap, y + tile, tile + 2 * gap, caption_h),
                                 Qt.AlignmentFlag.AlignCenter, self._captions[i])
