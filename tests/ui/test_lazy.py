"""Paced refreshes: optional work keeps out of training's way."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from aegui.ui.lazy import Pacer


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_paced_work_waits_out_its_share_and_merges_requests(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    clock = FakeClock()
    runs: list[float] = []
    pacer = Pacer(owner, lambda: runs.append(clock.now), share=0.25, clock=clock)
    pacer.request(paced=True)  # nothing ran yet: no quiet time owed
    assert runs == [100.0]
    pacer.started()
    clock.now += 0.1  # the work took 0.1 s: at a quarter share, 0.3 s of quiet follow
    pacer.finished()
    clock.now += 0.2
    for _ in range(3):
        pacer.request(paced=True)
    assert len(runs) == 1 and pacer.is_waiting()
    remaining = pacer._timer.remainingTime()
    assert 50 <= remaining <= 110  # the 0.1 s of quiet still owed
    qtbot.waitUntil(lambda: len(runs) == 2, timeout=3000)
    assert not pacer.is_waiting()  # the three requests ran once


def test_unpaced_work_runs_at_once(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    clock = FakeClock()
    runs: list[int] = []
    pacer = Pacer(owner, lambda: runs.append(1), share=0.1, clock=clock)
    pacer.started()
    clock.now += 5.0
    pacer.finished()  # 45 s of quiet owed...
    pacer.request(paced=False)  # ...but training has ended: the final model shows now
    assert runs == [1] and not pacer.is_waiting()
