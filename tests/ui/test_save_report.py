"""File › Save report…: the one-page report of the current model, with the analyses the
Analyze tab shows, written on a worker thread."""

from __future__ import annotations

import re

import pytest

from aegui.core.config import ExperimentConfig
from aegui.core.models import ModelSpec
from aegui.ui.main_window import MainWindow

TIMEOUT = 120_000


@pytest.fixture
def window(window_with) -> MainWindow:
    config = ExperimentConfig(model="dense-ae", latent_dim=2, hidden=4, depth=1, device="cpu")
    spec = ModelSpec("dense-ae", 1, 28, 28, latent_dim=2, hidden=4, depth=1)
    return window_with(config, spec, "digits/experiment.pt", class_names=tuple("0123456789"),
                       metrics={"val_mse": 0.0123456})


def test_the_report_has_the_model_the_shown_analysis_and_inlined_images(qtbot, window, tmp_path):
    analyze = window.analyze_tab
    window.tabs.setCurrentWidget(analyze)
    analyze.panels.setCurrentWidget(analyze.pca)
    qtbot.waitUntil(lambda: analyze.pca.result is not None, timeout=TIMEOUT)
    out = tmp_path / "out" / "report.html"
    with qtbot.waitSignal(window.report_writer.finished, timeout=TIMEOUT) as blocker:
        assert window.files.save_report(str(out))
    assert blocker.args == [str(out)], window.banner.text()
    html = out.read_text(encoding="utf-8")
    assert "<title>digits · aegui report</title>" in html and "0.01235" in html
    assert "Compared with PCA" in html and f"{analyze.pca.result.ae_mse:.5f}" in html
    images = re.findall(r'<img[^>]*src="([^"]*)"', html)
    assert images and all(src.startswith("data:image/png;base64,") for src in images)
    assert "Saved the report" in window.statusBar().currentMessage()


def test_a_report_without_its_data_or_of_another_type_is_one_banner(qtbot, window, tmp_path):
    assert not window.files.save_report(str(tmp_path / "report.pdf"))
    assert "html" in window.banner.text()
    window.state.clear_error("file")
    assert window.saveReportAction in window.menuBar().actions()[0].menu().actions()


def test_the_report_loads_the_models_data_when_other_data_is_on_screen(qtbot, window, tmp_path):
    """Save report refused while another dataset was loaded, though Reconstruct showed the same
    model without complaint: it loads the model's own data on its worker."""
    colour = tmp_path / "colour.npz"
    import numpy as np

    np.savez(colour, x=np.random.default_rng(0).integers(0, 255, (64, 32, 32, 3), dtype=np.uint8))
    with qtbot.waitSignal(window.data_tab.loadFinished, timeout=30_000):
        window.data_tab.load_spec(f"npz:{colour}")
    assert window.state.experiment_split() is None  # the model's data is not on screen
    out = tmp_path / "report.html"
    with qtbot.waitSignal(window.report_writer.finished, timeout=TIMEOUT) as blocker:
        assert window.files.save_report(str(out))
    assert blocker.args == [str(out)], window.banner.text()
    html = out.read_text(encoding="utf-8")
    assert re.findall(r'<img[^>]*src="data:image/png;base64,', html) and window.banner.isHidden()
    assert len(window.state.dataset) == 64  # what the user loaded stays loaded
