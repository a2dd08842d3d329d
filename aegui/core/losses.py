"""Losses, with the one reduction rule of aegui stated here and nowhere else:

    **sum over the pixels of an image, mean over the images of a batch.**

So a reconstruction loss is "per image", and a VAE's BCE + KL is its negative
ELBO in nats per image, comparable with the literature (e.g. ~100 nats on MNIST).
Reconstruction and KL are always returned separately.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F

from aegui.core.models import ModelOutput


@dataclass
class LossTerms:
    total: torch.Tensor
    recon: torch.Tensor
    kl: torch.Tensor


def reconstruction_loss_per_image(output: ModelOutput, target: torch.Tensor, kind: str) -> torch.Tensor:
    """Summed over the pixels of each image: shape N."""
    if kind == "bce":
        per_pixel = F.binary_cross_entropy_with_logits(output.logits, target, reduction="none")
    else:
        per_pixel = (output.recon - target) ** 2
    return per_pixel.flatten(1).sum(1)


def reconstruction_loss(output: ModelOutput, target: torch.Tensor, kind: str) -> torch.Tensor:
    """Per-image sum, batch mean."""
    return reconstruction_loss_per_image(output, target, kind).mean()


def kl_per_image(output: ModelOutput) -> torch.Tensor:
    """KL(q(z|x) ‖ N(0, I)) of each image (shape N); zeros for plain autoencoders."""
    if output.z_log_var is None:
        return output.z_mean.new_zeros(len(output.z_mean))
    mu, log_var = output.z_mean, output.z_log_var
    return -0.5 * (1 + log_var - mu.pow(2) - log_var.exp()).sum(1)


def kl_divergence(output: ModelOutput) -> torch.Tensor:
    """KL(q(z|x) ‖ N(0, I)) per image, batch mean; zero for plain autoencoders."""
    if output.z_log_var is None:
        return output.z_mean.new_zeros(())
    return kl_per_image(output).mean()


def kl_weight(beta: float, epoch: int, step_fraction: float, warmup_epochs: int) -> float:
    """β, ramped linearly from 0 over the first ``warmup_epochs`` epochs when asked."""
    if warmup_epochs <= 0:
        return beta
    progress = (epoch + step_fraction) / warmup_epochs
    return beta * min(1.0, progress)


def loss_terms(
    output: ModelOutput, target: torch.Tensor, kind: str, beta: float
) -> LossTerms:
    recon = reconstruction_loss(output, target, kind)
    kl = kl_divergence(output)
    return LossTerms(total=recon + beta * kl, recon=recon, kl=kl)
