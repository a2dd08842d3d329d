"""Latent codes for TensorBoard's Embedding Projector, written without TensorBoard itself.

Four files in one folder, the layout ``SummaryWriter.add_embedding`` writes:

- ``tensors.tsv``: one code per line, tab-separated;
- ``metadata.tsv``: the class of each code, one per line (absent for unlabelled data);
- ``sprite.png``: the images as one atlas, row by row, so the projector shows each point's image;
- ``projector_config.pbtxt``: what ties them together.

``tensorboard --logdir DIR`` shows them in its Projector tab; projector.tensorflow.org takes
the two TSV files.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from PIL import Image

from aegui.core.checkpoint import atomic_write

CONFIG_FILE = "projector_config.pbtxt"
TENSORS_FILE = "tensors.tsv"
METADATA_FILE = "metadata.tsv"
SPRITE_FILE = "sprite.png"
MAX_POINTS = 10_000  # the projector slows to a crawl beyond this in a browser
MAX_SPRITE_PX = 8192  # the projector's largest sprite side


def sprite_capacity(height: int, width: int) -> int:
    """How many images of this size fit a sprite the projector accepts."""
    return (MAX_SPRITE_PX // max(1, height)) * (MAX_SPRITE_PX // max(1, width))


def _tsv_cell(text: str) -> str:
    return " ".join(str(text).split()) or "?"  # a tab or newline would split the row


def sprite_image(images: np.ndarray) -> Image.Image:
    """uint8 N×C×H×W images as one square atlas (filled row by row, the rest black)."""
    n, channels, height, width = images.shape
    side = max(1, math.ceil(math.sqrt(n)))
    atlas = np.zeros((side * height, side * width, channels), np.uint8)
    for i, image in enumerate(images):
        r, c = divmod(i, side)
        atlas[r * height:(r + 1) * height, c * width:(c + 1) * width] = np.moveaxis(image, 0, -1)
    return Image.fromarray(atlas[..., 0] if channels == 1 else atlas)


def write_projector(folder: str | Path, codes: np.ndarray, labels: np.ndarray | None,
                    class_names: tuple[str, ...], images: np.ndarray | None,
                    tensor_name: str = "latent codes") -> list[Path]:
    """Write the projector files for the first points (at most :data:`MAX_POINTS`, and as many
    as the sprite holds); return the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    codes = np.asarray(codes, np.float32)
    count = min(len(codes), MAX_POINTS)
    if images is not None:
        count = min(count, sprite_capacity(*images.shape[2:]))
    codes = codes[:count]
    written = [folder / TENSORS_FILE]
    atomic_write(written[0], lambda f: f.write(
        "".join("\t".join(f"{v:.6g}" for v in row) + "\n" for row in codes).encode()))
    config = [f'  tensor_name: "{tensor_name}"', f'  tensor_path: "{TENSORS_FILE}"']
    if labels is not None:
        names = [class_names[int(c)] if 0 <= int(c) < len(class_names) else str(int(c)) for c in labels[:count]]
        written.append(folder / METADATA_FILE)
        atomic_write(written[-1], lambda f: f.write("".join(_tsv_cell(n) + "\n" for n in names).encode()))
        config.append(f'  metadata_path: "{METADATA_FILE}"')
    if images is not None:
        height, width = images.shape[2:]
        written.append(folder / SPRITE_FILE)
        sprite = sprite_image(np.asarray(images[:count], np.uint8))
        atomic_write(written[-1], lambda f: sprite.save(f, format="PNG"))
        config += ["  sprite {", f'    image_path: "{SPRITE_FILE}"',
                   f"    single_image_dim: {width}", f"    single_image_dim: {height}", "  }"]
    written.append(folder / CONFIG_FILE)
    text = "embeddings {\n" + "\n".join(config) + "\n}\n"
    atomic_write(written[-1], lambda f: f.write(text.encode()))
    return written
