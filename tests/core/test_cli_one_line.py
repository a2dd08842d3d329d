"""The command line's promises under hostile experiment files: a refusal is one line on
stderr (no library warning before it), and a damaged optimizer state is said, not hidden."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

import torch
from test_cli_contract import FAST, cli, run_cli

from aegui.core.checkpoint import load_experiment


def run_aegui(*args, home) -> subprocess.CompletedProcess:
    """A separate process: library warnings print to its real stderr, as a user sees them."""
    env = {**os.environ, "AEGUI_HOME": str(home)}
    env.pop("PYTHONWARNINGS", None)
    return subprocess.run([sys.executable, "-m", "aegui", *map(str, args)], env=env, capture_output=True,
                          text=True, timeout=120)


def test_a_raw_pickle_is_refused_in_one_line_without_torch_s_warning(tmp_path):
    raw = tmp_path / "raw.pt"
    raw.write_bytes(pickle.dumps({"model_state": {}}, protocol=5))
    done = run_aegui("eval", "--checkpoint", raw, home=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "aegui: error: raw.pt is not a readable experiment file (it is corrupt or not a PyTorch file)."]


def test_a_model_spec_with_zero_channels_is_refused_in_one_line(tmp_path, spec):
    out = tmp_path / "run"
    assert run_cli("train", "--dataset", spec, "--out", out, "--epochs", 1, *FAST) == 0
    payload = torch.load(out / "experiment.pt", weights_only=True)
    payload["model_spec"]["channels"] = 0
    torch.save(payload, tmp_path / "zero.pt")
    done = run_aegui("eval", "--checkpoint", tmp_path / "zero.pt", home=tmp_path)
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith("aegui: error: zero.pt")


def test_a_damaged_optimizer_state_is_said_and_the_run_goes_on(capsys, tmp_path, spec):
    out = tmp_path / "run"
    assert run_cli("train", "--dataset", spec, "--out", out, "--epochs", 1, *FAST) == 0
    payload = torch.load(out / "experiment.pt", weights_only=True)
    payload["optimizer_state"] = {"state": {}, "param_groups": []}
    torch.save(payload, out / "experiment.pt")
    code, _, err = cli(capsys, "train", "--resume", out, "--epochs", 1, *FAST)
    assert code == 0, err
    assert "Warning: The saved optimizer state is damaged (it has no parameter groups); the optimizer " \
           "starts fresh (the weights are kept)." in err.splitlines()
    resumed = load_experiment(out / "experiment.pt")
    assert resumed.epochs_done == 2 and resumed.optimizer_state["param_groups"]

    # Moments of the wrong shape would fail at the first step: refused the same way.
    payload = torch.load(out / "experiment.pt", weights_only=True)
    first = next(iter(payload["optimizer_state"]["state"].values()))
    first["exp_avg"] = torch.zeros(3, 3)
    torch.save(payload, out / "experiment.pt")
    code, _, err = cli(capsys, "train", "--resume", out, "--epochs", 1, *FAST)
    assert code == 0 and "does not fit this model (exp_avg is (3, 3)" in err, err
