"""Image grids and PNG files (Pillow), shared by the CLI exports and the GUI."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image


def to_hwc(image: np.ndarray) -> np.ndarray:
    """C×H×W uint8 to H×W (grayscale) or H×W×3."""
    return image[0] if image.shape[0] == 1 else np.moveaxis(image, 0, -1)


def tile(images: np.ndarray, columns: int, pad: int = 2, fill: int = 255) -> np.ndarray:
    """Arrange uint8 N×C×H×W images in a grid with ``columns`` columns; returns H×W×C."""
    n, c, h, w = images.shape
    rows = max(1, -(-n // columns))
    grid = np.full((rows * (h + pad) + pad, columns * (w + pad) + pad, c), fill, np.uint8)
    for i in range(n):
        r, col = divmod(i, columns)
        y, x = pad + r * (h + pad), pad + col * (w + pad)
        grid[y : y + h, x : x + w] = np.moveaxis(images[i], 0, -1)
    return grid


def save_png(pixels: np.ndarray, path: Path, scale: int = 1) -> Path:
    """Save H×W or H×W×C uint8 pixels; ``scale`` enlarges with nearest-neighbour."""
    array = pixels[..., 0] if pixels.ndim == 3 and pixels.shape[-1] == 1 else pixels
    image = Image.fromarray(np.ascontiguousarray(array))
    if scale > 1:
        image = image.resize((image.width * scale, image.height * scale), Image.Resampling.NEAREST)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return path


def comparison_grid(rows: list[np.ndarray], pad: int = 2) -> np.ndarray:
    """Stack equally long image rows (e.g. original / corrupted / reconstruction)."""
    return np.concatenate([tile(r, len(r), pad) for r in rows], axis=0)
