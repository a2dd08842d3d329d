"""Analyze tab timings on the bundled digits (default split: 9,000 training, 1,000
validation images), each beside a baseline measured in the same run:

- scoring 10,000 images (per-image MSE), against the bare batched forward pass;
- the PCA curve (validation MSE for k = 1..256): aegui's fit and incremental curve,
  against a plain ``torch.linalg.svd`` of the same centred training matrix followed by
  one reconstruction per k; then the cached second comparison the tab makes;
- the linear probe (three feature sets, five label budgets with five draws each, k-NN).

Each timing is the median of ``--repeats`` calls (the naive SVD curve and the probe: one
call). None of these has a target: each ratio says what aegui's path costs over the plain
one in the same run. JSON goes to ``bench/results/analyze_latency.json`` through
``results_file.write_results``.

Run: python bench/analyze_latency.py [--epochs 1] [--threads 2] [--repeats 3]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import torch
from results_file import Row, load_average, write_results

from aegui.core.analysis import anomaly_scores, clear_pca_cache, compare_with_pca, fit_pca_basis, linear_probe
from aegui.core.config import ExperimentConfig
from aegui.core.evaluation import as_float
from aegui.core.models import build_model
from aegui.core.runs import load_for_config, split_for_config
from aegui.core.training import Trainer, model_spec_for

K = 256


def timed(fn, repeats: int) -> tuple[float, object]:
    """Median seconds over ``repeats`` calls, and the last result."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return float(np.median(times)), result


def bare_forward(model, images: torch.Tensor, batch: int = 500) -> None:
    with torch.inference_mode():
        for s in range(0, len(images), batch):
            model(as_float(images[s : s + batch], torch.device("cpu")))


def svd_curve(train: torch.Tensor, val: torch.Tensor, k: int) -> np.ndarray:
    """The plain way: a full SVD, then one reconstruction of the validation set per k."""
    x = train.flatten(1).float() / 255
    mean = x.mean(0)
    _, _, vh = torch.linalg.svd(x - mean, full_matrices=False)
    v = val.flatten(1).float() / 255 - mean
    out = []
    for i in range(1, k + 1):
        comps = vh[:i]
        out.append(float((((v @ comps.T) @ comps - v) ** 2).mean()))
    return np.array(out)


def svd_only(train: torch.Tensor) -> None:
    x = train.flatten(1).float() / 255
    torch.linalg.svd(x - x.mean(0), full_matrices=False)


def result_rows(t: dict, images: int, agree: float, probe) -> list[Row]:
    ours = t["pca_fit_s"] + t["pca_curve_s"]
    return [
        Row(f"score {images:,} images vs the bare forward pass",
            f"{t['score_10k_s']:.2f} s vs {t['bare_forward_10k_s']:.2f} s "
            f"({t['score_10k_s'] / t['bare_forward_10k_s']:.2f}×)",
            ratio=t["score_10k_s"] / t["bare_forward_10k_s"]),
        Row(f"PCA curve k = 1…{K} vs torch.linalg.svd alone",
            f"{ours * 1000:.0f} ms ({t['pca_method']}) vs {t['svd_s'] * 1000:.0f} ms ({ours / t['svd_s']:.2f}×)",
            ratio=ours / t["svd_s"]),
        Row(f"PCA curve vs svd + {K} reconstructions",
            f"{ours * 1000:.0f} ms vs {t['svd_naive_curve_s']:.2f} s ({ours / t['svd_naive_curve_s']:.3f}×); "
            f"curves agree to {agree:.1e}", ratio=ours / t["svd_naive_curve_s"]),
        Row("compare_with_pca again on the same split (cached basis) vs first",
            f"{t['compare_warm_s']:.2f} s vs {t['compare_cold_s']:.2f} s "
            f"({t['compare_warm_s'] / t['compare_cold_s']:.2f}×)", ratio=t["compare_warm_s"] / t["compare_cold_s"]),
        Row("linear probe (3 feature sets × 5 label budgets + k-NN)",
            f"{t['probe_s']:.1f} s; all-label accuracy AE {probe.accuracy['autoencoder']:.3f}, "
            f"PCA {probe.accuracy['pca']:.3f}, pixels {probe.accuracy['pixels']:.3f}"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=0, help="train the model first (timings hardly change)")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    started_load = load_average()
    if args.threads:
        torch.set_num_threads(args.threads)
    config = ExperimentConfig(model="conv-ae", latent_dim=16, loss="mse", device="cpu", epochs=max(1, args.epochs))
    data = load_for_config(config)
    split = split_for_config(data, config)
    if args.epochs:
        trainer = Trainer(config, split)
        for _ in trainer.fit():
            pass
        model = trainer.model.eval()
    else:
        torch.manual_seed(0)
        model = build_model(model_spec_for(config, split)).eval()
    r = args.repeats
    print(f"conv AE latent 16, {'untrained' if not args.epochs else f'{args.epochs} epochs'}, "
          f"CPU, {torch.get_num_threads()} threads")

    score_s, _ = timed(lambda: anomaly_scores(model, data.images, None), r)
    bare_s, _ = timed(lambda: bare_forward(model, data.images), r)
    print(f"score {len(data):,} images: {score_s:.2f} s ({len(data) / score_s:,.0f} images/s); "
          f"bare forward pass {bare_s:.2f} s; ratio {score_s / bare_s:.2f}")

    train, val = split.train.images, split.val.images
    fit_s, basis = timed(lambda: fit_pca_basis(train, K), r)
    curve_s, curve = timed(lambda: basis.mse_curve(val), r)
    svd_s, _ = timed(lambda: svd_only(train), r)
    naive_s, naive = timed(lambda: svd_curve(train, val, K), 1)
    ours = fit_s + curve_s
    print(f"PCA curve k=1..{K}: fit {fit_s * 1000:.0f} ms ({basis.method}) + curve {curve_s * 1000:.0f} ms = "
          f"{ours * 1000:.0f} ms; torch.linalg.svd alone {svd_s * 1000:.0f} ms (ratio {ours / svd_s:.2f}); "
          f"svd + {K} reconstructions {naive_s:.2f} s (ratio {ours / naive_s:.3f}); "
          f"curves agree to {np.max(np.abs(curve - naive) / naive):.1e}")
    clear_pca_cache()
    cold_s, _ = timed(lambda: compare_with_pca(model, split), 1)
    warm_s, _ = timed(lambda: compare_with_pca(model, split), r)
    print(f"compare_with_pca (curve, same-size PCA, AE metrics, examples): first {cold_s:.2f} s, "
          f"again on the same split {warm_s:.2f} s (basis cached)")

    probe_s, probe = timed(lambda: linear_probe(model, split), 1)
    print(f"linear probe ({len(split.train):,} training images, 3 feature sets × 5 label budgets, "
          f"{probe.draws} draws each, + k-NN): "
          f"{probe_s:.1f} s; all-label accuracy AE {probe.accuracy['autoencoder']:.3f}, "
          f"PCA {probe.accuracy['pca']:.3f}, pixels {probe.accuracy['pixels']:.3f} "
          f"(pixels on {probe.pixel_train_rows:,} rows)")

    timings = {
        "score_10k_s": score_s, "bare_forward_10k_s": bare_s, "pca_fit_s": fit_s, "pca_curve_s": curve_s,
        "pca_method": basis.method, "svd_s": svd_s, "svd_naive_curve_s": naive_s, "compare_cold_s": cold_s,
        "compare_warm_s": warm_s, "probe_s": probe_s,
    }
    agree = float(np.max(np.abs(curve - naive) / naive))
    details = {"epochs": args.epochs, "threads": torch.get_num_threads(), "repeats": r, **timings,
               "curve_max_relative_difference": agree, "probe_accuracy": dict(probe.accuracy)}
    write_results("analyze_latency", rows=result_rows(timings, len(data), agree, probe), details=details,
                  started_load=started_load)


if __name__ == "__main__":
    main()
