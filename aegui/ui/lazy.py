"""Tabs that recompute only when seen: a hidden tab marks itself stale and catches up
when it is shown, so a new epoch never makes an unseen tab compete with training. Tabs
that are built only when first needed, so the window paints before they exist."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QTabWidget, QWidget


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

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # While its widget is torn down, the filter's Python side may already be cleared and
        # still be asked about the last events: nothing to refresh then.
        if getattr(self, "_widget", None) is None:
            return False
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


class DeferredPages(QObject):
    """Pages of a QTabWidget that are imported and built when first needed, so a window
    paints before the tabs it does not show yet exist. A page is built when it becomes the
    current one, when code asks for it (``page``), or after the window's first paint, one
    page per turn of the event loop while ``busy()`` is false: a moment after start-up every
    page exists, as if it had been built with the window. Until then an empty placeholder
    holds its place and title."""

    pageBuilt = Signal(str, QWidget)  # name, page
    BUSY_RETRY_MS = 100

    def __init__(self, tabs: QTabWidget, window: QWidget):
        super().__init__(tabs)
        self._tabs = tabs
        self._window = window
        self._pending: dict[str, tuple[QWidget, Callable[[], QWidget], Callable[[Any], object] | None]] = {}
        self._built: dict[str, QWidget] = {}
        # Whether background work is running (a dataset loading, an encoding): what is on
        # screen goes first, and pages not asked for wait for it.
        self.busy: Callable[[], bool] = lambda: False
        tabs.currentChanged.connect(self._on_current)
        window.installEventFilter(self)

    def add(self, name: str, title: str, build: Callable[[], QWidget],
            wire: Callable[[Any], object] | None = None) -> None:
        """A page ``build()`` makes when first needed; ``wire(page)`` connects it then (it
        may read the page's attribute: the page is known by the time it runs)."""
        placeholder = QWidget(objectName=f"{name}Placeholder")
        self._tabs.addTab(placeholder, title)
        self._pending[name] = (placeholder, build, wire)

    def built(self, name: str) -> Any:
        """The page if it exists, else None (without building it)."""
        return self._built.get(name)

    def pending(self) -> list[str]:
        return list(self._pending)

    def page(self, name: str) -> Any:
        """The page, built now if it was not yet."""
        page = self._built.get(name)
        if page is not None:
            return page
        placeholder, build, wire = self._pending.pop(name)
        page = build()
        self._built[name] = page
        self._put_in_place(placeholder, page)
        if wire is not None:
            wire(page)
        self.pageBuilt.emit(name, page)
        return page

    def _put_in_place(self, placeholder: QWidget, page: QWidget) -> None:
        tabs = self._tabs
        index = tabs.indexOf(placeholder)
        current = tabs.currentIndex() == index
        # The tab stays where it was and, if current, current: nothing to announce, and no
        # other tab is shown on the way (the placeholder goes only once the page is in).
        blocked = tabs.blockSignals(True)
        try:
            tabs.insertTab(index, page, tabs.tabText(index))  # the placeholder moves to index + 1
            tabs.setTabToolTip(index, tabs.tabToolTip(index + 1))
            if current:
                tabs.setCurrentIndex(index)
            tabs.removeTab(index + 1)
        finally:
            tabs.blockSignals(blocked)
        placeholder.deleteLater()

    def _on_current(self, index: int) -> None:
        for name, (placeholder, _build, _wire) in list(self._pending.items()):
            if self._tabs.widget(index) is placeholder:
                self.page(name)

    def _build_next(self) -> None:
        if not self._pending or not self._window.isVisible():  # a closed window needs no more pages
            return
        if self.busy():
            QTimer.singleShot(self.BUSY_RETRY_MS, self._build_next)
            return
        self.page(next(iter(self._pending)))
        QTimer.singleShot(0, self._build_next)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self._window and event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self._build_next)  # the first paint is done: the rest now
        return False


class DeferredPage:
    """An attribute that reads a page of the owner's ``pages`` (DeferredPages) by its own
    name, building the page on first read: ``latent_tab = DeferredPage()``."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        return self if obj is None else obj.pages.page(self.name)
