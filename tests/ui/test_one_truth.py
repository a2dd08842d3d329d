"""One experiment, one truth: what the GUI trains, saves and shows is what the CLI measures.

A folder loaded at 16×16 with a non-default split (its own seed and fraction) and a
non-default training seed is trained in the window and saved; ``aegui eval`` on the saved
file must report the GUI's last validation MSE, measured on the same images, and a fresh
window must restore the same data shape, split and corruption.
"""

from __future__ import annotations

import contextlib
import io
import json

import numpy as np
import pytest
import torch
from PIL import Image
from PySide6.QtCore import Qt

from aegui import cli
from aegui.app import build_main_window
from aegui.core.run.files import CONFIG_FILE, HISTORY_FILE, METRICS_FILE
from aegui.core.run.journal import JOURNAL_FILE

TIMEOUT = 120_000


@pytest.fixture
def digit_folder(tmp_path, tiny_mnist):
    """160 digits as 28×28 PNGs in class folders; the app loads them at 16×16."""
    root = tmp_path / "digits"
    for i in range(160):
        label = int(tiny_mnist.labels[i])
        folder = root / tiny_mnist.class_names[label]
        folder.mkdir(parents=True, exist_ok=True)
        Image.fromarray(tiny_mnist.images[i, 0].numpy()).save(folder / f"{i:03d}.png")
    return root


def _window(qtbot):
    win = build_main_window()
    qtbot.addWidget(win)
    win.confirm_close = lambda: True
    win.show()
    return win


def _load(qtbot, win, spec: str, **kwargs) -> None:
    with qtbot.waitSignal(win.data_tab.loadFinished, timeout=30_000) as blocker:
        win.data_tab.load_spec(spec, **kwargs)
    assert blocker.args == [True], win.banner.text()


def _eval_json(path) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli.main(["eval", "--checkpoint", str(path), "--json"])
    assert code == 0
    return json.loads(out.getvalue())


def test_gui_training_is_measured_by_the_cli_on_the_same_images(qtbot, digit_folder, tmp_path,
                                                                 isolated_app_files):
    win = _window(qtbot)
    _load(qtbot, win, f"folder:{digit_folder}", image_size=16, color="gray")
    split_box = win.data_tab.split_controls
    split_box.fraction.setValue(0.3)
    split_box.seed.setValue(7)
    tab = win.train_tab
    tab.modelCombo.setCurrentIndex(tab.modelCombo.findData("conv-ae"))
    tab.taskCombo.setCurrentIndex(tab.taskCombo.findData("denoise"))
    tab.levelSpin.setValue(0.3)
    tab.seedSpin.setValue(5)
    for spin, value in ((tab.latentDimSpin, 4), (tab.hiddenSpin, 8), (tab.epochsSpin, 2),
                        (tab.batchSpin, 16)):
        spin.setValue(value)
    config = win.state.config
    assert (config.image_size, config.color, config.val_fraction, config.split_seed, config.seed) \
        == (16, "gray", 0.3, 7, 5)
    with qtbot.waitSignal(win.controller.runFinished, timeout=TIMEOUT) as blocker:
        qtbot.mouseClick(tab.startButton, Qt.MouseButton.LeftButton)
    assert blocker.args == [True], win.banner.text()
    gui_val_mse = win.state.epoch_reports[-1].val_mse
    val_images = win.state.split.val.images.clone()
    assert len(val_images) == 48 and val_images.shape[1:] == (1, 16, 16)

    saved = tmp_path / "saved.pt"
    assert win.files.save_to(str(saved))
    win.close()

    # The CLI measures the saved experiment on the GUI's validation images.
    metrics = _eval_json(saved)
    assert metrics["val_mse"] == pytest.approx(gui_val_mse, abs=1e-6)
    assert metrics["input_psnr"] < 20  # it measured the denoising task: the input was noisy

    # The GUI's run folder has the CLI's shape, and agrees with it.
    (run,) = list((isolated_app_files / "runs").iterdir())
    assert {p.name for p in run.iterdir()} == {"experiment.pt", CONFIG_FILE, HISTORY_FILE, METRICS_FILE, JOURNAL_FILE}
    stored = json.loads((run / METRICS_FILE).read_text())
    assert stored["val_mse"] == pytest.approx(gui_val_mse, abs=1e-6)
    assert json.loads((run / CONFIG_FILE).read_text())["split_seed"] == 7
    assert len((run / HISTORY_FILE).read_text().splitlines()) == 3  # header and two epochs

    # A fresh window restores the same data shape, split and corruption.
    fresh = _window(qtbot)
    with qtbot.waitSignal(fresh.data_tab.loadFinished, timeout=30_000) as loaded:
        assert fresh.files.open_experiment(str(saved))
    assert loaded.args == [True], fresh.banner.text()
    state = fresh.state
    assert state.dataset.shape == (1, 16, 16)
    assert torch.equal(state.experiment_split().val.images, val_images)
    assert torch.equal(state.split.val.images, val_images)
    assert fresh.data_tab.split_controls.seed.value() == 7
    assert fresh.data_tab.split_controls.fraction.value() == pytest.approx(0.3)
    assert fresh.train_tab.seedSpin.value() == 5
    fresh.tabs.setCurrentWidget(fresh.reconstruct_tab)
    recon = fresh.reconstruct_tab
    if recon.page is None:
        with qtbot.waitSignal(recon.pageShown, timeout=30_000):
            pass
    assert recon.corruptionCombo.currentData() == "gaussian"
    assert recon.corruptionLevel.value() == pytest.approx(0.3)
    assert np.array_equal(recon.page.original, val_images[:len(recon.page.original)].numpy())
    fresh.close()


def test_the_reconstruct_tab_follows_the_models_config_not_the_train_tab(qtbot, tiny_npz):
    win = _window(qtbot)
    _load(qtbot, win, tiny_npz)
    win.tabs.setCurrentWidget(win.reconstruct_tab)
    demo = win.state.experiment
    assert win.state.is_demo and demo.config.task == "reconstruct"
    # Setting up a denoiser in the Train tab does not change what the shown model was trained on.
    tab = win.train_tab
    tab.taskCombo.setCurrentIndex(tab.taskCombo.findData("denoise"))
    assert win.state.config.task == "denoise"
    assert win.reconstruct_tab.corruptionCombo.currentData() == "none"
    win.close()
