"""A run that ends no better than the average image says so in a banner when it finishes."""

from __future__ import annotations

from aegui.app import build_main_window
from aegui.core.run.verdict import COLLAPSED


def test_a_collapsed_run_ends_with_a_banner_that_says_what_to_try(qtbot, tiny_npz):
    win = build_main_window()
    qtbot.addWidget(win)
    win.confirm_close = lambda: True
    win.show()
    with qtbot.waitSignal(win.data_tab.loadFinished, timeout=30_000):
        win.data_tab.load_spec(tiny_npz)
    win.train_tab.apply_config(win.state.config.with_changes(
        model="dense-ae", hidden=8, latent_dim=4, epochs=2, batch_size=32, lr=1000.0, loss="mse", device="cpu"))
    with qtbot.waitSignal(win.controller.runFinished, timeout=120_000) as done:
        assert win.start_training()
    assert done.args == [True]
    assert win.banner.isVisible() and COLLAPSED in win.banner.text()
    assert "smaller learning rate (now 10;" in win.banner.text()  # the Train tab caps it at 10
    win.close()
