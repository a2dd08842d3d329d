"""How a finished run's numbers are told: images too small for SSIM finish with SSIM stated
as not measured (never a traceback), and a model that learned nothing says so."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from test_cli_contract import FAST, cli

from aegui.core.config import ExperimentConfig
from aegui.core.metrics import SSIM_TOO_SMALL, mean_image_mse, ssim
from aegui.core.run.verdict import judge


@pytest.fixture
def tiny_images_spec(tmp_path) -> str:
    """300 random 8×8 greyscale images: below SSIM's 11×11 window."""
    rng = np.random.default_rng(0)
    path = tmp_path / "small.npz"
    np.savez(path, images=rng.integers(0, 256, (300, 8, 8), dtype=np.uint8), labels=np.arange(300) % 3)
    return f"npz:{path}"


def test_images_smaller_than_the_ssim_window_finish_with_ssim_stated_as_not_measured(capsys, tmp_path,
                                                                                     tiny_images_spec):
    out = tmp_path / "run"
    code, stdout, err = cli(capsys, "train", "--dataset", tiny_images_spec, "--out", out, "--epochs", 1,
                            "--model", "conv-ae", "--hidden", "8", "--latent-dim", "2", "--device", "cpu")
    assert code == 0, err
    assert "Traceback" not in err and SSIM_TOO_SMALL in stdout
    metrics = json.loads((out / "metrics.json").read_text())
    assert "val_ssim" not in metrics and np.isfinite(metrics["val_psnr"])
    assert json.loads((out / "status.json").read_text())["status"] == "finished"
    code, stdout, err = cli(capsys, "eval", "--checkpoint", out)
    assert code == 0 and SSIM_TOO_SMALL in stdout, err
    with pytest.raises(ValueError, match="11×11"):
        ssim(torch.zeros(1, 1, 8, 8), torch.zeros(1, 1, 8, 8))


def test_a_collapsed_model_says_so_in_the_cli_and_the_journal(capsys, tmp_path, spec):
    out = tmp_path / "collapsed"
    # A learning rate of 1000 saturates the dense decoder: its output is one image whatever the input.
    code, stdout, err = cli(capsys, "train", "--dataset", spec, "--out", out, "--epochs", 2, *FAST,
                            "--loss", "mse", "--lr", 1000)
    assert code == 0, err
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["val_mse"] >= 0.95 * metrics["mean_image_mse"]
    [line] = err.strip().splitlines()
    assert line.startswith("Warning: The model learned nothing") and "the default is 0.001" in line
    assert "learned nothing" in json.loads((out / "status.json").read_text())["message"]

    healthy = tmp_path / "healthy"
    code, stdout, err = cli(capsys, "train", "--dataset", spec, "--out", healthy, "--epochs", 6, *FAST, "--hidden", 32,
                            "--lr", 0.005, "--batch-size", 8)
    assert code == 0 and "learned nothing" not in err
    metrics = json.loads((healthy / "metrics.json").read_text())
    assert metrics["val_mse"] < 0.95 * metrics["mean_image_mse"]


def test_the_verdict_compares_with_the_average_image_and_pca():
    config = ExperimentConfig(lr=0.002, latent_dim=4)
    note = judge({"val_mse": 0.05, "mean_image_mse": 0.1, "pca_val_mse": 0.04}, config)
    assert not note.collapsed and "PCA with the same 4 components" in note.note
    assert judge({"val_mse": 0.03, "mean_image_mse": 0.1, "pca_val_mse": 0.04}, config) == judge({}, config)
    flat, falling = [{"val_loss": 90.0}] * 4, [{"val_loss": 90.0}] * 3 + [{"val_loss": 60.0}]
    collapsed = {"val_mse": 0.1, "mean_image_mse": 0.1}
    assert "ten times smaller (0.0002)" in judge(collapsed, config, flat).collapsed
    assert "still falling: continue it for more epochs" in judge(collapsed, config, falling).collapsed
    assert "It trained only 1 epoch: continue it for more." in judge(collapsed, config, flat[:1]).collapsed


def test_the_average_image_baseline_is_the_pixel_variance():
    rng = np.random.default_rng(1)
    images = torch.from_numpy(rng.integers(0, 256, (50, 3, 5, 5), dtype=np.uint8))
    pixels = images.double().flatten(1) / 255
    expected = ((pixels - pixels.mean(0)) ** 2).mean().item()
    assert mean_image_mse(images, chunk=7) == pytest.approx(expected, rel=1e-9)
