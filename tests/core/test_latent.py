"""Latent-space math: projections and their inverses, grids, paths, hover lookup, sampling."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from aegui.core import latent
from aegui.core.models import ModelSpec, build_model


@pytest.fixture(scope="module")
def codes() -> np.ndarray:
    rng = np.random.default_rng(0)
    # Anisotropic 5-D cloud: PCA must find the two wide axes.
    return (rng.standard_normal((400, 5)) * np.array([5.0, 3.0, 0.5, 0.2, 0.1])).astype(np.float32)


def test_two_dim_latents_are_shown_as_they_are(codes):
    p = latent.project(codes[:, :2], "pca")
    assert p.kind == "dims" and np.allclose(p.coords, codes[:, :2])
    assert np.allclose(p.to_latent(p.coords[:3]), codes[:3, :2])


def test_pca_view_round_trips_in_plane_points(codes):
    p = latent.project(codes, "pca")
    assert p.coords.shape == (400, 2)
    assert p.coords[:, 0].var() > p.coords[:, 1].var() > codes[:, 2].var()
    base = codes[7]
    back = p.to_latent(p.to_plane(base), base=base)
    assert np.allclose(back[0], base, atol=1e-4)  # the base's off-plane part is kept
    z = p.to_latent(np.array([[1.0, 2.0], [3.0, -1.0]]))
    assert np.allclose(p.to_plane(z), [[1.0, 2.0], [3.0, -1.0]], atol=1e-4)


def test_dims_view_puts_other_dims_at_the_base(codes):
    p = latent.project(codes, "dims", dims=(3, 1))
    assert np.allclose(p.coords, codes[:, [3, 1]])
    z = p.to_latent(np.array([[9.0, 8.0]]), base=codes[0])
    assert z[0, 3] == 9.0 and z[0, 1] == 8.0 and np.allclose(z[0, [0, 2, 4]], codes[0, [0, 2, 4]])
    with pytest.raises(ValueError):
        latent.project(codes, "dims", dims=(0, 5))


def test_one_dim_latent_lies_on_a_line():
    p = latent.project(np.arange(6, dtype=np.float32)[:, None])
    assert np.allclose(p.coords[:, 1], 0) and np.allclose(p.to_latent([[2.5, 7.0]]), [[2.5]])


def test_tsne_inverse_is_the_mean_code_of_the_nearest_points():
    rng = np.random.default_rng(1)
    centres = rng.standard_normal((3, 6)) * 10
    codes = np.concatenate([c + rng.standard_normal((40, 6)) * 0.1 for c in centres]).astype(np.float32)
    p = latent.project(codes, "tsne", perplexity=10)
    assert p.coords.shape == (120, 2)
    z = p.to_latent(p.coords[[0, 50, 100]])
    nearest_centre = np.linalg.norm(z[:, None] - centres[None], axis=2).argmin(axis=1)
    assert list(nearest_centre) == [0, 1, 2]


def test_grid_points_are_row_major_top_row_first():
    g = latent.grid_points((-1, 1), (0, 2), 3)
    assert g.shape == (9, 2)
    assert np.allclose(g[0], [-1, 2]) and np.allclose(g[2], [1, 2]) and np.allclose(g[8], [1, 0])


def test_tile_images_builds_a_mosaic():
    images = np.arange(4, dtype=np.uint8).reshape(4, 1, 1, 1).repeat(2, 2).repeat(2, 3)
    mosaic = latent.tile_images(images, 2, gap=1)
    assert mosaic.shape == (1, 5, 5)
    assert mosaic[0, 0, 0] == 0 and mosaic[0, 0, 3] == 1 and mosaic[0, 3, 0] == 2 and mosaic[0, 4, 4] == 3


def test_linear_and_spherical_interpolation():
    a, b = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    lin = latent.interpolate(a, b, 5)
    assert np.allclose(lin[0], a) and np.allclose(lin[-1], b) and np.allclose(lin[2], [0.5, 0.5])
    sl = latent.interpolate(a, b, 5, "slerp")
    assert np.allclose(sl[0], a) and np.allclose(sl[-1], b)
    assert np.allclose(np.linalg.norm(sl, axis=1), 1.0, atol=1e-5)  # stays on the circle
    assert np.allclose(latent.interpolate(a, 2 * a, 3, "slerp"), latent.interpolate(a, 2 * a, 3))


def test_grid_index_matches_brute_force():
    rng = np.random.default_rng(2)
    pts = rng.standard_normal((5000, 2)) * np.array([10.0, 1.0])
    index = latent.GridIndex(pts)
    for q in rng.standard_normal((200, 2)) * np.array([10.0, 1.0]):
        rx, ry = 0.3, 0.03
        d = ((pts[:, 0] - q[0]) / rx) ** 2 + ((pts[:, 1] - q[1]) / ry) ** 2
        expected = int(d.argmin()) if d.min() <= 1 else -1
        assert index.nearest(q[0], q[1], rx, ry) == expected
    assert index.nearest(1e6, 1e6, 1.0, 1.0) == -1
    assert latent.GridIndex(np.zeros((0, 2))).nearest(0, 0, 1, 1) == -1


def test_gaussian_fit_reproduces_the_data_statistics(codes):
    g = latent.fit_gaussian(codes)
    s = g.sample(20000, seed=0)
    assert np.allclose(s.mean(0), codes.mean(0), atol=0.15)
    assert np.allclose(s.std(0), codes.std(0), rtol=0.05)
    assert latent.fit_gaussian(codes).sample(100, 0.0, seed=1).std(0).max() < 1e-6  # temperature 0
    prior = latent.standard_normal(3).sample(5000, temperature=2.0, seed=3)
    assert 1.8 < prior.std() < 2.2


def test_batched_encode_decode_and_embedding_export(tmp_path):
    torch.manual_seed(0)
    model = build_model(ModelSpec("cvae", 1, 28, 28, latent_dim=3, hidden=4, num_classes=10)).eval()
    images = torch.randint(0, 256, (10, 1, 28, 28), dtype=torch.uint8)
    labels = torch.arange(10)
    seen = []
    z = latent.encode(model, images, labels, batch_size=4, progress=lambda d, n: seen.append(d))
    assert z.shape == (10, 3) and seen == [4, 8, 10]
    assert latent.encode(model, images, labels, should_stop=lambda: True) is None
    out = latent.decode(model, z, labels=3, batch_size=3)
    assert out.shape == (10, 1, 28, 28) and out.dtype == np.uint8
    one = latent.decode(model, z[:1], labels=np.array([3]))
    assert np.array_equal(one[0], out[0])  # batching does not change the result
    with pytest.raises(ValueError):
        latent.decode(model, z)
    csv = latent.save_embeddings(tmp_path / "e.csv", z, labels.numpy(), tuple("0123456789"), z[:, :2])
    rows = csv.read_text().splitlines()
    assert rows[0] == "label,class,view_x,view_y,z0,z1,z2" and len(rows) == 11 and rows[4].startswith("3,3,")
    npy = np.load(latent.save_embeddings(tmp_path / "e.npy", z, labels.numpy()))
    assert npy.shape == (10,) and np.allclose(npy["z2"], z[:, 2]) and list(npy["label"]) == list(range(10))
