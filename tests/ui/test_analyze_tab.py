"""The Analyze tab on real (tiny) models: anomaly scores that rank outliers first, a
linear probe, the PCA comparison, and the same numbers as `aegui analyze`."""

from __future__ import annotations

import contextlib
import io
import json

import numpy as np
import pytest
import torch

from aegui import cli
from aegui.core.checkpoint import Experiment, save_experiment
from aegui.core.config import ExperimentConfig
from aegui.core.data import ImageDataset
from aegui.core.runs import split_for_config
from aegui.core.training import Trainer
from aegui.ui.analyze.analyze_tab import AnalyzeTab
from aegui.ui.app_state import AppState

TIMEOUT = 60_000


def _experiment(data: ImageDataset, **changes) -> Experiment:
    settings = dict(dataset="tiny", model="conv-ae", latent_dim=8, hidden=8, epochs=4, batch_size=16, lr=3e-3,
                    loss="mse", device="cpu", val_fraction=0.25)
    config = ExperimentConfig(**{**settings, **changes})
    trainer = Trainer(config, split_for_config(data, config))
    list(trainer.fit())
    return Experiment(config, trainer.snapshot(), list(trainer.history), trainer.epochs_done,
                      class_names=data.class_names)


@pytest.fixture(scope="module")
def digits_ae(tiny_mnist) -> Experiment:
    return _experiment(tiny_mnist)


@pytest.fixture
def make_tab(qtbot, tiny_mnist):
    made = []

    def make(experiment: Experiment, data: ImageDataset = tiny_mnist) -> AnalyzeTab:
        state = AppState()
        state.set_config(experiment.config)
        state.set_dataset(data)
        tab = AnalyzeTab(state)
        qtbot.addWidget(tab)
        tab.resize(1280, 760)
        made.append(tab)
        state.set_experiment(experiment, "a test model")
        return tab

    yield make
    for tab in made:
        assert tab.shutdown(5.0)


def _show(qtbot, tab: AnalyzeTab, panel) -> None:
    tab.panels.setCurrentWidget(panel)
    with qtbot.waitSignal(panel.resultShown, timeout=TIMEOUT):
        tab.show()


def _noise(n: int = 64) -> ImageDataset:
    images = torch.randint(0, 256, (n, 1, 28, 28), generator=torch.Generator().manual_seed(3), dtype=torch.uint8)
    return ImageDataset(images=images, labels=None, class_names=(), name="noise")


def test_outliers_score_higher_and_the_gallery_is_sorted(qtbot, make_tab, digits_ae, tmp_path):
    tab = make_tab(digits_ae)
    panel = tab.anomaly
    _show(qtbot, tab, panel)
    result = panel.result
    assert len(result.scores) == 64 and result.curves is None  # no anomalies to separate yet
    top = result.scores[result.top]
    assert np.all(np.diff(top) <= 0) and top[0] == result.scores.max()
    assert panel.topOriginal.image_count() == 16 and panel.topError.image_count() == 16
    # A small window shows fewer, readable tiles, and says so; the three rows line up.
    tab.resize(1010, 600)
    qtbot.waitUntil(lambda: panel.topOriginal.image_count() < 16, timeout=5000)
    grids = (panel.topOriginal, panel.topRecon, panel.topError)
    assert {g.tile_cap for g in grids} == {panel.gallery.plan().tile}
    assert panel.gallery.plan().tile >= 48 and "fit" in panel.galleryBox.title()
    assert len({g.image_count() for g in grids}) == 1
    tab.resize(1280, 760)
    # Moving the threshold changes how many images are flagged.
    panel.threshold_line.setValue(float(np.median(result.scores)))
    assert panel.flaggedLabel.text().startswith("32 of 64")
    assert panel.percentileSpin.value() == 50.0  # "Flag above" follows the dragged line
    panel.threshold_line.setValue(float(np.sort(result.scores)[15]))
    assert panel.percentileSpin.value() == 25.0 and panel.flaggedLabel.text().startswith("48 of 64")
    panel.percentileSpin.setValue(90.0)  # and the line follows the spin box, which keeps its value
    assert panel.percentileSpin.value() == 90.0 and panel.flaggedLabel.text().startswith("7 of 64")
    # A second dataset of noise: every noise image is stranger than the digits.
    np.savez(tmp_path / "noise.npz", images=_noise().images[:, 0].numpy())
    panel.againstEdit.setText(f"npz:{tmp_path / 'noise.npz'}")
    with qtbot.waitSignal(panel.resultShown, timeout=TIMEOUT):
        panel.load_against()
    curves = panel.result.curves
    assert curves is not None and curves.auroc > 0.9
    assert "AUROC" in panel.summaryLabel.text() and panel.roc.isVisibleTo(tab)
    lines = panel.export_scores(str(tmp_path / "scores.csv")).read_text().splitlines()
    assert lines[0] == "row,label,score,flagged" and len(lines) == 65
    assert panel.export_curves(str(tmp_path / "curves.csv")).read_text().startswith("curve,x,y")
    zoom = panel.open_zoom(0)
    y, x = np.unravel_index(np.argmax(panel.result.top_error[0]), panel.result.top_error[0].shape)
    assert f"error {panel.result.top_error[0][y, x]:.3f}" in zoom.pixel_text(int(x), int(y))
    zoom.close()


def test_held_out_classes_get_a_per_class_auroc(qtbot, make_tab, tiny_mnist):
    experiment = _experiment(tiny_mnist, classes=(1,), epochs=30)  # 25 ones: a few steps an epoch
    tab = make_tab(experiment)
    _show(qtbot, tab, tab.anomaly)
    per_class = tab.anomaly.result.per_class
    assert sorted(per_class) == [0, 2, 3, 4, 5, 6, 7, 8, 9]
    assert tab.anomaly.classTable.rowCount() == 10  # nine classes and the mean
    assert np.mean(list(per_class.values())) > 0.9  # a model of ones finds every other digit strange


def test_the_probe_compares_codes_pca_and_pixels(qtbot, make_tab, digits_ae):
    tab = make_tab(digits_ae)
    _show(qtbot, tab, tab.probe)
    result = tab.probe.result
    assert set(result.accuracy) == {"autoencoder", "pca", "pixels"}
    assert all(0.2 < acc <= 1.0 for acc in result.accuracy.values())  # far above chance (0.1)
    assert tab.probe.table.rowCount() == 3 and "nearest-neighbour" in tab.probe.knnLabel.text()
    assert result.confusion.shape == (10, 10) and result.confusion.sum() == 64
    # The confusion matrix: shares of each true class, class names on both axes, a colour scale,
    # a view fixed to the matrix (it ran -20...30 before), and words for what a probe is.
    plot = tab.probe.confusion
    assert np.allclose(plot.matrix.sum(axis=1)[result.confusion.sum(axis=1) > 0], 1.0)
    names = tab.probe.state.dataset.class_names
    for axis in ("left", "bottom"):
        ticks = plot.plot.getAxis(axis)._tickLevels[0]
        assert [label for _, label in ticks] == list(names)
    (x0, x1), (y0, y1) = plot.plot.getPlotItem().vb.viewRange()
    assert -0.5 < x0 <= 0 and 10 <= x1 < 10.5 and -0.5 < y0 <= 0 and 10 <= y1 < 10.5
    assert plot.colorbar.values == (0, 1)
    assert "linear probe" in tab.probe.explanation.text() and "Labels per class" in tab.probe.explanation.text()
    assert tab.probe.curve_plot.getPlotItem().legend is None  # the key sits above, covering no curve


def test_the_probe_says_when_there_are_no_labels(qtbot, make_tab, digits_ae):
    unlabelled = _noise(256)
    experiment = Experiment(digits_ae.config, digits_ae.model)
    tab = make_tab(experiment, unlabelled)
    errors: list[str] = []
    tab.state.errorRaised.connect(lambda title, message: errors.append(message))
    tab.panels.setCurrentWidget(tab.probe)
    tab.show()  # it runs by itself and says why in place, without a banner
    qtbot.waitUntil(lambda: "label" in tab.probe.status.text(), timeout=TIMEOUT)
    assert tab.probe.runButton.isEnabled() and not errors
    tab.probe.run()  # asked for, it also says so in the banner, once, in one sentence
    qtbot.waitUntil(lambda: bool(errors), timeout=TIMEOUT)
    assert len(errors) == 1 and "label" in errors[0] and "\n" not in errors[0]


def test_pca_comparison_and_the_cli_give_the_same_numbers(qtbot, make_tab, digits_ae, tmp_path, tiny_npz,
                                                          tiny_mnist):
    # The CLI reads the experiment from a file, with data it can load: a tiny npz.
    config = digits_ae.config.with_changes(dataset=tiny_npz)
    experiment = Experiment(config, digits_ae.model, digits_ae.history, digits_ae.epochs_done)
    path = save_experiment(experiment, tmp_path / "run")
    tab = make_tab(experiment)
    _show(qtbot, tab, tab.pca)
    result = tab.pca.result
    assert np.all(np.diff(result.pca_mse) <= 1e-9)
    assert "code reconstructs" in tab.pca.equivalentLabel.text()
    assert tab.pca.examples.image_count() == 24
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["analyze", "pca", "--checkpoint", str(path), "--json"]) == 0
    numbers = json.loads(out.getvalue())
    assert numbers["autoencoder"]["mse"] == pytest.approx(result.ae_mse, rel=1e-5)
    assert numbers["pca_same_size"]["mse"] == pytest.approx(result.pca_same_mse, rel=1e-5)
    assert numbers["equivalent_components"] == result.equivalent_components
    assert np.allclose(numbers["pca_mse"], result.pca_mse, rtol=1e-5)
    assert numbers["sentence"] == tab.pca.equivalentLabel.text()


def test_cancel_stops_the_work_and_leaves_no_thread(qtbot, make_tab, digits_ae):
    tab = make_tab(digits_ae)
    tab.panels.setCurrentWidget(tab.probe)
    tab.show()  # the probe starts by itself once shown
    qtbot.waitUntil(tab.probe.cancelButton.isEnabled, timeout=5000)
    tab.probe.cancel()
    assert tab.probe.status.text() == "Cancelled." and tab.probe.runButton.isEnabled()
    qtbot.waitUntil(lambda: not tab.runner.thread_alive(), timeout=TIMEOUT)


def _cli_json(*args: str) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["analyze", *args, "--json"]) == 0
    return json.loads(out.getvalue())


def test_anomaly_scores_and_the_cli_give_the_same_numbers(qtbot, make_tab, tiny_mnist, tmp_path, tiny_npz):
    trained = _experiment(tiny_mnist, classes=(1,), epochs=10)
    experiment = Experiment(trained.config.with_changes(dataset=tiny_npz), trained.model, trained.history,
                            trained.epochs_done)
    path = save_experiment(experiment, tmp_path / "run")
    tab = make_tab(experiment)
    _show(qtbot, tab, tab.anomaly)
    result = tab.anomaly.result
    numbers = _cli_json("anomaly", "--checkpoint", str(path))
    assert numbers["count"] == len(result.scores)
    assert numbers["mean"] == pytest.approx(float(np.mean(result.scores)), rel=1e-6)
    assert numbers["threshold"] == pytest.approx(tab.anomaly.threshold(), rel=1e-6)  # both at the 95th percentile
    top = [t["score"] for t in numbers["top"]]  # the same strangest images, in the same order
    assert top == pytest.approx(result.scores[result.top[:len(top)]].tolist(), rel=1e-6)
    held_out = numbers["held_out"]
    assert held_out["auroc"] == pytest.approx(result.curves.auroc, rel=1e-9)
    assert {int(c): v for c, v in held_out["per_class_auroc"].items()} == pytest.approx(result.per_class)


def test_the_probe_and_the_cli_give_the_same_numbers(qtbot, make_tab, digits_ae, tmp_path, tiny_npz):
    experiment = Experiment(digits_ae.config.with_changes(dataset=tiny_npz), digits_ae.model, digits_ae.history,
                            digits_ae.epochs_done)
    path = save_experiment(experiment, tmp_path / "run")
    tab = make_tab(experiment)
    _show(qtbot, tab, tab.probe)
    numbers = _cli_json("probe", "--checkpoint", str(path))
    assert numbers["accuracy"] == pytest.approx(tab.probe.result.accuracy)
    assert numbers["knn_accuracy"] == pytest.approx(tab.probe.result.knn_accuracy)
    for features, curve in tab.probe.result.curve.items():
        assert numbers["curve"][features] == pytest.approx(curve)
