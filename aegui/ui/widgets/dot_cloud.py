"""A scatter of many dots that does not leak: pyqtgraph's ``ScatterPlotItem`` makes one
``SpotItem`` per point the first time it hit-tests a click, and those sit in a cycle with
its numpy record array that the garbage collector cannot break (an object array does not
report its references). Every click followed by new data kept 10,000 of them alive.

Clicks on the dots are the plot's to handle (its scene's ``sigMouseClicked``), so this
item never hit-tests them, and new data drops the spot items of the old."""

from __future__ import annotations

import pyqtgraph as pg


class DotCloud(pg.ScatterPlotItem):
    def mouseClickEvent(self, ev) -> None:
        ev.ignore()  # the scene's click signal carries the click; no per-point items are made

    def setData(self, *args, **kwargs) -> None:
        self._drop_spot_items()
        super().setData(*args, **kwargs)

    def clear(self) -> None:
        self._drop_spot_items()
        super().clear()

    def _drop_spot_items(self) -> None:
        data = getattr(self, "data", None)
        if data is not None and len(data) and "item" in data.dtype.names:
            data["item"] = None
