"""The one model API all autoencoders share: ``encode``, ``decode``, ``forward``.

An :class:`Autoencoder` is a feature extractor (dense or convolutional), a latent
head, and a generator that mirrors the extractor. Variational and conditional
variants differ only in the head: a VAE predicts ``z_mean`` and ``z_log_var``;
a conditional model appends a one-hot label to the features and to ``z``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
import torch.nn.functional as F
from torch import nn

from aegui.core.choices import BLOCKS, MODEL_KINDS, NORMS
from aegui.core.errors import ConfigError
from aegui.core.words import say

DENSE_KINDS = frozenset({"dense-ae", "vae"})
LAYOUT_TITLES = {("residual", "group"): "Residual, GroupNorm", ("residual", "batch"): "Residual, BatchNorm",
                 ("plain", "batch"): "Plain, BatchNorm", ("plain", "group"): "Plain, GroupNorm"}
MAX_DEPTH = 6
DENSE_DEPTH = 2  # hidden layers of a dense model when the config leaves the depth automatic
# Automatic depth halves the image until its feature map is at most this many pixels a side.
DEEPEST_SIDE = 8
VARIATIONAL_KINDS = frozenset({"vae", "conv-vae", "cvae"})  # the kinds with a KL term and a prior

MODEL_TITLES = {
    "dense-ae": "Dense autoencoder",
    "conv-ae": "Convolutional autoencoder",
    "vae": "Variational autoencoder (dense)",
    "conv-vae": "Convolutional VAE",
    "cvae": "Conditional VAE (convolutional)",
}


@dataclass(frozen=True)
class ModelSpec:
    """Everything needed to rebuild a model's architecture (stored in checkpoints)."""

    kind: str
    channels: int
    height: int
    width: int
    latent_dim: int = 2
    hidden: int = 32  # base width: conv channels of the first stage, or 16× that in units
    depth: int = 2  # conv stages (each halves the size) or hidden dense layers
    num_classes: int = 0
    # The defaults below are the first layout, which checkpoints saved before these fields
    # existed were trained with; new runs choose theirs in the experiment config.
    block: str = "plain"
    norm: str = "batch"
    widths: tuple[int, ...] = ()  # channels per conv stage; empty: hidden × 2^stage

    def __post_init__(self) -> None:
        if self.kind not in MODEL_KINDS:
            raise ConfigError(say("Unknown model {model!r}. Choose one of: {choices}.", model=self.kind,
                                  choices=", ".join(MODEL_KINDS)))
        object.__setattr__(self, "widths", tuple(int(w) for w in self.widths))  # JSON gives a list
        if self.latent_dim < 1 or self.hidden < 1 or self.depth < 1 or min(self.widths, default=1) < 1:
            raise ConfigError(say("Latent size, widths and depth must all be at least 1."))
        if self.widths and len(self.widths) != self.depth:
            raise ConfigError(say("{count} stage widths for a depth of {depth}: give one per stage.",
                                  count=len(self.widths), depth=self.depth))
        if self.block not in BLOCKS or self.norm not in NORMS:
            raise ConfigError(say("Unknown layout {block!r} with {norm!r} normalisation; "
                                  "choose a block of {blocks} and a norm of {norms}.", block=self.block,
                                  norm=self.norm, blocks=", ".join(BLOCKS), norms=", ".join(NORMS)))
        if self.kind == "cvae" and self.num_classes < 2:
            raise ConfigError(say(
                "A conditional VAE needs labelled data with at least two classes; "
                "this dataset has no labels. Pick another model or a labelled dataset."
            ))

    @property
    def variational(self) -> bool:
        return self.kind in VARIATIONAL_KINDS

    @property
    def conditional(self) -> bool:
        return self.kind == "cvae"

    def stage_widths(self) -> tuple[int, ...]:
        """The channels of each convolutional stage, first (largest image) to last."""
        return self.widths or tuple(self.hidden * 2**i for i in range(self.depth))

    @property
    def image_shape(self) -> tuple[int, int, int]:
        return (self.channels, self.height, self.width)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["widths"] = list(self.widths)
        return data


def auto_depth(height: int, width: int) -> int:
    """Stages until the larger side is at most ``DEEPEST_SIDE`` (28 and 32 px: 2; 64: 3;
    128: 4), between 1 and ``MAX_DEPTH``."""
    depth, side = 0, max(height, width)
    while side > DEEPEST_SIDE and depth < MAX_DEPTH:
        side, depth = -(-side // 2), depth + 1
    return max(depth, 1)


@dataclass
class ModelOutput:
    """What ``forward`` returns. ``logits`` feed BCE; ``recon`` is the image in [0, 1]."""

    recon: torch.Tensor
    logits: torch.Tensor
    z: torch.Tensor
    z_mean: torch.Tensor
    z_log_var: torch.Tensor | None


class Autoencoder(nn.Module):
    def __init__(self, spec: ModelSpec, encoder: nn.Module, decoder: nn.Module, features: int):
        super().__init__()
        self.spec = spec
        extra = spec.num_classes if spec.conditional else 0
        out = 2 * spec.latent_dim if spec.variational else spec.latent_dim
        self.encoder = encoder
        self.to_latent = nn.Linear(features + extra, out)
        self.from_latent = nn.Sequential(nn.Linear(spec.latent_dim + extra, features), nn.ReLU())
        self.decoder = decoder

    @property
    def latent_dim(self) -> int:
        return self.spec.latent_dim

    @property
    def variational(self) -> bool:
        return self.spec.variational

    @property
    def conditional(self) -> bool:
        return self.spec.conditional

    def _condition(self, h: torch.Tensor, labels: torch.Tensor | None) -> torch.Tensor:
        if not self.conditional:
            return h
        if labels is None:
            raise ConfigError(say("A conditional VAE needs the class label of every image."))
        one_hot = F.one_hot(labels.long(), self.spec.num_classes).to(h.dtype)
        return torch.cat([h, one_hot], dim=1)

    def encode_distribution(
        self, x: torch.Tensor, labels: torch.Tensor | None = None
    ) -> tuple[torch.Tensor, torch.Tensor | None]:
        """``(z_mean, z_log_var)``; ``z_log_var`` is None for a plain autoencoder."""
        h = self._condition(self.encoder(x), labels)
        out = self.to_latent(h)
        if not self.variational:
            return out, None
        z_mean, z_log_var = out.chunk(2, dim=1)
        return z_mean, z_log_var.clamp(-30.0, 20.0)

    def encode(self, x: torch.Tensor, labels: torch.Tensor | None = None) -> torch.Tensor:
        """The latent code: ``z_mean`` for a VAE (deterministic), ``z`` for an autoencoder."""
        return self.encode_distribution(x, labels)[0]

    def decode_logits(self, z: torch.Tensor, labels: torch.Tensor | None = None) -> torch.Tensor:
        return self.decoder(self.from_latent(self._condition(z, labels)))

    def decode(self, z: torch.Tensor, labels: torch.Tensor | None = None) -> torch.Tensor:
        """Images in [0, 1] for a batch of latent codes."""
        return torch.sigmoid(self.decode_logits(z, labels))

    def forward(self, x: torch.Tensor, labels: torch.Tensor | None = None) -> ModelOutput:
        z_mean, z_log_var = self.encode_distribution(x, labels)
        if z_log_var is not None and self.training:
            # Reparameterisation trick: z = μ + σ·ε keeps sampling differentiable.
            z = z_mean + torch.exp(0.5 * z_log_var) * torch.randn_like(z_mean)
        else:
            z = z_mean
        logits = self.decode_logits(z, labels)
        return ModelOutput(torch.sigmoid(logits), logits, z, z_mean, z_log_var)
