"""Latent-space tools: 2-D views with inverse maps, grids, interpolation, hover lookup,
sampling and batched encode/decode. Pure numpy/torch, so the GUI and tests share it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from aegui.core.evaluation import as_float, to_uint8
from aegui.core.models import Autoencoder
from aegui.core.pca import fit_pca

PROJECTIONS = ("pca", "tsne", "dims")
TSNE_NEIGHBOURS = 8  # t-SNE has no inverse: a 2-D location maps to the mean code of its neighbours


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

    @property
    def latent_dim(self) -> int:
        return self.codes.shape[1]

    def default_base(self) -> np.ndarray:
        return self.mean.copy() if self.mean is not None else np.zeros(self.latent_dim, np.float32)

    def to_plane(self, z: np.ndarray) -> np.ndarray:
        """Plane positions of codes (M×D). t-SNE places them at their latent neighbours."""
        z = np.atleast_2d(np.asarray(z, np.float32))
        if self.kind == "pca":
            return ((z - self.mean) @ self.components.T).astype(np.float32)
        if self.kind == "tsne":
            idx = _knn(self.codes, z, TSNE_NEIGHBOURS)
            return self.coords[idx].mean(axis=1)
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
            idx = _knn(self.coords, xy, TSNE_NEIGHBOURS)
            return self.codes[idx].mean(axis=1).astype(np.float32)
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
            seed: int = 0, perplexity: float = 30.0) -> Projection:
    """A 2-D view of ``codes``. Latents of size 1 or 2 are shown as they are."""
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
    from sklearn.manifold import TSNE

    perplexity = min(perplexity, max(2.0, (len(codes) - 1) / 3))
    coords = TSNE(2, perplexity=perplexity, init="pca", random_state=seed).fit_transform(codes)
    return Projection("tsne", codes, coords.astype(np.float32))


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


def tile_images(images: np.ndarray, columns: int, gap: int = 0) -> np.ndarray:
    """uint8 N×C×H×W to one C×H'×W' mosaic (rows of ``columns`` tiles)."""
    n, c, h, w = images.shape
    rows = -(-n // columns)
    out = np.zeros((c, rows * (h + gap) - gap, columns * (w + gap) - gap), np.uint8)
    for i in range(n):
        r, col = divmod(i, columns)
        out[:, r * (h + gap) : r * (h + gap) + h, col * (w + gap) : col * (w + gap) + w] = images[i]
    return out


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
def _labels_for(model: Autoencoder, labels, n: int) -> torch.Tensor | None:
    if not model.conditional:
        return None
    if labels is None:
        raise ValueError("A conditional model needs a class for every code.")
    if np.isscalar(labels):
        return torch.full((n,), int(labels), dtype=torch.long)
    return torch.as_tensor(np.asarray(labels), dtype=torch.long)


@torch.inference_mode()
def decode(model: Autoencoder, z: np.ndarray, labels=None, batch_size: int = 1024) -> np.ndarray:
    """uint8 N×C×H×W images for codes (N×D); ``labels`` may be one class for all."""
    z_t = torch.as_tensor(np.atleast_2d(np.asarray(z, np.float32)))
    y = _labels_for(model, labels, len(z_t))
    out = []
    for s in range(0, len(z_t), batch_size):
        yb = None if y is None else y[s : s + batch_size]
        out.append(to_uint8(model.decode(z_t[s : s + batch_size], yb)))
    return torch.cat(out).numpy()


@torch.inference_mode()
def encode(model: Autoencoder, images: torch.Tensor, labels: torch.Tensor | None = None,
           batch_size: int = 1000, progress: Callable[[int, int], None] | None = None,
           should_stop: Callable[[], bool] | None = None) -> np.ndarray | None:
    """Latent codes (z_mean for VAEs) of uint8 images; None when stopped early."""
    device = next(model.parameters()).device
    n, codes = len(images), []
    for s in range(0, n, batch_size):
        if should_stop is not None and should_stop():
            return None
        x = as_float(images[s : s + batch_size], device)
        y = labels[s : s + batch_size].to(device) if model.conditional and labels is not None else None
        codes.append(model.encode(x, y).float().cpu())
        if progress is not None:
            progress(min(n, s + batch_size), n)
    return torch.cat(codes).numpy() if codes else np.zeros((0, model.latent_dim), np.float32)


def reconstruct_one(model: Autoencoder, image: np.ndarray, label: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(code, uint8 reconstruction) of one C×H×W uint8 image."""
    y = None if label is None else torch.tensor([label])
    z = encode(model, torch.as_tensor(image[None]), y)
    return z[0], decode(model, z, None if label is None else label)[0]


# -- export --------------------------------------------------------------------------------
def save_embeddings(path: Path, codes: np.ndarray, labels: np.ndarray | None,
                    class_names: tuple[str, ...] = (), coords: np.ndarray | None = None) -> Path:
    """Codes with labels (and the 2-D view) as .csv, or as .npy (a structured array)."""
    path = Path(path)
    n, d = codes.shape
    labels = np.full(n, -1) if labels is None else np.asarray(labels)
    coords = np.full((n, 2), np.nan, np.float32) if coords is None else coords
    if path.suffix.lower() == ".npy":
        fields = [("label", "i8"), ("view_x", "f4"), ("view_y", "f4")] + [(f"z{i}", "f4") for i in range(d)]
        rec = np.zeros(n, dtype=fields)
        rec["label"], rec["view_x"], rec["view_y"] = labels, coords[:, 0], coords[:, 1]
        for i in range(d):
            rec[f"z{i}"] = codes[:, i]
        np.save(path, rec)
        return path
    if path.suffix.lower() != ".csv":
        raise ValueError("Save embeddings as .csv or .npy.")
    names = [class_names[int(k)] if 0 <= int(k) < len(class_names) else "" for k in labels]
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(["label", "class", "view_x", "view_y", *[f"z{i}" for i in range(d)]]) + "\n")
        for k, name, xy, z in zip(labels, names, coords, codes):
            values = ",".join(f"{v:.6g}" for v in (*xy, *z))
            f.write(f"{int(k)},{name},{values}\n")
    return path
