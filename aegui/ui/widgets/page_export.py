"""A Reconstruct page as one PNG: its rows (original, model input, reconstruction and,
when shown, the error map) stacked the way the tab shows them."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from aegui.core.imaging import comparison_grid, save_png
from aegui.core.reconstruction import PageResult
from aegui.ui.widgets.color_scale import colorize


def save_page_png(page: PageResult, path: Path, with_error: bool) -> None:
    rows = [page.original] + ([page.corrupted] if page.corrupted_input else []) + [page.reconstructed]
    if with_error:
        rows.append(colorize(page.error, float(page.error.max())))
    if any(r.shape[1] != rows[0].shape[1] for r in rows):  # mix of gray and colour rows
        rows = [np.repeat(r, 3, axis=1) if r.shape[1] == 1 else r for r in rows]
    save_png(comparison_grid(rows), path, scale=3)
