"""Features for a classifier: a linear probe on the codes against PCA features of the
same size and raw pixels, with k-NN in latent space, a confusion matrix, and accuracy
against the number of labels per class (the self-supervised argument, made visible)."""

from __future__ import annotations

import html
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

from aegui.core.analysis import ProbeResult, linear_probe, write_columns_csv
from aegui.ui.analyze.panel import AnalysisInput, AnalysisPanel, progress_to, save_plot
from aegui.ui.i18n import translate, translate_plural
from aegui.ui.theme import plot_background
from aegui.ui.widgets.confusion_plot import ConfusionPlot
from aegui.workers.tasks import TaskContext

# Translated where shown: feature_title(key).
FEATURE_TITLES = {"autoencoder": QT_TRANSLATE_NOOP("ProbePanel", "Autoencoder codes"),
                  "pca": QT_TRANSLATE_NOOP("ProbePanel", "PCA, same size"),
                  "pixels": QT_TRANSLATE_NOOP("ProbePanel", "Raw pixels")}
FEATURE_COLORS = {"autoencoder": (31, 119, 180), "pca": (255, 127, 14), "pixels": (127, 127, 127)}
EXPLANATION = QT_TRANSLATE_NOOP(
    "ProbePanel",
    "A linear probe: a simple classifier (logistic regression, straight-line boundaries) is fitted on "
    "the training images' codes and labels, then scored on the validation images; PCA features of "
    "the same size and raw pixels are scored alike. Labels per class: how many labelled images of each "
    "class it was given. Codes that score well with few labels are what an autoencoder, trained "
    "without labels, is for.")


def feature_title(key: str) -> str:
    """A feature set's title in the window's language (an unknown key as it is)."""
    return translate("ProbePanel", FEATURE_TITLES[key]) if key in FEATURE_TITLES else key


def curve_key() -> str:
    """The curves' colours and names, as one line of rich text (aegui's own words only)."""
    return "&nbsp;&nbsp;&nbsp;".join(
        f'<span style="color: rgb{FEATURE_COLORS[key]}">&#9632;</span> {html.escape(feature_title(key))}'
        for key in FEATURE_COLORS)


class ProbePanel(AnalysisPanel):
    key = "probe"
    report_title = QT_TRANSLATE_NOOP("AnalysisPanel", "Features for a classifier")
    run_text = QT_TRANSLATE_NOOP("AnalysisPanel", "Run the probe")

    def build(self) -> None:
        self.explanation = QLabel(translate("ProbePanel", EXPLANATION), objectName="probeExplanation", wordWrap=True)
        self.table = QTableWidget(0, 2, objectName="probeTable")
        self.table.setHorizontalHeaderLabels([self.tr("features"), self.tr("validation accuracy")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rows = len(FEATURE_TITLES)  # exactly as tall as its rows, leaving the room to the matrix
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height()
                                  + rows * self.table.verticalHeader().defaultSectionSize()
                                  + 2 * self.table.frameWidth())
        self.knnLabel = QLabel("", objectName="knnLabel", wordWrap=True)
        self.curve_plot = pg.PlotWidget(background=plot_background(), objectName="labelEfficiencyPlot",
                                        title=self.tr("Accuracy against labels per class"))
        self.curve_plot.setLabel("bottom", self.tr("labels per class"))
        self.curve_plot.setLabel("left", self.tr("validation accuracy"))
        self.curve_plot.setLogMode(x=True, y=False)
        for axis in ("left", "bottom"):
            self.curve_plot.getAxis(axis).enableAutoSIPrefix(False)
        self.curve_plot.showGrid(x=True, y=True, alpha=0.2)
        self.curves = {k: self.curve_plot.plot([], [], name=feature_title(k), symbol="o", symbolSize=6,
                                               pen=pg.mkPen(c, width=2), symbolBrush=c)
                       for k, c in FEATURE_COLORS.items()}
        # The key sits above the plot, where it never covers a curve.
        self.curveKey = QLabel(curve_key(), objectName="probeCurveKey")
        self.curveKey.setTextFormat(Qt.TextFormat.RichText)
        self.confusion = ConfusionPlot()
        self.exportButton = QPushButton(self.tr("Results CSV…"), objectName="exportProbeButton")
        self.exportPlotButton = QPushButton(self.tr("Plot PNG…"), objectName="exportProbePlotButton")
        self.exportButton.clicked.connect(lambda: self.save_dialog(self.tr("Save probe results"), "probe.csv",
                                                                   self.export_csv))
        self.exportPlotButton.clicked.connect(lambda: self.save_dialog(
            self.tr("Save plot"), "label-efficiency.png", lambda path: save_plot(self.curve_plot, path)))

        left = QVBoxLayout()
        left.addWidget(self.table)
        left.addWidget(self.knnLabel)
        box = QGroupBox(self.tr("Where the codes confuse classes"))
        QVBoxLayout(box).addWidget(self.confusion)
        left.addWidget(box, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.exportButton)
        buttons.addWidget(self.exportPlotButton)
        left.addLayout(buttons)
        left_widget = QWidget()
        left_widget.setLayout(left)
        left_widget.setMaximumWidth(400)
        right = QVBoxLayout()
        right.addWidget(self.curveKey)
        right.addWidget(self.curve_plot, 1)
        row = QHBoxLayout()
        row.addWidget(left_widget)
        row.addLayout(right, 1)
        self.body.addWidget(self.explanation)
        self.body.addLayout(row)

    def job(self, data: AnalysisInput) -> Callable[[TaskContext], ProbeResult]:
        model, split, seed = data.experiment.model, data.split, data.experiment.config.seed
        return lambda ctx: linear_probe(model, split, seed=seed, should_stop=ctx.cancelled,
                                        progress=progress_to(ctx))

    def clear_result(self) -> None:
        self.result = None
        self.table.setRowCount(0)
        self.knnLabel.setText("")
        for curve in self.curves.values():
            curve.setData([], [])
        self.confusion.clear()

    def report_rows(self) -> list[tuple[str, str]]:
        result = self.result
        rows = [(self.tr("Linear classifier on {features}").format(features=feature_title(key)),
                 f"{result.accuracy[key]:.1%}") for key in result.feature_sets]
        return [*rows, (self.tr("5-nearest-neighbour on the codes"), f"{result.knn_accuracy:.1%}")]

    def show_result(self, result: ProbeResult, data: AnalysisInput) -> None:
        self.table.setRowCount(len(result.feature_sets))
        for row, key in enumerate(result.feature_sets):
            self.table.setItem(row, 0, QTableWidgetItem(feature_title(key)))
            item = QTableWidgetItem(f"{result.accuracy[key]:.1%}")
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, item)
        gap = result.accuracy["autoencoder"] - result.accuracy["pca"]
        numbers = translate_plural("ProbePanel", "%n number(s)", int(result.latent_dim),
                                   f"{result.latent_dim} numbers")
        if gap >= 0:
            text = self.tr("{numbers} per image. 5-nearest-neighbour accuracy on the codes: {knn}. For a linear "
                           "classifier the codes score {points} percentage points above PCA features of the same "
                           "size.")
        else:
            text = self.tr("{numbers} per image. 5-nearest-neighbour accuracy on the codes: {knn}. For a linear "
                           "classifier the codes score {points} percentage points below PCA features of the same "
                           "size.")
        self.knnLabel.setText(text.format(numbers=numbers, knn=f"{result.knn_accuracy:.1%}",
                                          points=f"{abs(gap) * 100:.1f}"))
        counts = self._label_counts(result, data)
        for key, curve in self.curves.items():
            curve.setData(counts, result.curve.get(key, []))
        # In log mode the axis works in log10 units: name the measured points only.
        ticks = [(float(np.log10(c)), self.tr("all") if n is None else str(n))
                 for c, n in zip(counts, result.labels_per_class)]
        self.curve_plot.getAxis("bottom").setTicks([ticks, []])
        dataset = self.state.dataset
        names = dataset.class_names if dataset is not None else ()
        self.confusion.show_matrix(result.confusion, names)

    @staticmethod
    def _label_counts(result: ProbeResult, data: AnalysisInput) -> np.ndarray:
        """The x of the label curve; "all" is drawn at the largest class's size."""
        train = data.split.train
        biggest = int(np.bincount(train.labels.numpy()).max()) if train.labels is not None else 1
        return np.array([n if n is not None else biggest for n in result.labels_per_class], float)

    def export_csv(self, path: str) -> Path | None:
        result = self.result
        if result is None:
            return None
        rows = [(key, "all" if n is None else n, acc) for key in result.feature_sets
                for n, acc in zip(result.labels_per_class, result.curve[key])]
        rows.append(("autoencoder-knn5", "all", result.knn_accuracy))
        features, counts, accuracy = zip(*rows)
        return write_columns_csv(Path(path), {"features": list(features), "labels_per_class": list(counts),
                                              "accuracy": list(accuracy)})
