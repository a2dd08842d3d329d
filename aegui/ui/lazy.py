"""Tabs that recompute only when seen: a hidden tab marks itself stale and catches up
when it is shown, so a new epoch never makes an unseen tab compete with training."""

from __future__ import annotations

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
