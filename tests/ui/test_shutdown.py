"""Closing the window in any state is quick and leaves no thread behind: during training,
a dataset load, encoding and t-SNE."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from aegui.app import build_main_window
from aegui.core.checkpoint import Experiment, load_experiment
from aegui.core.config import ExperimentConfig
from aegui.core.models import ModelSpec, build_model
from aegui.core.run import RunStatus
from aegui.core.run.journal import read_journal
from aegui.core.run.lock import LOCK_FILE
from aegui.core.run.signals import SIGNALS
from aegui.ui import quit_on_signals
from aegui.workers.tasks import running_task_threads

CLOSE_LIMIT_S = 1.0


@pytest.fixture
def window(qtbot):
    win = build_main_window()
    qtbot.addWidget(win)
    win.confirm_close = lambda: True
    win.show()
    return win


def _close_timed(win) -> float:
    start = time.perf_counter()
    assert win.close()
    elapsed = time.perf_counter() - start
    assert running_task_threads() == 0
    return elapsed


def _load(qtbot, win, spec: str) -> None:
    with qtbot.waitSignal(win.data_tab.loadFinished, timeout=30_000) as blocker:
        win.data_tab.load_spec(spec)
    assert blocker.args == [True]


def _show_model(win, latent_dim: int) -> None:
    spec = ModelSpec("conv-ae", 1, 28, 28, latent_dim=latent_dim, hidden=8)
    config = ExperimentConfig(model="conv-ae", latent_dim=latent_dim, hidden=8)
    win.state.set_experiment(Experiment(config, build_model(spec).eval()), "an untrained model")


def test_close_during_training(qtbot, window, tiny_npz):
    _load(qtbot, window, tiny_npz)
    window.train_tab.apply_config(window.state.config.with_changes(
        model="conv-ae", hidden=8, epochs=500, batch_size=8, device="cpu"))
    window.start_training()
    qtbot.waitUntil(lambda: len(window.state.step_reports) > 0, timeout=60_000)  # batches running
    assert window.controller.is_active()
    assert _close_timed(window) < CLOSE_LIMIT_S
    assert not window.controller.is_active()


def test_close_during_a_dataset_load(qtbot, window, tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    base = np.random.default_rng(0).integers(0, 256, (640, 640, 3), dtype=np.uint8)
    for i in range(300):  # large photos: loading them all takes seconds
        Image.fromarray(np.roll(base, i, axis=0)).save(folder / f"{i}.jpg", quality=80)
    with qtbot.waitSignal(window.data_tab.loadProgress, timeout=30_000):
        window.data_tab.load_spec(f"folder:{folder}", image_size=28)
    assert window.data_tab.is_loading()
    assert _close_timed(window) < CLOSE_LIMIT_S


def test_close_during_encoding(qtbot, window):
    _load(qtbot, window, "mnist-10k")
    window.tabs.setCurrentWidget(window.latent_tab)
    latent_tab = window.latent_tab
    latent_tab.sampleSpin.setValue(10_000)
    with qtbot.waitSignal(latent_tab.encodeProgress.valueChanged, timeout=30_000):
        _show_model(window, latent_dim=8)
    assert latent_tab.session.slow.is_busy("encode")
    assert _close_timed(window) < CLOSE_LIMIT_S


def test_close_during_tsne(qtbot, window):
    _load(qtbot, window, "mnist-10k")
    window.tabs.setCurrentWidget(window.latent_tab)
    latent_tab = window.latent_tab
    latent_tab.sampleSpin.setValue(5000)
    with qtbot.waitSignal(latent_tab.embeddingReady, timeout=60_000):
        _show_model(window, latent_dim=8)
    latent_tab.viewCombo.setCurrentIndex(latent_tab.viewCombo.findData("tsne"))
    assert "t-SNE" in latent_tab.encodeStatus.text()
    # Into the optimisation: its first progress report. (The first t-SNE in a process
    # also imports openTSNE and scikit-learn, about 1.5 s that nothing can interrupt.)
    qtbot.waitUntil(lambda: latent_tab.encodeProgress.value() > 0, timeout=60_000)
    assert latent_tab.session.slow.is_busy("encode")
    assert _close_timed(window) < CLOSE_LIMIT_S


def _signalled_while_training(qtbot, tiny_npz, signum: int, until, epochs: int) -> Path:
    """Train in a window that quits on signals, send ``signum`` once ``until()`` holds, wait
    for the window to close; the run folder it trained into."""
    win = build_main_window()
    qtbot.addWidget(win)
    win.confirm_close = lambda: pytest.fail("a signal must not ask")
    win.show()
    previous = {sig: signal.getsignal(sig) for sig in SIGNALS}
    try:
        quit_on_signals.install(win)
        _load(qtbot, win, tiny_npz)
        win.train_tab.apply_config(win.state.config.with_changes(
            model="dense-ae", hidden=8, latent_dim=2, epochs=epochs, batch_size=32, device="cpu"))
        win.start_training()
        run_dir = win.controller.run_dir
        qtbot.waitUntil(lambda: until(win), timeout=60_000)
        os.kill(os.getpid(), signum)
        qtbot.waitUntil(lambda: not win.isVisible(), timeout=20_000)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    assert running_task_threads() == 0
    return run_dir


def _assert_whole_stopped_run(run_dir: Path) -> None:
    journal = read_journal(run_dir)
    assert journal.status is RunStatus.STOPPED and len(journal.epoch_seconds) >= 1
    assert load_experiment(run_dir).epochs_done == len(journal.epoch_seconds)
    assert not (run_dir / LOCK_FILE).exists()
    assert not list(run_dir.glob(".*.tmp"))  # no half-written file left beside the run's files


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])  # kill, and Ctrl-C in the terminal
def test_a_signal_closes_a_training_window_without_asking_and_keeps_the_last_epoch(qtbot, tiny_npz, signum):
    run_dir = _signalled_while_training(qtbot, tiny_npz, signum, lambda win: len(win.state.epoch_reports) >= 1,
                                        epochs=5000)
    _assert_whole_stopped_run(run_dir)


def test_a_signal_while_an_epoch_is_being_saved_leaves_a_whole_run(qtbot, tiny_npz, monkeypatch):
    """SIGTERM lands while the worker writes experiment.pt (a slow disk): the write finishes
    or is undone, and the folder holds a whole, reopenable run marked stopped."""
    import threading

    from aegui.core import checkpoint

    saving, slow_save = threading.Event(), checkpoint.torch.save

    def save_slowly(payload, handle):
        if payload.get("epochs_done") == 2:
            saving.set()
            time.sleep(1.5)
        slow_save(payload, handle)

    monkeypatch.setattr(checkpoint.torch, "save", save_slowly)
    run_dir = _signalled_while_training(qtbot, tiny_npz, signal.SIGTERM, lambda _win: saving.is_set(), epochs=50)
    _assert_whole_stopped_run(run_dir)
