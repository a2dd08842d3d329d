"""One set of class colours for the window's scatter and legends, the HTML report and every
exported figure, so a class has the same colour wherever it is drawn: the ten Tableau
colours (readable on light and dark backgrounds alike), then evenly spaced hues for more."""

from __future__ import annotations

import colorsys

CLASS_COLORS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")


def class_colors(count: int) -> list[str]:
    """``count`` distinct colours as #rrggbb, the same for the same count everywhere."""
    if count <= len(CLASS_COLORS):
        return list(CLASS_COLORS[:count])
    colours = []
    for i in range(count):
        r, g, b = colorsys.hsv_to_rgb(i / count, 0.75, 0.85)
        colours.append(f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}")
    return colours


def rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
