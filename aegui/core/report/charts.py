"""Small SVG charts for the report: loss curves and a latent scatter.

Plain SVG text, so the report needs no plotting library and no network, stays sharp at
any zoom, and its numbers can be read (and tested) in the file itself.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

import numpy as np

from aegui.core.class_palette import CLASS_COLORS, class_colors

PALETTE = CLASS_COLORS  # series and classes: the window's colours (aegui.core.class_palette)
MARGIN = (56, 16, 36, 44)  # left, right, top, bottom


@dataclass(frozen=True)
class Series:
    name: str
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    dashed: bool = False


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return [low]
    raw = (high - low) / count
    step = 10 ** math.floor(math.log10(raw))
    step *= next(m for m in (1, 2, 5, 10) if m * step >= raw)
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) / step + 1e-9) + 1)]


def _label(value: float) -> str:
    return f"{value:.3g}"


def _log_ticks(low: float, high: float) -> list[float]:
    """Ticks for a log axis spanning 10**low to 10**high: decades, else 1-2-5 steps, else plain."""
    decades = [10.0 ** e for e in range(math.floor(low), math.ceil(high) + 1) if low <= e <= high]
    if len(decades) >= 2:
        return decades
    steps = [m * 10.0 ** e for e in range(math.floor(low), math.ceil(high) + 1) for m in (1, 2, 5)
             if low <= math.log10(m * 10.0 ** e) <= high]
    return steps if len(steps) >= 2 else [t for t in _ticks(10 ** low, 10 ** high) if t > 0]


def line_chart(series: list[Series], x_label: str, y_label: str, *, log_y: bool = False,
               log_x: bool = False, x_ticks: Sequence[float] | None = None,
               width: int = 560, height: int = 280) -> str:
    """An SVG line chart of ``series`` (non-finite points, and points not positive on a log
    axis, are left out). ``x_ticks`` puts the x-axis labels at those values (such as the
    sizes a sweep tried) instead of round numbers."""
    def shown(x: float, y: float) -> bool:
        return math.isfinite(x) and math.isfinite(y) and (y > 0 or not log_y) and (x > 0 or not log_x)

    points = [(x, y) for s in series for x, y in zip(s.xs, s.ys) if shown(x, y)]
    left, right, top, bottom = MARGIN
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" role="img" aria-label="{escape(y_label)} by {escape(x_label)}">',
             '<style>text{font:11px sans-serif;fill:#333}.grid{stroke:#e4e4e4}</style>']
    if not points:
        parts.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">No data</text></svg>')
        return "".join(parts)
    fy = (lambda y: math.log10(y)) if log_y else (lambda y: y)
    fx = (lambda x: math.log10(x)) if log_x else (lambda x: x)
    xs, ys = [fx(p[0]) for p in points], [fy(p[1]) for p in points]
    x0, x1 = min(xs), max(xs) if max(xs) > min(xs) else min(xs) + 1
    y0, y1 = min(ys), max(ys)
    if y1 - y0 < 1e-12:
        y0, y1 = y0 - 0.5, y1 + 0.5
    pad = (y1 - y0) * 0.05
    y0, y1 = y0 - pad, y1 + pad
    plot_w, plot_h = width - left - right, height - top - bottom

    def sx(x: float) -> float:
        return left + (fx(x) - x0) / (x1 - x0) * plot_w

    def sy(y: float) -> float:
        return top + (1 - (fy(y) - y0) / (y1 - y0)) * plot_h

    if log_y:
        y_ticks = [10.0 ** e for e in range(math.floor(y0), math.ceil(y1) + 1) if y0 <= e <= y1]
        if len(y_ticks) < 2:  # less than a decade: plain ticks, placed on the log scale
            y_ticks = [t for t in _ticks(10 ** y0, 10 ** y1) if t > 0]
    else:
        y_ticks = _ticks(y0, y1)
    for t in y_ticks:
        y = sy(t)
        parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{_label(t)}</text>')
    if x_ticks is not None:
        ticks = [t for t in x_ticks if math.isfinite(t) and (t > 0 or not log_x)
                 and x0 - 1e-9 <= fx(t) <= x1 + 1e-9]
    else:
        ticks = _log_ticks(x0, x1) if log_x else _ticks(x0, x1)
    for t in ticks:
        x = sx(t)
        parts.append(f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle">{_label(t)}</text>')
    parts.append(f'<text x="{left + plot_w / 2}" y="{height - 6}" text-anchor="middle">{escape(x_label)}</text>'
                 f'<text transform="translate(14 {top + plot_h / 2}) rotate(-90)" text-anchor="middle">'
                 f'{escape(y_label)}</text>')
    parts.extend(_series_svg(series, sx, sy, shown, left, top))
    parts.append("</svg>")
    return "".join(parts)


def _series_svg(series: list[Series], sx, sy, shown, left: float, top: float) -> list[str]:
    """Each series' line (or dot, for one point) and its key in the top margin."""
    parts = []
    for i, s in enumerate(series):
        coords = [f"{sx(x):.1f},{sy(y):.1f}" for x, y in zip(s.xs, s.ys) if shown(x, y)]
        if not coords:
            continue
        colour = PALETTE[i % len(PALETTE)]
        dash = ' stroke-dasharray="5 4"' if s.dashed else ""
        shape = (f'<polyline fill="none" stroke="{colour}" stroke-width="2"{dash} points="{" ".join(coords)}"/>'
                 if len(coords) > 1 else
                 f'<circle cx="{coords[0].split(",")[0]}" cy="{coords[0].split(",")[1]}" r="3" fill="{colour}"/>')
        parts.append(f'<g><title>{escape(s.name)}</title>{shape}</g>')
        key_x = left + 140 * i  # the legend runs along the top margin, clear of the lines
        parts.append(f'<rect x="{key_x}" y="{top - 20}" width="14" height="3" fill="{colour}"/>'
                     f'<text x="{key_x + 20}" y="{top - 15}">{escape(s.name)}</text>')
    return parts


def scatter(coords: np.ndarray, labels: np.ndarray | None, class_names: tuple[str, ...], *,
            size: int = 420) -> str:
    """An SVG scatter of 2-D latent coordinates, coloured by class."""
    coords = np.asarray(coords, np.float64)
    keep = np.isfinite(coords).all(axis=1)
    coords = coords[keep]
    labels = None if labels is None else np.asarray(labels)[keep]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size + 120} {size}" width="{size + 120}" '
             f'height="{size}" role="img" aria-label="latent scatter">',
             '<style>text{font:11px sans-serif;fill:#333}</style>',
             f'<rect x="0" y="0" width="{size}" height="{size}" fill="#fafafa" stroke="#ddd"/>']
    if len(coords):
        low, high = coords.min(axis=0), coords.max(axis=0)
        span = np.where(high - low > 1e-12, high - low, 1.0)
        xy = 8 + (coords - low) / span * (size - 16)
        xy[:, 1] = size - xy[:, 1]
        classes = np.zeros(len(xy), int) if labels is None else labels.astype(int)
        colours = class_colors(max(len(class_names), int(classes.max()) + 1 if len(classes) else 1))
        for c in np.unique(classes):
            colour = colours[int(c) % len(colours)]
            dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.8"/>' for x, y in xy[classes == c])
            parts.append(f'<g fill="{colour}" fill-opacity="0.7">{dots}</g>')
        if labels is not None:
            for i, c in enumerate(np.unique(classes)[:20]):
                name = class_names[c] if 0 <= c < len(class_names) else str(c)
                colour = colours[int(c) % len(colours)]
                parts.append(f'<circle cx="{size + 16}" cy="{14 + 16 * i}" r="4" fill="{colour}"/>'
                             f'<text x="{size + 26}" y="{18 + 16 * i}">{escape(str(name))}</text>')
    parts.append("</svg>")
    return "".join(parts)
