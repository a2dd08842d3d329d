"""The manifold grid: N×N decodes over the rectangle dragged on the scatter (the classic
figure of the Keras VAE example), as one batched request."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from aegui.core import latent
from aegui.ui.latent.session import LatentSession
from aegui.ui.widgets.image_grid import ImageGrid, to_qimage


class ManifoldPanel(QWidget):
    def __init__(self, session: LatentSession):
        super().__init__()
        self.session = session
        self.tiles: np.ndarray | None = None  # uint8 N²×C×H×W, row-major, top row first
        self.sizeSpin = QSpinBox(objectName="gridSizeSpin", minimum=5, maximum=30, value=15)
        self.sizeSpin.setSuffix(" × N")
        self.sizeSpin.setToolTip(self.tr("Tiles per side"))
        self.sizeSpin.valueChanged.connect(self.refresh)
        self.saveButton = QPushButton(self.tr("Save PNG…"), objectName="saveGridButton")
        self.saveButton.clicked.connect(self._save_dialog)
        self.info = QLabel(self.tr("Drag or resize the dashed rectangle on the scatter."), objectName="gridInfo")
        self.info.setWordWrap(True)
        self.view = ImageGrid(columns=1, placeholder=self.tr("The grid appears once the data is encoded."))
        self.view.setObjectName("manifoldView")
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Grid")))
        row.addWidget(self.sizeSpin)
        row.addStretch(1)
        row.addWidget(self.saveButton)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.info)
        layout.addWidget(self.view, 1)

    def refresh(self) -> None:
        session, emb = self.session, self.session.embedding
        if session.model is None or emb is None:
            return
        n = self.sizeSpin.value()
        x_range, y_range = session.scatter.grid_range()
        model, base, label, projection = session.model, session.base_z(), session.decode_label(), emb.projection

        def job() -> np.ndarray:
            z = projection.to_latent(latent.grid_points(x_range, y_range, n), base)
            return latent.decode(model, z, label, batch_size=latent.GRID_CHUNK)

        session.run("grid", job, lambda tiles: self._show(tiles, n, x_range, y_range))

    def _show(self, tiles: np.ndarray, n: int, x_range, y_range) -> None:
        self.tiles = tiles
        self.view.set_images(latent.tile_images(tiles, n)[None])
        self.session.decoded.emit("grid")
        self.info.setText(self.tr("{n}×{n} decodes over x {x0}…{x1}, y {y0}…{y1}").format(
            n=n, x0=f"{x_range[0]:.2f}", x1=f"{x_range[1]:.2f}", y0=f"{y_range[0]:.2f}", y1=f"{y_range[1]:.2f}"))

    def save_png(self, path: str) -> bool:
        if self.tiles is None:
            return False
        n = int(round(np.sqrt(len(self.tiles))))
        return to_qimage(latent.tile_images(self.tiles, n, gap=1)).save(path, "PNG")

    def _save_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save grid"), "latent-grid.png",
                                              self.tr("PNG") + " (*.png)")
        if path:
            self.save_png(path)
