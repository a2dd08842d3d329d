"""What several commands share: the experiment their options describe, checked output
paths, the evaluation split, and how metrics are printed."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from aegui.core.checkpoint import EXPERIMENT_FILE, Experiment
from aegui.core.config import ExperimentConfig
from aegui.core.data import DataSplit, ImageDataset, load_dataset, parse_spec
from aegui.core.errors import AeguiError, CheckpointError
from aegui.core.metrics import SSIM_TOO_SMALL
from aegui.core.runs import load_for_config, split_for_config
from aegui.core.text import plural

FRESH_EPOCHS = ExperimentConfig.epochs  # a new run's epochs when --epochs is not given


def config_from_args(args: argparse.Namespace) -> ExperimentConfig:
    """The experiment ``aegui train`` (or ``sweep``) options describe."""
    return ExperimentConfig(
        dataset=args.dataset, image_size=args.image_size, color=args.color,
        val_fraction=args.val_fraction, split_seed=args.split_seed, model=args.model,
        latent_dim=args.latent_dim, hidden=args.hidden, depth=args.depth, block=args.block, norm=args.norm,
        widths=parse_widths(args.widths), task=args.task, noise=args.noise,
        corruption=args.corruption, epochs=FRESH_EPOCHS if args.epochs is None else args.epochs,
        batch_size=args.batch_size, lr=args.lr,
        optimizer=args.optimizer, loss=args.loss, beta=args.beta,
        kl_warmup_epochs=args.kl_warmup, device=args.device, seed=args.seed,
        amp=args.amp, amp_dtype=args.amp_dtype, channels_last=args.channels_last,
        fused_optimizer=args.fused_optimizer, compile=args.compile,
        classes=parse_classes(args.classes),
    )


def _int_list(text: str | None, option: str, what: str, example: str) -> tuple[int, ...] | None:
    """``--OPTION 1,2,3`` as a tuple of ints; None when not given."""
    if text is None or not text.strip():
        return None
    try:
        return tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise AeguiError(f"{option} takes {what} separated by commas, such as {example}; not {text!r}.") from None


def parse_classes(text: str | None) -> tuple[int, ...] | None:
    """``--classes 0,3`` as a tuple of class indices; None (all classes) when not given."""
    return _int_list(text, "--classes", "class indices", "0,3")


def parse_widths(text: str | None) -> tuple[int, ...] | None:
    """``--widths 32,64,128`` as channels per stage; None (the default widths) when not given."""
    return _int_list(text, "--widths", "channel counts", "32,64,128")


LIST_PARSERS = {"classes": parse_classes, "widths": parse_widths}


def check_out_dir(path: str) -> Path:
    """The experiment folder, checked now so a bad --out fails before any training.

    Nothing is created here: the first save makes the folder, so a run that fails
    before its first epoch leaves no empty folder behind.
    """
    if not path.strip():
        raise AeguiError("--out is empty; give the folder the experiment is written to.")
    out = Path(path).expanduser()
    if out.exists() and not out.is_dir():
        raise AeguiError(f"--out {out} is a file; give a folder for the experiment.")
    _check_can_create(out)
    return out


def check_out_file(path: str) -> Path:
    """A file to write, checked before any work: not a folder, and in a writable place."""
    if not path.strip():
        raise AeguiError("--out is empty; give the file to write.")
    out = Path(path).expanduser()
    if out.is_dir():
        raise AeguiError(f"--out {out} is a folder; give a file name, such as {out / 'model'}{out.suffix}.")
    _check_can_create(out.parent if out.parent != Path("") else Path("."))
    return out


def _check_can_create(out: Path) -> None:
    """``out`` (a folder, existing or not) can be made and written into."""
    existing = next(p for p in (out, *out.absolute().parents) if p.exists())
    if not existing.is_dir():
        raise AeguiError(f"--out {out} cannot be made because {existing} is a file; give another folder.")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise AeguiError(f"--out {out} cannot be written: {existing} is not writable (or is on a "
                         "read-only drive). Give another folder.")


def check_not_replacing(out: Path, force: bool, source: Path | None) -> None:
    """Refuse to overwrite the experiment in ``out`` unless asked to, or continuing it there."""
    existing = out / EXPERIMENT_FILE
    if force or not existing.is_file():
        return
    if source is not None and source.resolve() == existing.resolve():
        return
    raise AeguiError(
        f"{out} already holds an experiment; pass --force to replace it, or continue it with "
        f"'aegui train --resume {out} --epochs N'."
    )


def print_metrics(metrics: dict[str, float], as_json: bool) -> None:
    if as_json:
        print(json.dumps(metrics, indent=2, sort_keys=True))
        return
    width = max(len(k) for k in metrics)
    for key, value in metrics.items():
        shown = f"{value:.4f}" if isinstance(value, float) else str(value)
        print(f"{key:<{width}}  {shown}")
    if "val_psnr" in metrics and "val_ssim" not in metrics:
        print(SSIM_TOO_SMALL)


def say_skipped(data: ImageDataset) -> ImageDataset:
    """Name the files a folder load left out, on stderr (the window lists them too): a run on
    fewer images than the folder holds must not pass unnoticed."""
    if data.skipped:
        print(f"Note: {data.skipped_summary(shown=5)} left out of {data.name}.", file=sys.stderr)
    return data


def load_data(config: ExperimentConfig, download: bool = False) -> ImageDataset:
    """The config's dataset, as every command loads it, with its skipped files said."""
    return say_skipped(load_for_config(config, download=download))


def is_own_dataset(config: ExperimentConfig, spec: str | None) -> bool:
    """Whether ``--dataset SPEC`` names the experiment's own dataset (or is not given)."""
    return spec is None or str(parse_spec(spec)) == str(parse_spec(config.dataset))


def evaluation_split(experiment: Experiment, spec: str | None, download: bool) -> DataSplit:
    """The experiment's own validation split, or all of another dataset."""
    config = experiment.config
    if is_own_dataset(config, spec):
        data = load_data(config, download=download)
        split = split_for_config(data, config)
    else:
        data = say_skipped(load_dataset(spec, download=download, image_size=config.image_size,
                                        color=config.color))
        split = DataSplit(train=data, val=data, val_fraction=1.0, seed=config.seed)
    check_fits(experiment, split.val)
    return split


def check_fits(experiment: Experiment, data: ImageDataset) -> None:
    """A CheckpointError unless the model can run on ``data`` (image shape, labels)."""
    expected = experiment.spec.image_shape
    if data.shape != expected:
        raise CheckpointError(
            f"The model expects {'×'.join(map(str, expected))} images, but {data.name} has "
            f"{'×'.join(map(str, data.shape))}. Evaluate it on data like it was trained on."
        )
    if experiment.model.conditional and (not data.has_labels
                                         or data.num_classes != experiment.spec.num_classes):
        raise CheckpointError(
            f"This conditional VAE needs labels of {plural(experiment.spec.num_classes, 'class')}; "
            f"{data.name} does not have them."
        )


