"""One run, one owner: every writer goes through :class:`RunSession`, which holds the
folder's lock, writes every epoch, and ends the same way for a stop, a signal, a failure
and a failed write. The multi-process tests start real ``aegui`` processes."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aegui.core.checkpoint import load_experiment
from aegui.core.config import ExperimentConfig
from aegui.core.errors import TrainingError
from aegui.core.reports import EpochReport
from aegui.core.run import RunFolderBusy, RunLock, RunSession, RunStatus, Writer
from aegui.core.run.journal import read_journal
from aegui.core.run.lock import LOCK_FILE
from aegui.core.sweep import SWEEP_FILE, load_sweep, run_sweep

FAST = ["--model", "dense-ae", "--hidden", "8", "--latent-dim", "4", "--batch-size", "32",
        "--device", "cpu", "--quiet"]
WAIT_S = 120


@pytest.fixture
def config(spec) -> ExperimentConfig:
    return ExperimentConfig(dataset=spec, model="dense-ae", hidden=8, latent_dim=4, batch_size=32, epochs=3,
                            device="cpu")


def aegui(*args) -> list[str]:
    return [sys.executable, "-m", "aegui", *map(str, args)]


def env() -> dict[str, str]:
    return {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONUNBUFFERED": "1"}


def epochs_in(folder: Path) -> list[int]:
    with open(folder / "history.csv", encoding="utf-8") as handle:
        return [int(row["epoch"]) for row in csv.DictReader(handle)]


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {WAIT_S} s for {what}")
        time.sleep(0.05)


def journal_epochs(folder: Path) -> int:
    journal = read_journal(folder)
    return len(journal.epoch_seconds) if journal is not None else 0


def split_for(config):
    from aegui.core.runs import load_for_config, split_for_config

    return split_for_config(load_for_config(config), config)


# -- two writers --------------------------------------------------------------------------------
def test_two_resumes_started_together_one_trains_and_the_other_is_refused_at_once(spec, tmp_path):
    out = tmp_path / "run"
    subprocess.run(aegui("train", "--dataset", spec, "--epochs", 1, "--out", out, *FAST[:-1], "--quiet"),
                   env=env(), check=True, timeout=WAIT_S)
    both = [subprocess.Popen(aegui("train", "--resume", out, "--epochs", 5000, "--quiet"), env=env(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    try:
        wait_until(lambda: any(p.poll() is not None for p in both), "one of the two to end")
        loser = next(p for p in both if p.poll() is not None)
        winner = next(p for p in both if p is not loser)
        _, err = loser.communicate(timeout=WAIT_S)
        assert loser.returncode == 2, err
        lines = err.strip().splitlines()
        assert len(lines) == 1 and "being written by aegui train" in lines[0], err
        assert f"process {winner.pid}" in lines[0]
        assert winner.poll() is None, "the winner trains on"
        wait_until(lambda: journal_epochs(out) >= 3, "the winner's epochs")
        winner.send_signal(signal.SIGTERM)  # as a scheduler ends a job
        _, err = winner.communicate(timeout=WAIT_S)
    finally:
        for process in both:
            if process.poll() is None:
                process.kill()
    assert winner.returncode == 130, err
    kept = load_experiment(out)
    assert kept.epochs_done >= 3
    assert epochs_in(out) == list(range(1, kept.epochs_done + 1))  # every epoch the winner trained
    journal = read_journal(out)
    assert journal.status is RunStatus.STOPPED and len(journal.epoch_seconds) == kept.epochs_done
    assert not (out / LOCK_FILE).exists()


def test_two_studies_into_one_folder_one_runs_and_the_other_is_refused(spec, tmp_path):
    out = tmp_path / "study"
    args = ("sweep", "--dataset", spec, "--latent-dims", "2,4", "--epochs", 3000, "--out", out, *FAST[:4],
            "--batch-size", "32", "--device", "cpu", "--quiet")
    first = subprocess.Popen(aegui(*args), env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_until(lambda: journal_epochs(out / "latent-002") >= 1, "the first study's first epoch")
        second = subprocess.run(aegui(*args), env=env(), capture_output=True, text=True, timeout=WAIT_S)
        assert second.returncode == 2, second.stderr
        assert second.stderr.strip().count("\n") == 0 and "being written by a latent-size study" in second.stderr
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=WAIT_S)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 130
    study = load_sweep(out)
    assert study.status == "stopped" and study.points[0].status == "stopped"
    assert load_experiment(out / "latent-002").epochs_done == study.points[0].epochs_done >= 1
    assert read_journal(out / "latent-002").status is RunStatus.STOPPED
    assert not (out / LOCK_FILE).exists() and not (out / "latent-002" / LOCK_FILE).exists()


def test_a_held_folder_is_refused_before_anything_in_it_is_read_or_removed(capsys, spec, tmp_path):
    from aegui.cli import main

    out = tmp_path / "run"
    assert main(["train", "--dataset", spec, "--epochs", "1", "--out", str(out), *FAST]) == 0
    another_writers_file = out / ".experiment.pt.x1.tmp"  # a write in progress
    another_writers_file.write_bytes(b"half")
    before = (out / "experiment.pt").read_bytes()
    with RunLock(out, "gui"):
        capsys.readouterr()
        assert main(["train", "--resume", str(out), "--epochs", "1", "--quiet"]) == 2
        assert main(["train", "--dataset", spec, "--out", str(out), "--force", *FAST]) == 2
    err = capsys.readouterr().err
    assert err.count("being written by the aegui window") == 2
    assert another_writers_file.exists() and (out / "experiment.pt").read_bytes() == before


# -- one session, every way a run ends ---------------------------------------------------------
def test_a_session_writes_every_epoch_and_the_end(config, tmp_path):
    folder = tmp_path / "run"
    with RunSession(folder, Writer.CLI) as session:
        assert (folder / LOCK_FILE).exists()
        session.start(config, split_for(config))
        epochs_on_disk = []
        for report in session.fit():
            if isinstance(report, EpochReport):
                epochs_on_disk.append(load_experiment(folder).epochs_done)
    assert epochs_on_disk == [1, 2, 3]  # saved before the report reached the driver
    outcome = session.outcome
    assert outcome.status is RunStatus.FINISHED and outcome.metrics["val_mse"] > 0
    assert load_experiment(folder).metrics == outcome.metrics
    assert read_journal(folder).status is RunStatus.FINISHED and not (folder / LOCK_FILE).exists()


def test_a_stop_keeps_the_last_whole_epoch_and_measures_it(config, tmp_path):
    """A stopped 59-epoch run had no metrics.json, so the Runs table showed a blank Val MSE.
    The kept epoch is measured (one validation pass, no PCA fit) and saved with it."""
    import json

    folder = tmp_path / "run"
    epochs = []
    with RunSession(folder, Writer.GUI) as session:
        session.start(config, split_for(config))
        for report in session.fit(lambda: len(epochs) >= 1):
            if isinstance(report, EpochReport):
                epochs.append(report.epoch)
    outcome = session.outcome
    assert outcome.status is RunStatus.STOPPED and outcome.metrics["val_mse"] > 0
    assert "pca_val_mse" not in outcome.metrics
    kept = load_experiment(folder)
    assert kept.epochs_done == 1 and kept.metrics == outcome.metrics
    assert json.loads((folder / "metrics.json").read_text()) == outcome.metrics
    assert read_journal(folder).status is RunStatus.STOPPED
    # The numbers are the kept model's: measuring it again gives the same.
    from aegui.core.runs import final_metrics

    again = final_metrics(kept.model, split_for(config), kept.config, with_pca=False)
    assert again["val_mse"] == pytest.approx(outcome.metrics["val_mse"], rel=1e-5)


def test_a_closing_window_stops_at_once_unmeasured(config, tmp_path):
    folder = tmp_path / "run"
    with RunSession(folder, Writer.GUI) as session:
        session.start(config, split_for(config))
        for report in session.fit():
            if isinstance(report, EpochReport):
                assert session.interrupt(measure=False) is True
    assert session.outcome.status is RunStatus.STOPPED and session.outcome.metrics is None
    assert not (folder / "metrics.json").exists() and load_experiment(folder).epochs_done == 1


def test_interrupt_between_batches_keeps_the_last_epoch(config, tmp_path):
    folder = tmp_path / "run"
    with RunSession(folder, Writer.CLI) as session:
        session.start(config, split_for(config))
        for report in session.fit():
            if isinstance(report, EpochReport):
                assert session.interrupt() is True  # as SIGTERM does: seen before the next batch
    outcome = session.outcome
    assert outcome.interrupted and outcome.status is RunStatus.STOPPED and outcome.epochs_done == 1
    assert load_experiment(folder).epochs_done == 1
    assert read_journal(folder).message == "Interrupted."


def test_a_failed_write_stops_the_run_and_keeps_the_checkpoint_before_it(config, tmp_path, monkeypatch):
    from aegui.core.run import session as session_module

    real_write = session_module.write_run_folder
    calls = []

    def full_at_epoch_2(folder, experiment, metrics=None):
        calls.append(experiment.epochs_done)
        if experiment.epochs_done == 2:
            raise OSError(28, "No space left on device")
        return real_write(folder, experiment, metrics)

    monkeypatch.setattr(session_module, "write_run_folder", full_at_epoch_2)
    folder = tmp_path / "run"
    with RunSession(folder, Writer.GUI) as session:
        trainer = session.start(config, split_for(config))
        with pytest.raises(TrainingError, match="No space left on device.*training stopped.*--resume"):
            list(session.fit())
        assert trainer.epochs_done == 2 and session.experiment() is not None  # the model stays in memory
    assert calls == [1, 2]
    assert load_experiment(folder).epochs_done == 1
    journal = read_journal(folder)
    assert journal.status is RunStatus.FAILED and "No space left" in journal.message


def test_a_session_without_a_folder_writes_nothing(config, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with RunSession(None, Writer.GUI) as session:
        session.start(config, split_for(config))
        list(session.fit())
    assert session.outcome.completed and list(tmp_path.iterdir()) == []


def test_the_window_and_a_study_in_one_process_cannot_share_a_folder(config, tmp_path):
    with RunSession(tmp_path / "run", Writer.GUI):
        with pytest.raises(RunFolderBusy):
            RunSession(tmp_path / "run", Writer.SWEEP).claim()


def test_closing_a_study_mid_run_leaves_it_stopped_not_failed(config, tmp_path):
    events = run_sweep(config.with_changes(epochs=50), "latent_dim", [2, 4], tmp_path)
    for event in events:
        if getattr(event, "report", None) is not None and isinstance(event.report, EpochReport):
            break
    events.close()  # as the window's Cancel on close, or Ctrl-C in the driver
    point = load_sweep(tmp_path).points[0]
    assert point.status == "stopped" and point.epochs_done >= 1
    assert read_journal(tmp_path / point.folder).status is RunStatus.STOPPED
    assert (tmp_path / SWEEP_FILE).exists() and not (tmp_path / LOCK_FILE).exists()


def test_a_stop_inside_an_epoch_keeps_that_epochs_mid_epoch_checkpoint(config, tmp_path):
    from aegui.core.partial_epoch import PARTIAL_FILE, load_partial

    folder = tmp_path / "run"
    with RunSession(folder, Writer.GUI) as session:
        session.start(config.with_changes(epochs=4), split_for(config), checkpoint_every_s=0.0)
        # Stop once epoch 2 has a mid-epoch checkpoint (one is written after every batch here).
        list(session.fit(lambda: session.trainer.epochs_done == 1 and (folder / PARTIAL_FILE).exists()))
    assert load_experiment(folder).epochs_done == 1
    partial = load_partial(folder)  # `aegui train --resume` goes on from inside epoch 2
    assert (folder / PARTIAL_FILE).exists() and partial is not None and partial.epochs_done == 1


def test_the_final_metrics_reuse_the_last_epochs_validation(config, tmp_path, monkeypatch):
    from aegui.core import runs

    calls = []
    real_evaluate = runs.evaluate
    monkeypatch.setattr(runs, "evaluate", lambda *a, **k: calls.append(k) or real_evaluate(*a, **k))
    split = split_for(config)
    with RunSession(tmp_path / "run", Writer.CLI) as session:
        trainer = session.start(config.with_changes(loss="mse"), split)
        list(session.fit())
    assert calls == []  # the validation images went through the model once at the end, not twice
    reused = session.outcome.metrics
    fresh = runs.final_metrics(trainer.model, split, config.with_changes(loss="mse"))
    for key in ("val_loss", "val_mse", "val_psnr", "val_ssim", "pca_val_mse"):
        assert reused[key] == pytest.approx(fresh[key], rel=1e-6), key


def test_the_journal_keeps_an_outcomes_sentence_whole_and_refuses_a_tampered_one(tmp_path):
    import json

    from aegui.core.run.journal import JOURNAL_FILE, JournalState
    from aegui.core.words import Said, say

    outcome = say("Its loss was {loss:.4g} at epoch {epoch}: {advice}", loss=float("nan"), epoch=3,
                  advice=say("Train again with a smaller learning rate (now {lr:g}).", lr=0.01))
    data = JournalState(RunStatus.FAILED, message=outcome).to_dict()
    (tmp_path / JOURNAL_FILE).write_text(json.dumps(data), encoding="utf-8")
    message = read_journal(tmp_path).message
    assert isinstance(message, Said) and message == outcome and message.fields["advice"].template.startswith("Train")
    # A file is untrusted: a field that would format a gigabyte, or a sentence that no longer
    # rebuilds the stored English, leaves the plain English.
    for template in ("{loss:>999999999}", "{loss.__class__}", "Something else {epoch}"):
        data["message_said"]["template"] = template
        (tmp_path / JOURNAL_FILE).write_text(json.dumps(data), encoding="utf-8")
        message = read_journal(tmp_path).message
        assert message == str(outcome) and not isinstance(message, Said), template
