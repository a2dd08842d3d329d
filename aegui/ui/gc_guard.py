"""Run Python's cyclic garbage collector on the GUI thread only.

If a collection happens to start on a worker thread, it may delete Qt objects that
belong to the GUI thread, which can crash inside the bindings. pyqtgraph's
GarbageCollector disables automatic collection and collects from a QTimer instead.
"""

from __future__ import annotations

import gc

from pyqtgraph.util.garbage_collector import GarbageCollector

_guard: GarbageCollector | None = None


def collect_on_gui_thread(interval_s: float = 1.0) -> GarbageCollector:
    """Install once per process, after the QApplication exists."""
    global _guard
    if _guard is None:
        gc.collect()
        gc.freeze()  # objects from start-up never need scanning again: shorter pauses
        _guard = GarbageCollector(interval=interval_s, debug=False)
    return _guard
