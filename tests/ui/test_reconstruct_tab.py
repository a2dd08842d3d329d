"""The Reconstruct tab on a small trained denoiser (offscreen)."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from PIL import Image

from aegui.core.checkpoint import Experiment
from aegui.core.config import ExperimentConfig
from aegui.core.training import Trainer
from aegui.ui.app_state import AppState
from aegui.ui.reconstruct_tab import ReconstructTab

WAIT = 20_000


@pytest.fixture(scope="module")
def denoiser(tiny_split):
    config = ExperimentConfig(dataset="tiny", val_fraction=0.25, model="conv-ae", latent_dim=16, hidden=8,
                              task="denoise", noise=0.5, epochs=6, batch_size=16, lr=2e-3, device="cpu")
    trainer = Trainer(config, tiny_split)
    list(trainer.fit())
    return config, trainer.snapshot()


@pytest.fixture
def tab(qtbot, tiny_mnist, denoiser):
    state = AppState()
    state.set_config(denoiser[0])  # the split of tiny_split: 25 % validation, seed 0
    state.set_dataset(tiny_mnist)
    widget = ReconstructTab(state)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    yield widget
    assert widget.shutdown(3.0)


def _load_model(qtbot, tab, denoiser):
    config, model = denoiser
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.state.set_experiment(Experiment(config, model), "test denoiser")


def test_without_a_model_it_says_what_to_do(tab):
    assert tab.originalView.image_count() == 0
    assert "Train one" in tab.sourceLabel.text() and "Train one" in tab.originalView.placeholder


def test_raising_the_noise_level_lowers_input_psnr(qtbot, tab, denoiser):
    _load_model(qtbot, tab, denoiser)
    assert tab.corruptionCombo.currentData() == "gaussian"  # the model's own corruption
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.corruptionLevel.setValue(0.1)
    low = tab.page
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.corruptionLevel.setValue(0.8)
    high = tab.page
    assert not np.array_equal(low.corrupted, high.corrupted)
    assert high.mean_input_psnr < low.mean_input_psnr - 5
    assert "dB" in tab.summaryLabel.text()


def test_trained_denoiser_beats_its_input_on_the_page(qtbot, tab, denoiser):
    _load_model(qtbot, tab, denoiser)
    page = tab.page
    assert tab.reconstructedView.image_count() == tab.pageSizeSpin.value() == len(page.psnr)
    assert page.mean_output_psnr > page.mean_input_psnr + 2
    assert f"{page.gain_db:+.1f} dB" in tab.summaryLabel.text()


def test_new_noise_draws_different_noise(qtbot, tab, denoiser):
    _load_model(qtbot, tab, denoiser)
    before = tab.page.corrupted
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.reseedButton.click()
    assert not np.array_equal(before, tab.page.corrupted)


def test_worst_first_puts_the_highest_error_first(qtbot, tab, denoiser):
    _load_model(qtbot, tab, denoiser)
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.orderCombo.setCurrentIndex(tab.orderCombo.findData("worst"))
    worst = tab.page
    assert worst.mse[0] == pytest.approx(tab.errors.max(), rel=1e-4)
    assert np.all(np.diff(worst.mse) <= 1e-6)  # descending
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.orderCombo.setCurrentIndex(tab.orderCombo.findData("best"))
    assert tab.page.mse[0] == pytest.approx(tab.errors.min(), rel=1e-4)


def test_class_filter_and_paging(qtbot, tab, denoiser):
    _load_model(qtbot, tab, denoiser)
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.classCombo.setCurrentIndex(tab.classCombo.findData(3))
    labels = tab.state.split.val.labels.numpy()
    assert set(labels[tab.page.indices]) == {3}
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.classCombo.setCurrentIndex(0)
    first = tab.page.indices.copy()
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.nextButton.click()
    assert "page 2" in tab.pageLabel.text() and not set(first) & set(tab.page.indices)


def test_your_own_image_goes_through_the_whole_path(qtbot, tab, denoiser, tmp_path, tiny_mnist):
    _load_model(qtbot, tab, denoiser)
    digit = tiny_mnist.images[5, 0].numpy()
    big = Image.fromarray(digit).resize((84, 84)).convert("RGB")  # other size and channels
    big.save(tmp_path / "mine.png")
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        assert tab.open_user_image(str(tmp_path / "mine.png"))
    page = tab.page
    assert page.original.shape == (1, 1, 28, 28)
    assert np.abs(page.original[0, 0].astype(int) - digit).mean() < 20  # it is our digit
    assert page.psnr[0] > page.input_psnr[0] and tab.pageLabel.text() == "your image"
    (tmp_path / "bad.png").write_bytes(b"not an image")
    errors = []
    tab.state.errorRaised.connect(lambda title, message: errors.append(message))
    assert not tab.open_user_image(str(tmp_path / "bad.png"))
    assert errors and "bad.png" in errors[0]


def test_noise_sweep_plots_both_curves(qtbot, tab, denoiser):
    _load_model(qtbot, tab, denoiser)
    with qtbot.waitSignal(tab.sweepFinished, timeout=60_000):
        tab.sweepButton.click()
    inputs, outputs = (c.getData()[1] for c in (tab.sweepPlot.input_curve, tab.sweepPlot.output_curve))
    assert tab.sweepPlot.point_count() == 12
    assert inputs[0] > inputs[-1] + 10  # more noise, worse input
    assert outputs[-1] > inputs[-1]  # the denoiser helps at high noise


def test_zoom_and_exports(qtbot, tab, denoiser, tmp_path):
    _load_model(qtbot, tab, denoiser)
    dialog = tab.open_zoom(0)
    qtbot.addWidget(dialog)
    assert len(dialog.views) == 4 and dialog.views[1].linkedView(0) is dialog.views[0]
    assert dialog.pixel_text(14, 14).count("·") == 3
    tab.export_png(str(tmp_path / "page.png"))
    image = Image.open(tmp_path / "page.png")
    assert image.width > image.height > 0
    tab.export_csv(str(tmp_path / "page.csv"))
    rows = list(csv.DictReader(open(tmp_path / "page.csv")))
    assert len(rows) == len(tab.page.psnr)
    assert float(rows[0]["psnr_db"]) == pytest.approx(tab.page.psnr[0], abs=1e-3)


def test_a_model_for_other_images_says_so(qtbot, tab, denoiser, rgb_dataset):
    _load_model(qtbot, tab, denoiser)
    tab.state.set_dataset(rgb_dataset, "blobs")  # 3×32×32 data, 1×28×28 model
    assert tab.originalView.image_count() == 0
    assert "expects 1×28×28" in tab.summaryLabel.text() and "3×32×32" in tab.summaryLabel.text()
