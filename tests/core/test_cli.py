"""The headless CLI end to end: ``aegui train | eval | export``, in-process via
``aegui.cli.main`` and, for a couple of cases, as ``python -m aegui`` subprocesses.

Everything trains on 256 bundled digits with a tiny network, so the file stays fast.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from aegui import __version__
from aegui.cli import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_RUN_FAILED, main
from aegui.core.checkpoint import load_experiment
from aegui.core.data import load_dataset, split_dataset
from aegui.core.reports import HISTORY_COLUMNS
from aegui.core.run.journal import read_journal

FAST = ["--hidden", "8", "--batch-size", "32", "--device", "cpu", "--quiet"]
LATENT = 4
N_IMAGES = 256
N_VAL = 26  # round(256 * 0.1), the default --val-fraction
REPO = Path(__file__).resolve().parents[2]


# -- helpers ---------------------------------------------------------------------------------
def run_cli(*args: str) -> int:
    """``aegui.cli.main``'s exit code; argparse errors and --version leave via SystemExit."""
    try:
        return main([str(a) for a in args])
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)


def cli(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()  # drop whatever came before
    code = run_cli(*args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def train(spec: str, out: Path, *extra: str, epochs: int = 2) -> Path:
    code = run_cli("train", "--dataset", spec, "--out", out, "--epochs", epochs,
                   "--latent-dim", LATENT, *FAST, *extra)
    assert code == 0
    return out


def read_history(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def assert_one_line_error(code: int, err: str, expected_code: int = EXIT_BAD_INPUT) -> str:
    assert code == expected_code, err
    assert "Traceback" not in err
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("aegui:"), err
    return lines[0]


# -- shared, trained once per module ----------------------------------------------------------
@pytest.fixture(scope="module")
def val_split(spec):
    return split_dataset(load_dataset(spec), 0.1, 0)


@pytest.fixture(scope="module")
def ae_run(spec, tmp_path_factory) -> Path:
    """A plain conv autoencoder, 2 epochs, seed 0."""
    return train(spec, tmp_path_factory.mktemp("ae"), "--model", "conv-ae")


@pytest.fixture(scope="module")
def vae_run(spec, tmp_path_factory) -> Path:
    return train(spec, tmp_path_factory.mktemp("vae"), "--model", "conv-vae", epochs=1)


@pytest.fixture(scope="module")
def denoise_run(spec, tmp_path_factory) -> Path:
    return train(spec, tmp_path_factory.mktemp("denoise"), "--model", "conv-ae",
                 "--task", "denoise", "--noise", "0.5", epochs=1)


# -- train ------------------------------------------------------------------------------------
def test_train_writes_the_experiment_folder(ae_run, val_split):
    assert {p.name for p in ae_run.iterdir()} == {"experiment.pt", "history.csv", "metrics.json",
                                                  "config.json", "status.json"}
    journal = read_journal(ae_run)
    assert journal.status == "finished" and journal.writer == "cli" and len(journal.epoch_seconds) == 2
    header, rows = read_history(ae_run / "history.csv")
    assert tuple(header) == HISTORY_COLUMNS
    assert [r["epoch"] for r in rows] == ["1", "2"]
    assert float(rows[1]["train_loss"]) < float(rows[0]["train_loss"])  # it really trained

    metrics = json.loads((ae_run / "metrics.json").read_text())
    assert {"val_mse", "val_psnr", "val_ssim"} <= metrics.keys()
    assert not {"val_kl", "val_elbo", "input_psnr"} & metrics.keys()  # plain AE, no corruption
    assert 0 < metrics["val_mse"] < 0.5
    assert math.isclose(metrics["val_psnr"], float(rows[1]["val_psnr"]), rel_tol=1e-4)
    assert -1 <= metrics["val_ssim"] <= 1

    experiment = load_experiment(ae_run)
    assert experiment.epochs_done == 2 and len(experiment.history) == 2
    assert experiment.config.model == "conv-ae" and experiment.model.latent_dim == LATENT
    assert experiment.metrics == pytest.approx(metrics)
    # val_mse recomputed by hand from the saved weights on the validation split
    x = val_split.val.images.float() / 255
    with torch.inference_mode():
        recon = experiment.model.eval()(x).recon
    by_hand = ((recon - x) ** 2).flatten(1).mean(1).mean().item()
    assert metrics["val_mse"] == pytest.approx(by_hand, rel=1e-4)

    config = json.loads((ae_run / "config.json").read_text())
    assert config["model"] == "conv-ae" and config["epochs"] == 2 and config["hidden"] == 8


def test_variational_and_corrupting_runs_report_their_extra_metrics(vae_run, denoise_run):
    vae = json.loads((vae_run / "metrics.json").read_text())
    assert {"val_mse", "val_psnr", "val_ssim", "val_kl", "val_elbo"} <= vae.keys()
    assert vae["val_kl"] >= 0 and vae["val_elbo"] > 0
    assert "input_psnr" not in vae
    _, rows = read_history(vae_run / "history.csv")
    assert len(rows) == 1 and float(rows[0]["val_kl"]) > 0

    noisy = json.loads((denoise_run / "metrics.json").read_text())
    assert {"val_mse", "val_psnr", "val_ssim", "input_psnr", "input_mse"} <= noisy.keys()
    assert not {"val_kl", "val_elbo"} & noisy.keys()
    # σ = 0.5 Gaussian noise on MNIST leaves an input PSNR of roughly 6-10 dB
    assert 3 < noisy["input_psnr"] < 12
    assert noisy["input_psnr"] != pytest.approx(noisy["val_psnr"])


def test_same_seed_same_bytes_other_seed_differs(spec, ae_run, tmp_path):
    again = train(spec, tmp_path / "again", "--model", "conv-ae")
    other = train(spec, tmp_path / "other", "--model", "conv-ae", "--seed", "1")
    first = (ae_run / "history.csv").read_bytes()
    assert (again / "history.csv").read_bytes() == first
    assert (other / "history.csv").read_bytes() != first


def test_resume_trains_more_epochs(spec, ae_run, tmp_path):
    half = train(spec, tmp_path / "half", "--model", "conv-ae", epochs=1)
    assert len(read_history(half / "history.csv")[1]) == 1
    # --epochs with --resume counts the epochs to add, as the app's Continue does
    code = run_cli("train", "--resume", half, "--epochs", 1, "--device", "cpu", "--quiet",
                   "--out", tmp_path / "resumed")
    assert code == 0
    resumed = tmp_path / "resumed"
    _, rows = read_history(resumed / "history.csv")
    assert [r["epoch"] for r in rows] == ["1", "2"]
    assert load_experiment(resumed).epochs_done == 2
    # per-epoch seeding: resuming replays exactly what the straight 2-epoch run did
    assert (resumed / "history.csv").read_bytes() == (ae_run / "history.csv").read_bytes()


def test_train_prints_progress_without_quiet(capsys, tiny_npz, tmp_path):
    code, out, _ = cli(capsys, "train", "--dataset", tiny_npz, "--out", tmp_path / "loud",
                       "--model", "dense-ae", "--epochs", "1", "--hidden", "8",
                       "--batch-size", "64", "--device", "cpu")
    assert code == 0
    assert "256 grayscale images 28×28, 10 classes" in out
    assert re.search(r"^epoch 1/1 .* img/s$", out, re.M)
    assert re.search(r"^val_mse\s+\d+\.\d{4}$", out, re.M)
    assert "Saved" in out


def test_quiet_drops_the_progress_but_keeps_the_result(capsys, tiny_npz, tmp_path):
    code, out, err = cli(capsys, "train", "--dataset", tiny_npz, "--out", tmp_path / "quiet",
                         "--model", "dense-ae", "--epochs", "1", *FAST)
    assert code == 0
    assert "epoch 1/1" not in out and "grayscale images" not in out and "batch/s" not in err
    assert re.search(r"^val_mse\s+\d+\.\d{4}$", out, re.M) and "Saved" in out


def test_unreadable_files_of_a_folder_are_named_not_skipped_silently(capsys, tmp_path):
    """The window lists the files a folder load leaves out; the CLI said nothing."""
    from PIL import Image

    rng = np.random.default_rng(0)
    for label in ("cats", "dogs"):
        (tmp_path / "pets" / label).mkdir(parents=True)
        for i in range(12):
            Image.fromarray(rng.integers(0, 255, (16, 16, 3), dtype=np.uint8)).save(
                tmp_path / "pets" / label / f"{i}.png")
    (tmp_path / "pets" / "dogs" / "broken.png").write_bytes(b"not a picture")
    code, out, err = cli(capsys, "train", "--dataset", f"folder:{tmp_path / 'pets'}", "--out", tmp_path / "run",
                         "--model", "dense-ae", "--epochs", "1", *FAST)
    assert code == 0, err
    assert "Note: 1 unreadable file: dogs/broken.png left out of folder:pets." in err
    code, out, err = cli(capsys, "eval", "--checkpoint", tmp_path / "run")
    assert code == 0 and "dogs/broken.png" in err


# -- eval -------------------------------------------------------------------------------------
def test_eval_json_matches_metrics_file(capsys, ae_run):
    code, out, _ = cli(capsys, "eval", "--checkpoint", ae_run, "--json")
    assert code == 0
    printed = json.loads(out)  # the whole of stdout is one JSON document
    saved = json.loads((ae_run / "metrics.json").read_text())
    assert printed.keys() == saved.keys()
    assert printed["val_mse"] == pytest.approx(saved["val_mse"], rel=1e-5)
    assert printed["val_psnr"] == pytest.approx(saved["val_psnr"], rel=1e-5)


def test_eval_prints_readable_lines(capsys, vae_run):
    code, out, _ = cli(capsys, "eval", "--checkpoint", vae_run / "experiment.pt")
    assert code == 0
    with pytest.raises(json.JSONDecodeError):
        json.loads(out)
    lines = out.strip().splitlines()
    assert all(re.fullmatch(r"[a-z_]+\s+-?\d+\.\d{4}", line) for line in lines), out
    keys = {line.split()[0] for line in lines}
    assert keys == json.loads((vae_run / "metrics.json").read_text()).keys()


def test_eval_on_another_dataset_of_the_same_shape(capsys, ae_run, tiny_mnist, tmp_path):
    path = tmp_path / "first64.npz"
    np.savez(path, images=tiny_mnist.images[:64, 0].numpy())  # unlabeled is fine for an AE
    code, out, _ = cli(capsys, "eval", "--checkpoint", ae_run, "--dataset", f"npz:{path}", "--json")
    assert code == 0
    own = json.loads((ae_run / "metrics.json").read_text())
    other = json.loads(out)
    assert other["val_mse"] > 0 and other["val_mse"] != pytest.approx(own["val_mse"], rel=1e-6)


# -- export -----------------------------------------------------------------------------------
def test_export_model_as_safetensors(capsys, ae_run, tmp_path):
    from safetensors import safe_open
    from safetensors.torch import load_file

    out = tmp_path / "model.safetensors"
    code, stdout, _ = cli(capsys, "export", "--checkpoint", ae_run, "--what", "model", "--out", out)
    assert code == 0 and str(out) in stdout
    tensors = load_file(str(out))
    state = load_experiment(ae_run).model.state_dict()
    assert tensors.keys() == state.keys() and len(tensors) > 4
    for name, value in state.items():
        assert tensors[name].shape == value.shape
        assert torch.equal(tensors[name], value)
    with safe_open(str(out), "pt") as handle:
        meta = handle.metadata()
    assert meta["format"] == "aegui-model"
    assert json.loads(meta["model_spec"])["latent_dim"] == LATENT


def test_export_model_as_slim_experiment(ae_run, tmp_path):
    out = tmp_path / "slim.pt"
    assert run_cli("export", "--checkpoint", ae_run, "--what", "model", "--out", out) == 0
    slim = load_experiment(out)
    assert slim.optimizer_state is None and slim.epochs_done == 2
    assert out.stat().st_size < (ae_run / "experiment.pt").stat().st_size


def test_export_embeddings_npz_and_csv(ae_run, val_split, tmp_path):
    npz = tmp_path / "z.npz"
    assert run_cli("export", "--checkpoint", ae_run, "--what", "embeddings", "--out", npz) == 0
    with np.load(npz) as data:
        z, labels = data["z"], data["labels"]
        names = list(data["class_names"])
    assert z.shape == (N_VAL, LATENT) and np.isfinite(z).all() and z.std() > 0
    assert labels.shape == (N_VAL,)
    np.testing.assert_array_equal(labels, val_split.val.labels.numpy())
    assert names == [str(d) for d in range(10)]

    table = tmp_path / "z.csv"
    assert run_cli("export", "--checkpoint", ae_run, "--what", "embeddings", "--out", table) == 0
    with open(table, newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["label", "class", *[f"z{i}" for i in range(LATENT)]]
    assert len(rows) == 1 + N_VAL
    assert [int(r[0]) for r in rows[1:]] == labels.tolist()
    np.testing.assert_allclose(np.array([r[2:] for r in rows[1:]], dtype=float), z, rtol=1e-4,
                               atol=1e-5)


def test_export_reconstructions_png(ae_run, denoise_run, tmp_path):
    from PIL import Image

    out = tmp_path / "recon.png"
    assert run_cli("export", "--checkpoint", ae_run, "--what", "reconstructions", "--count", 16,
                   "--out", out) == 0
    with Image.open(out) as image:
        image.load()
        # 16 tiles of 28 px with 2 px padding, 2 rows (original, reconstruction), scaled 3×
        assert image.size == ((16 * 30 + 2) * 3, 2 * 32 * 3)
        pixels = np.asarray(image)
    assert pixels.min() < pixels.max()

    noisy = tmp_path / "denoise.png"
    assert run_cli("export", "--checkpoint", denoise_run, "--what", "reconstructions", "--count", 4,
                   "--out", noisy) == 0
    with Image.open(noisy) as image:
        assert image.size == ((4 * 30 + 2) * 3, 3 * 32 * 3)  # plus the corrupted row


def test_export_history_csv(ae_run, tmp_path):
    out = tmp_path / "sub" / "history.csv"
    assert run_cli("export", "--checkpoint", ae_run, "--what", "history", "--out", out) == 0
    assert out.read_bytes() == (ae_run / "history.csv").read_bytes()


@pytest.mark.parametrize("what, name", [("history", "h.txt"), ("model", "m.bin"),
                                        ("embeddings", "z.json"), ("reconstructions", "r.jpg")])
def test_export_refuses_unknown_file_types(capsys, ae_run, tmp_path, what, name):
    code, _, err = cli(capsys, "export", "--checkpoint", ae_run, "--what", what,
                       "--out", tmp_path / name)
    assert_one_line_error(code, err)
    assert not (tmp_path / name).exists()


# -- bad input: exit 2, one line, no traceback ------------------------------------------------
def test_unknown_dataset_spec(capsys, tmp_path):
    code, _, err = cli(capsys, "train", "--dataset", "bogus:thing", "--out", tmp_path / "x", *FAST)
    assert "Unknown dataset 'bogus:thing'" in assert_one_line_error(code, err)


def test_unknown_model_is_an_argparse_error(capsys, tiny_npz, tmp_path):
    code, _, err = cli(capsys, "train", "--dataset", tiny_npz, "--model", "nope",
                       "--out", tmp_path / "x", *FAST)
    line = assert_one_line_error(code, err)
    assert "--model" in line and "invalid choice: 'nope'" in line
    assert not (tmp_path / "x").exists()  # nothing was started


def test_missing_npz_file(capsys, tmp_path):
    missing = tmp_path / "nowhere.npz"
    code, _, err = cli(capsys, "train", "--dataset", f"npz:{missing}", "--out", tmp_path / "x", *FAST)
    assert str(missing) in assert_one_line_error(code, err)


def test_colorize_needs_rgb(capsys, tiny_npz, tmp_path):
    code, _, err = cli(capsys, "train", "--dataset", tiny_npz, "--task", "colorize",
                       "--out", tmp_path / "x", *FAST)
    line = assert_one_line_error(code, err)
    assert "RGB" in line and "grayscale" in line


def test_cvae_needs_labels(capsys, tiny_mnist, tmp_path):
    path = tmp_path / "unlabeled.npz"
    np.savez(path, images=tiny_mnist.images[:, 0].numpy())
    code, _, err = cli(capsys, "train", "--dataset", f"npz:{path}", "--model", "cvae",
                       "--out", tmp_path / "x", *FAST)
    assert "labels" in assert_one_line_error(code, err)


def test_random_bytes_checkpoint(capsys, tmp_path):
    bad = tmp_path / "random.pt"
    bad.write_bytes(os.urandom(4096))
    code, _, err = cli(capsys, "eval", "--checkpoint", bad)
    assert "random.pt" in assert_one_line_error(code, err)


def test_truncated_checkpoint(capsys, ae_run, tmp_path):
    data = (ae_run / "experiment.pt").read_bytes()
    cut = tmp_path / "cut.pt"
    cut.write_bytes(data[: len(data) // 2])
    code, _, err = cli(capsys, "export", "--checkpoint", cut, "--what", "history",
                       "--out", tmp_path / "h.csv")
    line = assert_one_line_error(code, err)
    assert "cut.pt" in line and "corrupt" in line


def test_random_bytes_are_not_called_malicious(capsys, tmp_path):
    bad = tmp_path / "random.pt"
    bad.write_bytes(os.urandom(4096))
    _, _, err = cli(capsys, "eval", "--checkpoint", bad)
    assert "could run code" not in err


class _Planted:
    """Unpickling this would create a file: proof that code ran."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_planted_pickle_is_refused_and_never_runs(capsys, tmp_path):
    marker = tmp_path / "PWNED"
    evil = tmp_path / "evil.pt"
    torch.save({"format": "aegui-experiment", "format_version": 1, "payload": _Planted(marker)}, evil)
    assert not marker.exists()
    code, out, err = cli(capsys, "eval", "--checkpoint", evil, "--json")
    line = assert_one_line_error(code, err)
    assert "Refused" in line and "evil.pt" in line
    assert out == "" and not marker.exists()


def test_eval_on_images_of_another_size(capsys, ae_run, tmp_path):
    path = tmp_path / "big.npz"
    np.savez(path, images=np.zeros((20, 32, 32), np.uint8))
    code, _, err = cli(capsys, "eval", "--checkpoint", ae_run, "--dataset", f"npz:{path}")
    line = assert_one_line_error(code, err)
    assert "1×28×28" in line and "1×32×32" in line


def test_missing_checkpoint(capsys, tmp_path):
    code, _, err = cli(capsys, "eval", "--checkpoint", tmp_path / "nothing-here")
    assert "No experiment file" in assert_one_line_error(code, err)


def test_out_folder_that_cannot_be_made(capsys, tiny_npz, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    code, _, err = cli(capsys, "train", "--dataset", tiny_npz, "--out", blocker / "run", *FAST)
    assert str(blocker) in assert_one_line_error(code, err)


# -- Ctrl-C: exit 130, the last complete epoch is kept ----------------------------------------
def test_interrupted_run_keeps_the_last_complete_epoch(capsys, tiny_npz, tmp_path, monkeypatch):
    from aegui.core.reports import EpochReport
    from aegui.core.training import Trainer

    real_fit = Trainer.fit

    def fit_then_ctrl_c(self, should_stop=None):
        for report in real_fit(self, should_stop):
            yield report
            if isinstance(report, EpochReport):
                raise KeyboardInterrupt  # as if pressed during epoch 2

    monkeypatch.setattr(Trainer, "fit", fit_then_ctrl_c)
    out = tmp_path / "cut"
    code, stdout, err = cli(capsys, "train", "--dataset", tiny_npz, "--out", out, "--epochs", "3",
                            "--model", "dense-ae", *FAST)
    assert code == EXIT_INTERRUPTED and "interrupted" in err and "epoch (1)" in stdout
    assert {p.name for p in out.iterdir()} == {"experiment.pt", "config.json", "history.csv", "status.json"}
    assert read_journal(out).status == "stopped"
    experiment = load_experiment(out)
    assert experiment.epochs_done == 1 and len(read_history(out / "history.csv")[1]) == 1
    assert experiment.metrics == {}


def test_ctrl_c_exits_130_with_the_kept_epoch_measured(tiny_npz, tmp_path):
    """Ctrl-C in the terminal (SIGINT between batches): the run stops at once, exit 130, and
    the kept epoch has its metrics.json, so the Runs table shows its Val MSE."""
    import signal
    import time

    out = tmp_path / "ctrl-c"
    env = {**os.environ, "OMP_NUM_THREADS": "2", "PYTHONWARNINGS": "ignore"}
    proc = subprocess.Popen([sys.executable, "-m", "aegui", "train", "--dataset", tiny_npz, "--out", str(out),
                             "--model", "dense-ae", "--epochs", "500", *FAST], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not (out / "experiment.pt").exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == EXIT_INTERRUPTED, stderr
    assert "measured (validation MSE" in stdout and stderr.strip() == "aegui: interrupted"
    metrics = json.loads((out / "metrics.json").read_text())
    experiment = load_experiment(out)
    assert 1 <= experiment.epochs_done < 500 and experiment.metrics == metrics and metrics["val_mse"] > 0
    assert read_journal(out).status == "stopped"


# -- a run that has to stop: exit 3 -----------------------------------------------------------
def test_diverging_run_exits_3_and_blames_the_learning_rate(capsys, tiny_npz, tmp_path):
    out = tmp_path / "nan"
    code, _, err = cli(capsys, "train", "--dataset", tiny_npz, "--out", out, "--epochs", "1",
                       "--lr", "1e12", "--optimizer", "sgd", "--loss", "mse", "--model", "dense-ae",
                       *FAST)
    line = assert_one_line_error(code, err, EXIT_RUN_FAILED)
    assert "learning rate" in line and "1e+12" in line
    assert not (out / "metrics.json").exists()


# -- no command, --version, python -m aegui ---------------------------------------------------
def test_no_command_prints_help(capsys):
    code, out, _ = cli(capsys)
    assert code != 0
    assert out.startswith("usage: aegui") and all(c in out for c in ("train", "eval", "export"))


def test_version(capsys):
    code, out, _ = cli(capsys, "--version")
    assert code == 0 and out.strip() == f"aegui {__version__}"


def _python_m_aegui(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "OMP_NUM_THREADS": "2", "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "aegui", *map(str, args)], capture_output=True,
                          text=True, cwd=REPO, env=env, timeout=120)


def test_python_m_aegui_trains(tiny_npz, tmp_path):
    out = tmp_path / "sub"
    proc = _python_m_aegui("train", "--dataset", tiny_npz, "--out", out, "--model", "dense-ae",
                           "--epochs", 1, *FAST)
    assert proc.returncode == 0, proc.stderr
    assert len(read_history(out / "history.csv")[1]) == 1
    assert "val_mse" in json.loads((out / "metrics.json").read_text())


def test_python_m_aegui_bad_input_is_one_line(tmp_path):
    proc = _python_m_aegui("eval", "--checkpoint", tmp_path / "nothing-here")
    assert proc.returncode == EXIT_BAD_INPUT
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("aegui: error: No experiment file")


def test_help_imports_no_torch():
    """`aegui --help` took 7 s on a cold disk: the parser imported PyTorch for its choices."""
    code = ("import contextlib, io, sys\n"
            "from aegui.__main__ import main\n"
            "for args in (['--help'], ['train', '--help'], ['export', '--help']):\n"
            "    with contextlib.redirect_stdout(io.StringIO()) as out:\n"
            "        try:\n"
            "            main(args)\n"
            "        except SystemExit:\n"
            "            pass\n"
            "    assert 'usage: aegui' in out.getvalue(), args\n"
            "print(sorted(m for m in sys.modules if m == 'torch' or m.startswith('torch.')))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
