"""Lazy and paced refreshes: optional work keeps out of training's way."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QWidget

from aegui.ui.lazy import Pacer


def test_paced_work_waits_out_its_share_and_merges_requests(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    runs: list[float] = []
    pacer = Pacer(owner, lambda: runs.append(time.monotonic()), share=0.25)
    pacer.request(paced=True)  # nothing ran yet: no quiet time owed
    assert len(runs) == 1
    pacer.started()
    time.sleep(0.1)  # the work took 0.1 s: the next may start 0.3 s after it ended
    pacer.finished()
    ended = time.monotonic()
    for _ in range(3):
        pacer.request(paced=True)
    assert len(runs) == 1 and pacer.is_waiting()
    qtbot.waitUntil(lambda: len(runs) == 2, timeout=3000)
    assert runs[1] - ended >= 0.29
    qtbot.wait(400)
    assert len(runs) == 2  # the three requests ran once


def test_unpaced_work_runs_at_once(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    runs: list[int] = []
    pacer = Pacer(owner, lambda: runs.append(1), share=0.1)
    pacer.started()
    time.sleep(0.05)
    pacer.finished()
    pacer.request(paced=False)  # e.g. training has ended: the final model shows now
    assert runs == [1] and not pacer.is_waiting()
