"""How much does aegui's training loop cost over a bare PyTorch loop?

    .venv/bin/python bench/train_overhead.py [--device cpu|cuda] [--batch-sizes 64 256 1024]
                                             [--epochs N] [--repeats N] [--model conv-ae]
                                             [--models dense-ae conv-ae vae conv-vae cvae]

Two loops train the same architecture on the same data, and their training
throughput (images per second) is compared:

* **fit**: ``aegui.core.training.Trainer(config, split).fit()``, consumed with no work
  per report (a plain ``for`` loop), corruption ``none``, Adam, BCE loss.
* **bare**: a hand-written loop: ``build_model`` with the same ``ModelSpec`` and seed,
  the training images on the same device as one uint8 tensor, a ``randperm`` per
  epoch and index-slice batches, ``x = images[idx].float() / 255``, BCE-with-logits
  summed over each image's pixels and averaged over the batch (plus the KL term when
  the chosen model is variational, as aegui adds it), Adam with the same learning
  rate, ``zero_grad(set_to_none=True)``, and a single device sync per epoch.

What is timed — whole epochs, wall-clock, in both loops, minus aegui's validation:

* bare: from the start of an epoch (after a device sync) to the end of its last step
  plus one sync (``.item()`` of the epoch's summed loss).
* fit: from the moment the generator is resumed for an epoch to the moment its
  ``EpochReport`` arrives, **minus** the time spent in the per-epoch validation pass
  (``aegui.core.training.evaluate``) and the preview (``Trainer.preview``), which this
  script measures by wrapping those two callables (aegui's code is not changed). So
  everything else aegui does per step and per epoch is *included* in its time: the
  step reports and their loss syncs, loss bookkeeping, ``kl_weight``, autocast and
  GradScaler wrappers, the per-epoch recovery snapshot (``_capture_state``), history.
  The EpochReport's own ``images_per_s`` (aegui's timer, which stops before the
  end-of-epoch work) is reported alongside as a cross-check.

Validation is excluded, so the validation split handed to the Trainer is trimmed to
``--val-images`` images to keep the run short; the training set is the first
``--train-images`` images of the training split of ``split_dataset(mnist-10k, 0.1, 0)``
(on CPU 4096 by default, so the default run stays under about 3 minutes on 2 idle
cores; on CUDA all 9000).

Order: a warm-up (one short run of each loop at every batch size), then for each
repeat and batch size: fit, bare, fit, bare, ... (interleaved, so drift in the
machine's speed hits both). Each epoch is one sample; the table gives the median
images/s of each loop and the ratio fit / bare (1.0 = no overhead; 0.95 = aegui's
loop trains 5% slower), both as the ratio of the two medians and as the median of
the per-pair ratios (each fit epoch over the bare epoch measured right after it),
which is the more robust one when the machine's load changes during the run. A
third ratio, *cpu-time*, divides images by this process's CPU seconds instead of
wall-clock seconds (``time.process_time``; validation's CPU time subtracted the same
way): it is less sensitive to other processes taking the cores, most of all with
``--threads 1``, but counts OpenMP spin-waiting as work. On a
busy CPU (other processes using the cores) PyTorch's OpenMP threads slow down by up
to 10x, so the script records the load average and warns when the machine is busy;
compare ratios, not absolute numbers, from such runs.

``--models`` measures several model kinds in turn (``--model`` one). JSON goes to
bench/results/train_overhead.json through ``results_file.write_results``: one row per model
and batch size, the paired fit/bare ratio with both loops' images/s, against the target of
at least 0.95 (aegui's loop within a few percent of the bare one); the full per-batch
numbers and raw samples are in its details.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from results_file import Row, load_average, write_results

from aegui.core import training
from aegui.core.config import ExperimentConfig
from aegui.core.data import DataSplit, load_dataset, split_dataset
from aegui.core.losses import kl_divergence
from aegui.core.models import MODEL_KINDS, build_model
from aegui.core.reports import EpochReport
from aegui.core.training import Trainer, model_spec_for

RESULTS = Path(__file__).resolve().parent / "results" / "train_overhead.json"
CPU_DEFAULT_TRAIN_IMAGES = 4096
TARGET_RATIO = 0.95  # "within a few percent of a bare PyTorch loop"


def sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


class _Stopwatch:
    """Wraps a callable and adds up the seconds spent inside it."""

    def __init__(self, fn, device: torch.device):
        self.fn, self.device = fn, device
        self.seconds = self.cpu_seconds = 0.0

    def __call__(self, *args, **kwargs):
        sync(self.device)
        start, cpu_start = time.perf_counter(), time.process_time()
        try:
            return self.fn(*args, **kwargs)
        finally:
            sync(self.device)
            self.seconds += time.perf_counter() - start
            self.cpu_seconds += time.process_time() - cpu_start


def time_fit(config: ExperimentConfig, split: DataSplit) -> dict[str, list[float]]:
    """Images/s per epoch of ``Trainer.fit()``, validation and preview excluded."""
    trainer = Trainer(config, split)
    device = trainer.device
    n = len(trainer.train_images)
    evaluate = _Stopwatch(training.evaluate, device)
    preview = _Stopwatch(trainer.preview, device)
    trainer.preview = preview  # the instance attribute wins over the method in _end_epoch
    original_evaluate = training.evaluate
    training.evaluate = evaluate
    rates, cpu_rates, reported, excluded = [], [], [], []
    try:
        sync(device)
        start, cpu_start = time.perf_counter(), time.process_time()
        for report in trainer.fit():
            if isinstance(report, EpochReport):
                wall = time.perf_counter() - start
                cpu = time.process_time() - cpu_start
                skip = evaluate.seconds + preview.seconds
                rates.append(n / (wall - skip))
                cpu_rates.append(n / (cpu - evaluate.cpu_seconds - preview.cpu_seconds))
                reported.append(report.images_per_s)
                excluded.append(skip)
                evaluate.seconds = preview.seconds = evaluate.cpu_seconds = preview.cpu_seconds = 0.0
                # the generator resumes the next epoch from here
                start, cpu_start = time.perf_counter(), time.process_time()
    finally:
        training.evaluate = original_evaluate
    return {"images_per_s": rates, "images_per_cpu_s": cpu_rates,
            "self_reported_images_per_s": reported, "excluded_validation_s": excluded}


def time_bare(config: ExperimentConfig, split: DataSplit) -> dict[str, list[float]]:
    """Images/s per epoch of a minimal hand-written loop over the same model and data."""
    device = torch.device(config.device)
    spec = model_spec_for(config, split)
    torch.manual_seed(config.seed)
    model = build_model(spec).to(device).train()
    optimizer = torch.optim.Adam(model.parameters(), lr=config.lr)
    images = split.train.images.to(device)
    labels = split.train.labels.to(device) if spec.conditional else None
    n, bs = len(images), min(config.batch_size, len(images))
    rates, cpu_rates = [], []
    for _ in range(config.epochs):
        sync(device)
        start, cpu_start = time.perf_counter(), time.process_time()
        order = torch.randperm(n, device=device)
        total = torch.zeros((), device=device)
        for first in range(0, n, bs):
            index = order[first : first + bs]
            x = images[index].float().div_(255.0)
            out = model(x, labels[index] if labels is not None else None)
            loss = F.binary_cross_entropy_with_logits(out.logits, x, reduction="none")
            loss = loss.flatten(1).sum(1).mean()
            if out.z_log_var is not None:
                loss = loss + kl_divergence(out)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            total += loss.detach()
        total.item()  # one sync per epoch
        rates.append(n / (time.perf_counter() - start))
        cpu_rates.append(n / (time.process_time() - cpu_start))
    return {"images_per_s": rates, "images_per_cpu_s": cpu_rates}


def _load_average() -> float:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):  # not on Windows
        return 0.0


def make_split(train_images: int, val_images: int) -> DataSplit:
    full = split_dataset(load_dataset("mnist-10k"), 0.1, 0)
    train = full.train if train_images >= len(full.train) else full.train.subset(
        torch.arange(train_images))
    val = full.val if val_images >= len(full.val) else full.val.subset(torch.arange(val_images))
    return DataSplit(train=train, val=val, val_fraction=full.val_fraction, seed=full.seed)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    default_device = "cuda" if torch.cuda.is_available() else "cpu"
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--device", choices=("cpu", "cuda"), default=default_device)
    p.add_argument("--batch-sizes", type=int, nargs="+", default=[64, 256, 1024])
    p.add_argument("--epochs", type=int, default=1, help="timed epochs per measurement")
    p.add_argument("--repeats", type=int, default=5, help="fit/bare pairs per batch size")
    p.add_argument("--model", choices=MODEL_KINDS, default="conv-ae")
    p.add_argument("--models", choices=MODEL_KINDS, nargs="+", default=None,
                   help="several model kinds, measured in turn (overrides --model)")
    p.add_argument("--latent-dim", type=int, default=16)
    p.add_argument("--hidden", type=int, default=32, help="aegui's default width")
    p.add_argument("--depth", type=int, default=2)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--train-images", type=int, default=None,
                   help=f"training images (default: {CPU_DEFAULT_TRAIN_IMAGES} on CPU, all 9000 on CUDA)")
    p.add_argument("--val-images", type=int, default=200,
                   help="validation images given to the Trainer (its validation is not timed)")
    p.add_argument("--warmup-images", type=int, default=256)
    p.add_argument("--threads", type=int, default=None, help="torch CPU threads (default: torch's)")
    p.add_argument("--out", type=Path, default=RESULTS)
    args = p.parse_args(argv)
    if args.train_images is None:
        args.train_images = CPU_DEFAULT_TRAIN_IMAGES if args.device == "cpu" else 10**9
    args.models = args.models or [args.model]
    return args


def experiment(args: argparse.Namespace, model: str, bs: int, epochs: int) -> ExperimentConfig:
    return ExperimentConfig(model=model, latent_dim=args.latent_dim, hidden=args.hidden,
                            depth=args.depth, task="reconstruct", epochs=epochs, batch_size=bs,
                            lr=args.lr, optimizer="adam", loss="bce", device=args.device, seed=0)


def measure_model(args: argparse.Namespace, model: str, split: DataSplit,
                  warm: DataSplit) -> list[dict]:
    """Warm up, then interleave fit and bare per repeat and batch size; one dict per batch size."""
    start = time.perf_counter()
    for bs in args.batch_sizes:
        time_fit(experiment(args, model, bs, 1), warm)
        time_bare(experiment(args, model, bs, 1), warm)
    print(f"{model}: warm-up {time.perf_counter() - start:.1f} s", flush=True)

    samples = {bs: {"fit": [], "fit_self_reported": [], "fit_excluded_s": [], "bare": [],
                    "paired_ratios": [], "cpu_paired_ratios": []}
               for bs in args.batch_sizes}
    for repeat in range(args.repeats):
        for bs in args.batch_sizes:
            fit = time_fit(experiment(args, model, bs, args.epochs), split)
            bare = time_bare(experiment(args, model, bs, args.epochs), split)
            s = samples[bs]
            s["fit"] += fit["images_per_s"]
            s["fit_self_reported"] += fit["self_reported_images_per_s"]
            s["fit_excluded_s"] += fit["excluded_validation_s"]
            s["bare"] += bare["images_per_s"]
            s["paired_ratios"] += [f / b for f, b in zip(fit["images_per_s"], bare["images_per_s"])]
            s["cpu_paired_ratios"] += [f / b for f, b in zip(fit["images_per_cpu_s"],
                                                             bare["images_per_cpu_s"])]
            print(f"  {model} repeat {repeat + 1}/{args.repeats} batch {bs:>4}: fit "
                  f"{statistics.median(fit['images_per_s']):8.1f} img/s, bare "
                  f"{statistics.median(bare['images_per_s']):8.1f} img/s", flush=True)
    return [summarise(model, bs, s) for bs, s in samples.items()]


def summarise(model: str, bs: int, s: dict[str, list[float]]) -> dict:
    fit, bare = statistics.median(s["fit"]), statistics.median(s["bare"])
    return {
        "model": model,
        "batch_size": bs,
        "fit_images_per_s": fit,
        "bare_images_per_s": bare,
        "ratio_fit_over_bare": fit / bare,
        "median_paired_ratio": statistics.median(s["paired_ratios"]),
        "paired_ratios": s["paired_ratios"],
        "median_cpu_time_paired_ratio": statistics.median(s["cpu_paired_ratios"]),
        "cpu_time_paired_ratios": s["cpu_paired_ratios"],
        "fit_self_reported_images_per_s": statistics.median(s["fit_self_reported"]),
        "fit_validation_excluded_s_per_epoch": statistics.median(s["fit_excluded_s"]),
        "fit_samples": s["fit"],
        "bare_samples": s["bare"],
    }


def print_table(rows: list[dict]) -> None:
    print()
    print(f"{'model':>8}  {'batch':>5}  {'fit img/s':>10}  {'bare img/s':>10}  {'fit/bare':>8}  "
          f"{'paired':>6}  {'paired min-max':>14}  {'cpu-time':>8}  {'fit self-rep.':>13}  "
          f"{'val excl. s':>11}")
    for r in rows:
        spread = f"{min(r['paired_ratios']):.3f}-{max(r['paired_ratios']):.3f}"
        print(f"{r['model']:>8}  {r['batch_size']:>5}  {r['fit_images_per_s']:>10.1f}  "
              f"{r['bare_images_per_s']:>10.1f}  "
              f"{r['ratio_fit_over_bare']:>8.3f}  {r['median_paired_ratio']:>6.3f}  {spread:>14}  "
              f"{r['median_cpu_time_paired_ratio']:>8.3f}  "
              f"{r['fit_self_reported_images_per_s']:>13.1f}  "
              f"{r['fit_validation_excluded_s_per_epoch']:>11.2f}")


def result_row(r: dict) -> Row:
    """One line of RESULTS.md: the paired ratio (drift-proof) with both loops' absolute rates."""
    paired = r["median_paired_ratio"]
    spread = f"{min(r['paired_ratios']):.2f}–{max(r['paired_ratios']):.2f}"
    return Row(f"{r['model']}, batch {r['batch_size']}: fit / bare loop",
               f"{paired:.3f}× (paired, {spread}); {r['fit_images_per_s']:,.0f} vs "
               f"{r['bare_images_per_s']:,.0f} img/s",
               f"≥ {TARGET_RATIO}×", paired, paired >= TARGET_RATIO)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.device == "cuda" and not torch.cuda.is_available():
        print("CUDA is not available here; use --device cpu.", file=sys.stderr)
        return 2
    if args.threads:
        torch.set_num_threads(args.threads)
    started_load = load_average()
    device = torch.device(args.device)
    split = make_split(args.train_images, args.val_images)
    n = len(split.train)
    device_name = torch.cuda.get_device_name(device) if device.type == "cuda" else (
        f"CPU ({platform.processor() or platform.machine()}), {torch.get_num_threads()} threads")

    print(f"{', '.join(args.models)} latent {args.latent_dim} hidden {args.hidden} depth {args.depth} | "
          f"{n} training images (mnist-10k split 0.1/seed 0"
          f"{', first ' + str(n) if n < 9000 else ''}) | {device_name} | torch {torch.__version__}")
    print(f"{args.repeats} repeats x {args.epochs} epoch(s) per loop and batch size, interleaved "
          f"fit/bare; fit's time excludes its validation + preview.", flush=True)
    load_before = _load_average()
    if device.type == "cpu" and load_before > 0.5 * (os.cpu_count() or 1):
        print(f"warning: load average {load_before:.1f} on {os.cpu_count()} cores: other processes are "
              "using the CPU, so absolute numbers will be low and noisy; read the paired ratios.",
              flush=True)

    warm = make_split(args.warmup_images, min(args.val_images, 64))
    t0 = time.perf_counter()
    rows = [r for model in args.models for r in measure_model(args, model, split, warm)]
    print_table(rows)
    load_after = _load_average()
    print(f"total {time.perf_counter() - t0:.0f} s; load average {load_before:.1f} before, "
          f"{load_after:.1f} after")

    details = {
        "method": "median images/s over timed epochs; whole-epoch wall-clock in both loops, "
                  "aegui's per-epoch validation + preview subtracted from fit",
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "train_images": n,
        "device": device_name,
        "cpu_count": os.cpu_count(),
        "load_average_before": load_before,
        "load_average_after": load_after,
        "results": rows,
    }
    write_results("train_overhead", rows=[result_row(r) for r in rows], details=details,
                  started_load=started_load, path=args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
