"""A widget that paints a grid of small images (uint8 N×C×H×W) with optional captions."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

GAP = 4  # pixels between tiles and around the grid
SMALL_TILE = 60  # below this tile width captions use a smaller font


def to_qimage(image: np.ndarray) -> QImage:
    """One C×H×W uint8 image to a QImage that owns a copy of its pixels."""
    if image.shape[0] == 1:
        pixels = np.ascontiguousarray(image[0])
        h, w = pixels.shape
        return QImage(pixels.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
    pixels = np.ascontiguousarray(np.moveaxis(image[:3], 0, -1))
    h, w, _ = pixels.shape
    return QImage(pixels.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def fit_line(metrics: QFontMetricsF, line: str, width: float) -> str:
    """``line`` as it fits in ``width``: whole, elided, or "" when too little would remain
    to be worth reading (a caption never spills onto its neighbour)."""
    if metrics.horizontalAdvance(line) <= width:
        return line
    elided = metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)
    return elided if len(elided.rstrip("…").strip()) >= 3 else ""


CRISP_SHRINK = 0.8  # a tile gives up at most a fifth of its size to a whole magnification


def crisp_size(tile: float, side: int) -> float:
    """The tile size to draw ``side``-pixel images at: the largest whole multiple of
    ``side`` that fits, where that costs the tile little (every image pixel then covers
    the same number of screen pixels), else ``tile`` itself."""
    if side <= 0 or tile < side:
        return tile
    whole = float(side * int(tile // side))
    return whole if whole >= CRISP_SHRINK * tile else tile


class ImageGrid(QWidget):
    """Tiles scale with the widget by whole multiples (nearest-neighbour, so pixels stay
    crisp), or shrink smoothly where even 1:1 does not fit.

    Captions may span several lines; each line is elided or dropped to fit its tile's
    width. ``clicked`` gives the index of the tile clicked."""

    clicked = Signal(int)

    def __init__(self, columns: int = 8, parent: QWidget | None = None, placeholder: str = ""):
        super().__init__(parent)
        self.columns = columns
        self.placeholder = placeholder
        self._images: list[QImage] = []
        self._captions: list[str] = []
        self.tile_cap: float | None = None  # lets several grids share one tile size
        # The tiles and captions painted once into a pixmap, repainted from it until they
        # change: a grid of 64 captioned tiles is hundreds of Qt calls, each of which gives
        # up the GIL and must win it back while workers run.
        self._rendered: QPixmap | None = None
        self._rendered_key: tuple = ()
        self._generation = 0
        self.renders = 0  # how often the tiles were really drawn (tests watch it)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 60)
        # Reachable from the keyboard: Tab to it, the arrows choose a tile, Enter opens it.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.current = 0  # the tile the keyboard is on

    def set_images(self, images: np.ndarray | None, captions: list[str] | None = None) -> None:
        self._images = [] if images is None else [to_qimage(im) for im in images]
        self.current = min(self.current, max(0, len(self._images) - 1))
        self._captions = list(captions or [])
        self._generation += 1
        self.update()

    def image_count(self) -> int:
        return len(self._images)

    def sizeHint(self) -> QSize:
        return QSize(480, 240)

    # -- geometry -----------------------------------------------------------------------------
    def caption_height(self, lines: int | None = None) -> float:
        """Height of the caption area under each tile: for ``lines`` lines, or for the
        captions shown. Measured with the full-size font, so it is never too small."""
        if lines is None:
            lines = max((c.count("\n") + 1 for c in self._captions), default=0)
        return lines * QFontMetricsF(self.font()).height() + 2 if lines else 0.0

    def _layout(self) -> tuple[int, int, float, float]:
        n = len(self._images)
        cols = max(1, min(self.columns, n))
        rows = max(1, -(-n // cols))
        caption_h = self.caption_height()
        tile = min((self.width() - GAP * (cols + 1)) / cols,
                   (self.height() - GAP * (rows + 1)) / rows - caption_h)
        if self.tile_cap is not None:
            tile = min(tile, self.tile_cap)
        return cols, rows, max(4.0, crisp_size(tile, self._image_side())), caption_h

    def _image_side(self) -> int:
        return max(self._images[0].width(), self._images[0].height()) if self._images else 0

    def tile_rect(self, index: int) -> QRectF:
        cols, _, tile, caption_h = self._layout()
        x0 = (self.width() - (cols * tile + (cols - 1) * GAP)) / 2
        r, c = divmod(index, cols)
        return QRectF(x0 + c * (tile + GAP), GAP + r * (tile + GAP + caption_h), tile, tile)

    def index_at(self, x: float, y: float) -> int:
        for i in range(len(self._images)):
            if self.tile_rect(i).contains(x, y):
                return i
        return -1

    # -- captions -----------------------------------------------------------------------------
    def caption_font(self) -> QFont:
        """The font captions are painted in at the current tile size."""
        font = QFont(self.font())
        if self._layout()[2] < SMALL_TILE:
            font.setPointSizeF(max(6.0, self.font().pointSizeF() * 0.8))
        return font

    def shown_caption(self, index: int) -> list[str]:
        """The caption lines of tile ``index`` as painted: each fits the tile's width."""
        if index >= len(self._captions):
            return []
        metrics = QFontMetricsF(self.caption_font())
        width = self.tile_rect(index).width()
        return [fit_line(metrics, line, width) for line in self._captions[index].split("\n")]

    # -- events -------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        index = self.index_at(event.position().x(), event.position().y())
        if index >= 0:
            self.clicked.emit(index)
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:
        n, key = len(self._images), event.key()
        cols = self._layout()[0]
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -cols, Qt.Key.Key_Down: cols}
        if n and key in steps:
            self.current = min(max(0, self.current + steps[key]), n - 1)
            self.update()
        elif n and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.current)
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        if not self._images:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.placeholder)
            return
        ratio = self.devicePixelRatioF()
        key = (self._generation, self.width(), self.height(), ratio, self.tile_cap, self.font().key(),
               self.palette().cacheKey())
        if self._rendered is None or key != self._rendered_key:
            self._rendered = self._render(ratio)
            self._rendered_key = key
        painter.drawPixmap(0, 0, self._rendered)
        if self.hasFocus() and 0 <= self.current < len(self._images):  # where the keyboard is
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2))
            painter.drawRect(self.tile_rect(self.current).adjusted(-2, -2, 2, 2))

    def _render(self, ratio: float) -> QPixmap:
        pixmap = QPixmap(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        try:
            self._paint_tiles(painter)
        finally:
            painter.end()
        self.renders += 1
        return pixmap

    def _paint_tiles(self, painter: QPainter) -> None:
        # Enlarged by whole pixels (crisp); shrunk, smoothly (nearest would alias a photo).
        shrunk = self.tile_rect(0).width() < self._image_side()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, shrunk)
        font = self.caption_font()
        painter.setFont(font)
        line_h = QFontMetricsF(font).height()
        frame, text = QColor(128, 128, 128, 90), self.palette().color(QPalette.ColorRole.WindowText)
        for i, image in enumerate(self._images):
            target = self.tile_rect(i)
            painter.drawImage(target, image)
            painter.setPen(frame)
            painter.drawRect(target)
            painter.setPen(text)
            for k, line in enumerate(self.shown_caption(i)):
                if line:
                    painter.drawText(QRectF(target.x(), target.bottom() + 1 + k * line_h, target.width(), line_h),
                                     Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, line)
