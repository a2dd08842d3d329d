"""A leading-edge throttle: the first request runs at once, later ones at most once per
interval, and the last one always runs (so a slider's final position is never lost).

A trailing-only timer made the first slider move wait a whole interval (30–40 ms) before
anything was decoded: the opposite of what a hand on a slider expects."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Throttle(QObject):
    def __init__(self, interval_ms: int, callback: Callable[[], object], parent: QObject | None = None):
        super().__init__(parent)
        self._callback = callback
        self._pending = False
        self._timer = QTimer(self, singleShot=True, interval=interval_ms)
        self._timer.timeout.connect(self._interval_over)

    def request(self) -> None:
        if self._timer.isActive():
            self._pending = True  # runs when the interval is over, with what is current then
            return
        self._callback()
        self._timer.start()

    def _interval_over(self) -> None:
        if self._pending:
            self._pending = False
            self._callback()
            self._timer.start()
