import pytest
import torch

from aegui.core.corruptions import CORRUPTIONS, Corruption, corruption_for_task
from aegui.core.errors import ConfigError
from aegui.core.metrics import psnr


@pytest.fixture
def batch(tiny_mnist):
    return tiny_mnist.images[:16].float() / 255


@pytest.mark.parametrize("kind,level", [("gaussian", 0.3), ("salt-pepper", 0.2), ("mask", 0.3),
                                        ("blur", 1.5), ("downscale", 4.0)])
def test_corruption_changes_images_within_range_and_is_seeded(batch, kind, level):
    c = Corruption(kind, level)
    out = c(batch, torch.Generator().manual_seed(5))
    assert out.shape == batch.shape and out.min() >= 0 and out.max() <= 1
    assert not torch.equal(out, batch)
    again = c(batch, torch.Generator().manual_seed(5))
    assert torch.equal(out, again)
    assert batch.max() == 1  # the input is untouched


@pytest.mark.parametrize("kind,levels", [("gaussian", (0.1, 0.5)), ("salt-pepper", (0.05, 0.4)),
                                         ("mask", (0.1, 0.5)), ("blur", (0.7, 3.0)),
                                         ("downscale", (2.0, 7.0))])
def test_more_corruption_means_lower_psnr(batch, kind, levels):
    low, high = (Corruption(kind, lv)(batch, torch.Generator().manual_seed(0)) for lv in levels)
    assert psnr(low, batch).mean() > psnr(high, batch).mean() + 1.0


def test_mask_covers_the_requested_fraction(batch):
    out = Corruption("mask", 0.25)(torch.ones_like(batch), torch.Generator().manual_seed(0))
    covered = (out == 0).float().mean().item()
    assert 0.2 < covered < 0.3


def test_grayscale_makes_channels_equal(rgb_dataset):
    x = rgb_dataset.images[:4].float() / 255
    out = Corruption("grayscale")(x)
    assert torch.allclose(out[:, 0], out[:, 1]) and torch.allclose(out[:, 1], out[:, 2])
    with pytest.raises(ConfigError, match="RGB dataset"):
        Corruption("grayscale").check_channels(1)


def test_tasks_and_bad_levels():
    assert corruption_for_task("denoise").kind == "gaussian"
    assert corruption_for_task("denoise", 0.2, "salt-pepper") == Corruption("salt-pepper", 0.2)
    assert corruption_for_task("reconstruct").is_identity
    assert set(CORRUPTIONS) >= {"none", "gaussian", "salt-pepper", "mask", "blur", "downscale", "grayscale"}
    with pytest.raises(ConfigError):
        Corruption("gaussian", 5.0)
    with pytest.raises(ConfigError):
        corruption_for_task("paint")
