"""Compare runs: their loss curves on one plot (by epoch or by training time) and their
settings and final metrics side by side, with what differs marked."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aegui.core.catalog import RunSummary, SettingRow, metric_rows, setting_rows
from aegui.core.class_palette import CLASS_COLORS, rgb
from aegui.ui.i18n import translate
from aegui.ui.theme import plot_background
from aegui.ui.widgets.plot_axes import EpochAxis, ValueAxis

PALETTE = tuple(rgb(c) for c in CLASS_COLORS)  # runs take the classes' colours, in order
DIFFERS_BRUSH = QBrush(QColor(255, 236, 179))  # a soft amber: "look here"
BEST_COLOR = QColor(30, 120, 50)
DIFFERS_ROLE = Qt.ItemDataRole.UserRole + 2
BY_EPOCH, BY_TIME = "epoch", "time"
# translated where shown: translate("CompareView", EMPTY_HINT)
EMPTY_HINT = QT_TRANSLATE_NOOP("CompareView", "Select runs in the list (Ctrl-click for more) to compare them here.")


def run_color(index: int) -> tuple[int, int, int]:
    return PALETTE[index % len(PALETTE)]


def elapsed_minutes(run: RunSummary, epochs: int) -> np.ndarray | None:
    """Training time at the end of each of the first ``epochs`` epochs, in minutes; None
    when the run kept no timing (written before runs kept a journal)."""
    seconds = np.asarray(run.epoch_seconds[:epochs], dtype=float)
    if len(seconds) < epochs or epochs == 0:
        return None
    return np.cumsum(seconds) / 60.0


class CompareView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.runs: list[RunSummary] = []
        self.histories: dict[Path, list[dict[str, float]]] = {}
        self.curves: dict[Path, dict[str, pg.PlotDataItem]] = {}  # run -> "train"/"val" -> curve

        self.x_combo = QComboBox(objectName="compareXAxis")
        self.x_combo.addItem(self.tr("by epoch"), BY_EPOCH)
        self.x_combo.addItem(self.tr("by training time"), BY_TIME)
        self.x_combo.setToolTip(self.tr("Line the runs up by epoch, or by the training time each epoch took "
                                        "(a faster model reaches the same loss sooner)."))
        self.curve_combo = QComboBox(objectName="compareCurves")
        for label, key in ((self.tr("validation and training"), "both"), (self.tr("validation"), "val"),
                           (self.tr("training"), "train")):
            self.curve_combo.addItem(label, key)
        self.curve_combo.setToolTip(self.tr("Which losses to draw: validation (solid) and training (dashed)."))
        self.log_check = QCheckBox(self.tr("Log scale"), objectName="compareLog")
        self.only_diff = QCheckBox(self.tr("Only what differs"), objectName="compareOnlyDiff")
        self.only_diff.setToolTip(self.tr("Hide the settings every selected run shares."))
        self.only_diff.setChecked(True)
        for widget in (self.x_combo, self.curve_combo):
            widget.currentIndexChanged.connect(self._redraw_curves)
        self.log_check.toggled.connect(lambda on: self.plot.setLogMode(y=on))
        self.only_diff.toggled.connect(self._fill_table)
        controls = QHBoxLayout()
        for widget in (QLabel(self.tr("Curves")), self.curve_combo, self.x_combo, self.log_check):
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.only_diff)

        self.plot = pg.PlotWidget(background=plot_background(), axisItems={"bottom": EpochAxis("bottom"),
                                                              "left": ValueAxis("left")})
        self.plot.setObjectName("comparePlot")
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setLabel("left", self.tr("loss per image"))
        self.legend = QLabel(translate("CompareView", EMPTY_HINT), objectName="compareLegend", wordWrap=True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        plot_box = QWidget()
        plot_layout = QVBoxLayout(plot_box)
        plot_layout.setContentsMargins(0, 0, 0, 0)
        plot_layout.addWidget(self.legend)
        plot_layout.addWidget(self.plot, 1)

        self.table = QTableWidget(0, 0, objectName="compareTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setToolTip(self.tr("Settings and final metrics; amber rows differ between the runs, and the "
                                      "best value of each metric is in green."))
        splitter = QSplitter(Qt.Orientation.Horizontal, objectName="compareSplitter")
        splitter.addWidget(plot_box)
        splitter.addWidget(self.table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])  # the table wide enough for a few runs side by side
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)

    # -- contents ------------------------------------------------------------------------------------
    def show_runs(self, runs: Sequence[RunSummary], histories: dict[Path, list[dict[str, float]]]) -> None:
        self.runs = list(runs)
        self.histories = {r.folder: list(histories.get(r.folder, ())) for r in self.runs}
        self._redraw_curves()
        self._fill_table()

    def differing_settings(self) -> list[str]:
        """The settings rows the table marks as differing (what a reader sees in amber)."""
        names = []
        for row in range(self.table.rowCount()):
            item = self.table.verticalHeaderItem(row)
            if item is not None and item.data(DIFFERS_ROLE) == "setting":
                names.append(item.text())
        return names

    # -- the plot ---------------------------------------------------------------------------------------
    def _redraw_curves(self) -> None:
        self.plot.clear()
        self.curves = {}
        by_time = self.x_combo.currentData() == BY_TIME
        which = self.curve_combo.currentData()
        self.plot.setLabel("bottom", self.tr("training time (min)") if by_time else self.tr("epoch"))
        legend, untimed = [], []
        for index, run in enumerate(self.runs):
            rows = self.histories.get(run.folder, [])
            color = run_color(index)
            epochs = np.array([r["epoch"] for r in rows], dtype=float)
            xs = elapsed_minutes(run, len(rows)) if by_time else epochs
            hex_color = "#{:02x}{:02x}{:02x}".format(*color)
            legend.append(f'<span style="color:{hex_color}; font-weight:bold">━━</span>&nbsp;'
                          f"{html.escape(run.name)}")
            if xs is None:
                untimed.append(run.name)
                continue
            curves = {}
            for key, style in (("val", Qt.PenStyle.SolidLine), ("train", Qt.PenStyle.DashLine)):
                if which not in ("both", key):
                    continue
                ys = np.array([r.get(f"{key}_loss", np.nan) for r in rows], dtype=float)
                curve = self.plot.plot(xs, ys, pen=pg.mkPen(color, width=2.2, style=style),
                                       symbol="o" if key == "val" else None, symbolSize=5,
                                       symbolBrush=color, symbolPen=None, name=f"{run.name} {key}")
                curves[key] = curve
            self.curves[run.folder] = curves
        # Few epochs: a tick per epoch, never "1.2 epochs" (no run reports one).
        longest = max((len(self.histories.get(r.folder, [])) for r in self.runs), default=0)
        if by_time or longest > 12:
            self.plot.getAxis("bottom").setTickSpacing()
        else:
            self.plot.getAxis("bottom").setTickSpacing(major=1.0, minor=1.0)
        if not self.runs:
            self.legend.setText(translate("CompareView", EMPTY_HINT))
            return
        note = self.tr("solid: validation, dashed: training") if which == "both" else ""
        if untimed:
            note += ("; " if note else "") + self.tr("no timing kept for {runs}").format(
                runs=html.escape(", ".join(untimed)))
        self.legend.setText("&nbsp;&nbsp; ".join(legend) + (f"<br><small>{note}</small>" if note else ""))

    # -- the table ----------------------------------------------------------------------------------------
    def _fill_table(self) -> None:
        runs = self.runs
        settings = setting_rows(runs)
        if self.only_diff.isChecked() and len(runs) > 1:
            settings = [r for r in settings if r.differs] or settings[:0]
        metrics = metric_rows(runs)
        rows: list[tuple[str, SettingRow]] = [("setting", r) for r in settings] + [("metric", r) for r in metrics]
        self.table.clear()
        self.table.setRowCount(len(rows) + (1 if len(runs) > 1 and not settings else 0))
        self.table.setColumnCount(len(runs))
        for column, run in enumerate(runs):
            header = QTableWidgetItem(run.name)
            header.setForeground(QBrush(QColor(*run_color(column))))
            header.setToolTip(str(run.folder))
            self.table.setHorizontalHeaderItem(column, header)
        bold = QFont()
        bold.setBold(True)
        for row, (kind, entry) in enumerate(rows):
            label = QTableWidgetItem(entry.name)
            if entry.differs and kind == "setting":
                label.setData(DIFFERS_ROLE, "setting")
                label.setFont(bold)
                label.setBackground(DIFFERS_BRUSH)
            self.table.setVerticalHeaderItem(row, label)
            for column, value in enumerate(entry.values):
                item = QTableWidgetItem(value)
                if entry.differs and kind == "setting":
                    item.setBackground(DIFFERS_BRUSH)
                if kind == "metric" and entry.best == column:
                    item.setForeground(QBrush(BEST_COLOR))
                    item.setFont(bold)
                    item.setToolTip(self.tr("The best of the selected runs"))
                self.table.setItem(row, column, item)
        if len(runs) > 1 and not settings:
            note = QTableWidgetItem(self.tr("(all settings equal)"))
            self.table.setVerticalHeaderItem(len(rows), note)
