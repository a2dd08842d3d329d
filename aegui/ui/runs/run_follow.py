"""Live follow: run folders still being written (a training in this window, ``aegui
train`` in a terminal, a cluster job on a shared disk) update the Runs panel as epochs land.

A tick costs a few ``stat`` calls per followed run and one directory listing per root;
a file is read only when its size or time changed, and a history only from where the
last read stopped (:class:`HistoryTail`). Polling rather than a file watcher: watchers
miss changes on network file systems, where cluster jobs write.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from aegui.core.catalog import HistoryTail, is_run_folder
from aegui.core.catalog.notes import NOTES_FILE
from aegui.core.run.files import HISTORY_FILE, METRICS_FILE
from aegui.core.run.journal import JOURNAL_FILE

POLL_MS = 1000
ROOT_EVERY = 2  # ticks between looks for new run folders
RECHECK_EVERY = 5  # ticks between checks that a running run's writer is still alive
Stamp = tuple[int, int] | None


def _stamp(path: Path) -> Stamp:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


class RunFollower(QObject):
    runChanged = Signal(str)  # a followed run's files changed: its folder
    runsAdded = Signal()  # a root (or a study folder in it) gained or lost a run folder
    recheck = Signal()  # now and then: a writer killed outright changes no file, yet it ended

    def __init__(self, parent: QObject | None = None, interval_ms: int = POLL_MS):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self._tails: dict[Path, HistoryTail] = {}
        self._stamps: dict[Path, tuple[Stamp, ...]] = {}
        self._roots: list[Path] = []
        self._root_runs: frozenset[Path] = frozenset()
        self._ticks = 0

    # -- what is followed ------------------------------------------------------------------------
    def set_roots(self, roots: Iterable[Path]) -> None:
        self._roots = [Path(r) for r in roots]
        self._root_runs = self._look_at_roots()

    def follow(self, folders: Iterable[Path]) -> None:
        """Follow exactly ``folders``; a run already followed keeps what it has read."""
        wanted = {Path(f) for f in folders}
        for folder in list(self._tails):
            if folder not in wanted:
                del self._tails[folder]
                self._stamps.pop(folder, None)
        for folder in wanted - set(self._tails):
            self._tails[folder] = tail = HistoryTail(folder / HISTORY_FILE)
            tail.poll()
            self._stamps[folder] = self._side_stamps(folder)

    def history(self, folder: Path) -> list[dict[str, float]]:
        """The rows read so far of a followed run (empty for one not followed)."""
        tail = self._tails.get(Path(folder))
        return tail.rows if tail is not None else []

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    # -- a tick -------------------------------------------------------------------------------------
    def poll(self) -> None:
        for folder, tail in list(self._tails.items()):
            grew = tail.poll()
            stamps = self._side_stamps(folder)
            if grew or stamps != self._stamps.get(folder):
                self._stamps[folder] = stamps
                self.runChanged.emit(str(folder))
        self._ticks += 1
        if self._ticks % RECHECK_EVERY == 0:
            self.recheck.emit()
        if self._ticks % ROOT_EVERY == 0 and self._roots:
            runs = self._look_at_roots()
            if runs != self._root_runs:
                self._root_runs = runs
                self.runsAdded.emit()

    @staticmethod
    def _side_stamps(folder: Path) -> tuple[Stamp, ...]:
        return tuple(_stamp(folder / name) for name in (JOURNAL_FILE, METRICS_FILE, NOTES_FILE))

    def _look_at_roots(self) -> frozenset[Path]:
        """The run folders in each root and one level down (a study keeps its runs there):
        a set of names, so epochs landing in a known run never count as a new one."""
        known = self._root_runs  # a run folder stays one: only new names cost a stat
        found: set[Path] = set()
        for root in self._roots:
            for child in _subfolders(root):
                if child in known or is_run_folder(child):
                    found.add(child)
                else:
                    found.update(g for g in _subfolders(child) if g in known or is_run_folder(g))
        return frozenset(found)


def _subfolders(folder: Path) -> list[Path]:
    try:
        with os.scandir(folder) as entries:
            return [Path(e.path) for e in entries
                    if e.is_dir(follow_symlinks=False) and not e.name.startswith(".")]
    except OSError:
        return []
