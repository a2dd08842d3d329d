"""What a finished run's numbers say about it, in words: a model that learned nothing (no
better than one fixed image for every input) must not be saved with a cheerful "Saved".

The loss of such a run is bounded (a sigmoid decoder that outputs the mean), so the
divergence checks during training never fire; only the final metrics show it. Its baseline,
``mean_image_mse``, is the validation images' own per-pixel variance: the smallest MSE any
constant image reaches on them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from aegui.core.config import ExperimentConfig
from aegui.core.words import say

COLLAPSE_RATIO = 0.95  # within 5 % of the best constant image, a model has learned nothing


COLLAPSED = "The model learned nothing"


@dataclass(frozen=True)
class Verdict:
    reason: str = ""  # why the model counts as collapsed, and what to try ("" when it learned)
    note: str = ""  # one line worth knowing (worse than PCA of the same size)

    @property
    def collapsed(self) -> str:
        """The whole sentence for a log or a terminal ("" when the model learned)."""
        return f"{COLLAPSED}: {self.reason[0].lower()}{self.reason[1:]}" if self.reason else ""


def judge(metrics: dict[str, float] | None, config: ExperimentConfig,
          history: Sequence[dict[str, float]] = ()) -> Verdict:
    """``history``: the run's epochs (``val_loss`` each), to tell a model still learning when it
    stopped from one whose training has gone wrong."""
    metrics = metrics or {}
    model_mse = metrics.get("val_mse", math.nan)
    constant = metrics.get("mean_image_mse", math.nan)
    if math.isfinite(model_mse) and math.isfinite(constant) and constant > 0 \
            and model_mse >= COLLAPSE_RATIO * constant:
        return Verdict(reason=say(
            "Its validation MSE ({model:.4g}) is no better than predicting the average image for every input "
            "({constant:.4g}). {advice}", model=model_mse, constant=constant, advice=_what_to_try(config, history)))
    pca = metrics.get("pca_val_mse", math.nan)
    if math.isfinite(model_mse) and math.isfinite(pca) and model_mse > pca:
        return Verdict(note=say(
            "PCA with the same {size} components reconstructs these images better (MSE {pca:.4g} against "
            "{model:.4g}); more epochs or a larger model may help.", size=config.latent_dim, pca=pca, model=model_mse))
    return Verdict()


def _what_to_try(config: ExperimentConfig, history: Sequence[dict[str, float]]) -> str:
    default = ExperimentConfig().lr
    if config.lr > 10 * default:
        return say("Train again with a smaller learning rate (now {lr:g}; the default is {default:g}).", lr=config.lr,
                   default=default)
    losses = [row.get("val_loss", math.nan) for row in history]
    if len(losses) < 3:
        return (say("It trained only 1 epoch: continue it for more.") if len(losses) == 1
                else say("It trained only {count} epochs: continue it for more.", count=len(losses)))
    if math.isfinite(losses[0]) and losses[-1] < 0.98 * losses[0]:
        return say("Its loss was still falling: continue it for more epochs.")
    return say("Train again with a learning rate ten times smaller ({lr:g}), or for more epochs.", lr=config.lr / 10)
