import math

import numpy as np
import torch

from aegui.core.metrics import mse, psnr, ssim

# Reference values from scikit-image 0.25 structural_similarity(gaussian_weights=True,
# sigma=1.5, use_sample_covariance=False, data_range=1.0) on the patterns below.
SKIMAGE_SSIM_SHIFTED = 0.9679450842424387
SKIMAGE_SSIM_INVERTED = -0.9897100390256506
SKIMAGE_SSIM_RGB = -0.3258685663704269


def _patterns():
    i, j = np.meshgrid(np.arange(20), np.arange(20), indexing="ij")
    a = ((i * 7 + j * 3) % 16) / 15.0
    b = np.clip(a * 0.8 + 0.1 + 0.05 * np.sin(i + j), 0, 1)
    c = np.clip(1 - a, 0, 1)
    return a, b, c


def _t(*planes):
    return torch.tensor(np.stack(planes)[None], dtype=torch.float32)


def test_mse_and_psnr_known_values():
    a = torch.zeros(2, 1, 8, 8)
    b = torch.full((2, 1, 8, 8), 0.1)
    assert torch.allclose(mse(a, b), torch.tensor([0.01, 0.01]))
    assert torch.allclose(psnr(a, b), torch.tensor([20.0, 20.0]), atol=1e-4)
    assert psnr(a, a)[0].item() == 100.0  # capped, not infinite


def test_ssim_matches_scikit_image():
    a, b, c = _patterns()
    assert math.isclose(ssim(_t(a), _t(b)).item(), SKIMAGE_SSIM_SHIFTED, abs_tol=1e-5)
    assert math.isclose(ssim(_t(a), _t(c)).item(), SKIMAGE_SSIM_INVERTED, abs_tol=1e-5)
    assert math.isclose(ssim(_t(a, b, c), _t(b, c, a)).item(), SKIMAGE_SSIM_RGB, abs_tol=1e-5)


def test_ssim_of_identical_images_is_one_and_per_image():
    x = torch.rand(3, 1, 16, 16, generator=torch.Generator().manual_seed(0))
    assert torch.allclose(ssim(x, x), torch.ones(3), atol=1e-5)
    noisy = (x + 0.3 * torch.randn(3, 1, 16, 16)).clamp(0, 1)
    assert ssim(x, noisy).shape == (3,) and (ssim(x, noisy) < 0.9).all()
