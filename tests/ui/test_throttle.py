"""The first move of a slider (or stroke) decodes at once; a burst costs one more call, with
the last value; and Pause is not Print's Ctrl+P."""

from __future__ import annotations

from aegui.ui.throttle import Throttle


def test_the_first_request_runs_at_once_and_a_burst_ends_with_one_more(qtbot):
    calls = []
    throttle = Throttle(50, lambda: calls.append(len(calls)))
    throttle.request()
    assert calls == [0]  # no wait for the first
    throttle.request()
    throttle.request()
    assert calls == [0]  # within the interval: held
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=2000)  # the held one runs once
    qtbot.wait(120)
    assert len(calls) == 2  # and nothing more without requests
    throttle.request()
    assert len(calls) == 3  # idle again: at once


def test_a_slider_move_decodes_without_waiting(qtbot):
    import numpy as np

    from aegui.ui.latent.sliders_panel import LatentSliders

    sliders = LatentSliders()
    qtbot.addWidget(sliders)
    sliders.set_dim(2)
    got = []
    sliders.valuesChanged.connect(got.append)
    sliders.sliders[0].setValue(sliders.sliders[0].value() + 40)
    assert len(got) == 1 and not np.allclose(got[0], 0)


def test_pause_is_not_the_print_shortcut(qtbot):
    from PySide6.QtGui import QKeySequence

    from aegui.app import build_main_window

    window = build_main_window()
    qtbot.addWidget(window)
    printing = QKeySequence(QKeySequence.StandardKey.Print)
    assert window.pauseAction.shortcut() != printing and window.pauseAction.shortcut().toString() == "Ctrl+Shift+P"
    window.close()
