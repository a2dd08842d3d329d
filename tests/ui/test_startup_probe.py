"""Start-up: the milestones the app reports for bench/cold_start.py, and the tabs it builds
only when first needed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject

from aegui.app import build_main_window
from aegui.ui.startup_probe import EXIT_VARIABLE, LOG_VARIABLE, StartupProbe, install

REPO = Path(__file__).resolve().parents[2]
DEFERRED = ("reconstruct_tab", "latent_tab", "analyze_tab", "runs_tab")


def _app_environment(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in (LOG_VARIABLE, EXIT_VARIABLE)}
    return {**env, "QT_QPA_PLATFORM": "offscreen", "AEGUI_HOME": str(home), **extra}


def test_the_app_logs_first_paint_then_latent_ready_and_exits(tmp_path):
    log = tmp_path / "startup.log"
    done = subprocess.run([sys.executable, "-m", "aegui", "--tab", "latent"], cwd=REPO,
                          env=_app_environment(tmp_path / "home", **{LOG_VARIABLE: str(log), EXIT_VARIABLE: "1"}),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    assert [parts[0] for parts in lines] == ["first-paint", "latent-ready"]
    paint, latent = (float(parts[2]) for parts in lines)
    assert paint < latent
    if sys.platform.startswith("linux"):  # seconds since the process started, from /proc
        since = [float(parts[1]) for parts in lines]
        assert 0 < since[0] <= since[1] < 120


class _FirstPaint(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.painted = False
        window.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def test_without_the_variable_nothing_watches_or_writes(qtbot, tmp_path, monkeypatch):
    monkeypatch.delenv(LOG_VARIABLE, raising=False)
    here = tmp_path / "cwd"  # no log lands in the current folder either
    here.mkdir()
    monkeypatch.chdir(here)
    window = build_main_window()
    qtbot.addWidget(window)
    assert install(window) is None
    painted = _FirstPaint(window)
    window.show()
    qtbot.waitUntil(lambda: painted.painted, timeout=10_000)
    assert window.findChildren(StartupProbe) == []
    assert list(here.iterdir()) == []
    window.close()


def test_with_the_variable_the_first_paint_is_written(qtbot, tmp_path, monkeypatch):
    log = tmp_path / "startup.log"
    monkeypatch.setenv(LOG_VARIABLE, str(log))
    monkeypatch.delenv(EXIT_VARIABLE, raising=False)
    window = build_main_window()
    qtbot.addWidget(window)
    probe = install(window)
    assert probe is not None and not log.exists()  # nothing before the paint
    window.show()
    qtbot.waitUntil(lambda: probe.written == ["first-paint"], timeout=10_000)
    assert log.read_text(encoding="utf-8").startswith("first-paint ")
    assert window.isVisible()  # no exit without AEGUI_STARTUP_EXIT
    window.close()


# The window paints before these are imported (they come with the tabs not on screen;
# pyqtgraph with the first plot shown, and the Data tab's chart is painted without it).
PAINT_CHECK = """
import json, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from aegui.app import build_main_window

watched = ("aegui.ui.reconstruct_tab", "aegui.ui.latent.latent_tab", "aegui.ui.analyze.analyze_tab",
           "aegui.ui.runs.runs_tab", "aegui.core.report", "jinja2", "pyqtgraph")
seen = {}

class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not seen:
            seen.update({name: name in sys.modules for name in watched})
        return False

window = build_main_window()
watch = Watch()
window.installEventFilter(watch)
window.show()
while not seen:
    QApplication.processEvents()
print(json.dumps(seen))
window.close()
"""


def test_the_tabs_not_on_screen_are_not_imported_at_first_paint(tmp_path):
    done = subprocess.run([sys.executable, "-c", PAINT_CHECK], cwd=REPO, env=_app_environment(tmp_path / "home"),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert not any(loaded.values()), loaded


def test_every_tab_is_built_soon_after_the_first_paint(qtbot):
    window = build_main_window()
    qtbot.addWidget(window)
    assert all(window.pages.built(name) is None for name in DEFERRED)
    window.show()
    qtbot.waitUntil(lambda: not window.pages.pending(), timeout=30_000)
    tabs = window.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Data", "Train", "Reconstruct", "Latent",
                                                                "Analyze", "Runs"]
    assert [tabs.widget(i) for i in range(2, 6)] == [window.pages.built(name) for name in DEFERRED]
    assert tabs.currentWidget() is window.data_tab
    window.close()


def test_a_tab_is_built_when_read_or_shown_and_keeps_its_place(qtbot):
    window = build_main_window()
    qtbot.addWidget(window)
    tabs = window.tabs
    runs = window.runs_tab  # read: built now, where its placeholder was
    assert tabs.indexOf(runs) == 5 and tabs.tabText(5) == "Runs" and tabs.currentIndex() == 0
    assert window.runs_tab is runs
    shown = []
    tabs.currentChanged.connect(shown.append)
    tabs.setCurrentIndex(3)  # shown: the Latent tab is built and current at once
    latent = window.pages.built("latent_tab")
    assert latent is not None and tabs.currentWidget() is latent and tabs.tabText(3) == "Latent"
    assert shown == [3] and window.pages.built("analyze_tab") is None  # nothing else built or shown
    window.close()


def test_the_loss_plot_built_on_first_show_gets_its_share_of_the_train_tab(qtbot):
    window = build_main_window()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    train = window.train_tab
    assert train.lossPlot._canvas is None  # the window opened on the Data tab
    window.tabs.setCurrentWidget(train)
    qtbot.waitUntil(lambda: train.lossPlot.plot.isVisible(), timeout=10_000)
    # The splitter sized it before its canvas existed: still the larger part, as with one.
    assert train.lossPlot.height() > train.preview.height() > 0
    window.close()
