"""The small frozen messages a training run yields. Floats and numpy copies only:
they cross threads safely and never alias live model memory."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

HISTORY_COLUMNS = (
    "epoch", "train_loss", "train_recon", "train_kl",
    "val_loss", "val_recon", "val_kl", "val_mse", "val_psnr", "kl_weight",
)


@dataclass(frozen=True)
class StepReport:
    epoch: int  # 0-based epoch in progress
    epochs: int
    step: int  # batches done in this epoch
    steps_per_epoch: int
    global_step: int
    loss: float  # means over the batches since the previous report
    recon: float
    kl: float
    images_per_s: float
    eta_s: float

    @property
    def fraction_done(self) -> float:
        return (self.epoch + self.step / self.steps_per_epoch) / self.epochs


@dataclass(frozen=True)
class SamplePreview:
    """A fixed set of validation images: clean, model input and reconstruction (uint8 N×C×H×W)."""

    original: np.ndarray
    corrupted: np.ndarray
    reconstructed: np.ndarray


@dataclass(frozen=True)
class EpochReport:
    epoch: int  # epochs completed, 1-based
    epochs: int
    global_step: int
    train_loss: float
    train_recon: float
    train_kl: float
    val_loss: float
    val_recon: float
    val_kl: float
    val_mse: float
    val_psnr: float
    kl_weight: float
    images_per_s: float
    epoch_seconds: float
    eta_s: float
    preview: SamplePreview | None = None
    # Latent codes (z_mean) of a fixed validation subset, for replaying how the latent
    # space organised itself; None unless the run was asked to track them.
    latent: np.ndarray | None = None

    def history_row(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in HISTORY_COLUMNS}

    @classmethod
    def from_history_row(cls, row: dict[str, float], epochs: int,
                         preview: SamplePreview | None = None) -> EpochReport:
        """An epoch of a saved experiment's history, to draw its curves again. Timing
        is not kept in the history, so it reads as zero."""
        values: dict[str, Any] = {name: float(row.get(name, float("nan"))) for name in HISTORY_COLUMNS}
        values["epoch"] = int(row.get("epoch", 0))
        return cls(**values, epochs=epochs, global_step=0, images_per_s=0.0, epoch_seconds=0.0,
                   eta_s=0.0, preview=preview)


@dataclass(frozen=True)
class MidEpoch:
    """A checkpoint inside an epoch is due: ``Trainer.partial_epoch()`` now holds the state
    after ``step`` batches of epoch ``epoch`` (0-based), for the driver to save."""

    epoch: int
    step: int


@dataclass(frozen=True)
class RunFinished:
    completed: bool  # False when stopped early on request
    epochs_done: int
    message: str
