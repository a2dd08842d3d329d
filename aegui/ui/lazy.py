"""Tabs that recompute only when seen: a hidden tab marks itself stale and catches up
when it is shown, so a new epoch never makes an unseen tab compete with training."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class LazyRefresh(QObject):
    def __init__(self, widget: QWidget, refresh: Callable[[], None]):
        super().__init__(widget)
        self._widget = widget
        self._refresh = refresh
        self.stale = False
        widget.installEventFilter(self)

    def request(self) -> None:
        """Refresh now if the widget is on screen, else on its next show."""
        if self._widget.isVisible():
            self.stale = False
            self._refresh()
        else:
            self.stale = True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if obj is self._widget and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            QTimer.singleShot(0, self._refresh)  # after the show, so the layout has settled
        return False


class Pacer(QObject):
    """Keeps optional work to a share of the time while something more important runs:
    after work that took T seconds, the next starts no sooner than T·(1/share − 1) later.
    Requests in between are merged into one, run when the quiet time is over."""

    def __init__(self, parent: QObject, run: Callable[[], None], share: float = 0.1,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__(parent)
        self._run = run
        self.share = share
        self._clock = clock
        self._started: float | None = None
        self._ready_at = 0.0  # monotonic time the next work may start
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._fire)

    def request(self, paced: bool) -> None:
        """Run now, or (when ``paced``) once the quiet time after the last work is over."""
        wait = self._ready_at - self._clock() if paced else 0.0
        if wait <= 0:
            self._timer.stop()
            self._fire()
        elif not self._timer.isActive():
            self._timer.start(int(wait * 1000) + 1)

    def is_waiting(self) -> bool:
        return self._timer.isActive()

    def cancel(self) -> None:
        self._timer.stop()

    def started(self) -> None:
        self._started = self._clock()

    def finished(self) -> None:
        """The work ended: the quiet time before the next starts now."""
        if self._started is not None:
            now = self._clock()
            self._ready_at = now + (now - self._started) * (1 / self.share - 1)
            self._started = None

    def _fire(self) -> None:
        self._run()
