"""File › Export to ONNX… and File › Export for PyTorch (torch.export)…: the two files
written on a worker thread, the result in the status bar, refusals in the banner."""

from __future__ import annotations

from pathlib import Path

import pytest

from aegui.app import build_main_window
from aegui.core.checkpoint import Experiment
from aegui.core.config import ExperimentConfig
from aegui.core.models import ModelSpec, build_model
from aegui.ui.main_window import MainWindow

TIMEOUT = 120_000


@pytest.fixture
def window(window_with) -> MainWindow:
    """A window with a small conditional VAE opened and its dataset loaded."""
    config = ExperimentConfig(model="cvae", latent_dim=3, hidden=4, device="cpu")
    spec = ModelSpec("cvae", 1, 28, 28, latent_dim=3, hidden=4, num_classes=10)
    return window_with(config, spec, "cvae.pt", class_names=tuple("0123456789"))


def test_export_to_onnx_writes_both_graphs_and_says_so(qtbot, window, tmp_path):
    out = tmp_path / "exports" / "digits.onnx"
    with qtbot.waitSignal(window.graph_exporter.finished, timeout=TIMEOUT) as blocker:
        assert window.files.export_graphs("onnx", str(out))
        assert not window.exportGraphActions["onnx"].isEnabled()  # one export at a time
    assert blocker.args == [True], window.banner.text()
    assert (out.parent / "digits.encoder.onnx").stat().st_size > 0
    assert (out.parent / "digits.decoder.onnx").stat().st_size > 0
    message = window.statusBar().currentMessage()
    assert message.startswith("Wrote digits.encoder.onnx and digits.decoder.onnx")
    assert "onnxruntime matches PyTorch within" in message and "26 validation images" in message
    assert window.banner.isHidden()
    qtbot.waitUntil(lambda: window.exportGraphActions["onnx"].isEnabled())


def test_the_menu_entry_exports_for_torch_export(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args: (str(tmp_path / "digits"), args[-1]))  # no suffix typed
    action = window.exportGraphActions["pt2"]
    assert action in window.menuBar().actions()[0].menu().actions()
    with qtbot.waitSignal(window.graph_exporter.finished, timeout=TIMEOUT) as blocker:
        action.trigger()
    assert blocker.args == [True], window.banner.text()
    assert sorted(p.name for p in tmp_path.glob("digits.*")) == ["digits.decoder.pt2", "digits.encoder.pt2"]
    assert "torch.export.load matches PyTorch" in window.statusBar().currentMessage()


def test_a_wrong_suffix_is_one_banner_and_no_work(qtbot, window, tmp_path):
    assert not window.files.export_graphs("onnx", str(tmp_path / "digits.pt"))
    assert not window.banner.isHidden() and ".onnx" in window.banner.text()
    assert not window.graph_exporter.is_busy() and not list(tmp_path.glob("digits*"))


def test_a_failed_export_is_one_banner(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr("aegui.core.pt2_export.TOLERANCE", -1.0)  # no difference is small enough
    with qtbot.waitSignal(window.graph_exporter.finished, timeout=TIMEOUT) as blocker:
        assert window.files.export_graphs("pt2", str(tmp_path / "digits.pt2"))
    assert blocker.args == [False]
    assert "does not reproduce the model" in window.banner.text()
    assert not list(tmp_path.glob("digits*"))


def test_an_unwritable_place_is_one_banner(qtbot, window, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with qtbot.waitSignal(window.graph_exporter.finished, timeout=TIMEOUT) as blocker_signal:
        assert window.files.export_graphs("pt2", str(blocker / "digits.pt2"))
    assert blocker_signal.args == [False]
    assert "Writing" in window.banner.text() and "failed" in window.banner.text()


def test_without_the_models_data_the_export_asks_for_it(qtbot, tmp_path):
    win = build_main_window()
    qtbot.addWidget(win)
    config = ExperimentConfig(dataset="npz:" + str(Path(tmp_path) / "gone.npz"), model="conv-ae",
                              latent_dim=3, hidden=4, device="cpu")
    model = build_model(ModelSpec("conv-ae", 1, 8, 8, latent_dim=3, hidden=4))
    win.state.set_experiment(Experiment(config, model), "test")
    assert not win.files.export_graphs("onnx", str(tmp_path / "m.onnx"))
    assert "load its dataset" in win.banner.text()
    win.close()
