"""What every run and every analysis of an experiment shares: its data, its one
train/validation split, and the final metrics ``metrics.json`` and ``aegui eval`` report.
The run folder itself is written by :mod:`aegui.core.run`."""

from __future__ import annotations

import math
from collections.abc import Callable

import torch

from aegui.core.analysis.pca_basis import pca_basis_for
from aegui.core.analysis.pca_compare import clipped_mse
from aegui.core.config import ExperimentConfig
from aegui.core.data import DataSplit, ImageDataset, load_dataset, split_dataset
from aegui.core.errors import DataError
from aegui.core.evaluation import EvalResult, evaluate
from aegui.core.metrics import mean_image_mse, ssim_fits
from aegui.core.models import Autoencoder
from aegui.core.words import say


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
        raise DataError(say("Keeping only some classes needs labels, but {name} has none. Keep all classes, or use "
                            "a labelled dataset.", name=data.name))
    n = max(data.num_classes, int(data.labels.max()) + 1)
    outside = [c for c in classes if c >= n]
    if outside:
        if n == 1:
            raise DataError(say("Class {index} is not in {name}: its only class is 0.", index=outside[0],
                                name=data.name))
        raise DataError(say("Class {index} is not in {name}: its classes are 0 to {last}.", index=outside[0],
                            name=data.name, last=n - 1))
    kept = torch.zeros(n, dtype=torch.bool)
    kept[list(classes)] = True
    return kept


def _rows_of(part: ImageDataset, kept: torch.Tensor, side: str) -> ImageDataset:
    index = torch.nonzero(kept[part.labels]).flatten()
    if len(index) == 0:
        if side == "training":
            raise DataError(say("No training image of {name} is of the classes kept; keep more classes or use a "
                                "larger validation fraction.", name=part.name))
        raise DataError(say("No validation image of {name} is of the classes kept; keep more classes or use a "
                            "larger validation fraction.", name=part.name))
    return part.subset(index)


def _number(value: float | None) -> float:
    return math.nan if value is None else float(value)


def final_metrics(model: Autoencoder, split: DataSplit, config: ExperimentConfig,
                  with_pca: bool = True, validation: EvalResult | None = None) -> dict[str, float]:
    """The numbers ``metrics.json`` and ``aegui eval`` report, on the validation split.
    ``validation``: this model's evaluation of these images already made, with SSIM, at
    ``config``'s loss, β and seed (the last epoch's), which saves running them again."""
    corruption = config.corruption_spec()
    val = split.val
    measures_ssim = ssim_fits(*val.images.shape[2:])  # small images have no SSIM, and no key for it
    if validation is not None and validation.count == len(val) and (validation.ssim is not None or not measures_ssim):
        result = validation
    else:
        result = evaluate(model, val.images, val.labels, corruption, loss_kind=config.loss,
                          beta=config.beta, seed=config.seed)
    metrics: dict[str, float] = {"val_loss": result.loss, "val_mse": result.mse, "val_psnr": result.psnr}
    if result.ssim is not None:
        metrics["val_ssim"] = result.ssim
    metrics["mean_image_mse"] = mean_image_mse(val.images)
    if result.input_psnr is not None:
        metrics["input_mse"] = _number(result.input_mse)
        metrics["input_psnr"] = _number(result.input_psnr)
        if result.input_ssim is not None:
            metrics["input_ssim"] = result.input_ssim
    if model.variational:
        # The negative ELBO with a Bernoulli decoder (BCE) and β = 1, in nats per image,
        # whatever loss the model was trained with: the number papers report.
        elbo = evaluate(model, val.images, val.labels, corruption, loss_kind="bce", beta=1.0,
                        seed=config.seed, with_ssim=False)
        metrics["val_kl"] = elbo.kl
        metrics["val_elbo"] = elbo.loss
    if with_pca and corruption.is_identity:
        metrics.update(pca_baseline(split, model.latent_dim))
    return metrics


def pca_baseline(split: DataSplit, k: int) -> dict[str, float]:
    """PCA with ``k`` components as ``metrics.json`` reports it: the app's one basis (seeded,
    on a bounded sample of the training images, cached; the Analyze tab's and the study's),
    its validation MSE with reconstructions clipped to [0, 1], measured in chunks, and how
    the basis was fitted."""
    basis = pca_basis_for(split.train.images, k)
    return {
        "pca_val_mse": clipped_mse(basis, split.val.images, basis.k, lambda: False),
        "pca_components": float(basis.k),
        "pca_fit_rows": float(basis.fit_rows),
    }
