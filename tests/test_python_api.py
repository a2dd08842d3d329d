"""The Python API (aegui.train, aegui.load, encode/decode/reconstruct/anomaly_scores, aegui.show):
docs/python-api.md runs as written with no Qt module imported, the run folder is the CLI's,
and images of every accepted layout give the same codes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

import aegui
from aegui.core.errors import AeguiError
from aegui.core.image_arrays import ImageShapeError, from_model_images, to_model_images

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "python-api.md"


def doc_code() -> str:
    return "\n".join(re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S))


def test_the_walk_through_runs_as_written_without_qt(tmp_path):
    """The page is the acceptance: train, load, encode, decode, reconstruct and score, from a
    fresh interpreter, with no Qt module imported (and the run folder is the CLI's)."""
    check = ("\nimport sys\n"
             "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'))\n"
             "print('QT-MODULES', qt)\n")
    env = {**os.environ, "AEGUI_HOME": str(tmp_path / "home"), "OMP_NUM_THREADS": "2"}
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run([sys.executable, "-c", doc_code() + check], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "QT-MODULES []" in done.stdout
    assert "True" in done.stdout.splitlines()  # noise scores above digits
    run = tmp_path / "runs" / "vae2"
    assert {"experiment.pt", "config.json", "history.csv", "metrics.json", "status.json"} <= {
        p.name for p in run.iterdir()}
    assert not (run / ".lock").exists()


@pytest.fixture(scope="module")
def trained(tmp_path_factory, tiny_mnist):
    folder = tmp_path_factory.mktemp("api")
    data = folder / "tiny.npz"
    np.savez(data, images=tiny_mnist.images[:, 0].numpy(), labels=tiny_mnist.labels.numpy())
    return aegui.train(dataset=f"npz:{data}", model="conv-ae", latent_dim=4, epochs=6, hidden=8, batch_size=32,
                       lr=3e-3, device="cpu", quiet=True, out=folder / "run")


def test_train_is_the_command_and_load_reads_it_back(trained):
    assert trained.config.model == "conv-ae" and trained.config.latent_dim == 4
    assert len(trained.history) == 6 and trained.metrics["val_mse"] > 0
    again = aegui.load(trained.folder)
    assert again.config == trained.config and again.metrics == trained.metrics
    assert repr(again).startswith("<aegui experiment ") and "conv-ae, latent 4" in repr(again)


def test_every_image_layout_gives_the_same_codes(trained):
    images, labels = trained.validation_images(16)
    assert images.shape == (16, 28, 28) and images.dtype == np.uint8 and len(labels) == 16
    reference = trained.encode(images)
    as_floats = trained.encode(images.astype(np.float32) / 255)
    as_channels_last = trained.encode(images[..., None])
    as_tensor = trained.encode(torch.from_numpy(images)[:, None].float() / 255)
    for codes in (as_floats, as_channels_last, as_tensor):
        np.testing.assert_allclose(codes, reference, atol=1e-5)
    assert trained.encode(images[0]).shape == (1, 4)  # one image without the batch axis


def test_reconstruct_and_decode_give_images_channels_last(trained):
    images, _ = trained.validation_images()
    recon = trained.reconstruct(images)
    assert recon.shape == images.shape == (26, 28, 28) and recon.dtype == np.uint8
    # The model's own output: its error on the validation images is the run's validation MSE
    # (to the rounding of the images to 8 bits).
    mse = float((((recon.astype(float) - images.astype(float)) / 255) ** 2).mean())
    assert mse == pytest.approx(trained.metrics["val_mse"], rel=0.05)
    assert mse < float(((images.astype(float) / 255) ** 2).mean())  # far better than a blank image
    np.testing.assert_array_equal(trained.decode(trained.encode(images)), recon)


def test_scores_rank_noise_above_digits(trained):
    images, _ = trained.validation_images()
    noise = np.random.default_rng(0).integers(0, 256, (26, 28, 28), dtype=np.uint8)
    scores = trained.anomaly_scores(np.concatenate([images, noise]))
    assert scores[26:].min() > scores[:26].max()  # every noise image ranks above every digit
    assert trained.anomaly_scores(images, kind="loss").shape == (26,)


def test_bad_input_is_one_plain_sentence(trained):
    with pytest.raises(ValueError, match=r"These images are 3×32×32 .* but the model reads 1×28×28"):
        trained.encode(np.zeros((2, 32, 32, 3), np.uint8))
    with pytest.raises(ValueError, match=r"in \[0, 1\]; these run from 0 to 255"):
        trained.encode((np.arange(2 * 28 * 28) % 256).reshape(2, 28, 28).astype(np.float32))
    with pytest.raises(AeguiError, match="codes have 3 numbers each; the model's have 4"):
        trained.decode(np.zeros((1, 3)))
    with pytest.raises(AeguiError, match="anomaly score 'psnr'"):
        trained.anomaly_scores(np.zeros((1, 28, 28), np.uint8), kind="psnr")


def test_train_takes_the_commands_options_and_refuses_others(tmp_path, tiny_npz):
    from aegui.api import training_options

    options = training_options()
    assert {"latent_dim", "epochs", "dataset", "compile", "quiet", "out"} <= set(options)
    with pytest.raises(TypeError, match="no option 'latent_size'.*latent_dim"):
        aegui.train(dataset=tiny_npz, latent_size=2, out=tmp_path / "x")
    with pytest.raises(ValueError, match="invalid choice: 'gan'"):
        aegui.train(dataset=tiny_npz, model="gan", out=tmp_path / "y")
    with pytest.raises(AeguiError, match="latent size must be between 1 and 1024"):
        aegui.train(dataset=tiny_npz, latent_dim=0, out=tmp_path / "z")
    assert not (tmp_path / "y").exists()


def test_image_arrays_round_trip_colour():
    rng = np.random.default_rng(1)
    colour = rng.integers(0, 256, (5, 12, 10, 3), dtype=np.uint8)
    model_images = to_model_images(colour, (3, 12, 10))
    assert model_images.shape == (5, 3, 12, 10) and model_images.dtype == torch.uint8
    np.testing.assert_array_equal(from_model_images(model_images), colour)
    with pytest.raises(ImageShapeError, match="must be uint8"):
        to_model_images(np.zeros((1, 12, 10, 3), bool), (3, 12, 10))


def test_importing_aegui_imports_neither_torch_nor_qt():
    code = ("import sys, aegui\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'torch', 'PySide6', 'pyqtgraph'}))\n"
            "print(aegui.__version__, callable(aegui.train), callable(aegui.show))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    first, second = done.stdout.splitlines()[:2]
    assert first == "[]" and second.endswith("True True"), done.stderr


def test_show_opens_the_window_from_ipython_without_blocking(qapp, trained, monkeypatch, tmp_path):
    """In IPython, aegui.show switches on the kernel's Qt loop and returns at once with the
    window open on the experiment (its data loaded)."""
    pytest.importorskip("IPython")
    from IPython.terminal.interactiveshell import TerminalInteractiveShell

    from aegui.workers.tasks import shutdown_all

    monkeypatch.setenv("AEGUI_HOME", str(tmp_path / "home"))
    shell = TerminalInteractiveShell.instance(simple_prompt=False)  # the event loop hook needs the full prompt
    try:
        shell.user_ns["exp"] = trained
        result = shell.run_cell("import aegui\nwindow = aegui.show(exp)")
        assert result.success, result.error_in_exec
        window = shell.user_ns["window"]
        assert window.isVisible() and shell.active_eventloop in ("qt", "qt6")
        assert window.state.experiment_path == str(trained.path)
        assert not window.state.is_demo and window.state.experiment.config == trained.config
        from PySide6.QtCore import QEventLoop, QTimer

        if not window.state.data_matches_config():  # the data loads in the background
            loop = QEventLoop()
            window.data_tab.loadFinished.connect(lambda _ok: loop.quit())
            QTimer.singleShot(60_000, loop.quit)
            loop.exec()
        assert window.state.data_matches_config() and len(window.state.dataset) == 256
        window.confirm_close = lambda: True
        window.close()
    finally:
        shell.enable_gui(None)
        TerminalInteractiveShell.clear_instance()
        shutdown_all(5.0)
