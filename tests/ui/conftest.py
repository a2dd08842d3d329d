"""UI fixtures: settings and app files in a temporary folder; no thread left running."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from aegui.ui.gc_guard import collect_on_gui_thread
from aegui.workers.dataset_loader import running_load_threads
from aegui.workers.inference import running_inference_threads
from aegui.workers.training_worker import running_threads


@pytest.fixture(scope="session", autouse=True)
def gc_on_gui_thread(qapp):
    """As in the app: garbage collection never runs on a worker thread."""
    return collect_on_gui_thread()


@pytest.fixture(autouse=True)
def isolated_app_files(tmp_path, monkeypatch):
    home = tmp_path / "aegui-home"
    monkeypatch.setenv("AEGUI_HOME", str(home))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield home


@pytest.fixture(autouse=True)
def no_thread_left_running(qapp):
    yield
    assert running_threads() == 0, "a test left a training thread running"
    assert running_load_threads() == 0, "a test left a dataset-loading thread running"


@pytest.fixture(autouse=True)
def no_inference_thread_left_running(qapp):
    yield
    assert running_inference_threads() == 0, "a test left an inference thread running"
