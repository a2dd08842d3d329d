"""The Runs panel's table: one row per run, sortable by any column (numbers as numbers,
dates as dates) and filtered by text over every column and the tags."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from aegui.core.catalog import RunSummary
from aegui.ui.i18n import translate, translate_said
from aegui.ui.plain_text import plain_tooltip

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_COLORS = {"running": QColor(31, 119, 180), "finished": QColor(30, 120, 50), "unreadable": QColor(190, 40, 40),
                 "stopped": QColor(150, 110, 20), "failed": QColor(190, 40, 40)}
# A run's status is a stored value (compared as it is); the Status column shows its word,
# translated: translate("RunTableModel", STATUS_WORDS[status]).
STATUS_WORDS = {
    "running": QT_TRANSLATE_NOOP("RunTableModel", "running"),
    "finished": QT_TRANSLATE_NOOP("RunTableModel", "finished"),
    "stopped": QT_TRANSLATE_NOOP("RunTableModel", "stopped"),
    "failed": QT_TRANSLATE_NOOP("RunTableModel", "failed"),
    "unreadable": QT_TRANSLATE_NOOP("RunTableModel", "unreadable"),
}


@dataclass(frozen=True)
class Column:
    title: str  # translated where shown: translate("RunTableModel", title), and the tip likewise
    tip: str


COLUMNS = (
    Column(QT_TRANSLATE_NOOP("RunTableModel", "Name"),
           QT_TRANSLATE_NOOP("RunTableModel", "The run's name: its folder's, unless renamed (Rename…).")),
    Column(QT_TRANSLATE_NOOP("RunTableModel", "Status"),
           QT_TRANSLATE_NOOP("RunTableModel",
                             "Running, finished, stopped or failed; point at it to read how it ended.")),
    Column(QT_TRANSLATE_NOOP("RunTableModel", "Started"),
           QT_TRANSLATE_NOOP("RunTableModel", "When the run started.")),
    Column(QT_TRANSLATE_NOOP("RunTableModel", "Dataset"),
           QT_TRANSLATE_NOOP("RunTableModel", "The data it trained on.")),
    Column(QT_TRANSLATE_NOOP("RunTableModel", "Model"),
           QT_TRANSLATE_NOOP("RunTableModel", "The model kind.")),
    Column(QT_TRANSLATE_NOOP("RunTableModel", "Latent"),
           QT_TRANSLATE_NOOP("RunTableModel", "The latent (code) size.")),
    Column(QT_TRANSLATE_NOOP("RunTableModel", "Task"),
           QT_TRANSLATE_NOOP("RunTableModel", "What it learned: reconstruct, denoise, inpaint, …")),
    Column(QT_TRANSLATE_NOOP("RunTableModel", "Epochs"),
           QT_TRANSLATE_NOOP("RunTableModel", "Epochs trained, of those planned.")),
    Column(QT_TRANSLATE_NOOP("RunTableModel", "Val MSE"),
           QT_TRANSLATE_NOOP("RunTableModel", "Final validation mean squared error (lower is better).")),
    Column(QT_TRANSLATE_NOOP("RunTableModel", "Val PSNR"),
           QT_TRANSLATE_NOOP("RunTableModel", "Final validation PSNR in dB (higher is better).")),
    Column(QT_TRANSLATE_NOOP("RunTableModel", "Tags"),
           QT_TRANSLATE_NOOP("RunTableModel", "Your tags (Tags…).")),
)
NAME, STATUS, STARTED, DATASET, MODEL, LATENT, TASK, EPOCHS, MSE, PSNR, TAGS = range(len(COLUMNS))


def started_text(stamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(stamp)) if stamp else ""


class RunTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.runs: list[RunSummary] = []

    # -- contents ---------------------------------------------------------------------------
    def set_runs(self, runs: list[RunSummary]) -> None:
        self.beginResetModel()
        self.runs = list(runs)
        self.endResetModel()

    def update_run(self, summary: RunSummary) -> bool:
        """Replace one run's row in place (a followed run moved on); False if it is not listed."""
        for row, run in enumerate(self.runs):
            if run.folder == summary.folder:
                self.runs[row] = summary
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
                return True
        return False

    def run_at(self, row: int) -> RunSummary:
        return self.runs[row]

    def row_of(self, folder: Path) -> int | None:
        return next((i for i, r in enumerate(self.runs) if r.folder == folder), None)

    # -- Qt's model interface -----------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.runs)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return translate("RunTableModel", COLUMNS[section].title)
        if role == Qt.ItemDataRole.ToolTipRole:
            return translate("RunTableModel", COLUMNS[section].tip)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        run, column = self.runs[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(run, column)
        if role == SORT_ROLE:
            return self._sort_key(run, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tip(run, column))
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            return QBrush(STATUS_COLORS.get(run.status, QColor(80, 80, 80)))
        if role == Qt.ItemDataRole.FontRole and column == STATUS and run.status == "running":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (LATENT, EPOCHS, MSE, PSNR):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, run: RunSummary, column: int) -> str:
        if column == NAME:
            return run.name
        if column == STATUS:  # the shown word: the filter finds it, and it sorts by it
            word = STATUS_WORDS.get(run.status)
            return run.status if word is None else translate("RunTableModel", word)
        if column == STARTED:
            return started_text(run.created)
        if column == DATASET:
            return run.dataset
        if column == MODEL:
            return run.model
        if column == LATENT:
            return "" if run.latent_dim is None else str(run.latent_dim)
        if column == TASK:
            return run.task
        if column == EPOCHS:
            return f"{run.epochs_done} / {run.epochs_planned}" if run.epochs_planned else str(run.epochs_done)
        if column == MSE:
            value = run.metrics.get("val_mse")
            return "" if value is None else f"{value:.4g}"
        if column == PSNR:
            value = run.metrics.get("val_psnr")
            return "" if value is None else f"{value:.2f}"
        if column == TAGS:
            return ", ".join(run.tags)
        return ""

    def _sort_key(self, run: RunSummary, column: int):
        # Numbers sort as numbers; a run without the number sorts after those with it.
        missing = float("inf")
        if column == STARTED:
            return run.created
        if column == LATENT:
            return missing if run.latent_dim is None else run.latent_dim
        if column == EPOCHS:
            return run.epochs_done
        if column == MSE:
            return run.metrics.get("val_mse", missing)
        if column == PSNR:
            return run.metrics.get("val_psnr", -missing)
        return self._text(run, column).lower()

    def _tip(self, run: RunSummary, column: int) -> str:
        if column == STATUS and run.message:
            return translate_said(run.message)
        if column == NAME:
            return str(run.folder)
        if column in (MSE, PSNR) and not run.measured and self._text(run, column):
            return self.tr("{value}: the last epoch's validation (the run ended before its final measurement; "
                           "'aegui eval {folder}' measures it)").format(value=self._text(run, column),
                                                                         folder=run.folder)
        return self._text(run, column)


class RunFilter(QSortFilterProxyModel):
    """Keeps the rows whose text (any column) contains every word typed."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._words: list[str] = []

    def set_text(self, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+; invalidateFilter is deprecated there
            self.beginFilterChange()
            self._words = text.lower().split()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = text.lower().split()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        run = model.run_at(source_row)
        haystack = " ".join([model._text(run, c) for c in range(len(COLUMNS))]
                            + [run.folder.name, run.folder.parent.name]).lower()  # a study's name too
        return all(word in haystack for word in self._words)

    def lessThan(self, left, right) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)
