"""``aegui analyze {anomaly,probe,pca}``: a thin layer over :mod:`aegui.core.analysis`, so
the numbers are the ones the Analyze tab computes on the same experiment. No Qt here."""

from __future__ import annotations

import argparse
import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from aegui.cli.common import check_fits, is_own_dataset, load_data
from aegui.core.analysis import (
    FEATURE_TITLES,
    SCORE_TITLES,
    ComparedSet,
    compare_with_pca,
    linear_probe,
    mean_auroc,
    run_anomaly,
    threshold_at_fpr,
    threshold_at_percentile,
    top_k,
    write_scores_csv,
)
from aegui.core.checkpoint import Experiment, load_experiment
from aegui.core.data import DataSplit, ImageDataset, load_dataset, split_dataset
from aegui.core.device import resolve_device
from aegui.core.errors import AeguiError
from aegui.core.runs import held_out_for_config, split_for_config

TOP_SHOWN = 10


@dataclass(frozen=True)
class AnalysisData:
    """What the analyses run on. ``split`` feeds the probe and PCA (they fit on its training
    part); ``scored`` is what anomaly detection scores as normal."""

    split: DataSplit
    scored: ImageDataset
    held_out: ImageDataset | None  # validation rows of the classes the model never saw


def analysis_data(experiment: Experiment, spec: str | None, download: bool = False) -> AnalysisData:
    """The experiment's own split (and held-out classes), as the Analyze tab uses it; or
    another dataset: all of it is scored, and the probe and PCA split it with the
    experiment's validation fraction and split seed."""
    config = experiment.config
    if is_own_dataset(config, spec):
        data = load_data(config, download=download)
        split = split_for_config(data, config)
        result = AnalysisData(split, split.val, held_out_for_config(data, config))
    else:
        data = load_dataset(spec, download=download, image_size=config.image_size, color=config.color)
        result = AnalysisData(split_dataset(data, config.val_fraction, config.split_seed), data, None)
    check_fits(experiment, result.scored)
    return result


def load_against(experiment: Experiment, spec: str, download: bool = False) -> ImageDataset:
    config = experiment.config
    data = load_dataset(spec, download=download, image_size=config.image_size, color=config.color)
    expected = experiment.spec.image_shape
    if data.shape != expected:
        raise AeguiError(
            f"--against {data.name} has {'×'.join(map(str, data.shape))} images, but the model "
            f"takes {'×'.join(map(str, expected))}; compare it with data of the same shape."
        )
    return data


# -- anomaly ----------------------------------------------------------------------------------
def anomaly_summary(experiment: Experiment, data: AnalysisData, against: ImageDataset | None, *,
                    kind: str = "mse", percentile: float = 95.0, fpr: float = 0.05) -> tuple[dict, np.ndarray]:
    """The anomaly numbers, and the scores of ``data.scored`` (for the CSV)."""
    scored = data.scored
    analysis = run_anomaly(experiment.model, experiment.config, scored, against=against, held_out=data.held_out,
                           kind=kind)
    scores = analysis.scores
    threshold = threshold_at_percentile(scores, percentile)
    rows, labels = scored.row_ids(), _labels(scored)
    summary: dict = {
        "score": kind,
        "dataset": scored.name,
        "count": len(scores),
        "mean": float(np.mean(scores)),
        "median": float(np.median(scores)),
        "percentile": percentile,
        "threshold": threshold,
        "flagged": int(np.sum(scores > threshold)),
        "top": [{"row": int(rows[i]), "label": None if labels is None else int(labels[i]),
                 "score": float(scores[i])} for i in top_k(scores, TOP_SHOWN)],
        "against": None,
        "held_out": None,
    }
    if analysis.against is not None:
        summary["against"] = _separation_summary(analysis.against.name, scores, analysis.against, fpr)
    if analysis.held_out is not None:
        section = _separation_summary("held-out classes", scores, analysis.held_out, fpr)
        section["normal_classes"] = list(experiment.config.classes or ())
        section["per_class_auroc"] = {str(c): v for c, v in analysis.per_class.items()}
        section["mean_auroc"] = mean_auroc(analysis.per_class)
        summary["held_out"] = section
    return summary, scores


def _separation_summary(name: str, normal: np.ndarray, compared: ComparedSet, fpr: float) -> dict:
    curves, other = compared.separation, compared.scores
    threshold = threshold_at_fpr(normal, fpr)
    return {
        "name": name,
        "count": len(other),
        "mean": float(np.mean(other)),
        "median": float(np.median(other)),
        "auroc": curves.auroc,
        "average_precision": curves.average_precision,
        "fpr": fpr,
        "threshold_at_fpr": threshold,
        "recall_at_fpr": float(np.mean(other > threshold)),
    }


def _labels(data: ImageDataset) -> np.ndarray | None:
    return None if data.labels is None else data.labels.numpy()


def _print_anomaly(s: dict, class_names: tuple[str, ...]) -> None:
    print(f"{SCORE_TITLES[s['score']]} on {s['count']:,} images of {s['dataset']}: "
          f"mean {s['mean']:.5g}, median {s['median']:.5g}")
    print(f"threshold at the {s['percentile']:g}th percentile: {s['threshold']:.5g} "
          f"({s['flagged']:,} images flagged)")
    print("highest scores (dataset row, label, score):")
    for item in s["top"]:
        label = "" if item["label"] is None else _name(class_names, item["label"])
        print(f"  {item['row']:>7}  {label:<12} {item['score']:.5g}")
    for key in ("against", "held_out"):
        section = s[key]
        if section is None:
            continue
        print(f"against {section['name']} ({section['count']:,} images, median {section['median']:.5g}): "
              f"AUROC {section['auroc']:.4f}, average precision {section['average_precision']:.4f}")
        print(f"  threshold at a false-positive rate of {section['fpr']:g}: {section['threshold_at_fpr']:.5g}, "
              f"which finds {100 * section['recall_at_fpr']:.1f}% of them")
        if "per_class_auroc" in section:
            normal = ", ".join(_name(class_names, c) for c in section["normal_classes"])
            print(f"  per held-out class (normal: {normal}):")
            for c, value in section["per_class_auroc"].items():
                print(f"    {_name(class_names, int(c)):<12} AUROC {value:.4f}")
            print(f"    {'mean':<12} AUROC {section['mean_auroc']:.4f}")


def _name(class_names: tuple[str, ...], c: int) -> str:
    return class_names[c] if 0 <= c < len(class_names) else str(c)


# -- probe and pca ----------------------------------------------------------------------------
def _print_probe(s: dict) -> None:
    print(f"Linear probe: validation accuracy ({s['train_count']:,} training, {s['val_count']:,} "
          f"validation images; latent {s['latent_dim']})")
    heads = [str(n) if n is not None else "all" for n in s["labels_per_class"]]
    print(f"  {'labels per class':<22}" + "".join(f"{h:>8}" for h in heads))
    for name in s["feature_sets"]:
        print(f"  {FEATURE_TITLES[name]:<22}" + "".join(f"{a:>8.3f}" for a in s["curve"][name]))
    print(f"  5-nearest neighbours on the codes, every label: {s['knn_accuracy']:.3f}")
    print(f"  (the pixel baseline trains on at most {s['pixel_train_rows']:,} rows)")


def _print_pca(s: dict) -> None:
    ae, pca = s["autoencoder"], s["pca_same_size"]
    print(s["sentence"])
    print(f"  {'':<22}{'MSE':>10}{'PSNR':>9}{'SSIM':>8}")
    print(f"  {'autoencoder':<22}{ae['mse']:>10.5f}{ae['psnr']:>9.2f}{_fmt(ae['ssim']):>8}")
    print(f"  {'PCA, ' + str(s['latent_dim']) + ' components':<22}{pca['mse']:>10.5f}"
          f"{pca['psnr']:>9.2f}{_fmt(pca['ssim']):>8}")
    print(f"  bytes per image: {s['bytes_raw']:,} raw, {s['bytes_code_f32']} as a float32 code "
          f"({s['ratio_f32']:.1f}×), {s['bytes_code_f16']} as float16 ({s['ratio_f16']:.1f}×)")


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


# -- the command ------------------------------------------------------------------------------
def run(args: argparse.Namespace) -> int:
    if not 0.0 < args.fpr < 1.0:
        raise AeguiError(f"--fpr is a rate between 0 and 1 (0.05 for 5 %), not {args.fpr:g}.")
    if not 0.0 <= args.percentile <= 100.0:
        raise AeguiError(f"--percentile must be between 0 and 100, not {args.percentile:g}.")
    experiment = load_experiment(Path(args.checkpoint))
    experiment.model.to(resolve_device(args.device)).eval()
    if args.csv and args.what != "anomaly":
        raise AeguiError("--csv writes anomaly scores; use it with 'aegui analyze anomaly'.")
    if args.against and args.what != "anomaly":
        raise AeguiError("--against compares anomaly scores; use it with 'aegui analyze anomaly'.")
    against = load_against(experiment, args.against, args.download) if args.against else None
    data = analysis_data(experiment, args.dataset, args.download)
    if args.what == "anomaly":
        summary, scores = anomaly_summary(experiment, data, against, kind=args.score,
                                          percentile=args.percentile, fpr=args.fpr)
        if args.csv:
            write_scores_csv(Path(args.csv).expanduser(), data.scored.row_ids(), _labels(data.scored),
                             scores, summary["threshold"])
    elif args.what == "probe":
        summary = linear_probe(experiment.model, data.split, seed=experiment.config.seed).summary()
    else:
        summary = compare_with_pca(experiment.model, data.split).summary()
    if args.json:
        print(json.dumps(_json_ready(summary), indent=2))
        return 0
    names = data.scored.class_names
    {"anomaly": lambda: _print_anomaly(summary, names), "probe": lambda: _print_probe(summary),
     "pca": lambda: _print_pca(summary)}[args.what]()
    if args.csv:
        print(f"Wrote {args.csv}")
    return 0


def _json_ready(value):
    """NaN and infinity are not JSON: they become null."""
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_ready(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
