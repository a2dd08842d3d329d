"""Coming back to work: settings under AEGUI_HOME, reopened experiments with their curves
and preview, recent runs, the window title and File › Export model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from PySide6.QtCore import Qt

from aegui.app import build_main_window
from aegui.core.checkpoint import load_experiment
from aegui.core.run.journal import read_journal
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
    win.close()


@pytest.fixture
def trained(qtbot, window, tiny_npz):
    """A window that has just trained two epochs of a small model."""
    _load(qtbot, window, tiny_npz)
    window.train_tab.apply_config(window.state.config.with_changes(
        model="conv-ae", hidden=8, latent_dim=4, epochs=2, batch_size=32, lr=3e-3, device="cpu"))
    with qtbot.waitSignal(window.controller.runFinished, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(window.train_tab.startButton, Qt.MouseButton.LeftButton)
    assert blocker.args == [True], window.banner.text()
    return window


def test_settings_live_under_aegui_home(window, isolated_app_files):
    window.save_settings()
    settings_file = Path(window.settings.fileName())
    assert settings_file.is_relative_to(isolated_app_files), settings_file
    assert settings_file.exists()


def test_the_title_names_the_experiment_and_marks_unsaved_training(qtbot, trained, tmp_path):
    title = trained.windowTitle()
    assert "epoch 2" in title and title.endswith("— aegui")
    assert trained.isWindowModified()  # trained here, not yet saved to a file of the user's
    path = tmp_path / "mine.pt"
    assert trained.files.save_to(str(path))
    assert "mine.pt" in trained.windowTitle() and not trained.isWindowModified()


def test_the_demo_is_named_in_the_title(window):
    assert window.state.is_demo
    assert window.windowTitle().startswith("bundled demo model")
    assert not window.isWindowModified()


def test_opening_brings_back_curves_and_preview(qtbot, trained, tmp_path):
    path = tmp_path / "two-epochs.pt"
    assert trained.files.save_to(str(path))
    losses = [r.val_loss for r in trained.state.epoch_reports]
    fresh = build_main_window()
    qtbot.addWidget(fresh)
    fresh.show()
    _load(qtbot, fresh, trained.state.config.dataset)
    assert fresh.files.open_experiment(str(path))
    reports = fresh.state.epoch_reports
    assert [r.val_loss for r in reports] == pytest.approx(losses)
    assert fresh.train_tab.lossPlot.point_count("val") == 2
    shown, trained_preview = reports[-1].preview, trained.state.epoch_reports[-1].preview
    assert shown is not None  # the preview is back too: the same images, the same model
    assert np.array_equal(shown.reconstructed, trained_preview.reconstructed)
    assert fresh.train_tab.previewGrid.image_count() > 0
    fresh.close()


def test_recent_lists_the_apps_own_runs(qtbot, trained):
    trained.files.recent.refresh()
    actions = [a for a in trained.recentMenu.actions() if not a.isSeparator()]
    run_dir = trained.controller.run_dir
    run_action = next(a for a in actions if a.toolTip() == str(run_dir / "experiment.pt"))
    assert run_action.text() == f"{run_dir.name} · 2 epochs"  # which run, and how far it got
    assert trained.files.open_experiment(run_action.toolTip())
    assert trained.windowTitle().startswith(f"{run_dir.name}, epoch 2")  # not "experiment.pt"
    assert trained.recentMenu.isEnabled()
    journal = read_journal(run_dir)  # what the Runs tab reads: who wrote it, how it ended
    assert (journal.status, journal.writer, len(journal.epoch_seconds)) == ("finished", "gui", 2)


def test_export_model_writes_loadable_weights(qtbot, trained, tmp_path):
    from safetensors.torch import load_file, safe_open

    out = tmp_path / "weights.safetensors"
    assert trained.files.export_model(str(out))
    weights = load_file(str(out))
    live = trained.state.experiment.model.state_dict()  # the trained model, not the tabs' folded copy
    assert set(weights) == set(live)
    assert all(torch.equal(weights[k], live[k].cpu()) for k in live)
    with safe_open(str(out), "pt") as handle:
        assert json.loads(handle.metadata()["model_spec"])["latent_dim"] == 4
    slim = tmp_path / "slim.pt"
    assert trained.files.export_model(str(slim))
    assert load_experiment(slim).epochs_done == 2


def test_export_model_refuses_a_bad_suffix_in_one_banner(qtbot, trained, tmp_path):
    assert not trained.files.export_model(str(tmp_path / "weights.txt"))
    assert not trained.banner.isHidden() and ".safetensors" in trained.banner.text()


def test_nothing_to_save_goes_away_once_there_is(qtbot, window):
    from aegui.ui.main_window import DEMO_MODEL_PATH

    window.files.save_experiment_as()  # only the demo model is shown: nothing of the user's to save
    assert not window.banner.isHidden() and "Nothing to save" in window.banner.text()
    assert window.files.open_experiment(str(DEMO_MODEL_PATH))  # now there is
    assert window.banner.isHidden()


def test_the_toolbar_says_what_training_will_do(qtbot, window):
    window.train_tab.epochsSpin.setValue(7)
    assert window.trainAction.text() == window.train_tab.startButton.text() == "Train 7 epochs"


def test_a_busy_message_goes_when_the_run_ends(qtbot, window):
    window.state.set_run_state("training")
    assert not window.idle("open files")
    assert "Stop training" in window.banner.text() and not window.banner.isHidden()
    window.state.set_run_state("idle")
    assert window.banner.isHidden()


def test_the_toolbar_resume_shows_a_play_icon(qtbot, window):
    from PySide6.QtWidgets import QStyle

    play = window.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay).pixmap(16).toImage()
    window.state.set_run_state("paused")
    assert window.pauseAction.text() == "Resume"
    assert window.pauseAction.icon().pixmap(16).toImage() == play
    window.state.set_run_state("training")
    assert window.pauseAction.text() == "Pause"
    assert window.pauseAction.icon().pixmap(16).toImage() != play
    window.state.set_run_state("idle")


def test_a_run_stopped_before_its_first_epoch_leaves_no_folder(qtbot, window):
    _load(qtbot, window, "mnist-10k")
    window.train_tab.apply_config(window.state.config.with_changes(
        model="conv-ae", hidden=8, latent_dim=4, epochs=1, batch_size=32, device="cpu"))
    with qtbot.waitSignal(window.controller.runFinished, timeout=TIMEOUT) as done:
        assert window.start_training()
        window.controller.stop()
    assert done.args == [False]
    run_dir = window.controller.run_dir
    assert run_dir is not None and not run_dir.exists()


def test_continuing_keeps_the_models_shape(qtbot, trained):
    tab = trained.train_tab
    tab.continueCheck.setChecked(True)
    for widget in (tab.modelCombo, tab.latentDimSpin, tab.hiddenSpin, tab.depthSpin):
        assert not widget.isEnabled()  # the weights to continue have this shape
    assert tab.hiddenSpin.value() == 8 and tab.latentDimSpin.value() == 4
    # Even a config that says otherwise trains the experiment's shape.
    trained.state.update_config(hidden=16)
    with qtbot.waitSignal(trained.controller.runFinished, timeout=TIMEOUT) as done:
        assert trained.controller.start(trained.state.config.with_changes(epochs=1), continue_model=True)
    assert done.args == [True], trained.banner.text()
    assert trained.state.experiment.config.hidden == 8 and trained.state.experiment.epochs_done == 3
    tab.continueCheck.setChecked(False)
    assert tab.hiddenSpin.isEnabled()


def test_continue_needs_the_models_own_data(qtbot, trained, tmp_path):
    tab = trained.train_tab
    assert tab.continueCheck.isEnabled()
    other = tmp_path / "other.npz"
    np.savez(other, images=np.random.default_rng(0).integers(0, 256, (64, 28, 28), dtype=np.uint8))
    _load(qtbot, trained, f"npz:{other}")
    assert not tab.continueCheck.isEnabled() and not tab.continueCheck.isChecked()
    assert "load it in the Data tab" in tab.continueCheck.toolTip()


def test_file_dialogs_start_in_the_last_folder_used(qtbot, window, tmp_path, monkeypatch):
    from pathlib import Path as _Path

    from PySide6.QtWidgets import QFileDialog

    assert window.files.dialog_folder() == str(_Path.home())  # not wherever the app was started
    starts: list[str] = []

    def fake_save(parent, title, start, filters):
        starts.append(start)
        return str(tmp_path / "kept" / "mine.pt"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    window.files.open_experiment(str(_demo_path()))
    window.files.save_experiment_as()
    window.files.export_model_dialog()
    assert starts[0] == str(_Path.home() / "experiment.pt")
    assert starts[1] == str(tmp_path / "kept" / "model.safetensors")


def _demo_path():
    from aegui.ui.main_window import DEMO_MODEL_PATH

    return DEMO_MODEL_PATH


def test_a_new_session_reopens_the_last_model_with_its_data(qtbot, trained):
    """Relaunching after training on a folder restored the data but showed the demo model, and
    Reconstruct said both "No model yet" and "This model expects 1×28×28 images…"."""
    run_dir = trained.controller.run_dir
    trained.close()  # saves the settings
    pass
    again = build_main_window()
    qtbot.addWidget(again)
    again.confirm_close = lambda: True
    with qtbot.waitSignal(again.data_tab.loadFinished, timeout=30_000) as blocker:
        again.start_with_last_dataset()
    assert blocker.args == [True]
    state = again.state
    assert not state.is_demo and state.experiment_path == str(run_dir / "experiment.pt")
    assert state.experiment.epochs_done == 2 and state.data_matches_config() and len(state.dataset) == 256
    assert again.windowTitle().startswith(f"{run_dir.name}, epoch 2")
    assert state.experiment_split() is not None  # Reconstruct and Continue have the model's own data
    # Moving on to other data forgets the model; the next start says nothing about it.
    _load(qtbot, again, "mnist-10k")
    again.close()
    third = build_main_window()
    qtbot.addWidget(third)
    third.confirm_close = lambda: True
    with qtbot.waitSignal(third.data_tab.loadFinished, timeout=30_000):
        third.start_with_last_dataset()
    assert third.state.is_demo and "mnist-10k" in third.state.config.dataset
    third.close()


def test_a_missing_last_model_is_said_once_and_the_demo_shown(qtbot, trained):
    import shutil

    run_dir = trained.controller.run_dir
    trained.close()
    shutil.rmtree(run_dir)
    again = build_main_window()
    qtbot.addWidget(again)
    again.confirm_close = lambda: True
    with qtbot.waitSignal(again.state.statusMessage, timeout=5_000) as said:
        again.start_with_last_dataset()
    assert "no longer there" in said.args[0] and again.state.is_demo
    qtbot.waitUntil(lambda: again.state.data_matches_config(), timeout=30_000)
    assert again.banner.isHidden()
    again.close()


def test_the_demo_model_beside_other_data_gives_one_reason_not_two(qtbot, window, tmp_path):
    """The grid's "No model yet" is for no model: beside a model of another shape, only the
    summary speaks."""
    import numpy as np

    colour = tmp_path / "colour.npz"
    np.savez(colour, x=np.random.default_rng(0).integers(0, 255, (64, 32, 32, 3), dtype=np.uint8))
    _load(qtbot, window, f"npz:{colour}")
    assert window.state.is_demo
    tab = window.reconstruct_tab
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: "demo model reads 1×28×28" in tab.summaryLabel.text(), timeout=30_000)
    assert tab.originalView.placeholder == "" and tab.originalView.image_count() == 0


def test_aegui_path_opens_a_run_folder_an_experiment_or_data(qtbot, trained, tmp_path):
    """`aegui PATH` (and the desktop's Open with, and macOS's file-open events) start on what
    was named, with its data."""
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    from aegui.app import install_file_open_handler

    run_dir = trained.controller.run_dir
    trained.close()
    again = build_main_window()
    qtbot.addWidget(again)
    again.confirm_close = lambda: True
    again.open_paths([str(run_dir)])  # the folder: its experiment.pt
    assert again.state.experiment_path == str(run_dir / "experiment.pt") and not again.state.is_demo
    qtbot.waitUntil(again.state.data_matches_config, timeout=30_000)
    again.open_paths([str(tmp_path / "nowhere")])
    assert "does not exist" in again.banner.text()
    # A file-open event (macOS Finder, the Dock) opens the same way.
    colour = tmp_path / "colour.npz"
    np.savez(colour, x=np.random.default_rng(0).integers(0, 255, (40, 16, 16, 3), dtype=np.uint8))
    install_file_open_handler(QApplication.instance(), again)
    with qtbot.waitSignal(again.data_tab.loadFinished, timeout=30_000):
        QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(colour)))
    assert len(again.state.dataset) == 40 and again.state.dataset.channels == 3
    again.close()


def test_a_path_on_the_command_line_is_for_the_window_a_word_is_a_command(tmp_path, monkeypatch):
    import aegui.__main__ as entry

    opened, commands = [], []
    monkeypatch.setattr("aegui.app.main", lambda args: opened.append(args) or 0)
    monkeypatch.setattr("aegui.cli.main", lambda args: commands.append(args) or 0)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "run").mkdir()
    (tmp_path / "train").mkdir()  # a folder named like a command: the command wins
    entry.main(["run"])
    entry.main(["train", "--help"])
    entry.main(["traing"])
    assert opened == [["run"]] and commands == [["train", "--help"], ["traing"]]
