"""The whole anomaly analysis of one experiment, as the Analyze tab and ``aegui analyze
anomaly`` both run it: its images scored, and how well the score tells them from a second
set (another dataset, or the classes the model never saw, class by class).

``run_anomaly`` is a plain function with ``should_stop`` and ``progress`` callbacks, in
the style of Orange3's ``run(data, state)``: the tab runs it on a worker thread and draws
the result; the command prints it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from aegui.core.analysis.anomaly import Separation, anomaly_scores, per_class_auroc, separation
from aegui.core.config import ExperimentConfig
from aegui.core.data import ImageDataset
from aegui.core.models import Autoencoder

HELD_OUT_NAME = "the held-out classes"


@dataclass(frozen=True)
class ComparedSet:
    """A second set of images, scored, and how well the score separates it from the first."""

    name: str
    scores: np.ndarray
    separation: Separation


@dataclass(frozen=True)
class AnomalyAnalysis:
    kind: str  # the score: mse or loss
    scores: np.ndarray  # one per scored image, in their order; higher is stranger
    against: ComparedSet | None = None  # another dataset
    held_out: ComparedSet | None = None  # the validation images of the classes not kept
    per_class: dict[int, float] = field(default_factory=dict)  # each held-out class's AUROC

    @property
    def compared(self) -> ComparedSet | None:
        """The second set to show: the other dataset, else the held-out classes."""
        return self.against if self.against is not None else self.held_out


def run_anomaly(
    model: Autoencoder,
    config: ExperimentConfig,
    scored: ImageDataset,
    *,
    against: ImageDataset | None = None,
    held_out: ImageDataset | None = None,
    kind: str = "mse",
    should_stop: Callable[[], bool] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> AnomalyAnalysis:
    """Score ``scored`` (the normal images) with ``model``, trained with ``config``; score
    ``against`` and ``held_out`` too and say how well each is told from the normal ones.
    ``progress`` follows the scoring of ``scored``, the bulk of the work."""
    def score(images, labels, progress=None) -> np.ndarray:
        return anomaly_scores(model, images, labels, kind=kind, loss_kind=config.loss, beta=config.beta,
                              should_stop=should_stop, progress=progress)

    scores = score(scored.images, scored.labels, progress)

    def compare(name: str, data: ImageDataset) -> ComparedSet | None:
        other = score(data.images, data.labels if model.conditional else None)
        return ComparedSet(name, other, separation(scores, other)) if len(other) else None

    result = AnomalyAnalysis(
        kind, scores,
        against=compare(against.name, against) if against is not None else None,
        held_out=compare(HELD_OUT_NAME, held_out) if held_out is not None else None,
    )
    if result.held_out is not None and held_out is not None and config.classes \
            and scored.labels is not None and held_out.labels is not None:
        labels = np.concatenate([scored.labels.numpy(), held_out.labels.numpy()])
        per_class = per_class_auroc(np.concatenate([scores, result.held_out.scores]), labels, config.classes)
        result = AnomalyAnalysis(kind, scores, result.against, result.held_out, per_class)
    return result
