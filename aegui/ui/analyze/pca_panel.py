"""The autoencoder against PCA: the same code size side by side, the PCA curve with the
equivalent PCA size, and what the code saves in bytes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aegui.core.analysis import PcaComparison, compare_with_pca, write_columns_csv
from aegui.ui.analyze.panel import AnalysisInput, AnalysisPanel, progress_to, save_plot
from aegui.ui.i18n import translate, translate_plural
from aegui.ui.theme import plot_background
from aegui.ui.widgets.image_grid import ImageGrid
from aegui.workers.tasks import TaskContext


class PcaPanel(AnalysisPanel):
    key = "pca"
    report_title = QT_TRANSLATE_NOOP("AnalysisPanel", "Compared with PCA")
    run_text = QT_TRANSLATE_NOOP("AnalysisPanel", "Compare with PCA")

    def build(self) -> None:
        self.table = QTableWidget(3, 3, objectName="pcaTable")
        self.table.setHorizontalHeaderLabels(["", self.tr("autoencoder"), "PCA"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.equivalentLabel = QLabel("", objectName="equivalentLabel", wordWrap=True)
        self.equivalentLabel.setStyleSheet("font-weight: bold;")
        self.compressionLabel = QLabel("", objectName="compressionLabel", wordWrap=True)
        self.plot = pg.PlotWidget(background=plot_background(), objectName="pcaCurvePlot",
                                  title=self.tr("Validation MSE against PCA components"))
        self.plot.setLabel("bottom", self.tr("PCA components"))
        self.plot.setLabel("left", self.tr("validation MSE"))
        self.plot.setLogMode(x=False, y=True)
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).enableAutoSIPrefix(False)
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.addLegend(offset=(-10, 10), brush=(255, 255, 255, 200))
        self.pca_curve = self.plot.plot([], [], name="PCA", pen=pg.mkPen((255, 127, 14), width=2))
        self.ae_line = pg.InfiniteLine(angle=0, pen=pg.mkPen((31, 119, 180), width=2), label=self.tr("autoencoder"),
                                       labelOpts={"position": 0.55, "color": (31, 119, 180)})
        self.equivalent_line = pg.InfiniteLine(angle=90, pen=pg.mkPen((120, 120, 120), style=Qt.PenStyle.DashLine))
        self.examples = ImageGrid(columns=8, placeholder=self.tr("Rows: original, PCA, autoencoder."))
        self.examples.setObjectName("pcaExamples")
        self.examplesLegend = QLabel("", objectName="pcaExamplesLegend")
        self.exportButton = QPushButton(self.tr("Curve CSV…"), objectName="exportPcaButton")
        self.exportPlotButton = QPushButton(self.tr("Plot PNG…"), objectName="exportPcaPlotButton")
        self.exportButton.clicked.connect(
            lambda: self.save_dialog(self.tr("Save the PCA curve"), "pca-curve.csv", self.export_csv))
        self.exportPlotButton.clicked.connect(
            lambda: self.save_dialog(self.tr("Save plot"), "pca-curve.png", lambda path: save_plot(self.plot, path)))

        left = QVBoxLayout()
        left.addWidget(self.equivalentLabel)
        left.addWidget(self.table)
        left.addWidget(self.compressionLabel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.exportButton)
        buttons.addWidget(self.exportPlotButton)
        left.addLayout(buttons)
        left.addStretch(1)
        left_widget = QWidget()
        left_widget.setLayout(left)
        left_widget.setMaximumWidth(360)
        box = QGroupBox(self.tr("Same code size"))
        inner = QVBoxLayout(box)
        inner.addWidget(self.examples, 1)
        inner.addWidget(self.examplesLegend)
        right = QVBoxLayout()
        right.addWidget(self.plot, 3)
        right.addWidget(box, 2)
        row = QHBoxLayout()
        row.addWidget(left_widget)
        row.addLayout(right, 1)
        self.body.addLayout(row)

    def job(self, data: AnalysisInput) -> Callable[[TaskContext], PcaComparison]:
        model, split = data.experiment.model, data.split
        return lambda ctx: compare_with_pca(model, split, should_stop=ctx.cancelled, progress=progress_to(ctx))

    def clear_result(self) -> None:
        self.result = None
        self.pca_curve.setData([], [])
        for line in (self.ae_line, self.equivalent_line):
            if line.scene() is not None:
                self.plot.removeItem(line)
        self.examples.set_images(None)
        self.equivalentLabel.setText("")
        self.compressionLabel.setText("")

    def report_rows(self) -> list[tuple[str, str]]:
        result = self.result
        k = result.latent_dim
        return [(self.tr("MSE, autoencoder ({size}) / PCA ({size})").format(size=k),
                 f"{result.ae_mse:.5f} / {result.pca_same_mse:.5f}"),
                (self.tr("PSNR (dB)"), f"{result.ae_psnr:.2f} / {result.pca_same_psnr:.2f}"),
                ("SSIM", f"{result.ae_ssim:.3f} / {result.pca_same_ssim:.3f}"),
                (translate("AnalysisPanel", self.report_title), pca_sentence(result))]

    def show_result(self, result: PcaComparison, data: AnalysisInput) -> None:
        self.clear_result()
        self.result = result
        k = result.latent_dim
        rows = [("MSE", result.ae_mse, result.pca_same_mse, ".5f"),
                (self.tr("PSNR (dB)"), result.ae_psnr, result.pca_same_psnr, ".2f"),
                ("SSIM", result.ae_ssim, result.pca_same_ssim, ".3f")]
        self.table.setHorizontalHeaderLabels(["", self.tr("AE ({size})").format(size=k),
                                              self.tr("PCA ({size})").format(size=k)])
        for r, (name, ae, pca, fmt) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(name))
            for c, value in ((1, ae), (2, pca)):
                item = QTableWidgetItem(format(value, fmt))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.equivalentLabel.setText(pca_sentence(result))
        self.compressionLabel.setText(self.tr(
            "An image takes {raw} bytes; its code {f32} bytes as float32 ({f32_ratio}× smaller) or {f16} as "
            "float16 ({f16_ratio}×).").format(
            raw=f"{result.bytes_raw:,}", f32=f"{result.bytes_code_f32:,}",
            f32_ratio=f"{result.bytes_raw / result.bytes_code_f32:.1f}", f16=f"{result.bytes_code_f16:,}",
            f16_ratio=f"{result.bytes_raw / result.bytes_code_f16:.1f}"))
        self.pca_curve.setData(result.components, np.maximum(result.pca_mse, 1e-12))  # log axis: no zeros
        self.plot.getAxis("left").setTicks([log_ticks(min(result.pca_mse.min(), result.ae_mse),
                                                      max(result.pca_mse.max(), result.ae_mse)), []])
        self.ae_line.setValue(np.log10(max(result.ae_mse, 1e-12)))
        self.plot.addItem(self.ae_line)
        if result.equivalent_components is not None:
            self.equivalent_line.setValue(result.equivalent_components)
            self.plot.addItem(self.equivalent_line)
        original, pca, ae = result.examples
        self.examples.columns = len(original)
        self.examples.set_images(np.concatenate([original, pca, ae]))
        self.examplesLegend.setText(translate_plural(
            "PcaPanel", "Rows: original, PCA with %n component(s), the autoencoder (%n number(s)).", int(k),
            f"Rows: original, PCA with {k} components, the autoencoder ({k} numbers)."))

    def export_csv(self, path: str) -> Path | None:
        result = self.result
        if result is None:
            return None
        return write_columns_csv(Path(path), {
            "components": [*map(int, result.components), f"autoencoder_{result.latent_dim}"],
            "val_mse": [*map(float, result.pca_mse), result.ae_mse],
        })


def pca_sentence(result: PcaComparison) -> str:
    """The headline, in the window's language: in English exactly ``result.sentence()``, as the
    command line prints it ("This 16-number code reconstructs like PCA with 41 components.")."""
    size, n = result.latent_dim, result.equivalent_components
    if n is None:
        count = int(result.components[-1])
        return translate_plural(
            "PcaPanel", "This {size}-number code reconstructs better than PCA with %n component(s).", count,
            f"This {{size}}-number code reconstructs better than PCA with {count} components.").format(size=size)
    if n == 1 and result.pca_mse[0] < result.ae_mse:
        return translate("PcaPanel", "This {size}-number code reconstructs worse than PCA with 1 component.").format(
            size=size)
    return translate_plural(
        "PcaPanel", "This {size}-number code reconstructs like PCA with %n component(s).", int(n),
        f"This {{size}}-number code reconstructs like PCA with {n} component{'s' if n != 1 else ''}.").format(
            size=size)


def log_ticks(low: float, high: float) -> list[tuple[float, str]]:
    """1-2-5 ticks between ``low`` and ``high``, placed in log10 units for a log axis."""
    low, high = max(low, 1e-12), max(high, 1e-12)
    ticks = []
    for exponent in range(int(np.floor(np.log10(low))), int(np.ceil(np.log10(high))) + 1):
        for mantissa in (1, 2, 5):
            value = mantissa * 10.0**exponent
            if low / 1.5 <= value <= high * 1.5:
                ticks.append((float(np.log10(value)), f"{value:g}"))
    return ticks
