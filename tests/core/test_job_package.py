"""A training job to take elsewhere: ``aegui job`` writes it, its ``run_local.sh`` runs as
written (2 CPU processes under torchrun) and leaves a run folder that ``aegui eval`` reads."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np

from aegui.cli import main
from aegui.core.checkpoint import load_experiment
from aegui.core.config import ExperimentConfig
from aegui.core.data import load_dataset
from aegui.core.job_package import DATA_FILE, write_job


def test_the_job_runs_as_written_and_its_run_is_measured(tmp_path, tiny_npz, capsys):
    config = ExperimentConfig(dataset=tiny_npz, model="dense-ae", hidden=8, latent_dim=3, epochs=1,
                              batch_size=32, val_fraction=0.25, device="cpu", classes=(0, 1, 2, 3, 4, 5))
    (tmp_path / "experiment.json").write_text(config.to_json())
    job = tmp_path / "job"
    assert main(["job", "--config", str(tmp_path / "experiment.json"), "--out", str(job)]) == 0
    assert "is copied into data/dataset.npz" in capsys.readouterr().out
    written = ExperimentConfig.from_json((job / "experiment.json").read_text())
    # Only where the data is, and the device: the job's machine picks its own.
    assert written == config.with_changes(dataset=f"npz:{DATA_FILE}", device="auto")
    assert (job / "runs").is_dir()  # Slurm writes its log there before the script runs
    original, copied = load_dataset(tiny_npz), load_dataset(f"npz:{job / DATA_FILE}")
    assert np.array_equal(original.images.numpy(), copied.images.numpy())
    assert original.class_names == copied.class_names and np.array_equal(original.labels, copied.labels)

    for script in ("run_local.sh", "run_slurm.sbatch"):
        assert os.access(job / script, os.X_OK)
        assert subprocess.run(["bash", "-n", str(job / script)]).returncode == 0  # it parses
    env = {**os.environ, "PYTHON": sys.executable, "NPROC": "2", "OUT": "runs/first"}
    done = subprocess.run([str(job / "run_local.sh"), "--quiet"], env=env, capture_output=True, text=True,
                          timeout=300, cwd=tmp_path)  # from elsewhere: the script finds its folder
    assert done.returncode == 0, done.stderr[-2000:]
    run = job / "runs" / "first"
    # The run records where its data really is, so it opens from anywhere, and how many
    # processes trained it.
    assert load_experiment(run).config == written.with_changes(dataset=f"npz:{(job / DATA_FILE).resolve()}",
                                                               processes=2)
    assert load_experiment(run).epochs_done == 1

    evaluated = subprocess.run([sys.executable, "-m", "aegui", "eval", "--checkpoint", "runs/first", "--json"],
                               cwd=job, capture_output=True, text=True, timeout=120)
    assert evaluated.returncode == 0, evaluated.stderr
    metrics = json.loads(evaluated.stdout)
    saved = json.loads((run / "metrics.json").read_text())
    assert abs(metrics["val_mse"] - saved["val_mse"]) < 1e-6  # the same validation images, the same model


def test_data_over_the_limit_is_named_not_copied(tmp_path, tiny_npz, tiny_mnist):
    config = ExperimentConfig(dataset=tiny_npz, model="dense-ae")
    package = write_job(config, tmp_path / "job", tiny_mnist, copy_limit_mb=0.01)
    assert not package.data_copied and not (tmp_path / "job" / "data").exists()
    assert "not copied" in package.data_note and tiny_npz in package.data_note
    assert ExperimentConfig.from_json((tmp_path / "job" / "experiment.json").read_text()) == config
    assert "not copied" in (tmp_path / "job" / "README.md").read_text()


def test_the_bundled_digits_are_never_copied(tmp_path, tiny_mnist):
    package = write_job(ExperimentConfig(), tmp_path / "job", tiny_mnist)
    assert not package.data_copied and "ship with aegui" in package.data_note


def test_a_dataset_path_made_of_shell_syntax_is_never_run(tmp_path, tiny_mnist):
    """Spaces, quotes, $(…) and backticks in the dataset path reach the job as data (its
    experiment.json), never as shell: the scripts run with a stand-in Python that records
    its arguments, and nothing in the path is executed."""
    hostile = tmp_path / "it's a \"data\" $(touch PWNED) `touch PWNED2` folder" / "d.npz"
    config = ExperimentConfig(dataset=f"npz:{hostile}", model="dense-ae")
    job = tmp_path / "job"
    write_job(config, job, tiny_mnist, copy_limit_mb=0.01)
    assert ExperimentConfig.from_json((job / "experiment.json").read_text()).dataset == f"npz:{hostile}"
    fake = tmp_path / "python"
    fake.write_text('#!/bin/sh\ncase "$2" in *import*) echo False ;; *) printf "%s\\n" "$@" > "$ARGS" ;; esac\n')
    fake.chmod(0o755)
    env = {**os.environ, "PYTHON": str(fake), "ARGS": str(tmp_path / "args"), "NPROC": "2"}
    subprocess.run(["bash", str(job / "run_local.sh")], cwd=tmp_path, env=env, check=True, timeout=60)
    args = (tmp_path / "args").read_text().splitlines()
    assert args[:2] == ["-m", "torch.distributed.run"] and "--config" in args and "experiment.json" in args
    assert not list(tmp_path.rglob("PWNED*")) and not list(job.rglob("PWNED*"))
