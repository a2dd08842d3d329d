"""The latent scatter's dots are freed with their data: clicking the cloud and then showing
new codes (what a user does all session) must not keep the old points alive."""

from __future__ import annotations

import gc

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF

from aegui.ui.app_state import AppState
from aegui.ui.latent.timeline_panel import TimelinePanel
from aegui.ui.widgets.dot_cloud import DotCloud
from aegui.ui.widgets.latent_scatter import LatentScatter


def spot_items() -> int:
    gc.collect()
    return sum(isinstance(o, pg.SpotItem) for o in gc.get_objects())


def test_hit_tested_dots_are_freed_with_their_data(qtbot):
    cloud = DotCloud(size=4, pen=None)
    before = spot_items()
    for _ in range(3):
        cloud.setData(pos=np.random.default_rng(0).random((5000, 2)))
        cloud.pointsAt(QPointF(0.5, 0.5))  # what pyqtgraph's own click handling would do
    assert spot_items() - before <= 5000  # the last data's only, not 15,000
    cloud.clear()
    assert spot_items() == before


def test_the_latent_views_use_the_cloud(qtbot):
    scatter, timeline = LatentScatter(), TimelinePanel(AppState())
    qtbot.addWidget(scatter)
    qtbot.addWidget(timeline)
    assert isinstance(scatter.scatter, DotCloud) and isinstance(timeline.scatter, DotCloud)
