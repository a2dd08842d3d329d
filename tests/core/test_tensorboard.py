"""TensorBoard logs of a run (aegui train --tensorboard) and the projector export: TensorBoard's
own readers find every epoch's losses, the reconstructions and the projector's files."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from aegui.cli import main as cli_main
from aegui.core.projector import CONFIG_FILE, METADATA_FILE, SPRITE_FILE, TENSORS_FILE, write_projector

pytest.importorskip("tensorboard")
FAST = ["--hidden", "8", "--batch-size", "32", "--device", "cpu", "--quiet"]


def _scalars(folder):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    events = EventAccumulator(str(folder), size_guidance={"scalars": 0, "images": 0})
    events.Reload()
    return events


def test_train_with_tensorboard_logs_every_epoch_and_the_projector(tiny_npz, tmp_path):
    out = tmp_path / "run"
    assert cli_main(["train", "--dataset", tiny_npz, "--out", str(out), "--model", "conv-vae", "--epochs", "3",
                     "--latent-dim", "2", "--tensorboard", *FAST]) == 0
    events = _scalars(out / "tb")
    tags = set(events.Tags()["scalars"])
    assert {"loss/train", "loss/validation", "kl/train", "kl/validation", "optimizer/learning_rate",
            "speed/images_per_second", "validation/mse"} <= tags
    history = [line.split(",") for line in (out / "history.csv").read_text().splitlines()]
    header, rows = history[0], history[1:]
    for tag, column in (("loss/train", "train_loss"), ("loss/validation", "val_loss")):
        logged = events.Scalars(tag)
        assert [e.step for e in logged] == [1, 2, 3]
        expected = [float(row[header.index(column)]) for row in rows]
        np.testing.assert_allclose([e.value for e in logged], expected, rtol=1e-5)
    assert len(events.Images("reconstructions")) == 3
    # The projector's files, beside the events: as many codes as validation images (26 here).
    codes = np.loadtxt(out / "tb" / TENSORS_FILE, delimiter="\t", ndmin=2)
    assert codes.shape == (26, 2)
    labels = (out / "tb" / METADATA_FILE).read_text().splitlines()
    assert len(labels) == 26 and set(labels) <= set("0123456789")
    config = (out / "tb" / CONFIG_FILE).read_text()
    from google.protobuf import text_format
    from tensorboard.plugins.projector.projector_config_pb2 import ProjectorConfig

    parsed = text_format.Parse(config, ProjectorConfig())  # TensorBoard's own reader
    assert parsed.embeddings[0].sprite.single_image_dim == [28, 28]


def test_without_tensorboard_the_option_says_how_to_get_it(tiny_npz, tmp_path, monkeypatch, capsys):
    from aegui.core.run import tensorboard_log

    monkeypatch.setattr(tensorboard_log, "tensorboard_available", lambda: False)
    code = cli_main(["train", "--dataset", tiny_npz, "--out", str(tmp_path / "run"), "--tensorboard", *FAST])
    err = capsys.readouterr().err.strip()
    assert code == 2 and err.count("\n") == 0 and "pip install 'aegui[tensorboard]'" in err
    assert not (tmp_path / "run").exists()


def test_export_projector_for_any_run(tiny_npz, tmp_path, capsys):
    run = tmp_path / "run"
    assert cli_main(["train", "--dataset", tiny_npz, "--out", str(run), "--model", "dense-ae", "--epochs", "1",
                     *FAST]) == 0
    out = tmp_path / "projector"
    assert cli_main(["export", "--checkpoint", str(run), "--what", "projector", "--out", str(out)]) == 0
    assert "26 codes" in capsys.readouterr().out
    assert {p.name for p in out.iterdir()} == {TENSORS_FILE, METADATA_FILE, SPRITE_FILE, CONFIG_FILE}
    sprite = Image.open(out / SPRITE_FILE)
    assert sprite.size == (6 * 28, 6 * 28)  # 26 images on a 6×6 atlas


def test_projector_cells_and_limits(tmp_path):
    codes = np.arange(12, dtype=np.float32).reshape(4, 3)
    images = np.zeros((4, 3, 5, 7), np.uint8)
    images[2] = 255
    written = write_projector(tmp_path, codes, np.array([0, 1, 1, 9]), ("cat", "dog\twith\ttabs"), images)
    assert [p.name for p in written] == [TENSORS_FILE, METADATA_FILE, SPRITE_FILE, CONFIG_FILE]
    assert (tmp_path / METADATA_FILE).read_text().splitlines() == ["cat", "dog with tabs", "dog with tabs", "9"]
    atlas = np.asarray(Image.open(tmp_path / SPRITE_FILE))
    assert atlas.shape == (10, 14, 3) and atlas[5:, :7].min() == 255 and atlas[:5].max() == 0
    assert "single_image_dim: 7\n    single_image_dim: 5" in (tmp_path / CONFIG_FILE).read_text()
