"""Which validation images the Reconstruct tab shows, in which order, page by page.

Pure functions of the rows and their errors, so the order a user sees ("worst first")
is the order a test or a script gets for the same model and corruption.
"""

from __future__ import annotations

import numpy as np

ORDER_KEYS = ("dataset", "worst", "best", "shuffled")
NEEDS_ERRORS = ("worst", "best")  # orders that rank images by their reconstruction error


def rows_of_class(count: int, labels: np.ndarray | None, cls: int | None) -> np.ndarray:
    """Row indices 0..count-1, only those labelled ``cls`` when one is given."""
    rows = np.arange(count)
    if cls is None or cls < 0 or labels is None:
        return rows
    return rows[np.asarray(labels)[:count] == cls]


def ordered_rows(rows: np.ndarray, order: str, *, errors: np.ndarray | None = None, seed: int = 0) -> np.ndarray:
    """``rows`` in display order: as they are, by error (ties keep dataset order), or in a
    shuffle drawn from ``seed``. ``errors`` (one per dataset row) is needed to rank."""
    if order not in ORDER_KEYS:
        raise ValueError(f"unknown order {order!r}; one of {', '.join(ORDER_KEYS)}")
    if order == "shuffled":
        return np.random.default_rng(seed + 1).permutation(rows)
    if order in NEEDS_ERRORS:
        if errors is None:
            raise ValueError(f"ordering {order} first needs the reconstruction errors")
        by_error = rows[np.argsort(np.asarray(errors)[rows], kind="stable")]
        return by_error[::-1].copy() if order == "worst" else by_error
    return np.asarray(rows)


def page_count(rows: int, page_size: int) -> int:
    """Pages of ``page_size`` for ``rows`` rows; at least one, even when empty."""
    return max(1, -(-rows // max(1, page_size)))


def page_of(order: np.ndarray, page: int, page_size: int) -> tuple[int, np.ndarray]:
    """The page (clamped into range) and its rows."""
    page = int(np.clip(page, 0, page_count(len(order), page_size) - 1))
    return page, order[page * page_size : (page + 1) * page_size]
