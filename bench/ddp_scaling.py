"""How well does one experiment scale from 1 process to N under torchrun?

    .venv/bin/python bench/ddp_scaling.py [--processes 2] [--models dense-ae conv-ae]
                                          [--epochs 3] [--batch-size 128] [--repeats 2]
                                          [--images N]

For each model, the same experiment file (the bundled digits, 9,000 training images; with
``--images N`` the first N of them, saved as an npz file, 90 % of those for training) is
trained by ``aegui train --config`` as one process and by ``torchrun --standalone
--nproc-per-node N -m aegui train --config`` as N processes, each with one thread
(``OMP_NUM_THREADS=1``), on the CPU (gloo). ``--batch-size`` is the global batch in both,
so both train the same optimisation problem.

What is timed: the training time of each epoch as the run's ``status.json`` records it
(aegui's epoch timer: the steps of the epoch and the reduction of its losses, not the
start-up, validation or checkpoint writes). The first epoch is a warm-up and is dropped;
the table gives the median images/s of the rest, over all repeats, with 1 and N
processes interleaved so a drift in the machine's speed hits both. Efficiency is
throughput(N) / (N × throughput(1)): 1.0 is perfect scaling. The target, at least 0.8 for
the convolutional models, holds only where each process has a core of its own (N ≤ usable
cores): then the steps run side by side and gloo's all-reduce of the gradients is the only
extra work. The dense AE is reported without a target: its steps take well under a
millisecond, so the all-reduce dominates and it is not expected to scale on the CPU. JSON
goes to ``bench/results/ddp_scaling.json`` through ``results_file.write_results``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from digits import dataset_spec
from results_file import Row, load_average, write_results

from aegui.core.config import ExperimentConfig
from aegui.core.runs import load_for_config, split_for_config

TARGET_EFFICIENCY = 0.8
SCALING_MODELS = ("conv-ae", "conv-vae", "cvae")  # steps long enough for the all-reduce not to dominate


def epoch_seconds(run: Path) -> list[float]:
    return json.loads((run / "status.json").read_text())["epoch_seconds"]


def train(config_file: Path, out: Path, processes: int) -> list[float]:
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    if processes == 1:
        command = [sys.executable, "-m", "aegui", "train"]
    else:
        command = [sys.executable, "-m", "torch.distributed.run", "--standalone",
                   f"--nproc-per-node={processes}", "-m", "aegui", "train"]
    subprocess.run(command + ["--config", str(config_file), "--out", str(out), "--quiet",
                              "--checkpoint-minutes", "0"], check=True, env=env, stdout=subprocess.DEVNULL)
    return epoch_seconds(out)


def usable_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def measure(model: str, args: argparse.Namespace, spec: str, tmp: Path) -> dict:
    """Median images/s of 1 and N processes, interleaved, first epoch of each run dropped."""
    n = args.processes
    config = ExperimentConfig(model=model, latent_dim=16, epochs=args.epochs, batch_size=args.batch_size,
                              device="cpu", dataset=spec)
    train_images = len(split_for_config(load_for_config(config), config).train)
    config_file = tmp / f"{model}.json"
    config_file.write_text(config.to_json())
    rates: dict[int, list[float]] = {1: [], n: []}
    for repeat in range(args.repeats):
        for processes in (1, n):
            seconds = train(config_file, tmp / f"{model}-{processes}-{repeat}", processes)
            rates[processes] += [train_images / s for s in seconds[1:]]
    one, many = statistics.median(rates[1]), statistics.median(rates[n])
    return {"model": model, "train_images": train_images, "one_process_images_per_s": one,
            "n_processes_images_per_s": many, "efficiency": many / (n * one),
            "samples": {str(k): v for k, v in rates.items()}}


def result_row(r: dict, n: int, cores: int) -> Row:
    efficiency = r["efficiency"]
    result = (f"{efficiency:.3f} ({r['n_processes_images_per_s']:,.0f} img/s vs "
              f"{r['one_process_images_per_s']:,.0f} img/s in 1 process)")
    if r["model"] not in SCALING_MODELS or n > cores:  # no core of its own per process: no target
        return Row(f"{r['model']}: {n} processes vs 1, efficiency", result, ratio=efficiency)
    return Row(f"{r['model']}: {n} processes vs 1, efficiency", result, f"≥ {TARGET_EFFICIENCY}",
               efficiency, efficiency >= TARGET_EFFICIENCY)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--models", nargs="+", default=["dense-ae", "conv-ae"])
    parser.add_argument("--epochs", type=int, default=3, help="per run; the first is a warm-up")
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--images", type=int, default=None, help="the first N bundled digits (default: all)")
    args = parser.parse_args()
    if args.epochs < 2:
        parser.error("--epochs must be at least 2: the first epoch of each run is dropped")
    started_load = load_average()
    n, cores = args.processes, usable_cores()
    with tempfile.TemporaryDirectory() as tmp:
        spec = dataset_spec(args.images, Path(tmp))
        results = [measure(model, args, spec, Path(tmp)) for model in args.models]
    print(f"CPU, one thread per process, global batch {args.batch_size}, {os.cpu_count()} cores")
    print(f"{'model':10} {'1 process img/s':>16} {f'{n} processes img/s':>19} {'efficiency':>11}")
    for r in results:
        print(f"{r['model']:10} {r['one_process_images_per_s']:16.0f} {r['n_processes_images_per_s']:19.0f} "
              f"{r['efficiency']:11.2f}")
    details = {"settings": vars(args), "usable_cores": cores, "results": results}
    write_results("ddp_scaling", rows=[result_row(r, n, cores) for r in results], details=details,
                  started_load=started_load)


if __name__ == "__main__":
    main()
