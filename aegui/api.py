"""aegui from Python (a notebook, a script): train, load, encode, decode, reconstruct, score.

    import aegui
    exp = aegui.train(dataset="mnist-10k", model="conv-vae", latent_dim=2, epochs=5, out="runs/vae2")
    exp = aegui.load("runs/vae2")           # a run folder or an experiment file
    z = exp.encode(images)                   # N×H×W or N×H×W×C uint8 NumPy, or N×C×H×W floats
    x = exp.decode(z); r = exp.reconstruct(images)
    s = exp.anomaly_scores(images)           # the Analyze tab's score: higher is stranger
    images, labels = exp.validation_images(100)  # the run's own held-out images
    exp.config, exp.history, exp.metrics

``aegui.train`` is ``aegui train``: every option of the command is a keyword (``latent_dim``
for ``--latent-dim``; a flag is ``True``), checked by the same parser, and the run folder is
written by the same run session, so the window's Runs tab, ``aegui eval`` and this API all
read it. Nothing here imports Qt (``aegui.show`` does, when called). Errors are
:class:`aegui.core.errors.AeguiError` (a ``ValueError`` for images of the wrong shape), with
the sentence the CLI would print.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch

from aegui.core.analysis.anomaly import SCORE_KINDS, anomaly_scores
from aegui.core.checkpoint import Experiment, load_experiment, resolve_experiment_path
from aegui.core.config import ExperimentConfig
from aegui.core.errors import AeguiError
from aegui.core.image_arrays import from_model_images, to_model_images
from aegui.core.latent import decode as decode_codes
from aegui.core.latent import encode as encode_images

__all__ = ["LoadedExperiment", "load", "train", "training_options"]


class _ParserError(AeguiError, ValueError):
    """A keyword the command line would refuse (an unknown choice, a malformed number)."""


def _train_parser() -> argparse.ArgumentParser:
    from aegui.cli.parser import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    train_parser = commands.choices["train"]

    def refuse(message: str):  # argparse would print usage and exit the interpreter
        raise _ParserError(message[:1].upper() + message[1:] + ".")

    train_parser.error = refuse  # type: ignore[method-assign]
    return train_parser


def training_options() -> dict[str, str]:
    """Every keyword :func:`train` takes, with the command line's help for it."""
    options = {}
    for action in _train_parser()._actions:
        if action.option_strings and action.dest not in ("help",):
            options[action.dest] = action.help or ""
    return options


def _argv(options: Mapping[str, Any]) -> list[str]:
    parser = _train_parser()
    actions = {a.dest: a for a in parser._actions if a.option_strings and a.dest != "help"}
    argv: list[str] = []
    for name, value in options.items():
        action = actions.get(name)
        if action is None:
            known = ", ".join(sorted(actions))
            raise TypeError(f"aegui.train() has no option {name!r}; it takes: {known}.")
        if value is None:
            continue
        if isinstance(action, argparse.BooleanOptionalAction):  # --compile / --no-compile
            argv.append(action.option_strings[0] if value else action.option_strings[1])
            continue
        flag = action.option_strings[-1]
        if isinstance(action, argparse._StoreTrueAction):
            if value:
                argv.append(flag)
            continue
        if isinstance(value, (list, tuple)):
            value = ",".join(map(str, value))
        argv += [flag, str(value)]
    return argv


def train(*, out: str | Path | None = None, **options: Any) -> LoadedExperiment:
    """Train as ``aegui train`` does and return the trained experiment.

    ``out``: the run folder (made if needed; default ``runs/<time>-<model>`` in the current
    folder). Ctrl-C (or a notebook's interrupt) stops between batches, keeps the last whole
    epoch, measures it, and raises ``KeyboardInterrupt``.
    """
    from aegui.cli.parser import explicit_options
    from aegui.cli.train import run

    if out is None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        out = Path("runs") / f"{stamp}-{options.get('model') or 'conv-vae'}"
    argv = ["train", *_argv({**options, "out": str(out)})]
    args = _train_parser().parse_args(argv[1:])
    args.command = "train"
    args.explicit = explicit_options(argv, "train")
    run(args)
    folder = Path(args.out if args.out is not None else out)
    return load(folder)


def load(path: str | Path) -> LoadedExperiment:
    """A run folder (its experiment.pt) or an experiment file, read safely (no pickle code runs)."""
    file = resolve_experiment_path(Path(path))
    return LoadedExperiment(load_experiment(file), file)


class LoadedExperiment:
    """A trained autoencoder with its settings, history and metrics, ready to use from Python."""

    def __init__(self, experiment: Experiment, path: Path):
        self.experiment = experiment
        self.path = Path(path)
        self.model = experiment.model.eval()

    # -- what it is ------------------------------------------------------------------------------
    @property
    def folder(self) -> Path:
        """The run folder (or the folder of the experiment file)."""
        return self.path.parent

    @property
    def config(self) -> ExperimentConfig:
        return self.experiment.config

    @property
    def history(self) -> list[dict[str, float]]:
        """One row per epoch: train_loss, val_loss, val_mse, …"""
        return [dict(row) for row in self.experiment.history]

    @property
    def metrics(self) -> dict[str, float]:
        """The final numbers (metrics.json); empty for a run stopped before its first epoch ended."""
        return dict(self.experiment.metrics)

    @property
    def image_shape(self) -> tuple[int, int, int]:
        """(channels, height, width) of the images the model reads."""
        return tuple(self.experiment.spec.image_shape)  # type: ignore[return-value]

    @property
    def latent_dim(self) -> int:
        return self.model.latent_dim

    @property
    def class_names(self) -> tuple[str, ...]:
        return tuple(self.experiment.class_names)

    def __repr__(self) -> str:
        c = self.config
        shape = "×".join(map(str, self.image_shape))
        return (f"<aegui experiment {self.path}: {c.model}, latent {c.latent_dim}, {shape} images, "
                f"epoch {self.experiment.epochs_done} of {c.epochs}>")

    def validation_images(self, limit: int | None = None) -> tuple[np.ndarray, np.ndarray | None]:
        """The run's own validation images (uint8, channels last) and labels (None when the
        dataset has none), loaded as the run loaded its data; ``limit``: the first ones only."""
        from aegui.core.runs import load_for_config, split_for_config

        val = split_for_config(load_for_config(self.config), self.config).val
        rows = slice(None) if limit is None else slice(0, max(0, int(limit)))
        labels = None if val.labels is None else val.labels[rows].numpy()
        return from_model_images(val.images[rows].numpy()), labels

    # -- using it --------------------------------------------------------------------------------
    def _images(self, images) -> torch.Tensor:
        return to_model_images(images, self.image_shape)

    def _labels(self, labels, n: int) -> torch.Tensor | None:
        if not self.model.conditional:
            return None
        if labels is None:
            raise AeguiError("This conditional model needs the class of every image: pass labels=.")
        values = torch.as_tensor(np.asarray(labels), dtype=torch.long).reshape(-1)
        if len(values) == 1 and n > 1:
            values = values.expand(n)
        if len(values) != n:
            raise AeguiError(f"Give one label per image: {len(values)} labels for {n} images.")
        return values

    def encode(self, images, labels: Sequence[int] | None = None) -> np.ndarray:
        """The codes (the mean code of a VAE) of ``images``: float32 N×latent_dim."""
        x = self._images(images)
        return encode_images(self.model, x, self._labels(labels, len(x)))

    def decode(self, z, labels: Sequence[int] | int | None = None) -> np.ndarray:
        """Images of codes ``z`` (N×latent_dim, or one code): uint8 N×H×W or N×H×W×C."""
        codes = np.atleast_2d(np.asarray(z, np.float32))
        if codes.shape[1] != self.latent_dim:
            raise AeguiError(f"These codes have {codes.shape[1]} numbers each; the model's have {self.latent_dim}.")
        return from_model_images(decode_codes(self.model, codes, labels if self.model.conditional else None))

    def reconstruct(self, images, labels: Sequence[int] | None = None) -> np.ndarray:
        """What the model makes of ``images`` (a denoiser: the clean version): uint8, channels last."""
        x = self._images(images)
        y = self._labels(labels, len(x))
        return self.decode(self.encode(x, y), y.numpy() if y is not None else None)

    def anomaly_scores(self, images, labels: Sequence[int] | None = None, kind: str = "mse") -> np.ndarray:
        """The Analyze tab's score per image (float64; higher is stranger): ``"mse"``, the mean
        squared reconstruction error, or ``"loss"``, the training loss (−ELBO for a VAE)."""
        if kind not in SCORE_KINDS:
            raise AeguiError(f"Unknown anomaly score {kind!r}; choose one of: {', '.join(SCORE_KINDS)}.")
        x = self._images(images)
        c = self.config
        return anomaly_scores(self.model, x, self._labels(labels, len(x)), kind=kind, loss_kind=c.loss, beta=c.beta)
