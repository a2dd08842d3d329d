"""Rows of image grids, an image and its versions one row each, that share one tile size
chosen for the space there is. Tiles never shrink below a readable size: the rows wrap
first, and when even that runs out, fewer images fit (:meth:`ComparisonRows.capacity`)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

from aegui.ui.widgets.image_grid import GAP, ImageGrid

MIN_TILE = 56  # pixels: a 28-pixel digit at 2×, and room for a short caption line


@dataclass(frozen=True)
class TilePlan:
    count: int  # images per row that fit (at most the number wanted)
    columns: int
    rows: int  # lines of tiles in each grid
    tile: int  # pixels


def plan_tiles(wanted: int, width: float, height: float, captions: Sequence[float],
               min_tile: int = MIN_TILE) -> TilePlan:
    """Lay out ``wanted`` images in each of ``len(captions)`` grids stacked in ``height``
    (the captions are each grid's caption height under a tile), ``width`` wide.

    All of them at the largest tile if that is at least ``min_tile``; else the most
    images that fit at ``min_tile``; one image when not even that fits."""
    grids = max(1, len(captions))
    caption_sum = sum(captions)

    def best(count: int) -> TilePlan:
        plan = TilePlan(count, 1, count, 0)
        for columns in range(1, count + 1):
            rows = -(-count // columns)
            across = (width - GAP * (columns + 1)) / columns
            down = (height - rows * caption_sum - grids * GAP * (rows + 1)) / (grids * rows)
            tile = math.floor(min(across, down))
            if tile > plan.tile:
                plan = TilePlan(count, columns, rows, tile)
        return plan

    for count in range(max(1, wanted), 0, -1):
        plan = best(count)
        if plan.tile >= min_tile:
            return plan
    return best(1)


class ComparisonRows(QWidget):
    """Titled rows placed by hand, each exactly as tall as its tiles and captions need:
    no row box is left half empty, and the spare height stays below the last row."""

    layoutChanged = Signal()  # the rows were placed again (a resize or a row shown/hidden)

    def __init__(self, min_tile: int = MIN_TILE, parent: QWidget | None = None):
        super().__init__(parent)
        self.min_tile = min_tile
        self.slots = 16  # how many images per row the layout is planned for
        self._rows: list[dict] = []
        self.setMinimumSize(200, 120)

    def add_row(self, title: str, grid: ImageGrid, below: QWidget | None = None) -> QLabel:
        label = QLabel(title, self)
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        grid.setParent(self)
        grid.setMinimumSize(0, 0)  # placed by hand: a minimum would push it onto the next row
        if below is not None:
            below.setParent(self)
        self._rows.append({"title": label, "grid": grid, "below": below, "lines": 0, "shown": True})
        return label

    def _row(self, grid: ImageGrid) -> dict:
        return next(row for row in self._rows if row["grid"] is grid)

    def set_row(self, grid: ImageGrid, shown: bool | None = None, caption_lines: int | None = None) -> None:
        """Show or hide a row, or say how many caption lines its tiles will have; takes
        effect at the next :meth:`place`."""
        row = self._row(grid)
        if shown is not None:
            row["shown"] = shown
        if caption_lines is not None:
            row["lines"] = caption_lines

    def _shown(self) -> list[dict]:
        return [row for row in self._rows if row["shown"]]

    @staticmethod
    def _extra(row: dict) -> int:
        """Height of a row besides its grid: the title and the widget below."""
        below = row["below"]
        return row["title"].sizeHint().height() + (below.sizeHint().height() if below is not None else 0) + GAP

    def plan(self, wanted: int | None = None) -> TilePlan:
        rows = self._shown()
        height = self.height() - sum(self._extra(row) for row in rows)
        captions = [row["grid"].caption_height(row["lines"]) for row in rows]
        return plan_tiles(self.slots if wanted is None else wanted, self.width(), height, captions,
                          self.min_tile)

    def capacity(self, wanted: int) -> int:
        """How many images per row fit at a readable tile size (at most ``wanted``)."""
        return self.plan(wanted).count

    def place(self) -> None:
        plan = self.plan()
        y = 0
        for row in self._rows:
            widgets = [w for w in (row["title"], row["grid"], row["below"]) if w is not None]
            for widget in widgets:
                widget.setVisible(row["shown"])
            if not row["shown"]:
                continue
            grid = row["grid"]
            grid.columns, grid.tile_cap = plan.columns, plan.tile
            grid_h = plan.rows * (plan.tile + grid.caption_height(row["lines"]) + GAP) + GAP
            for widget, h in ((row["title"], row["title"].sizeHint().height()), (grid, math.ceil(grid_h)),
                              (row["below"], row["below"].sizeHint().height() if row["below"] else 0)):
                if widget is not None:
                    widget.setGeometry(0, y, self.width(), h)
                    y += h
            y += GAP
        self.layoutChanged.emit()

    def sizeHint(self) -> QSize:
        return QSize(900, 520)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.place()
