"""Autoencoder architectures behind one API (see :mod:`aegui.core.models.base`)."""

from __future__ import annotations

from aegui.core.models.base import (
    DENSE_KINDS,
    MODEL_KINDS,
    MODEL_TITLES,
    VARIATIONAL_KINDS,
    Autoencoder,
    ModelOutput,
    ModelSpec,
)
from aegui.core.models.conv import conv_bodies
from aegui.core.models.dense import dense_bodies

__all__ = ["MODEL_KINDS", "MODEL_TITLES", "VARIATIONAL_KINDS", "Autoencoder", "ModelOutput", "ModelSpec", "build_model"]


def build_model(spec: ModelSpec) -> Autoencoder:
    bodies = dense_bodies if spec.kind in DENSE_KINDS else conv_bodies
    encoder, decoder, features = bodies(spec)
    return Autoencoder(spec, encoder, decoder, features)


def count_parameters(model: Autoencoder) -> int:
    return sum(p.numel() for p in model.parameters())
