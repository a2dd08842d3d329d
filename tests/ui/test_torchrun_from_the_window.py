"""Scale-out from the window: the Train tab starts a torchrun job as a child process and
follows its run folder; Stop ends the job and keeps its last epoch; File › Export training
job writes a job folder whose runs the Runs tab lists."""

from __future__ import annotations

import sys

import psutil
import pytest

from aegui.app import build_main_window
from aegui.core.job_package import RUNS_FOLDER
from aegui.core.run.journal import read_journal
from aegui.ui.job_dialog import JobDialog
from aegui.ui.torchrun_launcher import _error_line

TIMEOUT = 180_000


@pytest.fixture
def window(qtbot, tiny_npz, monkeypatch):
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    win = build_main_window()
    qtbot.addWidget(win)
    win.show()
    win.confirm_close = lambda: True
    with qtbot.waitSignal(win.data_tab.loadFinished, timeout=60_000) as blocker:
        win.data_tab.load_spec(tiny_npz)
    assert blocker.args == [True], win.banner.text()
    yield win
    win.close()


def settings(win, **changes):
    win.train_tab.apply_config(win.state.config.with_changes(
        model="dense-ae", hidden=8, latent_dim=3, batch_size=32, device="cpu", **changes))


def test_two_processes_train_from_the_train_tab_and_the_window_follows(qtbot, window):
    settings(window, epochs=2)
    window.train_tab.processSpin.setValue(2)
    epochs = []
    window.state.historyChanged.connect(lambda: epochs.append(len(window.state.epoch_reports)))
    with qtbot.waitSignal(window.controller.runFinished, timeout=TIMEOUT) as done:
        assert window.start_training()
        assert window.state.run_state == "training" and window.controller.is_active()
        job = psutil.Process(int(window.controller.torchrun.process.processId()))
        assert sys.platform != "linux" or job.nice() > psutil.Process().nice()  # the window keeps a core
    assert done.args == [True], window.banner.text()
    run_dir = window.controller.run_dir
    assert [r.epoch for r in window.state.epoch_reports] == [1, 2]  # both epochs, from its history.csv
    assert window.state.experiment.epochs_done == 2 and window.state.experiment_path == str(run_dir / "experiment.pt")
    journal = read_journal(run_dir)
    assert journal.writer == "torchrun" and journal.status == "finished"
    assert window.state.run_state == "idle" and not window.controller.is_active()


def test_stop_ends_the_job_and_keeps_its_last_epoch(qtbot, window):
    settings(window, epochs=500)
    window.train_tab.processSpin.setValue(2)
    with qtbot.waitSignal(window.controller.runFinished, timeout=TIMEOUT) as done:
        assert window.start_training()
        qtbot.waitUntil(lambda: len(window.state.epoch_reports) >= 1, timeout=TIMEOUT)
        window.controller.stop()
    assert done.args == [False] and not window.banner.isVisible()
    kept = window.state.experiment
    assert kept is not None and 1 <= kept.epochs_done < 500
    assert read_journal(window.controller.run_dir).status == "stopped"


def test_export_training_job_writes_the_folder_and_lists_its_runs(qtbot, window, tmp_path):
    settings(window, epochs=1)
    window.state.set_config(window.train_tab.config_from_widgets())
    dialog = JobDialog(window.state.config, window.job_exporter.loaded_data(window.state.config), tmp_path)
    assert "MB: copied into the job" in dialog.note.text()
    dialog.limit_spin.setValue(0)
    assert "not copied" in dialog.note.text()
    dialog.close()
    folder = tmp_path / "job"
    with qtbot.waitSignal(window.job_exporter.written, timeout=60_000) as written:
        window.job_exporter.start(window.state.config, folder, 64, window.job_exporter.loaded_data(window.state.config))
    package = written.args[0]
    assert package.data_copied and (folder / "data" / "dataset.npz").is_file()
    assert {"experiment.json", "run_local.sh", "run_slurm.sbatch", "README.md"} <= {p.name for p in folder.iterdir()}
    assert folder / RUNS_FOLDER in window.runs_tab.added_folders()


TORCHRUN_FAILURE = """
[W1207 10:00:00.000 torch/distributed/elastic/agent/server/api.py:704] Received Signals.SIGTERM death signal
============================================================
aegui/__main__.py FAILED
------------------------------------------------------------
Failures:
  <NO_OTHER_FAILURES>
------------------------------------------------------------
Root Cause (first observed failure):
[0]:
  time      : 2026-12-07_10:00:00
  host      : box
  rank      : 1 (local_rank: 1)
  exitcode  : {code} (pid: 4242)
  error_file: <N/A>
  traceback : {traceback}
============================================================
"""


@pytest.mark.parametrize("code, traceback, expected", [
    (-15, "Signal 15 (SIGTERM) received by PID 4242", "ended by SIGTERM (signal 15)"),
    (1, "To enable traceback see: https://pytorch.org/docs/stable/elastic/errors.html", "exited with code 1"),
])
def test_torchrun_s_failure_report_becomes_a_sentence_not_its_rule(code, traceback, expected):
    message = _error_line(TORCHRUN_FAILURE.format(code=code, traceback=traceback))
    assert expected in message and "===" not in message and message.endswith(".")
    assert _error_line("====\n----\n") == ""
    said = TORCHRUN_FAILURE.format(code=1, traceback="x") + "aegui: The dataset is gone.\n"
    assert _error_line(said) == "The dataset is gone."
