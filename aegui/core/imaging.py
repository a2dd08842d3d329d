"""Image grids and PNG files (Pillow), shared by the CLI exports and the GUI."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image


def tile_images(images: np.ndarray, columns: int, gap: int = 0, *, border: int = 0,
                fill: int = 0) -> np.ndarray:
    """uint8 N×C×H×W images to one C×H'×W' mosaic: rows of ``columns`` tiles, ``gap``
    pixels between tiles and ``border`` pixels around them, both of value ``fill``."""
    n, c, h, w = images.shape
    rows = max(1, -(-n // columns))
    height = rows * (h + gap) - gap + 2 * border
    width = columns * (w + gap) - gap + 2 * border
    out = np.full((c, height, width), fill, np.uint8)
    for i in range(n):
        r, col = divmod(i, columns)
        y, x = border + r * (h + gap), border + col * (w + gap)
        out[:, y : y + h, x : x + w] = images[i]
    return out


def tile(images: np.ndarray, columns: int, pad: int = 2, fill: int = 255) -> np.ndarray:
    """Images in a grid with ``pad`` pixels between and around them; returns H×W×C."""
    mosaic = tile_images(images, columns, pad, border=pad, fill=fill)
    return np.ascontiguousarray(np.moveaxis(mosaic, 0, -1))


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
