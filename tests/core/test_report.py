"""The one-page HTML report: self-contained, and it shows the run it is about."""

from __future__ import annotations

import base64
import io
import re

import pytest
from PIL import Image

from aegui.cli import main
from aegui.core.checkpoint import Experiment, save_experiment
from aegui.core.config import ExperimentConfig
from aegui.core.report import AnalysisSection, build_report, render_report, write_report
from aegui.core.runs import final_metrics
from aegui.core.training import Trainer


@pytest.fixture(scope="module")
def experiment(tiny_split) -> Experiment:
    config = ExperimentConfig(model="vae", latent_dim=2, hidden=4, depth=1, epochs=2, batch_size=32)
    trainer = Trainer(config, tiny_split)
    for _ in trainer.fit():
        pass
    metrics = final_metrics(trainer.model, tiny_split, config)
    return Experiment(config, trainer.snapshot(), trainer.history, trainer.epochs_done, None,
                      tiny_split.train.class_names, metrics)


def _images(html: str) -> list[str]:
    return re.findall(r'<img[^>]*\bsrc="([^"]*)"', html)


def test_the_report_holds_the_runs_metrics_curves_and_inlined_images(experiment, tiny_split):
    html = render_report(build_report(experiment, tiny_split.val, "digits"))
    assert f"{experiment.metrics['val_mse']:.4g}" in html and "Validation MSE" in html
    assert f"{experiment.metrics['val_elbo']:.4g}" in html
    sources = _images(html)
    assert len(sources) == 2  # the reconstruction grid and, for a 2-D code, the manifold
    for src in sources:
        assert src.startswith("data:image/png;base64,")
        image = Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1])))
        assert image.width > 100 and image.height > 50
    assert not re.search(r'(src|href)="(?!data:)', html)  # nothing to fetch: it opens offline
    curve = re.search(r'<polyline[^>]*points="([^"]*)"', html)
    assert curve and len(curve.group(1).split()) == experiment.epochs_done
    assert html.count("<circle") >= len(tiny_split.val)  # a point per validation image


def test_a_larger_code_has_no_manifold_and_says_how_it_was_projected(tiny_split):
    config = ExperimentConfig(model="dense-ae", latent_dim=5, hidden=4, depth=1, epochs=1)
    trainer = Trainer(config, tiny_split)
    for _ in trainer.fit():
        pass
    experiment = Experiment(config, trainer.snapshot(), trainer.history, 1)
    html = render_report(build_report(experiment, tiny_split.val, "five"))
    assert len(_images(html)) == 1 and "principal components of the 5-D codes" in html
    assert "No final metrics" in html


def test_analyses_are_shown_and_text_is_escaped(experiment, tiny_split):
    sections = [AnalysisSection("Anomaly detection", (("AUROC", "0.9731"), ("<b>bold</b>", "x")))]
    html = render_report(build_report(experiment, tiny_split.val, "<script>alert(1)</script>", sections))
    assert "Anomaly detection" in html and "0.9731" in html
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;bold" in html


def test_write_report_refuses_another_file_type(experiment, tiny_split, tmp_path):
    from aegui.core.errors import AeguiError

    with pytest.raises(AeguiError, match=".html"):
        write_report(experiment, tiny_split.val, tmp_path / "report.pdf", "x")
    path = write_report(experiment, tiny_split.val, tmp_path / "report.html", "x")
    assert path.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_the_cli_writes_a_report_of_a_run_folder(experiment, tiny_npz, tmp_path, capsys):
    run = tmp_path / "run"
    config = experiment.config.with_changes(dataset=tiny_npz)
    save_experiment(Experiment(config, experiment.model, experiment.history, experiment.epochs_done,
                               None, experiment.class_names, experiment.metrics), run)
    out = tmp_path / "out" / "report.html"
    assert main(["report", "--checkpoint", str(run), "--out", str(out)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().out
    html = out.read_text(encoding="utf-8")
    assert "<title>run · aegui report</title>" in html and len(_images(html)) == 2
    assert main(["report", "--checkpoint", str(run), "--out", str(tmp_path / "r.txt")]) == 2
    assert "html" in capsys.readouterr().err
