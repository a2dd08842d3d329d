"""aegui on colour photos at scale: memory and the cost of a run's end.

A natural-image set is made offline: random crops (random size, random flips) of the two
photographs scikit-learn ships, resized to S×S colour. For each size, ``aegui train``
(conv AE, latent 64, one epoch, batch 256) runs in a child process, and this measures:

- **peak memory**: the child's peak resident memory against a budget of the fixed working
  set plus 4× the dataset's uint8 bytes. The fixed working set is the peak of the same
  command on 600 images (Python, torch, aegui, the model and one full batch's activations)
  plus the bound on the PCA baseline's float32 fitting sample (``FIT_BYTES``, 256 MiB),
  which no dataset's size changes. The row also gives (peak − the 600-image peak) / data.
- **end of run / one epoch**: the run's wall time outside its epoch (start-up, loading,
  final metrics with the PCA baseline, saving) over the epoch's own time (status.json).
  Target ≤ 0.15.
- **the PCA baseline**: the time ``metrics.json``'s PCA row takes (the app's one basis on a
  bounded sample), against one epoch.

JSON goes to ``bench/results/scale.json`` through ``results_file.write_results``.

Run: python bench/scale.py [--sizes 32 64] [--images 50000 10000] [--threads 2]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image
from results_file import Row, load_average, write_results

from aegui.core.analysis.pca_basis import FIT_BYTES

FIXED_IMAGES = 600  # two full batches of 256 after the split: the working set at full batch size


def natural_images(count: int, size: int, seed: int = 0) -> np.ndarray:
    """``count`` uint8 N×S×S×3 crops of scikit-learn's two sample photographs."""
    from sklearn.datasets import load_sample_images

    photos = [Image.fromarray(p) for p in load_sample_images().images]
    rng = np.random.default_rng(seed)
    out = np.empty((count, size, size, 3), np.uint8)
    for i in range(count):
        photo = photos[int(rng.integers(len(photos)))]
        side = int(rng.integers(size, min(photo.size) // 2))
        x, y = int(rng.integers(photo.width - side)), int(rng.integers(photo.height - side))
        crop = photo.crop((x, y, x + side, y + side)).resize((size, size), Image.Resampling.BILINEAR)
        if rng.random() < 0.5:
            crop = crop.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
        out[i] = np.asarray(crop)
    return out


def run_train(npz: Path, out: Path, threads: int, device: str = "cpu") -> tuple[float, float]:
    """Wall seconds and the child's peak resident MB of one ``aegui train`` epoch."""
    env = {**os.environ, "OMP_NUM_THREADS": str(threads)}
    command = [sys.executable, "-m", "aegui", "train", "--dataset", f"npz:{npz}", "--model", "conv-ae",
               "--latent-dim", "64", "--epochs", "1", "--batch-size", "256", "--device", device, "--quiet",
               "--out", str(out)]
    start = time.perf_counter()
    code = _peak_of(command, env)
    wall = time.perf_counter() - start
    if code[0] != 0:
        raise SystemExit(f"aegui train failed with code {code[0]}")
    return wall, code[1]


def _peak_of(command: list[str], env: dict[str, str]) -> tuple[int, float]:
    """Run ``command``; its exit code and peak RSS in MB (through a fresh child of a child,
    so the peaks of earlier runs do not count)."""
    probe = ("import resource, subprocess, sys\n"
             "code = subprocess.call(sys.argv[1:])\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
             "sys.exit(code)\n")
    done = subprocess.run([sys.executable, "-c", probe, *command], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stderr[-2000:], file=sys.stderr)
    peak = float(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else 0.0
    return done.returncode, peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes there, KiB here


def measure(size: int, count: int, threads: int, work: Path, device: str = "cpu") -> dict:
    images = natural_images(count, size)
    npz = work / f"photos-{size}.npz"
    np.savez(npz, images=images)
    small = work / f"photos-{size}-small.npz"
    np.savez(small, images=images[:FIXED_IMAGES])
    _, fixed_mb = run_train(small, work / f"fixed-{size}", threads, device)
    wall, peak_mb = run_train(npz, work / f"run-{size}", threads, device)
    status = json.loads((work / f"run-{size}" / "status.json").read_text())
    metrics = json.loads((work / f"run-{size}" / "metrics.json").read_text())
    epoch_s = float(status["epoch_seconds"][0])
    data_mb = images.nbytes / 2**20
    sample_mb = float(metrics.get("pca_fit_rows", 0)) * images[0].size * 4 / 2**20  # ≤ FIT_BYTES
    budget_mb = fixed_mb + FIT_BYTES / 2**20 + 4 * data_mb
    from aegui.core.analysis import clear_pca_cache
    from aegui.core.data import load_dataset, split_dataset
    from aegui.core.runs import pca_baseline

    split = split_dataset(load_dataset(f"npz:{npz}"), 0.1, 0)
    clear_pca_cache()
    start = time.perf_counter()
    pca_baseline(split, 64)
    pca_s = time.perf_counter() - start
    result = {"size": size, "images": count, "dataset_mb": data_mb, "fixed_mb": fixed_mb, "peak_mb": peak_mb,
              "pca_sample_mb": sample_mb, "budget_mb": budget_mb, "memory_ratio": (peak_mb - fixed_mb) / data_mb,
              "wall_s": wall, "epoch_s": epoch_s,
              "outside_epoch_s": wall - epoch_s, "end_ratio": (wall - epoch_s) / epoch_s, "pca_s": pca_s,
              "val_mse": metrics["val_mse"], "pca_val_mse": metrics["pca_val_mse"],
              "pca_fit_rows": metrics.get("pca_fit_rows")}
    print(f"{count:,} images {size}×{size}×3 ({data_mb:.0f} MB): peak {peak_mb:.0f} MB, fixed {fixed_mb:.0f} MB "
          f"({result['memory_ratio']:.2f}× the data above it; budget {budget_mb:.0f} MB); epoch {epoch_s:.1f} s, "
          f"outside it {wall - epoch_s:.1f} s ({result['end_ratio']:.2f}×); PCA baseline {pca_s:.2f} s; "
          f"val MSE {metrics['val_mse']:.4f}, PCA-64 {metrics['pca_val_mse']:.4f}", flush=True)
    return result


def rows_for(results: list[dict]) -> list[Row]:
    rows = []
    for r in results:
        what = f"{r['images']:,} × {r['size']}×{r['size']}×3"
        rows.append(Row(f"{what}: peak memory", f"{r['peak_mb']:.0f} MB of a {r['budget_mb']:.0f} MB budget "
                        f"({r['fixed_mb']:.0f} MB at 600 images, then {r['memory_ratio']:.2f}× the "
                        f"{r['dataset_mb']:.0f} MB of data)", "≤ fixed + 256 MiB + 4× data",
                        r["peak_mb"] / r["budget_mb"], r["peak_mb"] <= r["budget_mb"]))
        rows.append(Row(f"{what}: run outside its epoch / the epoch",
                        f"{r['end_ratio']:.3f} ({r['outside_epoch_s']:.1f} s vs {r['epoch_s']:.1f} s)", "≤ 0.15",
                        r["end_ratio"], r["end_ratio"] <= 0.15))
        rows.append(Row(f"{what}: PCA baseline (metrics.json) / the epoch",
                        f"{r['pca_s'] / r['epoch_s']:.3f} ({r['pca_s']:.2f} s, {int(r['pca_fit_rows'] or 0):,} rows)",
                        "", r["pca_s"] / r["epoch_s"]))
        rows.append(Row(f"{what}: conv AE (1 epoch) / PCA-64 validation MSE",
                        f"{r['val_mse'] / r['pca_val_mse']:.2f} ({r['val_mse']:.4f} vs {r['pca_val_mse']:.4f})",
                        "", r["val_mse"] / r["pca_val_mse"]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[32, 64])
    parser.add_argument("--images", type=int, nargs="+", default=[50_000, 10_000])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default="cpu", help="cpu, or cuda for the GPU check")
    args = parser.parse_args()
    if len(args.images) != len(args.sizes):
        parser.error("give one --images count per --sizes entry")
    started_load = load_average()
    with tempfile.TemporaryDirectory(prefix="aegui-scale-") as tmp:
        results = [measure(size, count, args.threads, Path(tmp), args.device)
                   for size, count in zip(args.sizes, args.images)]
    write_results("scale", rows=rows_for(results), details={"threads": args.threads, "device": args.device,
                                                            "results": results},
                  started_load=started_load)


if __name__ == "__main__":
    main()
