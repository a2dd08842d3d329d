"""A seeded monkey that drives the real main window as a restless user would: it switches
tabs, clicks enabled buttons and check boxes, picks combo entries, steps spin boxes, drags
sliders, types into filters and clicks inside plots, starting and stopping training on the
way. File dialogs, message boxes, input dialogs and menus are answered "cancel"; popups
left open are closed.

What it watches: uncaught exceptions, Qt warnings (other than an offscreen platform's
noise), the GUI thread blocked for longer than :data:`MAX_BLOCK_S`, and the process's
resident memory each second, so a long run can compare its second and last minute.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import psutil
from PySide6.QtCore import QEventLoop, QPoint, Qt, QTimer, qInstallMessageHandler
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QGraphicsView,
    QInputDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTabBar,
    QWidget,
)

MAX_BLOCK_S = 2.0
PLATFORM_NOISE = ("propagateSizeHints", "This plugin does not support", "QFont::", "Populating font family",
                  "OpenType support missing")
NEVER_CLICKED = {"quitButton"}  # objectNames the monkey leaves alone (none close the window today)
WORDS = ["vae", "conv", "1", "", "zz", "finished", "<b>x", "=1+1"]


@dataclass
class Findings:
    exceptions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    blocks: list[tuple[float, str]] = field(default_factory=list)  # (seconds, the action before)
    rss_mb: list[tuple[float, float]] = field(default_factory=list)  # (seconds since start, MB)
    actions: int = 0

    def minute_mean(self, start_s: float, end_s: float) -> float:
        values = [mb for t, mb in self.rss_mb if start_s <= t < end_s]
        return sum(values) / len(values) if values else float("nan")


class Monkey:
    def __init__(self, window: QWidget, seed: int):
        self.window = window
        self.seed = seed
        self.rng = random.Random(seed)
        self.findings = Findings()
        self.last_action = "start"
        self._beat = time.perf_counter()
        self._start = time.perf_counter()
        self._process = psutil.Process()
        self.heart = QTimer()
        self.heart.setInterval(50)
        self.heart.timeout.connect(self._heartbeat)
        self.sampler = QTimer()
        self.sampler.setInterval(1000)
        self.sampler.timeout.connect(self._sample)
        # A menu or a dialog shown from C++ (a tool button's instant popup) runs an event loop
        # of its own: the janitor, a timer, still runs inside it and answers it.
        self.janitor = QTimer()
        self.janitor.setInterval(150)
        self.janitor.timeout.connect(self._answer_popups)

    # -- watching ------------------------------------------------------------------------------
    def _heartbeat(self) -> None:
        now = time.perf_counter()
        gap = now - self._beat
        self._beat = now
        if gap > MAX_BLOCK_S:
            self.findings.blocks.append((gap, self.last_action))

    def _sample(self) -> None:
        self.findings.rss_mb.append((time.perf_counter() - self._start, self._process.memory_info().rss / 2**20))

    def _on_qt_message(self, kind, _context, message: str) -> None:
        if kind.value >= 1 and not any(noise in message for noise in PLATFORM_NOISE):  # warning and worse
            self.findings.warnings.append(f"{message} (after {self.last_action})")

    def _on_exception(self, kind, value, tb) -> None:
        import traceback

        self.findings.exceptions.append("".join(traceback.format_exception(kind, value, tb))
                                        + f"(after {self.last_action})")

    # -- running -------------------------------------------------------------------------------
    def run(self, seconds: float, pause_ms: tuple[int, int] = (20, 150)) -> Findings:
        with _answers_cancel(), self._watching():
            end = time.perf_counter() + seconds
            while time.perf_counter() < end:
                self.step()
                _process_for(self.rng.randint(*pause_ms))
        return self.findings

    @contextmanager
    def _watching(self) -> Iterator[None]:
        previous_handler = qInstallMessageHandler(self._on_qt_message)
        previous_hook = sys.excepthook
        sys.excepthook = self._on_exception
        self._beat = time.perf_counter()
        self.heart.start()
        self.sampler.start()
        self.janitor.start()
        try:
            yield
        finally:
            self.heart.stop()
            self.sampler.stop()
            self.janitor.stop()
            sys.excepthook = previous_hook
            qInstallMessageHandler(previous_handler)

    def _answer_popups(self) -> None:
        """Pick an entry of an open menu now and then (it is part of the interface too), then
        close every popup and dialog."""
        for menu in [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()]:
            actions = [a for a in menu.actions() if a.isEnabled() and not a.isSeparator() and not a.menu()]
            if actions and self.rng.random() < 0.5:
                action = self.rng.choice(actions)
                menu.close()
                self._act(f"menu {action.text()!r}", action.trigger)
        _close_popups(self.window)

    def step(self) -> None:
        _close_popups(self.window)
        self.findings.actions += 1
        if self.rng.random() < 0.12:
            tabs = self.window.tabs
            index = self.rng.randrange(tabs.count())
            self._act(f"tab {tabs.tabText(index)}", lambda: tabs.setCurrentIndex(index))
            return
        widgets = self._candidates()
        if widgets:
            widget = self.rng.choice(widgets)
            self._poke(widget)

    def _candidates(self) -> list[QWidget]:
        page = self.window.tabs.currentWidget()
        kinds = (QAbstractButton, QComboBox, QAbstractSpinBox, QAbstractSlider, QLineEdit, QTabBar, QGraphicsView)
        found = []
        for widget in page.findChildren(QWidget):
            if not isinstance(widget, kinds) or not widget.isVisible() or not widget.isEnabled():
                continue
            if widget.objectName() in NEVER_CLICKED or isinstance(widget, QLineEdit) and widget.isReadOnly():
                continue
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QAbstractSpinBox, QComboBox)):
                continue
            found.append(widget)
        return found

    def _poke(self, widget: QWidget) -> None:
        rng, name = self.rng, widget.objectName() or type(widget).__name__
        if isinstance(widget, QAbstractButton):
            self._act(f"click {name} ({widget.text()!r})", widget.click)
        elif isinstance(widget, QComboBox) and widget.count():
            index = rng.randrange(widget.count())
            self._act(f"pick {name}[{index}]", lambda: widget.setCurrentIndex(index))
        elif isinstance(widget, QAbstractSpinBox):
            steps = rng.choice([-5, -2, -1, 1, 2, 5])  # no drift: sizes wander, they do not climb
            self._act(f"step {name} by {steps}", lambda: widget.stepBy(steps))
        elif isinstance(widget, QAbstractSlider):
            value = rng.randint(widget.minimum(), widget.maximum())
            self._act(f"slide {name} to {value}", lambda: widget.setValue(value))
        elif isinstance(widget, QLineEdit):
            text = rng.choice(WORDS)
            self._act(f"type {text!r} into {name}", lambda: widget.setText(text))
        elif isinstance(widget, QTabBar) and widget.count():
            index = rng.randrange(widget.count())
            self._act(f"tab {name}[{index}]", lambda: widget.setCurrentIndex(index))
        elif isinstance(widget, QGraphicsView):
            viewport = widget.viewport()
            at = QPoint(rng.randrange(max(1, viewport.width())), rng.randrange(max(1, viewport.height())))
            self._act(f"click in {name} at {at.x()},{at.y()}",
                      lambda: QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=at))

    def _act(self, what: str, action: Callable[[], object]) -> None:
        self.last_action = what
        action()


def _process_for(ms: int) -> None:
    deadline = time.perf_counter() + ms / 1000
    app = QApplication.instance()
    while time.perf_counter() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)


def _close_popups(window: QWidget) -> None:
    for widget in QApplication.topLevelWidgets():
        if widget is window or not widget.isVisible():
            continue
        if isinstance(widget, QDialog):
            widget.reject()
        elif isinstance(widget, QMenu) or widget.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
            widget.close()


@contextmanager
def _answers_cancel() -> Iterator[None]:
    """Every modal question answered "cancel" at once: the monkey never waits on a dialog."""
    no = QMessageBox.StandardButton.No
    patches = {
        (QFileDialog, "getOpenFileName"): staticmethod(lambda *a, **k: ("", "")),
        (QFileDialog, "getOpenFileNames"): staticmethod(lambda *a, **k: ([], "")),
        (QFileDialog, "getSaveFileName"): staticmethod(lambda *a, **k: ("", "")),
        (QFileDialog, "getExistingDirectory"): staticmethod(lambda *a, **k: ""),
        (QMessageBox, "question"): staticmethod(lambda *a, **k: no),
        (QMessageBox, "warning"): staticmethod(lambda *a, **k: no),
        (QMessageBox, "information"): staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok),
        (QMessageBox, "critical"): staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok),
        (QInputDialog, "getText"): staticmethod(lambda *a, **k: ("", False)),
        (QInputDialog, "getInt"): staticmethod(lambda *a, **k: (0, False)),
        (QInputDialog, "getItem"): staticmethod(lambda *a, **k: ("", False)),
        (QDialog, "exec"): lambda self: QDialog.DialogCode.Rejected,
        (QMessageBox, "exec"): lambda self: QMessageBox.StandardButton.Cancel,
        (QMenu, "exec"): lambda self, *a, **k: None,
    }
    saved = {key: key[0].__dict__.get(key[1]) for key in patches}
    for (owner, name), value in patches.items():
        setattr(owner, name, value)
    try:
        yield
    finally:
        for (owner, name), value in saved.items():
            if value is None:
                delattr(owner, name)
            else:
                setattr(owner, name, value)

