import pytest

from aegui.core.text import plural


@pytest.mark.parametrize("count, word, expected", [
    (1, "epoch", "1 epoch"),
    (2, "epoch", "2 epochs"),
    (0, "epoch", "0 epochs"),
    (10_000, "image", "10,000 images"),
    (1, "class", "1 class"),
    (3, "class", "3 classes"),
    (2, "entry", "2 entries"),
    (2, "day", "2 days"),
    (1_234_567, "batch", "1,234,567 batches"),
])
def test_plural(count, word, expected):
    assert plural(count, word) == expected


def test_plural_takes_an_irregular_form():
    assert plural(2, "datum", "data") == "2 data"
    assert plural(1, "datum", "data") == "1 datum"
