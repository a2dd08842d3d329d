"""Sampling new images: from the VAE prior N(0, I), or, for a plain autoencoder (which
has no prior), from a Gaussian fitted to the encoded data."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import (
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
        self._samples_model = None  # the model that generated ``samples``
        self.class_names: tuple[str, ...] = ()
        self.countSpin = QSpinBox(objectName="generateCountSpin", minimum=1, maximum=64, value=16)
        self.temperatureSpin = QDoubleSpinBox(objectName="temperatureSpin", minimum=0.0, maximum=3.0,
                                              singleStep=0.1, value=1.0, decimals=2)
        self.temperatureSpin.setToolTip(self.tr("Scales the spread of the sampled codes"))
        self.generateButton = QPushButton(self.tr("Generate"), objectName="generateButton")
        self.generateButton.clicked.connect(self.generate)
        self.source = QLabel("", objectName="generateSource", wordWrap=True)
        self.view = ImageGrid(columns=8, placeholder=self.tr("Generated images appear here."))
        self.view.setObjectName("generatedView")
        form = QFormLayout()
        form.addRow(self.tr("Images"), self.countSpin)
        form.addRow(self.tr("Temperature"), self.temperatureSpin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.generateButton)
        layout.addWidget(self.source)
        layout.addWidget(self.view, 1)

    def reset(self, class_names: tuple[str, ...]) -> None:
        """A new model or embedding: samples of an old model are not this one's."""
        model = self.session.model
        self.class_names = class_names
        if model is not self._samples_model:
            self.samples = self.generated_class = self._samples_model = None
            self.view.set_images(None)
        self.generateButton.setEnabled(model is not None)
        self._describe()

    def _describe(self) -> None:
        model, emb = self.session.model, self.session.embedding
        if model is None:
            self.source.setText("")
        elif model.variational:
            label = self.session.decode_label()
            self.source.setText(self.tr("Sampling z from N(0, I), the VAE prior, scaled by the temperature.")
                                if label is None else
                                self.tr("Sampling z from N(0, I), the VAE prior, scaled by the temperature. Decoded "
                                        "as class {name}: pick it under View › Class.").format(
                                    name=self._class_name(label)))
        elif emb is not None:
            self.source.setText(self.tr("A plain autoencoder has no prior: sampling from a Gaussian fitted to the "
                                        "{count} encoded images.").format(count=f"{len(emb):,}"))
        else:
            self.source.setText(self.tr("A plain autoencoder has no prior: sampling from a Gaussian fitted to the "
                                        "encoded images."))

    def _class_name(self, k: int) -> str:
        return self.class_names[k] if k < len(self.class_names) else str(k)

    def generate(self) -> None:
        session, model = self.session, self.session.model
        if model is None:
            return
        emb = session.embedding
        if not model.variational and emb is None:
            self.source.setText(self.tr("Encode the data first: the Gaussian is fitted to its codes."))
            return
        self._describe()
        gaussian = latent.standard_normal(model.latent_dim) if model.variational else latent.fit_gaussian(emb.codes)
        m, temperature = self.countSpin.value(), self.temperatureSpin.value()
        label = session.decode_label()  # the tab's one class picker

        def done(images: np.ndarray) -> None:
            self.samples, self.generated_class, self._samples_model = images, label, model
            self.view.set_images(images)
            session.decoded.emit("generate")

        session.run("generate", lambda: latent.decode(model, gaussian.sample(m, temperature), label), done)
