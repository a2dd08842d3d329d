"""The Runs tab: runs listed from their folders, compared (curves and a table of what
differs), renamed, tagged, deleted to the trash, opened, and followed while a separate
``aegui train`` process is still writing one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from aegui.core.catalog import read_notes
from aegui.core.config import ExperimentConfig
from aegui.core.run.files import write_history_csv, write_json
from aegui.core.run.journal import RunJournal
from aegui.ui.app_state import AppState
from aegui.ui.runs.compare_view import BY_TIME
from aegui.ui.runs.runs_tab import RunsTab

ROW = {"train_loss": 2.0, "train_recon": 2.0, "train_kl": 0.0, "val_loss": 1.5, "val_recon": 1.5,
       "val_kl": 0.0, "val_mse": 0.05, "val_psnr": 13.0, "kl_weight": 1.0}


def write_run(folder: Path, epochs: int, metrics=None, seconds: float | None = None, **config) -> Path:
    """A run folder as the writers leave it (the Runs tab reads only its small files)."""
    folder.mkdir(parents=True)
    write_json(ExperimentConfig(**{"epochs": epochs, **config}).to_dict(), folder / "config.json")
    write_history_csv([{**ROW, "epoch": e, "val_loss": 2.0 / e, "train_loss": 3.0 / e}
                       for e in range(1, epochs + 1)], folder / "history.csv")
    (folder / "experiment.pt").write_bytes(b"weights")
    write_json(metrics or {"val_mse": 0.05}, folder / "metrics.json")
    if seconds is not None:
        journal = RunJournal(folder, "cli")
        for epoch in range(1, epochs + 1):
            journal.epoch(epoch, seconds)
        journal.ended("finished")
    return folder


@pytest.fixture
def runs_tab(qtbot, isolated_app_files):
    tab = RunsTab(AppState())
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    yield tab
    tab.shutdown()
    tab.study.shutdown()


def show(tab: RunsTab, qtbot) -> None:
    """Show the tab and wait for its listing (read on a worker thread)."""
    with qtbot.waitSignal(tab.listed, timeout=30_000):
        tab.show()


def select(tab: RunsTab, *names: str) -> None:
    tab.select_folders([r.folder for r in tab.model.runs if r.name in names])


def test_comparing_two_runs_shows_both_curves_and_marks_what_differs(runs_tab, isolated_app_files, qtbot):
    runs = isolated_app_files / "runs"
    small = write_run(runs / "small", 3, {"val_mse": 0.05, "val_psnr": 13.0}, seconds=2.0, latent_dim=2)
    large = write_run(runs / "large", 5, {"val_mse": 0.02, "val_psnr": 17.0}, seconds=6.0, latent_dim=16, lr=0.01)
    show(runs_tab, qtbot)
    assert sorted(r.name for r in runs_tab.model.runs) == ["large", "small"]
    select(runs_tab, "small", "large")

    view = runs_tab.compare
    assert set(view.curves) == {small, large}
    val_small = view.curves[small]["val"].getData()
    assert list(val_small[0]) == [1, 2, 3] and val_small[1][-1] == pytest.approx(2.0 / 3, rel=1e-4)
    assert len(view.curves[large]["val"].getData()[0]) == 5 and "train" in view.curves[large]
    assert view.differing_settings() == ["latent_dim", "epochs", "lr"]
    assert "small" in view.legend.text() and "large" in view.legend.text()

    view.x_combo.setCurrentIndex(view.x_combo.findData(BY_TIME))  # by training time, in minutes
    xs = view.curves[large]["val"].getData()[0]
    assert list(xs) == pytest.approx([0.1, 0.2, 0.3, 0.4, 0.5])

    view.only_diff.setChecked(False)  # every setting, the shared ones unmarked
    assert view.table.rowCount() > 10 and view.differing_settings() == ["latent_dim", "epochs", "lr"]
    assert runs_tab.count_label.text() == "2 runs"


def test_runs_are_sorted_and_filtered_by_tag(runs_tab, isolated_app_files, qtbot):
    runs = isolated_app_files / "runs"
    write_run(runs / "a", 2, {"val_mse": 0.30})
    write_run(runs / "b", 2, {"val_mse": 0.01})
    write_run(runs / "c", 2, {"val_mse": 0.10})
    show(runs_tab, qtbot)
    runs_tab.table.sortByColumn(8, runs_tab.table.horizontalHeader().sortIndicatorOrder().AscendingOrder)
    shown = [runs_tab.proxy.index(r, 0).data() for r in range(runs_tab.proxy.rowCount())]
    assert shown == ["b", "c", "a"]  # by validation MSE, as numbers

    select(runs_tab, "a")
    runs_tab.set_tags(runs_tab.selected_runs()[0], "baseline, keep")
    runs_tab.rename(runs_tab.selected_runs()[0], "first try")
    assert read_notes(runs / "a").tags == ("baseline", "keep")
    runs_tab.filter_edit.setText("baseline")
    assert runs_tab.proxy.rowCount() == 1 and runs_tab.proxy.index(0, 0).data() == "first try"
    assert runs_tab.count_label.text() == "1 of 3 runs"


def test_delete_moves_runs_to_the_trash_after_asking(runs_tab, isolated_app_files, tmp_path, monkeypatch, qtbot):
    data_home = tmp_path / "xdg"
    (data_home / "Trash").mkdir(parents=True)
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    runs = isolated_app_files / "runs"
    write_run(runs / "gone", 2)
    write_run(runs / "kept", 2)
    show(runs_tab, qtbot)
    select(runs_tab, "gone")
    answers = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.append(a[2]) or QMessageBox.StandardButton.No)
    runs_tab.delete_selected()
    assert (runs / "gone").exists() and "Move 1 run to the trash" in answers[0]

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(runs_tab.listed, timeout=30_000):
        runs_tab.delete_selected()
    assert not (runs / "gone").exists() and (data_home / "Trash" / "files" / "gone" / "history.csv").exists()
    assert [r.name for r in runs_tab.model.runs] == ["kept"]


def test_a_deleted_run_leaves_the_comparison(runs_tab, isolated_app_files, tmp_path, monkeypatch, qtbot):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    (tmp_path / "xdg" / "Trash").mkdir(parents=True)
    runs = isolated_app_files / "runs"
    gone, kept = write_run(runs / "gone", 2), write_run(runs / "kept", 3)
    show(runs_tab, qtbot)
    select(runs_tab, "gone", "kept")
    assert set(runs_tab.compare.curves) == {gone, kept}
    with qtbot.waitSignal(runs_tab.listed, timeout=30_000):
        runs_tab.delete([r for r in runs_tab.selected_runs() if r.name == "gone"])
    assert set(runs_tab.compare.curves) == {kept} and [r.name for r in runs_tab.selected_runs()] == ["kept"]
    assert "gone" not in runs_tab.compare.legend.text()


def test_a_run_still_training_is_not_deleted(runs_tab, isolated_app_files, qtbot):
    folder = write_run(isolated_app_files / "runs" / "live", 2)
    (folder / "metrics.json").unlink()
    RunJournal(folder, "cli")  # this process is its writer, and it is alive
    errors = []
    runs_tab.state.errorRaised.connect(lambda title, message: errors.append(message))
    show(runs_tab, qtbot)
    assert runs_tab.model.runs[0].status == "running" and runs_tab.count_label.text() == "1 run · 1 running"
    select(runs_tab, "live")
    runs_tab.delete_selected()
    assert folder.exists() and "still being trained" in errors[0]


def test_a_background_training_process_updates_the_panel_as_epochs_land(runs_tab, isolated_app_files, qtbot):
    out = isolated_app_files / "runs" / "terminal-run"
    env = {**os.environ, "AEGUI_HOME": str(isolated_app_files)}
    process = subprocess.Popen(
        [sys.executable, "-m", "aegui", "train", "--dataset", "mnist-10k", "--model", "dense-ae", "--hidden", "32",
         "--latent-dim", "4", "--epochs", "4", "--batch-size", "32", "--device", "cpu", "--quiet", "--out", str(out)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        runs_tab.follower.timer.setInterval(100)
        runs_tab.show()
        seen: list[tuple[str, int, int]] = []  # (status, epochs in the table, points on the curve)

        def look():
            row = runs_tab.model.row_of(out)
            if row is None:
                return False
            if not runs_tab.selected_runs():
                select(runs_tab, "terminal-run")  # new runs appear by themselves; follow its curve
            run = runs_tab.model.run_at(row)
            curve = runs_tab.compare.curves.get(out, {}).get("val")
            points = len(curve.getData()[0]) if curve is not None and curve.getData()[0] is not None else 0
            if not seen or seen[-1] != (run.status, run.epochs_done, points):
                seen.append((run.status, run.epochs_done, points))
            return run.status == "finished"

        qtbot.waitUntil(look, timeout=120_000)
        assert process.wait(timeout=60) == 0, process.stderr.read().decode()
    finally:
        process.kill()
        process.wait()
    running = {epochs for status, epochs, _ in seen if status == "running"}
    assert len(running & {1, 2, 3}) >= 2, seen  # epochs landed one by one while it trained
    assert any(status == "running" and points == epochs >= 1 for status, epochs, points in seen), seen
    assert seen[-1][:2] == ("finished", 4)
    assert runs_tab.follower.history(out) and len(runs_tab.follower.history(out)) == 4


def test_opening_a_run_makes_it_the_current_experiment(qtbot, tmp_path, isolated_app_files):
    from aegui.app import build_main_window

    out = isolated_app_files / "runs" / "cli-run"
    subprocess.run([sys.executable, "-m", "aegui", "train", "--dataset", "mnist-10k", "--model", "dense-ae",
                    "--hidden", "8", "--latent-dim", "3", "--epochs", "1", "--device", "cpu", "--quiet",
                    "--out", str(out)], check=True, env={**os.environ, "AEGUI_HOME": str(isolated_app_files)},
                   stdout=subprocess.DEVNULL)
    win = build_main_window()
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.runs_tab.listed, timeout=30_000):
        win.tabs.setCurrentWidget(win.runs_tab)
    select(win.runs_tab, "cli-run")
    assert win.runs_tab.open_button.isEnabled()
    win.runs_tab.open_selected()
    assert win.state.experiment_path == str(out / "experiment.pt")
    assert win.state.experiment.config.latent_dim == 3 and win.tabs.currentWidget() is win.train_tab
    win.close()


def test_a_run_closed_before_its_measurement_shows_its_last_epoch(runs_tab, isolated_app_files, qtbot):
    from PySide6.QtCore import Qt

    from aegui.ui.runs.run_table import MSE

    folder = write_run(isolated_app_files / "runs" / "closed", 3)
    (folder / "metrics.json").unlink()
    show(runs_tab, qtbot)
    row = runs_tab.model.row_of(folder)
    index = runs_tab.model.index(row, MSE)
    assert index.data() == "0.05"  # the last history row's val_mse
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "the last epoch's validation" in tip and "aegui eval" in tip
