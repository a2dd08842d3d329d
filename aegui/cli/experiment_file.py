"""``aegui train --config FILE``: an experiment's settings from a file the GUI or the CLI
wrote (``experiment.json``, a run's ``config.json``, an ``experiment.pt``, or a run
folder), with the options given on the command line replacing single fields."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from pathlib import Path

from aegui.core.checkpoint import EXPERIMENT_FILE, load_experiment
from aegui.core.config import ExperimentConfig
from aegui.core.data import BUNDLED_NAME, parse_spec
from aegui.core.errors import AeguiError, ConfigError

MAX_CONFIG_BYTES = 1024 * 1024  # a settings file is a few hundred bytes
CONFIG_JSON = "config.json"

# command-line option (argparse dest) -> the experiment field it sets
OPTION_FIELDS = {
    "dataset": "dataset", "image_size": "image_size", "color": "color", "val_fraction": "val_fraction",
    "split_seed": "split_seed", "model": "model", "latent_dim": "latent_dim", "hidden": "hidden",
    "depth": "depth", "block": "block", "norm": "norm", "widths": "widths",
    "task": "task", "noise": "noise", "corruption": "corruption", "epochs": "epochs",
    "batch_size": "batch_size", "lr": "lr", "optimizer": "optimizer", "loss": "loss", "beta": "beta",
    "kl_warmup": "kl_warmup_epochs", "device": "device", "amp": "amp", "seed": "seed", "classes": "classes",
    "amp_dtype": "amp_dtype", "channels_last": "channels_last", "fused_optimizer": "fused_optimizer",
    "compile": "compile",
}


def read_config_file(path: str | Path) -> ExperimentConfig:
    given = Path(path).expanduser()
    if given.is_dir():
        for name in (CONFIG_JSON, "experiment.json", EXPERIMENT_FILE):
            if (given / name).is_file():
                given = given / name
                break
        else:
            raise AeguiError(f"{given} holds no experiment: give an experiment.json, a run's config.json "
                             "or an experiment.pt.")
    if not given.is_file():
        raise AeguiError(f"The experiment file {given} does not exist.")
    if given.suffix.lower() == ".pt":
        return load_experiment(given).config
    if given.stat().st_size > MAX_CONFIG_BYTES:
        raise AeguiError(f"{given} is too large to be experiment settings.")
    try:
        text = given.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise AeguiError(f"{given} is not a text file of experiment settings.") from None
    try:
        config = ExperimentConfig.from_json(text)
    except ConfigError as exc:
        raise AeguiError(f"{given}: {exc}") from None
    return _data_beside(config, given.parent)


def _data_beside(config: ExperimentConfig, folder: Path) -> ExperimentConfig:
    """A relative data path (a job's data/dataset.npz) is relative to the file naming it, not
    to wherever the command runs; the run then records where the data really is."""
    spec = parse_spec(config.dataset)
    if spec.kind in (BUNDLED_NAME, "torchvision") or not spec.path or "," in spec.path \
            or Path(spec.path).expanduser().is_absolute():
        return config
    return config.with_changes(dataset=f"{spec.kind}:{(folder / spec.path).resolve()}")


def overrides(args: argparse.Namespace, explicit: set[str], list_parsers: Mapping[str, Callable]) -> dict:
    """The experiment fields the user set on the command line (not argparse's defaults).
    ``list_parsers`` turn the options that take a comma list into tuples."""
    changes = {}
    for dest, field in OPTION_FIELDS.items():
        if dest in explicit:
            value = getattr(args, dest)
            changes[field] = list_parsers[dest](value) if dest in list_parsers else value
    if "task" in explicit:  # another task: its own corruption and level, unless given too
        changes.setdefault("noise", None)
        changes.setdefault("corruption", None)
    return changes


def config_from_file(path: str | Path, args: argparse.Namespace, explicit: set[str],
                     list_parsers: Mapping[str, Callable]) -> ExperimentConfig:
    config = read_config_file(path)
    changes = overrides(args, explicit, list_parsers)
    return config.with_changes(**changes) if changes else config
