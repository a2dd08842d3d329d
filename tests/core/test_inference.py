"""The inference copy the tabs run: BatchNorm folded, channels_last, the same outputs."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from aegui.core import latent
from aegui.core.config import ExperimentConfig
from aegui.core.data import split_dataset
from aegui.core.inference import fold_batch_norms, inference_model
from aegui.core.models import ModelSpec, build_model
from aegui.core.training import Trainer


def _with_running_stats(spec: ModelSpec) -> nn.Module:
    """A model whose BatchNorm layers hold far-from-default statistics and affine weights,
    so a fold that ignored any of them would change the outputs."""
    torch.manual_seed(0)
    model = build_model(spec)
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            c = module.num_features
            module.running_mean.copy_(torch.randn(c) * 0.5)
            module.running_var.copy_(torch.rand(c) * 3 + 0.2)
            module.weight.data.copy_(torch.randn(c))
            module.bias.data.copy_(torch.randn(c))
    return model.eval()


def _batch_norms(model: nn.Module) -> int:
    return sum(isinstance(m, nn.BatchNorm2d) for m in model.modules())


@pytest.mark.parametrize("kind", ["conv-ae", "conv-vae", "cvae"])
def test_the_folded_copy_has_no_batch_norm_and_the_same_outputs(kind):
    spec = ModelSpec(kind, 1, 28, 28, latent_dim=4, hidden=8, depth=2,
                     num_classes=10 if kind == "cvae" else 0)
    model = _with_running_stats(spec)
    before = _batch_norms(model)
    fast = inference_model(model)
    assert before == 8 and _batch_norms(fast) == 0  # 4 in the encoder, 4 in the decoder
    assert _batch_norms(model) == before  # the trained model is untouched
    assert not any(p.requires_grad for p in fast.parameters()) and not fast.training
    conv = next(m for m in fast.modules() if isinstance(m, nn.Conv2d))
    assert conv.weight.is_contiguous(memory_format=torch.channels_last)
    x = torch.rand(6, 1, 28, 28)
    labels = torch.arange(6) if kind == "cvae" else None
    z = torch.randn(6, 4)
    with torch.inference_mode():
        assert torch.allclose(fast.encode(x, labels), model.encode(x, labels), atol=1e-4)
        assert torch.allclose(fast.decode(z, labels), model.decode(z, labels), atol=1e-5)


def test_a_dense_model_is_copied_as_it_is():
    model = build_model(ModelSpec("vae", 1, 28, 28, latent_dim=3, hidden=8, depth=2)).eval()
    fast = inference_model(model)
    assert fold_batch_norms(fast) == 0 and fast is not model
    z = torch.randn(5, 3)
    with torch.inference_mode():
        assert torch.equal(fast.decode(z), model.decode(z))


def test_batch_norm_in_training_mode_is_not_folded():
    # Folding uses the running statistics; a layer still training normalises by the batch.
    layers = nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4))
    assert fold_batch_norms(layers) == 0
    layers.eval()
    assert fold_batch_norms(layers) == 1 and isinstance(layers[1], nn.Identity)


def test_a_trained_models_copy_decodes_the_same_grid(tiny_split):
    config = ExperimentConfig(model="conv-vae", latent_dim=2, hidden=8, epochs=2, batch_size=16,
                              device="cpu")
    trainer = Trainer(config, tiny_split)
    list(trainer.fit())
    trained = trainer.snapshot()
    grid = latent.grid_points((-2, 2), (-2, 2), 6)
    plain = latent.decode(trained, grid)
    fast = latent.decode(inference_model(trained), grid, batch_size=latent.GRID_CHUNK)
    assert plain.dtype == fast.dtype == np.uint8
    assert np.abs(plain.astype(int) - fast.astype(int)).max() <= 1  # float rounding at most
    codes = latent.encode(trained, tiny_split.val.images)
    assert np.allclose(latent.encode(inference_model(trained), tiny_split.val.images), codes, atol=1e-4)


def test_colour_decodes_come_back_in_the_usual_layout(rgb_dataset):
    # channels_last inside the model; the tabs build QImages from C-ordered NCHW arrays.
    split = split_dataset(rgb_dataset, 0.25, 0)
    config = ExperimentConfig(dataset="blobs", model="conv-ae", latent_dim=4, hidden=8, epochs=1,
                              batch_size=16, device="cpu")
    trainer = Trainer(config, split)
    list(trainer.fit())
    fast = inference_model(trainer.snapshot())
    images = latent.decode(fast, np.zeros((3, 4), np.float32))
    assert images.shape == (3, 3, 32, 32) and images.flags["C_CONTIGUOUS"]
