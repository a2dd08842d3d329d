"""The Train tab and its widgets, driven with real reports (no training run needed)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyle

from aegui.core.checkpoint import Experiment
from aegui.core.config import ExperimentConfig
from aegui.core.models import ModelSpec, build_model
from aegui.core.reports import EpochReport, SamplePreview, StepReport
from aegui.ui.app_state import AppState
from aegui.ui.train_tab import TrainTab
from aegui.ui.widgets.fit_hint import reconstructions_alike
from aegui.ui.widgets.loss_plot import LossPlot
from aegui.ui.widgets.run_progress import describe_outcome

STEPS = 10


def _step(epoch: int, step: int, epochs: int = 10, loss: float = 1.0) -> StepReport:
    return StepReport(epoch, epochs, step, STEPS, epoch * STEPS + step, loss, loss, 0.0, 500.0, 22.0)


def _epoch(epoch: int, epochs: int = 10, val: float = 1.0, preview=None) -> EpochReport:
    return EpochReport(epoch=epoch, epochs=epochs, global_step=epoch * STEPS, train_loss=val + 0.5,
                       train_recon=val, train_kl=0.25, val_loss=val, val_recon=val - 0.2, val_kl=0.2,
                       val_mse=0.01, val_psnr=20.0, kl_weight=1.0, images_per_s=1234.0,
                       epoch_seconds=1.0, eta_s=5.0, preview=preview)


def _run_epochs(state: AppState, first: int, last: int, epochs: int) -> None:
    """What a run sends for epochs ``first``..``last`` (1-based): its batches, then the epoch."""
    for e in range(first, last + 1):
        state.add_steps([_step(e - 1, s, epochs) for s in range(1, STEPS + 1)])
        state.add_epoch(_epoch(e, epochs, val=1.0 / e))


@pytest.fixture
def tab(qtbot):
    state = AppState()
    widget = TrainTab(state)
    qtbot.addWidget(widget)
    widget.resize(1200, 750)
    widget.show()
    return widget


@pytest.fixture
def plot(qtbot):
    widget = LossPlot()
    qtbot.addWidget(widget)
    widget.resize(700, 400)
    widget.show()
    return widget


def _drawn_labels(axis) -> list[tuple[str, float, float]]:
    """The tick texts the axis really paints, with their extent along the axis."""
    image = QImage(800, 600, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _, _, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    vertical = axis.orientation in ("left", "right")
    return [(text, rect.top() if vertical else rect.left(), rect.bottom() if vertical else rect.right())
            for rect, _, text in texts]


def _assert_apart(labels) -> None:
    spans = sorted((start, end) for _, start, end in labels)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:])), labels


# -- the loss plot ----------------------------------------------------------------------------
def test_the_epoch_axis_stays_in_epochs_during_the_first_epoch(qtbot, plot):
    plot.add_steps([_step(0, s) for s in range(1, 4)])  # epoch 0.1 to 0.3
    plot.plot.getPlotItem().getViewBox().autoRange()
    axis = plot.plot.getAxis("bottom")
    assert "x0.001" not in axis.labelString() and axis.autoSIPrefixScale == 1.0
    labels = _drawn_labels(axis)
    assert labels and all(0.0 <= float(text) <= 0.35 for text, _, _ in labels)


def test_ticks_fall_on_whole_epochs_once_several_are_shown(plot):
    axis = plot.plot.getAxis("bottom")
    for span in (3, 7, 40):
        levels = axis.tickValues(0, span, 800)
        values = [v for _, level in levels for v in level]
        assert values and all(float(v).is_integer() for v in values), (span, levels)
    # Zoomed into one epoch, the ticks may fall between whole epochs.
    assert any(not float(v).is_integer() for _, level in axis.tickValues(2, 3, 800) for v in level)


@pytest.mark.parametrize("values, expected", [
    (np.geomspace(100, 0.01, 30), {"0.01", "0.1", "1", "10", "100"}),  # four decades
    (np.linspace(120, 60, 30), {"60", "80", "100", "120"}),  # less than one decade
    (np.linspace(200, 15, 30), {"20", "50", "100", "200"}),  # about one decade
])
def test_log_scale_labels_are_few_readable_and_apart(qtbot, plot, values, expected):
    plot.log_check.setChecked(True)
    plot.add_steps([_step(0, s, loss=v) for s, v in enumerate(values, start=1)])
    plot.plot.getPlotItem().getViewBox().autoRange()
    labels = _drawn_labels(plot.plot.getAxis("left"))
    assert {text for text, _, _ in labels} == expected
    _assert_apart(labels)


def test_a_log_axis_over_an_exploded_loss_paints_instead_of_raising(qtbot, plot):
    axis = plot.plot.getAxis("left")
    for low, high in ((0.0, 400.0), (-400.0, 2.0), (0.0, 1e9)):  # a view in linear units, read as log
        levels = axis.logTickValues(low, high, 400, None)
        labels = [axis.logTickStrings(values, 1.0, spacing) for spacing, values in levels]
        assert levels and any(text for level in labels for text in level), (low, high)
    plot.log_check.setChecked(True)
    plot.add_steps([_step(0, s, loss=v) for s, v in enumerate([0.5, 0.3, 4.0, 1e9, 1e300, float("inf")], 1)])
    plot.plot.getPlotItem().getViewBox().setYRange(0, 1e9, padding=0)  # as a linear view leaves it
    with qtbot.captureExceptions() as caught:
        plot.grab()
        plot.plot.getPlotItem().getViewBox().autoRange()
        plot.grab()
    errors = [str(e[1]) for e in caught]
    assert errors == []
    assert {text for text, _, _ in _drawn_labels(axis)}


def test_the_legend_sits_outside_the_plot(qtbot, plot):
    assert plot.plot.getPlotItem().legend is None  # nothing drawn over the curves
    legend = plot.legend
    assert legend.isVisible() and "validation&nbsp;loss" in legend.text()
    assert not plot.plot.isAncestorOf(legend)
    assert legend.mapTo(plot, legend.rect().bottomLeft()).y() <= plot.plot.geometry().top()
    # The VAE terms show only for VAEs.
    assert "KL" not in legend.text()
    plot.set_variational(True)
    assert "val&nbsp;KL" in legend.text()


def test_hovering_reads_out_the_nearest_losses(qtbot, plot):
    plot.add_steps([_step(e, s, loss=3.0 - e) for e in range(3) for s in range(1, STEPS + 1)])
    for e, val in ((1, 0.0413), (2, 0.0251), (3, 0.0199)):
        plot.add_epoch(_epoch(e, val=val))
    view = plot.plot.getPlotItem().getViewBox()
    view.setRange(xRange=(0, 3), yRange=(0, 3), padding=0)
    at = plot.plot.mapFromScene(view.mapViewToScene(QPointF(2.1, 1.0)))
    QTest.mouseMove(plot.plot.viewport(), at)
    text = plot.readout.text()
    assert text.startswith("epoch 2.1")
    assert "after epoch 2: train 0.5251, val 0.0251" in text
    assert "batch loss 1" in text  # the batches of the third epoch (index 2) lost 1.0


def test_the_latest_validation_loss_is_shown_beside_the_plot(plot):
    assert plot.finalLabel.text() == ""
    plot.add_epoch(_epoch(1, val=0.0413))
    plot.add_epoch(_epoch(2, val=0.0251))
    assert "0.0251" in plot.finalLabel.text() and "(epoch 2)" in plot.finalLabel.text()
    plot.clear()
    assert plot.finalLabel.text() == ""


def test_curves_added_before_the_plot_is_shown_are_drawn_when_it_is(qtbot):
    hidden = LossPlot()  # the Train tab's plot while another tab is on screen
    qtbot.addWidget(hidden)
    hidden.set_variational(True)
    hidden.log_check.setChecked(True)
    hidden.add_steps([_step(0, s) for s in range(1, 6)])
    hidden.add_epoch(_epoch(1, val=0.5))
    assert hidden._canvas is None  # no pyqtgraph canvas until it is needed
    hidden.resize(600, 400)
    hidden.show()
    assert hidden._canvas is not None and hidden.plot.isVisible()
    drawn = {name: curve.yData for name, curve in hidden.curves.items()}  # before the log transform
    assert len(drawn["train_step"]) == 5 and list(drawn["val"]) == [0.5]
    assert hidden.curves["val_kl"].isVisible()
    assert hidden.plot.getPlotItem().ctrl.logYCheck.isChecked()


# -- run status -------------------------------------------------------------------------------
def test_a_stopped_run_says_where_it_stopped_without_an_eta(tab):
    state = tab.state
    state.set_run_state("training")
    _run_epochs(state, 1, 3, epochs=10)
    state.add_steps([_step(3, s) for s in range(1, 5)])  # part of epoch 4
    assert "ETA" in tab.speedLabel.text() and "batch 4/10" in tab.trainProgress.format()
    state.set_run_state("stopping")
    state.set_run_state("idle")
    assert tab.trainProgress.format() == "Stopped after epoch 3 of 10"
    assert tab.trainProgress.value() == 300
    assert "ETA" not in tab.speedLabel.text()


def test_a_finished_run_says_so_with_plurals(tab):
    state = tab.state
    state.set_run_state("training")
    _run_epochs(state, 1, 1, epochs=1)
    state.set_run_state("idle")
    assert tab.trainProgress.format() == "Finished 1 epoch" and tab.trainProgress.value() == 1000
    assert "ETA" not in tab.speedLabel.text()


def test_a_failed_run_says_it_failed(tab):
    state = tab.state
    state.set_run_state("training")
    _run_epochs(state, 1, 1, epochs=3)
    state.add_steps([_step(1, 2, epochs=3)])
    state.set_run_state("idle")  # no stop was asked for: an error ended it
    assert tab.trainProgress.format() == "Failed during epoch 2 of 3 · epoch 1 is kept"


@pytest.mark.parametrize("stopped, text", [(True, "Stopped before the first batch"),
                                            (False, "Failed before the first batch")])
def test_a_run_that_ends_before_its_first_batch_says_so(tab, stopped, text):
    tab.state.set_run_state("training")
    assert tab.trainProgress.format() == "Starting…"
    if stopped:
        tab.state.set_run_state("stopping")
    tab.state.set_run_state("idle")
    assert tab.trainProgress.format() == text and tab.speedLabel.text() == ""


def test_outcomes_use_plurals():
    assert describe_outcome(0, 10, 10, stopped=False) == "Finished 10 epochs"
    assert describe_outcome(3, 4, 4, stopped=False) == "Finished 1 more epoch · 4 in all"
    assert describe_outcome(0, 0, 5, stopped=True) == "Stopped during epoch 1 of 5 · no epoch completed"
    assert describe_outcome(3, 3, 8, stopped=True) == "Stopped during epoch 4 of 8 · the model stays at epoch 3"
    assert describe_outcome(0, 0, 2, stopped=False) == "Failed during epoch 1 of 2"
    assert describe_outcome(2, 7, 7, stopped=False) == "Finished 5 more epochs · 7 in all"
    assert describe_outcome(0, 10000, 10000, stopped=False) == "Finished 10,000 epochs"


def _icon_image(icon):
    return icon.pixmap(16, 16).toImage()


def test_the_pause_button_shows_play_and_resume_when_paused(tab):
    style = tab.style()
    play = _icon_image(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
    pause = _icon_image(style.standardIcon(QStyle.StandardPixmap.SP_MediaPause))
    assert play != pause
    tab.state.set_run_state("training")
    assert tab.pauseButton.text() == "Pause" and _icon_image(tab.pauseButton.icon()) == pause
    tab.state.set_run_state("paused")
    assert tab.pauseButton.text() == "Resume" and _icon_image(tab.pauseButton.icon()) == play
    tab.state.set_run_state("training")
    assert _icon_image(tab.pauseButton.icon()) == pause


# -- continuing means more epochs -------------------------------------------------------------
def _experiment(epochs_done: int = 3) -> Experiment:
    config = ExperimentConfig(model="conv-ae", latent_dim=4, hidden=8)
    model = build_model(ModelSpec("conv-ae", 1, 28, 28, latent_dim=4, hidden=8)).eval()
    return Experiment(config, model, epochs_done=epochs_done)


def test_the_start_button_says_how_many_epochs_it_trains(tab):
    tab.epochsSpin.setValue(5)
    assert tab.startButton.text() == "Train 5 epochs"
    tab.epochsSpin.setValue(1)
    assert tab.startButton.text() == "Train 1 epoch"
    tab.state.set_experiment(_experiment(), "a model")
    assert tab.startButton.text() == "Train from scratch (1 epoch)"
    tab.continueCheck.setChecked(True)
    assert tab.startButton.text() == "Train 1 more epoch" and tab.epochsLabel.text() == "More epochs"
    tab.epochsSpin.setValue(5)
    assert tab.startButton.text() == "Train 5 more epochs"
    assert "model's 3" in tab.epochsSpin.toolTip()
    with_args = []
    tab.startRequested.connect(with_args.append)
    QTest.mouseClick(tab.startButton, Qt.MouseButton.LeftButton)
    assert with_args == [True]


def test_history_cut_back_to_completed_epochs_redraws_the_curves(tab):
    state = tab.state
    _run_epochs(state, 1, 2, epochs=10)
    state.add_steps([_step(2, s) for s in range(1, 6)])  # stopped half-way through epoch 3
    assert tab.lossPlot.point_count("train_step") == 25
    state.reset_history(keep_epochs=2)
    assert [r.epoch for r in state.step_reports] == [0] * STEPS + [1] * STEPS
    assert len(state.epoch_reports) == 2
    assert tab.lossPlot.point_count("train_step") == 20 and tab.lossPlot.point_count("val") == 2
    state.add_steps([_step(2, s) for s in range(1, 3)])  # the continued run replays epoch 3
    xs = tab.lossPlot.series["train_step"].x
    assert np.all(np.diff(xs) > 0)


def test_the_corruption_level_survives_start_up_and_runs(qtbot):
    state = AppState()
    state.set_config(state.config.with_changes(task="denoise", noise=0.3))
    tab = TrainTab(state)
    qtbot.addWidget(tab)
    assert tab.levelSpin.value() == pytest.approx(0.3) and state.config.noise == pytest.approx(0.3)
    state.set_run_state("training")
    state.set_run_state("idle")
    assert tab.levelSpin.value() == pytest.approx(0.3) and state.config.noise == pytest.approx(0.3)
    tab.taskCombo.setCurrentIndex(tab.taskCombo.findData("deblur"))  # another task: its default
    assert tab.levelSpin.value() == pytest.approx(1.5) and state.config.noise == pytest.approx(1.5)


# -- tooltips ---------------------------------------------------------------------------------
def test_every_setting_explains_itself_with_a_range(tab):
    settings = [tab.modelCombo, tab.taskCombo, tab.levelSpin, tab.latentDimSpin, tab.hiddenSpin,
                tab.depthSpin, tab.epochsSpin, tab.batchSpin, tab.lrSpin, tab.optimizerCombo,
                tab.lossCombo, tab.betaSpin, tab.klWarmupSpin, tab.seedSpin, tab.deviceCombo,
                tab.ampCheck, tab.compileCheck]
    for widget in settings:
        tip = widget.toolTip()
        assert tip and any(c.isdigit() for c in tip), widget.objectName()
    expected = {"denoise": ("σ", "0.01–1"), "inpaint": ("fraction", "0.01–0.9"),
                "deblur": ("pixels", "0.01–5"), "superres": ("factor", "1–8")}
    for task, words in expected.items():
        tab.taskCombo.setCurrentIndex(tab.taskCombo.findData(task))
        assert all(w in tab.levelSpin.toolTip() for w in words), (task, tab.levelSpin.toolTip())


def test_new_settings_reach_the_config(tab):
    tab.optimizerCombo.setCurrentIndex(tab.optimizerCombo.findData("sgd"))
    tab.klWarmupSpin.setValue(4)
    config = tab.state.config
    assert config.optimizer == "sgd" and config.kl_warmup_epochs == 4
    tab.apply_config(config.with_changes(optimizer="adam", kl_warmup_epochs=0, amp=True))
    assert tab.optimizerCombo.currentData() == "adam" and tab.klWarmupSpin.value() == 0
    assert tab.ampCheck.isChecked()
    tab.compileCheck.setChecked(True)
    assert tab.state.config.compile and tab.state.config.amp
    tab.apply_config(tab.state.config.with_changes(compile=False))
    assert not tab.compileCheck.isChecked()


def test_the_depth_is_automatic_and_the_layout_a_choice(tab):
    assert tab.depthSpin.value() == 0 and tab.depthSpin.text() == "Auto"
    assert tab.state.config.depth is None
    assert tab.layoutCombo.currentData() == "residual/group"
    tab.depthSpin.setValue(3)
    tab.layoutCombo.setCurrentIndex(tab.layoutCombo.findData("plain/batch"))
    config = tab.state.config
    assert (config.depth, config.block, config.norm) == (3, "plain", "batch")
    tab.depthSpin.setValue(0)
    assert tab.state.config.depth is None
    # Stage widths from a file stay while they fit the depth, and go when it changes.
    tab.state.set_config(config.with_changes(depth=None, widths=(8, 16, 32)))  # an opened file
    assert tab.state.config.widths == (8, 16, 32)
    tab.depthSpin.setValue(2)
    assert tab.state.config.widths is None and tab.state.config.depth == 2
    # Dense models have no layout to choose.
    tab.modelCombo.setCurrentIndex(tab.modelCombo.findData("dense-ae"))
    assert not tab.layoutCombo.isEnabled()
    tab.modelCombo.setCurrentIndex(tab.modelCombo.findData("conv-ae"))
    assert tab.layoutCombo.isEnabled()
    assert "GroupNorm" in tab.layoutCombo.toolTip()


# -- the under-fitting hint -------------------------------------------------------------------
def _digits(n: int = 8) -> np.ndarray:
    rng = np.random.default_rng(0)
    return (rng.random((n, 1, 12, 12)) * 255).astype(np.uint8)


def test_alike_reconstructions_are_told_apart_from_good_ones():
    original = _digits()
    same = np.repeat(original.mean(axis=0, keepdims=True).astype(np.uint8), 8, axis=0)
    assert reconstructions_alike(original, same)
    assert not reconstructions_alike(original, original)
    assert not reconstructions_alike(original[:1], same[:1])  # one image shows no spread


def test_the_preview_hints_at_under_fitting(tab):
    original = _digits()
    mean = np.repeat(original.mean(axis=0, keepdims=True).astype(np.uint8), 8, axis=0)
    state = tab.state
    tab.modelCombo.setCurrentIndex(tab.modelCombo.findData("conv-vae"))
    state.add_epoch(_epoch(1, preview=SamplePreview(original, original, mean)))
    assert tab.fitHint.isVisibleTo(tab)
    assert "under-fitting" in tab.fitHint.text() and "lower β" in tab.fitHint.text()
    noisy = np.clip(original.astype(int) + 10, 0, 255).astype(np.uint8)  # close to the originals
    state.add_epoch(_epoch(2, preview=SamplePreview(original, original, noisy)))
    assert not tab.fitHint.isVisibleTo(tab)


def test_the_hint_leaves_out_beta_for_plain_autoencoders(tab):
    original = _digits()
    mean = np.repeat(original[:1], 8, axis=0)
    tab.modelCombo.setCurrentIndex(tab.modelCombo.findData("conv-ae"))
    tab.state.add_epoch(_epoch(1, preview=SamplePreview(original, original, mean)))
    assert tab.fitHint.isVisibleTo(tab) and "β" not in tab.fitHint.text()
    tab.state.reset_history()
    assert not tab.fitHint.isVisibleTo(tab)



def test_pointing_at_a_settings_label_explains_it(qtbot, tab):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QLabel, QToolTip

    labels = [w for w in tab.findChildren(QLabel) if w.buddy() is not None]
    names = {label.text() for label in labels}
    assert {"Latent dimensions", "Learning rate", "Batch size"} <= names, names
    beta = next(label for label in labels if label.text().startswith("β"))
    event = QHelpEvent(QHelpEvent.Type.ToolTip, QPoint(2, 2), beta.mapToGlobal(QPoint(2, 2)))
    QApplication.sendEvent(beta, event)
    assert QToolTip.text() == tab.betaSpin.toolTip() and "Range" in QToolTip.text()


def test_the_latent_and_width_limits_are_the_configs(qtbot):
    """The tooltip said "Range 1–512" while the CLI accepted 1024: one limit for both."""
    from aegui.core.config import MAX_LATENT, MAX_WIDTH
    from aegui.ui.app_state import AppState
    from aegui.ui.train_tab import TrainTab

    tab = TrainTab(AppState())
    qtbot.addWidget(tab)
    assert tab.latentDimSpin.maximum() == MAX_LATENT and f"Range 1–{MAX_LATENT}." in tab.latentDimSpin.toolTip()
    assert tab.hiddenSpin.maximum() == MAX_WIDTH and f"–{MAX_WIDTH};" in tab.hiddenSpin.toolTip()
    tab.latentDimSpin.setValue(MAX_LATENT)
    tab.state.config.with_changes(latent_dim=tab.latentDimSpin.value()).validate()
