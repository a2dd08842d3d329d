"""Dark mode: the window, its plots and the message banner follow a dark palette (the
system's, or Preferences › Appearance), and come back to light; one set of class colours for
the window and the report."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QApplication

from aegui.app import build_main_window
from aegui.ui import theme
from aegui.ui.preferences import SCHEME_KEY


def _backgrounds(window) -> list[int]:
    return [w.backgroundBrush().color().lightness() for w in window.findChildren(pg.PlotWidget)]


def test_plots_and_the_banner_follow_light_and_dark(qtbot):
    window = build_main_window()
    qtbot.addWidget(window)
    window.confirm_close = lambda: True
    window.show()
    try:
        for i in range(window.tabs.count()):  # build every tab and its plots
            window.tabs.setCurrentIndex(i)
            QApplication.processEvents()
        assert len(_backgrounds(window)) >= 8 and min(_backgrounds(window)) > 200
        window.settings.setValue(SCHEME_KEY, "dark")
        window._apply_preferences()
        QApplication.processEvents()
        assert theme.is_dark() and max(_backgrounds(window)) < 80
        assert theme.BANNER[True][0] in window.banner.styleSheet()
        latent = window.findChild(pg.PlotWidget, "latentPlot")
        assert latent.getPlotItem().getAxis("bottom").textPen().color().lightness() > 150
        # Lines and frames drawn for a white background turn light: the anomaly threshold, the
        # grid rectangle, the legends.
        threshold = window.analyze_tab.anomaly.threshold_line
        assert threshold.pen.color().lightness() > 150
        assert window.latent_tab.scatter.roi.pen.color().lightness() > 150
        assert window.analyze_tab.anomaly.legend.opts["brush"].color().lightness() < 80
        window.settings.setValue(SCHEME_KEY, "light")
        window._apply_preferences()
        QApplication.processEvents()
        assert not theme.is_dark() and min(_backgrounds(window)) > 200
        assert theme.BANNER[False][0] in window.banner.styleSheet()
    finally:
        window.settings.setValue(SCHEME_KEY, "system")
        window._apply_preferences()
        window.close()
    assert not theme.is_dark()


def test_one_class_palette_for_the_window_and_the_report():
    from aegui.core.class_palette import class_colors
    from aegui.core.report.charts import scatter
    from aegui.ui.widgets.latent_scatter import class_colors as window_colors

    for count in (3, 10, 14):
        assert [c.name() for c in window_colors(count)] == class_colors(count)
    import numpy as np

    svg = scatter(np.random.default_rng(0).normal(size=(40, 2)), np.arange(40) % 12,
                      tuple(f"c{i}" for i in range(12)))
    assert all(colour in svg for colour in class_colors(12))
