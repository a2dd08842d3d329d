import pytest
import torch

from aegui.core.corruptions import CORRUPTIONS, Corruption, corruption_for_task
from aegui.core.errors import ConfigError
from aegui.core.metrics import psnr


@pytest.fixture
def batch(tiny_mnist):
    return tiny_mnist.images[:16].float() / 255


RANDOM = [("gaussian", 0.3), ("salt-pepper", 0.2), ("mask", 0.3)]
FIXED = [("blur", 1.5), ("downscale", 4.0)]


@pytest.mark.parametrize("kind,level", RANDOM + FIXED)
def test_corruption_changes_images_within_range_and_leaves_the_input_alone(batch, kind, level):
    before = batch.clone()
    out = Corruption(kind, level)(batch, torch.Generator().manual_seed(5))
    assert torch.equal(batch, before)  # nothing was done in place
    assert out.shape == batch.shape and out.min() >= 0 and out.max() <= 1
    assert out.data_ptr() != batch.data_ptr()
    changed = (out - before).abs().flatten(1).amax(1) > 0.05
    assert changed.all()  # every image, not just some


@pytest.mark.parametrize("kind,level", RANDOM)
def test_random_corruptions_follow_their_generator(batch, kind, level):
    c = Corruption(kind, level)
    first = c(batch, torch.Generator().manual_seed(5))
    assert torch.equal(first, c(batch, torch.Generator().manual_seed(5)))
    assert not torch.equal(first, c(batch, torch.Generator().manual_seed(6)))


def test_the_identity_corruption_changes_nothing(batch):
    before = batch.clone()
    for c in (Corruption("none"), Corruption("gaussian", 0.0), Corruption("downscale", 1.0)):
        assert c.is_identity and torch.equal(c(batch, torch.Generator().manual_seed(0)), before)
    assert torch.equal(batch, before)


@pytest.mark.parametrize("kind,levels", [("gaussian", (0.1, 0.5)), ("salt-pepper", (0.05, 0.4)),
                                         ("mask", (0.1, 0.5)), ("blur", (0.7, 3.0)),
                                         ("downscale", (2.0, 7.0))])
def test_more_corruption_means_lower_psnr(batch, kind, levels):
    low, high = (Corruption(kind, lv)(batch, torch.Generator().manual_seed(0)) for lv in levels)
    assert psnr(low, batch).mean() > psnr(high, batch).mean() + 1.0


def test_mask_covers_the_requested_fraction(batch):
    ones = torch.ones_like(batch)
    out = Corruption("mask", 0.25)(ones, torch.Generator().manual_seed(0))
    assert (ones == 1).all()  # the input is untouched
    covered = (out == 0).float().flatten(1).mean(1)
    assert ((covered > 0.2) & (covered < 0.3)).all()  # in every image


def test_grayscale_makes_channels_equal(rgb_dataset):
    x = rgb_dataset.images[:4].float() / 255
    before = x.clone()
    out = Corruption("grayscale")(x)
    assert torch.equal(x, before) and not torch.allclose(x[:, 0], x[:, 1])  # really colour
    assert torch.allclose(out[:, 0], out[:, 1]) and torch.allclose(out[:, 1], out[:, 2])
    luma = 0.299 * x[:, 0] + 0.587 * x[:, 1] + 0.114 * x[:, 2]
    assert torch.allclose(out[:, 0], luma, atol=1e-6)
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
