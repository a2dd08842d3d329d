import pytest
import torch

from aegui.core.errors import ConfigError
from aegui.core.models import MODEL_KINDS, ModelSpec, build_model

SHAPES = [(1, 28, 28), (3, 32, 32), (3, 64, 64), (1, 20, 36)]


@pytest.mark.parametrize("kind", MODEL_KINDS)
@pytest.mark.parametrize("shape", SHAPES)
def test_every_model_round_trips_shapes(kind, shape):
    spec = ModelSpec(kind, *shape, latent_dim=5, hidden=8, depth=2,
                     num_classes=4 if kind == "cvae" else 0)
    model = build_model(spec)
    x = torch.rand(3, *shape)
    labels = torch.tensor([0, 1, 3]) if kind == "cvae" else None
    out = model(x, labels)
    assert out.recon.shape == x.shape and out.logits.shape == x.shape
    assert 0 <= out.recon.min() and out.recon.max() <= 1
    z = model.encode(x, labels)
    assert z.shape == (3, 5)
    assert model.decode(z, labels).shape == x.shape
    assert (out.z_log_var is not None) == spec.variational


def test_vae_samples_in_training_and_encodes_the_mean_in_eval():
    model = build_model(ModelSpec("conv-vae", 1, 28, 28, latent_dim=3, hidden=8))
    x = torch.rand(4, 1, 28, 28)
    model.train()
    a, b = model(x).z, model(x).z
    assert not torch.allclose(a, b)  # reparameterised samples differ
    model.eval()
    out = model(x)
    assert torch.equal(out.z, out.z_mean) and torch.equal(model.encode(x), out.z_mean)


def test_deeper_and_wider_models():
    small = build_model(ModelSpec("conv-ae", 1, 28, 28, hidden=8, depth=1))
    big = build_model(ModelSpec("conv-ae", 1, 28, 28, hidden=16, depth=3))
    count = lambda m: sum(p.numel() for p in m.parameters())  # noqa: E731
    assert count(big) > count(small)
    assert big(torch.rand(2, 1, 28, 28)).recon.shape == (2, 1, 28, 28)


def test_cvae_requires_labels():
    with pytest.raises(ConfigError, match="labelled data"):
        ModelSpec("cvae", 1, 28, 28, num_classes=0)
    model = build_model(ModelSpec("cvae", 1, 28, 28, num_classes=10, hidden=8))
    with pytest.raises(ConfigError, match="class label"):
        model(torch.rand(2, 1, 28, 28))


def test_cvae_decoding_depends_on_the_label():
    model = build_model(ModelSpec("cvae", 1, 28, 28, num_classes=10, hidden=8)).eval()
    z = torch.zeros(2, 2)
    images = model.decode(z, torch.tensor([1, 7]))
    assert not torch.allclose(images[0], images[1])
