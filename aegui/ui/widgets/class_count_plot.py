"""A bar chart of images per class, painted with QPainter and styled from the Qt palette.

It is on screen the moment the window first paints, so it is drawn without pyqtgraph:
the plotting library loads only once a tab that needs it is built. Pointing at a bar
shows its class and count."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QHelpEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from aegui.ui.i18n import translate
from aegui.ui.widgets.ticks import format_number, nice_step

MAX_NAMED_TICKS = 30  # beyond this, names would overlap: fall back to numeric ticks
BAR_COLOR = QColor(70, 130, 180)
BAR_WIDTH = 0.8  # of a class's slot
HEADROOM = 1.08  # the tallest bar ends below the top
MIN_TICK_GAP = 2.2  # text heights between labelled y ticks
TOOLTIP = QT_TRANSLATE_NOOP("ClassCountPlot", "How many images each class has")


def short_name(name: str, limit: int = 10) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def count_ticks(top: float, room: int) -> list[float]:
    """Round y values from 0 to ``top``: at most ``room`` of them, in 1-2-5 steps of whole images."""
    step = max(1.0, nice_step(top / max(1, room)))
    return [i * step for i in range(int(top / step) + 1)]


class ClassCountPlot(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.counts = np.zeros(0)
        self.names: list[str] = []
        self.message = ""
        self.setMinimumHeight(150)
        self.setToolTip(translate("ClassCountPlot", TOOLTIP))
        self.show_message(self.tr("no dataset loaded"))

    def bar_count(self) -> int:
        return len(self.counts)

    def show_message(self, text: str) -> None:
        """No bars: just a line of text where the chart would be (no data, or unlabeled)."""
        self.counts, self.names, self.message = np.zeros(0), [], text
        self.update()

    def set_counts(self, counts: np.ndarray, names: Sequence[str]) -> None:
        """One bar per class; an empty ``counts`` means the dataset is unlabeled."""
        if len(counts) == 0:
            self.show_message(self.tr("unlabeled: no class counts"))
            return
        self.counts = np.asarray(counts, dtype=float)
        self.names = [str(n) for n in names]
        self.message = ""
        self.update()

    # -- geometry ------------------------------------------------------------------------------
    def _frame(self) -> tuple[QRectF, float, list[float]]:
        """The bars' area, the count at its top and the y ticks."""
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        area = QRectF(self.rect()).adjusted(6, line * 0.6, -8, -(line * 1.6 + 4))
        top = max(1.0, float(self.counts.max())) * HEADROOM
        ticks = count_ticks(top, int(area.height() // (MIN_TICK_GAP * line)))
        label_width = max(metrics.horizontalAdvance(format_number(t)) for t in ticks)
        area.setLeft(area.left() + line + label_width + 8)  # the axis title, then the labels
        return area, top, ticks

    def _slot(self, area: QRectF) -> float:
        return area.width() / len(self.counts)

    def bar_rect(self, index: int) -> QRectF:
        """Where bar ``index`` is painted, in widget coordinates."""
        area, top, _ = self._frame()
        return self._bar_rect(index, area, top)

    def _bar_rect(self, index: int, area: QRectF, top: float) -> QRectF:
        slot = self._slot(area)
        height = area.height() * float(self.counts[index]) / top
        left = area.left() + slot * (index + (1 - BAR_WIDTH) / 2)
        return QRectF(left, area.bottom() - height, slot * BAR_WIDTH, height)

    def bar_at(self, x: float) -> int | None:
        """The class whose slot holds widget x coordinate ``x``."""
        if not len(self.counts):
            return None
        area, _, _ = self._frame()
        index = math.floor((x - area.left()) / self._slot(area))
        return index if 0 <= index < len(self.counts) else None

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.WindowText)
        painter.setPen(text)
        if not len(self.counts):
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.message)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        area, top, ticks = self._frame()
        metrics = QFontMetricsF(self.font())
        grid = QColor(text)
        grid.setAlphaF(0.25)
        for value in ticks:  # the grid and the y labels
            y = area.bottom() - area.height() * value / top
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(text)
            label = QRectF(0, y - metrics.height() / 2, area.left() - 6, metrics.height())
            painter.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             format_number(value))
        for i in range(len(self.counts)):  # one frame for all bars, not one per bar
            painter.fillRect(self._bar_rect(i, area, top), BAR_COLOR)
        painter.setPen(QPen(text, 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawLine(area.bottomLeft(), area.topLeft())
        self._paint_class_labels(painter, area)
        painter.save()  # the axis title, written upwards beside the labels
        painter.translate(metrics.height() * 0.2, area.center().y())
        painter.rotate(-90)
        painter.drawText(QRectF(-area.height() / 2, 0, area.height(), metrics.height()),
                         Qt.AlignmentFlag.AlignCenter, self.tr("images"))
        painter.restore()

    def _paint_class_labels(self, painter: QPainter, area: QRectF) -> None:
        metrics = QFontMetricsF(self.font())
        slot = self._slot(area)
        count = len(self.counts)
        if count <= MAX_NAMED_TICKS:
            labels = [(i, short_name(self.names[i]) if i < len(self.names) else str(i)) for i in range(count)]
        else:  # numbers, as many as fit
            every = nice_step(count * metrics.horizontalAdvance(f"{count} ") / max(1.0, area.width()))
            labels = [(i, str(i)) for i in range(0, count, max(1, int(every)))]
        widest = max(metrics.horizontalAdvance(text) for _, text in labels)
        # Names wider than their slot would run into each other: show every n-th.
        every = max(1, math.ceil((widest + 4) / slot)) if count <= MAX_NAMED_TICKS else 1
        for i, text in labels[::every]:
            centre = area.left() + slot * (i + 0.5)
            box = QRectF(centre - widest, area.bottom() + 3, 2 * widest, metrics.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.bar_at(event.position().x())
            if index is None:
                QToolTip.showText(event.globalPos(), translate("ClassCountPlot", TOOLTIP), self)
            else:
                name = self.names[index] if index < len(self.names) else str(index)
                QToolTip.showText(event.globalPos(), f"{name}: {int(self.counts[index]):,} images", self)
            return True
        return super().event(event)
