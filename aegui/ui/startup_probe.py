"""Start-up milestones, for measuring how fast the app opens (``bench/cold_start.py``).

Only when ``AEGUI_STARTUP_LOG=<file>`` is set, the app appends one line per milestone:

    first-paint <seconds since the process started> <time.time()>
    latent-ready <seconds since the process started> <time.time()>

``first-paint``: the main window's first paint event was delivered. ``latent-ready``: the
Latent tab, once on screen, has drawn a scatter of an embedding (the demo model's, at
start). The seconds since start come from /proc (10 ms steps) and are ``-`` where that is
not available; a benchmark that notes ``time.time()`` before starting the process uses the
second number. With ``AEGUI_STARTUP_EXIT=1`` as well, the window closes itself after the
last milestone it can reach: ``latent-ready`` when it opened on the Latent tab, else
``first-paint``. Without ``AEGUI_STARTUP_LOG`` nothing here runs.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from aegui.ui.main_window import MainWindow

LOG_VARIABLE = "AEGUI_STARTUP_LOG"
EXIT_VARIABLE = "AEGUI_STARTUP_EXIT"
LATENT_INDEX = 3  # Data, Train, Reconstruct, Latent: by place, as its name may be translated


def seconds_since_process_start() -> float | None:
    """Linux: now minus the process's start time, both counted from boot."""
    try:
        stat = Path("/proc/self/stat").read_text()
        ticks = int(stat.rsplit(")", 1)[1].split()[19])  # field 22, after the command name
        return time.clock_gettime(time.CLOCK_BOOTTIME) - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


class StartupProbe(QObject):
    def __init__(self, window: MainWindow, log: Path, exit_after_last: bool):
        super().__init__(window)
        self.window = window
        self.log = log
        self.exit_after_last = exit_after_last
        self.written: list[str] = []
        self._scatter_drawn = False  # an embedding is on the scatter; its paint comes next
        self._viewport: QWidget | None = None  # where the scatter is painted
        window.installEventFilter(self)
        # Watching must not build the Latent tab (it is built when first needed).
        latent_tab = window.pages.built("latent_tab")
        if latent_tab is not None:
            self._watch(latent_tab)
        else:
            window.pages.pageBuilt.connect(lambda name, page: self._watch(page) if name == "latent_tab" else None)

    def _watch(self, latent_tab: QWidget) -> None:
        latent_tab.embeddingReady.connect(self._on_embedding)
        self._viewport = latent_tab.scatter.plot.viewport()
        self._viewport.installEventFilter(self)

    def _wants_latent(self) -> bool:
        return self.window.tabs.currentIndex() == LATENT_INDEX

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            if obj is self.window and "first-paint" not in self.written:
                self._mark("first-paint", last=not self._wants_latent())
            elif obj is self._viewport and self._scatter_drawn:
                self._scatter_drawn = False
                if "latent-ready" not in self.written:
                    self._mark("latent-ready", last=True)
        return False

    def _on_embedding(self) -> None:
        if self._viewport is not None and self._viewport.isVisible():
            self._scatter_drawn = True
            self._viewport.update()

    def _mark(self, name: str, last: bool) -> None:
        since = seconds_since_process_start()
        line = f"{name} {'-' if since is None else f'{since:.3f}'} {time.time():.6f}\n"
        with self.log.open("a", encoding="utf-8") as out:
            out.write(line)
        self.written.append(name)
        if last and self.exit_after_last:
            QTimer.singleShot(0, self.window.close)  # after this paint, through the usual close


def install(window: MainWindow) -> StartupProbe | None:
    """Watch the window for its milestones, if ``AEGUI_STARTUP_LOG`` asks for them."""
    log = os.environ.get(LOG_VARIABLE)
    if not log:
        return None
    return StartupProbe(window, Path(log), os.environ.get(EXIT_VARIABLE) == "1")
