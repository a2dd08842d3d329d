"""Text that comes from files, folders or the user is shown as text, never as Qt rich text:
a run folder named like an HTML tag must not become markup (an image fetched, a link, a
layout broken) in any label or tooltip of any tab."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QLabel, QWidget

from aegui.core.config import ExperimentConfig
from aegui.core.models import ModelSpec
from aegui.core.run.files import write_history_csv, write_json

HOSTILE = '"><img src=x onerror=alert(1)><b>bold'


def rendered_as_markup(text: str, text_format: Qt.TextFormat) -> bool:
    """Whether Qt would render ``text`` as rich text with the hostile tag in it."""
    if "<img src=x" not in text:
        return False
    return text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and QtGui.mightBeRichText(text))


def offenders(root: QWidget) -> list[str]:
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        name = widget.objectName() or type(widget).__name__
        if isinstance(widget, QLabel) and rendered_as_markup(widget.text(), widget.textFormat()):
            found.append(f"{name}: {widget.text()[:80]}")
        if rendered_as_markup(widget.toolTip(), Qt.TextFormat.AutoText):
            found.append(f"{name} tooltip: {widget.toolTip()[:80]}")
    return found


@pytest.fixture
def hostile_window(window_with, tmp_path):
    config = ExperimentConfig(model="dense-ae", latent_dim=2, hidden=4, depth=1, device="cpu", epochs=2)
    spec = ModelSpec("dense-ae", 1, 28, 28, latent_dim=2, hidden=4, depth=1)
    (tmp_path / HOSTILE).mkdir()
    return window_with(config, spec, f"{HOSTILE}/experiment.pt", class_names=tuple("0123456789"))


def test_a_hostile_run_folder_name_is_never_markup_on_any_tab(qtbot, hostile_window, isolated_app_files):
    win = hostile_window
    run = isolated_app_files / "runs" / HOSTILE  # the same name in the Runs table, with a hostile tag
    run.mkdir(parents=True)
    write_json(ExperimentConfig(epochs=1, dataset=f"npz:/data/{HOSTILE}.npz").to_dict(), run / "config.json")
    write_history_csv([{"epoch": 1, "train_loss": 1.0, "val_loss": 1.0}], run / "history.csv")
    (run / "experiment.pt").write_bytes(b"x")
    write_json({"name": HOSTILE, "tags": [HOSTILE]}, run / "notes.json")
    for index in range(win.tabs.count()):
        win.tabs.setCurrentIndex(index)
        qtbot.wait(50)
    runs = win.runs_tab
    with qtbot.waitSignal(runs.listed, timeout=30_000):
        runs.refresh()
    model = runs.model
    tips = [model.data(model.index(0, column), Qt.ItemDataRole.ToolTipRole) for column in range(model.columnCount())]
    assert any(HOSTILE in (tip or "") or "&lt;img" in (tip or "") for tip in tips)
    bad_tips = [tip for tip in tips if tip and rendered_as_markup(tip, Qt.TextFormat.AutoText)]
    assert not bad_tips
    analyze = win.analyze_tab
    win.tabs.setCurrentWidget(analyze)
    found = offenders(win)
    assert found == [], "\n".join(found)


def test_class_names_from_a_file_are_never_markup(qtbot, window_with, tmp_path):
    config = ExperimentConfig(model="dense-ae", latent_dim=2, hidden=4, depth=1, device="cpu")
    spec = ModelSpec("dense-ae", 1, 28, 28, latent_dim=2, hidden=4, depth=1)
    win = window_with(config, spec)
    path = tmp_path / f"{HOSTILE}.npz"  # a data file named like markup, with classes named so too
    rng = np.random.default_rng(0)
    np.savez(path, images=rng.integers(0, 255, (40, 28, 28), dtype=np.uint8), labels=np.arange(40) % 2,
             class_names=np.array([HOSTILE, "plain"]))
    with qtbot.waitSignal(win.data_tab.loadFinished, timeout=30_000):
        win.data_tab.load_spec(f"npz:{path}")
    for index in range(win.tabs.count()):
        win.tabs.setCurrentIndex(index)
        qtbot.wait(50)
    found = offenders(win)
    assert found == [], "\n".join(found)
