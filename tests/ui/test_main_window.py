"""The main window and the Train tab, driven as a user would (offscreen)."""

from __future__ import annotations

import subprocess
import sys

import pytest
import torch
from PySide6.QtCore import Qt

from aegui.app import build_main_window
from aegui.ui.main_window import MainWindow

TIMEOUT = 90_000


def _load(qtbot, window: MainWindow, spec: str) -> None:
    with qtbot.waitSignal(window.data_tab.loadFinished, timeout=30_000) as blocker:
        window.data_tab.load_spec(spec)
    assert blocker.args == [True], window.banner.text()


@pytest.fixture
def window(qtbot):
    win = build_main_window()
    qtbot.addWidget(win)
    win.show()
    win.confirm_close = lambda: True
    yield win
    win.close()  # closeEvent stops every worker


@pytest.fixture
def tiny_window(qtbot, window, tiny_npz):
    _load(qtbot, window, tiny_npz)
    window.train_tab.apply_config(window.state.config.with_changes(
        model="conv-ae", hidden=8, latent_dim=8, epochs=3, batch_size=16, lr=3e-3, device="cpu"))
    return window


def _train(qtbot, window, timeout=TIMEOUT):
    with qtbot.waitSignal(window.controller.runFinished, timeout=timeout) as blocker:
        qtbot.mouseClick(window.train_tab.startButton, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_window_opens_on_the_bundled_data(qtbot, window):
    _load(qtbot, window, "mnist-10k")
    assert window.windowTitle().endswith("— aegui") and not window.windowIcon().isNull()
    tabs = window.findChild(type(window.tabs), "mainTabs")
    assert [tabs.tabText(i) for i in range(tabs.count())][:2] == ["Data", "Train"]
    assert len(window.state.dataset) == 10000
    assert "mnist-10k" in window.datasetLabel.text()
    assert window.deviceLabel.text().startswith(("CPU", "CUDA", "Apple"))
    tab = window.train_tab
    assert tab.modelCombo.currentData() == "conv-vae" and tab.latentDimSpin.value() == 2
    assert tab.startButton.isEnabled() and not tab.stopButton.isEnabled()


def test_training_draws_falling_curves_and_previews(qtbot, tiny_window, isolated_app_files):
    completed = _train(qtbot, tiny_window)
    state, tab = tiny_window.state, tiny_window.train_tab
    assert completed is True
    assert len(state.epoch_reports) == 3
    assert tab.lossPlot.point_count("val") == 3 and tab.lossPlot.point_count("train_step") >= 3
    assert state.epoch_reports[-1].val_loss < state.epoch_reports[0].val_loss
    assert tab.previewGrid.image_count() == 16  # 8 originals + 8 reconstructions
    assert state.model is not None and not state.model.training
    assert list(isolated_app_files.glob("runs/*/experiment.pt"))
    assert tab.trainProgress.value() == 1000 and state.run_state == "idle"


def test_pause_and_resume_keep_the_history(qtbot, tiny_window):
    state, tab = tiny_window.state, tiny_window.train_tab
    tab.epochsSpin.setValue(4)
    tab.batchSpin.setValue(4)
    with qtbot.waitSignal(state.historyChanged, timeout=TIMEOUT):
        qtbot.mouseClick(tab.startButton, Qt.MouseButton.LeftButton)
    # "Paused" shows only once the worker has really stopped between batches.
    with qtbot.waitSignal(state.runStateChanged, timeout=TIMEOUT,
                          check_params_cb=lambda run_state: run_state == "paused"):
        qtbot.mouseClick(tab.pauseButton, Qt.MouseButton.LeftButton)
    assert tab.pauseButton.text() == "Resume"
    qtbot.wait(300)  # let in-flight reports arrive
    steps_when_paused = len(state.step_reports)
    qtbot.wait(600)
    assert len(state.step_reports) == steps_when_paused  # nothing trains while paused
    with qtbot.waitSignal(tiny_window.controller.runFinished, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(tab.pauseButton, Qt.MouseButton.LeftButton)
    assert blocker.args == [True] and len(state.epoch_reports) == 4
    assert len(state.step_reports) > steps_when_paused


def test_stop_keeps_a_usable_model(qtbot, tiny_window):
    state, tab = tiny_window.state, tiny_window.train_tab
    tab.epochsSpin.setValue(50)
    with qtbot.waitSignal(state.experimentChanged, timeout=TIMEOUT):
        qtbot.mouseClick(tab.startButton, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(tiny_window.controller.runFinished, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(tab.stopButton, Qt.MouseButton.LeftButton)
    assert blocker.args == [False]
    assert 1 <= len(state.epoch_reports) < 50
    assert state.model is not None and state.run_state == "idle"
    # The model is that of its last complete epoch; the stopped epoch's batches are not drawn.
    done = state.experiment.epochs_done
    assert all(r.epoch < done for r in state.step_reports)
    assert tab.lossPlot.series["train_step"].x.max() <= done + 1e-9
    # The stopped model can be trained further.
    tab.continueCheck.setChecked(True)
    tab.epochsSpin.setValue(1)
    done = len(state.epoch_reports)
    assert _train(qtbot, tiny_window) is True
    assert tiny_window.controller.last_experiment.epochs_done == done + 1


def test_a_continued_model_is_one_run_in_one_folder(qtbot, tiny_window, tmp_path):
    """Continue once wrote a second run folder holding a copy of the first one's history with
    no epoch times: one model listed as two runs. It goes on in its own folder, as
    'aegui train --resume' does; reopening that folder later continues there too."""
    import json

    from aegui.core.catalog import find_runs
    from aegui.ui.paths import app_data_dir

    assert _train(qtbot, tiny_window) is True  # 3 epochs
    folder = tiny_window.controller.run_dir
    tab = tiny_window.train_tab
    tab.continueCheck.setChecked(True)
    tab.epochsSpin.setValue(2)
    assert _train(qtbot, tiny_window) is True
    assert tiny_window.controller.run_dir == folder
    runs = find_runs([app_data_dir() / "runs"])
    assert [run.folder for run in runs] == [folder]
    assert runs[0].epochs_done == 5 and "val_mse" in runs[0].metrics
    seconds = json.loads((folder / "status.json").read_text())["epoch_seconds"]
    assert len(seconds) == 5 and min(seconds) > 0
    # Reopened from its folder in a new window: continuing goes on in the same folder.
    fresh = build_main_window()
    qtbot.addWidget(fresh)
    fresh.confirm_close = lambda: True
    with qtbot.waitSignal(fresh.data_tab.loadFinished, timeout=30_000):
        assert fresh.files.open_experiment(str(folder / "experiment.pt"))
    fresh.train_tab.continueCheck.setChecked(True)
    fresh.train_tab.epochsSpin.setValue(1)
    assert _train(qtbot, fresh) is True
    assert [run.folder for run in find_runs([app_data_dir() / "runs"])] == [folder]
    assert len(json.loads((folder / "status.json").read_text())["epoch_seconds"]) == 6
    fresh.close()


def test_closing_during_training_stops_the_thread(qtbot, tiny_window):
    tab = tiny_window.train_tab
    tab.epochsSpin.setValue(100)
    with qtbot.waitSignal(tiny_window.state.historyChanged, timeout=TIMEOUT):
        qtbot.mouseClick(tab.startButton, Qt.MouseButton.LeftButton)
    assert tiny_window.controller.is_active()
    assert tiny_window.close()
    assert not tiny_window.controller.is_active()


def test_close_can_be_cancelled(qtbot, tiny_window):
    tiny_window.confirm_close = lambda: False
    tiny_window.train_tab.epochsSpin.setValue(100)
    with qtbot.waitSignal(tiny_window.state.historyChanged, timeout=TIMEOUT):
        tiny_window.start_training()
    assert not tiny_window.close() and tiny_window.controller.is_active()
    tiny_window.controller.shutdown(5.0)


def test_nan_loss_ends_the_run_with_a_message(qtbot, tiny_window):
    tab = tiny_window.train_tab
    tab.lrSpin.setValue(10.0)
    tab.lossCombo.setCurrentIndex(tab.lossCombo.findData("mse"))
    tab.modelCombo.setCurrentIndex(tab.modelCombo.findData("vae"))
    tiny_window.state.set_config(tiny_window.state.config.with_changes(optimizer="sgd"))
    tab.lrSpin.setValue(10.0)
    assert _train(qtbot, tiny_window) is False
    assert tiny_window.banner.isVisibleTo(tiny_window) and "learning rate" in tiny_window.banner.text()
    assert tiny_window.state.run_state == "idle" and tab.startButton.isEnabled()


def test_settings_persist(qtbot, tiny_npz):
    first = build_main_window()
    qtbot.addWidget(first)
    first.show()
    _load(qtbot, first, tiny_npz)
    first.train_tab.latentDimSpin.setValue(7)
    first.train_tab.modelCombo.setCurrentIndex(first.train_tab.modelCombo.findData("vae"))
    free = first.screen().availableGeometry()
    first.resize(free.width() - 60, free.height() - 70)
    first.close()
    second = build_main_window()
    qtbot.addWidget(second)
    assert second.train_tab.latentDimSpin.value() == 7
    assert second.train_tab.modelCombo.currentData() == "vae"
    assert (second.width(), second.height()) == (free.width() - 60, free.height() - 70)
    with qtbot.waitSignal(second.data_tab.loadFinished, timeout=30_000):
        second.start_with_last_dataset()
    assert len(second.state.dataset) == 256
    second.close()


def test_open_experiment_and_bad_file(qtbot, tiny_window, tmp_path):
    assert _train(qtbot, tiny_window) is True
    tiny_window.files.save_to(str(tmp_path / "saved.pt"))
    tiny_window.state.set_experiment(None)
    assert tiny_window.files.open_experiment(str(tmp_path / "saved.pt"))
    assert tiny_window.state.model is not None
    (tmp_path / "junk.pt").write_bytes(b"garbage")
    tiny_window.files.open_path(str(tmp_path / "junk.pt"))
    assert tiny_window.banner.isVisibleTo(tiny_window) and "junk.pt" in tiny_window.banner.text()


def test_selftest_command():
    result = subprocess.run([sys.executable, "-m", "aegui", "--selftest"], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "selftest ok" in result.stdout
    assert "Destroyed while thread" not in result.stderr


def test_continue_training_a_loaded_experiment(qtbot, tiny_window, tmp_path):
    assert _train(qtbot, tiny_window) is True  # 3 epochs
    tiny_window.files.save_to(str(tmp_path / "e.pt"))
    fresh = build_main_window()
    qtbot.addWidget(fresh)
    fresh.confirm_close = lambda: True
    with qtbot.waitSignal(fresh.data_tab.loadFinished, timeout=30_000):
        assert fresh.files.open_experiment(str(tmp_path / "e.pt"))
    tab = fresh.train_tab
    assert tab.continueCheck.isEnabled()
    opened = fresh.state.experiment
    weights = {k: v.clone() for k, v in opened.model.state_dict().items()}
    tab.continueCheck.setChecked(True)
    tab.epochsSpin.setValue(1)
    assert _train(qtbot, fresh) is True
    # Training went on in a copy: the opened experiment (shown, and in its file) is untouched.
    assert all(torch.equal(v, opened.model.state_dict()[k]) for k, v in weights.items())
    assert opened.epochs_done == 3 and fresh.state.experiment is not opened
    assert fresh.controller.last_experiment.epochs_done == 4
    assert len(fresh.controller.last_experiment.history) == 4
    fresh.close()


def test_dropping_a_dataset_file_opens_it(qtbot, window, tiny_npz):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(tiny_npz.removeprefix("npz:"))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.data_tab.loadFinished, timeout=30_000) as blocker:
        window.dropEvent(event)
    assert blocker.args == [True] and len(window.state.dataset) == 256


def test_uncaught_exceptions_are_logged_and_shown(window, isolated_app_files, monkeypatch):
    import sys

    from aegui.app import install_exception_hook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_exception_hook(window)
    try:
        raise ValueError("boom in a slot")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert not window.banner.isHidden() and "boom in a slot" in window.banner.text()
    log = (isolated_app_files / "aegui.log").read_text()
    assert "Traceback" in log and "boom in a slot" in log


def test_continuing_keeps_the_experiments_classes_and_split(qtbot, tiny_window):
    state, tab = tiny_window.state, tiny_window.train_tab
    tiny_window.data_tab.split_controls.classes.set_kept((0, 1))
    tab.epochsSpin.setValue(1)
    assert _train(qtbot, tiny_window) is True
    assert state.experiment.config.classes == (0, 1)
    tiny_window.data_tab.split_controls.classes.set_kept(None)  # the Data tab moves on
    tab.continueCheck.setChecked(True)
    assert _train(qtbot, tiny_window) is True
    continued = tiny_window.controller.last_experiment
    assert continued.epochs_done == 2 and continued.config.classes == (0, 1)


def _stopped_run_on_screen(state, val_loss: float = 123.0):
    """A model stopped in its second epoch, as the window shows it: one completed epoch,
    and the batches of the epoch it was stopped in (their loss is 999)."""
    from aegui.core.checkpoint import Experiment
    from aegui.core.models import build_model
    from aegui.core.reports import EpochReport, StepReport
    from aegui.core.training import model_spec_for

    config = state.config
    spec = model_spec_for(config, state.split)  # the architecture the window trains
    first = EpochReport(epoch=1, epochs=5, global_step=12, train_loss=130.0, train_recon=130.0,
                        train_kl=0.0, val_loss=val_loss, val_recon=val_loss, val_kl=0.0, val_mse=0.05,
                        val_psnr=13.0, kl_weight=1.0, images_per_s=900.0, epoch_seconds=0.2, eta_s=1.0)

    def step(epoch, n, loss):
        return StepReport(epoch, 5, n, 12, epoch * 12 + n, loss, loss, 0.0, 900.0, 1.0)

    state.set_experiment(Experiment(config.with_changes(epochs=5), build_model(spec).eval(),
                                    [first.history_row()], epochs_done=1), "a stopped run")
    state.add_steps([step(0, n, 140.0) for n in range(1, 13)])
    state.add_epoch(first)
    state.add_steps([step(1, n, 999.0) for n in range(1, 6)])
    return first


def test_continuing_after_a_stop_draws_the_stopped_epoch_once(qtbot, tiny_window):
    state, tab = tiny_window.state, tiny_window.train_tab
    first = _stopped_run_on_screen(state)
    tab.continueCheck.setChecked(True)
    tab.epochsSpin.setValue(1)
    assert tab.startButton.text() == "Train 1 more epoch"
    assert _train(qtbot, tiny_window) is True
    assert state.epoch_reports[0] is first and [r.epoch for r in state.epoch_reports] == [1, 2]
    assert all(r.loss != 999.0 for r in state.step_reports)  # the stopped epoch's batches went
    xs = tab.lossPlot.series["train_step"].x
    assert all(b > a for a, b in zip(xs, xs[1:])) and 999.0 not in tab.lossPlot.series["train_step"].y
    assert tab.trainProgress.format() == "Finished 1 more epoch · 2 in all"


def test_continuing_another_models_history_starts_the_curves_afresh(qtbot, tiny_window):
    state, tab = tiny_window.state, tiny_window.train_tab
    _stopped_run_on_screen(state)
    state.experiment.history[0]["val_loss"] = 50.0  # the model's own history is not on screen
    tab.continueCheck.setChecked(True)
    tab.epochsSpin.setValue(1)
    assert _train(qtbot, tiny_window) is True
    assert [r.epoch for r in state.epoch_reports] == [2]
    assert tab.lossPlot.point_count("val") == 1 and 140.0 not in tab.lossPlot.series["train_step"].y


def test_a_hard_crash_leaves_a_traceback_in_the_log(tmp_path):
    log = tmp_path / "aegui.log"
    code = ("import faulthandler, sys; from aegui.app import enable_crash_log; "
            f"enable_crash_log({str(log)!r}); faulthandler._sigsegv()")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert result.returncode != 0
    text = log.read_text()
    assert "Fatal Python error" in text and "most recent call first" in text


def test_the_train_button_starts_what_the_config_says(qtbot, tiny_npz, monkeypatch):
    from aegui.app import build_main_window

    win = build_main_window()
    qtbot.addWidget(win)
    started = []
    monkeypatch.setattr(win.controller, "start", lambda config, continue_model=False: started.append(config))
    qtbot.waitUntil(lambda: not win.data_tab.is_loading(), timeout=30_000)
    win.state.update_config(latent_dim=3, epochs=2, processes=2, seed=7)  # as the tabs or a file set it
    assert win.train_tab.processSpin.value() == 2 and win.train_tab.latentDimSpin.value() == 3
    win.start_from_toolbar()
    assert started == [win.state.config]
    assert (started[0].latent_dim, started[0].processes, started[0].seed) == (3, 2, 7)
    win.train_tab.processSpin.setValue(1)  # a widget edit is in the config at once
    assert win.state.config.processes == 1


def test_the_gui_thread_takes_the_gil_back_within_a_millisecond(qtbot):
    """Each Qt call from Python releases the GIL; with worker threads running Python the take-back
    waits a switch interval, so the app shortens it (the monkey saw 2-3 s paints at 5 ms)."""
    import sys

    from aegui.app import GUI_SWITCH_INTERVAL_S, build_main_window

    win = build_main_window()
    qtbot.addWidget(win)
    assert sys.getswitchinterval() == GUI_SWITCH_INTERVAL_S <= 0.001


def test_the_first_window_fits_the_screen_and_a_saved_size_is_kept_inside_it(qtbot):
    """A 1024x700 laptop got a 1280x800 window; a size saved on a larger monitor must not spill
    off a smaller one either (the offscreen screen is 800x600)."""
    from aegui.ui.window_geometry import FRAME_ALLOWANCE

    first = build_main_window()
    qtbot.addWidget(first)
    free = first.screen().availableGeometry()
    assert free.width() < 1280 or free.height() < 800
    assert first.width() <= free.width() - FRAME_ALLOWANCE.width()
    assert first.height() <= free.height() - FRAME_ALLOWANCE.height()
    assert free.contains(first.geometry())
    first.resize(1900, 1000)  # as if saved on a big monitor
    first.save_settings()
    first.close()
    second = build_main_window()
    qtbot.addWidget(second)
    assert second.width() <= free.width() - FRAME_ALLOWANCE.width()
    assert second.height() <= free.height() - FRAME_ALLOWANCE.height()
    second.close()


def test_splitter_sizes_come_back_in_the_next_session(qtbot):
    from PySide6.QtWidgets import QSplitter

    first = build_main_window()
    qtbot.addWidget(first)
    first.resize(780, 540)
    first.show()
    train = first.findChild(QSplitter, "trainSplitter")
    first.tabs.setCurrentWidget(first.runs_tab)  # a tab built when first shown
    runs = first.findChild(QSplitter, "runsSplitter")
    train.setSizes([300, 100])
    runs.setSizes([120, 280])
    first.tabs.setCurrentWidget(first.train_tab)  # so the next session builds Runs only when shown
    wanted = (train.sizes(), runs.sizes())
    first.close()
    second = build_main_window()
    qtbot.addWidget(second)
    second.resize(780, 540)
    second.show()
    assert second.findChild(QSplitter, "trainSplitter").sizes() == wanted[0]
    assert second.findChild(QSplitter, "runsSplitter") is None  # not built until shown
    second.tabs.setCurrentWidget(second.runs_tab)
    assert second.findChild(QSplitter, "runsSplitter").sizes() == wanted[1]
    second.close()
