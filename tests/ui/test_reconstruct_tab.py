"""The Reconstruct tab on a small trained denoiser (offscreen)."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFontMetricsF

from aegui.app import build_main_window
from aegui.core.checkpoint import Experiment
from aegui.core.config import ExperimentConfig
from aegui.core.corruptions import LEVEL_RANGES
from aegui.core.models import build_model
from aegui.core.reconstruction import reconstruct_page
from aegui.core.training import Trainer
from aegui.ui.app_state import AppState
from aegui.ui.reconstruct_tab import ReconstructTab
from aegui.ui.widgets.color_scale import colorize
from aegui.ui.widgets.comparison_rows import MIN_TILE, plan_tiles
from aegui.ui.widgets.image_grid import ImageGrid
from aegui.ui.widgets.zoom_dialog import ZoomDialog

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


def test_a_mask_sweep_reads_as_fractions_and_goes_with_its_kind(qtbot, tab, denoiser):
    """The mask sweep's axis read "200…800" under a label cut to "masked area fraction (x0",
    and the previous kind's sweep stayed on screen after switching."""
    _load_model(qtbot, tab, denoiser)
    combo = tab.corruptionControls.combo
    combo.setCurrentIndex(combo.findData("mask"))
    with qtbot.waitSignal(tab.sweepFinished, timeout=60_000):
        tab.sweepButton.click()
    tab.sweepPlot.plot.grab()  # the axis picks its scale when drawn
    bottom = tab.sweepPlot.plot.getAxis("bottom")
    levels = tab.sweepPlot.output_curve.getData()[0]
    assert 0 < levels.max() <= 1 and bottom.labelText == "masked area fraction"
    assert bottom.autoSIPrefixScale == 1.0 and bottom.labelString().count("(") == 0
    combo.setCurrentIndex(combo.findData("blur"))
    assert tab.sweepPlot.isHidden() and tab.sweepPlot.point_count() == 0


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


# -- your own image: a way back, and nothing that silently does nothing ------------------------
def _open_mine(qtbot, tab, tiny_mnist, tmp_path) -> None:
    path = tmp_path / "mine.png"
    if not path.exists():
        Image.fromarray(tiny_mnist.images[5, 0].numpy()).save(path)
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        assert tab.open_user_image(str(path))
    assert list(tab.page.indices) == [-1]


def test_your_image_shows_a_strip_with_the_way_back(qtbot, tab, denoiser, tiny_mnist, tmp_path):
    _load_model(qtbot, tab, denoiser)
    assert not tab.userImageBar.isVisible()
    _open_mine(qtbot, tab, tiny_mnist, tmp_path)
    assert tab.userImageBar.isVisible() and "mine.png" in tab.userImageBar.text()
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        qtbot.mouseClick(tab.userImageBar.button, Qt.MouseButton.LeftButton)
    assert not tab.userImageBar.isVisible() and tab.user_image is None
    assert len(tab.page.indices) == tab.page_size() and min(tab.page.indices) >= 0
    assert tab.pageLabel.text().startswith("page 1 of")


def test_paging_class_and_order_go_back_to_the_dataset(qtbot, tab, denoiser, tiny_mnist, tmp_path):
    _load_model(qtbot, tab, denoiser)
    _open_mine(qtbot, tab, tiny_mnist, tmp_path)
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.nextButton.click()
    assert min(tab.page.indices) >= 0 and "page 2" in tab.pageLabel.text()
    _open_mine(qtbot, tab, tiny_mnist, tmp_path)
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.classCombo.setCurrentIndex(tab.classCombo.findData(3))
    assert set(tab.state.split.val.labels.numpy()[tab.page.indices]) == {3}
    _open_mine(qtbot, tab, tiny_mnist, tmp_path)
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.orderCombo.setCurrentIndex(tab.orderCombo.findData("shuffled"))
    assert min(tab.page.indices) >= 0 and not tab.userImageBar.isVisible()


def test_corruption_changes_apply_to_your_image(qtbot, tab, denoiser, tiny_mnist, tmp_path):
    _load_model(qtbot, tab, denoiser)
    _open_mine(qtbot, tab, tiny_mnist, tmp_path)
    before = tab.page.corrupted.copy()
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.corruptionLevel.setValue(0.9)
    assert list(tab.page.indices) == [-1] and tab.userImageBar.isVisible()
    assert not np.array_equal(before, tab.page.corrupted)
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.corruptionCombo.setCurrentIndex(tab.corruptionCombo.findData("mask"))
    assert list(tab.page.indices) == [-1] and tab.page.corrupted_input


def test_a_new_model_or_new_data_goes_back_to_the_dataset(qtbot, tab, denoiser, tiny_mnist, tmp_path):
    config, model = denoiser
    _load_model(qtbot, tab, denoiser)
    _open_mine(qtbot, tab, tiny_mnist, tmp_path)
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.state.set_experiment(Experiment(config.with_changes(seed=config.seed + 1),
                                            build_model(model.spec)), "another model")
    assert tab.user_image is None and not tab.userImageBar.isVisible() and min(tab.page.indices) >= 0
    _open_mine(qtbot, tab, tiny_mnist, tmp_path)
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.state.set_dataset(tiny_mnist)
    assert tab.user_image is None and not tab.userImageBar.isVisible() and min(tab.page.indices) >= 0


def test_a_newer_epoch_of_the_same_run_keeps_your_image_and_corruption(qtbot, tab, denoiser, tiny_mnist,
                                                                        tmp_path):
    config, model = denoiser
    _load_model(qtbot, tab, denoiser)
    _open_mine(qtbot, tab, tiny_mnist, tmp_path)
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.corruptionControls.combo.setCurrentIndex(tab.corruptionControls.combo.findData("blur"))
    before = tab.page.reconstructed.copy()
    newer = build_model(model.spec)  # the next epoch's snapshot: same run, same config
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.state.set_experiment(Experiment(config, newer), "epoch 2 of the current run")
    assert tab.user_image is not None and tab.userImageBar.isVisible()
    assert tab.corruption().kind == "blur"  # the user's choice, not reset to the run's
    assert min(tab.page.indices) < 0  # your image, measured again through the newer weights
    assert not np.array_equal(tab.page.reconstructed, before)


# -- tiles sized to the space, captions that never overlap -----------------------------------
def _check_tiles(tab) -> int:
    """Every shown tile is at least MIN_TILE wide and every caption line fits its tile;
    returns how many caption lines are painted."""
    painted = 0
    for grid in (tab.originalView, tab.corruptedView, tab.reconstructedView, tab.errorView):
        if not grid.isVisible():
            continue
        metrics = QFontMetricsF(grid.caption_font())
        rects = [grid.tile_rect(i) for i in range(grid.image_count())]
        for i, rect in enumerate(rects):
            assert rect.width() >= MIN_TILE, (grid.objectName(), rect.width())
            assert rect.right() <= grid.width() and rect.bottom() <= grid.height()
            for line in grid.shown_caption(i):
                assert metrics.horizontalAdvance(line) <= rect.width()
                painted += bool(line)
        for a, b in zip(rects, rects[1:]):  # captions are as wide as their tiles, so apart too
            assert not a.intersects(b)
    return painted


def test_tiles_stay_readable_in_a_1024_by_700_window(qtbot, tab, denoiser):
    tab.resize(1024, 700)
    _load_model(qtbot, tab, denoiser)
    assert tab.corruption().kind == "gaussian" and tab.corruptedView.isVisible()
    assert tab.reconstructedView.image_count() == 16
    assert _check_tiles(tab) >= 16 * 5  # labels, input dB and three metric lines are all there
    assert all("dB" in tab.reconstructedView.shown_caption(i)[1] for i in range(16))


def test_when_space_runs_out_fewer_images_fit_and_paging_follows(qtbot, tab, denoiser):
    _load_model(qtbot, tab, denoiser)
    with qtbot.waitSignal(tab.sweepFinished, timeout=60_000):
        tab.sweepButton.click()
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.resize(1024, 700)  # and the sweep takes a part of the width
    size = tab.page_size()
    assert 1 <= size < tab.pageSizeSpin.value() and len(tab.page.indices) == size
    assert f"{size} of 16 images fit" in tab.pageLabel.text()
    _check_tiles(tab)
    first = tab.page.indices.copy()
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.nextButton.click()
    assert tab.page.indices[0] == first[-1] + 1  # no image is skipped between pages
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.resize(1600, 1000)
    assert len(tab.page.indices) == 16 and tab.page.indices[0] <= first[-1] + 1 <= tab.page.indices[-1]


def test_tile_plan_prefers_all_images_then_wraps_then_fits_fewer():
    captions = [17.0, 17.0, 47.0, 0.0]
    roomy = plan_tiles(16, 1200, 600, captions)
    assert (roomy.count, roomy.columns, roomy.rows) == (16, 16, 1) and roomy.tile >= 70
    tall = plan_tiles(16, 500, 1400, captions)
    assert tall.count == 16 and tall.rows > 1 and tall.tile >= MIN_TILE
    cramped = plan_tiles(16, 700, 400, captions)
    assert cramped.count < 16 and cramped.tile >= MIN_TILE
    assert cramped.columns * (cramped.tile + 4) + 4 <= 700


def test_captions_too_wide_for_a_tile_are_elided_or_dropped(qtbot):
    grid = ImageGrid(columns=4)
    qtbot.addWidget(grid)
    grid.resize(4 * 30 + 20, 80)
    grid.set_images(np.zeros((4, 1, 8, 8), np.uint8), ["a fairly long caption line\nok"] * 4)
    width = grid.tile_rect(0).width()
    lines = grid.shown_caption(0)
    metrics = QFontMetricsF(grid.caption_font())
    assert all(metrics.horizontalAdvance(line) <= width for line in lines)
    assert lines[0] != "a fairly long caption line" and lines[1] == "ok"


# -- the zoom view: real values, one scale, equal panels ---------------------------------------
def test_zoom_reads_the_error_value_and_pixels_on_a_0_to_1_scale(qtbot):
    original = np.zeros((1, 8, 8), np.uint8)
    original[0, 2, 3] = 255
    error = np.zeros((8, 8), np.float32)
    error[2, 3] = 0.25
    dialog = ZoomDialog([("original", original), ("error", colorize(error[None], 0.5)[0], error)], "t")
    qtbot.addWidget(dialog)
    assert dialog.pixel_text(3, 2) == "x=3, y=2: original 1.00 · error 0.250"


def test_zoom_on_hover_and_equal_panels(qtbot, tab, denoiser):
    _load_model(qtbot, tab, denoiser)
    dialog = tab.open_zoom(0)
    qtbot.addWidget(dialog)
    dialog.resize(1200, 400)
    qtbot.waitUntil(lambda: dialog.views[0].sceneBoundingRect().width() > 50)
    widths = [view.sceneBoundingRect().width() for view in dialog.views]
    assert len(widths) == 4 and max(widths) - min(widths) < 1.5  # "model input" as wide as the rest
    view = dialog.views[0]
    dialog.canvas.scene().sigMouseMoved.emit(view.mapViewToScene(QPointF(14.5, 12.5)))
    text = dialog.pixelLabel.text()
    page = tab.page
    assert text.startswith("x=14, y=12:")
    assert f"original {page.original[0, 0, 12, 14] / 255:.2f}" in text
    assert f"error {page.error[0, 12, 14]:.3f}" in text
    values = [float(v) for part in text.split(": ", 1)[1].split(" · ") for v in part.split()[-1].split("/")]
    assert len(values) == 4 and all(0.0 <= v <= 1.0 for v in values)


# -- a new model drops the old one's results ---------------------------------------------------
def test_a_new_model_clears_the_sweep_zoom_and_page(qtbot, tab, denoiser):
    config, model = denoiser
    _load_model(qtbot, tab, denoiser)
    with qtbot.waitSignal(tab.sweepFinished, timeout=60_000):
        tab.sweepButton.click()
    dialog = tab.open_zoom(0)
    assert tab.sweepPlot.point_count() == 12 and dialog.isVisible()
    other = build_model(model.spec)
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.state.set_experiment(Experiment(config, other), "another model")
        assert tab.page is None and tab.zoom is None  # nothing of the old model is offered
        assert tab.sweepPlot.point_count() == 0 and not tab.sweepPlot.isVisible()
    assert tab.sweepButton.isEnabled() and tab.sweepButton.text() == "Noise sweep"
    val = tab.validation_data()
    expected = reconstruct_page(other, val.images[tab.page.indices], None, tab.corruption(), tab.noise_seed,
                                tab.page.indices)
    assert np.array_equal(tab.page.reconstructed, expected.reconstructed)


def test_a_hidden_tab_clears_the_old_models_images_at_once(qtbot, tab, denoiser):
    config, model = denoiser
    _load_model(qtbot, tab, denoiser)
    tab.hide()
    tab.state.set_experiment(Experiment(config, build_model(model.spec)), "another model")
    assert tab.page is None and tab.reconstructedView.image_count() == 0 and tab.errorView.image_count() == 0
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.show()


# -- defaults: a visible level, and the demo model on first launch ------------------------------
def test_picking_a_corruption_gives_it_a_visible_level(qtbot, tab, denoiser):
    config, model = denoiser
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.state.set_experiment(Experiment(config.with_changes(task="reconstruct", noise=None), model), "plain")
    assert tab.corruptionCombo.currentData() == "none" and not tab.page.corrupted_input
    for kind in ("gaussian", "salt-pepper", "mask", "blur", "downscale"):
        with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
            tab.corruptionCombo.setCurrentIndex(tab.corruptionCombo.findData(kind))
        low, _ = LEVEL_RANGES[kind]
        assert tab.corruptionLevel.value() > low and tab.page.corrupted_input, kind
        assert tab.page.mean_input_psnr < 40, kind  # the images visibly change
    assert tab.corruptionLevel.value() == pytest.approx(2.0)  # superres trains at 2×
    tab.corruptionCombo.setCurrentIndex(tab.corruptionCombo.findData("gaussian"))
    assert tab.corruptionLevel.value() == pytest.approx(0.5)
    tab.corruptionLevel.setValue(0.3)
    tab.corruptionCombo.setCurrentIndex(tab.corruptionCombo.findData("blur"))
    tab.corruptionCombo.setCurrentIndex(tab.corruptionCombo.findData("gaussian"))
    assert tab.corruptionLevel.value() == pytest.approx(0.3)  # your level is kept


def test_first_launch_shows_the_bundled_demo_model_labelled(qtbot, tiny_npz):
    win = build_main_window()
    qtbot.addWidget(win)
    win.confirm_close = lambda: True
    win.show()
    win.tabs.setCurrentWidget(win.reconstruct_tab)
    tab = win.reconstruct_tab
    with qtbot.waitSignal(tab.pageShown, timeout=30_000):
        win.data_tab.load_spec(tiny_npz)
    assert win.state.is_demo and tab.originalView.image_count() > 0
    text = tab.sourceLabel.text()
    assert text.startswith("Bundled demo model") and "train your own in the Train tab" in text
    win.state.set_experiment(Experiment(win.state.experiment.config, win.state.experiment.model), "mine.pt")
    assert not tab.sourceLabel.text().startswith("Bundled") and "mine.pt" in tab.sourceLabel.text()
    win.close()


def test_a_class_without_validation_images_says_so_instead_of_nan(qtbot, tiny_mnist, denoiser):
    """The monkey found "Mean of empty slice": a class the validation images lack gave an
    empty page whose means were NaN."""
    import torch

    keep = torch.nonzero(tiny_mnist.labels != 7).flatten()
    no_sevens = tiny_mnist.subset(keep, name="no-sevens")  # still names all ten classes
    state = AppState()
    state.set_config(denoiser[0])
    state.set_dataset(no_sevens)
    tab = ReconstructTab(state)
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show()
    _load_model(qtbot, tab, denoiser)
    with qtbot.waitSignal(tab.pageShown, timeout=WAIT):
        tab.classCombo.setCurrentIndex(tab.classCombo.findData(7))
    qtbot.waitUntil(lambda: "has none" in tab.summaryLabel.text(), timeout=WAIT)
    assert "nan" not in tab.summaryLabel.text() and tab.originalView.image_count() == 0
    assert tab.shutdown(3.0)
