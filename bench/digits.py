"""The data the benchmarks train on: the bundled digits, or a shorter run's first N of them."""

from __future__ import annotations

from pathlib import Path

import numpy as np


def dataset_spec(images: int | None, folder: Path) -> str:
    """The bundled digits, or their first ``images`` saved as an npz file (a shorter run)."""
    if images is None:
        return "mnist-10k"
    from aegui.core.data import load_dataset

    digits = load_dataset("mnist-10k")
    path = folder / f"digits-{images}.npz"
    np.savez(path, images=digits.images[:images, 0].numpy(), labels=digits.labels[:images].numpy())
    return f"npz:{path}"
