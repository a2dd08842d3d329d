"""Image quality metrics on [0, 1] images, per image (shape N), in torch.

PSNR uses a data range of 1. SSIM follows Wang et al. (2004): an 11×11 Gaussian
window with σ = 1.5, K1 = 0.01, K2 = 0.03, averaged over pixels and channels
(the same settings as scikit-image's ``gaussian_weights=True`` mode).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from aegui.core.corruptions import gaussian_kernel

PSNR_CAP_DB = 100.0  # identical images would give infinity; cap it for plots and CSVs
SSIM_WINDOW = 11  # pixels: SSIM is not measured on images smaller than its window
SSIM_TOO_SMALL = f"SSIM is not measured: it needs images of at least {SSIM_WINDOW}×{SSIM_WINDOW} pixels."


def ssim_fits(height: int, width: int) -> bool:
    """Whether SSIM's window fits an image of this size (smaller images get no SSIM)."""
    return min(height, width) >= SSIM_WINDOW


def mse(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return ((a.float() - b.float()) ** 2).flatten(1).mean(1)


def psnr(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    err = mse(a, b).clamp_min(10 ** (-PSNR_CAP_DB / 10))
    return -10.0 * torch.log10(err)


def ssim(a: torch.Tensor, b: torch.Tensor, sigma: float = 1.5) -> torch.Tensor:
    a, b = a.float(), b.float()
    c = a.shape[1]
    k1 = gaussian_kernel(sigma, a.device, a.dtype)
    k1 = k1[len(k1) // 2 - 5 : len(k1) // 2 + 6] if len(k1) > 11 else k1
    k1 = k1 / k1.sum()
    window = (k1[:, None] * k1[None, :]).expand(c, 1, -1, -1).contiguous()

    def filt(x: torch.Tensor) -> torch.Tensor:
        return F.conv2d(x, window, groups=c)  # 'valid': no padding artefacts at the border

    if not ssim_fits(*a.shape[2:]):
        raise ValueError(SSIM_TOO_SMALL)
    mu_a, mu_b = filt(a), filt(b)
    var_a = filt(a * a) - mu_a**2
    var_b = filt(b * b) - mu_b**2
    cov = filt(a * b) - mu_a * mu_b
    c1, c2 = 0.01**2, 0.03**2
    ssim_map = ((2 * mu_a * mu_b + c1) * (2 * cov + c2)) / (
        (mu_a**2 + mu_b**2 + c1) * (var_a + var_b + c2)
    )
    return ssim_map.flatten(1).mean(1)


CHUNK_BYTES = 32 * 2**20  # float64 working memory per chunk, whatever the image size


def mean_image_mse(images: torch.Tensor, chunk: int | None = None) -> float:
    """The MSE of the best constant prediction, the images' own mean image: their per-pixel
    variance, averaged. Read ``chunk`` uint8 images at a time (by default as many as fit
    :data:`CHUNK_BYTES` as float64), so a mapped dataset stays on disk."""
    n = len(images)
    if n == 0:
        return float("nan")
    chunk = chunk or max(1, CHUNK_BYTES // (8 * images[0].numel()))
    total = torch.zeros(images[0].numel(), dtype=torch.float64)
    squares = torch.zeros_like(total)
    for start in range(0, n, chunk):
        part = images[start : start + chunk].flatten(1).to(torch.float64) / 255.0
        total += part.sum(0)
        squares += (part * part).sum(0)
    mean = total / n
    return float((squares / n - mean * mean).clamp_min(0).mean())
