"""The Latent tab, driven with the mouse where a user would use it (offscreen)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
import torch
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox

from aegui.core.checkpoint import Experiment, load_experiment
from aegui.core.config import ExperimentConfig
from aegui.core.data import split_dataset
from aegui.core.training import Trainer
from aegui.ui.app_state import AppState
from aegui.ui.latent.latent_tab import LatentTab
from aegui.ui.main_window import DEMO_MODEL_PATH

TIMEOUT = 30_000


def _train(data, epochs: int, **changes):
    config = ExperimentConfig(hidden=8, epochs=epochs, batch_size=32, lr=3e-3, device="cpu", **changes)
    trainer = Trainer(config, split_dataset(data, 0.1, seed=0), track_latent=64)
    reports = [r for r in trainer.fit() if hasattr(r, "val_loss")]
    return trainer.snapshot(), reports


@pytest.fixture(scope="module")
def vae_run(tiny_mnist):
    return _train(tiny_mnist, 3, model="conv-vae", latent_dim=2)


@pytest.fixture(scope="module")
def vae(vae_run):
    return vae_run[0]


@pytest.fixture
def tab(qtbot, tiny_mnist):
    state = AppState()
    state.set_dataset(tiny_mnist, "tiny")
    widget = LatentTab(state)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    yield widget
    widget.shutdown(5.0)


def _use(qtbot, tab, model, source="a test model"):
    config = ExperimentConfig(model=model.spec.kind, latent_dim=model.latent_dim)
    with qtbot.waitSignal(tab.embeddingReady, timeout=TIMEOUT):
        tab.state.set_experiment(Experiment(config, model), source)
    # A new range re-lays out the axes (tick labels of another width move the plot area) when
    # next painted: paint now, so pixels computed from here on are where the points are.
    tab.scatter.plot.grab()
    qtbot.wait(20)


def _pixel(tab, x: float, y: float) -> QPoint:
    return tab.scatter.view_to_widget(x, y).toPoint()


def _empty_spots(tab, count: int) -> list[tuple[float, float]]:
    """Plane locations inside the view with no point under the cursor."""
    (x0, x1), (y0, y1) = tab.scatter.plot.plotItem.vb.viewRange()
    spots = []
    for fx in np.linspace(0.08, 0.92, 9):
        for fy in np.linspace(0.08, 0.92, 9):
            x, y = x0 + fx * (x1 - x0), y0 + fy * (y1 - y0)
            if tab.scatter.nearest(x, y) < 0:
                spots.append((x, y))
    return spots[:: max(1, len(spots) // count)][:count]


def test_scatter_has_one_point_per_encoded_sample(qtbot, tab, vae, tiny_mnist):
    _use(qtbot, tab, vae)
    items = [i for i in tab.scatter.plot.plotItem.items if isinstance(i, pg.ScatterPlotItem)]
    assert len(items) == 1 and tab.scatter.point_count() == len(tiny_mnist)
    assert tab.findChild(pg.PlotWidget, "latentPlot") is tab.scatter.plot
    assert len(tab.scatter.legend.items) == 10
    tab.sampleSpin.setValue(100)
    with qtbot.waitSignal(tab.embeddingReady, timeout=TIMEOUT):
        qtbot.mouseClick(tab.encodeButton, Qt.MouseButton.LeftButton)
    assert tab.scatter.point_count() == 100 and len(set(tab.embedding.rows)) == 100
    assert "100 images encoded" in tab.encodeStatus.text()


def test_hover_shows_the_thumbnail_of_the_point(qtbot, tab, vae):
    _use(qtbot, tab, vae)
    x, y = tab.embedding.projection.coords[5]
    index = tab.scatter.nearest(x, y)
    with qtbot.waitSignal(tab.scatter.hovered, timeout=5000) as blocker:
        qtbot.mouseMove(tab.scatter.plot.viewport(), _pixel(tab, x, y))
    assert blocker.args == [index] and tab.scatter.thumb.isVisible()
    assert tab.scatter.thumb.pixmap().width() == 84


def test_clicks_decode_points_and_locations(qtbot, tab, vae, tiny_mnist):
    _use(qtbot, tab, vae)
    viewport = tab.scatter.plot.viewport()
    decoded = []
    for x, y in _empty_spots(tab, 2):
        with qtbot.waitSignal(tab.decoded, timeout=5000, check_params_cb=lambda k: k == "location"):
            qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=_pixel(tab, x, y))
        decoded.append(tab.last_decoded.copy())
        assert tab.decodedView.image_count() == 1
    assert len(decoded) == 2 and not np.array_equal(decoded[0], decoded[1])
    # A clicked point: its own image beside its reconstruction.
    x, y = tab.embedding.projection.coords[3]
    index = tab.scatter.nearest(x, y)
    with qtbot.waitSignal(tab.decoded, timeout=5000, check_params_cb=lambda k: k == "point"):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=_pixel(tab, x, y))
    assert tab.last_point[0] == index and tab.pointView.image_count() == 2
    row = int(tab.embedding.rows[index])
    recon = tab.last_point[1].astype(float).ravel()
    images = tiny_mnist.images.numpy().reshape(len(tiny_mnist), -1).astype(float)
    # The reconstruction is a digit-like image (not blank) and one of the closest of all
    # 256 images to its own original.
    distance = np.abs(images - recon).mean(axis=1)
    assert recon.std() > 20
    assert (distance < distance[row]).mean() < 0.1, (distance < distance[row]).mean()
    assert np.allclose(tab.session.base, tab.embedding.codes[index])


def test_manifold_grid_has_n_by_n_distinct_neighbours(qtbot, tab, vae):
    _use(qtbot, tab, vae)
    tab.scatter.set_grid_range((-2.0, 2.0), (-2.0, 2.0))
    with qtbot.waitSignal(tab.decoded, timeout=TIMEOUT, check_params_cb=lambda k: k == "grid"):
        tab.manifold.sizeSpin.setValue(7)
    tiles = tab.manifold.tiles.astype(int)
    assert tiles.shape == (49, 1, 28, 28)
    grid = tiles.reshape(7, 7, -1)
    assert (np.abs(np.diff(grid, axis=1)).sum(-1) > 0).all()  # left-right neighbours
    assert (np.abs(np.diff(grid, axis=0)).sum(-1) > 0).all()  # up-down neighbours
    assert tab.findChild(type(tab.manifold.view), "manifoldView").image_count() == 1


def test_higher_dim_latents_use_pca_tsne_or_chosen_dims(qtbot, tab, tiny_mnist):
    model = _train(tiny_mnist, 1, model="conv-ae", latent_dim=5)[0]
    _use(qtbot, tab, model)
    emb = tab.embedding
    assert emb.codes.shape == (256, 5) and emb.projection.kind == "pca"
    with qtbot.waitSignal(tab.embeddingReady, timeout=TIMEOUT):
        tab.viewCombo.setCurrentIndex(tab.viewCombo.findData("dims"))
    with qtbot.waitSignal(tab.embeddingReady, timeout=TIMEOUT):
        tab.dimYSpin.setValue(4)
    assert np.allclose(tab.embedding.projection.coords, emb.codes[:, [0, 4]])
    with qtbot.waitSignal(tab.embeddingReady, timeout=TIMEOUT):
        tab.viewCombo.setCurrentIndex(tab.viewCombo.findData("tsne"))
    assert tab.embedding.projection.kind == "tsne" and tab.scatter.point_count() == 256


def test_demo_model_is_bundled_small_and_loads(qtbot, tab):
    assert DEMO_MODEL_PATH.exists() and DEMO_MODEL_PATH.stat().st_size < 2_000_000
    with qtbot.waitSignal(tab.embeddingReady, timeout=TIMEOUT):
        tab.state.set_experiment(load_experiment(DEMO_MODEL_PATH), "the bundled demo model", demo=True)
    assert tab.is_demo and "bundled demo model" in tab.modelSourceLabel.text()
    assert tab.model.variational and tab.model.latent_dim == 2


def test_slider_move_changes_the_decoded_image_and_marks_it(qtbot, tab, vae):
    _use(qtbot, tab, vae)
    tab.tools.setCurrentWidget(tab.sliders)
    panel = tab.sliders
    assert len(panel.sliders.sliders) == 2
    with qtbot.waitSignal(tab.decoded, timeout=5000, check_params_cb=lambda k: k == "sliders"):
        panel.set_base(None)
    before = panel.image.copy()
    slider = tab.findChild(type(panel.sliders.sliders[0]), "latentSlider0")
    with qtbot.waitSignal(tab.decoded, timeout=5000, check_params_cb=lambda k: k == "sliders"):
        slider.setValue(slider.value() + 250)  # z0 = 2.5
    assert not np.array_equal(before, panel.image)
    assert tab.scatter.marker_pos("sliders") == pytest.approx((2.5, 0.0), abs=1e-5)


def test_interpolation_strip_runs_from_a_to_b(qtbot, tab, vae):
    _use(qtbot, tab, vae)
    panel, codes = tab.interpolation, tab.embedding.codes
    panel.set_end(0, codes[0])
    panel.stepsSpin.setValue(6)
    with qtbot.waitSignal(tab.decoded, timeout=5000, check_params_cb=lambda k: k == "interpolation"):
        panel.set_end(1, codes[1])
    strip = panel.strip
    assert strip.shape == (6, 1, 28, 28) and panel.view.image_count() == 6
    from aegui.core.latent import decode
    # The ends are the two codes' images (to a rounding step: a batch of 6 and a batch of 1
    # may take different convolution kernels).
    for end, code in ((strip[0], codes[:1]), (strip[-1], codes[1:2])):
        assert np.abs(end.astype(int) - decode(vae, code)[0].astype(int)).max() <= 1
    with qtbot.waitSignal(tab.decoded, timeout=5000, check_params_cb=lambda k: k == "interpolation"):
        panel.methodCombo.setCurrentIndex(1)
    assert not np.array_equal(panel.strip[2:4], strip[2:4])  # slerp takes another path


def _pooled(images) -> np.ndarray:
    x = torch.as_tensor(np.asarray(images)).float().reshape(-1, 1, 28, 28) / 255
    return torch.nn.functional.avg_pool2d(x, 2).flatten(1).numpy()


def test_conditional_vae_generates_the_requested_class(qtbot, tab, mnist):
    from sklearn.linear_model import LogisticRegression

    rows = np.random.default_rng(0).permutation(len(mnist))[:2000]
    data = mnist.subset(rows)
    cvae = _train(data, 4, model="cvae", latent_dim=2)[0]
    # An independent judge: a small classifier trained on the real digits.
    judge = LogisticRegression(max_iter=200).fit(_pooled(data.images), data.labels.numpy())
    tab.state.set_dataset(data, "subset")
    _use(qtbot, tab, cvae)
    panel = tab.generation
    assert "N(0, I)" in panel.source.text() and tab.classCombo.count() == 10
    assert not panel.findChildren(QComboBox)  # one class picker for the tab, not two
    panel.countSpin.setValue(24)
    panel.temperatureSpin.setValue(0.7)
    for wanted in (3, 7):
        tab.classCombo.setCurrentIndex(wanted)
        assert f"class {wanted}" in panel.source.text()
        with qtbot.waitSignal(tab.decoded, timeout=5000, check_params_cb=lambda k: k == "generate"):
            qtbot.mouseClick(tab.findChild(type(panel.generateButton), "generateButton"), Qt.MouseButton.LeftButton)
        predicted = judge.predict(_pooled(panel.samples))
        assert panel.generated_class == wanted and (predicted == wanted).mean() >= 0.6, predicted


def test_plain_autoencoder_samples_from_a_fitted_gaussian(qtbot, tab, tiny_mnist):
    model = _train(tiny_mnist, 1, model="conv-ae", latent_dim=3)[0]
    _use(qtbot, tab, model)
    panel = tab.generation
    with qtbot.waitSignal(tab.decoded, timeout=5000, check_params_cb=lambda k: k == "generate"):
        panel.generate()
    assert "no prior" in panel.source.text() and "256 encoded" in panel.source.text()
    assert panel.samples.shape == (16, 1, 28, 28) and panel.view.image_count() == 16


def test_timeline_has_one_frame_per_epoch_and_plays(qtbot, tab, vae_run):
    panel = tab.timeline
    assert panel.frame_count() == 0 and not panel.slider.isEnabled()
    for report in vae_run[1]:
        tab.state.add_epoch(report)
    assert panel.frame_count() == 0 and panel.lazy.stale  # hidden: it waits to be seen
    tab.tools.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.frame_count() == 3, timeout=5000)
    assert panel.frame_count() == 3 and panel.slider.maximum() == 2
    assert len(panel.scatter.data) == len(vae_run[1][0].latent) and "Epoch 3 of 3" in panel.caption.text()
    panel.slider.setValue(0)
    assert np.allclose(panel.scatter.getData()[0], vae_run[1][0].latent[:, 0])
    for expected in (1, 2):
        with qtbot.waitSignal(panel.slider.valueChanged, timeout=5000) as blocker:
            if expected == 1:
                qtbot.mouseClick(panel.playButton, Qt.MouseButton.LeftButton)
        assert blocker.args == [expected]
    assert np.allclose(panel.scatter.getData()[0], vae_run[1][2].latent[:, 0])
    with qtbot.waitSignal(panel.playButton.toggled, timeout=5000):
        pass  # playback stops by itself at the last epoch
    assert not panel.playButton.isChecked()


def test_drawing_is_encoded_marked_and_reconstructed(qtbot, tab, vae):
    _use(qtbot, tab, vae)
    tab.tools.setCurrentWidget(tab.draw)
    canvas = tab.draw.canvas
    with qtbot.waitSignal(tab.decoded, timeout=5000, check_params_cb=lambda k: k == "draw"):
        qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(98, 30))
        for y in range(40, 180, 10):
            qtbot.mouseMove(canvas, QPoint(98, y))
        qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(98, 170))
    one = tab.draw.code.copy()
    drawn = canvas.to_array(1, 28, 28)
    assert drawn[0, 14, 14] > 100 and drawn[0, 14, 3] == 0  # a vertical stroke down the middle
    assert tab.draw.view.image_count() == 2
    assert tab.scatter.marker_pos("drawn") == pytest.approx(tuple(one), abs=1e-4)
    tab.draw.clear()
    with qtbot.waitSignal(tab.decoded, timeout=5000, check_params_cb=lambda k: k == "draw"):
        canvas.stroke([(40, 60), (150, 60), (60, 170)])  # a seven-like shape
    assert not np.allclose(tab.draw.code, one)


def test_exports_embeddings_scatter_and_grid(qtbot, tab, vae, tmp_path):
    _use(qtbot, tab, vae)
    with qtbot.waitSignal(tab.decoded, timeout=TIMEOUT, check_params_cb=lambda k: k == "grid"):
        tab.manifold.sizeSpin.setValue(5)
    csv = tab.export_embeddings(str(tmp_path / "z.csv"))
    lines = csv.read_text().splitlines()
    assert lines[0] == "label,class,view_x,view_y,z0,z1" and len(lines) == 257
    label = int(lines[1].split(",")[0])
    assert label == int(tab.embedding.labels[0])
    npy = np.load(tab.export_embeddings(str(tmp_path / "z.npy")))
    assert np.allclose(npy["z1"], tab.embedding.codes[:, 1])
    from PySide6.QtGui import QImage
    assert tab.scatter.save_png(str(tmp_path / "s.png")) and not QImage(str(tmp_path / "s.png")).isNull()
    assert tab.manifold.save_png(str(tmp_path / "g.png"))
    grid = QImage(str(tmp_path / "g.png"))
    assert (grid.width(), grid.height()) == (5 * 29 - 1, 5 * 29 - 1)


def test_main_window_shows_the_demo_model_before_any_training(qtbot):
    from aegui.app import build_main_window

    win = build_main_window()
    qtbot.addWidget(win)
    win.show()
    win.tabs.setCurrentWidget(win.latent_tab)
    win.latent_tab.sampleSpin.setValue(1000)
    with qtbot.waitSignal(win.latent_tab.embeddingReady, timeout=60_000):
        win.data_tab.load_spec("mnist-10k")
    tabs = [win.tabs.tabText(i) for i in range(win.tabs.count())]
    assert tabs[3:5] == ["Latent", "Analyze"] and win.state.is_demo and win.files.current_experiment() is None
    assert "bundled demo model" in win.latent_tab.modelSourceLabel.text()
    assert win.latent_tab.scatter.point_count() == 1000
    win.close()


def test_a_hidden_latent_tab_encodes_only_once_shown(qtbot, vae):
    from aegui.app import build_main_window

    win = build_main_window()
    qtbot.addWidget(win)
    win.show()
    win.tabs.setCurrentWidget(win.data_tab)
    with qtbot.waitSignal(win.data_tab.loadFinished, timeout=30_000):
        win.data_tab.load_spec("mnist-10k")
    latent_tab = win.latent_tab
    config = ExperimentConfig(model=vae.spec.kind, latent_dim=vae.latent_dim)
    win.state.set_experiment(Experiment(config, vae), "a new snapshot")
    assert latent_tab.lazy.stale and not latent_tab.session.slow.is_busy()
    latent_tab.sampleSpin.setValue(500)
    with qtbot.waitSignal(latent_tab.embeddingReady, timeout=TIMEOUT):
        win.tabs.setCurrentWidget(latent_tab)
    # The tab runs the experiment's inference copy (BatchNorm folded) of vae.
    assert latent_tab.model is win.state.model and win.state.experiment.model is vae
    assert latent_tab.scatter.point_count() == 500
    win.close()


def test_a_equals_selection_takes_the_marked_selection_and_labels_stay_apart(qtbot, tab, vae):
    """The last click, a point or a place, is the one selection: its marker is "selected", and
    A = selection takes it. A and B sit on it without their labels covering "selected"."""
    _use(qtbot, tab, vae)
    with qtbot.waitSignal(tab.decoded, timeout=5000, check_params_cb=lambda k: k == "point"):
        tab.show_point(5)
    x, y = _empty_spots(tab, 1)[0]
    with qtbot.waitSignal(tab.decoded, timeout=5000, check_params_cb=lambda k: k == "location"):
        tab.decode_location(x, y)
    assert tab.scatter.marker_pos("selected") == pytest.approx((x, y), abs=1e-3)
    qtbot.mouseClick(tab.interpolation.setAButton, Qt.MouseButton.LeftButton)
    assert np.allclose(tab.interpolation.ends[0], tab.session.selected_z)
    assert tab.scatter.marker_pos("A") == pytest.approx((x, y), abs=1e-3)
    tab.interpolation.set_end(1, tab.session.selected_z)
    labels = {name: tab.scatter._markers[name].label().sceneBoundingRect() for name in ("selected", "A", "B")}
    assert all(rect.width() > 0 for rect in labels.values())
    for first, second in (("selected", "A"), ("selected", "B"), ("A", "B")):
        assert not labels[first].intersects(labels[second]), (first, second)


def test_the_view_fits_each_new_model_not_the_last_ones_axes(qtbot, tab, vae, tiny_mnist):
    """A ±4 cloud after a model whose codes spread over ±20 sat as a blob in −20…20 axes."""
    from aegui.ui.widgets.latent_scatter import LatentScatter

    scatter = LatentScatter()
    qtbot.addWidget(scatter)
    scatter.resize(500, 500)
    scatter.show()
    rng = np.random.default_rng(0)
    scatter.set_points(rng.normal(0, 8, (300, 2)).clip(-20, 20), None, (), None)
    scatter.set_marker("selected", np.array([19.0, -19.0]))
    scatter.set_points(rng.normal(0, 1, (300, 2)).clip(-4, 4), None, (), None)
    (x0, x1), (y0, y1) = scatter.plot.plotItem.vb.viewRange()
    assert -6 < x0 < -2 and 2 < x1 < 6 and -6 < y0 < -2 and 2 < y1 < 6


def test_a_new_model_clears_what_the_old_one_computed(qtbot, tab, vae, tiny_mnist):
    _use(qtbot, tab, vae)
    with qtbot.waitSignal(tab.decoded, timeout=5000, check_params_cb=lambda k: k == "point"):
        tab.show_point(5)
    x, y = _empty_spots(tab, 1)[0]
    with qtbot.waitSignal(tab.decoded, timeout=5000, check_params_cb=lambda k: k == "location"):
        tab.decode_location(x, y)
    tab.interpolation.set_end(0, tab.embedding.codes[1])
    tab.interpolation.set_end(1, tab.embedding.codes[2])
    tab.sliders.set_base(tab.embedding.codes[3])
    for name in ("selected", "A", "B", "sliders"):
        assert tab.scatter.marker_pos(name) is not None, name
    old_codes = tab.embedding.codes
    row = int(tab.embedding.rows[5])

    other = _train(tiny_mnist, 1, model="conv-vae", latent_dim=2)[0]
    with qtbot.waitSignal(tab.decoded, timeout=TIMEOUT, check_params_cb=lambda k: k == "point"):
        tab.state.set_experiment(Experiment(ExperimentConfig(model="conv-vae", latent_dim=2), other), "b")
    for name in ("A", "B", "sliders"):  # codes of the old model: gone
        assert tab.scatter.marker_pos(name) is None, name
    assert tab.interpolation.ends == [None, None] and tab.interpolation.view.image_count() == 0
    assert tab.decodedView.image_count() == 0
    # The clicked image is the user's choice: it is shown again, through the new model,
    # at its new place.
    index = tab.last_point[0]
    assert int(tab.embedding.rows[index]) == row
    assert not np.allclose(tab.embedding.codes[index], old_codes[5])
    assert tab.scatter.marker_pos("selected") == pytest.approx(tuple(tab.embedding.projection.coords[index]),
                                                               abs=1e-4)


def test_the_hover_thumbnail_goes_when_the_pointer_leaves(qtbot, tab, vae):
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    _use(qtbot, tab, vae)
    x, y = tab.embedding.projection.coords[0]
    qtbot.mouseMove(tab.scatter.plot.viewport(), _pixel(tab, float(x), float(y)))
    tab.scatter._on_move(tab.scatter.plot.mapToScene(_pixel(tab, float(x), float(y))))
    assert tab.scatter.thumb.isVisible()
    QApplication.sendEvent(tab.scatter.plot, QEvent(QEvent.Type.Leave))
    assert not tab.scatter.thumb.isVisible()


def test_markers_follow_their_codes_into_a_new_projection(qtbot, tab, tiny_mnist):
    model = _train(tiny_mnist, 1, model="conv-ae", latent_dim=4)[0]
    _use(qtbot, tab, model)
    z = tab.embedding.codes[7]
    tab.session.mark("drawn", z, "#e60")
    with qtbot.waitSignal(tab.embeddingReady, timeout=TIMEOUT):
        tab.viewCombo.setCurrentIndex(tab.viewCombo.findData("dims"))
    assert tab.scatter.marker_pos("drawn") == pytest.approx((z[0], z[1]), abs=1e-5)


def test_the_timeline_faces_the_same_way_as_the_scatter(qtbot, tab, tiny_mnist):
    # A model whose codes' first two principal axes are well apart (those of the plain
    # layout, here), so both views find the same axes and only their signs are at stake.
    model, reports = _train(tiny_mnist, 2, model="conv-ae", latent_dim=4, block="plain", norm="batch")
    _use(qtbot, tab, model)
    for report in reports:
        tab.state.add_epoch(report)
    tab.tools.setCurrentWidget(tab.timeline)
    qtbot.waitUntil(lambda: tab.timeline.frame_count() == 2, timeout=5000)
    last_codes = reports[-1].latent
    on_scatter = tab.embedding.projection.to_plane(last_codes)
    on_timeline = tab.timeline.frames[-1]
    for axis in (0, 1):  # the same images, seen on both: not mirrored
        assert np.corrcoef(on_scatter[:, axis], on_timeline[:, axis])[0, 1] > 0.8, axis
    flipped = -tab.embedding.projection.components
    tab.timeline.set_reference(flipped)
    qtbot.waitUntil(lambda: np.allclose(tab.timeline.frames[-1], -on_timeline, atol=1e-4), timeout=5000)


def test_every_tool_tab_is_in_sight_in_a_small_window(qtbot, tab):
    tab.resize(1010, 640)  # the tab inside a 1024×700 window
    qtbot.waitUntil(lambda: tab.width() <= 1010)
    bar = tab.tools.tabBar()
    assert not tab.tools.usesScrollButtons()
    for i in range(bar.count()):
        assert bar.tabRect(i).right() <= bar.width(), bar.tabText(i)


def test_clicks_use_the_model_whose_codes_are_shown(qtbot, tab, vae, tiny_mnist):
    _use(qtbot, tab, vae)
    other = _train(tiny_mnist, 1, model="conv-vae", latent_dim=2)[0]
    shown = tab.session.model  # vae's inference copy
    with qtbot.waitSignal(tab.embeddingReady, timeout=TIMEOUT):
        tab.state.set_experiment(Experiment(ExperimentConfig(model="conv-vae", latent_dim=2), other), "b")
        assert tab.session.model is shown  # the scatter still shows vae's codes: clicks decode with vae
    assert tab.session.model is tab.state.model is not shown and tab.state.experiment.model is other


def test_while_training_snapshots_are_encoded_in_turn_not_restarted(qtbot, tab, vae, tiny_mnist):
    models = [_train(tiny_mnist, 1, model="conv-vae", latent_dim=2, seed=s)[0] for s in (1, 2)]
    # The pacer's clock steps 50 ms per reading, whatever this machine's speed: the encode
    # below "takes" 50 ms, the quiet time after it is 450 ms, the requests come within it.
    ticks = iter(np.arange(1, 1000) * 0.05)
    tab.pacer._clock = lambda: float(next(ticks))
    _use(qtbot, tab, vae)  # its encode just ended: the quiet time starts now
    ready: list[object] = []
    tab.embeddingReady.connect(lambda: ready.append(tab.session.model))
    tab.state.set_run_state("training")
    for model in models:  # two epochs' snapshots in quick succession
        tab.state.set_experiment(Experiment(ExperimentConfig(model="conv-vae", latent_dim=2), model), "run")
    assert tab.pacer.is_waiting()  # a tenth of the time at most: the encode waits its turn
    assert "training comes first" in tab.encodeStatus.text()
    qtbot.waitUntil(lambda: bool(ready), timeout=TIMEOUT)
    # The two requests became one encode, of the newest snapshot (as its inference copy).
    assert ready == [tab.state.model] and tab.state.experiment.model is models[-1]
    tab.state.set_run_state("idle")


def test_dragging_a_corner_of_the_grid_rectangle_resizes_it(qtbot, tab, vae):
    """The grid rectangle had one 5-pixel handle; a drag near the corner moved the rectangle."""
    from PySide6.QtCore import QPointF

    from aegui.ui.widgets.latent_scatter import ROI_HANDLE_PX

    _use(qtbot, tab, vae)
    roi, plot = tab.scatter.roi, tab.scatter.plot
    handles = roi.getHandles()
    assert len(handles) == 4 and all(h.radius >= ROI_HANDLE_PX / 2 for h in handles)
    (x0, x1), (y0, y1) = tab.scatter.grid_range()
    corner = next(h for h in handles if h.pos().x() > 0 and h.pos().y() > 0)  # the (x1, y1) corner
    # Grab it a few pixels off its centre, as a hand does.
    at = plot.mapFromScene(corner.scenePos() + QPointF(3, -3))
    with qtbot.waitSignal(tab.scatter.rangeChanged, timeout=5000):
        qtbot.mousePress(plot.viewport(), Qt.MouseButton.LeftButton, pos=at)
        for step in range(1, 6):
            qtbot.mouseMove(plot.viewport(), at + QPoint(8 * step, -8 * step))
        qtbot.mouseRelease(plot.viewport(), Qt.MouseButton.LeftButton, pos=at + QPoint(40, -40))
    (nx0, nx1), (ny0, ny1) = tab.scatter.grid_range()
    assert (nx0, ny0) == pytest.approx((x0, y0))  # the opposite corner stayed
    assert nx1 > x1 and ny1 > y1  # and this one followed the pointer
