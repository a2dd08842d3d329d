import numpy as np
import torch
from PIL import Image

from aegui.core.corruptions import Corruption
from aegui.core.models import ModelSpec, build_model
from aegui.core.reconstruction import corrupt_rows, load_user_image, reconstruct_page


def test_an_image_gets_the_same_noise_on_any_page(tiny_mnist):
    clean = tiny_mnist.images[:6].float() / 255
    c = Corruption("gaussian", 0.4)
    together = corrupt_rows(c, clean, np.arange(6), seed=3)
    alone = corrupt_rows(c, clean[4:5], np.array([4]), seed=3)
    assert torch.equal(together[4:5], alone)
    assert not torch.equal(corrupt_rows(c, clean[4:5], np.array([4]), seed=4), alone)


def test_page_metrics_are_per_image(tiny_mnist):
    model = build_model(ModelSpec("conv-ae", 1, 28, 28, hidden=4, latent_dim=4))
    page = reconstruct_page(model, tiny_mnist.images[:5], None, Corruption("mask", 0.3), seed=0,
                            indices=np.arange(10, 15))
    assert page.original.shape == page.reconstructed.shape == (5, 1, 28, 28)
    assert page.error.shape == (5, 28, 28) and page.psnr.shape == (5,)
    assert page.corrupted_input and (page.input_mse > 0).all()
    expected = ((page.reconstructed / 255.0 - page.original / 255.0) ** 2).mean(axis=(1, 2, 3))
    assert np.allclose(page.mse, expected, atol=2e-3)  # uint8 rounding aside


def test_user_image_is_fitted_to_the_model_shape(tmp_path):
    Image.fromarray(np.full((50, 80, 3), 200, np.uint8)).save(tmp_path / "wide.jpg")
    gray = load_user_image(tmp_path / "wide.jpg", (1, 28, 28))
    rgb = load_user_image(tmp_path / "wide.jpg", (3, 32, 32))
    assert gray.shape == (1, 1, 28, 28) and rgb.shape == (1, 3, 32, 32)
    assert abs(int(gray.float().mean()) - 200) <= 2
