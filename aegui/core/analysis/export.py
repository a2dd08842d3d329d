"""What the Analyze panels export: scores and curves as CSV, written atomically."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from aegui.core.analysis.anomaly import flagged
from aegui.core.checkpoint import atomic_write
from aegui.core.csv_safe import SafeWriter

SCORES_HEADER = ("row", "label", "score", "flagged")


def write_scores_csv(path: Path, rows: np.ndarray, labels: np.ndarray | None, scores: np.ndarray,
                     threshold: float) -> Path:
    """``row,label,score,flagged`` for every image, written atomically. ``rows`` are the
    images' rows in their dataset (:meth:`ImageDataset.row_ids`); ``label`` is empty for
    unlabelled data; ``flagged`` is 1 above the threshold."""
    rows = np.asarray(rows).ravel()
    scores = np.asarray(scores, np.float64).ravel()
    if len(rows) != len(scores) or (labels is not None and len(labels) != len(scores)):
        raise ValueError("rows, labels and scores must have one entry per image.")
    marks = flagged(scores, threshold)
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator="\n")
    writer.writerow(SCORES_HEADER)
    for i in range(len(scores)):
        label = "" if labels is None else int(labels[i])
        writer.writerow([int(rows[i]), label, f"{scores[i]:.8g}", int(marks[i])])
    path = Path(path)
    atomic_write(path, lambda handle: handle.write(buffer.getvalue().encode()))
    return path


def write_columns_csv(path: Path, columns: dict[str, Iterable]) -> Path:
    """Curves (ROC, precision-recall, a PCA or label-efficiency curve) as CSV columns,
    written atomically. Shorter columns are padded with empty cells."""
    names = list(columns)
    values = [list(np.asarray(v).ravel()) if not isinstance(v, list) else v for v in columns.values()]
    length = max((len(v) for v in values), default=0)
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator="\n")
    writer.writerow(names)
    for i in range(length):
        writer.writerow([_cell(v[i]) if i < len(v) else "" for v in values])
    path = Path(path)
    atomic_write(path, lambda handle: handle.write(buffer.getvalue().encode()))
    return path


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.8g}"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    return str(value)
