"""The Latent tab: encode the data off the GUI thread, show the codes as a scatter, and
explore: hover, click to decode, manifold grid, sliders, interpolation, sampling,
drawing and the training timeline. The tools live in their own widget modules."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from aegui.core import latent
from aegui.core.models import MODEL_TITLES, Autoencoder
from aegui.ui.app_state import AppState, RunState
from aegui.ui.i18n import translate
from aegui.ui.latent.draw_panel import DrawPanel
from aegui.ui.latent.generation_panel import GenerationPanel
from aegui.ui.latent.interpolation_panel import InterpolationPanel
from aegui.ui.latent.manifold_panel import ManifoldPanel
from aegui.ui.latent.session import LatentSession
from aegui.ui.latent.sliders_panel import SlidersPanel
from aegui.ui.latent.timeline_panel import TimelinePanel
from aegui.ui.lazy import LazyRefresh, Pacer
from aegui.ui.plain_text import plain_label
from aegui.ui.widgets.image_grid import ImageGrid
from aegui.ui.widgets.latent_scatter import LatentScatter
from aegui.ui.words import core_words

DEFAULT_SAMPLES = 10_000
ENCODE_SHARE = 0.1  # of the wall time, at most, for re-encoding while a run trains
# The planes the scatter shows: (title, kind); translated where shown: translate("LatentTab", title).
VIEWS = ((QT_TRANSLATE_NOOP("LatentTab", "PCA"), "pca"), (QT_TRANSLATE_NOOP("LatentTab", "t-SNE"), "tsne"),
         (QT_TRANSLATE_NOOP("LatentTab", "Two dimensions"), "dims"))
# What the encode status says when a job fails, by the job's key (the tab's and panels' jobs).
FAILED = {"encode": QT_TRANSLATE_NOOP("LatentTab", "Encode failed."),
          "point": QT_TRANSLATE_NOOP("LatentTab", "Point failed."),
          "location": QT_TRANSLATE_NOOP("LatentTab", "Location failed."),
          "grid": QT_TRANSLATE_NOOP("LatentTab", "Grid failed."),
          "sliders": QT_TRANSLATE_NOOP("LatentTab", "Sliders failed."),
          "interpolation": QT_TRANSLATE_NOOP("LatentTab", "Interpolation failed."),
          "generate": QT_TRANSLATE_NOOP("LatentTab", "Generate failed."),
          "draw": QT_TRANSLATE_NOOP("LatentTab", "Draw failed.")}


class LatentTab(QWidget):
    embeddingReady = Signal()  # a new embedding is on the scatter

    def __init__(self, state: AppState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.scatter = LatentScatter()
        self.session = LatentSession(state, self.scatter, self)
        self.decoded = self.session.decoded  # which view got a fresh decode: point, grid, …
        self.last_decoded: np.ndarray | None = None  # C×H×W of the last empty-space click
        self.last_point: tuple[int, np.ndarray] | None = None  # (point index, reconstruction)
        self.lazy = LazyRefresh(self, self._encode_now)
        self.pacer = Pacer(self, self.lazy.request, share=ENCODE_SHARE)
        self._reselect_row: int | None = None  # a clicked image to show again for a new model
        self._encode_again = False  # a snapshot arrived while an encode ran (paced)
        self._build()
        self.session.decode_class = lambda: int(self.classCombo.currentData() or 0)
        self._connect()
        self._on_model()

    # The panels' shared state lives in the session; these read it.
    @property
    def model(self) -> Autoencoder | None:
        return self.session.model

    @property
    def embedding(self) -> latent.Embedding | None:
        return self.session.embedding

    @property
    def selected_z(self) -> np.ndarray | None:
        return self.session.selected_z

    @property
    def is_demo(self) -> bool:
        return self.state.is_demo and self.session.model is not None

    # -- construction --------------------------------------------------------------------------
    def _build(self) -> None:
        self.modelSourceLabel = plain_label(objectName="modelSourceLabel", wordWrap=True)
        self.sampleSpin = QSpinBox(objectName="sampleSpin", minimum=100, maximum=1_000_000,
                                   singleStep=1000, value=DEFAULT_SAMPLES)
        self.sampleSpin.setToolTip(self.tr("How many images to encode (at most the whole dataset)"))
        self.encodeButton = QPushButton(self.tr("Encode"), objectName="encodeButton")
        self.encodeProgress = QProgressBar(objectName="encodeProgress", textVisible=False)
        self.encodeProgress.setMaximumHeight(8)
        self.encodeStatus = QLabel("", objectName="encodeStatus", wordWrap=True)
        self.viewCombo = QComboBox(objectName="viewCombo")
        for text, kind in VIEWS:
            self.viewCombo.addItem(translate("LatentTab", text), kind)
        self.dimXSpin = QSpinBox(objectName="dimXSpin", minimum=0, maximum=0)
        self.dimYSpin = QSpinBox(objectName="dimYSpin", minimum=0, maximum=0)
        self.classCombo = QComboBox(objectName="classCombo")
        self.classCombo.setToolTip(self.tr("The class a conditional VAE decodes as"))
        self.exportButton = QPushButton(self.tr("Embeddings…"), objectName="exportEmbeddingsButton")
        self.exportButton.setToolTip(self.tr("Save the codes with their labels as CSV or NPY"))
        self.saveScatterButton = QPushButton(self.tr("Scatter PNG…"), objectName="saveScatterButton")

        model_box = QGroupBox(self.tr("Model"))
        QVBoxLayout(model_box).addWidget(self.modelSourceLabel)
        encode_box = QGroupBox(self.tr("Encode"))
        form = QFormLayout(encode_box)
        form.addRow(self.tr("Samples"), self.sampleSpin)
        form.addRow(self.encodeButton)
        form.addRow(self.encodeProgress)
        form.addRow(self.encodeStatus)
        view_box = QGroupBox(self.tr("View"))
        form = QFormLayout(view_box)
        form.addRow(self.tr("Plane"), self.viewCombo)
        dims = QHBoxLayout()
        dims.addWidget(self.dimXSpin)
        dims.addWidget(self.dimYSpin)
        form.addRow(self.tr("Dims"), dims)
        form.addRow(self.tr("Class"), self.classCombo)
        export_box = QGroupBox(self.tr("Export"))
        row = QHBoxLayout(export_box)
        row.addWidget(self.exportButton)
        row.addWidget(self.saveScatterButton)
        hint = QLabel(self.tr("Hover a point to see its image. Click a point for its reconstruction, or "
                              "empty space to decode that spot. Drag the dashed rectangle to set the grid."),
                      wordWrap=True, objectName="latentHint")
        hint.setStyleSheet("color: palette(placeholder-text);")
        controls = QWidget()
        controls.setFixedWidth(236)
        column = QVBoxLayout(controls)
        column.setContentsMargins(0, 0, 0, 0)
        for box in (model_box, encode_box, view_box, export_box):
            column.addWidget(box)
        column.addWidget(hint)
        column.addStretch(1)

        self.tools = QTabWidget(objectName="latentTools")
        self.tools.setStyleSheet("QTabBar::tab { padding: 4px 6px; }")
        # All seven tools stay in sight: no scroll arrows; the bar's width is the panel's minimum.
        self.tools.setUsesScrollButtons(False)
        self.tools.tabBar().setElideMode(Qt.TextElideMode.ElideNone)
        self.tools.addTab(self._build_inspect(), self.tr("Inspect"))
        self.manifold = ManifoldPanel(self.session)
        self.tools.addTab(self.manifold, self.tr("Grid"))
        self.sliders = SlidersPanel(self.session)
        self.tools.addTab(self.sliders, self.tr("Sliders"))
        self.interpolation = InterpolationPanel(self.session)
        self.tools.addTab(self.interpolation, self.tr("Interpolate"))
        self.generation = GenerationPanel(self.session)
        self.tools.addTab(self.generation, self.tr("Generate"))
        self.draw = DrawPanel(self.session)
        self.tools.addTab(self.draw, self.tr("Draw"))
        self.timeline = TimelinePanel(self.state)
        self.tools.addTab(self.timeline, self.tr("Timeline"))
        self.tools.setMinimumWidth(self.tools.tabBar().sizeHint().width() + 4)
        splitter = QSplitter(Qt.Orientation.Horizontal, objectName="latentSplitter")
        splitter.addWidget(self.scatter)
        splitter.addWidget(self.tools)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([540, 480])  # room for all tool tabs without scroll arrows at 1280 px
        layout = QHBoxLayout(self)
        layout.addWidget(controls)
        layout.addWidget(splitter, 1)

    def _build_inspect(self) -> QWidget:
        page = QWidget()
        self.pointView = ImageGrid(columns=2,
                                   placeholder=self.tr("Click a point to compare it with its reconstruction."))
        self.pointView.setObjectName("pointView")
        self.decodedView = ImageGrid(columns=1, placeholder=self.tr("Click empty space to decode that location."))
        self.decodedView.setObjectName("decodedView")
        self.pointCaption = QLabel("", objectName="pointCaption", wordWrap=True)
        self.decodedCaption = QLabel("", objectName="decodedCaption", wordWrap=True)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("<b>" + self.tr("Clicked point") + "</b>"))
        layout.addWidget(self.pointView, 1)
        layout.addWidget(self.pointCaption)
        layout.addWidget(QLabel("<b>" + self.tr("Decoded location") + "</b>"))
        layout.addWidget(self.decodedView, 1)
        layout.addWidget(self.decodedCaption)
        return page

    def _connect(self) -> None:
        s = self.state
        s.experimentChanged.connect(self._on_model)
        s.datasetChanged.connect(self.encode)
        self.encodeButton.clicked.connect(self.encode)
        self.viewCombo.currentIndexChanged.connect(self.reproject)
        self.dimXSpin.valueChanged.connect(self.reproject)
        self.dimYSpin.valueChanged.connect(self.reproject)
        self.classCombo.currentIndexChanged.connect(self._on_decode_class)
        self.scatter.pointClicked.connect(self.show_point)
        self.scatter.emptyClicked.connect(self.decode_location)
        self.scatter.rangeChanged.connect(self.manifold.refresh)
        self.exportButton.clicked.connect(self._export_dialog)
        self.saveScatterButton.clicked.connect(self._save_scatter_dialog)
        for runner in (self.session.slow, self.session.fast):
            runner.failed.connect(self._on_failed)

    def _on_decode_class(self) -> None:
        """One class picker serves every decode of a conditional model."""
        self.manifold.refresh()
        self.generation.reset(self._class_names())
        if self.last_point is not None:
            self.show_point(self.last_point[0])

    def _on_failed(self, key: str, message: str) -> None:
        if key == "encode":
            self.pacer.finished()
            self._encode_again = False
        self.encodeStatus.setText(translate("LatentTab", FAILED[key]) if key in FAILED
                                  else self.tr("{job} failed.").format(job=key.capitalize()))
        self.state.report_error(self.tr("The Latent tab could not finish"), message, "latent")

    # -- model --------------------------------------------------------------------------------
    def _on_model(self) -> None:
        """A new current experiment (an epoch snapshot, an opened file or the demo model)."""
        model = self.state.model
        self._show_source()
        if model is None:
            self._show_nothing()
            return
        # The scatter, clicks and tools stay with the shown model until the new model's
        # codes arrive (see _on_embedding); only the next projection's settings change now.
        d = model.latent_dim
        for spin, value in ((self.dimXSpin, 0), (self.dimYSpin, min(1, d - 1))):
            spin.blockSignals(True)
            spin.setMaximum(d - 1)
            spin.setValue(value)
            spin.blockSignals(False)
        self.viewCombo.setEnabled(d > 2)
        self.encode()

    def _show_nothing(self) -> None:
        """No model, or data it cannot encode: the explorer is empty."""
        self.session.slow.cancel("encode")
        self._forget_model_results()
        self.session.embedding = self.session.shown_model = None
        self.session.base = self.session.selected_z = None
        self.scatter.clear()
        self._fill_classes()
        self.sliders.reset()
        self.generation.reset(self._class_names())

    def _adopt_model(self, model: Autoencoder) -> None:
        """The codes of a new model arrived: what the old model computed goes, and the
        tools are set up for this one."""
        self._forget_model_results()
        self.session.base = self.session.selected_z = None
        self.session.shown_model = model

    def _forget_model_results(self) -> None:
        """Everything on screen that the previous model computed goes; the clicked image
        (a dataset row) and the drawing (the user's) are shown again for the new model."""
        if self.last_point is not None and self.embedding is not None:
            self._reselect_row = int(self.embedding.rows[self.last_point[0]])
        self.session.clear_markers()
        self.scatter.hide_thumb()
        self.last_point = self.last_decoded = None
        self.pointView.set_images(None)
        self.decodedView.set_images(None)
        self.pointCaption.setText("")
        self.decodedCaption.setText("")
        self.interpolation.reset()
        self.draw.code = self.draw.reconstruction = None
        self.draw.view.set_images(None)

    def _fill_classes(self) -> None:
        self.classCombo.blockSignals(True)
        self.classCombo.clear()
        model = self.model
        if model is not None and model.conditional:
            names = self._class_names()
            for k in range(model.spec.num_classes):
                self.classCombo.addItem(names[k] if k < len(names) else str(k), k)
        self.classCombo.setEnabled(self.classCombo.count() > 0)
        self.classCombo.blockSignals(False)

    def _class_names(self) -> tuple[str, ...]:
        """The classes the model knows (what a conditional model decodes as)."""
        return self.state.class_names()

    def _data_class_names(self) -> tuple[str, ...]:
        """The classes of the encoded images' labels, which may be another dataset's."""
        ds = self.state.dataset
        return ds.class_names if ds is not None and ds.has_labels else ()

    def _show_source(self) -> None:
        m = self.state.model  # the current experiment, even while the scatter catches up
        if m is None:
            self.modelSourceLabel.setText(self.tr("No model yet. Train one or open an experiment."))
            return
        title = self.tr("{model}, latent {latent}").format(model=core_words(MODEL_TITLES.get(m.spec.kind, m.spec.kind)),
                                                          latent=m.latent_dim)
        if self.is_demo:
            self.modelSourceLabel.setText(self.tr("Showing the bundled demo model ({title}, trained on the bundled "
                                                  "MNIST). Train or open a model to explore your own.").format(
                title=title))
        else:
            self.modelSourceLabel.setText(self.tr("{title}: {source}").format(title=title,
                                                                              source=self.state.experiment_source))

    def decode_label(self) -> int | None:
        return self.session.decode_label()

    # -- encoding -----------------------------------------------------------------------------
    def _compatible(self) -> bool:
        ds, m = self.state.dataset, self.state.model
        if ds is None or m is None:
            self.encodeStatus.setText(self.tr("Waiting for a dataset.") if m is not None else "")
            return False
        if tuple(m.spec.image_shape) != tuple(ds.shape):
            self.encodeStatus.setText(self.tr("The model expects {model_shape} images; the dataset has {data_shape}. "
                                              "Train a model on this dataset.").format(
                model_shape=_shape(m.spec.image_shape), data_shape=_shape(ds.shape)))
            return False
        return True

    def encode(self) -> None:
        """Encode the data again: now if the tab is on screen, else once it is shown.
        While a run trains, re-encoding each epoch's snapshot takes at most a tenth of the
        time (:data:`ENCODE_SHARE`), so a visible Latent tab costs training little."""
        if not self.isVisible():
            self.session.slow.cancel("encode")  # a hidden tab stops work nobody will see
            self.pacer.cancel()
            self.lazy.request()
            return
        paced = self.state.run_state != RunState.IDLE
        if paced and self.session.slow.is_busy("encode"):
            self._encode_again = True  # let it finish (else it never would), then the newest
            return
        self.session.slow.cancel("encode")
        self.pacer.request(paced)
        if self.pacer.is_waiting():
            self.encodeStatus.setText(self.tr("A newer snapshot is encoded in a moment (training comes first)."))

    def _encode_now(self) -> None:
        """Encode a seeded random sample of the dataset (all of it if small) off the GUI thread."""
        if not self._compatible():
            self._show_nothing()
            return
        ds, model = self.state.dataset, self.state.model
        count = min(self.sampleSpin.value(), len(ds))
        rows = np.random.default_rng(0).permutation(len(ds))[:count]
        images = ds.images  # the sample's rows are read a batch at a time, never copied whole
        labels = ds.labels[torch.from_numpy(rows)] if ds.labels is not None else None
        kind, dims = self._view_settings()

        def job(ctx) -> latent.Embedding:
            codes = latent.encode(model, images, ds.labels, progress=lambda done, total: ctx.emit((done, total)),
                                  should_stop=ctx.cancelled, rows=rows)
            ctx.emit((-1, count))  # encoding done; the projection follows
            y = labels.numpy() if labels is not None else None
            projection = latent.project(codes, kind, dims, should_stop=ctx.cancelled,
                                        progress=lambda done, total: ctx.emit((done, total)))
            return latent.Embedding(codes, y, rows, projection)

        self.encodeStatus.setText(self.tr("Encoding {count} images…").format(count=f"{count:,}"))
        self.pacer.started()
        self.encodeProgress.setValue(0)
        self.session.slow.submit("encode", job, lambda emb: self._on_embedding(emb, model),
                                 on_progress=lambda progress: self._on_progress(*progress))

    def reproject(self) -> None:
        emb = self.embedding
        if emb is None:
            return
        kind, dims = self._view_settings()
        self.dimXSpin.setEnabled(kind == "dims")
        self.dimYSpin.setEnabled(kind == "dims")
        if kind == "tsne":
            fitted = min(len(emb), latent.TSNE_MAX_POINTS)
            self.encodeStatus.setText(
                self.tr("Running t-SNE on {fitted} of {total} codes (this takes a while)…").format(
                    fitted=f"{fitted:,}", total=f"{len(emb):,}") if fitted < len(emb)
                else self.tr("Running t-SNE on {total} codes (this takes a while)…").format(total=f"{len(emb):,}"))
            self.encodeProgress.setValue(0)

        def job(ctx) -> latent.Embedding:
            projection = latent.project(emb.codes, kind, dims, should_stop=ctx.cancelled,
                                        progress=lambda done, total: ctx.emit((done, total)))
            return latent.Embedding(emb.codes, emb.labels, emb.rows, projection)

        model = self.session.model  # the codes' own model
        self.pacer.started()
        self.session.slow.submit("encode", job, lambda new: self._on_embedding(new, model),
                                 on_progress=lambda progress: self._on_progress(*progress))

    def _view_settings(self) -> tuple[str, tuple[int, int]]:
        return self.viewCombo.currentData(), (self.dimXSpin.value(), self.dimYSpin.value())

    def _on_progress(self, done: int, total: int) -> None:
        if done < 0:
            self.encodeProgress.setValue(self.encodeProgress.maximum())
            self.encodeStatus.setText(self.tr("Encoded {count} images; projecting…").format(count=f"{total:,}"))
            return
        self.encodeProgress.setMaximum(max(1, total))
        self.encodeProgress.setValue(done)

    def _on_embedding(self, emb: latent.Embedding, model: Autoencoder) -> None:
        self.pacer.finished()
        if self.state.dataset is None:
            return
        new_model = model is not self.session.shown_model
        if new_model:
            self._adopt_model(model)
        self.session.embedding = emb
        if new_model:
            self._fill_classes()
            self.sliders.reset()
        images = self.state.dataset.images
        p = emb.projection
        axes = {"pca": (self.tr("PC 1"), self.tr("PC 2")), "tsne": (self.tr("t-SNE 1"), self.tr("t-SNE 2"))}.get(
            p.kind, (f"z{p.dims[0]}", f"z{p.dims[1]}" if p.dims[1] != p.dims[0] else ""))
        self.scatter.set_points(p.coords, emb.labels, self._data_class_names(),
                                _RowImages(images, emb.rows), axes)
        count = f"{len(emb):,}"
        if p.fitted is not None:  # only t-SNE is fitted on a subsample (core.latent.project)
            status = self.tr("{count} images encoded; showing t-SNE of the codes (fitted on a random {fitted} of "
                             "them; each other code sits among its nearest fitted codes).").format(
                count=count, fitted=f"{p.fitted:,}")
        elif p.kind == "pca":
            status = self.tr("{count} images encoded; showing PCA of the codes.").format(count=count)
        elif p.kind == "tsne":
            status = self.tr("{count} images encoded; showing t-SNE of the codes.").format(count=count)
        else:
            status = self.tr("{count} images encoded; showing the codes as they are.").format(count=count)
        self.encodeStatus.setText(status)
        self.generation.reset(self._class_names())
        self.session.place_markers()  # the same codes, projected anew
        self.timeline.set_reference(p.components if p.kind == "pca" else None)
        if new_model:
            self._show_again_for_new_model(emb)
        self.state.clear_error("latent")
        self.embeddingReady.emit()
        if self._encode_again:  # a newer snapshot came while this one was encoding
            self._encode_again = False
            self.encode()

    def _show_again_for_new_model(self, emb: latent.Embedding) -> None:
        row, self._reselect_row = self._reselect_row, None
        if row is not None:
            found = np.flatnonzero(emb.rows == row)
            if len(found):
                self.show_point(int(found[0]))
        if not self.draw.canvas.is_empty() and self.draw.code is None:
            self.draw.encode()

    # -- clicks -------------------------------------------------------------------------------
    def show_point(self, index: int) -> None:
        """A clicked sample: its original beside its reconstruction."""
        emb, model = self.embedding, self.model
        if emb is None or model is None:
            return
        row = int(emb.rows[index])
        original = self.state.dataset.images[row].numpy()
        label = None if emb.labels is None else int(emb.labels[index])
        z = emb.codes[index]
        self.session.selected_z = self.session.base = z.copy()
        self.session.mark("selected", z, "#d00", self.tr("selected"))
        self.sliders.sliders.set_base(z)
        cond = label if model.conditional else None

        def done(recon: np.ndarray) -> None:
            self.last_point = (index, recon[0])
            self.pointView.set_images(np.stack([original, recon[0]]), [self.tr("original"), self.tr("reconstruction")])
            names = self._data_class_names()
            name = names[label] if label is not None and label < len(names) else self.tr("unlabelled")
            self.pointCaption.setText(self.tr("Image {row} ({name}); z = {code}").format(row=f"{row:,}", name=name,
                                                                                      code=_fmt(z)))
            self.decoded.emit("point")

        self.session.run("point", lambda: latent.decode(model, z[None], cond), done)

    def decode_location(self, x: float, y: float) -> None:
        """Empty space: map the plane point back to a code and decode it."""
        emb, model = self.embedding, self.model
        if emb is None or model is None:
            return
        z = emb.projection.to_latent(np.array([[x, y]], np.float32), self.session.base_z())[0]
        self.session.selected_z = z
        # One selection, the last click, point or place: the marker "A = selection" takes.
        self.session.mark("selected", z, "#d00", self.tr("selected"))
        label = self.decode_label()

        def done(image: np.ndarray) -> None:
            self.last_decoded = image[0]
            self.decodedView.set_images(image)
            self.decodedCaption.setText(f"({x:.2f}, {y:.2f}) → z = {_fmt(z)}")
            self.decoded.emit("location")

        self.session.run("location", lambda: latent.decode(model, z[None], label), done)

    # -- export -------------------------------------------------------------------------------
    def export_embeddings(self, path: str) -> Path | None:
        emb = self.embedding
        if emb is None:
            return None
        return latent.save_embeddings(Path(path), emb.codes, emb.labels, self._data_class_names(),
                                      emb.projection.coords)

    def _export_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export embeddings"), "embeddings.csv",
                                              self.tr("CSV") + " (*.csv);;" + self.tr("NumPy") + " (*.npy)")
        if path:
            self.export_embeddings(path)

    def _save_scatter_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save scatter"), "latent-scatter.png",
                                              self.tr("PNG") + " (*.png)")
        if path:
            self.scatter.save_png(path)

    # -- shutdown -----------------------------------------------------------------------------
    def shutdown(self, timeout_s: float = 3.0) -> bool:
        self.pacer.cancel()
        self.timeline.stop()
        return self.session.shutdown(timeout_s)


class _RowImages:
    """Images of the encoded rows, looked up on demand (no copy of the dataset)."""

    def __init__(self, images: torch.Tensor, rows: np.ndarray):
        self.images, self.rows = images, rows

    def __getitem__(self, index: int) -> np.ndarray:
        return self.images[int(self.rows[index])].numpy()


def _shape(shape) -> str:
    """C×H×W as "28×28 grayscale" or "32×32 RGB", as the Data tab names images (the kinds'
    words are aegui.ui.words' "Words")."""
    c, h, w = shape
    kind = translate("Words", "RGB" if c == 3 else "grayscale")
    return translate("LatentTab", "{height}×{width} {kind}").format(height=h, width=w, kind=kind)


def _fmt(z: np.ndarray, limit: int = 4) -> str:
    values = ", ".join(f"{v:.2f}" for v in z[:limit])
    return f"({values}{', …' if len(z) > limit else ''})"
