"""The linear probe: how useful are an autoencoder's codes as features for a classifier,
especially when labels are scarce, against PCA of the same size and raw pixels.

Each feature set is standardised (fitted on the training rows used) and classified by
scikit-learn's ``LogisticRegression``; accuracy is measured on the validation split. For
the label-efficiency curve seeded, class-balanced subsets of the training rows are drawn
for each number of labels per class, :data:`DRAWS` times, and their accuracies averaged
(the subsets of one draw are nested: its 10-label rows hold its 5-label rows). Every label
means one fit on all training rows. The pixel baseline trains on at most
:data:`PIXEL_MAX_TRAIN` rows (a seeded sample), which keeps its largest fit to seconds.

Conditional VAEs are refused: their encoder is given the label, so their codes carry it.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial

import numpy as np
import torch

from aegui.core.analysis.pca_basis import pca_basis_for
from aegui.core.data import DataSplit, ImageDataset
from aegui.core.data.mapped import take
from aegui.core.errors import AeguiError, Cancelled
from aegui.core.latent import encode
from aegui.core.models import Autoencoder
from aegui.core.words import say

LABELS_PER_CLASS: tuple[int | None, ...] = (5, 10, 50, 100, None)  # None: every label
FEATURE_SETS = ("autoencoder", "pca", "pixels")
FEATURE_TITLES = {"autoencoder": "Autoencoder codes", "pca": "PCA (same size)", "pixels": "Raw pixels"}
PIXEL_MAX_TRAIN = 5000
# The pixel probe's float32 training rows stay within this (1,365 rows of 128×128 colour).
PIXEL_MAX_BYTES = 256 * 2**20
PIXEL_CHUNK = 2000  # validation images turned into float pixels at a time
DRAWS = 5  # label subsets drawn per budget: one draw of 10 labels per class varies by ±3 %
KNN_NEIGHBOURS = 5
MAX_ITER = 1000


@dataclass(frozen=True)
class ProbeResult:
    feature_sets: tuple[str, ...] = FEATURE_SETS
    accuracy: dict[str, float] = field(default_factory=dict)  # validation accuracy, every label
    knn_accuracy: float = float("nan")  # k = 5 on the autoencoder's codes, every label
    confusion: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.int64))  # AE; rows = true
    class_names: tuple[str, ...] = ()
    labels_per_class: tuple[int | None, ...] = LABELS_PER_CLASS
    curve: dict[str, list[float]] = field(default_factory=dict)  # accuracy per labels_per_class entry
    curve_std: dict[str, list[float]] = field(default_factory=dict)  # spread over the draws (0 for all)
    draws: int = 1  # seeded label subsets averaged per budget
    latent_dim: int = 0
    pixel_train_rows: int = 0  # training rows the all-labels pixel baseline used
    train_count: int = 0
    val_count: int = 0

    def summary(self) -> dict:
        """The numbers as plain JSON-ready Python (what ``aegui analyze probe --json`` prints)."""
        return {
            "feature_sets": list(self.feature_sets),
            "accuracy": {k: float(v) for k, v in self.accuracy.items()},
            "knn_accuracy": float(self.knn_accuracy),
            "labels_per_class": list(self.labels_per_class),
            "curve": {k: [float(a) for a in v] for k, v in self.curve.items()},
            "curve_std": {k: [float(a) for a in v] for k, v in self.curve_std.items()},
            "draws": int(self.draws),
            "confusion": np.asarray(self.confusion).astype(int).tolist(),
            "class_names": list(self.class_names),
            "latent_dim": int(self.latent_dim),
            "pixel_train_rows": int(self.pixel_train_rows),
            "train_count": int(self.train_count),
            "val_count": int(self.val_count),
        }


def balanced_subset(labels: np.ndarray, per_class: int | None, seed: int = 0) -> np.ndarray:
    """Sorted row indices: ``per_class`` seeded rows of every class (all rows of a class
    with fewer; every row for None). The same seed gives nested subsets."""
    labels = np.asarray(labels)
    if per_class is None:
        return np.arange(len(labels))
    rng = np.random.default_rng(seed)
    parts = [rng.permutation(np.flatnonzero(labels == c))[:per_class] for c in np.unique(labels)]
    return np.sort(np.concatenate(parts))


def probe_features(train_x: np.ndarray, train_y: np.ndarray,
                   val_x: np.ndarray | Callable[[], Iterable[np.ndarray]], val_y: np.ndarray,
                   *, seed: int = 0) -> tuple[float, np.ndarray]:
    """Standardise, fit a logistic regression, and return (validation accuracy, predictions)."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(train_x)
    classifier = LogisticRegression(max_iter=MAX_ITER, random_state=seed)
    with warnings.catch_warnings():
        # A few hundred iterations leave the last digits of accuracy unchanged.
        warnings.simplefilter("ignore", ConvergenceWarning)
        classifier.fit(scaler.transform(train_x), train_y)
    # ``val_x`` may be a callable giving the validation features a chunk at a time (the
    # pixels of a large validation set, never all as floats at once).
    chunks = val_x() if callable(val_x) else [val_x]
    predictions = np.concatenate([classifier.predict(scaler.transform(chunk)) for chunk in chunks])
    return float(np.mean(predictions == val_y)), predictions


def knn_accuracy(train_x: np.ndarray, train_y: np.ndarray, val_x: np.ndarray, val_y: np.ndarray,
                 k: int = KNN_NEIGHBOURS) -> float:
    """k-nearest-neighbour accuracy with Euclidean distances in the space as it is."""
    from sklearn.neighbors import KNeighborsClassifier

    knn = KNeighborsClassifier(n_neighbors=max(1, min(k, len(train_x))))
    knn.fit(train_x, train_y)
    return float(np.mean(knn.predict(val_x) == val_y))


def check_probe_input(model: Autoencoder, split: DataSplit) -> None:
    """Raise a plain AeguiError when the probe cannot run on this model and data."""
    if split.train.labels is None or split.val.labels is None:
        raise AeguiError(say("The linear probe needs labelled data; this dataset has no labels."))
    if model.conditional:
        raise AeguiError(say(
            "A conditional VAE is given the label along with the image, so its codes carry the "
            "answer; probing them for the label is not meaningful. Probe a model that is not conditional."
        ))
    if len(torch.unique(split.train.labels)) < 2:
        raise AeguiError(say(
            "The linear probe needs at least two classes in the training split; this experiment "
            "keeps only one. Probe a model trained on more classes."
        ))


def linear_probe(
    model: Autoencoder,
    split: DataSplit,
    *,
    seed: int = 0,
    labels_per_class: tuple[int | None, ...] = LABELS_PER_CLASS,
    draws: int = DRAWS,
    should_stop: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ProbeResult:
    """Probe the codes of ``model`` (``z_mean`` for a VAE) against PCA of the same size and
    raw pixels. ``progress(step, total)`` follows every encode and fit; raises
    :class:`Cancelled` when ``should_stop()`` returns True."""
    check_probe_input(model, split)
    stop = should_stop or (lambda: False)
    entries = tuple(labels_per_class) if None in labels_per_class else (*labels_per_class, None)
    draws = max(1, int(draws))
    total = 3 + len(FEATURE_SETS) * sum(1 if n is None else draws for n in entries)
    done = [0]

    def step() -> None:
        if stop():
            raise Cancelled("The linear probe was stopped.")
        done[0] += 1
        if progress is not None:
            progress(done[0], total)

    train, val = split.train, split.val
    assert train.labels is not None and val.labels is not None  # check_probe_input said so
    train_y, val_y = train.labels.numpy(), val.labels.numpy()
    codes = (encode(model, train.images, should_stop=stop), encode(model, val.images, should_stop=stop))
    step()
    basis = pca_basis_for(train.images, model.latent_dim, should_stop=stop)
    pca = (basis.project(train.images).float().numpy(), basis.project(val.images).float().numpy())
    step()
    pixel_cap = max(1, min(PIXEL_MAX_TRAIN, PIXEL_MAX_BYTES // (4 * int(np.prod(train.shape)))))
    pixel_rows = _capped(np.arange(len(train_y)), pixel_cap, seed)

    accuracies: dict[str, list[list[float]]] = {name: [] for name in FEATURE_SETS}
    predictions = None
    for n in entries:
        per_draw: dict[str, list[float]] = {name: [] for name in FEATURE_SETS}
        for draw in range(1 if n is None else draws):
            subset = balanced_subset(train_y, n, seed + draw)
            for name in FEATURE_SETS:
                rows = subset
                x_val: np.ndarray | Callable[[], Iterable[np.ndarray]]
                if name == "autoencoder":
                    x_train, x_val = codes[0][rows], codes[1]
                elif name == "pca":
                    x_train, x_val = pca[0][rows], pca[1]
                else:
                    rows = pixel_rows if n is None else _capped(rows, pixel_cap, seed)
                    x_train, x_val = _pixels(train, rows), partial(_pixel_chunks, val)
                acc, pred = probe_features(x_train, train_y[rows], x_val, val_y, seed=seed)
                per_draw[name].append(acc)
                if name == "autoencoder" and n is None:
                    predictions = pred
                step()
        for name in FEATURE_SETS:
            accuracies[name].append(per_draw[name])
    knn = knn_accuracy(codes[0], train_y, codes[1], val_y)
    step()

    from sklearn.metrics import confusion_matrix

    names = _class_names(train, val)
    keep = [i for i, n in enumerate(entries) if n in labels_per_class]
    everything = entries.index(None)
    return ProbeResult(
        feature_sets=FEATURE_SETS,
        accuracy={name: accuracies[name][everything][0] for name in FEATURE_SETS},
        knn_accuracy=knn,
        confusion=confusion_matrix(val_y, predictions, labels=np.arange(len(names))),
        class_names=names,
        labels_per_class=tuple(labels_per_class),
        curve={name: [float(np.mean(accuracies[name][i])) for i in keep] for name in FEATURE_SETS},
        curve_std={name: [float(np.std(accuracies[name][i])) for i in keep] for name in FEATURE_SETS},
        draws=draws,
        latent_dim=model.latent_dim,
        pixel_train_rows=len(pixel_rows),
        train_count=len(train),
        val_count=len(val),
    )


def _pixels(data: ImageDataset, rows: np.ndarray | None = None) -> np.ndarray:
    images = data.images if rows is None else take(data.images, np.asarray(rows))
    return images.flatten(1).float().div_(255.0).cpu().numpy()


def _pixel_chunks(data: ImageDataset) -> Iterator[np.ndarray]:
    """The float pixels of ``data``, PIXEL_CHUNK images at a time (fewer for large images:
    a chunk stays within PIXEL_MAX_BYTES)."""
    step = max(1, min(PIXEL_CHUNK, PIXEL_MAX_BYTES // (4 * int(np.prod(data.shape)))))
    for start in range(0, len(data), step):
        yield _pixels(data, np.arange(start, min(len(data), start + step)))


def _capped(rows: np.ndarray, cap: int, seed: int) -> np.ndarray:
    if len(rows) <= cap:
        return rows
    return np.sort(np.random.default_rng(seed + 1).choice(rows, cap, replace=False))


def _class_names(train: ImageDataset, val: ImageDataset) -> tuple[str, ...]:
    assert train.labels is not None and val.labels is not None
    n = max(len(train.class_names), int(train.labels.max()) + 1, int(val.labels.max()) + 1)
    names = list(train.class_names) + [str(i) for i in range(len(train.class_names), n)]
    return tuple(names)
