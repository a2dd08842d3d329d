"""Tick values and labels that stay readable: plain digits where they read well, powers of
ten beyond, 1-2-5 steps, and log-scale ticks that never crowd. Pure arithmetic (no Qt), so
the plots that need it can load without pyqtgraph."""

from __future__ import annotations

import math

import numpy as np

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
LOG_LIMIT = 300.0  # log10 of the largest value a log axis labels: 10 ** 309 is past a float


def format_number(value: float) -> str:
    """Plain digits where they read well ("0.02", "150"), powers of ten beyond."""
    if value == 0:
        return "0"
    if not math.isfinite(value):
        return "∞" if value > 0 else "−∞" if value < 0 else ""
    if 1e-3 <= abs(value) < 1e5:
        return f"{value:.6g}"
    mantissa, exponent = f"{value:.1e}".split("e")
    power = f"10{str(int(exponent)).translate(_SUPERSCRIPT)}"
    mantissa = mantissa.rstrip("0").rstrip(".")
    return power if mantissa == "1" else f"{mantissa}·{power}"


def power_of_ten(exponent: float) -> float:
    """``10 ** exponent``, infinite (not OverflowError) past a float's range."""
    try:
        return 10.0 ** exponent
    except OverflowError:
        return math.inf


def nice_step(raw: float) -> float:
    """The smallest of 1, 2 or 5 times a power of ten that is at least ``raw``."""
    base = 10.0 ** math.floor(math.log10(raw))
    return next(m * base for m in (1, 2, 5, 10) if m * base >= raw * (1 - 1e-9))


def log_ticks(low: float, high: float, max_labels: int) -> list[tuple[float | None, list[float]]]:
    """Ticks for a log axis over log10 values ``low``..``high``: one labelled level (first)
    and one unlabelled level (spacing None) of minor marks.

    Wide ranges label decades only (every n-th if they would crowd); about one to two
    decades label 1, 2 and 5 times a power of ten; narrower ones use plain linear steps."""
    low, high = sorted((low, high))
    if not (math.isfinite(low) and math.isfinite(high)) or high - low <= 0:
        return []
    # A loss that exploded (or a view still in linear units while log mode switches on) can
    # put the range past what a float holds: label what can be labelled.
    low, high = max(low, -LOG_LIMIT), min(high, LOG_LIMIT)
    if high - low <= 0:
        return []
    max_labels = max(2, max_labels)

    def inside(values):
        return [v for v in values if low <= v <= high]

    decades = list(range(math.ceil(low), math.floor(high) + 1))
    below, above = math.floor(low), math.ceil(high)
    if high - low >= 2 and len(decades) >= 2:
        every = math.ceil(len(decades) / max_labels)
        labelled = [float(d) for d in decades if d % every == 0]
        minor = [float(d) for d in decades if d % every]
        if high - low <= 6:  # the 2…9 marks would be a solid smear over more decades
            minor += inside(d + math.log10(m) for d in range(below, above) for m in range(2, 10))
        return [(float(every), labelled), (None, sorted(minor))]
    one_two_five = inside(d + math.log10(m) for d in range(below, above + 1) for m in (1, 2, 5))
    if 3 <= len(one_two_five) <= max_labels:
        minor = inside(d + math.log10(m) for d in range(below, above + 1) for m in (3, 4, 6, 7, 8, 9))
        return [(1.0, one_two_five), (None, minor)]
    a, b = 10.0 ** low, 10.0 ** high
    step = nice_step((b - a) / min(max_labels, 5))
    values = np.arange(math.ceil(a / step) * step, b * (1 + 1e-9), step)
    return [(1.0, [math.log10(v) for v in values if v > 0]), (None, [])]
