"""Shared fixtures. Qt runs offscreen; torch uses few threads so tests stay quick on 2 cores."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
import pytest
import torch

from aegui.core.data import ImageDataset, load_dataset, split_dataset

torch.set_num_threads(2)


@pytest.fixture(scope="session")
def mnist() -> ImageDataset:
    return load_dataset("mnist-10k")


@pytest.fixture(scope="session")
def tiny_mnist(mnist) -> ImageDataset:
    """256 digits, all classes, in a fixed order."""
    index = torch.arange(0, len(mnist), len(mnist) // 256)[:256]
    return mnist.subset(index, name="tiny-mnist")


@pytest.fixture(scope="session")
def tiny_split(tiny_mnist):
    return split_dataset(tiny_mnist, 0.25, seed=0)


@pytest.fixture
def tiny_npz(tmp_path, tiny_mnist) -> str:
    path = tmp_path / "tiny.npz"
    np.savez(path, images=tiny_mnist.images[:, 0].numpy(), labels=tiny_mnist.labels.numpy())
    return f"npz:{path}"


@pytest.fixture
def rgb_dataset() -> ImageDataset:
    gen = torch.Generator().manual_seed(1)
    # Smooth random colour blobs: learnable structure, unlike pure noise.
    base = torch.rand(96, 3, 4, 4, generator=gen)
    images = torch.nn.functional.interpolate(base, size=(32, 32), mode="bilinear", align_corners=False)
    return ImageDataset(images=(images * 255).round().to(torch.uint8), labels=torch.arange(96) % 3,
                        class_names=("a", "b", "c"), name="blobs")
