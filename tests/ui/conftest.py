"""UI fixtures: settings and app files in a temporary folder; no thread left running."""

from __future__ import annotations

import pytest

from aegui.ui.gc_guard import collect_on_gui_thread
from aegui.workers.tasks import running_task_threads, shutdown_all


@pytest.fixture(scope="session", autouse=True)
def gc_on_gui_thread(qapp):
    """As in the app: garbage collection never runs on a worker thread."""
    return collect_on_gui_thread()


@pytest.fixture(autouse=True)
def isolated_app_files(tmp_path, monkeypatch):
    """Runs, log and settings: AEGUI_HOME moves all of them, as it does for users."""
    home = tmp_path / "aegui-home"
    monkeypatch.setenv("AEGUI_HOME", str(home))
    yield home


@pytest.fixture(autouse=True)
def no_thread_left_running(qapp):
    """Every test must end its background work: closing the window (or the widget's own
    shutdown) has to leave no worker thread behind."""
    yield
    left = running_task_threads()
    shutdown_all(5.0)  # so one leak does not fail the tests after it
    assert left == 0, f"a test left {left} worker thread(s) running"


@pytest.fixture
def window_with(qtbot, tiny_npz, tmp_path):
    """``window_with(config, spec, **experiment_fields)``: a shown main window with that
    untrained model opened from a file and its dataset (the tiny npz) loaded."""
    import torch

    from aegui.app import build_main_window
    from aegui.core.checkpoint import Experiment, save_experiment
    from aegui.core.models import build_model

    windows = []

    def make(config, spec, name: str = "model.pt", **fields):
        win = build_main_window()
        qtbot.addWidget(win)
        win.show()
        win.confirm_close = lambda: True
        windows.append(win)
        torch.manual_seed(0)
        experiment = Experiment(config.with_changes(dataset=tiny_npz), build_model(spec), **fields)
        path = save_experiment(experiment, tmp_path / name)
        assert win.files.open_experiment(str(path))
        with qtbot.waitSignal(win.data_tab.loadFinished, timeout=30_000) as blocker:
            win.data_tab.load_spec(tiny_npz)
        assert blocker.args == [True], win.banner.text()
        return win

    yield make
    for win in windows:
        win.close()
