"""Which classes a run trains on: a button with a menu of checkable classes.

All classes checked means "all" (``None``); training on a few classes makes the others
held-out anomalies for the Analyze tab. "Only" and "All but" pick one class in two clicks
(the one-class anomaly detector of the lessons), and the menu stays open while classes are
ticked one by one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QMenu, QToolButton, QWidget


class StayOpenMenu(QMenu):
    """A menu whose checkable entries toggle without closing it, by mouse or by keyboard."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        action = self.actionAt(event.position().toPoint())
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self.activeAction()
        if (event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) and action is not None
                and action.isCheckable() and action.isEnabled()):
            action.trigger()
            event.accept()
            return
        super().keyPressEvent(event)


class ClassPicker(QToolButton):
    changed = Signal(object)  # tuple[int, ...] | None

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("classPicker")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolTip(self.tr("Train on some classes only: the others become held-out anomalies "
                                "that the Analyze tab scores"))
        self.menu_ = StayOpenMenu(self)
        self.only_menu = QMenu(self.tr("Only"), self.menu_)
        self.all_but_menu = QMenu(self.tr("All but"), self.menu_)
        self.setMenu(self.menu_)
        self._actions: list[QAction] = []
        self._names: tuple[str, ...] = ()
        self.set_classes((), None)

    def set_classes(self, names: tuple[str, ...], kept: tuple[int, ...] | None) -> None:
        """Show ``names`` with ``kept`` checked (None: all), without emitting ``changed``."""
        if tuple(names) == self._names and self._actions:
            self._check(kept)  # same classes: keep the menu (and the action being toggled)
            self._update_text()
            return
        self._names = tuple(names)
        self.menu_.clear()
        self.only_menu.clear()
        self.all_but_menu.clear()
        self._actions = []
        all_action = self.menu_.addAction(self.tr("All classes"))
        all_action.triggered.connect(lambda: self._set_all(True))
        self.menu_.addMenu(self.only_menu)
        self.menu_.addMenu(self.all_but_menu)
        self.menu_.addSeparator()
        everything = range(len(self._names))
        for i, name in enumerate(self._names):
            self.only_menu.addAction(name).triggered.connect(lambda _=False, i=i: self.set_kept((i,)))
            self.all_but_menu.addAction(name).triggered.connect(
                lambda _=False, i=i: self.set_kept(tuple(j for j in everything if j != i)))
        for i, name in enumerate(self._names):
            action = self.menu_.addAction(name)
            action.setCheckable(True)
            action.setChecked(kept is None or i in kept)
            action.toggled.connect(lambda checked, i=i: self._toggled(i, checked))
            self._actions.append(action)
        self.setEnabled(bool(self._names))
        self._update_text()

    def kept(self) -> tuple[int, ...] | None:
        chosen = tuple(i for i, a in enumerate(self._actions) if a.isChecked())
        return None if len(chosen) == len(self._actions) else chosen

    def set_kept(self, kept: tuple[int, ...] | None) -> None:
        """Check these classes (as a user would), emitting ``changed``."""
        self._check(kept)
        self._toggled()

    def _check(self, kept: tuple[int, ...] | None) -> None:
        for i, action in enumerate(self._actions):
            action.blockSignals(True)
            action.setChecked(kept is None or i in kept)
            action.blockSignals(False)

    def _set_all(self, checked: bool) -> None:
        self.set_kept(None if checked else ())

    def _toggled(self, index: int | None = None, checked: bool = True) -> None:
        if self._actions and not any(a.isChecked() for a in self._actions):
            # At least one class, else there is nothing to train on: undo the last uncheck.
            keep = self._actions[index if index is not None else 0]
            keep.blockSignals(True)
            keep.setChecked(True)
            keep.blockSignals(False)
        self._update_text()
        self.changed.emit(self.kept())

    def _update_text(self) -> None:
        kept = self.kept()
        if not self._names:
            self.setText(self.tr("all (no labels)"))
        elif kept is None:
            self.setText(self.tr("all {count} classes").format(count=len(self._names)))
        else:
            shown = ", ".join(self._names[i] for i in kept[:4]) + (", …" if len(kept) > 4 else "")
            text = self.tr("{kept} of {total}: {names}")
            self.setText(text.format(kept=len(kept), total=len(self._names), names=shown))
