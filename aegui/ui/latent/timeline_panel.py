"""Replays how the latent space organised itself during training: one frame per epoch,
from the codes of the fixed validation subset each EpochReport carries."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from aegui.core.latent import timeline_planes
from aegui.ui.app_state import AppState
from aegui.ui.lazy import LazyRefresh
from aegui.ui.theme import plot_background
from aegui.ui.widgets.dot_cloud import DotCloud
from aegui.ui.widgets.latent_scatter import class_colors

FRAME_MS = 400


class TimelinePanel(QWidget):
    def __init__(self, state: AppState):
        super().__init__()
        self.state = state
        self.frames: list[np.ndarray] = []  # N×2 per epoch, in one shared plane
        self._reports: list = []  # the epoch reports the frames were made from
        self.labels: np.ndarray | None = None
        # The main scatter's PCA axes (2×D): the timeline's PCA is turned to face the same way.
        self.reference: np.ndarray | None = None
        self.plot = pg.PlotWidget(background=plot_background())
        self.plot.setObjectName("timelinePlot")
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.plot.plotItem.vb.sigResized.connect(self._apply_range)  # the range waits for a size
        self.scatter = DotCloud(size=4, pen=None, hoverable=False)
        self.plot.addItem(self.scatter)
        self.slider = QSlider(Qt.Orientation.Horizontal, objectName="timelineSlider")
        self.slider.valueChanged.connect(self.show_frame)
        self.playButton = QPushButton(self.tr("Play"), objectName="timelinePlayButton")
        self.playButton.setCheckable(True)
        self.playButton.toggled.connect(self._toggle)
        self.caption = QLabel(self.tr("Train a model to replay its latent space epoch by epoch."),
                              objectName="timelineCaption", wordWrap=True)
        self._timer = QTimer(self, interval=FRAME_MS)
        self._timer.timeout.connect(self._advance)
        row = QHBoxLayout()
        row.addWidget(self.playButton)
        row.addWidget(self.slider, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.plot, 1)
        layout.addLayout(row)
        layout.addWidget(self.caption)
        self.slider.setEnabled(False)
        self.playButton.setEnabled(False)
        self.lazy = LazyRefresh(self, self.refresh)
        state.historyChanged.connect(self.lazy.request)  # re-projects only while on screen
        self.refresh()

    def frame_count(self) -> int:
        return len(self.frames)

    def refresh(self) -> None:
        reports = [r for r in self.state.epoch_reports if r.latent is not None]
        if len(reports) == len(self._reports) and all(a is b for a, b in zip(reports, self._reports)):
            return  # the same run's same epochs (a new run has new report objects)
        self._reports = reports
        self.frames = timeline_planes([r.latent for r in reports], self.reference)
        self._epochs = [r.epoch for r in reports]
        # The codes are of the run's validation images: label them from the run's own split.
        split = self.state.experiment_split() or self.state.split
        n = len(self.frames[0]) if self.frames else 0
        self.labels = (split.val.labels[:n].numpy()
                       if split is not None and split.val.labels is not None else None)
        self.slider.setRange(0, max(0, len(self.frames) - 1))
        self.slider.setEnabled(bool(self.frames))
        self.playButton.setEnabled(len(self.frames) > 1)
        if self.frames:
            everything = np.concatenate(self.frames)
            lo, hi = everything.min(0), everything.max(0)
            # Fixed over all epochs, so motion shows. Python floats: pyqtgraph compares the range
            # with its float64 limit (1e307), which overflows in a float32 comparison.
            self._range = ((float(lo[0]), float(hi[0])), (float(lo[1]), float(hi[1])))
            self._apply_range()
            self.slider.setValue(len(self.frames) - 1)
            self.show_frame(self.slider.value())
        else:
            self.scatter.clear()

    def set_reference(self, components: np.ndarray | None) -> None:
        """Orient the replay like the main scatter (its PCA axes, or None for raw codes)."""
        same = (components is None and self.reference is None) or (
            components is not None and self.reference is not None
            and components.shape == self.reference.shape and np.allclose(components, self.reference))
        self.reference = None if components is None else np.array(components, np.float32)
        if not same:
            self._reports = []  # re-project on the next refresh
            self.lazy.request()

    def _apply_range(self) -> None:
        # A hidden or not yet laid out plot has a zero-sized view: the range is set once it has one.
        view = self.plot.plotItem.vb
        if getattr(self, "_range", None) is not None and view.width() > 1 and view.height() > 1:
            (x0, x1), (y0, y1) = self._range
            self.plot.setRange(xRange=(x0, x1), yRange=(y0, y1))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._apply_range()

    def show_frame(self, i: int) -> None:
        if not 0 <= i < len(self.frames):
            return
        coords = self.frames[i]
        if self.labels is not None and len(self.labels) == len(coords):
            colors = class_colors(int(self.labels.max()) + 1)
            brushes = np.array([pg.mkBrush(c) for c in colors], dtype=object)[self.labels]
            self.scatter.setData(pos=coords, brush=brushes)
        else:
            self.scatter.setData(pos=coords, brush=pg.mkBrush("#1f77b4"))
        self.caption.setText(self.tr("Epoch {epoch} of {epochs}: {count} validation images").format(
            epoch=self._epochs[i], epochs=len(self.frames), count=f"{len(coords):,}"))

    def _toggle(self, playing: bool) -> None:
        self.playButton.setText(self.tr("Pause") if playing else self.tr("Play"))
        if playing:
            if self.slider.value() >= self.slider.maximum():
                self.slider.setValue(0)
            self._timer.start()
        else:
            self._timer.stop()

    def _advance(self) -> None:
        if self.slider.value() >= self.slider.maximum():
            self.playButton.setChecked(False)
        else:
            self.slider.setValue(self.slider.value() + 1)

    def stop(self) -> None:
        self.playButton.setChecked(False)

