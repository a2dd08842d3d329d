"""Plot axes that stay readable: epochs in epochs (no "x0.001" SI scaling), whole-epoch
ticks once more than about an epoch is in view, and log-scale ticks that never crowd."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetricsF

from aegui.ui.widgets.ticks import format_number, log_ticks, power_of_ten

WHOLE_EPOCHS_FROM = 1.2  # epochs in view above which ticks fall on whole epochs only
LABEL_ROOM = 2.5  # label heights per labelled tick on a log axis


class EpochAxis(pg.AxisItem):
    """An x axis in epochs: fractional ticks only while about one epoch is in view."""

    def __init__(self, orientation: str = "bottom", **kwargs):
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)

    def tickSpacing(self, minVal, maxVal, size):
        levels = super().tickSpacing(minVal, maxVal, size)
        if abs(maxVal - minVal) <= WHOLE_EPOCHS_FROM:
            return levels
        whole = [(spacing, offset) for spacing, offset in levels if spacing >= 1]
        return whole or [(1.0, 0.0)]


class ValueAxis(pg.AxisItem):
    """A y axis without SI scaling whose log mode labels few, evenly spread values."""

    def __init__(self, orientation: str = "left", **kwargs):
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)

    def _max_labels(self, size: float) -> int:
        height = QFontMetricsF(self.style.get("tickFont") or QFont()).height()
        return int(size // (LABEL_ROOM * height))

    def logTickValues(self, minVal, maxVal, size, stdTicks):
        return log_ticks(minVal, maxVal, self._max_labels(size))

    def logTickStrings(self, values, scale, spacing):
        if spacing is None:  # minor marks carry no text
            return [""] * len(values)
        return [format_number(power_of_ten(v) * scale) for v in values]
