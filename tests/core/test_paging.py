"""The Reconstruct tab's order and pages, as pure functions."""

from __future__ import annotations

import numpy as np
import pytest

from aegui.core.paging import ordered_rows, page_count, page_of, rows_of_class


def test_a_class_keeps_only_its_rows():
    labels = np.array([3, 1, 3, 0, 3])
    assert rows_of_class(5, labels, 3).tolist() == [0, 2, 4]
    assert rows_of_class(5, labels, None).tolist() == [0, 1, 2, 3, 4]
    assert rows_of_class(5, None, 3).tolist() == [0, 1, 2, 3, 4]  # no labels: nothing to keep by


def test_worst_and_best_first_rank_by_error_and_keep_ties_in_dataset_order():
    errors = np.array([0.5, 0.1, 0.9, 0.1, 0.7])
    rows = np.array([0, 1, 2, 3, 4])
    assert ordered_rows(rows, "worst", errors=errors).tolist() == [2, 4, 0, 3, 1]
    assert ordered_rows(rows, "best", errors=errors).tolist() == [1, 3, 0, 4, 2]
    assert ordered_rows(np.array([0, 4]), "worst", errors=errors).tolist() == [4, 0]  # a class's rows
    with pytest.raises(ValueError, match="errors"):
        ordered_rows(rows, "worst")


def test_a_shuffle_is_the_same_for_the_same_seed_and_another_for_another():
    rows = np.arange(100)
    a, b = ordered_rows(rows, "shuffled", seed=3), ordered_rows(rows, "shuffled", seed=3)
    assert a.tolist() == b.tolist() and sorted(a.tolist()) == rows.tolist() and a.tolist() != rows.tolist()
    assert ordered_rows(rows, "shuffled", seed=4).tolist() != a.tolist()
    assert ordered_rows(rows, "dataset").tolist() == rows.tolist()


def test_pages_cover_every_row_once_and_clamp():
    order = np.arange(37)
    assert page_count(37, 16) == 3 and page_count(0, 16) == 1
    pages = [page_of(order, i, 16)[1] for i in range(3)]
    assert np.concatenate(pages).tolist() == order.tolist()
    assert page_of(order, 99, 16)[0] == 2 and page_of(order, -5, 16)[0] == 0
