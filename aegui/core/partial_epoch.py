"""Checkpoints inside an epoch, so a crash in a long epoch costs minutes, not the epoch.

``experiment.pt`` always holds whole epochs: it is what every tab and command opens.
Beside it, ``partial-epoch.pt`` holds how far the next epoch got: the weights, optimizer
state, random generators and loss sums after batch *k*. Continuing the run replays
epoch ``epochs_done + 1`` from batch *k* exactly as an uninterrupted run would. The file
goes once that epoch is complete, and is ignored (never trusted) when it does not
belong to the experiment beside it.
"""

from __future__ import annotations

import logging
import pickle
from dataclasses import dataclass
from pathlib import Path

import torch

from aegui.core.checkpoint import CheckpointError, atomic_write, verify_archive
from aegui.core.config import ExperimentConfig
from aegui.core.errors import AeguiError

log = logging.getLogger("aegui.checkpoint")

PARTIAL_FILE = "partial-epoch.pt"
PARTIAL_FORMAT = "aegui-partial-epoch"
PARTIAL_VERSION = 1


@dataclass
class PartialEpoch:
    """A training run's state after ``step`` batches of epoch ``epochs_done + 1``."""

    config_json: str  # the experiment it continues: its config must match exactly
    epochs_done: int
    step: int
    steps: int
    epoch_sums: list[float]  # total, reconstruction and KL loss, summed over the images so far
    model_state: dict[str, torch.Tensor]
    optimizer_state: dict
    rng_state: torch.Tensor  # the global CPU generator (VAE sampling draws from it)
    noise_state: torch.Tensor  # the corruption's generator
    device_rng_state: torch.Tensor | None = None  # CUDA's, when training there

    def matches(self, config: ExperimentConfig, epochs_done: int) -> bool:
        """Whether this continues ``config`` after ``epochs_done`` whole epochs (how many
        epochs the run is set to, and where it runs, may differ)."""
        try:
            saved = ExperimentConfig.from_json(self.config_json)
        except AeguiError:  # a partial of settings this aegui cannot use
            return False
        return saved.with_changes(epochs=config.epochs, device=config.device) == config \
            and self.epochs_done == epochs_done


def save_partial(folder: Path, partial: PartialEpoch) -> Path:
    path = Path(folder) / PARTIAL_FILE
    payload = {"format": PARTIAL_FORMAT, "format_version": PARTIAL_VERSION, **partial.__dict__}
    atomic_write(path, lambda handle: torch.save(payload, handle))
    return path


def remove_partial(folder: Path) -> None:
    (Path(folder) / PARTIAL_FILE).unlink(missing_ok=True)


def load_partial(folder: Path) -> PartialEpoch | None:
    """The mid-epoch state in ``folder``, or None when there is none or it cannot be used
    (the run then continues from its last whole epoch, which is still intact)."""
    path = Path(folder) / PARTIAL_FILE
    if not path.is_file():
        return None
    try:
        verify_archive(path)
        payload = torch.load(path, map_location="cpu", weights_only=True)
        if not isinstance(payload, dict) or payload.get("format") != PARTIAL_FORMAT \
                or payload.get("format_version") != PARTIAL_VERSION:
            raise CheckpointError(f"{path.name} is not a mid-epoch checkpoint this aegui reads")
        fields = {name: payload[name] for name in PartialEpoch.__dataclass_fields__ if name in payload}
        partial = PartialEpoch(**fields)
        _check(partial)
    except (CheckpointError, pickle.UnpicklingError, KeyError, TypeError, ValueError, RuntimeError,
            OSError, EOFError) as exc:
        log.warning("Ignoring %s: %s", path, exc)
        return None
    return partial


def _check(partial: PartialEpoch) -> None:
    ok = (
        isinstance(partial.config_json, str)
        and all(isinstance(v, int) and not isinstance(v, bool)
                for v in (partial.epochs_done, partial.step, partial.steps))
        and 0 < partial.step < partial.steps
        and isinstance(partial.epoch_sums, list) and len(partial.epoch_sums) == 3
        and all(isinstance(v, float) for v in partial.epoch_sums)
        and isinstance(partial.model_state, dict)
        and all(isinstance(t, torch.Tensor) and (not t.is_floating_point() or bool(torch.isfinite(t).all()))
                for t in partial.model_state.values())
        and isinstance(partial.optimizer_state, dict)
        and all(isinstance(t, torch.Tensor) and t.dtype == torch.uint8
                for t in (partial.rng_state, partial.noise_state))
    )
    if not ok:
        raise CheckpointError("its fields are malformed")
