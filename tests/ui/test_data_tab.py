"""The Data tab: loading off the GUI thread, errors, summary, split, preview and chart."""

from __future__ import annotations

import socket
import time

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QProgressBar,
    QPushButton,
)

from aegui.ui.app_state import AppState
from aegui.ui.data_tab import ERROR_TITLE, DataTab
from aegui.ui.widgets.banner import MessageBanner
from aegui.ui.widgets.class_count_plot import ClassCountPlot
from aegui.ui.widgets.image_grid import ImageGrid
from aegui.workers.tasks import running_task_threads

LOAD_TIMEOUT_MS = 20_000


@pytest.fixture
def state() -> AppState:
    return AppState()


@pytest.fixture
def banner(state) -> MessageBanner:
    """The window's banner, wired as the main window wires it."""
    widget = MessageBanner()
    state.errorRaised.connect(widget.show_message)
    state.errorCleared.connect(widget.hide)
    return widget


def flush_deferred_deletes() -> None:
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def tab(qtbot, state):
    flush_deferred_deletes()  # widgets other tests handed to deleteLater()
    widget = DataTab(state)
    widget.resize(1280, 760)
    widget.show()
    yield widget
    assert widget.shutdown(10.0), "a dataset-loading thread is still running"
    assert running_task_threads() == 0
    # Delete now, on this thread, rather than in the next test's event loop while its
    # loader thread may be collecting garbage (a PySide race that can crash the process).
    widget.close()
    widget.deleteLater()
    flush_deferred_deletes()


def load(qtbot, tab: DataTab, spec: str, **kwargs) -> bool:
    with qtbot.waitSignal(tab.loadFinished, timeout=LOAD_TIMEOUT_MS) as blocker:
        tab.load_spec(spec, **kwargs)
    return blocker.args[0]


def error_text(banner: MessageBanner) -> str:
    assert not banner.isHidden()
    return banner.text()


def bar_count(tab: DataTab) -> int:
    return tab.findChild(ClassCountPlot, "classCountPlot").bar_count()


def test_bundled_mnist_loads_and_is_shown(qtbot, tab, state):
    assert load(qtbot, tab, "mnist-10k")
    assert len(state.dataset) == 10_000
    assert state.dataset_spec == "mnist-10k"
    summary = tab.findChild(QLabel, "dataSummary").text()
    assert "10,000" in summary or "10000" in summary
    assert "28×28" in summary
    assert "MNIST database" in summary  # the credit note
    assert "9,000 train" in summary and "1,000 validation" in summary
    assert tab.findChild(ImageGrid, "previewGrid").image_count() > 0
    assert bar_count(tab) == 10
    assert not state.error_kind
    assert tab.findChild(QComboBox, "sourceCombo").currentIndex() == 0


def test_load_button_is_disabled_while_loading(qtbot, tab):
    button = tab.findChild(QPushButton, "loadButton")
    with qtbot.waitSignal(tab.loadFinished, timeout=LOAD_TIMEOUT_MS):
        button.click()  # the default source is the bundled MNIST
        # Results arrive through the event loop, so the load is still pending here.
        assert not button.isEnabled()
        assert tab.findChild(QProgressBar, "loadProgress").isVisible()
    assert button.isEnabled()
    assert not tab.findChild(QProgressBar, "loadProgress").isVisible()


def test_reshuffle_changes_the_preview(qtbot, tab):
    load(qtbot, tab, "mnist-10k")
    grid = tab.findChild(ImageGrid, "previewGrid")
    before_indices = tab.preview_indices.copy()
    before_pixels = grid.grab().toImage()
    qtbot.mouseClick(tab.findChild(QPushButton, "reshuffleButton"), Qt.MouseButton.LeftButton)
    assert grid.image_count() == len(before_indices)
    assert not np.array_equal(tab.preview_indices, before_indices)
    assert grid.grab().toImage() != before_pixels


def test_validation_fraction_changes_the_split(qtbot, tab, state):
    load(qtbot, tab, "mnist-10k")
    assert (len(state.split.train), len(state.split.val)) == (9_000, 1_000)
    with qtbot.waitSignal(state.datasetChanged):
        tab.findChild(QDoubleSpinBox, "valFractionSpin").setValue(0.25)
    assert (len(state.split.train), len(state.split.val)) == (7_500, 2_500)
    assert "2,500 validation" in tab.findChild(QLabel, "dataSummary").text()


def test_empty_folder_reports_error_and_keeps_previous_dataset(qtbot, tab, banner, state, tmp_path):
    load(qtbot, tab, "mnist-10k")
    previous = state.dataset
    empty = tmp_path / "empty"
    empty.mkdir()
    with qtbot.waitSignal(state.errorRaised, timeout=LOAD_TIMEOUT_MS) as raised:
        assert not load(qtbot, tab, f"folder:{empty}")
    assert raised.args[0] == ERROR_TITLE
    assert "No images found" in raised.args[1]
    assert "No images found" in error_text(banner)
    assert state.dataset is previous
    assert tab.findChild(QComboBox, "sourceCombo").currentText() == "Image folder"


def test_torchvision_missing_offline_names_the_folder(qtbot, tab, banner, state, tmp_path):
    assert not load(qtbot, tab, f"torchvision:FashionMNIST@{tmp_path}")
    assert str(tmp_path / "FashionMNIST") in error_text(banner)
    assert state.dataset is None


def test_torchvision_download_without_network(qtbot, tab, banner, tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "network blocked by the test")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    assert not load(qtbot, tab, f"torchvision:FashionMNIST@{tmp_path}", download=True)
    assert "Could not download" in error_text(banner)
    assert "Traceback" not in error_text(banner)


def test_folder_with_classes_and_a_corrupt_file(qtbot, tab, state, tmp_path):
    rng = np.random.default_rng(0)
    for cls in ("cats", "dogs"):
        (tmp_path / cls).mkdir()
        for i in range(3):
            pixels = rng.integers(0, 256, (20, 20, 3), dtype=np.uint8)
            Image.fromarray(pixels).save(tmp_path / cls / f"{i}.png")
    (tmp_path / "dogs" / "broken.png").write_bytes(b"this is not a png")
    progress: list[tuple[int, int]] = []
    tab.loadProgress.connect(lambda done, total: progress.append((done, total)))

    assert load(qtbot, tab, f"folder:{tmp_path}", image_size=16, color="gray")
    data = state.dataset
    assert len(data) == 6 and data.class_names == ("cats", "dogs")
    assert data.shape == (1, 16, 16)
    assert data.skipped == 1
    summary = tab.findChild(QLabel, "dataSummary").text()
    assert "1 unreadable file" in summary
    assert "16×16" in summary and "cats, dogs" in summary
    assert progress and progress[-1] == (7, 7)
    assert bar_count(tab) == 2
    assert tab.findChild(ImageGrid, "previewGrid").image_count() == 6


def test_unlabeled_array_file_shows_no_bars(qtbot, tab, state, tmp_path):
    path = tmp_path / "flat.npy"
    np.save(path, np.random.default_rng(1).integers(0, 256, (12, 8, 8), dtype=np.uint8))
    assert load(qtbot, tab, str(path))  # a bare path is guessed as npy:
    assert state.dataset_spec == f"npy:{path}"
    assert not state.dataset.has_labels
    assert bar_count(tab) == 0
    assert "unlabeled" in tab.findChild(QLabel, "dataSummary").text()


def test_only_the_newest_request_is_applied(qtbot, tab, state, tmp_path):
    results: list[bool] = []
    tab.loadFinished.connect(results.append)
    empty = tmp_path / "empty"
    empty.mkdir()
    with qtbot.waitSignal(tab.loadFinished, timeout=LOAD_TIMEOUT_MS):
        tab.load_spec(f"folder:{empty}")  # would fail, but is superseded at once
        tab.load_spec("mnist-10k")
    assert tab.shutdown(10.0)
    QApplication.processEvents()  # deliver any late queued result: it must be ignored
    assert results == [True]
    assert state.dataset.name == "mnist-10k"
    assert not state.error_kind


def test_unknown_spec_is_reported_without_a_thread(qtbot, tab, banner, state):
    assert not load(qtbot, tab, "no-such-source:whatever")
    assert "Unknown dataset" in error_text(banner)
    assert not tab.loader.thread_alive()


def test_training_on_some_classes_only(qtbot, tab, state):
    assert load(qtbot, tab, "mnist-10k")
    picker = tab.split_controls.classes
    assert picker.isEnabled() and picker.kept() is None and "all 10 classes" in picker.text()
    full_val = len(state.split.val)
    picker.set_kept((0, 3))
    assert state.config.classes == (0, 3)
    assert set(state.split.train.labels.unique().tolist()) == {0, 3}
    assert set(state.split.val.labels.unique().tolist()) == {0, 3} and len(state.split.val) < full_val
    assert "Trains on" in tab.findChild(QLabel, "dataSummary").text()
    picker.set_kept(None)
    assert state.config.classes is None and len(state.split.val) == full_val


def test_one_class_or_all_but_one_in_two_clicks_and_ticking_keeps_the_menu_open(qtbot, tab, state):
    """Training on one class took 18 clicks: the menu closed after every tick."""
    assert load(qtbot, tab, "mnist-10k")
    picker = tab.split_controls.classes
    only = {a.text(): a for a in picker.only_menu.actions()}
    only["7"].trigger()
    assert state.config.classes == (7,) and picker.text().startswith("1 of 10")
    all_but = {a.text(): a for a in picker.all_but_menu.actions()}
    all_but["7"].trigger()
    assert state.config.classes == tuple(c for c in range(10) if c != 7)
    assert set(state.split.train.labels.unique().tolist()) == set(range(10)) - {7}
    # Ticking classes with the mouse: each click toggles one, and the menu stays open.
    menu = picker.menu_
    menu.popup(picker.mapToGlobal(picker.rect().bottomLeft()))
    qtbot.waitUntil(menu.isVisible, timeout=5000)
    for action in picker._actions[:3]:
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
        assert menu.isVisible()
    assert state.config.classes == (3, 4, 5, 6, 8, 9)
    menu.setActiveAction(picker._actions[0])
    qtbot.keyClick(menu, Qt.Key.Key_Space)
    assert menu.isVisible() and state.config.classes == (0, 3, 4, 5, 6, 8, 9)
    menu.close()


def test_the_last_kept_class_cannot_be_unchecked(qtbot, tab, state):
    assert load(qtbot, tab, "mnist-10k")
    picker = tab.split_controls.classes
    picker.set_kept((3,))
    picker._actions[3].setChecked(False)  # as a click on the only checked class
    assert picker.kept() == (3,) and state.config.classes == (3,)


def test_an_error_shows_once_and_the_next_load_clears_it(qtbot, tab, state, banner):
    assert not load(qtbot, tab, "no-such-source:whatever")
    assert "Unknown dataset" in error_text(banner)
    assert tab.findChild(QLabel, "dataErrorLabel") is None  # no second, inline copy
    assert load(qtbot, tab, "mnist-10k")
    assert banner.isHidden()  # its cause is gone


def test_an_error_of_another_kind_outlives_a_load(qtbot, tab, state, banner):
    state.report_error("Could not save", "The disk is full.", "experiment")
    assert load(qtbot, tab, "mnist-10k")
    assert "disk is full" in error_text(banner)


def test_browse_loads_the_chosen_folder(qtbot, tab, state, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    for i in range(4):
        Image.fromarray(np.full((8, 8), i * 60, dtype=np.uint8)).save(tmp_path / f"{i}.png")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    tab.findChild(QComboBox, "sourceCombo").setCurrentIndex(2)  # Image folder
    with qtbot.waitSignal(tab.loadFinished, timeout=LOAD_TIMEOUT_MS) as done:
        tab.picker.folder_panel.path.browse.click()
    assert done.args == [True]
    assert len(state.dataset) == 4 and state.dataset_spec == f"folder:{tmp_path}"


def test_unreadable_files_are_named(qtbot, tab, state, tmp_path):
    for i in range(3):
        Image.fromarray(np.full((8, 8), i * 60, dtype=np.uint8)).save(tmp_path / f"ok{i}.png")
    for i in range(5):
        (tmp_path / f"bad{i}.png").write_bytes(b"not a png")
    assert load(qtbot, tab, f"folder:{tmp_path}")
    summary = tab.findChild(QLabel, "dataSummary")
    assert "5 unreadable files: bad0.png, bad1.png, bad2.png and 2 more" in summary.text()
    summary.linkActivated.emit("skipped")  # the "list all" link
    dialog = summary.skipped_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.detailedText().split("\n") == [f"bad{i}.png" for i in range(5)]
    dialog.close()


def test_a_big_array_loads_into_the_cache_with_progress_and_cancel(qtbot, tab, state, tmp_path, monkeypatch):
    """Past the memory limit an array is converted into the data cache, with a progress bar
    in images and a Cancel that keeps the dataset shown and leaves no half-written cache."""
    from aegui.core.data import array_cache, mapped

    monkeypatch.setenv("AEGUI_MAX_DATASET_MB", "0.1")
    monkeypatch.setenv("AEGUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(mapped, "CHUNK_BYTES", 4096)  # one image per chunk
    path = tmp_path / "photos.npy"
    np.save(path, np.random.default_rng(2).integers(0, 256, (200, 24, 24, 3), dtype=np.uint8))
    assert load(qtbot, tab, "mnist-10k")
    shown = state.dataset
    slow = array_cache._chunks

    def slow_chunks(*args):
        for chunk in slow(*args):
            time.sleep(0.02)
            yield chunk

    monkeypatch.setattr(array_cache, "_chunks", slow_chunks)
    progress = tab.findChild(QProgressBar, "loadProgress")
    cancel = tab.findChild(QPushButton, "cancelLoadButton")
    tab.load_spec(f"npy:{path}")
    qtbot.waitUntil(lambda: progress.maximum() == 200 and progress.value() > 0, timeout=LOAD_TIMEOUT_MS)
    assert cancel.isVisible() and "images" in progress.format()
    with qtbot.waitSignal(tab.loadFinished, timeout=LOAD_TIMEOUT_MS) as finished:
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert finished.args == [False] and state.dataset is shown and not cancel.isVisible()
    # The cancelled job stops at its next chunk and removes what it wrote.
    qtbot.waitUntil(lambda: not list(mapped.datasets_dir().glob("*")), timeout=LOAD_TIMEOUT_MS)
    monkeypatch.setattr(array_cache, "_chunks", slow)
    assert load(qtbot, tab, f"npy:{path}")
    assert len(state.dataset) == 200 and state.dataset.mapped is not None
