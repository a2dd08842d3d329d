"""Running a trained model over a dataset: reconstructions and their metrics."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from aegui.core.corruptions import Corruption
from aegui.core.losses import loss_terms
from aegui.core.metrics import mse, psnr, ssim, ssim_fits
from aegui.core.models import Autoencoder
from aegui.core.reports import SamplePreview

PREVIEW_COUNT = 8  # validation images a run previews after each epoch

EVAL_SEED_OFFSET = 7919  # validation noise is fixed per run, apart from the training noise


@dataclass(frozen=True)
class EvalResult:
    """Means over the images. Losses follow the per-image-sum rule of :mod:`losses`."""

    loss: float
    recon: float
    kl: float
    mse: float
    psnr: float
    ssim: float | None
    input_mse: float | None  # corrupted input against clean; None without corruption
    input_psnr: float | None
    input_ssim: float | None
    count: int


def as_float(images: torch.Tensor, device: torch.device) -> torch.Tensor:
    """uint8 images to float [0, 1] on ``device``."""
    return images.to(device, non_blocking=True).float().div_(255.0)


def to_uint8(images: torch.Tensor) -> torch.Tensor:
    return images.detach().clamp(0, 1).mul(255).round().to(torch.uint8).cpu()


@torch.inference_mode()
def reconstruct(
    model: Autoencoder,
    clean: torch.Tensor,
    corruption: Corruption,
    labels: torch.Tensor | None = None,
    seed: int = 0,
) -> tuple[torch.Tensor, torch.Tensor]:
    """``(corrupted input, reconstruction)`` for float images already on the model's device."""
    gen = torch.Generator(device=clean.device).manual_seed(seed)
    noisy = corruption(clean, gen)
    was_training = model.training
    model.eval()
    try:
        return noisy, model(noisy, labels).recon.float()
    finally:
        model.train(was_training)


def comparison_rows(model: Autoencoder, images: torch.Tensor, labels: torch.Tensor | None,
                    corruption: Corruption, seed: int) -> list[np.ndarray]:
    """uint8 rows for a comparison grid: the originals, the corrupted input (unless the task
    has none) and the reconstructions, of uint8 ``images``."""
    clean = as_float(images, next(model.parameters()).device)
    noisy, recon = reconstruct(model, clean, corruption, labels if model.conditional else None, seed)
    rows = [to_uint8(clean).cpu().numpy()]
    if not corruption.is_identity:
        rows.append(to_uint8(noisy).cpu().numpy())
    rows.append(to_uint8(recon).cpu().numpy())
    return rows


def sample_preview(
    model: Autoencoder,
    images: torch.Tensor,
    labels: torch.Tensor | None,
    corruption: Corruption,
    seed: int = 0,
    count: int = PREVIEW_COUNT,
) -> SamplePreview:
    """The first ``count`` of ``images`` (uint8 validation images) clean, corrupted and
    reconstructed: the preview a training run shows after each epoch."""
    device = next(model.parameters()).device
    clean = as_float(images[:count], device)
    labels = None if labels is None or not model.conditional else labels[: len(clean)].to(device)
    noisy, recon = reconstruct(model, clean, corruption, labels, seed)
    return SamplePreview(original=to_uint8(clean).numpy(), corrupted=to_uint8(noisy).numpy(),
                         reconstructed=to_uint8(recon).numpy())


@torch.inference_mode()
def evaluate(
    model: Autoencoder,
    images: torch.Tensor,
    labels: torch.Tensor | None,
    corruption: Corruption,
    *,
    loss_kind: str,
    beta: float = 1.0,
    seed: int = 0,
    batch_size: int = 500,
    with_ssim: bool = True,
) -> EvalResult:
    """Evaluate on uint8 ``images`` (any device): loss terms and image metrics."""
    sums = evaluation_sums(model, images, labels, corruption, loss_kind=loss_kind, beta=beta, seed=seed,
                           batch_size=batch_size, with_ssim=with_ssim)
    return result_from_sums(sums, len(images), corrupted=not corruption.is_identity, with_ssim=with_ssim)


def evaluation_sums(
    model: Autoencoder,
    images: torch.Tensor,
    labels: torch.Tensor | None,
    corruption: Corruption,
    *,
    loss_kind: str,
    beta: float = 1.0,
    seed: int = 0,
    batch_size: int = 500,
    with_ssim: bool = True,
    shard: tuple[int, int] | None = None,
) -> torch.Tensor:
    """The per-image sums :func:`evaluate` divides by the count (float64, on the CPU); the SSIM
    sums are NaN for images too small for SSIM's window.
    ``shard=(rank, ranks)`` measures only every ``ranks``-th batch from ``rank`` on, so
    ranks split the work and add their sums; every batch is still corrupted, so each
    image gets the noise it gets in one process."""
    device = next(model.parameters()).device
    gen = torch.Generator(device=device).manual_seed(seed + EVAL_SEED_OFFSET)
    was_training = model.training
    model.eval()
    sums = torch.zeros(9, dtype=torch.float64)
    n = len(images)
    if with_ssim and not ssim_fits(*images.shape[2:]):
        sums[5] = sums[8] = math.nan
        with_ssim = False
    try:
        for batch, start in enumerate(range(0, n, batch_size)):
            clean = as_float(images[start : start + batch_size], device)
            y = None
            if labels is not None and model.conditional:
                y = labels[start : start + batch_size].to(device)
            noisy = corruption(clean, gen)
            if shard is not None and batch % shard[1] != shard[0]:
                continue
            out = model(noisy, y)
            terms = loss_terms(out, clean, loss_kind, beta)
            k = len(clean)
            recon = out.recon.float()
            row = [
                terms.total.item() * k,
                terms.recon.item() * k,
                terms.kl.item() * k,
                mse(recon, clean).sum().item(),
                psnr(recon, clean).sum().item(),
                ssim(recon, clean).sum().item() if with_ssim else 0.0,
                mse(noisy, clean).sum().item(),
                psnr(noisy, clean).sum().item(),
                ssim(noisy, clean).sum().item() if with_ssim else 0.0,
            ]
            sums += torch.tensor(row, dtype=torch.float64)
    finally:
        model.train(was_training)
    return sums


def result_from_sums(sums: torch.Tensor, n: int, *, corrupted: bool, with_ssim: bool) -> EvalResult:
    m = (sums / n).tolist()
    return EvalResult(
        loss=m[0], recon=m[1], kl=m[2], mse=m[3], psnr=m[4],
        ssim=m[5] if with_ssim and math.isfinite(m[5]) else None,
        input_mse=m[6] if corrupted else None,
        input_psnr=m[7] if corrupted else None,
        input_ssim=m[8] if with_ssim and corrupted and math.isfinite(m[8]) else None,
        count=n,
    )
