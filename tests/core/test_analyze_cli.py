"""``aegui analyze {anomaly,probe,pca}``: the numbers are the ones the core functions give
on the same experiment (what the Analyze tab calls), and bad input is one plain sentence."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from aegui.cli import EXIT_BAD_INPUT, main
from aegui.core.analysis import (
    anomaly_scores,
    compare_with_pca,
    linear_probe,
    per_class_auroc,
    separation,
    threshold_at_fpr,
    threshold_at_percentile,
)
from aegui.core.checkpoint import load_experiment
from aegui.core.runs import held_out_for_config, load_for_config, split_for_config

KEPT = (0, 1, 2, 3, 4)


def run(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line_error(code: int, err: str) -> str:
    assert code == EXIT_BAD_INPUT, err
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("aegui: error:") and "Traceback" not in err, err
    return lines[0]


@pytest.fixture(scope="module")
def data_files(tmp_path_factory, tiny_mnist) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("data")
    np.savez(folder / "digits.npz", images=tiny_mnist.images[:, 0].numpy(), labels=tiny_mnist.labels.numpy())
    np.save(folder / "unlabelled.npy", tiny_mnist.images[:64, 0].numpy())
    np.save(folder / "inverted.npy", 255 - tiny_mnist.images[:64, 0].numpy())
    np.save(folder / "small.npy", tiny_mnist.images[:64, 0, :16, :16].numpy().copy())
    return {name: f"{kind}:{folder / name}" for name, kind in
            [("digits.npz", "npz"), ("unlabelled.npy", "npy"), ("inverted.npy", "npy"), ("small.npy", "npy")]}


@pytest.fixture(scope="module")
def one_class_run(data_files, tmp_path_factory) -> Path:
    """A conv AE on digits 0-4 of 256 bundled digits; 5-9 are held out."""
    out = tmp_path_factory.mktemp("run")
    code = main(["train", "--dataset", data_files["digits.npz"], "--out", str(out), "--model", "conv-ae",
                 "--classes", ",".join(map(str, KEPT)), "--val-fraction", "0.25", "--epochs", "3",
                 "--latent-dim", "4", "--hidden", "8", "--batch-size", "16", "--loss", "mse",
                 "--seed", "3", "--device", "cpu", "--quiet"])
    assert code == 0
    return out


@pytest.fixture(scope="module")
def experiment_data(one_class_run):
    experiment = load_experiment(one_class_run)
    data = load_for_config(experiment.config)
    return experiment, split_for_config(data, experiment.config), held_out_for_config(data, experiment.config)


def test_train_keeps_the_classes_asked_for(one_class_run, experiment_data):
    experiment, split, held = experiment_data
    assert experiment.config.classes == KEPT
    assert json.loads((one_class_run / "config.json").read_text())["classes"] == list(KEPT)
    assert set(split.train.labels.tolist()) == set(KEPT) and set(split.val.labels.tolist()) == set(KEPT)
    assert set(held.labels.tolist()) == set(range(5, 10))


def test_anomaly_json_matches_the_core(capsys, one_class_run, experiment_data, data_files):
    experiment, split, held = experiment_data
    code, out, err = run(capsys, "analyze", "anomaly", "--checkpoint", one_class_run, "--json",
                         "--against", data_files["inverted.npy"])
    assert code == 0, err
    result = json.loads(out)
    model = experiment.model
    normal = anomaly_scores(model, split.val.images, split.val.labels)
    assert result["count"] == len(split.val)
    assert result["mean"] == pytest.approx(normal.mean(), rel=1e-9)
    assert result["median"] == pytest.approx(np.median(normal), rel=1e-9)
    assert result["threshold"] == pytest.approx(threshold_at_percentile(normal, 95), rel=1e-9)
    assert result["flagged"] == int((normal > result["threshold"]).sum())
    assert [t["row"] for t in result["top"]] == split.val.row_ids()[np.argsort(-normal, kind="stable")[:10]].tolist()

    inverted = load_for_config(experiment.config.with_changes(dataset=data_files["inverted.npy"]))
    other = anomaly_scores(model, inverted.images, None)
    curves = separation(normal, other)
    assert result["against"]["auroc"] == pytest.approx(curves.auroc, rel=1e-9)
    assert result["against"]["average_precision"] == pytest.approx(curves.average_precision, rel=1e-9)
    assert result["against"]["threshold_at_fpr"] == pytest.approx(threshold_at_fpr(normal, 0.05), rel=1e-9)

    held_scores = anomaly_scores(model, held.images, held.labels)
    section = result["held_out"]
    assert section["count"] == len(held)
    assert section["auroc"] == pytest.approx(separation(normal, held_scores).auroc, rel=1e-9)
    table = per_class_auroc(np.concatenate([normal, held_scores]),
                            np.concatenate([split.val.labels.numpy(), held.labels.numpy()]), KEPT)
    assert {int(k): v for k, v in section["per_class_auroc"].items()} == pytest.approx(table)
    assert sorted(map(int, section["per_class_auroc"])) == [5, 6, 7, 8, 9]


def test_anomaly_loss_score_text_and_csv(capsys, one_class_run, experiment_data, tmp_path):
    experiment, split, _ = experiment_data
    path = tmp_path / "scores.csv"
    code, out, err = run(capsys, "analyze", "anomaly", "--checkpoint", one_class_run, "--score", "loss",
                         "--csv", path)
    assert code == 0, err
    assert "Training loss" in out and "AUROC" in out and "per held-out class" in out
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    loss = anomaly_scores(experiment.model, split.val.images, None, kind="loss", loss_kind="mse")
    assert [int(r["row"]) for r in rows] == split.val.row_ids().tolist()
    np.testing.assert_allclose([float(r["score"]) for r in rows], loss, rtol=1e-6)
    assert sum(int(r["flagged"]) for r in rows) == int((loss > np.percentile(loss, 95)).sum())


def test_pca_json_matches_the_core(capsys, one_class_run, experiment_data):
    experiment, split, _ = experiment_data
    code, out, err = run(capsys, "analyze", "pca", "--checkpoint", one_class_run, "--json")
    assert code == 0, err
    result = json.loads(out)
    direct = compare_with_pca(experiment.model, split)
    assert result["equivalent_components"] == direct.equivalent_components
    assert result["autoencoder"]["mse"] == pytest.approx(direct.ae_mse, rel=1e-9)
    assert result["pca_same_size"]["psnr"] == pytest.approx(direct.pca_same_psnr, rel=1e-9)
    np.testing.assert_allclose(result["pca_mse"], direct.pca_mse, rtol=1e-9)
    assert result["bytes_raw"] == 784 and result["bytes_code_f32"] == 16

    code, out, _ = run(capsys, "analyze", "pca", "--checkpoint", one_class_run)
    assert code == 0 and "4-number code reconstructs" in out and "bytes per image" in out


def test_probe_json_matches_the_core(capsys, one_class_run, experiment_data):
    experiment, split, _ = experiment_data
    code, out, err = run(capsys, "analyze", "probe", "--checkpoint", one_class_run, "--json")
    assert code == 0, err
    result = json.loads(out)
    direct = linear_probe(experiment.model, split, seed=experiment.config.seed)
    assert result["accuracy"] == pytest.approx(direct.accuracy)
    assert result["curve"] == direct.summary()["curve"]
    assert result["knn_accuracy"] == pytest.approx(direct.knn_accuracy)
    assert result["confusion"] == direct.confusion.tolist()
    code, out, _ = run(capsys, "analyze", "probe", "--checkpoint", one_class_run)
    assert code == 0 and "Autoencoder codes" in out and "nearest neighbours" in out


def test_another_dataset_is_scored_whole(capsys, one_class_run, experiment_data, data_files):
    experiment, _, _ = experiment_data
    code, out, err = run(capsys, "analyze", "anomaly", "--checkpoint", one_class_run, "--json",
                         "--dataset", data_files["unlabelled.npy"])
    assert code == 0, err
    result = json.loads(out)
    assert result["count"] == 64 and result["held_out"] is None and result["top"][0]["label"] is None


def test_bad_input_is_one_plain_sentence(capsys, one_class_run, data_files):
    code, _, err = run(capsys, "analyze", "probe", "--checkpoint", one_class_run,
                       "--dataset", data_files["unlabelled.npy"])
    assert "needs labelled data" in one_line_error(code, err)
    code, _, err = run(capsys, "analyze", "anomaly", "--checkpoint", one_class_run,
                       "--against", data_files["small.npy"])
    assert "same shape" in one_line_error(code, err)
    code, _, err = run(capsys, "analyze", "pca", "--checkpoint", one_class_run,
                       "--dataset", data_files["small.npy"])
    assert "expects 1×28×28" in one_line_error(code, err)
    code, _, err = run(capsys, "analyze", "probe", "--checkpoint", one_class_run, "--against",
                       data_files["inverted.npy"])
    assert "--against" in one_line_error(code, err)
    code, _, err = run(capsys, "train", "--classes", "0,x", "--out", one_class_run.parent / "bad", "--quiet")
    assert "--classes" in one_line_error(code, err)
    code, _, err = run(capsys, "train", "--classes", "12", "--out", one_class_run.parent / "bad2",
                       "--quiet", "--epochs", "1")
    assert "0 to 9" in one_line_error(code, err)


def test_the_aegui_command_routes_analyze_to_the_cli(capsys):
    from aegui.__main__ import main as entry

    try:
        entry(["analyze", "--help"])
    except SystemExit as exc:
        assert exc.code == 0
    assert "anomaly" in capsys.readouterr().out


@pytest.mark.parametrize("flag", [["--fpr", "5"], ["--fpr", "0"], ["--percentile", "150"], ["--percentile", "nan"]])
def test_out_of_range_rates_are_bad_input(flag, capsys):
    try:
        code = main(["analyze", "anomaly", "--checkpoint", "no-such-run", *flag])
    except SystemExit as exc:  # refused while parsing (a non-finite number), as argparse does
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and ("--fpr" in err or "--percentile" in err)
