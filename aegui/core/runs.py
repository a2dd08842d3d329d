"""Pieces of an experiment run shared by the CLI and the GUI: data, metrics, run files.

A run folder has one shape, whoever writes it::

    experiment.pt   config, weights, optimizer state, history and metrics (the truth)
    config.json     the same config, readable
    history.csv     one row per epoch
    metrics.json    the final metrics, once there are any
    status.json     running, finished, stopped or failed, and each epoch's time (core.run_journal)
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import torch

from aegui.core.checkpoint import EXPERIMENT_FILE, Experiment, atomic_write, save_experiment
from aegui.core.config import ExperimentConfig
from aegui.core.data import DataSplit, ImageDataset, load_dataset, split_dataset
from aegui.core.errors import DataError
from aegui.core.evaluation import as_float, evaluate
from aegui.core.models import Autoencoder
from aegui.core.pca import pca_reconstruction_mse
from aegui.core.reports import HISTORY_COLUMNS

HISTORY_FILE = "history.csv"
METRICS_FILE = "metrics.json"
CONFIG_FILE = "config.json"


def load_for_config(
    config: ExperimentConfig,
    download: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImageDataset:
    return load_dataset(config.dataset, download=download, image_size=config.image_size,
                        color=config.color, progress=progress)


def split_for_config(data: ImageDataset, config: ExperimentConfig) -> DataSplit:
    """The one train/validation split of ``data`` for ``config``: the GUI and the CLI both use it.

    With ``config.classes`` set, the full dataset is split first (the same seeded shuffle)
    and only then filtered to the kept classes, so a row is on the same side of the split
    whichever classes are kept, and the held-out classes' validation rows
    (:func:`held_out_for_config`) are images the model never trained on.
    """
    split = split_dataset(data, config.val_fraction, config.split_seed)
    if config.classes is None:
        return split
    kept = _class_mask_check(data, config.classes)
    train = _rows_of(split.train, kept, "training")
    val = _rows_of(split.val, kept, "validation")
    return DataSplit(train=train, val=val, val_fraction=split.val_fraction, seed=split.seed)


def held_out_for_config(data: ImageDataset, config: ExperimentConfig) -> ImageDataset | None:
    """The validation rows of the classes ``config`` does not keep: anomalies for a one-class
    model. None when every class is kept or no validation image is of another class."""
    if config.classes is None:
        return None
    kept = _class_mask_check(data, config.classes)
    val = split_dataset(data, config.val_fraction, config.split_seed).val
    index = torch.nonzero(~kept[val.labels]).flatten()
    if len(index) == 0:
        return None
    return val.subset(index)


def _class_mask_check(data: ImageDataset, classes: tuple[int, ...]) -> torch.Tensor:
    """A boolean mask over class indices: True for the kept classes. Checks they exist."""
    if data.labels is None:
        raise DataError(
            f"Keeping only some classes needs labels, but {data.name} has none. "
            "Keep all classes, or use a labelled dataset."
        )
    n = max(data.num_classes, int(data.labels.max()) + 1)
    outside = [c for c in classes if c >= n]
    if outside:
        known = "its only class is 0" if n == 1 else f"its classes are 0 to {n - 1}"
        raise DataError(f"Class {outside[0]} is not in {data.name}: {known}.")
    kept = torch.zeros(n, dtype=torch.bool)
    kept[list(classes)] = True
    return kept


def _rows_of(part: ImageDataset, kept: torch.Tensor, side: str) -> ImageDataset:
    index = torch.nonzero(kept[part.labels]).flatten()
    if len(index) == 0:
        raise DataError(
            f"No {side} image of {part.name} is of the classes kept; keep more classes "
            "or use a larger validation fraction."
        )
    return part.subset(index)


def final_metrics(model: Autoencoder, split: DataSplit, config: ExperimentConfig,
                  with_pca: bool = True) -> dict[str, float]:
    """The numbers ``metrics.json`` and ``aegui eval`` report, on the validation split."""
    corruption = config.corruption_spec()
    val = split.val
    result = evaluate(model, val.images, val.labels, corruption, loss_kind=config.loss,
                      beta=config.beta, seed=config.seed)
    metrics: dict[str, float] = {
        "val_loss": result.loss,
        "val_mse": result.mse,
        "val_psnr": result.psnr,
        "val_ssim": float(result.ssim),
    }
    if result.input_psnr is not None:
        metrics["input_mse"] = float(result.input_mse)
        metrics["input_psnr"] = float(result.input_psnr)
        metrics["input_ssim"] = float(result.input_ssim)
    if model.variational:
        # The negative ELBO with a Bernoulli decoder (BCE) and β = 1, in nats per image,
        # whatever loss the model was trained with: the number papers report.
        elbo = evaluate(model, val.images, val.labels, corruption, loss_kind="bce", beta=1.0,
                        seed=config.seed, with_ssim=False)
        metrics["val_kl"] = elbo.kl
        metrics["val_elbo"] = elbo.loss
    if with_pca and corruption.is_identity:
        device = next(model.parameters()).device
        metrics["pca_val_mse"] = pca_reconstruction_mse(
            as_float(split.train.images, device).cpu(), as_float(val.images, device).cpu(),
            model.latent_dim,
        )
    return metrics


def write_history_csv(history: list[dict[str, float]], path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HISTORY_COLUMNS, extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    for row in history:
        writer.writerow({k: (int(v) if k == "epoch" else f"{v:.6g}") for k, v in row.items()})
    atomic_write(path, lambda handle: handle.write(buffer.getvalue().encode()))


def write_json(data: dict, path: Path) -> None:
    text = json.dumps(data, indent=2, sort_keys=True) + "\n"
    atomic_write(path, lambda handle: handle.write(text.encode()))


def write_run_folder(folder: Path, experiment: Experiment,
                     metrics: dict[str, float] | None = None) -> Path:
    """Write the run folder of ``experiment`` and return the path of its ``experiment.pt``.

    The checkpoint goes first, so a crash mid-way leaves the newest weights; each file is
    replaced atomically, so a failed write keeps the previous one. ``metrics`` (the final
    numbers) are stored in the experiment first, and ``metrics.json`` mirrors
    ``experiment.metrics``: written when metrics are given or the experiment has some,
    removed otherwise (a mid-run save), so it never contradicts ``experiment.pt``.
    Raises OSError when the folder cannot be written.
    """
    folder = Path(folder)
    if metrics is not None:
        experiment.metrics = dict(metrics)
    path = save_experiment(experiment, folder / EXPERIMENT_FILE)
    write_json(experiment.config.to_dict(), folder / CONFIG_FILE)
    write_history_csv(experiment.history, folder / HISTORY_FILE)
    if metrics is not None or experiment.metrics:
        write_json(experiment.metrics, folder / METRICS_FILE)
    else:
        (folder / METRICS_FILE).unlink(missing_ok=True)
    return path
