"""Reconstructions of a page of images with per-image metrics, error ranking,
noise sweeps and preparing a user's own image — the maths behind the Reconstruct tab."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageOps, UnidentifiedImageError

from aegui.core.corruptions import Corruption
from aegui.core.csv_safe import SafeWriter
from aegui.core.errors import DataError
from aegui.core.evaluation import as_float, to_uint8
from aegui.core.metrics import mse, psnr, ssim, ssim_fits
from aegui.core.models import Autoencoder
from aegui.core.words import say

CPU = torch.device("cpu")


@dataclass(frozen=True)
class PageResult:
    """One page: uint8 N×C×H×W images, per-image metrics (N,) and |error| maps (N×H×W)."""

    indices: np.ndarray
    original: np.ndarray
    corrupted: np.ndarray
    reconstructed: np.ndarray
    error: np.ndarray
    mse: np.ndarray
    psnr: np.ndarray
    ssim: np.ndarray
    input_mse: np.ndarray
    input_psnr: np.ndarray
    input_ssim: np.ndarray
    corrupted_input: bool  # False when the corruption left the images unchanged

    @property
    def mean_input_psnr(self) -> float:
        return float(self.input_psnr.mean())

    @property
    def mean_output_psnr(self) -> float:
        return float(self.psnr.mean())

    @property
    def gain_db(self) -> float:
        return self.mean_output_psnr - self.mean_input_psnr


def corrupt_rows(corruption: Corruption, clean: torch.Tensor, rows: np.ndarray, seed: int) -> torch.Tensor:
    """Corrupt each image with noise fixed by its dataset row, so an image looks the same
    on any page and in any sort order."""
    if corruption.is_identity:
        return clean
    return torch.cat([
        corruption(clean[i : i + 1], torch.Generator().manual_seed(seed * 1_000_003 + int(row) % 1_000_003))
        for i, row in enumerate(rows)
    ])


def _ssim_or_nan(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    if not ssim_fits(*a.shape[2:]):
        return torch.full((len(a),), float("nan"))
    return ssim(a, b)


def reconstruct_page(model: Autoencoder, images: torch.Tensor, labels: torch.Tensor | None,
                     corruption: Corruption, seed: int = 0,
                     indices: np.ndarray | None = None) -> PageResult:
    """Corrupt, reconstruct and measure a batch of uint8 images in one model call."""
    indices = np.arange(len(images)) if indices is None else np.asarray(indices)
    clean = as_float(images, CPU)
    noisy = corrupt_rows(corruption, clean, indices, seed)
    y = labels if model.conditional else None
    with torch.inference_mode():
        recon = model.eval()(noisy, y).recon.float()
    return PageResult(
        indices=indices,
        original=to_uint8(clean).numpy(),
        corrupted=to_uint8(noisy).numpy(),
        reconstructed=to_uint8(recon).numpy(),
        error=(recon - clean).abs().mean(1).numpy(),
        mse=mse(recon, clean).numpy(),
        psnr=psnr(recon, clean).numpy(),
        ssim=_ssim_or_nan(recon, clean).numpy(),
        input_mse=mse(noisy, clean).numpy(),
        input_psnr=psnr(noisy, clean).numpy(),
        input_ssim=_ssim_or_nan(noisy, clean).numpy(),
        corrupted_input=not corruption.is_identity,
    )


def reconstruction_errors(model: Autoencoder, images: torch.Tensor, labels: torch.Tensor | None,
                          corruption: Corruption, seed: int = 0, batch: int = 1000) -> np.ndarray:
    """Per-image MSE of the reconstruction over a whole dataset (for sorting by error)."""
    out = []
    model.eval()
    with torch.inference_mode():
        for start in range(0, len(images), batch):
            clean = as_float(images[start : start + batch], CPU)
            y = labels[start : start + batch] if model.conditional and labels is not None else None
            rows = np.arange(start, start + len(clean))
            recon = model(corrupt_rows(corruption, clean, rows, seed), y).recon.float()
            out.append(mse(recon, clean))
    return torch.cat(out).numpy()


def noise_sweep(model: Autoencoder, images: torch.Tensor, labels: torch.Tensor | None,
                kind: str, levels: np.ndarray, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Mean input PSNR and output PSNR at each corruption level."""
    clean = as_float(images, CPU)
    y = labels if model.conditional else None
    inputs, outputs = [], []
    model.eval()
    with torch.inference_mode():
        for level in levels:
            noisy = Corruption(kind, float(level))(clean, torch.Generator().manual_seed(seed))
            recon = model(noisy, y).recon.float()
            inputs.append(psnr(noisy, clean).mean().item())
            outputs.append(psnr(recon, clean).mean().item())
    return np.array(inputs), np.array(outputs)


def sweep_levels(kind: str, count: int = 12) -> np.ndarray:
    from aegui.core.corruptions import LEVEL_RANGES

    low, high = LEVEL_RANGES[kind]
    if high <= low:
        return np.array([low])
    return np.linspace(low, high, count + 1)[1:]  # the lowest level leaves images unchanged


def load_user_image(path: Path, shape: tuple[int, int, int]) -> torch.Tensor:
    """Read an image file and fit it to the model's C×H×W (uint8, batch of one)."""
    channels, height, width = shape
    try:
        with Image.open(path) as handle:
            handle.load()
            image = ImageOps.exif_transpose(handle) or handle
            image = image.convert("L" if channels == 1 else "RGB")
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise DataError(say("Could not open {file} as an image: {reason}", file=Path(path).name,
                            reason=str(exc))) from exc
    image = ImageOps.fit(image, (width, height), Image.Resampling.LANCZOS)
    pixels = np.asarray(image, dtype=np.uint8)
    pixels = pixels[None] if channels == 1 else np.moveaxis(pixels, -1, 0)
    return torch.from_numpy(np.array(pixels, copy=True))[None]


def write_page_csv(page: PageResult, path: Path, labels: list[str] | None = None) -> None:
    with open(path, "w", newline="") as handle:
        writer = SafeWriter(handle)
        writer.writerow(["index", "label", "mse", "psnr_db", "ssim",
                         "input_mse", "input_psnr_db", "input_ssim"])
        for i, index in enumerate(page.indices):
            writer.writerow([int(index), labels[i] if labels else "",
                             f"{page.mse[i]:.6g}", f"{page.psnr[i]:.4f}", f"{page.ssim[i]:.4f}",
                             f"{page.input_mse[i]:.6g}", f"{page.input_psnr[i]:.4f}",
                             f"{page.input_ssim[i]:.4f}"])
