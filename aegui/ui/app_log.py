"""The app's log file: aegui's messages, Python warnings and Qt's own messages, in one file
that rotates (2 MB, three old ones kept), so a long-lived install never grows it without
bound and a terminal is not filled with library warnings."""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

LOG_BYTES = 2 * 1024 * 1024
LOG_BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
QT_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
             QtMsgType.QtFatalMsg: logging.CRITICAL}
# Qt's chatter that says nothing about aegui (the offscreen platform, a window manager's hints).
QT_NOISE = ("propagateSizeHints",)


class RotatingLog(RotatingFileHandler):
    """The log file; after each rotation the crash handler writes to the new file too."""

    def __init__(self, path: Path, on_rollover=None):
        super().__init__(path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8", delay=False)
        self.setFormatter(logging.Formatter(FORMAT))
        self._on_rollover = on_rollover

    def doRollover(self) -> None:
        super().doRollover()
        if self._on_rollover is not None:
            self._on_rollover(self.baseFilename)


def _qt_message(kind, _context, message: str) -> None:
    if any(noise in message for noise in QT_NOISE):
        return
    logging.getLogger("aegui.qt").log(QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def install_log(path: Path, on_rollover=None) -> RotatingLog:
    """Send aegui's log, Python's warnings and Qt's messages to the rotating file ``path``."""
    handler = RotatingLog(path, on_rollover)
    for name in ("aegui", "py.warnings"):  # a second window (aegui.show again) replaces, not adds
        log = logging.getLogger(name)
        for old in [h for h in log.handlers if isinstance(h, RotatingLog)]:
            log.removeHandler(old)
            old.close()
    logging.getLogger("aegui").addHandler(handler)
    logging.captureWarnings(True)  # warnings.warn(...) -> the "py.warnings" logger, not stderr
    warnings_log = logging.getLogger("py.warnings")
    warnings_log.addHandler(handler)
    warnings_log.propagate = False
    if "pytest" not in sys.modules:  # the tests read Qt's messages themselves (pytest-qt)
        qInstallMessageHandler(_qt_message)
    return handler
