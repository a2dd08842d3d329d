"""File › Open recent: the files the user opened or saved, then the app's own run folders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

from aegui.ui.i18n import translate
from aegui.ui.paths import experiment_name, recent_runs, run_label

MAX_RECENT = 8
SETTINGS_KEY = "recent"


class RecentFiles:
    def __init__(self, settings: QSettings, open_experiment: Callable[[str], bool]):
        self.settings = settings
        self.open_experiment = open_experiment
        self.menu: QMenu | None = None  # filled again each time it opens (runs finish while it is closed)

    def attach(self, menu: QMenu) -> None:
        self.menu = menu
        menu.aboutToShow.connect(self.refresh)
        self.refresh()

    def remember(self, path: str) -> None:
        recent = [p for p in self.settings.value(SETTINGS_KEY, [], type=list) if p != path]
        self.settings.setValue(SETTINGS_KEY, [path, *recent][:MAX_RECENT])
        self.refresh()

    def refresh(self) -> None:
        menu = self.menu
        if menu is None:
            return
        menu.clear()
        recent = [p for p in self.settings.value(SETTINGS_KEY, [], type=list) if Path(p).exists()]
        for path in recent:
            menu.addAction(experiment_name(path), lambda p=path: self.open_experiment(p)).setToolTip(path)
        runs = [p for p in recent_runs() if str(p) not in recent]
        if runs:
            menu.addSection(translate("Menus", "Runs trained in aegui"))
            for path in runs:
                menu.addAction(run_label(path), lambda p=str(path): self.open_experiment(p)) \
                    .setToolTip(str(path))
        menu.setEnabled(bool(recent or runs))
