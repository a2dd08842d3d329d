"""A strip of K decodes between two codes, along a line or a great circle (slerp)."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from aegui.core import latent
from aegui.ui.latent.session import LatentSession
from aegui.ui.widgets.image_grid import ImageGrid


class InterpolationPanel(QWidget):
    def __init__(self, session: LatentSession):
        super().__init__()
        self.session = session
        self.ends: list[np.ndarray | None] = [None, None]
        self.strip: np.ndarray | None = None
        self.stepsSpin = QSpinBox(objectName="interpStepsSpin", minimum=3, maximum=24, value=10)
        self.methodCombo = QComboBox(objectName="interpMethodCombo")
        self.methodCombo.addItem(self.tr("Linear"), "linear")
        self.methodCombo.addItem(self.tr("Spherical (slerp)"), "slerp")
        self.setAButton = QPushButton(self.tr("A = selection"), objectName="interpSetAButton")
        self.setBButton = QPushButton(self.tr("B = selection"), objectName="interpSetBButton")
        self.randomButton = QPushButton(self.tr("Two random images"), objectName="interpRandomButton")
        self.setAButton.clicked.connect(lambda: self.set_end(0, session.selected_z))
        self.setBButton.clicked.connect(lambda: self.set_end(1, session.selected_z))
        self.randomButton.clicked.connect(self.pick_random)
        self.stepsSpin.valueChanged.connect(self.refresh)
        self.methodCombo.currentIndexChanged.connect(self.refresh)
        self.status = QLabel(self.tr("Click a point or empty space on the scatter, then set it as A or B."),
                             wordWrap=True)
        self.view = ImageGrid(columns=10, placeholder=self.tr("The interpolation strip appears here."))
        self.view.setObjectName("interpolationView")
        form = QFormLayout()
        form.addRow(self.tr("Steps"), self.stepsSpin)
        form.addRow(self.tr("Path"), self.methodCombo)
        ends = QHBoxLayout()
        ends.addWidget(self.setAButton)
        ends.addWidget(self.setBButton)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(ends)
        layout.addWidget(self.randomButton)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

    def set_end(self, which: int, z: np.ndarray | None) -> None:
        if z is None:
            self.status.setText(self.tr("Select a point or location on the scatter first."))
            return
        self.ends[which] = np.asarray(z, np.float32).copy()
        self.session.mark("AB"[which], self.ends[which], "#a0a", (self.tr("A"), self.tr("B"))[which])
        self.refresh()

    def reset(self) -> None:
        """A new model: the ends were codes of the old one."""
        self.ends = [None, None]
        self.strip = None
        self.view.set_images(None)
        self.status.setText(self.tr("Click a point or empty space on the scatter, then set it as A or B."))

    def pick_random(self) -> None:
        emb = self.session.embedding
        if emb is None or len(emb) < 2:
            return
        i, j = np.random.default_rng().choice(len(emb), 2, replace=False)
        self.set_end(0, emb.codes[i])
        self.set_end(1, emb.codes[j])

    def refresh(self) -> None:
        a, b = self.ends
        session, model = self.session, self.session.model
        if a is None or b is None or model is None or len(a) != model.latent_dim:
            return
        steps, method, label = self.stepsSpin.value(), self.methodCombo.currentData(), session.decode_label()
        self.view.columns = steps

        def done(images: np.ndarray) -> None:
            self.strip = images
            self.view.set_images(images)
            self.status.setText((self.tr("{steps} steps from A to B (slerp).") if method == "slerp"
                                 else self.tr("{steps} steps from A to B (linear).")).format(steps=steps))
            session.decoded.emit("interpolation")

        session.run("interpolation",
                     lambda: latent.decode(model, latent.interpolate(a, b, steps, method), label), done)
