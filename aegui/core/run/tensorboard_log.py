"""TensorBoard event files for a run, in its folder's ``tb/`` (``aegui train --tensorboard``,
or Preferences › TensorBoard logs in the window).

Per epoch: the training and validation loss (and KL for a VAE), validation MSE and PSNR, the
learning rate, throughput and epoch time as scalars, and the preview images (originals,
model inputs when corrupted, reconstructions) as one grid. At the end of a finished run: the
validation codes for the Embedding Projector, with a sprite of their images and their class
names (:mod:`aegui.core.projector`). ``tensorboard --logdir RUN/tb`` shows them.

TensorBoard is an optional extra (``pip install 'aegui[tensorboard]'``). A failed write of
these logs never stops training: the run's own files are what must not be lost.
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

import numpy as np
import torch

from aegui.core.config import ExperimentConfig
from aegui.core.errors import AeguiError
from aegui.core.reports import EpochReport
from aegui.core.words import say

TB_FOLDER = "tb"
INSTALL_HINT = say("TensorBoard logs need the tensorboard package: pip install 'aegui[tensorboard]' "
                   "(or pip install tensorboard).")
PROJECTOR_POINTS = 2000  # validation codes for the projector: enough to see its clusters
log = logging.getLogger("aegui.tensorboard")


def tensorboard_available() -> bool:
    return importlib.util.find_spec("tensorboard") is not None


def check_tensorboard() -> None:
    """Refuse, with how to install it, before a run starts without it."""
    if not tensorboard_available():
        raise AeguiError(INSTALL_HINT)


def preview_grid(original: np.ndarray, corrupted: np.ndarray, reconstructed: np.ndarray) -> torch.Tensor:
    """uint8 C×H×W grid: originals, the model's inputs when they differ, reconstructions (one row each)."""
    from torchvision.utils import make_grid

    rows = [original] + ([corrupted] if not np.array_equal(original, corrupted) else []) + [reconstructed]
    images = torch.from_numpy(np.concatenate(rows))
    return make_grid(images, nrow=len(original), padding=2, pad_value=255)


class TensorBoardLog:
    def __init__(self, folder: str | Path, config: ExperimentConfig):
        check_tensorboard()
        from torch.utils.tensorboard import SummaryWriter

        self.folder = Path(folder) / TB_FOLDER
        self.config = config
        self.writer: SummaryWriter | None = SummaryWriter(log_dir=str(self.folder))
        self._guard(lambda w: w.add_text("settings", f"```\n{config.to_json()}\n```", 0))

    def _guard(self, write) -> None:
        """Write, or on failure (a full disk) say so once in the log and write no more."""
        if self.writer is None:
            return
        try:
            write(self.writer)
        except Exception as exc:  # the summary writer raises what its file system does
            log.warning("TensorBoard logs in %s stop here: %s", self.folder, exc)
            self.close()

    def epoch(self, report: EpochReport, learning_rate: float, variational: bool) -> None:
        step = report.epoch

        def write(w) -> None:
            w.add_scalar("loss/train", report.train_loss, step)
            w.add_scalar("loss/validation", report.val_loss, step)
            if variational:
                w.add_scalar("kl/train", report.train_kl, step)
                w.add_scalar("kl/validation", report.val_kl, step)
            w.add_scalar("validation/mse", report.val_mse, step)
            w.add_scalar("validation/psnr_db", report.val_psnr, step)
            w.add_scalar("optimizer/learning_rate", learning_rate, step)
            w.add_scalar("speed/images_per_second", report.images_per_s, step)
            w.add_scalar("speed/epoch_seconds", report.epoch_seconds, step)
            if report.preview is not None:
                p = report.preview
                w.add_image("reconstructions", preview_grid(p.original, p.corrupted, p.reconstructed), step)
            w.flush()

        self._guard(write)

    def embedding(self, codes: np.ndarray, labels: np.ndarray | None, class_names: tuple[str, ...],
                  images: np.ndarray) -> None:
        """The final codes for the Projector tab, beside the event files."""
        from aegui.core.projector import write_projector

        def write(_w) -> None:
            write_projector(self.folder, codes, labels, class_names, images)

        self._guard(write)

    def close(self) -> None:
        writer, self.writer = self.writer, None
        if writer is not None:
            try:
                writer.close()
            except Exception as exc:  # closing flushes: the same failures as a write
                log.warning("TensorBoard logs in %s could not be closed: %s", self.folder, exc)
