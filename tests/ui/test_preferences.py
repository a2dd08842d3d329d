"""Preferences: the training thread count, chosen by the user and applied by the app."""

from __future__ import annotations

import pytest
import torch

from aegui.app import build_main_window
from aegui.core.device import automatic_threads
from aegui.ui.paths import app_settings
from aegui.ui.preferences import THREADS_KEY


@pytest.fixture
def restore_threads():
    before = torch.get_num_threads()
    yield
    torch.set_num_threads(before)


def test_the_thread_preference_is_applied_at_start_and_when_changed(qtbot, restore_threads):
    settings = app_settings()
    settings.setValue(THREADS_KEY, 1)
    settings.sync()
    window = build_main_window()
    qtbot.addWidget(window)
    assert torch.get_num_threads() == 1
    assert "1 thread" in window.deviceLabel.text()
    dialog = window.show_preferences()
    assert dialog.threadsSpin.value() == 1
    dialog.threadsSpin.setValue(0)  # automatic
    dialog.accept()
    assert int(window.settings.value(THREADS_KEY)) == 0
    assert torch.get_num_threads() == automatic_threads()
    assert "Automatic" in dialog.threadsSpin.specialValueText()
    window.close()


def test_a_foreign_value_means_automatic(qtbot, restore_threads):
    torch.set_num_threads(1)  # so that applying nothing would show
    settings = app_settings()
    settings.setValue(THREADS_KEY, "lots")
    settings.sync()
    window = build_main_window()
    qtbot.addWidget(window)
    assert torch.get_num_threads() == automatic_threads()
    window.close()


def test_half_written_files_of_killed_runs_are_swept_but_fresh_ones_spared(tmp_path, monkeypatch):
    import os
    import time

    from aegui.ui.paths import STALE_WRITE_S, remove_stale_run_files

    monkeypatch.setenv("AEGUI_HOME", str(tmp_path))
    run = tmp_path / "runs" / "20260101-000000-conv-vae"
    run.mkdir(parents=True)
    old, fresh = run / ".experiment.pt.a1.tmp", run / ".experiment.pt.b2.tmp"
    old.write_bytes(b"\0" * 100)
    fresh.write_bytes(b"\0" * 100)
    (run / "experiment.pt").write_bytes(b"kept")
    then = time.time() - STALE_WRITE_S - 60
    os.utime(old, (then, then))
    assert remove_stale_run_files() == 1
    assert not old.exists() and fresh.exists() and (run / "experiment.pt").exists()


def test_the_mid_epoch_checkpoint_interval_reaches_the_next_run(qtbot, restore_threads):
    from aegui.ui.preferences import CHECKPOINT_KEY

    window = build_main_window()
    qtbot.addWidget(window)
    assert window.controller.checkpoint_every_s == 600.0  # ten minutes unless changed
    dialog = window.show_preferences()
    dialog.checkpointSpin.setValue(3)
    dialog.accept()
    assert int(window.settings.value(CHECKPOINT_KEY)) == 3
    assert window.controller.checkpoint_every_s == 180.0
    dialog = window.show_preferences()
    dialog.checkpointSpin.setValue(0)
    dialog.accept()
    assert window.controller.checkpoint_every_s is None
    assert dialog.checkpointSpin.specialValueText() == "Only at epoch ends"
    window.close()


def test_the_data_cache_shows_its_size_and_can_be_removed(qtbot, tmp_path, monkeypatch):
    import numpy as np

    from aegui.core.data import load_dataset, mapped
    from aegui.ui.preferences import PreferencesDialog

    monkeypatch.setenv("AEGUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("AEGUI_MAX_DATASET_MB", "0.005")
    np.save(tmp_path / "a.npy", np.zeros((40, 16, 16), np.uint8))
    dialog = PreferencesDialog(app_settings())
    qtbot.addWidget(dialog)
    assert dialog.cacheLabel.text() == "Empty" and not dialog.clearCacheButton.isEnabled()
    assert load_dataset(f"npy:{tmp_path / 'a.npy'}").mapped is not None
    dialog = PreferencesDialog(app_settings())
    qtbot.addWidget(dialog)
    assert dialog.cacheLabel.text() == "10 kB" and dialog.clearCacheButton.isEnabled()
    dialog.clearCacheButton.click()
    assert mapped.cache_size() == 0 and dialog.cacheLabel.text() == "Empty"
