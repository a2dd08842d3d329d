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

Then, at 64×64×3:

- **fit / bare**: training images/s of ``Trainer.fit`` against train_overhead.py's bare
  loop on the same photos and model (conv AE, latent 64, batch 256). Target ≥ 0.95.
- **the Latent tab at scale**: encoding ``--latent-images`` photos (200,000 by default)
  a batch at a time in the tab's sample order, then its t-SNE view (fitted on a
  subsample past 10,000 codes), in a child process: seconds, and memory beyond the
  images themselves.
- **data past the memory limit**: an .npy of ``--mapped-images`` photos (200,000:
  2.3 GB) with ``AEGUI_MAX_DATASET_MB`` below it, so it is converted into the data
  cache, split into cache files and trained from them by the Trainer (``--mapped-steps``
  batches of 256: an epoch of 200,000 takes most of an hour on two cores). Peak memory
  against the data's size.

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
import torch
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


def measure_fit_bare(count: int, size: int, repeats: int) -> dict:
    """Training images/s of ``Trainer.fit`` against the bare loop (train_overhead.py's two
    loops, interleaved) on natural colour images, conv AE latent 64, batch 256."""
    from train_overhead import time_bare, time_fit

    from aegui.core.config import ExperimentConfig
    from aegui.core.data import ImageDataset, split_dataset

    images = torch.from_numpy(np.moveaxis(natural_images(count + 64, size, seed=2), -1, 1).copy())
    data = ImageDataset(images, None, (), f"photos{size}")
    split = split_dataset(data, 64 / len(data), 0)
    config = ExperimentConfig(model="conv-ae", latent_dim=64, epochs=1, batch_size=256, loss="bce",
                              device="cpu", seed=0)
    time_fit(config, split), time_bare(config, split)  # warm-up
    ratios, fits, bares = [], [], []
    for _ in range(repeats):
        fit, bare = time_fit(config, split)["images_per_s"][0], time_bare(config, split)["images_per_s"][0]
        fits.append(fit)
        bares.append(bare)
        ratios.append(fit / bare)
    result = {"size": size, "images": count, "fit_images_per_s": float(np.median(fits)),
              "bare_images_per_s": float(np.median(bares)), "fit_bare": float(np.median(ratios))}
    print(f"fit/bare at {size}×{size}×3: {result['fit_bare']:.3f} ({result['fit_images_per_s']:.0f} vs "
          f"{result['bare_images_per_s']:.0f} images/s)", flush=True)
    return result


LATENT_CHILD = """
import json, sys, time
import numpy as np, torch
sys.path.insert(0, sys.argv[3])
from scale import natural_images
from aegui.core import latent
from aegui.core.models import ModelSpec, build_model
from aegui.core.models.base import auto_depth
count, size = int(sys.argv[1]), int(sys.argv[2])
images = torch.from_numpy(np.moveaxis(natural_images(count, size, seed=3), -1, 1).copy())
def status(field):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1]) / 1024
# The peak so far is the images' making (two copies); start counting from here (Linux 4.0+).
with open("/proc/self/clear_refs", "w") as handle:
    handle.write("5")
before = status("VmRSS:")
torch.manual_seed(0)
spec = ModelSpec("conv-ae", 3, size, size, latent_dim=64, depth=auto_depth(size, size), block="residual", norm="group")
model = build_model(spec).eval()
rows = np.random.default_rng(0).permutation(count)  # the Latent tab's sample order
start = time.perf_counter()
codes = latent.encode(model, images, rows=rows)
encode_s = time.perf_counter() - start
start = time.perf_counter()
view = latent.project(codes, "tsne")
tsne_s = time.perf_counter() - start
print(json.dumps({"encode_s": encode_s, "tsne_s": tsne_s, "tsne_fitted": view.fitted,
                  "data_mb": images.numel() / 2**20, "rss_before_mb": before, "peak_mb": status("VmHWM:")}))
"""


def measure_latent(count: int, size: int, threads: int) -> dict:
    """The Latent tab's work on ``count`` photos: encoding a batch at a time from the dataset
    (no copy of the sample), then the t-SNE view (on a subsample past 10,000 codes)."""
    env = {**os.environ, "OMP_NUM_THREADS": str(threads)}
    done = subprocess.run([sys.executable, "-c", LATENT_CHILD, str(count), str(size), str(Path(__file__).parent)],
                          env=env, capture_output=True, text=True, check=True)
    result = {"size": size, "images": count, **json.loads(done.stdout.strip().splitlines()[-1])}
    result["extra_mb"] = result["peak_mb"] - result["rss_before_mb"]
    print(f"Latent tab on {count:,} images {size}×{size}×3 ({result['data_mb']:.0f} MB): encoded in "
          f"{result['encode_s']:.1f} s ({count / result['encode_s']:.0f} images/s), t-SNE view in "
          f"{result['tsne_s']:.1f} s (fitted on {result['tsne_fitted'] or count:,}); memory beyond the data "
          f"{result['extra_mb']:.0f} MB", flush=True)
    return result


MAPPED_CHILD = """
import json, resource, sys, time
from aegui.core.config import ExperimentConfig
from aegui.core.data import load_dataset
from aegui.core.reports import StepReport
from aegui.core.runs import split_for_config
from aegui.core.training import Trainer
npy, steps = sys.argv[1], int(sys.argv[2])
config = ExperimentConfig(dataset=f"npy:{npy}", model="conv-ae", latent_dim=64, epochs=1, batch_size=256,
                          device="cpu")
start = time.perf_counter()
data = load_dataset(config.dataset)
loaded = time.perf_counter()
split = split_for_config(data, config)
split_at = time.perf_counter()
trainer = Trainer(config, split)
before_training = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # load, convert, split
done = [0]
def stop():
    return done[0] >= steps
train_start = time.perf_counter()
for report in trainer.fit(should_stop=stop):
    if isinstance(report, StepReport):
        done[0] = report.step
train_s = time.perf_counter() - train_start
print(json.dumps({"mapped": data.mapped is not None, "convert_s": loaded - start, "split_s": split_at - loaded,
                  "steps": done[0], "train_s": train_s, "before_training_mb": before_training,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure_mapped(count: int, size: int, threads: int, work: Path, steps: int, limit_mb: int) -> dict:
    """Training on an .npy past the memory limit (``limit_mb``): converted into the data
    cache, split into cache files, and trained for ``steps`` batches of 256 by the Trainer
    that ``aegui train`` and the window use, in a child process; its peak memory against
    the data's size."""
    npy = work / f"mapped-{size}.npy"
    images = np.lib.format.open_memmap(npy, mode="w+", dtype=np.uint8, shape=(count, size, size, 3))
    for start in range(0, count, 10_000):
        images[start:start + 10_000] = natural_images(min(10_000, count - start), size, seed=4 + start)
    images.flush()
    del images
    data_mb = count * size * size * 3 / 2**20
    env = {**os.environ, "OMP_NUM_THREADS": str(threads), "AEGUI_MAX_DATASET_MB": str(limit_mb),
           "AEGUI_CACHE_DIR": str(work / "cache")}
    done = subprocess.run([sys.executable, "-c", MAPPED_CHILD, str(npy), str(steps)], env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"training on the mapped data failed: {done.stderr[-2000:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    result = {"size": size, "images": count, "dataset_mb": data_mb, "limit_mb": limit_mb, **report,
              "memory_ratio": report["peak_mb"] / data_mb}
    print(f"{count:,} images {size}×{size}×3 ({data_mb:.0f} MB) past a {limit_mb} MB limit (mapped: "
          f"{report['mapped']}): converted in {report['convert_s']:.0f} s, split in {report['split_s']:.0f} s, "
          f"{report['steps']} batches of 256 in {report['train_s']:.0f} s; peak {report['peak_mb']:.0f} MB "
          f"({result['memory_ratio']:.2f}× the data)", flush=True)
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


def extra_rows(fit_bare: dict | None, latent: dict | None, mapped: dict | None) -> list[Row]:
    rows = []
    if fit_bare is not None:
        what = f"{fit_bare['size']}×{fit_bare['size']}×3"
        rows.append(Row(f"{what}: training images/s, fit / bare loop",
                        f"{fit_bare['fit_bare']:.3f} ({fit_bare['fit_images_per_s']:.0f} vs "
                        f"{fit_bare['bare_images_per_s']:.0f} images/s)", "≥ 0.95", fit_bare["fit_bare"],
                        fit_bare["fit_bare"] >= 0.95))
    if latent is not None:
        what = f"Latent tab, {latent['images']:,} × {latent['size']}×{latent['size']}×3"
        rows.append(Row(f"{what}: encoding", f"{latent['encode_s']:.1f} s "
                        f"({latent['images'] / latent['encode_s']:.0f} images/s)", "", latent["encode_s"]))
        rows.append(Row(f"{what}: t-SNE view", f"{latent['tsne_s']:.1f} s (fitted on "
                        f"{latent['tsne_fitted'] or latent['images']:,} codes)", "", latent["tsne_s"]))
        rows.append(Row(f"{what}: memory beyond the images", f"{latent['extra_mb']:.0f} MB "
                        f"({latent['extra_mb'] / latent['data_mb']:.2f}× their {latent['data_mb']:.0f} MB)",
                        "< the images' size", latent["extra_mb"] / latent["data_mb"],
                        latent["extra_mb"] < latent["data_mb"]))
    if mapped is not None:
        what = f"{mapped['images']:,} × {mapped['size']}×{mapped['size']}×3 past a {mapped['limit_mb']} MB limit"
        # The peak is the training working set (batch 256 at 64 px: about 1.3 GB above
        # Python and torch) once loading and splitting are done, whatever the data's size:
        # below the data's size only for data well past it (200,000 images: 0.77).
        rows.append(Row(f"{what}: peak memory / the data",
                        f"{mapped['memory_ratio']:.2f} ({mapped['peak_mb']:.0f} MB vs {mapped['dataset_mb']:.0f} MB; "
                        f"{mapped.get('before_training_mb', 0):.0f} MB before the first batch; converted in "
                        f"{mapped['convert_s']:.0f} s, {mapped['steps']} batches trained)",
                        *(("< 1", mapped["memory_ratio"], mapped["memory_ratio"] < 1) if mapped["dataset_mb"] >= 2048
                          else ("", mapped["memory_ratio"]))))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[32, 64])
    parser.add_argument("--images", type=int, nargs="+", default=[50_000, 10_000])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default="cpu", help="cpu, or cuda for the GPU check")
    parser.add_argument("--fit-bare-images", type=int, default=2048, help="0 skips the 64×64×3 fit/bare row")
    parser.add_argument("--fit-bare-repeats", type=int, default=2)
    parser.add_argument("--latent-images", type=int, default=200_000, help="0 skips the Latent tab rows")
    parser.add_argument("--mapped-images", type=int, default=200_000, help="0 skips the data-cache row")
    parser.add_argument("--mapped-steps", type=int, default=40, help="batches trained on the cached data")
    parser.add_argument("--mapped-limit-mb", type=int, default=512, help="AEGUI_MAX_DATASET_MB for that row")
    args = parser.parse_args()
    if len(args.images) != len(args.sizes):
        parser.error("give one --images count per --sizes entry")
    started_load = load_average()
    with tempfile.TemporaryDirectory(prefix="aegui-scale-") as tmp:
        results = [measure(size, count, args.threads, Path(tmp), args.device)
                   for size, count in zip(args.sizes, args.images)]
        cpu = args.device == "cpu"  # the fit/bare pair on a GPU is train_overhead.py's
        fit_bare = measure_fit_bare(args.fit_bare_images, 64, args.fit_bare_repeats) \
            if args.fit_bare_images and cpu else None
        latent = measure_latent(args.latent_images, 64, args.threads) if args.latent_images else None
        mapped = measure_mapped(args.mapped_images, 64, args.threads, Path(tmp), args.mapped_steps,
                                args.mapped_limit_mb) if args.mapped_images else None
    write_results("scale", rows=rows_for(results) + extra_rows(fit_bare, latent, mapped),
                  details={"threads": args.threads, "device": args.device, "results": results,
                           "fit_bare": fit_bare, "latent": latent, "mapped": mapped},
                  started_load=started_load)


if __name__ == "__main__":
    main()
