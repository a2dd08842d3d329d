"""One slider per latent dimension around a base point; moves re-decode live, throttled."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from aegui.core import latent
from aegui.ui.latent.session import LatentSession
from aegui.ui.throttle import Throttle
from aegui.ui.widgets.image_grid import ImageGrid

MAX_SLIDERS = 64
SCALE = 100  # slider ticks per latent unit
SPAN = 4.0  # sliders cover base ± SPAN
THROTTLE_MS = 30  # at most ~30 decodes a second while dragging


class LatentSliders(QWidget):
    """Sliders for the first 64 dimensions; later ones stay at the base point."""

    valuesChanged = Signal(object)  # np.ndarray code, throttled

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.base = np.zeros(0, np.float32)
        self.sliders: list[QSlider] = []
        self._labels: list[QLabel] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(2, 2, 2, 2)
        self._grid.setVerticalSpacing(2)
        self._throttle = Throttle(THROTTLE_MS, lambda: self.valuesChanged.emit(self.values()), self)

    def set_dim(self, dim: int) -> None:
        while self.sliders:
            self._grid.removeWidget(s := self.sliders.pop())
            s.deleteLater()
            self._grid.removeWidget(label := self._labels.pop())
            label.deleteLater()
        self.base = np.zeros(dim, np.float32)
        for i in range(min(dim, MAX_SLIDERS)):
            slider = QSlider(Qt.Orientation.Horizontal, objectName=f"latentSlider{i}")
            slider.valueChanged.connect(self._moved)
            value = QLabel("0.00", minimumWidth=40)
            self._grid.addWidget(QLabel(f"z{i}"), i, 0)
            self._grid.addWidget(slider, i, 1)
            self._grid.addWidget(value, i, 2)
            self.sliders.append(slider)
            self._labels.append(value)
        self.set_base(self.base)

    def set_base(self, z: np.ndarray) -> None:
        """Centre the sliders on ``z`` without decoding."""
        self.base = np.asarray(z, np.float32).copy()
        for i, slider in enumerate(self.sliders):
            slider.blockSignals(True)
            centre = int(round(self.base[i] * SCALE))
            slider.setRange(centre - int(SPAN * SCALE), centre + int(SPAN * SCALE))
            slider.setValue(centre)
            slider.blockSignals(False)
            self._labels[i].setText(f"{self.base[i]:.2f}")

    def values(self) -> np.ndarray:
        z = self.base.copy()
        for i, slider in enumerate(self.sliders):
            z[i] = slider.value() / SCALE
        return z

    def _moved(self) -> None:
        for label, slider in zip(self._labels, self.sliders):
            label.setText(f"{slider.value() / SCALE:.2f}")
        self._throttle.request()


class SlidersPanel(QWidget):
    def __init__(self, session: LatentSession):
        super().__init__()
        self.session = session
        self.image: np.ndarray | None = None
        self.view = ImageGrid(columns=1, placeholder=self.tr("Move a slider to decode."))
        self.view.setObjectName("sliderView")
        self.view.setMinimumHeight(150)
        self.sliders = LatentSliders()
        self.sliders.valuesChanged.connect(self.decode)
        scroll = QScrollArea(objectName="sliderScroll", widgetResizable=True)
        scroll.setWidget(self.sliders)
        self.note = QLabel("", wordWrap=True)
        origin = QPushButton(self.tr("Origin"), objectName="slidersOriginButton")
        origin.clicked.connect(lambda: self.set_base(None))
        selected = QPushButton(self.tr("Selected point"), objectName="slidersSelectedButton")
        selected.clicked.connect(lambda: self.set_base(session.selected_z))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Centre on")))
        row.addWidget(origin)
        row.addWidget(selected)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 2)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(scroll, 3)

    def reset(self) -> None:
        self.image = None
        self.view.set_images(None)
        self.session.unmark("sliders")
        model = self.session.model
        d = 0 if model is None else model.latent_dim
        self.sliders.set_dim(d)
        self.note.setText(self.tr("Sliders for the first {shown} of {count} dimensions; the rest stay at the base "
                                  "point.").format(shown=MAX_SLIDERS, count=d) if d > MAX_SLIDERS else "")

    def set_base(self, z: np.ndarray | None) -> None:
        if self.session.model is None:
            return
        self.sliders.set_base(np.zeros(self.session.model.latent_dim) if z is None else z)
        self.decode(self.sliders.values())

    def decode(self, z: np.ndarray) -> None:
        session, model = self.session, self.session.model
        if model is None or len(z) != model.latent_dim:
            return
        session.mark("sliders", z, "#080", self.tr("sliders"))
        label = session.decode_label()

        def done(image: np.ndarray) -> None:
            self.image = image[0]
            self.view.set_images(image)
            session.decoded.emit("sliders")

        session.run("sliders", lambda: latent.decode(model, z[None], label), done)
