"""Light or dark: the window follows the system's choice (or the one in Preferences), and
what aegui paints itself (plots, the message banner) follows the window's palette.

Qt switches the palette of the standard widgets; pyqtgraph's plots are given a background
when they are made, so they are restyled here whenever the palette changes."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

SCHEMES = {"system": Qt.ColorScheme.Unknown, "light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}
# The banner's colours: a soft red on light windows, a deep one on dark windows.
BANNER = {False: ("#fde8e8", "#e0a0a0", "#7a1010"), True: ("#4a2020", "#a05050", "#ffd7d7")}


def palette() -> QPalette:
    app = QApplication.instance()
    return app.palette() if isinstance(app, QApplication) else QPalette()


def is_dark(pal: QPalette | None = None) -> bool:
    """Whether the window is dark, by its palette (whatever set it: the system or the user)."""
    return (pal or palette()).color(QPalette.ColorRole.Window).lightness() < 128


def plot_background() -> QColor:
    return palette().color(QPalette.ColorRole.Base)


def plot_foreground() -> QColor:
    return palette().color(QPalette.ColorRole.Text)


_system_palette: QPalette | None = None  # the palette the app started with, for "system"


def dark_palette() -> QPalette:
    """A dark palette for where the platform has none to give (a bare X server, older Qt)."""
    pal = QPalette()
    roles = QPalette.ColorRole
    for role, colour in ((roles.Window, "#2d2d2d"), (roles.WindowText, "#e0e0e0"), (roles.Base, "#1e1e1e"),
                         (roles.AlternateBase, "#2a2a2a"), (roles.ToolTipBase, "#2d2d2d"),
                         (roles.ToolTipText, "#e0e0e0"), (roles.Text, "#e0e0e0"), (roles.Button, "#353535"),
                         (roles.ButtonText, "#e0e0e0"), (roles.BrightText, "#ff6060"), (roles.Link, "#4aa3ff"),
                         (roles.Highlight, "#2a82da"), (roles.HighlightedText, "#ffffff"),
                         (roles.PlaceholderText, "#8a8a8a"), (roles.Mid, "#4a4a4a"), (roles.Dark, "#1a1a1a"),
                         (roles.Light, "#505050"), (roles.Shadow, "#101010")):
        pal.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7f7f7f"))
    return pal


def apply_scheme(choice: str) -> None:
    """"system", "light" or "dark": ask Qt for that scheme; where the platform cannot give it
    (the palette stays as it was), set a light or dark palette of aegui's own."""
    global _system_palette
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _system_palette is None:
        _system_palette = QPalette(app.palette())
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "setColorScheme"):  # Qt 6.8 and later
        hints.setColorScheme(SCHEMES.get(choice, Qt.ColorScheme.Unknown))
    if choice == "system":
        if is_dark(app.palette()) != is_dark(_system_palette):
            app.setPalette(_system_palette)
    elif is_dark(app.palette()) != (choice == "dark"):
        app.setPalette(dark_palette() if choice == "dark" else app.style().standardPalette())


def banner_style(dark: bool) -> str:
    background, border, text = BANNER[dark]
    return (f"#errorBanner {{ background: {background}; border: 1px solid {border}; border-radius: 4px; }} "
            f"#errorBanner QLabel, #errorBanner QToolButton {{ color: {text}; }}")


def restyle_plots(root: QWidget) -> int:
    """Give every pyqtgraph plot under ``root`` the palette's background and text colours."""
    pg = sys.modules.get("pyqtgraph")  # imported when the first plot is made: none before
    if pg is None:
        return 0
    background, foreground = plot_background(), plot_foreground()
    plots = [w for w in [root, *root.findChildren(QWidget)] if isinstance(w, pg.PlotWidget)]
    for plot in plots:
        plot.setBackground(background)
        item = plot.getPlotItem()
        for side in ("left", "bottom", "right", "top"):
            axis = item.getAxis(side)
            axis.setTextPen(foreground)
            axis.setPen(foreground)
        if item.titleLabel is not None and item.titleLabel.text:
            item.setTitle(item.titleLabel.text, color=foreground)
        _restyle_overlays(pg, item, background, foreground)
    return len(plots)


def _neutral(colour: QColor) -> bool:
    """A black, grey or white (a line or frame drawn for the background), not a data colour."""
    return colour.hslSaturation() < 40


def _restyle_overlays(pg, item, background: QColor, foreground: QColor) -> None:
    """Legends, threshold lines and the grid rectangle drawn in black or white: in the text colour."""
    legend = item.legend
    if legend is not None:
        fill = QColor(background)
        fill.setAlpha(210)
        legend.setBrush(pg.mkBrush(fill))
        legend.setLabelTextColor(foreground)
    for child in item.items:
        if isinstance(child, pg.InfiniteLine) and _neutral(child.pen.color()):
            child.setPen(pg.mkPen(foreground, width=child.pen.widthF()))
        elif isinstance(child, pg.ROI) and _neutral(child.pen.color()):
            pen = pg.mkPen(child.pen)
            pen.setColor(foreground)
            child.setPen(pen)
            for handle in child.getHandles():
                handle.pen = handle.currentPen = pg.mkPen(foreground, width=2)
                handle.update()
