"""Small trained models shared by the analysis tests (trained once per session, on CPU)."""

from __future__ import annotations

import numpy as np
import pytest

from aegui.core.config import ExperimentConfig
from aegui.core.training import Trainer


def train_tiny(split, **changes):
    """A few epochs of a narrow model on ``split``: enough to learn what digits look like."""
    # The plain layout: on 144 digits in 8 epochs it beats PCA-8, which the analysis tests
    # build on; the residual layout (made for photos) does not at that size (0.039 vs 0.038).
    settings = dict(model="conv-ae", latent_dim=8, hidden=8, epochs=8, batch_size=16, lr=3e-3,
                    loss="mse", device="cpu", seed=0, block="plain", norm="batch")
    settings.update(changes)
    config = ExperimentConfig(**settings)
    trainer = Trainer(config, split)
    list(trainer.fit())
    return trainer.model.eval(), config


@pytest.fixture(scope="session")
def spec(tmp_path_factory, tiny_mnist) -> str:
    """The tiny digits as an npz dataset spec, for the command line (shared, read-only)."""
    path = tmp_path_factory.mktemp("data") / "tiny.npz"
    np.savez(path, images=tiny_mnist.images[:, 0].numpy(), labels=tiny_mnist.labels.numpy())
    return f"npz:{path}"


@pytest.fixture(scope="session")
def digits_ae(tiny_split):
    """A conv AE trained on 192 digits (MSE)."""
    return train_tiny(tiny_split)


@pytest.fixture(scope="session")
def digits_vae(tiny_split):
    """A dense VAE trained on 192 digits (BCE, β = 1)."""
    return train_tiny(tiny_split, model="vae", loss="bce", epochs=3)
