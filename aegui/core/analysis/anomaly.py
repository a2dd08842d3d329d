"""Anomaly detection by reconstruction error: per-image scores, thresholds, and how well
a score separates normal images from anomalies (ROC, precision-recall, per class).

Scores are "higher = stranger". They are computed on the clean image (no corruption,
the model in eval mode, a VAE's mean code), so the same model and images always give
the same scores.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import torch

from aegui.core.choices import RECON_LOSSES
from aegui.core.errors import AeguiError, Cancelled
from aegui.core.evaluation import as_float
from aegui.core.losses import kl_per_image, reconstruction_loss_per_image
from aegui.core.metrics import mse
from aegui.core.models import Autoencoder
from aegui.core.words import say

SCORE_KINDS = ("mse", "loss")
SCORE_TITLES = {"mse": "Reconstruction MSE", "loss": "Training loss (−ELBO for a VAE)"}


def anomaly_scores(
    model: Autoencoder,
    images: torch.Tensor,
    labels: torch.Tensor | None,
    *,
    kind: str = "mse",
    loss_kind: str = "bce",
    beta: float = 1.0,
    batch_size: int = 500,
    should_stop: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> np.ndarray:
    """One float64 score per uint8 image (N×C×H×W, any device); higher is stranger.

    ``"mse"`` is the mean squared error over the pixels of the image in [0, 1].
    ``"loss"`` is the per-image training loss: the reconstruction loss ``loss_kind``
    summed over the pixels, plus ``beta`` × KL for a variational model (with BCE and
    β = 1 the negative ELBO in nats, evaluated at the mean code). A conditional model is
    given each image's label. Raises :class:`Cancelled` when ``should_stop()`` is True
    (asked before every batch); ``progress(done, total)`` follows every batch.
    """
    if kind not in SCORE_KINDS:
        raise AeguiError(say("Unknown anomaly score {score!r}; choose mse or loss.", score=kind))
    if loss_kind not in RECON_LOSSES:
        raise AeguiError(say("Unknown loss {loss!r}; choose mse or bce.", loss=loss_kind))
    _check_labels_for(model, labels, len(images))
    device = next(model.parameters()).device
    n = len(images)
    out = np.empty(n, dtype=np.float64)
    was_training = model.training
    model.eval()
    try:
        with torch.inference_mode():
            for start in range(0, n, batch_size):
                if should_stop is not None and should_stop():
                    raise Cancelled("Scoring was stopped.")
                clean = as_float(images[start : start + batch_size], device)
                y = (labels[start : start + batch_size].to(device)
                     if model.conditional and labels is not None else None)
                output = model(clean, y)
                if kind == "mse":
                    score = mse(output.recon, clean)
                else:
                    score = reconstruction_loss_per_image(output, clean, loss_kind).float()
                    if model.variational:
                        score = score + beta * kl_per_image(output).float()
                out[start : start + len(clean)] = score.double().cpu().numpy()
                if progress is not None:
                    progress(min(n, start + batch_size), n)
    finally:
        model.train(was_training)
    return out


def _check_labels_for(model: Autoencoder, labels: torch.Tensor | None, n: int) -> None:
    if not model.conditional:
        return
    if labels is None or len(labels) != n:
        raise AeguiError(say(
            "A conditional VAE reconstructs an image from its class label, and these images "
            "have no labels. Score them with a model that is not conditional."
        ))
    classes = model.spec.num_classes
    if n and (int(labels.min()) < 0 or int(labels.max()) >= classes):
        raise AeguiError(say(
            "This conditional VAE knows {count} classes, but these images have labels "
            "outside 0 to {last}.", count=classes, last=classes - 1
        ))


# -- separation -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Separation:
    """How well scores separate anomalies (the positive class) from normal images."""

    fpr: np.ndarray
    tpr: np.ndarray
    auroc: float
    precision: np.ndarray
    recall: np.ndarray
    average_precision: float


def separation(normal_scores: np.ndarray, anomaly_scores: np.ndarray) -> Separation:
    """ROC and precision-recall curves, AUROC and average precision (scikit-learn)."""
    from sklearn.metrics import average_precision_score, precision_recall_curve, roc_auc_score, roc_curve

    y, s = _labelled_scores(normal_scores, anomaly_scores)
    fpr, tpr, _ = roc_curve(y, s)
    precision, recall, _ = precision_recall_curve(y, s)
    return Separation(
        fpr=fpr, tpr=tpr, auroc=float(roc_auc_score(y, s)),
        precision=precision, recall=recall, average_precision=float(average_precision_score(y, s)),
    )


def auroc(normal_scores: np.ndarray, anomaly_scores: np.ndarray) -> float:
    """The area under the ROC curve alone, anomalies positive."""
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(*_labelled_scores(normal_scores, anomaly_scores)))


def _labelled_scores(normal: np.ndarray, anomalous: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    normal = np.asarray(normal, np.float64).ravel()
    anomalous = np.asarray(anomalous, np.float64).ravel()
    if len(normal) == 0 or len(anomalous) == 0:
        raise AeguiError(say("Comparing scores needs at least one normal image and one anomaly."))
    s = np.concatenate([normal, anomalous])
    if not np.isfinite(s).all():
        raise AeguiError(say("Some scores are not finite numbers, so they cannot be compared."))
    y = np.concatenate([np.zeros(len(normal), np.int8), np.ones(len(anomalous), np.int8)])
    return y, s


def per_class_auroc(scores: np.ndarray, labels: np.ndarray, normal_classes: Iterable[int]) -> dict[int, float]:
    """For each class present that is not normal: the AUROC of its images' scores against
    the normal classes' scores. Empty when no normal image is present. Average the values
    with :func:`mean_auroc` for the one-class benchmark's summary number."""
    scores = np.asarray(scores, np.float64).ravel()
    labels = np.asarray(labels).ravel()
    if len(scores) != len(labels):
        raise ValueError(f"{len(scores)} scores but {len(labels)} labels.")
    normal_set = {int(c) for c in normal_classes}
    is_normal = np.isin(labels, list(normal_set))
    if not is_normal.any():
        return {}
    normal = scores[is_normal]
    return {int(c): auroc(normal, scores[labels == c])
            for c in np.unique(labels) if int(c) not in normal_set}


def mean_auroc(per_class: dict[int, float]) -> float:
    """The mean of a per-class table (NaN when it is empty)."""
    return float(np.mean(list(per_class.values()))) if per_class else math.nan


# -- thresholds and ranking -----------------------------------------------------------------
def threshold_at_fpr(normal_scores: np.ndarray, fpr: float) -> float:
    """The lowest normal score ``t`` such that at most ``fpr`` of the normal scores are
    strictly above it: flagging ``score > t`` has a false-positive rate ≤ ``fpr``."""
    normal = np.sort(np.asarray(normal_scores, np.float64).ravel())
    if len(normal) == 0:
        raise AeguiError(say("A threshold needs at least one normal score."))
    if not 0.0 <= fpr <= 1.0:
        raise ValueError(f"The false-positive rate must be between 0 and 1, not {fpr}.")
    allowed = math.floor(fpr * len(normal) + 1e-9)  # normal images allowed above the threshold
    return float(normal[max(0, len(normal) - 1 - allowed)])


def threshold_at_percentile(scores: np.ndarray, pct: float) -> float:
    """The ``pct``-th percentile of ``scores`` (0 to 100, linear interpolation)."""
    values = np.asarray(scores, np.float64).ravel()
    if len(values) == 0:
        raise AeguiError(say("A threshold needs at least one score."))
    return float(np.percentile(values, min(100.0, max(0.0, pct))))


def flagged(scores: np.ndarray, threshold: float) -> np.ndarray:
    """Which images a threshold flags: strictly above it."""
    return np.asarray(scores) > threshold


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` highest scores, highest first; ties keep their order."""
    scores = np.asarray(scores, np.float64).ravel()
    k = max(0, min(int(k), len(scores)))
    # A stable sort of the negated scores keeps tied images in dataset order.
    return np.argsort(-scores, kind="stable")[:k]
