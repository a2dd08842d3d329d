"""What ``aegui train`` promises about its --out folder, --resume, --epochs and runs that stop.

Every run is a dense autoencoder on 256 bundled digits, so the file stays quick.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
import torch

from aegui.cli import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_RUN_FAILED, build_parser, main
from aegui.core.checkpoint import load_experiment
from aegui.core.reports import StepReport

FAST = ["--model", "dense-ae", "--hidden", "8", "--latent-dim", "4", "--batch-size", "32",
        "--device", "cpu", "--quiet"]
STEPS_PER_EPOCH = 8  # 230 training images (256 less a 10 % validation split) in batches of 32


def run_cli(*args) -> int:
    try:
        return main([str(a) for a in args])
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1


def cli(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = run_cli(*args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line(code: int, err: str, expected: int) -> str:
    assert code == expected, err
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("aegui:") and "Traceback" not in err, err
    return lines[0]


def history_rows(folder: Path) -> list[str]:
    return (folder / "history.csv").read_text().splitlines()[1:]


@pytest.fixture
def one_epoch_run(spec, tmp_path) -> Path:
    out = tmp_path / "run"
    assert run_cli("train", "--dataset", spec, "--out", out, "--epochs", 1, *FAST) == 0
    return out


def interrupt_after(monkeypatch, report_type) -> None:
    """Press Ctrl-C right after the run's first report of ``report_type``."""
    from aegui.core.training import Trainer

    real_fit = Trainer.fit

    def fit_then_ctrl_c(self, should_stop=None):
        for report in real_fit(self, should_stop):
            yield report
            if isinstance(report, report_type):
                raise KeyboardInterrupt

    monkeypatch.setattr(Trainer, "fit", fit_then_ctrl_c)


# -- 1. an existing experiment is never replaced by accident -----------------------------------
def test_train_refuses_to_replace_an_experiment(capsys, spec, one_epoch_run):
    before = (one_epoch_run / "experiment.pt").read_bytes()
    code, _, err = cli(capsys, "train", "--dataset", spec, "--out", one_epoch_run, "--epochs", 1,
                       "--seed", 1, *FAST)
    line = one_line(code, err, EXIT_BAD_INPUT)
    assert f"{one_epoch_run} already holds an experiment" in line
    assert "--force" in line and f"--resume {one_epoch_run}" in line
    assert (one_epoch_run / "experiment.pt").read_bytes() == before


def test_force_replaces_the_experiment(spec, one_epoch_run):
    assert run_cli("train", "--dataset", spec, "--out", one_epoch_run, "--epochs", 1, "--seed", 1,
                   "--force", *FAST) == 0
    assert load_experiment(one_epoch_run).config.seed == 1


def test_resuming_into_the_same_folder_is_not_refused(spec, one_epoch_run):
    assert run_cli("train", "--resume", one_epoch_run, "--out", one_epoch_run, "--epochs", 1,
                   "--device", "cpu", "--quiet") == 0
    assert run_cli("train", "--resume", one_epoch_run / "experiment.pt", "--out", one_epoch_run,
                   "--epochs", 1, "--device", "cpu", "--quiet") == 0
    assert load_experiment(one_epoch_run).epochs_done == 3


def test_resuming_another_run_into_an_experiment_folder_is_refused(capsys, spec, one_epoch_run, tmp_path):
    other = tmp_path / "other"
    assert run_cli("train", "--dataset", spec, "--out", other, "--epochs", 1, *FAST) == 0
    before = (one_epoch_run / "experiment.pt").read_bytes()
    code, _, err = cli(capsys, "train", "--resume", other, "--out", one_epoch_run, "--epochs", 1,
                       "--device", "cpu", "--quiet")
    assert "already holds an experiment" in one_line(code, err, EXIT_BAD_INPUT)
    assert (one_epoch_run / "experiment.pt").read_bytes() == before


@pytest.mark.parametrize("bad", [["--task", "colorize"], ["--model", "cvae", "--dataset", "UNLABELED"],
                                 ["--dataset", "npz:MISSING"], ["--dataset", "npz:JUNK"]],
                         ids=["config", "no-labels", "missing-data", "junk-data"])
def test_a_run_that_fails_before_training_leaves_no_folder(capsys, spec, tiny_mnist, tmp_path, bad):
    unlabeled = tmp_path / "unlabeled.npz"
    np.savez(unlabeled, images=tiny_mnist.images[:64, 0].numpy())
    (tmp_path / "junk.npz").write_text("not numpy at all")
    replace = {"UNLABELED": f"npz:{unlabeled}", "npz:MISSING": f"npz:{tmp_path / 'missing.npz'}",
               "npz:JUNK": f"npz:{tmp_path / 'junk.npz'}"}
    out = tmp_path / "new" / "run"
    code, _, err = cli(capsys, "train", "--dataset", spec, *FAST, *[replace.get(a, a) for a in bad],
                       "--out", out)
    one_line(code, err, EXIT_BAD_INPUT)
    assert not (tmp_path / "new").exists()


def test_out_that_is_a_file_is_refused_before_loading_data(capsys, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    # The dataset does not exist either: --out is checked first, before anything is loaded.
    code, _, err = cli(capsys, "train", "--dataset", f"npz:{tmp_path / 'missing.npz'}",
                       "--out", blocker, *FAST)
    assert "is a file" in one_line(code, err, EXIT_BAD_INPUT)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root may write to any folder")
def test_out_under_a_read_only_folder_is_refused_early(capsys, spec, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err = cli(capsys, "train", "--dataset", spec, "--out", locked / "run", *FAST)
        assert "not writable" in one_line(code, err, EXIT_BAD_INPUT)
    finally:
        locked.chmod(0o700)


def test_interrupt_before_the_first_epoch_saves_nothing(capsys, spec, tmp_path, monkeypatch):
    interrupt_after(monkeypatch, StepReport)
    out = tmp_path / "cut"
    code, stdout, _ = cli(capsys, "train", "--dataset", spec, "--out", out, "--epochs", 2, *FAST)
    assert code == EXIT_INTERRUPTED and "nothing was saved" in stdout
    assert not out.exists()


def test_interrupting_a_continued_run_early_leaves_its_folder_as_it_was(capsys, one_epoch_run,
                                                                        monkeypatch):
    before = {p.name: p.read_bytes() for p in one_epoch_run.iterdir()}
    assert "metrics.json" in before
    interrupt_after(monkeypatch, StepReport)
    code, _, _ = cli(capsys, "train", "--resume", one_epoch_run, "--out", one_epoch_run, "--epochs", 1,
                     "--device", "cpu", "--quiet")
    assert code == EXIT_INTERRUPTED
    assert {p.name: p.read_bytes() for p in one_epoch_run.iterdir()} == before


# -- 2 and 3. a run that has to stop says truthfully what was kept -----------------------------
def test_nan_in_the_first_epoch_keeps_nothing_and_leaves_no_folder(capsys, spec, tmp_path):
    out = tmp_path / "nan"
    code, _, err = cli(capsys, "train", "--dataset", spec, "--out", out, "--epochs", 2,
                       "--lr", "1e12", "--optimizer", "sgd", "--loss", "mse", *FAST)
    line = one_line(code, err, EXIT_RUN_FAILED)
    assert "No epoch completed, so nothing was kept" in line and "last good epoch" not in line
    assert "lower learning rate" in line
    assert not out.exists()


def test_nan_after_an_epoch_keeps_that_epoch_on_disk(capsys, spec, tmp_path, monkeypatch):
    from aegui.core import training
    from aegui.core.losses import LossTerms

    real_terms = training.loss_terms
    calls = []

    def nan_from_epoch_2(*args, **kwargs):
        terms = real_terms(*args, **kwargs)
        calls.append(1)
        if len(calls) > STEPS_PER_EPOCH:
            return LossTerms(terms.total * float("nan"), terms.recon, terms.kl)
        return terms

    monkeypatch.setattr(training, "loss_terms", nan_from_epoch_2)
    out = tmp_path / "half"
    code, _, err = cli(capsys, "train", "--dataset", spec, "--out", out, "--epochs", 3, *FAST)
    line = one_line(code, err, EXIT_RUN_FAILED)
    assert "at epoch 2" in line and "The weights of the last good epoch (1) are kept." in line
    kept = load_experiment(out)
    assert kept.epochs_done == 1 and len(history_rows(out)) == 1
    assert all(torch.isfinite(v).all() for v in kept.model.state_dict().values())
    assert not (out / "metrics.json").exists()


def test_an_exploding_loss_exits_3_with_the_learning_rate_advice(capsys, spec, tmp_path):
    out = tmp_path / "boom"
    # A conv VAE of the plain layout with BCE, where lr 1000 explodes without a NaN.
    code, _, err = cli(capsys, "train", "--dataset", spec, "--out", out, "--lr", 1000,
                            "--epochs", 2, "--hidden", "8", "--batch-size", "32", "--device", "cpu",
                            "--block", "plain", "--norm", "batch", "--quiet")
    line = one_line(code, err, EXIT_RUN_FAILED)
    assert "The loss grew to" in line and "epoch 1" in line
    assert "Try a lower learning rate (now 1000), or the MSE loss." in line
    assert not out.exists()


# -- 4. --resume --epochs N trains N more, as "Continue" does in the app -----------------------
def test_a_fresh_run_still_defaults_to_10_epochs(tmp_path):
    from aegui.cli.common import config_from_args

    args = build_parser().parse_args(["train", "--out", str(tmp_path / "x")])
    assert args.epochs is None and config_from_args(args).epochs == 10


def test_resume_with_epochs_trains_that_many_more(one_epoch_run):
    assert run_cli("train", "--resume", one_epoch_run, "--out", one_epoch_run, "--epochs", 2,
                   "--device", "cpu", "--quiet") == 0
    experiment = load_experiment(one_epoch_run)
    assert experiment.epochs_done == 3 and len(history_rows(one_epoch_run)) == 3
    assert experiment.config.epochs == 3
    assert json.loads((one_epoch_run / "config.json").read_text())["epochs"] == 3


def test_resume_without_epochs_finishes_the_planned_run(spec, tmp_path, monkeypatch):
    from aegui.core.reports import EpochReport

    straight = tmp_path / "straight"
    assert run_cli("train", "--dataset", spec, "--out", straight, "--epochs", 3, *FAST) == 0
    with monkeypatch.context() as patch:
        interrupt_after(patch, EpochReport)
        cut = tmp_path / "cut"
        assert run_cli("train", "--dataset", spec, "--out", cut, "--epochs", 3, *FAST) == EXIT_INTERRUPTED
    assert load_experiment(cut).epochs_done == 1
    assert run_cli("train", "--resume", cut, "--out", cut, "--device", "cpu", "--quiet") == 0
    resumed = load_experiment(cut)
    assert resumed.epochs_done == 3 and resumed.config.epochs == 3
    # per-epoch seeding: the interrupted and continued run is the uninterrupted one
    assert (cut / "history.csv").read_bytes() == (straight / "history.csv").read_bytes()


def test_resuming_a_finished_run_without_epochs_says_how_to_go_on(capsys, spec, tmp_path):
    run = tmp_path / "done"
    assert run_cli("train", "--dataset", spec, "--out", run, "--epochs", 2, *FAST) == 0
    before = (run / "experiment.pt").read_bytes()
    code, _, err = cli(capsys, "train", "--resume", run, "--out", run, "--device", "cpu", "--quiet")
    line = one_line(code, err, EXIT_BAD_INPUT)
    assert line == (f"aegui: error: {run} has finished the 2 epochs it was set to train; pass "
                    "--epochs N to train N more.")
    assert (run / "experiment.pt").read_bytes() == before


def test_resume_with_zero_more_epochs_is_refused(capsys, one_epoch_run):
    code, _, err = cli(capsys, "train", "--resume", one_epoch_run, "--out", one_epoch_run,
                       "--epochs", 0, "--device", "cpu", "--quiet")
    assert "--epochs must be at least 1" in one_line(code, err, EXIT_BAD_INPUT)


@pytest.mark.parametrize("what,name", [("model", "m.txt"), ("history", "h.json"),
                                       ("reconstructions", "r.jpg"), ("embeddings", "e.txt")])
def test_export_to_a_wrong_file_type_makes_no_folder(capsys, tmp_path, one_epoch_run, what, name):
    out = tmp_path / "new" / "deeper" / name
    code, _, err = cli(capsys, "export", "--checkpoint", one_epoch_run, "--what", what, "--out", out)
    one_line(code, err, EXIT_BAD_INPUT)
    assert not (tmp_path / "new").exists()


def test_the_refusal_hint_is_a_command_that_works(capsys, spec, one_epoch_run):
    code, _, err = cli(capsys, "train", "--dataset", spec, "--out", one_epoch_run, *FAST)
    line = one_line(code, err, EXIT_BAD_INPUT)
    hint = line.split("'")[1]  # 'aegui train --resume RUN --epochs N'
    assert hint == f"aegui train --resume {one_epoch_run} --epochs N"
    args = hint.replace("N", "1").split()[1:]
    assert run_cli(*args, "--device", "cpu", "--quiet") == 0  # exactly as suggested
    assert len(history_rows(one_epoch_run)) == 2


def test_train_without_out_says_what_to_give(capsys, spec):
    code, _, err = cli(capsys, "train", "--dataset", spec, *FAST)
    assert "--out" in one_line(code, err, EXIT_BAD_INPUT)


def test_a_mistyped_command_lists_the_commands(capsys):
    from aegui.__main__ import main as entry

    capsys.readouterr()
    with pytest.raises(SystemExit) as exited:
        entry(["traing"])
    err = capsys.readouterr().err
    assert exited.value.code == EXIT_BAD_INPUT and "'train'" in err and "'analyze'" in err
    assert "  " not in err.split("(see")[1]


@pytest.mark.parametrize("flag,value", [("--lr", "inf"), ("--beta", "inf"), ("--lr", "nan"),
                                        ("--noise", "-inf"), ("--val-fraction", "nan")])
def test_non_finite_numbers_are_refused_when_parsed(capsys, tmp_path, flag, value):
    code, _, err = cli(capsys, "train", "--out", tmp_path / "run", f"{flag}={value}", *FAST)
    assert "not a finite number" in one_line(code, err, EXIT_BAD_INPUT)
    assert not (tmp_path / "run").exists()


@pytest.mark.parametrize("seed", ["100000000000000000000", "4611686018427387904"])
def test_seeds_too_large_for_the_generators_are_refused_before_training(capsys, tmp_path, seed):
    code, _, err = cli(capsys, "train", "--out", tmp_path / "run", "--seed", seed, *FAST)
    assert "Seeds must be at most" in one_line(code, err, EXIT_BAD_INPUT)
    assert not (tmp_path / "run").exists()


def test_a_config_with_a_non_finite_number_is_refused():
    from aegui.core.config import ExperimentConfig
    from aegui.core.errors import ConfigError

    with pytest.raises(ConfigError, match="finite"):
        ExperimentConfig(lr=float("inf"))
    with pytest.raises(ConfigError, match="finite"):
        ExperimentConfig().with_changes(beta=float("nan"))


def test_a_full_disk_mid_run_exits_3_and_keeps_the_last_checkpoint(capsys, spec, tmp_path, monkeypatch):
    import aegui.core.checkpoint as checkpoint

    out = tmp_path / "run"
    real_save = torch.save
    saves = {"n": 0}

    def save_then_fill_the_disk(obj, handle, *args, **kwargs):
        saves["n"] += 1
        if saves["n"] >= 2:  # the second epoch's checkpoint: the disk is full
            raise RuntimeError("[enforce fail at inline_container.cc:858] . unexpected pos 64 vs 0")
        return real_save(obj, handle, *args, **kwargs)

    monkeypatch.setattr(checkpoint.torch, "save", save_then_fill_the_disk)
    code, _, err = cli(capsys, "train", "--dataset", spec, "--out", out, "--epochs", 3, *FAST)
    line = one_line(code, err, EXIT_RUN_FAILED)
    assert "Saving epoch 2" in line and "is the disk full?" in line and "--resume" in line
    monkeypatch.setattr(checkpoint.torch, "save", real_save)
    assert load_experiment(out / "experiment.pt").epochs_done == 1  # the last good one
    assert not list(out.glob(".*.tmp"))  # no half-written file left beside it


def test_an_empty_out_is_refused_rather_than_writing_here(capsys, spec, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(capsys, "train", "--dataset", spec, "--out", "", "--epochs", 1, *FAST)
    assert "--out is empty" in one_line(code, err, EXIT_BAD_INPUT)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("what,name", [("history", "x.csv"), ("model", "x.safetensors"), ("model", "x.pt"),
                                       ("embeddings", "x.npz")])
def test_export_onto_a_folder_of_that_name_is_refused(capsys, tmp_path, one_epoch_run, what, name):
    target = tmp_path / name
    target.mkdir()
    code, _, err = cli(capsys, "export", "--checkpoint", one_epoch_run, "--what", what, "--out", target)
    assert "is a folder" in one_line(code, err, EXIT_BAD_INPUT)
    assert list(target.iterdir()) == []


def test_export_under_a_file_is_refused(capsys, tmp_path, one_epoch_run):
    (tmp_path / "afile").write_text("x")
    code, _, err = cli(capsys, "export", "--checkpoint", one_epoch_run, "--what", "history",
                       "--out", tmp_path / "afile" / "h.csv")
    assert "is a file" in one_line(code, err, EXIT_BAD_INPUT)


def test_export_to_a_read_only_place_is_refused(capsys, tmp_path, one_epoch_run, monkeypatch):
    # Root may write anywhere, so the operating system's answer is simulated.
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == tmp_path else real_access(p, mode))
    code, _, err = cli(capsys, "export", "--checkpoint", one_epoch_run, "--what", "model",
                       "--out", tmp_path / "m.safetensors")
    assert "read-only" in one_line(code, err, EXIT_BAD_INPUT)
    assert not (tmp_path / "m.safetensors").exists()


def test_train_into_a_read_only_place_is_refused_before_training(capsys, spec, tmp_path, monkeypatch):
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == tmp_path else real_access(p, mode))
    code, _, err = cli(capsys, "train", "--dataset", spec, "--out", tmp_path / "run", *FAST)
    assert "not writable" in one_line(code, err, EXIT_BAD_INPUT)
    assert not (tmp_path / "run").exists()


def test_resuming_a_run_killed_before_its_final_metrics_measures_it(capsys, spec, tmp_path):
    out = tmp_path / "run"
    assert run_cli("train", "--dataset", spec, "--out", out, "--epochs", 1, *FAST) == 0
    experiment = load_experiment(out)
    experiment.metrics = {}
    from aegui.core.run.files import write_run_folder

    write_run_folder(out, experiment)  # as a kill after the last epoch's save leaves it
    (out / ".metrics.json.x1y2.tmp").write_text("{")  # ... and, killed mid-write, this
    assert not (out / "metrics.json").exists()
    code, stdout, _ = cli(capsys, "train", "--resume", out, "--device", "cpu")
    assert code == 0 and "measured them now" in stdout
    measured = load_experiment(out)
    assert measured.epochs_done == 1 and "val_mse" in measured.metrics
    assert json.loads((out / "metrics.json").read_text())["val_mse"] == measured.metrics["val_mse"]
    assert list(out.glob(".*.tmp")) == []
