"""The sizes the user gave the window's splitters, kept between sessions (by object name).

Tabs are built when first shown, so each restores its splitters as it is built, and a save
writes only the splitters that exist: a tab not opened this session keeps what it had."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter, QWidget

PREFIX = "splitters/"


def save_splitters(root: QWidget, settings: QSettings) -> None:
    for splitter in root.findChildren(QSplitter):
        if splitter.objectName():
            settings.setValue(PREFIX + splitter.objectName(), splitter.saveState())


def restore_splitters(root: QWidget, settings: QSettings) -> None:
    for splitter in root.findChildren(QSplitter):
        state = settings.value(PREFIX + splitter.objectName()) if splitter.objectName() else None
        if isinstance(state, QByteArray) and not state.isEmpty():
            splitter.restoreState(state)
