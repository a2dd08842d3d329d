"""The validation preview of a training run: originals, model inputs and reconstructions
after each epoch, and a hint when the reconstructions show the model under-fitting."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from aegui.core.evaluation import PREVIEW_COUNT
from aegui.core.reports import EpochReport
from aegui.core.text import plural
from aegui.ui.i18n import translate_plural
from aegui.ui.widgets.fit_hint import reconstructions_alike, under_fitting_text
from aegui.ui.widgets.image_grid import ImageGrid

PREVIEW_IMAGES = PREVIEW_COUNT  # as many as a run previews


class PreviewBox(QGroupBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Validation preview"))
        images = translate_plural("PreviewBox", "%n validation image(s)", PREVIEW_IMAGES,
                                  plural(PREVIEW_IMAGES, "validation image"))
        self.grid = ImageGrid(columns=PREVIEW_IMAGES, placeholder=self.tr(
            "After each epoch, {images} appear here with the model's reconstructions.").format(images=images))
        self.grid.setObjectName("trainPreview")
        self.grid.setMinimumHeight(150)
        self.legend = QLabel("", objectName="previewLegend")
        self.hint = QLabel("", objectName="underFittingHint", wordWrap=True)
        self.hint.setStyleSheet("QLabel { background: #fff6d5; border: 1px solid #e6cf7a;"
                                " border-radius: 3px; padding: 4px; color: #5a4500; }")
        self.hint.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.hint)

    def show_epoch(self, report: EpochReport, variational: bool) -> None:
        """Show the epoch's preview, if it has one; ``variational`` words the hint's advice."""
        p = report.preview
        if p is None:
            return
        rows = [p.original]
        names = [self.tr("original")]
        if not np.array_equal(p.corrupted, p.original):
            rows.append(p.corrupted)
            names.append(self.tr("model input"))
        rows.append(p.reconstructed)
        names.append(self.tr("reconstruction"))
        self.grid.columns = len(p.original)
        self.grid.set_images(np.concatenate(rows))
        self.legend.setText(self.tr("Rows: {rows} — after epoch {epoch}, validation PSNR {psnr} dB").format(
            rows=", ".join(names), epoch=f"{report.epoch:,}", psnr=f"{report.val_psnr:.1f}"))
        alike = reconstructions_alike(p.original, p.reconstructed)
        if alike:
            self.hint.setText(under_fitting_text(variational))
        self.hint.setVisible(alike)

    def hide_hint(self) -> None:
        self.hint.hide()
