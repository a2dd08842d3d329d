"""What each speed option of the config is worth on this device, against the defaults.

    python bench/speed_options.py [--images N] [--repeats N] [--batch-size N]

``Trainer.fit`` trains the conv AE and the conv VAE on the bundled digits with the default
config, then with one option changed at a time, interleaved round by round so that drift
in the machine's speed hits every variant alike. Each sample is one epoch's images/s as
the trainer measures it (validation excluded). On the CPU the options that apply there
are measured (channels_last); on CUDA also mixed precision (bfloat16 and float16), the
fused optimizer and torch.compile, plus the time of one 60,000-image conv AE epoch (the
bundled digits repeated six times; the goal is under 1 s on an H100).

A row's ratio is the variant's images/s over the defaults' (above 1: the variant is faster).
"""

from __future__ import annotations

import argparse
import statistics

import torch
from results_file import Row, load_average, write_results

from aegui.core.config import ExperimentConfig
from aegui.core.data import DataSplit, ImageDataset, load_dataset, split_dataset
from aegui.core.reports import EpochReport
from aegui.core.training import Trainer

MODELS = ("conv-ae", "conv-vae")


def variants(cuda: bool) -> dict[str, dict]:
    """The changes from the defaults worth measuring on this device."""
    found = {"defaults": {}, "channels_last off": {"channels_last": False}}
    if cuda:
        found.update({
            "amp bfloat16": {"amp": True, "amp_dtype": "bfloat16"},
            "amp float16": {"amp": True, "amp_dtype": "float16"},
            "fused optimizer off": {"fused_optimizer": False},
            "compiled": {"compile": True},
            "amp bfloat16 + compiled": {"amp": True, "amp_dtype": "bfloat16", "compile": True},
        })
    return found


def make_split(images: int, repeat: int = 1) -> DataSplit:
    data = load_dataset("mnist-10k")
    if repeat > 1:
        data = ImageDataset(images=data.images.repeat(repeat, 1, 1, 1), labels=data.labels.repeat(repeat),
                            class_names=data.class_names, name=f"mnist-10k×{repeat}")
    split = split_dataset(data, 0.1, 0)
    train = split.train if images >= len(split.train) else split.train.subset(torch.arange(images))
    return DataSplit(train=train, val=split.val.subset(torch.arange(256)), val_fraction=0.1, seed=0)


def epoch_rates(config: ExperimentConfig, split: DataSplit) -> list[float]:
    trainer = Trainer(config, split)
    return [r.images_per_s for r in trainer.fit() if isinstance(r, EpochReport)]


def main(argv: list[str] | None = None) -> None:
    cuda = torch.cuda.is_available()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--images", type=int, default=9000 if cuda else 2048)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=1024 if cuda else 256)
    args = parser.parse_args(argv)
    started = load_average()
    device = "cuda" if cuda else "cpu"
    split = make_split(args.images)
    # A compiled model is timed on its second epoch, after the compile.
    epochs = 2 if cuda else 1
    rates: dict[tuple[str, str], list[float]] = {}
    for model in MODELS:
        base = ExperimentConfig(model=model, latent_dim=16, epochs=epochs, batch_size=args.batch_size,
                                device=device, task="reconstruct")
        epoch_rates(base.with_changes(epochs=1), make_split(512))  # warm-up
        for _ in range(args.repeats):
            for name, changes in variants(cuda).items():
                rates.setdefault((model, name), []).append(epoch_rates(base.with_changes(**changes), split)[-1])
    rows = []
    for (model, name), values in rates.items():
        median = statistics.median(values)
        if name == "defaults":
            rows.append(Row(f"{model} defaults, batch {args.batch_size}", f"{median:,.0f} img/s"))
            continue
        ratio = median / statistics.median(rates[(model, "defaults")])
        rows.append(Row(f"{model} {name} vs defaults", f"{median:,.0f} img/s ({ratio:.2f}×)", ratio=ratio))
    details = {"device": device, "images": args.images, "batch_size": args.batch_size,
               "images_per_s": {f"{m} / {n}": v for (m, n), v in rates.items()}}
    if cuda:
        full = make_split(60_000, repeat=6)
        config = ExperimentConfig(model="conv-ae", latent_dim=16, epochs=2, batch_size=1024, device="cuda",
                                  amp=True)
        seconds = [r.epoch_seconds for r in Trainer(config, full).fit() if isinstance(r, EpochReport)][-1]
        rows.append(Row("one 60,000-image conv AE epoch (amp, batch 1024)", f"{seconds:.2f} s", "< 1 s on an H100",
                        met=seconds < 1.0))
        details["epoch_60k_s"] = seconds
    write_results("speed_options", rows=rows, details=details, started_load=started)


if __name__ == "__main__":
    main()
