"""``aegui train --config`` and the same run under torchrun: N processes on the CPU (gloo)
train the problem one process trains, only rank 0 writes, and a killed job resumes."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from aegui.cli import EXIT_BAD_INPUT, main
from aegui.core.checkpoint import load_experiment
from aegui.core.config import ExperimentConfig
from aegui.core.run.journal import read_journal

RUN_FILES = {"experiment.pt", "config.json", "history.csv", "metrics.json", "status.json"}


def torchrun(*args, nproc: int = 2, **popen) -> list[str]:
    return [sys.executable, "-m", "torch.distributed.run", "--standalone", f"--nproc-per-node={nproc}",
            "-m", "aegui", "train", *map(str, args)]


def env() -> dict[str, str]:
    return {**os.environ, "OMP_NUM_THREADS": "1"}


def history(folder: Path) -> list[dict[str, float]]:
    with open(folder / "history.csv", newline="") as handle:
        return [{k: float(v) for k, v in row.items()} for row in csv.DictReader(handle)]


@pytest.fixture
def experiment_json(tmp_path, tiny_npz) -> Path:
    config = ExperimentConfig(dataset=tiny_npz, model="dense-ae", hidden=16, latent_dim=4, epochs=2,
                              batch_size=32, val_fraction=0.25, device="cpu", seed=1)
    path = tmp_path / "experiment.json"
    path.write_text(config.to_json())
    return path


# -- --config -------------------------------------------------------------------------------------
def test_config_file_is_the_run_and_options_replace_single_fields(tmp_path, experiment_json, capsys):
    out = tmp_path / "run"
    # --model dense-ae is also the file's; --hidden 8 differs; --lr is not given, so the file's stays.
    assert main(["train", "--config", str(experiment_json), "--epochs", "1", "--hidden", "8",
                 "--out", str(out), "--quiet"]) == 0
    config = load_experiment(out).config
    file = ExperimentConfig.from_json(experiment_json.read_text())
    assert config == file.with_changes(epochs=1, hidden=8)
    assert json.loads((out / "config.json").read_text()) == config.to_dict()
    # A run folder (or its config.json) is an experiment file too: the same run again.
    again = tmp_path / "again"
    assert main(["train", "--config", str(out), "--out", str(again), "--quiet"]) == 0
    assert load_experiment(again).config == config
    assert (again / "history.csv").read_bytes() == (out / "history.csv").read_bytes()


@pytest.mark.parametrize("content, message", [
    ("{not json", "not valid JSON"),
    ('{"model": "dense-ae", "wings": 2}', "Unknown experiment settings: wings"),
    ("\x00\xff\xfe", "not a text file of experiment settings"),
])
def test_a_bad_config_file_is_one_sentence_and_exit_2(tmp_path, capsys, content, message):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="latin-1")
    code = main(["train", "--config", str(bad), "--out", str(tmp_path / "o"), "--quiet"])
    err = capsys.readouterr().err
    assert code == EXIT_BAD_INPUT and message in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "o").exists()


def test_config_and_resume_together_are_refused(tmp_path, experiment_json, capsys):
    code = main(["train", "--config", str(experiment_json), "--resume", str(tmp_path), "--quiet"])
    assert code == EXIT_BAD_INPUT and "not both" in capsys.readouterr().err


# -- torchrun ----------------------------------------------------------------------------------------
def test_two_processes_train_what_one_process_trains(tmp_path, experiment_json):
    one, two = tmp_path / "one", tmp_path / "two"
    subprocess.run([sys.executable, "-m", "aegui", "train", "--config", experiment_json, "--out", one, "--quiet"],
                   check=True, env=env())
    done = subprocess.run(torchrun("--config", experiment_json, "--out", two), env=env(), capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.count("Saved ") == 1  # one rank reports
    assert {p.name for p in two.iterdir()} == RUN_FILES  # one rank wrote, and nothing half-written is left
    single, double = history(one), history(two)
    assert [r["epoch"] for r in double] == [1, 2]
    for a, b in zip(single, double, strict=True):
        for key in ("train_loss", "val_loss", "val_mse"):
            assert b[key] == pytest.approx(a[key], rel=1e-4), (key, a, b)
    assert single[1]["train_loss"] < single[0]["train_loss"]  # it trained
    journal = read_journal(two)
    assert journal.writer == "torchrun" and journal.status == "finished" and len(journal.epoch_seconds) == 2


def _kill_tree(pid: int) -> None:
    """SIGKILL a process and every process under it (torchrun starts its workers in sessions
    of their own, so killing its process group leaves them training)."""
    parent = psutil.Process(pid)
    tree = [parent, *parent.children(recursive=True)]
    for process in tree:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.kill()
    psutil.wait_procs(tree, timeout=30)


def test_a_killed_torchrun_job_resumes_from_its_last_epoch(tmp_path):
    out = tmp_path / "job"
    job = torchrun("--dataset", "mnist-10k", "--model", "dense-ae", "--hidden", "16", "--latent-dim", "4",
                   "--epochs", "4", "--batch-size", "64", "--device", "cpu", "--quiet", "--out", out)
    process = subprocess.Popen(job, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and process.poll() is None:
            if (out / "history.csv").exists() and len(history(out)) >= 1:
                break
            time.sleep(0.05)
        _kill_tree(process.pid)  # the whole job, as a cluster's scheduler does
    finally:
        process.wait(timeout=60)
    before = history(out)
    assert 1 <= len(before) < 4, "the job ended before it could be killed"
    resumed = subprocess.run(torchrun("--resume", out, "--quiet"), env=env(), capture_output=True, text=True,
                             timeout=300)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    after = history(out)
    assert [r["epoch"] for r in after] == [1, 2, 3, 4]
    assert after[: len(before)] == before  # the epochs it had are kept as they were
    assert load_experiment(out).epochs_done == 4 and read_journal(out).status == "finished"


def test_a_last_batch_smaller_than_the_ranks_joins_the_one_before(tmp_path, experiment_json):
    # 192 training images in batches of 191: one image left over, fewer than the 2 ranks.
    out = tmp_path / "odd"
    done = subprocess.run(torchrun("--config", experiment_json, "--batch-size", "191", "--epochs", "1",
                                   "--out", out, "--quiet"), env=env(), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert all(v == v for v in history(out)[0].values())  # finite: no rank trained on nothing


def test_a_diverging_torchrun_job_stops_every_rank_with_one_message(tmp_path, experiment_json):
    out = tmp_path / "diverged"
    done = subprocess.run(torchrun("--config", experiment_json, "--lr", "1e6", "--epochs", "3", "--out", out,
                                   "--quiet"), env=env(), capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    messages = [line for line in done.stderr.splitlines() if line.startswith("aegui:")]
    assert len(messages) == 1 and "training stopped" in messages[0], done.stderr[-2000:]
    if (out / "experiment.pt").exists():  # an epoch or more was good before it diverged: kept
        assert load_experiment(out).epochs_done == len(history(out))


def test_a_peer_failure_is_said_without_the_library_s_source_path():
    from aegui.core.run.session import peer_failure_reason

    gloo = RuntimeError("[/__w/pytorch/pytorch/third_party/gloo/gloo/transport/tcp/pair.cc:545] Read error "
                        "[127.0.0.1]:33951: Connection reset by peer. This is typically caused by a remote "
                        "worker hanging or bugs in the application")
    assert peer_failure_reason(gloo) == "Read error [127.0.0.1]:33951: Connection reset by peer"
    assert peer_failure_reason(RuntimeError("")) == "RuntimeError"
