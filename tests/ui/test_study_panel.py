"""The study panel: one short run per latent size from the GUI, drawn beside PCA's curve,
cancelled, reopened from its folder; bad values and a training run keep it from starting.
Dense autoencoders of width 8 on 256 bundled digits, one epoch a run, keep it quick."""

from __future__ import annotations

import json
import time

import pytest

from aegui.core.config import ExperimentConfig
from aegui.core.reports import EpochReport
from aegui.core.runs import load_for_config
from aegui.core.sweep import SWEEP_FILE, RunProgress, SweepPoint, SweepResult, load_sweep, run_sweep
from aegui.ui.app_state import AppState
from aegui.ui.paths import app_data_dir
from aegui.ui.runs import study_panel
from aegui.ui.runs.study_panel import TRAINING_TIP, StudyPanel
from aegui.ui.widgets.latent_size_plot import LatentSizePlot
from aegui.workers.tasks import running_task_threads

TIMEOUT = 60_000
FAST = dict(model="dense-ae", hidden=8, depth=1, batch_size=32, loss="mse", device="cpu")


@pytest.fixture
def state(tiny_npz) -> AppState:
    state = AppState()
    state.set_config(ExperimentConfig(dataset=tiny_npz, **FAST))
    state.set_dataset(load_for_config(state.config))
    assert state.data_matches_config()
    return state


@pytest.fixture
def panel(qtbot, state):
    panel = StudyPanel(state)
    qtbot.addWidget(panel)
    panel.epochs_spin.setValue(1)
    yield panel
    assert panel.shutdown(10.0)


def run_study(qtbot, panel: StudyPanel, values: str) -> None:
    panel.values_edit.setText(values)
    with qtbot.waitSignal(panel.busyChanged, timeout=TIMEOUT, check_params_cb=lambda busy: not busy):
        assert panel.start()
        assert panel.is_busy() and not panel.start_button.isEnabled() and panel.cancel_button.isEnabled()


def test_a_study_of_three_latent_sizes_trains_draws_and_announces_each_run(qtbot, panel, state):
    written: list[str] = []
    panel.runWritten.connect(written.append)
    errors: list = []
    state.errorRaised.connect(lambda *args: errors.append(args))
    assert panel.setting == "latent_dim" and panel.values_edit.text() == "2,4,8,16,32,64"
    assert panel.start_button.isEnabled()
    started = time.monotonic()
    run_study(qtbot, panel, "8, 2,4")
    assert not errors
    out = panel.out_dir
    assert out is not None and out.parent == app_data_dir() / "runs" and out.name.endswith("-latent_dim-study")
    folders = [out / f"latent-{k:03d}" for k in (2, 4, 8)]
    assert all((f / "experiment.pt").is_file() for f in folders)
    assert written == [str(f) for f in folders]
    result = load_sweep(out)
    assert result.status == "finished" and result.config.epochs == 1
    points = panel.plot.points()  # what the plot draws is what the study measured
    assert points == [(p.value, pytest.approx(p.val_mse)) for p in result.points] and len(points) == 3
    pca = panel.plot.pca_points()
    ks, mse = [k for k, _ in pca], [m for _, m in pca]
    assert ks[0] == 1 and ks[-1] == 8 and all(a >= b for a, b in zip(mse, mse[1:])) and mse[0] > mse[-1]
    assert panel.plot.log_x and panel.plot.tick_labels() == ["2", "4", "8"]
    assert panel.plot.pca_in_legend
    assert panel.progress.value() == panel.progress.maximum()
    text = panel.status.text()
    assert text.startswith("Finished 3 runs in ") and text.endswith(" s."), text
    assert time.monotonic() - started < 60
    # A point opens its run.
    opened: list[str] = []
    panel.openRunRequested.connect(opened.append)
    assert not panel.open_run_button.isEnabled()
    panel.select_point(4)
    assert panel.open_run_button.isEnabled() and panel.open_selected_run()
    assert opened == [str(out / "latent-004" / "experiment.pt")]


def test_cancel_mid_study_keeps_the_finished_runs(qtbot, panel, monkeypatch):
    real = run_sweep

    def held_sweep(*args, should_stop, **kwargs):
        """The real sweep, paused after run 2's first epoch until the panel asks it to stop,
        so the cancel lands mid-run whatever the machine's speed."""
        for event in real(*args, should_stop=should_stop, **kwargs):
            yield event
            if isinstance(event, RunProgress) and event.index == 1 and isinstance(event.report, EpochReport):
                deadline = time.monotonic() + 20
                while not should_stop() and time.monotonic() < deadline:
                    time.sleep(0.01)

    monkeypatch.setattr(study_panel, "run_sweep", held_sweep)
    panel.epochs_spin.setValue(2)
    panel.values_edit.setText("2,4,8")
    assert panel.start()
    qtbot.waitUntil(lambda: panel.status.text().startswith("Run 2 of 3 · latent size 4 · epoch 1 of 2 done"),
                    timeout=TIMEOUT)
    with qtbot.waitSignal(panel.busyChanged, timeout=TIMEOUT, check_params_cb=lambda busy: not busy):
        panel.cancel_button.click()
        assert not panel.cancel_button.isEnabled()
    assert panel.status.text() == "Stopped after 1 of 3 runs; the finished runs are kept."
    out = panel.out_dir
    stored = json.loads((out / SWEEP_FILE).read_text())
    assert stored["status"] == "stopped"
    assert [r["status"] for r in stored["runs"]] == ["finished", "stopped", "pending"]
    assert (out / "latent-002" / "experiment.pt").is_file()
    assert stored["runs"][1]["epochs_done"] == 1 and (out / "latent-004" / "experiment.pt").is_file()
    assert not (out / "latent-008").exists()
    assert len(panel.plot.points()) == 1
    qtbot.waitUntil(lambda: running_task_threads() == 0, timeout=5_000)
    assert panel.start_button.isEnabled()


def test_a_saved_study_opens_again_from_its_folder(qtbot, panel, state, tmp_path):
    out = tmp_path / "saved-study"
    base = state.config.with_changes(epochs=1)
    events = list(run_sweep(base, "latent_dim", [2, 4], out, data=state.dataset))
    saved = events[-1].result
    assert panel.plot.points() == []
    assert panel.open_study(str(out))
    assert panel.plot.points() == [(p.value, pytest.approx(p.val_mse)) for p in saved.points]
    assert len(panel.plot.pca_points()) == len(saved.pca_curve.ks) == 4
    assert panel.plot.tick_labels() == ["2", "4"]
    assert panel.status.text() == "saved-study: 2 of 2 runs finished."
    assert panel.run_file(2) == out / "latent-002" / "experiment.pt"
    errors: list = []
    state.errorRaised.connect(lambda *args: errors.append(args))
    assert not panel.open_study(str(tmp_path / "nothing-here"))
    assert errors and errors[0][0] == "Could not open the study" and SWEEP_FILE in errors[0][1]
    assert len(panel.plot.points()) == 2  # the study shown stays


def test_a_saved_study_says_which_of_its_runs_are_gone(qtbot, panel, state, tmp_path):
    """A reopened study said "2 of 2 runs finished" after one was deleted, and that point's
    Open run button was disabled without a word."""
    import shutil

    out = tmp_path / "study"
    list(run_sweep(state.config.with_changes(epochs=1), "latent_dim", [2, 4], out, data=state.dataset))
    shutil.rmtree(out / "latent-004")
    assert panel.open_study(str(out))
    assert panel.status.text().startswith("study: 2 of 2 runs finished. The folder of 1 run (latent-004) is gone")
    panel.select_point(4)
    assert not panel.open_run_button.isEnabled() and "no longer" in panel.open_run_button.toolTip()
    panel.select_point(2)
    assert panel.open_run_button.isEnabled() and "Open the selected" in panel.open_run_button.toolTip()


@pytest.mark.parametrize("text, words", [("0,abc", "“abc” is not a number"), ("0,2", "Latent size 0"),
                                         ("2.5", "whole number"), ("", "Give the values")])
def test_bad_values_are_one_banner_and_write_nothing(qtbot, panel, state, text, words):
    errors: list = []
    state.errorRaised.connect(lambda *args: errors.append(args))
    panel.values_edit.setText(text)
    assert not panel.start()
    assert len(errors) == 1 and errors[0][0] == "Could not start the study"
    message = errors[0][1]
    assert words in message and "\n" not in message and message.endswith("."), message
    assert not panel.is_busy() and panel.out_dir is None
    assert not (app_data_dir() / "runs").exists()


def test_start_waits_for_a_training_run_and_for_loaded_data(qtbot, panel, state, monkeypatch):
    submitted: list = []
    monkeypatch.setattr(panel.runner, "submit", lambda *args, **kwargs: submitted.append(args))
    for run_state in ("training", "paused", "stopping"):
        state.set_run_state(run_state)
        assert not panel.start_button.isEnabled() and panel.start_button.toolTip() == TRAINING_TIP
        assert "waits for the training run" in TRAINING_TIP
        assert not panel.start() and not submitted
    state.set_run_state("idle")
    assert panel.start_button.isEnabled() and "one short run per value" in panel.start_button.toolTip()
    state.update_config(dataset="mnist-10k")  # not the data that is loaded
    assert not panel.start_button.isEnabled() and "load the data again" in panel.start_button.toolTip()
    assert not panel.start() and not submitted


def test_each_setting_has_its_own_values(qtbot, panel):
    panel.values_edit.setText("2,3")
    panel.set_setting("beta")
    assert panel.values_edit.text() == "0.25,0.5,1,2,4"
    panel.set_setting("latent_dim")
    assert panel.values_edit.text() == "2,3"
    assert [panel.setting_combo.itemData(i) for i in range(panel.setting_combo.count())][0] == "latent_dim"
    assert all(w.toolTip() for w in (panel.values_edit, panel.epochs_spin, panel.cancel_button,
                                     panel.open_button, panel.setting_combo))


def test_a_linear_setting_is_drawn_on_a_linear_axis_with_its_values_as_ticks(qtbot, state):
    plot = LatentSizePlot()
    qtbot.addWidget(plot)
    points = (SweepPoint(0.1, "noise-0.1", "finished", 1, val_mse=0.02), SweepPoint(0.3, "noise-0.3", "failed"),
              SweepPoint(0.5, "noise-0.5", "finished", 1, val_mse=0.05))
    plot.show_result(SweepResult("noise", state.config, points, status="finished"))
    assert not plot.log_x and plot.tick_labels() == ["0.1", "0.3", "0.5"]
    assert plot.points() == [(0.1, 0.02), (0.5, 0.05)] and plot.pca_points() == [] and not plot.pca_in_legend
    assert plot.plot.getAxis("bottom").labelText == "corruption level"


def test_a_study_without_data_says_why_it_cannot_start(qtbot):
    panel = StudyPanel(AppState())
    qtbot.addWidget(panel)
    assert not panel.start_button.isEnabled() and "Load the data" in panel.start_button.toolTip()
    assert panel.shutdown(1.0)
