"""The latent-size sweep: one short run per size on one split, PCA's curve, sweep.json, and
``aegui sweep``. Dense autoencoders of width 8 on 256 bundled digits keep it quick."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
import torch

from aegui.cli import EXIT_BAD_INPUT, EXIT_INTERRUPTED, main
from aegui.core.checkpoint import load_experiment
from aegui.core.config import ExperimentConfig
from aegui.core.errors import CheckpointError, ConfigError, TrainingError
from aegui.core.report.charts import Series, line_chart
from aegui.core.reports import StepReport
from aegui.core.runs import final_metrics, load_for_config, split_for_config
from aegui.core.sweep import (
    PLOT_FILE,
    SWEEP_FILE,
    RunDone,
    RunProgress,
    RunStarted,
    SweepFinished,
    SweepStarted,
    load_sweep,
    run_sweep,
    sweep_values,
)
from aegui.core.training import Trainer

SIZES = [4, 1, 2, 2]  # unsorted, with a repeat: the sweep sorts and deduplicates
FAST = dict(model="dense-ae", hidden=8, epochs=1, batch_size=32, loss="mse", device="cpu")
CLI_FAST = ["--model", "dense-ae", "--hidden", "8", "--epochs", "1", "--batch-size", "32", "--loss", "mse",
            "--device", "cpu", "--quiet"]


@pytest.fixture(scope="module")
def base(spec) -> ExperimentConfig:
    return ExperimentConfig(dataset=spec, **FAST)


@pytest.fixture(scope="module")
def swept(base, tmp_path_factory) -> tuple[Path, list]:
    out = tmp_path_factory.mktemp("sweep")
    return out, list(run_sweep(base, "latent_dim", SIZES, out))


def cli(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line(err: str) -> str:
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("aegui:") and "Traceback" not in err, err
    return lines[0]


# -- the core ---------------------------------------------------------------------------------
def test_a_sweep_writes_an_ordinary_run_per_size_on_one_split(swept, base):
    out, events = swept
    assert isinstance(events[0], SweepStarted) and isinstance(events[-1], SweepFinished)
    assert [e.value for e in events if isinstance(e, RunStarted)] == [1, 2, 4]
    assert any(isinstance(e, RunProgress) and isinstance(e.report, StepReport) for e in events)
    fractions = [e.fraction_done for e in events if isinstance(e, RunProgress)]
    assert fractions == sorted(fractions) and 0 < fractions[-1] <= 1
    result = events[-1].result
    assert result.status == "finished" and [p.status for p in result.points] == ["finished"] * 3

    split = split_for_config(load_for_config(base), base)
    for point in result.points:
        folder = out / point.folder
        assert folder.name == f"latent-{int(point.value):03d}"
        experiment = load_experiment(folder)
        assert experiment.config.latent_dim == point.value and experiment.epochs_done == 1
        assert experiment.config.with_changes(latent_dim=1) == base.with_changes(latent_dim=1)
        metrics = json.loads((folder / "metrics.json").read_text())
        assert metrics == pytest.approx(experiment.metrics)
        assert (point.val_mse, point.val_psnr, point.pca_val_mse) == pytest.approx(
            (metrics["val_mse"], metrics["val_psnr"], metrics["pca_val_mse"]))
        # Measured on the one split: the same validation images give the same numbers again.
        own = split_for_config(load_for_config(experiment.config), experiment.config)
        assert torch.equal(own.val.images, split.val.images)
        again = final_metrics(experiment.model, split, experiment.config)
        assert again["val_mse"] == pytest.approx(metrics["val_mse"], rel=1e-5)


def test_sweep_json_holds_the_points_and_a_falling_pca_curve(swept):
    out, events = swept
    result = load_sweep(out)
    assert result == events[-1].result
    curve = result.pca_curve
    assert curve is not None and curve.ks[0] == 1 and curve.ks[-1] == 4
    assert all(a >= b for a, b in zip(curve.val_mse, curve.val_mse[1:]))
    for point in result.points:  # the curve passes through every run's own PCA number
        assert curve.at(int(point.value)) == pytest.approx(point.pca_val_mse, rel=1e-4)
    stored = json.loads((out / SWEEP_FILE).read_text())
    assert stored["setting"] == "latent_dim" and stored["values"] == [1, 2, 4]
    assert [r["folder"] for r in stored["runs"]] == ["latent-001", "latent-002", "latent-004"]
    svg = (out / PLOT_FILE).read_text()
    assert svg.startswith("<svg") and "PCA" in svg and "autoencoder" in svg


def test_cancelling_after_the_first_run_keeps_it(base, tmp_path):
    events: list = []

    def stop() -> bool:  # set once the first run is done
        return any(isinstance(e, RunDone) for e in events)

    for event in run_sweep(base, "latent_dim", [1, 2, 4], tmp_path, should_stop=stop):
        events.append(event)
    result = events[-1].result
    assert result.status == "stopped"
    assert [p.status for p in result.points] == ["finished", "pending", "pending"]
    assert load_experiment(tmp_path / "latent-001").metrics
    assert not (tmp_path / "latent-002").exists()
    assert load_sweep(tmp_path) == result


def test_stopping_inside_a_run_keeps_its_whole_epochs(base, tmp_path):
    config = base.with_changes(epochs=2)
    epochs_seen = 0

    def stop() -> bool:
        return epochs_seen >= 1

    for event in run_sweep(config, "latent_dim", [2, 4], tmp_path, should_stop=stop):
        if isinstance(event, RunProgress) and not isinstance(event.report, StepReport):
            epochs_seen += 1
    result = load_sweep(tmp_path)
    assert [(p.status, p.epochs_done) for p in result.points] == [("stopped", 1), ("pending", 0)]
    kept = load_experiment(tmp_path / "latent-002")
    # Its kept epoch is measured, and it stays a stopped point: continue it with 'aegui train --resume'.
    assert kept.epochs_done == 1 and kept.metrics["val_mse"] > 0 and result.points[0].status == "stopped"


def test_a_diverging_run_fails_and_the_sweep_goes_on(base, tmp_path, monkeypatch):
    real_fit = Trainer.fit

    def fit(self, should_stop=None):
        if self.config.latent_dim == 2:
            raise TrainingError("The loss became nan at epoch 1, batch 1, so training stopped.")
        yield from real_fit(self, should_stop)

    monkeypatch.setattr(Trainer, "fit", fit)
    result = list(run_sweep(base, "latent_dim", [1, 2, 4], tmp_path))[-1].result
    assert [p.status for p in result.points] == ["finished", "failed", "finished"]
    assert "nan" in result.points[1].message and result.status == "finished"
    assert not (tmp_path / "latent-002").exists()


def test_bad_values_are_refused_before_anything_is_written(base, tmp_path):
    for values in ([0, 4], [2000], [2.5], []):
        with pytest.raises(ConfigError):
            list(run_sweep(base, "latent_dim", values, tmp_path))
    assert not any(tmp_path.iterdir())
    with pytest.raises(ConfigError):
        sweep_values(base, "epochs", [1, 2])  # not a setting a sweep varies
    assert sweep_values(base, "beta", [1.0, 0.5, 0.5]) == [0.5, 1.0]


def test_load_sweep_explains_a_missing_or_broken_file(tmp_path):
    with pytest.raises(CheckpointError, match="holds no sweep"):
        load_sweep(tmp_path)
    (tmp_path / SWEEP_FILE).write_text('{"format_version": 1, "runs": [{"folder": "../x"}]}')
    with pytest.raises(CheckpointError, match="not a sweep"):
        load_sweep(tmp_path)


def test_line_chart_log_x_places_ticks_by_the_log():
    svg = line_chart([Series("a", (1.0, 10.0, 100.0), (3.0, 2.0, 1.0))], "k", "mse", log_x=True,
                     x_ticks=(1, 10, 100))
    xs = [float(x) for x in re.findall(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="middle">(?:1|10|100)</text>',
                                       svg)]
    assert len(xs) == 3 and math.isclose(xs[1] - xs[0], xs[2] - xs[1], abs_tol=0.2)
    plain = line_chart([Series("a", (1.0, 2.0), (1.0, 2.0))], "x", "y")
    assert plain == line_chart([Series("a", (1.0, 2.0), (1.0, 2.0))], "x", "y", log_x=False)


# -- the command line -------------------------------------------------------------------------
def test_cli_sweep_writes_the_runs_and_the_plot(capsys, spec, tmp_path):
    out = tmp_path / "study"
    code, stdout, err = cli(capsys, "sweep", "--dataset", spec, "--latent-dims", "2,1", *CLI_FAST, "--out", out)
    assert code == 0, err
    lines = stdout.strip().split("\n")
    assert lines[0].startswith("latent    1  val MSE") and "PCA MSE" in lines[0]
    assert lines[1].startswith("latent    2") and lines[-1].startswith("Saved ")
    assert (out / SWEEP_FILE).is_file() and (out / PLOT_FILE).is_file()
    assert load_experiment(out / "latent-002").config.latent_dim == 2

    code, _, err = cli(capsys, "sweep", "--dataset", spec, "--latent-dims", "1", *CLI_FAST, "--out", out)
    assert code == EXIT_BAD_INPUT and "--force" in one_line(err)
    code, _, err = cli(capsys, "sweep", "--dataset", spec, "--latent-dims", "1", *CLI_FAST, "--out", out, "--force")
    assert code == 0, err
    assert load_sweep(out).values == (1,)


@pytest.mark.parametrize("dims", ["0,4", "a", "2,,x", ",", "4,2000"])
def test_cli_sweep_refuses_bad_latent_sizes(capsys, spec, tmp_path, dims):
    code, _, err = cli(capsys, "sweep", "--dataset", spec, f"--latent-dims={dims}", *CLI_FAST, "--out", tmp_path / "s")
    assert code == EXIT_BAD_INPUT
    assert "--latent-dims" in one_line(err)
    assert not (tmp_path / "s").exists()


def test_cli_sweep_ctrl_c_keeps_the_finished_runs(capsys, spec, tmp_path, monkeypatch):
    real_fit = Trainer.fit

    def fit(self, should_stop=None):
        for report in real_fit(self, should_stop):
            yield report
            if self.config.latent_dim == 2 and isinstance(report, StepReport):
                raise KeyboardInterrupt

    monkeypatch.setattr(Trainer, "fit", fit)
    out = tmp_path / "study"
    code, stdout, err = cli(capsys, "sweep", "--dataset", spec, "--latent-dims", "1,2,4", *CLI_FAST, "--out", out)
    assert code == EXIT_INTERRUPTED and "interrupted" in err
    assert "latent    1" in stdout and "kept" in stdout
    result = load_sweep(out)
    assert result.status == "stopped"
    assert [p.status for p in result.points] == ["finished", "stopped", "pending"]
    assert load_experiment(out / "latent-001").metrics
