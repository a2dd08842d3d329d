"""Run Python's cyclic garbage collector on the GUI thread only.

If a collection happens to start on a worker thread, it may delete Qt objects that
belong to the GUI thread, which can crash inside the bindings. So automatic collection
is switched off and a QTimer on the GUI thread collects instead, generation by
generation, when the counts pass the thresholds the collector would have used (the
scheme of pyqtgraph's ``GarbageCollector``, without importing pyqtgraph at start-up).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QTimer


class GuiThreadCollector:
    """Collects from a timer on the thread that creates it (the GUI thread)."""

    def __init__(self, interval_s: float = 1.0):
        self.thresholds = gc.get_threshold()
        self.timer = QTimer()
        self.timer.timeout.connect(self.check)
        gc.disable()
        self.timer.start(int(interval_s * 1000))

    def check(self) -> int:
        """Collect the generations whose counts passed their thresholds; objects freed."""
        counts = gc.get_count()
        freed = 0
        for generation in range(3):
            if counts[generation] <= self.thresholds[generation]:
                break
            freed = gc.collect(generation)  # collecting generation n also collects the younger ones
        return freed


_guard: GuiThreadCollector | None = None


def collect_on_gui_thread(interval_s: float = 1.0) -> GuiThreadCollector:
    """Install once per process, after the QApplication exists."""
    global _guard
    if _guard is None:
        gc.collect()
        gc.freeze()  # objects from start-up never need scanning again: shorter pauses
        _guard = GuiThreadCollector(interval_s)
    return _guard
