"""Analyze tab timings on the bundled digits (default split: 9,000 training, 1,000
validation images), each beside a baseline measured in the same run:

- scoring 10,000 images (per-image MSE), against the bare batched forward pass;
- the PCA curve (validation MSE for k = 1..256): aegui's fit and incremental curve,
  against a plain ``torch.linalg.svd`` of the same centred training matrix followed by
  one reconstruction per k; then the cached second comparison the tab makes;
- the linear probe (three feature sets, five label budgets with five draws each, k-NN).

Run: python bench/analyze_latency.py [--epochs 1] [--threads 2]
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

import numpy as np
import torch

from aegui.core.analysis import anomaly_scores, clear_pca_cache, compare_with_pca, fit_pca_basis, linear_probe
from aegui.core.config import ExperimentConfig
from aegui.core.evaluation import as_float
from aegui.core.models import build_model
from aegui.core.runs import load_for_config, split_for_config
from aegui.core.training import Trainer, model_spec_for

RESULTS = Path(__file__).parent / "results" / "analyze_latency.json"
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=0, help="train the model first (timings hardly change)")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
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

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({
        "epochs": args.epochs, "threads": torch.get_num_threads(), "torch": torch.__version__,
        "python": platform.python_version(), "score_10k_s": score_s, "bare_forward_10k_s": bare_s,
        "pca_fit_s": fit_s, "pca_curve_s": curve_s, "pca_method": basis.method, "svd_s": svd_s,
        "svd_naive_curve_s": naive_s, "compare_cold_s": cold_s, "compare_warm_s": warm_s, "probe_s": probe_s,
    }, indent=2) + "\n")
    print(f"Wrote {RESULTS}")


if __name__ == "__main__":
    main()
