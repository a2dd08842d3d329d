"""The catalog of runs: run folders found and summarised from their small files, how each
run ended (or whether its writer still runs), a history followed by its tail, and what
differs between runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from aegui.core.catalog import (
    HistoryTail,
    RunNotes,
    find_runs,
    metric_rows,
    read_notes,
    read_run,
    setting_rows,
    write_notes,
)
from aegui.core.catalog.notes import clean_tags
from aegui.core.config import ExperimentConfig
from aegui.core.run.files import write_history_csv, write_json
from aegui.core.run.journal import JOURNAL_FILE, RunJournal, read_journal

ROW = {"train_loss": 2.0, "train_recon": 2.0, "train_kl": 0.0, "val_loss": 1.5, "val_recon": 1.5,
       "val_kl": 0.0, "val_mse": 0.05, "val_psnr": 13.0, "kl_weight": 1.0}


def fake_run(folder, epochs_done=2, metrics=None, **config):
    """A run folder as the writers leave it, without training (the catalog reads only files)."""
    folder.mkdir(parents=True, exist_ok=True)
    write_json(ExperimentConfig(**{"epochs": 3, **config}).to_dict(), folder / "config.json")
    write_history_csv([{**ROW, "epoch": e, "val_loss": 1.5 / e} for e in range(1, epochs_done + 1)],
                      folder / "history.csv")
    (folder / "experiment.pt").write_bytes(b"weights")
    if metrics:
        write_json(metrics, folder / "metrics.json")
    return folder


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# -- summaries -----------------------------------------------------------------------------------
def test_runs_are_found_under_roots_and_inside_a_study(tmp_path):
    fake_run(tmp_path / "runs" / "a", metrics={"val_mse": 0.02}, model="dense-ae", latent_dim=8)
    fake_run(tmp_path / "runs" / "study" / "latent-004", latent_dim=4, task="denoise")
    (tmp_path / "runs" / "not-a-run").mkdir()
    (tmp_path / "runs" / ".hidden").mkdir()
    fake_run(tmp_path / "runs" / ".hidden" / "x")
    elsewhere = fake_run(tmp_path / "cluster" / "job-1", epochs_done=3)

    runs = find_runs([tmp_path / "runs", elsewhere, tmp_path / "runs"])  # a root given twice counts once
    by_name = {r.name: r for r in runs}
    assert set(by_name) == {"a", "latent-004", "job-1"}
    a = by_name["a"]
    assert (a.model, a.latent_dim, a.epochs_done, a.epochs_planned) == ("dense-ae", 8, 2, 3)
    assert a.metrics == {"val_mse": 0.02} and a.status == "finished"
    assert by_name["latent-004"].task == "denoise" and by_name["latent-004"].status == "stopped"
    assert by_name["job-1"].message.startswith("Trained every epoch")  # 3 of 3, no metrics


def test_a_broken_config_or_metrics_file_is_not_fatal(tmp_path):
    run = fake_run(tmp_path / "r", metrics={"val_mse": 0.1})
    (run / "metrics.json").write_text("{not json")
    summary = read_run(run)
    assert summary.metrics == {} and summary.status == "unreadable"
    assert summary.message.startswith("metrics.json is not valid JSON") and summary.config["epochs"] == 3
    (run / "config.json").write_bytes(b"\x00\xff" * 100)
    [listed] = find_runs([tmp_path])  # still one row, marked, so the user can find and delete it
    assert listed.status == "unreadable" and "config.json is not valid JSON" in listed.message
    assert listed.config == {} and listed.model == ""


def test_notes_rename_and_tag_a_run_without_touching_its_files(tmp_path):
    run = fake_run(tmp_path / "20261202-101500-vae")
    before = {p.name: p.read_bytes() for p in run.iterdir()}
    write_notes(run, RunNotes(name="  baseline  ", tags=("beta, warmup", "beta")))
    assert read_notes(run) == RunNotes(name="baseline", tags=("beta, warmup", "beta"))
    summary = read_run(run)
    assert summary.name == "baseline" and summary.folder.name == "20261202-101500-vae"
    assert {p.name: p.read_bytes() for p in run.iterdir() if p.name != "notes.json"} == before
    assert clean_tags(" a, b ,a,, ") == ("a", "b")


# -- how a run is doing ---------------------------------------------------------------------------
def test_the_journal_tells_running_from_killed_and_keeps_epoch_times(tmp_path):
    run = fake_run(tmp_path / "r")
    journal = RunJournal(run, "cli")
    journal.epoch(1, 2.5)
    journal.epoch(2, 3.0)
    assert read_run(run).status == "running" and read_run(run).epoch_seconds == (2.5, 3.0)

    data = json.loads((run / JOURNAL_FILE).read_text())
    data["pid"] = dead_pid()  # the writer was killed: nobody said how it ended
    (run / JOURNAL_FILE).write_text(json.dumps(data))
    killed = read_run(run)
    assert killed.status == "stopped" and "ended without saying how" in killed.message

    data["host"] = "some-cluster-node"  # another machine's run: judged by whether it still writes
    (run / JOURNAL_FILE).write_text(json.dumps(data))
    assert read_run(run).status == "running"

    journal.ended("failed", "The loss became NaN at epoch 3.")
    assert (read_run(run).status, read_run(run).message) == ("failed", "The loss became NaN at epoch 3.")


def test_a_continued_run_keeps_the_times_of_the_epochs_it_keeps(tmp_path):
    run = fake_run(tmp_path / "r")
    first = RunJournal(run, "gui")
    for epoch in (1, 2, 3):
        first.epoch(epoch, float(epoch))
    first.ended("stopped")
    again = RunJournal(run, "cli", epochs_done=2)  # continued from epoch 2
    again.epoch(3, 9.0)
    state = read_journal(run)
    assert state.epoch_seconds == (1.0, 2.0, 9.0) and state.started == first.state.started
    assert state.status == "running" and state.writer == "cli" and state.pid == os.getpid()


def test_no_journal_is_written_before_the_run_folder_exists(tmp_path):
    RunJournal(tmp_path / "later", "gui").ended("stopped")
    assert not (tmp_path / "later").exists()


# -- following a history ---------------------------------------------------------------------------
def test_a_history_is_followed_by_its_tail(tmp_path):
    path = tmp_path / "history.csv"
    tail = HistoryTail(path)
    assert tail.poll() is False and tail.rows == []
    rows = [{**ROW, "epoch": 1}]
    write_history_csv(rows, path)
    assert tail.poll() is True and [r["epoch"] for r in tail.rows] == [1.0]
    assert tail.poll() is False  # unchanged: one stat, nothing read
    for epoch in (2, 3, 4):
        rows.append({**ROW, "epoch": epoch, "val_loss": 1.0 / epoch})
        write_history_csv(rows, path)  # rewritten whole, atomically, as the writers do
        assert tail.poll() is True
    assert [r["epoch"] for r in tail.rows] == [1, 2, 3, 4]
    assert tail.rows[-1]["val_loss"] == pytest.approx(0.25)
    assert tail.full_reads == 1  # only the first read parsed the whole file

    with open(path, "a") as handle:
        handle.write("5,1.0,1.0")  # a row still being written is not read yet
    assert tail.poll() is False and len(tail.rows) == 4

    write_history_csv([{**ROW, "epoch": 1, "train_loss": 9.0}], path)  # trained again from scratch
    assert tail.poll() is True and len(tail.rows) == 1 and tail.rows[0]["train_loss"] == 9.0
    assert tail.full_reads == 2
    path.unlink()
    assert tail.poll() is True and tail.rows == []


# -- comparing -------------------------------------------------------------------------------------
def test_the_comparison_marks_the_settings_that_differ_and_the_best_metric(tmp_path):
    a = read_run(fake_run(tmp_path / "a", latent_dim=2, metrics={"val_mse": 0.05, "val_psnr": 13.0}))
    b = read_run(fake_run(tmp_path / "b", latent_dim=16, metrics={"val_mse": 0.02, "val_psnr": 17.0}))
    rows = {r.name: r for r in setting_rows([a, b])}
    assert rows["latent_dim"].differs and rows["latent_dim"].values == ("2", "16")
    assert not rows["model"].differs and not rows["lr"].differs
    assert [r.name for r in setting_rows([a, b]) if r.differs] == ["latent_dim"]
    metrics = {r.name: r for r in metric_rows([a, b])}
    assert metrics["val_mse"].best == 1 and metrics["val_psnr"].best == 1  # lower MSE, higher PSNR


def test_a_run_ended_before_its_measurement_shows_its_last_epochs_numbers(tmp_path):
    """A window closed mid-run (or a killed process) leaves no metrics.json: the table shows
    the last epoch's validation numbers from history.csv, marked as such, not blanks."""
    run = fake_run(tmp_path / "r", metrics={"val_mse": 0.1})
    (run / "metrics.json").unlink()
    summary = read_run(run)
    rows = (run / "history.csv").read_text().splitlines()
    last = dict(zip(rows[0].split(","), rows[-1].split(",")))
    assert summary.measured is False and summary.metrics["val_mse"] == float(last["val_mse"])
    assert set(summary.metrics) == {"val_loss", "val_mse", "val_psnr"}
    assert read_run(fake_run(tmp_path / "m", metrics={"val_mse": 0.1})).measured is True
