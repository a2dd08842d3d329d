"""The Data tab's images-per-class chart: bars as tall as the counts, names under them."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from aegui.ui.widgets.class_count_plot import BAR_COLOR, ClassCountPlot, count_ticks


@pytest.fixture
def chart(qtbot):
    widget = ClassCountPlot()
    qtbot.addWidget(widget)
    widget.resize(420, 220)
    return widget


def _bar_heights(widget: ClassCountPlot) -> list[int]:
    """Each bar's painted height in pixels, read back from a rendering."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    heights = []
    for i in range(widget.bar_count()):
        x = int(widget.bar_rect(i).center().x())
        heights.append(sum(QColor(image.pixel(x, y)) == BAR_COLOR for y in range(image.height())))
    return heights


def test_bars_are_painted_as_tall_as_the_counts(chart):
    chart.set_counts(np.array([100, 50, 25]), ["zero", "one", "two"])
    assert chart.bar_count() == 3
    tall, half, quarter = _bar_heights(chart)
    assert tall > 60
    assert abs(half - tall / 2) <= 2 and abs(quarter - tall / 4) <= 2


def test_pointing_finds_the_bar_under_the_mouse(chart):
    chart.set_counts(np.array([5, 7]), ["cat", "dog"])
    for i in range(2):
        assert chart.bar_at(chart.bar_rect(i).center().x()) == i
    assert chart.bar_at(0) is None  # the axis labels, left of the bars


def test_no_data_or_no_labels_paint_a_message_and_no_bars(chart):
    assert chart.bar_count() == 0 and chart.message == "no dataset loaded"
    chart.set_counts(np.array([3, 4]), ["a", "b"])
    chart.set_counts(np.zeros(0), [])
    assert chart.bar_count() == 0 and "unlabeled" in chart.message
    image = chart.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert not any(QColor(image.pixel(x, y)) == BAR_COLOR
                   for x in range(0, image.width(), 3) for y in range(0, image.height(), 3))


def test_many_classes_still_paint(chart):
    chart.set_counts(np.arange(1, 101), [str(i) for i in range(100)])  # numeric ticks past 30 names
    assert chart.bar_count() == 100 and max(_bar_heights(chart)[-3:]) > 0


def test_count_ticks_are_round_and_cover_the_range():
    assert count_ticks(1080, 5) == [0, 500, 1000]
    assert count_ticks(1080, 6) == [0, 200, 400, 600, 800, 1000]
    assert count_ticks(3.24, 10) == [0, 1, 2, 3]  # whole images only
