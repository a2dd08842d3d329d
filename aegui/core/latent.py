"""Latent-space tools: 2-D views with inverse maps, grids, interpolation, hover lookup,
sampling and batched encode/decode. Pure numpy/torch, so the GUI and tests share it."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import torch

from aegui.core.checkpoint import atomic_write
from aegui.core.csv_safe import SafeWriter
from aegui.core.data.mapped import take
from aegui.core.errors import AeguiError, Cancelled
from aegui.core.evaluation import as_float, to_uint8
from aegui.core.imaging import tile_images as tile_images  # re-exported: one tiler
from aegui.core.models import Autoencoder
from aegui.core.pca import fit_pca
from aegui.core.words import say

PROJECTIONS = ("pca", "tsne", "dims")
TSNE_NEIGHBOURS = 8  # t-SNE has no inverse: a 2-D location maps to the mean code of its neighbours
# One thread: openTSNE's threads crawl when the cores are busy (a training run, the GUI);
# a second thread saves a third of the time on an idle machine, but costs 2× on a busy one.
TSNE_JOBS = 1
TSNE_NEEDED = say("The t-SNE view needs openTSNE: pip install 'aegui[tsne]' (or pip install openTSNE).")
# t-SNE's cost grows with the points; past this many it is fitted on a seeded subsample.
TSNE_MAX_POINTS = 10_000
TSNE_ITERATIONS = 750  # openTSNE's defaults: 250 early-exaggeration iterations, then 500
EMBEDDING_SUFFIXES = (".csv", ".npy", ".npz")


# -- projections ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Projection:
    """A 2-D view of N latent codes, with a way back from the plane to latent space.

    ``coords`` are the codes' positions in the view. ``to_latent`` maps plane points to
    codes; off-plane components come from ``base`` (PCA and chosen-dims views).
    """

    kind: str
    codes: np.ndarray  # N×D float32
    coords: np.ndarray  # N×2 float32
    dims: tuple[int, int] = (0, 1)
    mean: np.ndarray | None = None  # PCA
    components: np.ndarray | None = None  # PCA, 2×D orthonormal rows
    # t-SNE fitted on these codes only (the others placed among them); None: on all
    fitted_rows: np.ndarray | None = None

    @property
    def fitted(self) -> int | None:
        """How many codes t-SNE was fitted on, when not all of them."""
        return None if self.fitted_rows is None else len(self.fitted_rows)

    def _tsne_reference(self) -> tuple[np.ndarray, np.ndarray]:
        """The codes and positions t-SNE fitted: the ones the view maps through."""
        if self.fitted_rows is None:
            return self.codes, self.coords
        return self.codes[self.fitted_rows], self.coords[self.fitted_rows]

    @property
    def latent_dim(self) -> int:
        return self.codes.shape[1]

    def default_base(self) -> np.ndarray:
        return self.mean.copy() if self.mean is not None else np.zeros(self.latent_dim, np.float32)

    def to_plane(self, z: np.ndarray) -> np.ndarray:
        """Plane positions of codes (M×D). t-SNE places them at their latent neighbours."""
        z = np.atleast_2d(np.asarray(z, np.float32))
        if self.kind == "pca":
            assert self.mean is not None and self.components is not None
            return ((z - self.mean) @ self.components.T).astype(np.float32)
        if self.kind == "tsne":
            codes, coords = self._tsne_reference()
            idx = _knn(codes, z, TSNE_NEIGHBOURS)
            return coords[idx].mean(axis=1)
        return _pick_dims(z, self.dims)

    def to_latent(self, xy: np.ndarray, base: np.ndarray | None = None) -> np.ndarray:
        """Codes (M×D) for plane points (M×2)."""
        xy = np.atleast_2d(np.asarray(xy, np.float32))
        base = self.default_base() if base is None else np.asarray(base, np.float32)
        if self.kind == "pca":
            # Keep the base's off-plane part; move it within the plane.
            offset = (xy - self.to_plane(base)) @ self.components
            return (base + offset).astype(np.float32)
        if self.kind == "tsne":
            codes, coords = self._tsne_reference()
            idx = _knn(coords, xy, TSNE_NEIGHBOURS)
            return codes[idx].mean(axis=1).astype(np.float32)
        z = np.repeat(base[None, :], len(xy), axis=0)
        z[:, self.dims[0]] = xy[:, 0]
        if self.dims[1] != self.dims[0]:
            z[:, self.dims[1]] = xy[:, 1]
        return z


def _pick_dims(z: np.ndarray, dims: tuple[int, int]) -> np.ndarray:
    x = z[:, dims[0]]
    y = z[:, dims[1]] if dims[1] != dims[0] else np.zeros_like(x)  # a 1-D latent lies on a line
    return np.stack([x, y], axis=1).astype(np.float32)


def _knn(points: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    from sklearn.neighbors import KDTree

    k = min(k, len(points))
    return KDTree(points).query(queries, k=k, return_distance=False)


def project(codes: np.ndarray, kind: str = "pca", dims: tuple[int, int] = (0, 1),
            seed: int = 0, perplexity: float = 30.0,
            should_stop: Callable[[], bool] | None = None,
            progress: Callable[[int, int], None] | None = None) -> Projection:
    """A 2-D view of ``codes``. Latents of size 1 or 2 are shown as they are.

    t-SNE is seeded (the same codes and seed give the same view) and raises
    :class:`Cancelled` soon after ``should_stop()`` returns True.
    """
    codes = np.ascontiguousarray(codes, np.float32)
    d = codes.shape[1]
    if kind not in PROJECTIONS:
        raise ValueError(f"Unknown projection {kind!r}; choose one of {PROJECTIONS}.")
    if d <= 2 or kind == "dims":
        dims = (0, 0) if d == 1 else dims if kind == "dims" else (0, 1)
        if not all(0 <= i < d for i in dims):
            raise ValueError(f"Dimensions {dims} are outside a latent space of size {d}.")
        return Projection("dims", codes, _pick_dims(codes, dims), dims)
    if kind == "pca":
        pca = fit_pca(torch.from_numpy(codes), 2)
        mean, comp = pca.mean.numpy(), pca.components.numpy()
        if comp.shape[0] < 2:  # a single code: any orthonormal pair will do
            comp = np.eye(2, d, dtype=np.float32)
        coords = ((codes - mean) @ comp.T).astype(np.float32)
        return Projection("pca", codes, coords, mean=mean, components=comp)
    if len(codes) <= TSNE_MAX_POINTS:
        coords = _tsne_coords(codes, seed, perplexity, should_stop or (lambda: False), progress)
        return Projection("tsne", codes, coords)
    # Past TSNE_MAX_POINTS, t-SNE is fitted on a seeded subsample, and every other code is
    # placed at the mean position of its nearest fitted codes (what to_plane does).
    fitted = np.sort(np.random.default_rng(seed).choice(len(codes), TSNE_MAX_POINTS, replace=False))
    sub = _tsne_coords(codes[fitted], seed, perplexity, should_stop or (lambda: False), progress)
    coords = _place_by_neighbours(codes, codes[fitted], sub, should_stop or (lambda: False))
    coords[fitted] = sub
    return Projection("tsne", codes, coords, fitted_rows=fitted)


PLACE_DIMS = 10  # neighbours for placing codes are searched in this many PCA dimensions
PLACE_CHUNK = 20_000


def _place_by_neighbours(codes: np.ndarray, reference: np.ndarray, reference_xy: np.ndarray,
                         should_stop: Callable[[], bool]) -> np.ndarray:
    """Plane positions of ``codes``: the mean of their ``TSNE_NEIGHBOURS`` nearest
    ``reference`` codes' positions. The search runs in the reference's first PCA
    dimensions, where a KD-tree is fast, a chunk at a time (a stop lands between chunks)."""
    from sklearn.neighbors import KDTree

    pca = fit_pca(torch.from_numpy(reference), min(PLACE_DIMS, reference.shape[1]))
    mean, comp = pca.mean.numpy(), pca.components.numpy()
    tree = KDTree((reference - mean) @ comp.T)
    out = np.empty((len(codes), 2), np.float32)
    for start in range(0, len(codes), PLACE_CHUNK):
        if should_stop():
            raise Cancelled("Placing the codes was stopped.")
        part = (codes[start:start + PLACE_CHUNK] - mean) @ comp.T
        idx = tree.query(part, k=min(TSNE_NEIGHBOURS, len(reference)), return_distance=False)
        out[start:start + PLACE_CHUNK] = reference_xy[idx].mean(axis=1)
    return out



def timeline_planes(latents: list[np.ndarray], reference: np.ndarray | None = None) -> list[np.ndarray]:
    """Every epoch's codes (each N×D) in one 2-D plane, for the latent timeline: the PCA
    view of the last epoch (the organised space; :func:`project`, as the scatter uses),
    so the axes do not jump between frames. Latents of size 1 or 2 are shown as they
    are. With the scatter's PCA axes (2×D) as ``reference``, each axis takes the sign
    that faces the same way, so the last frame looks like the scatter."""
    if not latents:
        return []
    view = project(latents[-1], "pca")
    if view.components is not None and reference is not None and reference.shape == view.components.shape:
        facing = (view.components * reference).sum(axis=1)
        signs = np.where(facing < 0, -1.0, 1.0).astype(np.float32)
        view = replace(view, components=view.components * signs[:, None])
    return [view.to_plane(z) for z in latents]

class _StopCheck:
    """An openTSNE callback: returning True ends the optimisation, and we remember why."""

    def __init__(self, should_stop: Callable[[], bool],
                 progress: Callable[[int, int], None] | None = None, every: int = 1):
        self.should_stop = should_stop
        self.stopped = False
        self.progress, self.every, self.done = progress, every, 0

    def __call__(self, iteration: int, error: float, embedding: np.ndarray) -> bool:
        self.stopped = self.stopped or bool(self.should_stop())
        self.done += self.every
        if self.progress is not None:
            self.progress(min(self.done, TSNE_ITERATIONS), TSNE_ITERATIONS)
        return self.stopped

    def check(self) -> None:
        """Ask once more, between the steps that openTSNE cannot interrupt."""
        self.stopped = self.stopped or bool(self.should_stop())
        self.raise_if_stopped()

    def raise_if_stopped(self) -> None:
        if self.stopped:
            raise Cancelled("t-SNE was stopped.")


KNN_CHUNK = 256  # query rows per neighbour-search step; a stop is checked between steps


def _nearest_neighbors(codes: np.ndarray, k: int, stop: _StopCheck) -> tuple[np.ndarray, np.ndarray]:
    """The k nearest other codes of every code (indices, Euclidean distances), exact."""
    from sklearn.neighbors import NearestNeighbors

    n = len(codes)
    index = NearestNeighbors(n_neighbors=k + 1).fit(codes)
    neighbors = np.empty((n, k), np.int64)
    distances = np.empty((n, k), np.float32)
    for start in range(0, n, KNN_CHUNK):
        stop.check()
        rows = np.arange(start, min(n, start + KNN_CHUNK))
        dist, idx = index.kneighbors(codes[rows])
        # Drop each code itself (not always first when codes repeat), else the farthest.
        is_self = idx == rows[:, None]
        is_self[~is_self.any(axis=1), -1] = True
        keep = ~is_self
        neighbors[rows] = idx[keep].reshape(len(rows), k)
        distances[rows] = dist[keep].reshape(len(rows), k)
    return neighbors, distances


def _tsne_coords(codes: np.ndarray, seed: int, perplexity: float,
                 should_stop: Callable[[], bool],
                 progress: Callable[[int, int], None] | None = None) -> np.ndarray:
    """N×2 float32 t-SNE positions of N×D codes (openTSNE, Barnes-Hut below 10,000 points)."""
    n = len(codes)
    stop = _StopCheck(should_stop)
    stop.check()
    if n < 2 or not np.ptp(codes, axis=0).any():
        return np.zeros((n, 2), np.float32)  # nothing to separate, and PCA init would divide by 0
    try:
        from openTSNE import TSNE, affinity, nearest_neighbors
    except ImportError:
        raise AeguiError(TSNE_NEEDED) from None

    # openTSNE needs 3 × perplexity ≤ N - 1 neighbours.
    perplexity = min(float(perplexity), (n - 1) / 3)
    # The neighbour search is ours, in chunks, so a stop lands between chunks: openTSNE's
    # own search cannot be interrupted and takes seconds on 10,000 codes.
    neighbors, distances = _nearest_neighbors(codes, min(n - 1, max(1, int(3 * perplexity))), stop)
    affinities = affinity.PerplexityBasedNN(
        knn_index=nearest_neighbors.PrecomputedNeighbors(neighbors, distances),
        perplexity=perplexity, n_jobs=TSNE_JOBS, random_state=seed)
    stop.check()
    # Ask often enough that a stop lands within ~0.2 s: an iteration costs a few µs per point.
    every = int(np.clip(20_000 // n, 1, 10))
    stop.progress, stop.every = progress, every
    tsne = TSNE(2, initialization="pca", random_state=seed, n_jobs=TSNE_JOBS,
                callbacks=stop, callbacks_every_iters=every)
    # On a stop, fit() returns the partial embedding: the flag tells it apart from a finished one.
    coords = np.asarray(tsne.fit(codes, affinities=affinities), dtype=np.float32)
    stop.raise_if_stopped()
    return coords


@dataclass(frozen=True)
class Embedding:
    """Encoded dataset rows and their current 2-D view."""

    codes: np.ndarray  # N×D
    labels: np.ndarray | None  # N, or None for unlabelled data
    rows: np.ndarray  # which dataset rows were encoded, in point order
    projection: Projection

    def __len__(self) -> int:
        return len(self.codes)


# -- grids and paths -----------------------------------------------------------------------
def grid_points(x_range: tuple[float, float], y_range: tuple[float, float], n: int) -> np.ndarray:
    """n×n plane points, row-major, top row first (largest y), as in the Keras VAE figure."""
    xs = np.linspace(x_range[0], x_range[1], n, dtype=np.float32)
    ys = np.linspace(y_range[1], y_range[0], n, dtype=np.float32)
    gx, gy = np.meshgrid(xs, ys)
    return np.stack([gx.ravel(), gy.ravel()], axis=1)


def interpolate(a: np.ndarray, b: np.ndarray, steps: int, method: str = "linear") -> np.ndarray:
    """``steps`` codes from ``a`` to ``b`` inclusive; ``slerp`` follows the great circle,
    which keeps the norm typical of Gaussian samples instead of shrinking it mid-way."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    t = np.linspace(0.0, 1.0, steps)[:, None]
    if method == "linear":
        return ((1 - t) * a + t * b).astype(np.float32)
    if method != "slerp":
        raise ValueError("Interpolate with 'linear' or 'slerp'.")
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    if na < 1e-8 or nb < 1e-8:
        return interpolate(a, b, steps, "linear")
    omega = np.arccos(np.clip(np.dot(a / na, b / nb), -1.0, 1.0))
    if omega < 1e-6:
        return interpolate(a, b, steps, "linear")
    so = np.sin(omega)
    return (np.sin((1 - t) * omega) / so * a + np.sin(t * omega) / so * b).astype(np.float32)


# -- hover lookup --------------------------------------------------------------------------
class GridIndex:
    """Nearest point within an elliptical radius, via a uniform grid of buckets.

    Built once per embedding (a sort), queried in microseconds: each grid row of
    buckets is one contiguous slice of the sorted points, so a query touches only the
    few rows under the cursor. Radii are per axis because pixels map to different data
    units on x and y.
    """

    def __init__(self, points: np.ndarray, per_cell: float = 4.0):
        self.points = np.ascontiguousarray(points, np.float64)
        n = len(self.points)
        lo = self.points.min(axis=0) if n else np.zeros(2)
        hi = self.points.max(axis=0) if n else np.ones(2)
        self.lo = lo
        self.cells = int(np.clip(np.sqrt(max(n, 1) / per_cell), 1, 2048))
        self.size = np.maximum((hi - lo) / self.cells, 1e-12)
        cx, cy = self._cell(self.points)
        cell_id = cy * self.cells + cx
        self.order = np.argsort(cell_id, kind="stable")
        self.starts = np.searchsorted(cell_id[self.order], np.arange(self.cells * self.cells + 1))
        self.sorted_points = self.points[self.order]

    def _cell(self, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        c = np.floor((p - self.lo) / self.size).astype(np.int64)
        c = np.clip(c, 0, self.cells - 1)
        return c[..., 0], c[..., 1]

    def nearest(self, x: float, y: float, rx: float, ry: float) -> int:
        """Index of the closest point with ((dx/rx)² + (dy/ry)²) ≤ 1, or -1."""
        if not len(self.points):
            return -1
        (x0, x1), (y0, y1) = self._cell(np.array([[x - rx, y - ry], [x + rx, y + ry]]))
        x0, x1, y0, y1 = int(x0), int(x1), int(y0), int(y1)
        slices = [(self.starts[r * self.cells + x0], self.starts[r * self.cells + x1 + 1])
                  for r in range(y0, y1 + 1)]
        idx = np.concatenate([np.arange(a, b) for a, b in slices if b > a] or [np.empty(0, np.int64)])
        if not len(idx):
            return -1
        p = self.sorted_points[idx]
        d = ((p[:, 0] - x) / rx) ** 2 + ((p[:, 1] - y) / ry) ** 2
        best = int(np.argmin(d))
        return int(self.order[idx[best]]) if d[best] <= 1.0 else -1


# -- sampling ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Gaussian:
    mean: np.ndarray  # D
    chol: np.ndarray  # D×D lower-triangular factor of the covariance

    def sample(self, m: int, temperature: float = 1.0, seed: int | None = None) -> np.ndarray:
        eps = np.random.default_rng(seed).standard_normal((m, len(self.mean)))
        return (self.mean + temperature * eps @ self.chol.T).astype(np.float32)


def standard_normal(dim: int) -> Gaussian:
    """The VAE prior N(0, I)."""
    return Gaussian(np.zeros(dim), np.eye(dim))


def fit_gaussian(codes: np.ndarray) -> Gaussian:
    """A full-covariance Gaussian fitted to encoded data: a plain autoencoder has no prior."""
    codes = np.asarray(codes, np.float64)
    mean = codes.mean(axis=0)
    cov = np.atleast_2d(np.cov(codes, rowvar=False)) if len(codes) > 1 else np.eye(codes.shape[1])
    cov = cov + 1e-6 * np.eye(len(mean)) * max(1.0, float(np.trace(cov)) / len(mean))
    return Gaussian(mean, np.linalg.cholesky(cov))


# -- batched encode / decode ---------------------------------------------------------------
# Chunk sizes the tabs decode and encode in. On CPU a chunk that fits the caches beats one
# large batch: a 900-image grid decodes about 2× faster in chunks of 64 than in one call,
# and 10,000 images encode faster in chunks of 256 than of 1,000 (bench/latent_explorer.py).
GRID_CHUNK = 64
ENCODE_CHUNK = 256
def _labels_for(model: Autoencoder, labels, n: int) -> torch.Tensor | None:
    if not model.conditional:
        return None
    if labels is None:
        raise ValueError("A conditional model needs a class for every code.")
    if np.isscalar(labels):
        return torch.full((n,), int(np.asarray(labels).item()), dtype=torch.long)
    return torch.as_tensor(np.asarray(labels), dtype=torch.long)


@torch.inference_mode()
def decode(model: Autoencoder, z: np.ndarray, labels=None, batch_size: int = 1024) -> np.ndarray:
    """uint8 N×C×H×W CPU images for codes (N×D); ``labels`` may be one class for all."""
    device = next(model.parameters()).device
    z_t = torch.as_tensor(np.atleast_2d(np.asarray(z, np.float32)), device=device)
    y = _labels_for(model, labels, len(z_t))
    y = None if y is None else y.to(device)
    out = []
    for s in range(0, len(z_t), batch_size):
        yb = None if y is None else y[s : s + batch_size]
        out.append(to_uint8(model.decode(z_t[s : s + batch_size], yb)))
    return torch.cat(out).contiguous().numpy()  # NCHW, whatever layout the model ran in


@torch.inference_mode()
def encode(model: Autoencoder, images: torch.Tensor, labels: torch.Tensor | None = None,
           batch_size: int = ENCODE_CHUNK, progress: Callable[[int, int], None] | None = None,
           should_stop: Callable[[], bool] | None = None, rows: np.ndarray | None = None) -> np.ndarray:
    """Latent codes (z_mean for VAEs) of uint8 images, as N×D float32 CPU numpy.

    ``rows``: encode only these rows of ``images`` (and ``labels``), in that order, taken a
    batch at a time, so a sample of a large dataset is never copied whole. Batches go to
    the model's device, wherever the images are. Raises :class:`Cancelled` when
    ``should_stop()`` returns True (it is asked before every batch).
    """
    device = next(model.parameters()).device
    n, codes = (len(images) if rows is None else len(rows)), []
    for s in range(0, n, batch_size):
        if should_stop is not None and should_stop():
            raise Cancelled("Encoding was stopped.")
        if rows is None:
            batch, batch_labels = images[s : s + batch_size], None if labels is None else labels[s : s + batch_size]
        else:
            part = rows[s : s + batch_size]
            batch = take(images, part)  # a mapped dataset's scattered rows, read without the mapping
            batch_labels = None if labels is None else labels[torch.from_numpy(part)]
        x = as_float(batch, device)
        y = batch_labels.to(device) if model.conditional and batch_labels is not None else None
        codes.append(model.encode(x, y).float().cpu())
        if progress is not None:
            progress(min(n, s + batch_size), n)
    return torch.cat(codes).numpy() if codes else np.zeros((0, model.latent_dim), np.float32)


def reconstruct_one(model: Autoencoder, image: np.ndarray,
                    label: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(code, uint8 reconstruction) of one C×H×W uint8 image."""
    y = None if label is None else torch.tensor([label])
    z = encode(model, torch.as_tensor(image[None]), y)
    return z[0], decode(model, z, None if label is None else label)[0]


# -- export --------------------------------------------------------------------------------
def check_embedding_path(path: Path) -> str:
    """The file type of ``path`` (``.csv``, ``.npy`` or ``.npz``); refuses any other."""
    suffix = Path(path).suffix.lower()
    if suffix not in EMBEDDING_SUFFIXES:
        raise AeguiError(say("Save embeddings as a .csv, .npy or .npz file, not {file}.", file=Path(path).name))
    return suffix


def save_embeddings(path: Path, codes: np.ndarray, labels: np.ndarray | None,
                    class_names: tuple[str, ...] = (), coords: np.ndarray | None = None) -> Path:
    """Write codes with their labels, class names and (when given) 2-D view positions.

    - ``.csv``: columns label, class, [view_x, view_y,] z0, z1, …
    - ``.npz``: arrays ``z``, ``labels``, ``class_names`` and, with a view, ``view`` (N×2)
    - ``.npy``: one structured array with fields label, view_x, view_y (NaN without a
      view), z0, z1, …

    Unlabelled rows have label -1. The file is replaced atomically.
    """
    path = Path(path)
    suffix = check_embedding_path(path)
    codes = np.asarray(codes, np.float32)
    labels = np.full(len(codes), -1, np.int64) if labels is None else np.asarray(labels, np.int64)
    coords = None if coords is None else np.asarray(coords, np.float32)
    writers = {".csv": _embeddings_csv, ".npy": _embeddings_npy, ".npz": _embeddings_npz}
    payload = writers[suffix](codes, labels, tuple(class_names), coords)
    atomic_write(path, lambda handle: handle.write(payload))
    return path


def _embeddings_csv(codes: np.ndarray, labels: np.ndarray, class_names: tuple[str, ...],
                    coords: np.ndarray | None) -> bytes:
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator="\n")
    view = ["view_x", "view_y"] if coords is not None else []
    writer.writerow(["label", "class", *view, *[f"z{i}" for i in range(codes.shape[1])]])
    for i, k in enumerate(labels):
        name = class_names[k] if 0 <= k < len(class_names) else ""
        values = (*coords[i], *codes[i]) if coords is not None else codes[i]
        writer.writerow([int(k), name, *[f"{v:.6g}" for v in values]])
    return buffer.getvalue().encode("utf-8")


def _embeddings_npy(codes: np.ndarray, labels: np.ndarray, class_names: tuple[str, ...],
                    coords: np.ndarray | None) -> bytes:
    # class_names is unused: a structured array has no place for them (use .npz)
    n, d = codes.shape
    coords = np.full((n, 2), np.nan, np.float32) if coords is None else coords
    fields = [("label", "i8"), ("view_x", "f4"), ("view_y", "f4")] + [(f"z{i}", "f4") for i in range(d)]
    rec = np.zeros(n, dtype=fields)
    rec["label"], rec["view_x"], rec["view_y"] = labels, coords[:, 0], coords[:, 1]
    for i in range(d):
        rec[f"z{i}"] = codes[:, i]
    buffer = io.BytesIO()
    np.save(buffer, rec)
    return buffer.getvalue()


def _embeddings_npz(codes: np.ndarray, labels: np.ndarray, class_names: tuple[str, ...],
                    coords: np.ndarray | None) -> bytes:
    arrays: dict[str, Any] = {"z": codes, "labels": labels, "class_names": np.array(class_names, dtype=str)}
    if coords is not None:
        arrays["view"] = coords
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()
