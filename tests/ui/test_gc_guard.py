"""Garbage collection runs from the GUI thread's timer, never automatically."""

from __future__ import annotations

import gc
import weakref

from aegui.ui.gc_guard import GuiThreadCollector, collect_on_gui_thread


class _Node:
    def __init__(self):
        self.me = self  # a cycle: only the cyclic collector frees it


def test_automatic_collection_is_off_and_the_timer_runs(qapp):
    guard = collect_on_gui_thread()
    assert guard is collect_on_gui_thread()  # once per process
    assert not gc.isenabled()
    assert guard.timer.isActive()


def test_check_frees_cycles_once_past_the_threshold(qapp):
    guard = GuiThreadCollector(interval_s=3600)  # its own timer never fires in this test
    try:
        gc.collect()
        node = _Node()
        alive = weakref.ref(node)
        del node
        guard.thresholds = (10**9, 10, 10)  # below the threshold: nothing is collected
        guard.check()
        assert alive() is not None
        guard.thresholds = (0, 10**9, 10**9)
        guard.check()
        assert alive() is None
    finally:
        guard.timer.stop()
