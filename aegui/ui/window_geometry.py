"""The main window's size and place: the preferred size where the screen has room, never more
than the screen's free area, and the user's own size and place after the first run."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

PREFERRED_SIZE = QSize(1280, 800)
# What the window manager adds around the client area (title bar, borders): resize() sizes the
# inside, and a window of the screen's exact free size would overflow it by this much.
FRAME_ALLOWANCE = QSize(16, 48)


def free_area(window: QWidget) -> QRect | None:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fit_to_screen(window: QWidget, preferred: QSize = PREFERRED_SIZE) -> None:
    """Size the window to ``preferred`` or the screen's free area less the frame, whichever is
    smaller, and centre it there."""
    room = free_area(window)
    if room is None:
        window.resize(preferred)
        return
    size = preferred.boundedTo(room.size() - FRAME_ALLOWANCE).expandedTo(QSize(320, 240))
    window.resize(size)
    window.move(room.center() - QRect(QPoint(0, 0), size).center())


def restore_or_fit(window: QWidget, saved: object) -> None:
    """The size and place saved last time, kept inside today's screen (a monitor may be gone or
    smaller); the first time, the preferred size fitted to the screen."""
    if not (isinstance(saved, QByteArray) and not saved.isEmpty() and window.restoreGeometry(saved)):
        fit_to_screen(window)
        return
    room = free_area(window)
    if room is None or window.isMaximized() or window.isFullScreen():
        return
    limit = room.size() - FRAME_ALLOWANCE
    if window.width() > limit.width() or window.height() > limit.height():
        fit_to_screen(window, window.size())
