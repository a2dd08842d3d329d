"""Latent-space math: projections and their inverses, grids, paths, hover lookup, sampling."""

from __future__ import annotations

import time

import numpy as np
import pytest
import torch

from aegui.core import imaging, latent
from aegui.core.errors import AeguiError, Cancelled
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


def _blobs(n: int, dim: int = 8, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Three well-separated Gaussian clusters of ``n`` points in all, with their labels."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((3, dim)) * 10
    labels = np.arange(n) % 3
    return (centres[labels] + rng.standard_normal((n, dim))).astype(np.float32), labels


def test_tsne_keeps_clusters_apart_and_is_seeded():
    codes, labels = _blobs(300)
    p = latent.project(codes, "tsne", seed=4)
    assert p.kind == "tsne" and p.coords.shape == (300, 2) and p.coords.dtype == np.float32
    # Each point's nearest neighbour in the view belongs to its own cluster.
    d = np.linalg.norm(p.coords[:, None] - p.coords[None], axis=2)
    np.fill_diagonal(d, np.inf)
    assert (labels[d.argmin(axis=1)] == labels).mean() >= 0.95
    assert np.array_equal(latent.project(codes, "tsne", seed=4).coords, p.coords)
    assert not np.allclose(latent.project(codes, "tsne", seed=5).coords, p.coords)


@pytest.mark.parametrize("n", [1, 2, 5])
def test_tsne_of_a_handful_of_codes(n):
    codes, _ = _blobs(n)
    p = latent.project(codes, "tsne")
    assert p.coords.shape == (n, 2) and np.isfinite(p.coords).all()
    assert p.to_latent(p.coords[:1]).shape == (1, 8)
    same = latent.project(np.ones((4, 3), np.float32), "tsne")  # nothing to tell apart
    assert np.isfinite(same.coords).all()


def test_tsne_stops_soon_after_should_stop():
    codes, _ = _blobs(1000)
    start = time.perf_counter()
    latent.project(codes, "tsne")
    full = time.perf_counter() - start

    calls = []

    def after_first_call() -> bool:
        calls.append(1)
        return len(calls) > 1

    start = time.perf_counter()
    with pytest.raises(Cancelled):
        latent.project(codes, "tsne", should_stop=after_first_call)
    assert time.perf_counter() - start < 0.5 * full

    # Stop in the middle of the optimisation: openTSNE's callback must end it.
    asked: list[float] = []
    start = time.perf_counter()
    stop_at = start + 0.3 * full

    def midway() -> bool:
        asked.append(time.perf_counter())
        return asked[-1] > stop_at

    with pytest.raises(Cancelled):
        latent.project(codes, "tsne", should_stop=midway)
    ended = time.perf_counter()
    assert ended - start < 0.5 * full
    assert len(asked) > 10  # asked all through the optimisation, not only around it
    assert ended - asked[-1] < 0.05 * full  # the first True ends it at once
    gaps = np.diff(asked[2:])  # after the affinities: between optimisation steps
    assert gaps.max() < 0.1 * full


def test_grid_points_are_row_major_top_row_first():
    g = latent.grid_points((-1, 1), (0, 2), 3)
    assert g.shape == (9, 2)
    assert np.allclose(g[0], [-1, 2]) and np.allclose(g[2], [1, 2]) and np.allclose(g[8], [1, 0])


def test_tile_images_builds_a_mosaic():
    images = np.arange(4, dtype=np.uint8).reshape(4, 1, 1, 1).repeat(2, 2).repeat(2, 3)
    mosaic = latent.tile_images(images, 2, gap=1)
    assert mosaic.shape == (1, 5, 5)
    assert mosaic[0, 0, 0] == 0 and mosaic[0, 0, 3] == 1 and mosaic[0, 3, 0] == 2 and mosaic[0, 4, 4] == 3
    assert mosaic[0, 2, 2] == 0 and mosaic[0, 0, 2] == 0  # the gaps
    assert latent.tile_images is imaging.tile_images  # one tiler


def test_comparison_grid_pads_between_and_around_tiles():
    rows = [np.full((3, 1, 2, 2), v, np.uint8) for v in (10, 20)]
    grid = imaging.comparison_grid(rows, pad=1)
    assert grid.shape == (2 * 4, 3 * 3 + 1, 1)
    assert grid[0, 0, 0] == 255 and grid[1, 1, 0] == 10 and grid[5, 4, 0] == 20
    assert grid[1, 3, 0] == 255  # the gap between two tiles


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
    with pytest.raises(Cancelled):
        latent.encode(model, images, labels, should_stop=lambda: True)
    asked = []
    with pytest.raises(Cancelled):  # stops at the next batch, not at the end
        latent.encode(model, images, labels, batch_size=2, progress=lambda d, n: seen.append(d),
                      should_stop=lambda: asked.append(1) or len(asked) > 2)
    assert seen[-2:] == [2, 4] and len(asked) == 3
    out = latent.decode(model, z, labels=3, batch_size=3)
    assert out.shape == (10, 1, 28, 28) and out.dtype == np.uint8
    one = latent.decode(model, z[:1], labels=np.array([3]))
    assert np.array_equal(one[0], out[0])  # batching does not change the result
    with pytest.raises(ValueError):
        latent.decode(model, z)
    one_code, one_image = latent.reconstruct_one(model, images[3].numpy(), label=3)
    assert np.allclose(one_code, z[3], atol=1e-5) and one_image.shape == (1, 28, 28)


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA device")
def test_encode_and_decode_a_model_on_the_gpu():
    model = build_model(ModelSpec("conv-vae", 1, 28, 28, latent_dim=3, hidden=4)).eval()
    images = torch.randint(0, 256, (6, 1, 28, 28), dtype=torch.uint8)
    on_cpu = latent.encode(model, images, batch_size=4)
    z = latent.encode(model.cuda(), images, batch_size=4)
    assert isinstance(z, np.ndarray) and z.dtype == np.float32 and np.allclose(z, on_cpu, atol=1e-4)
    assert latent.decode(model, z).shape == (6, 1, 28, 28)


@pytest.fixture
def embedding():
    rng = np.random.default_rng(3)
    codes = rng.standard_normal((10, 3)).astype(np.float32)
    return codes, np.arange(10) % 4, ("zero", "one", "two, three"), codes[:, :2] * 2


def test_embeddings_as_csv(tmp_path, embedding):
    import csv

    codes, labels, names, view = embedding
    path = latent.save_embeddings(tmp_path / "e.csv", codes, labels, names, view)
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["label", "class", "view_x", "view_y", "z0", "z1", "z2"] and len(rows) == 11
    assert rows[3][:2] == ["2", "two, three"] and rows[4][:2] == ["3", ""]  # quoted; no name for 3
    values = np.array([r[2:] for r in rows[1:]], dtype=np.float32)
    assert np.allclose(values[:, :2], view, rtol=1e-5) and np.allclose(values[:, 2:], codes, rtol=1e-5)
    plain = latent.save_embeddings(tmp_path / "plain.csv", codes, None)
    lines = plain.read_text().splitlines()
    assert lines[0] == "label,class,z0,z1,z2" and lines[1].startswith("-1,,")


def test_embeddings_as_npz_and_npy(tmp_path, embedding):
    codes, labels, names, view = embedding
    with np.load(latent.save_embeddings(tmp_path / "e.npz", codes, labels, names, view)) as data:
        assert np.array_equal(data["z"], codes) and np.array_equal(data["labels"], labels)
        assert list(data["class_names"]) == list(names) and np.array_equal(data["view"], view)
    with np.load(latent.save_embeddings(tmp_path / "bare.npz", codes, None)) as data:
        assert "view" not in data and list(data["labels"]) == [-1] * 10
    npy = np.load(latent.save_embeddings(tmp_path / "e.npy", codes, labels, names, view))
    assert npy.shape == (10,) and np.array_equal(npy["z2"], codes[:, 2])
    assert list(npy["label"]) == list(labels) and np.array_equal(npy["view_y"], view[:, 1])
    assert np.isnan(np.load(latent.save_embeddings(tmp_path / "bare.npy", codes, None))["view_x"]).all()


def test_embeddings_refuse_other_file_types(tmp_path, embedding):
    codes, labels, names, view = embedding
    with pytest.raises(AeguiError, match=r"\.csv, \.npy or \.npz"):
        latent.save_embeddings(tmp_path / "e.json", codes, labels, names, view)
    assert not list(tmp_path.iterdir())


def test_tsne_reports_its_progress():
    codes = np.random.default_rng(0).standard_normal((300, 4)).astype(np.float32)
    seen: list[tuple[int, int]] = []
    latent.project(codes, "tsne", progress=lambda done, total: seen.append((done, total)))
    done = [d for d, _ in seen]
    assert len(seen) > 10 and done == sorted(done) and seen[-1] == (750, 750)


def test_the_timeline_shares_one_plane_and_ends_on_the_scatters_view():
    rng = np.random.default_rng(0)
    epochs = [rng.normal(size=(50, 6)).astype(np.float32) * (1 + i) for i in range(3)]
    scatter = latent.project(epochs[-1], "pca")
    frames = latent.timeline_planes(epochs)
    assert len(frames) == 3 and all(f.shape == (50, 2) for f in frames)
    assert np.allclose(frames[-1], scatter.coords, atol=1e-5)  # the last frame is the scatter's view
    flipped = scatter.components * np.array([[-1.0], [1.0]], np.float32)
    facing = latent.timeline_planes(epochs, flipped)  # the scatter's x axis points the other way
    assert np.allclose(facing[-1][:, 0], -scatter.coords[:, 0], atol=1e-5)
    assert np.allclose(facing[-1][:, 1], scatter.coords[:, 1], atol=1e-5)
    two_d = [e[:, :2] for e in epochs]
    assert np.allclose(latent.timeline_planes(two_d)[0], two_d[0])  # small latents stay as they are
    assert latent.timeline_planes([]) == []


def test_encoding_given_rows_takes_them_a_batch_at_a_time():
    torch.manual_seed(0)
    model = build_model(ModelSpec("cvae", 1, 28, 28, latent_dim=3, hidden=4, num_classes=10)).eval()
    images = torch.randint(0, 256, (12, 1, 28, 28), dtype=torch.uint8)
    labels = torch.arange(12) % 10
    rows = np.array([7, 2, 11, 0, 5])
    z = latent.encode(model, images, labels, batch_size=2, rows=rows)
    assert np.allclose(z, latent.encode(model, images[rows], labels[rows]), atol=1e-5)


def test_tsne_past_its_limit_is_fitted_on_a_subsample_and_places_the_rest(monkeypatch):
    monkeypatch.setattr(latent, "TSNE_MAX_POINTS", 300)
    codes, labels = _blobs(1500)
    p = latent.project(codes, "tsne", seed=1)
    assert p.fitted == 300 and p.coords.shape == (1500, 2) and np.isfinite(p.coords).all()
    # The placed codes land among their own cluster, as the fitted ones do.
    centres = np.stack([p.coords[labels == k].mean(axis=0) for k in range(3)])
    nearest = np.linalg.norm(p.coords[:, None] - centres[None], axis=2).argmin(axis=1)
    assert (nearest == labels).mean() >= 0.95
    assert latent.project(codes[:200], "tsne").fitted is None


def test_tsne_without_opentsne_says_which_extra_to_install(monkeypatch):
    import sys

    from aegui.core.errors import AeguiError
    from aegui.core.latent import project

    monkeypatch.setitem(sys.modules, "openTSNE", None)  # import openTSNE now fails
    codes = np.random.default_rng(0).normal(size=(40, 4)).astype(np.float32)
    with pytest.raises(AeguiError, match=r"pip install 'aegui\[tsne\]'"):
        project(codes, "tsne")
