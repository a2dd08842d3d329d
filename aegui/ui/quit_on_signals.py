"""SIGINT and SIGTERM close the window as the close button does, without asking: a run
that trains stops between batches and keeps its last whole epoch, and the settings are
saved. (A logout, ``kill`` or Ctrl-C in the terminal that started aegui.)"""

from __future__ import annotations

import os
import signal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow

from aegui.core.run.signals import SIGNALS

WAKE_MS = 250  # Python runs a signal handler only between bytecodes, never inside Qt's loop


def install(window: QMainWindow) -> QTimer:
    """Close ``window`` on SIGINT or SIGTERM; a second signal ends the process at once."""
    received: list[int] = []

    def handle(signum, frame) -> None:
        received.append(signum)
        if len(received) > 1:
            os._exit(128 + signum)  # asked twice: no clean-up, as the shell's own handler would
        window.close_without_asking = True
        QTimer.singleShot(0, window.close)

    for sig in SIGNALS:
        signal.signal(sig, handle)
    wake = QTimer(window)
    wake.timeout.connect(lambda: None)
    wake.start(WAKE_MS)
    return wake
