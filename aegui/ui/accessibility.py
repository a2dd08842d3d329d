"""Names and descriptions for what assistive technology cannot read by itself: the widgets
that paint their own content (image grids, plots, colour scales; the drawing canvas names
itself).

Buttons, labels and fields say what they are from their text; a widget that paints does
not, so a screen reader would announce "graphics view" for the loss curves. Each such
widget that has no accessible name yet gets one from what it shows (a plot's title and
axes, a grid's object name and placeholder), when the main window or a tab is built.
"""

from __future__ import annotations

import html
import re
import sys

from PySide6.QtWidgets import QWidget

from aegui.ui.widgets.image_grid import ImageGrid

TAGS = re.compile(r"<[^>]+>")


def _is(widget: QWidget, module: str, name: str) -> bool:
    """isinstance against a class whose module may not be imported yet (then no widget is
    one of it): naming must not import pyqtgraph before the first plot does."""
    loaded = sys.modules.get(module)
    return loaded is not None and isinstance(widget, getattr(loaded, name))


def words_of(object_name: str) -> str:
    """"originalView" -> "Original view"; "" for no name."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", object_name).strip().lower()
    return spaced[:1].upper() + spaced[1:]


def _plain(text: str) -> str:
    return html.unescape(TAGS.sub("", text or "")).strip()


def _plot_texts(view) -> tuple[str, str]:
    pg = sys.modules["pyqtgraph"]
    plot = view.getPlotItem() if isinstance(view, pg.PlotWidget) else None
    if plot is None:
        return words_of(view.objectName()) or "Plot", "A plot."
    title = _plain(plot.titleLabel.text) if plot.titleLabel is not None else ""
    x, y = (_plain(plot.getAxis(side).labelText) for side in ("bottom", "left"))
    description = f"A plot of {y} against {x}." if x and y else "A plot."
    return title or words_of(view.objectName()) or "Plot", description


def texts_for(widget: QWidget) -> tuple[str, str] | None:
    """(name, description) for a widget that paints its own content; None for others."""
    if _is(widget, "pyqtgraph", "GraphicsView"):
        return _plot_texts(widget)
    if isinstance(widget, ImageGrid):
        hint = f" {widget.placeholder}" if widget.placeholder else ""
        return (words_of(widget.objectName()) or "Images",
                "A grid of images; the arrow keys choose one, Enter opens it larger." + hint)
    if _is(widget, "aegui.ui.widgets.color_scale", "ColorScaleBar"):
        return "Colour scale", "Which colour stands for which value in the images beside it."
    if _is(widget, "aegui.ui.widgets.class_count_plot", "ClassCountPlot"):
        return "Images per class", "A bar for each class: how many images of it the data holds."
    return None


def name_custom_widgets(root: QWidget) -> int:
    """Give every self-painting widget under ``root`` (and ``root``) a name and description
    where it has none; returns how many were named."""
    named = 0
    for widget in [root, *root.findChildren(QWidget)]:
        texts = texts_for(widget)
        if texts is None:
            continue
        if not widget.accessibleName():
            widget.setAccessibleName(texts[0])
            named += 1
        if not widget.accessibleDescription():
            widget.setAccessibleDescription(texts[1])
    return named
