"""Sampling new images: from the VAE prior N(0, I), or, for a plain autoencoder (which
has no prior), from a Gaussian fitted to the encoded data."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from aegui.core import latent
from aegui.ui.latent.session import LatentSession
from aegui.ui.widgets.image_grid import ImageGrid


class GenerationPanel(QWidget):
    def __init__(self, session: LatentSession):
        super().__init__()
        self.session = session
        self.samples: np.ndarray | None = None
        self.generated_class: int | None = None
        self.countSpin = QSpinBox(objectName="generateCountSpin", minimum=1, maximum=64, value=16)
        self.temperatureSpin = QDoubleSpinBox(objectName="temperatureSpin", minimum=0.0, maximum=3.0,
                                              singleStep=0.1, value=1.0, decimals=2)
        self.temperatureSpin.setToolTip("Scales the spread of the sampled codes")
        self.classCombo = QComboBox(objectName="generateClassCombo")
        self.generateButton = QPushButton("Generate", objectName="generateButton")
        self.generateButton.clicked.connect(self.generate)
        self.source = QLabel("", objectName="generateSource", wordWrap=True)
        self.view = ImageGrid(columns=8, placeholder="Generated images appear here.")
        self.view.setObjectName("generatedView")
        form = QFormLayout()
        form.addRow("Images", self.countSpin)
        form.addRow("Temperature", self.temperatureSpin)
        form.addRow("Class", self.classCombo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.generateButton)
        layout.addWidget(self.source)
        layout.addWidget(self.view, 1)

    def reset(self, class_names: tuple[str, ...]) -> None:
        model = self.session.model
        self.classCombo.clear()
        if model is not None and model.conditional:
            for k in range(model.spec.num_classes):
                self.classCombo.addItem(class_names[k] if k < len(class_names) else str(k), k)
        self.classCombo.setEnabled(self.classCombo.count() > 0)
        self.generateButton.setEnabled(model is not None)
        self._describe()

    def _describe(self) -> None:
        model, emb = self.session.model, self.session.embedding
        if model is None:
            self.source.setText("")
        elif model.variational:
            self.source.setText("Sampling z from N(0, I), the VAE prior, scaled by the temperature.")
        else:
            count = f"{len(emb):,} " if emb is not None else ""
            self.source.setText("A plain autoencoder has no prior: sampling from a Gaussian fitted "
                                f"to the {count}encoded images.")

    def generate(self) -> None:
        session, model = self.session, self.session.model
        if model is None:
            return
        emb = session.embedding
        if not model.variational and emb is None:
            self.source.setText("Encode the data first: the Gaussian is fitted to its codes.")
            return
        self._describe()
        gaussian = latent.standard_normal(model.latent_dim) if model.variational else latent.fit_gaussian(emb.codes)
        m, temperature = self.countSpin.value(), self.temperatureSpin.value()
        label = int(self.classCombo.currentData()) if model.conditional else None

        def done(images: np.ndarray) -> None:
            self.samples, self.generated_class = images, label
            self.view.set_images(images)
            session.decoded.emit("generate")

        session.run("generate", lambda: latent.decode(model, gaussian.sample(m, temperature), label), done)
