"""How well does one experiment scale from 1 process to N under torchrun?

    .venv/bin/python bench/ddp_scaling.py [--processes 2] [--models dense-ae conv-ae]
                                          [--epochs 3] [--batch-size 128] [--repeats 2]

For each model, the same experiment file (the bundled digits, 9,000 training images) is
trained by ``aegui train --config`` as one process and by ``torchrun --standalone
--nproc-per-node N -m aegui train --config`` as N processes, each with one thread
(``OMP_NUM_THREADS=1``), on the CPU (gloo). ``--batch-size`` is the global batch in both,
so both train the same optimisation problem.

What is timed: the training time of each epoch as the run's ``status.json`` records it
(aegui's epoch timer: the steps of the epoch and the reduction of its losses, not the
start-up, validation or checkpoint writes). The first epoch is a warm-up and is dropped;
the table gives the median images/s of the rest, over all repeats, with 1 and N
processes interleaved so a drift in the machine's speed hits both. Efficiency is
throughput(N) / (N × throughput(1)): 1.0 is perfect scaling.
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

from aegui.core.config import ExperimentConfig

TRAIN_IMAGES = 9000  # the bundled digits' training split (val_fraction 0.1)


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--models", nargs="+", default=["dense-ae", "conv-ae"])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    n = args.processes
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for model in args.models:
            config = ExperimentConfig(model=model, latent_dim=16, epochs=args.epochs, batch_size=args.batch_size,
                                      device="cpu")
            config_file = Path(tmp) / f"{model}.json"
            config_file.write_text(config.to_json())
            rates: dict[int, list[float]] = {1: [], n: []}
            for repeat in range(args.repeats):
                for processes in (1, n):
                    seconds = train(config_file, Path(tmp) / f"{model}-{processes}-{repeat}", processes)
                    rates[processes] += [TRAIN_IMAGES / s for s in seconds[1:]]
            one, many = statistics.median(rates[1]), statistics.median(rates[n])
            rows.append((model, one, many, many / (n * one)))
    print(f"CPU, one thread per process, global batch {args.batch_size}, {os.cpu_count()} cores")
    print(f"{'model':10} {'1 process img/s':>16} {f'{n} processes img/s':>19} {'efficiency':>11}")
    for model, one, many, efficiency in rows:
        print(f"{model:10} {one:16.0f} {many:19.0f} {efficiency:11.2f}")


if __name__ == "__main__":
    main()
