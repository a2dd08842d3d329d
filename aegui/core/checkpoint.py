"""Experiment files: config, weights, optimizer state and history in one ``.pt`` file.

Writes are atomic (a temporary file in the same folder, then ``os.replace``), so a
crash mid-write leaves the previous file intact. Reads use
``torch.load(weights_only=True)``: a file that tries to run code is refused, and the
code never runs.
"""

from __future__ import annotations

import json
import os
import pickle
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from aegui import __version__
from aegui.core.config import ExperimentConfig
from aegui.core.errors import AeguiError, CheckpointError
from aegui.core.models import Autoencoder, ModelSpec, build_model
from aegui.core.models.budget import state_shapes
from aegui.core.words import message_of, say

FORMAT_NAME = "aegui-experiment"
FORMAT_VERSION = 3
EXPERIMENT_FILE = "experiment.pt"
EXPERIMENT_SUFFIX = ".pt"
# How the files torch.save writes begin: a zip archive (the format since PyTorch 1.6),
# or a pickle of protocol 2 or later (the legacy format). Anything else is no experiment.
_TORCH_FILE_STARTS = (b"PK\x03\x04", b"\x80")


@dataclass
class Experiment:
    """A trained (or training) experiment, as saved and loaded."""

    config: ExperimentConfig
    model: Autoencoder
    history: list[dict[str, float]] = field(default_factory=list)
    epochs_done: int = 0
    optimizer_state: dict | None = None
    class_names: tuple[str, ...] = ()
    metrics: dict[str, float] = field(default_factory=dict)

    @property
    def spec(self) -> ModelSpec:
        return self.model.spec


def _read_umask() -> int:
    mask = os.umask(0)  # reading the umask means setting it: put it straight back
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # once, at import, before any worker thread could create files


def atomic_write(path: Path, write) -> None:
    """Call ``write(file_object)`` on a temporary file beside ``path``, then swap it in."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            try:
                write(handle)
            except RuntimeError as exc:
                # torch.save reports a full disk as RuntimeError ("enforce fail … unexpected
                # pos"): it is a failed write, and callers handle those as OSError.
                raise OSError(say("writing {name} failed (is the disk full?): {reason}", name=path.name,
                                  reason=str(exc).splitlines()[0][:200])) from exc
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; a saved file follows the umask
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_stale_temporaries(folder: Path, older_than_s: float = 0.0) -> list[Path]:
    """Remove the half-written files a process killed inside :func:`atomic_write` left in
    ``folder``. A run starting there owns the folder and removes them all; a sweep of many
    folders passes ``older_than_s`` so that it spares a write another process has going."""
    removed: list[Path] = []
    try:
        candidates = list(Path(folder).glob(".*.tmp"))
    except OSError:
        return removed
    now = time.time()
    for path in candidates:
        try:
            if older_than_s and now - path.stat().st_mtime < older_than_s:
                continue
            path.unlink()
            removed.append(path)
        except OSError:
            pass  # not ours to remove, or already gone
    return removed


def save_experiment(experiment: Experiment, path: Path) -> Path:
    """Save atomically; ``path`` may be a folder (then ``experiment.pt`` inside it)."""
    path = Path(path)
    if path.is_dir() or not path.suffix:
        path = path / EXPERIMENT_FILE
    payload: dict[str, Any] = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "aegui_version": __version__,
        "config": experiment.config.to_json(),
        "model_spec": experiment.spec.to_dict(),
        "model_state": {k: v.detach().cpu().clone() for k, v in experiment.model.state_dict().items()},
        "optimizer_state": experiment.optimizer_state,
        "history": [dict(row) for row in experiment.history],
        "epochs_done": experiment.epochs_done,
        "class_names": list(experiment.class_names),
        "metrics": dict(experiment.metrics),
    }
    atomic_write(path, lambda handle: torch.save(payload, handle))
    return path


def resolve_experiment_path(path: Path) -> Path:
    path = Path(path).expanduser()
    if path.is_dir():
        path = path / EXPERIMENT_FILE
    if not path.exists():
        raise CheckpointError(say("No experiment file at {path}.", path=path))
    return path


def _v1_to_v2(payload: dict) -> dict:
    """Format 1 had no split seed: it split with the training seed, so keep doing that."""
    config = json.loads(payload["config"])
    config.setdefault("split_seed", config.get("seed", 0))
    return {**payload, "config": json.dumps(config), "format_version": 2}


def _v2_to_v3(payload: dict) -> dict:
    """Format 2 had one convolutional layout: plain stages with BatchNorm, now named."""
    config = json.loads(payload["config"])
    config.setdefault("block", "plain")
    config.setdefault("norm", "batch")
    spec = {"block": "plain", "norm": "batch", **payload["model_spec"]}
    return {**payload, "config": json.dumps(config), "model_spec": spec, "format_version": 3}


# Each step lifts a payload one version; a file is migrated in memory, never rewritten.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2, 2: _v2_to_v3}


def migrate_payload(payload: dict, name: str) -> dict:
    version = payload.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise CheckpointError(say("{name} is damaged: its format number {version!r} is not a whole number.",
                                  name=name, version=version))
    while isinstance(version, int) and version in MIGRATIONS and version < FORMAT_VERSION:
        try:
            payload = MIGRATIONS[version](payload)
        except (KeyError, TypeError, ValueError) as exc:
            raise CheckpointError(say("{name} is damaged or incomplete: {reason}", name=name, reason=str(exc))) from exc
        version = payload.get("format_version")
    if version != FORMAT_VERSION:
        raise CheckpointError(say(
            "{name} uses experiment format {version}, but this aegui ({aegui_version}) reads formats 1 to "
            "{newest}. Open it with a matching aegui version.",
            name=name, version=version, aegui_version=__version__, newest=FORMAT_VERSION))
    return payload


def _looks_like_torch_file(path: Path) -> bool:
    with open(path, "rb") as handle:
        head = handle.read(4)
    return head.startswith(_TORCH_FILE_STARTS)


def load_experiment(path: Path, map_location: str | torch.device = "cpu") -> Experiment:
    path = resolve_experiment_path(path)
    try:
        torch_file = _looks_like_torch_file(path)
    except OSError as exc:
        raise CheckpointError(say("Could not read {path}: {reason}.", path=path,
                                  reason=exc.strerror or str(exc))) from exc
    if not torch_file:
        # A text file, an image, random bytes: say what it is not, rather than how unpickling failed.
        raise CheckpointError(say(
            "{name} is not an aegui experiment file. Open the experiment.pt (or its run folder) that aegui saved.",
            name=path.name))
    verify_archive(path)
    try:
        payload = torch.load(path, map_location=map_location, weights_only=True)
    except pickle.UnpicklingError as exc:
        # weights_only refuses any object that is not plain data: nothing was executed.
        if "Unsupported global" in str(exc) or "GLOBAL" in str(exc):
            raise CheckpointError(say(
                "Refused to open {name}: it contains Python objects that could run code, not just weights. "
                "Only open experiment files you trust, saved by aegui.", name=path.name)) from exc
        raise CheckpointError(say(
            "{name} is not a readable experiment file (it is corrupt or not a PyTorch file).", name=path.name
        )) from exc
    except Exception as exc:  # a damaged file can fail anywhere inside the unpickler
        raise CheckpointError(say(
            "{name} is not a readable experiment file (it may be truncated or corrupt): {reason}",
            name=path.name, reason=str(exc))) from exc
    if not isinstance(payload, dict) or payload.get("format") != FORMAT_NAME:
        raise CheckpointError(say(
            "{name} is not an aegui experiment. aegui opens the experiment.pt files it saves.", name=path.name))
    payload = migrate_payload(payload, path.name)
    try:
        config = ExperimentConfig.from_json(payload["config"])
        spec = ModelSpec(**payload["model_spec"])
        _check_weight_shapes(spec, payload.get("model_state"), path.name)  # before any allocation
        model = build_model(spec)
    except CheckpointError:
        raise
    except AeguiError as exc:
        raise CheckpointError(say("{name} holds settings this aegui cannot use: {reason}", name=path.name,
                                  reason=message_of(exc))) from exc
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError, RuntimeError) as exc:
        raise CheckpointError(say("{name} is damaged or incomplete: {reason}.", name=path.name,
                                  reason=_first_line(exc))) from exc
    try:
        model.load_state_dict(payload["model_state"])
    except (KeyError, TypeError, RuntimeError, AttributeError) as exc:
        raise _weights_misfit(path.name) from exc
    if not all(torch.isfinite(t).all() for t in model.state_dict().values() if t.is_floating_point()):
        raise CheckpointError(say("{name} holds weights that are not finite numbers (NaN or infinity): the run "
                                  "had diverged or the file is damaged. Open an earlier checkpoint.", name=path.name))
    return Experiment(config=config, model=model.eval(), **_checked_fields(payload, path.name))


def verify_archive(path: Path) -> None:
    """Check every member of the zip against its CRC-32. torch.load does not, so a flipped
    byte in a tensor would otherwise load silently as a changed weight."""
    try:
        if not zipfile.is_zipfile(path):
            return  # the legacy format has no checksums; torch.load judges it
        with zipfile.ZipFile(path) as archive:
            _check_unpacked_size(archive, path)
            damaged = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise CheckpointError(say(
            "{name} is not a readable experiment file (it may be truncated or corrupt): {reason}",
            name=path.name, reason=_first_line(exc))) from exc
    if damaged is not None:
        raise CheckpointError(say(
            "{name} is damaged: part of it ({part}) does not match its checksum, so it changed on disk or in a "
            "copy. Open another checkpoint of the run.", name=path.name, part=damaged))


# torch.save stores its members uncompressed; a compressed member that unpacks to many
# times the file's size is a zip bomb, refused before anything is unpacked.
MAX_UNPACK_RATIO = 4


def _check_unpacked_size(archive: zipfile.ZipFile, path: Path) -> None:
    declared = sum(info.file_size for info in archive.infolist())
    if declared > MAX_UNPACK_RATIO * path.stat().st_size + 2**20:
        raise CheckpointError(say(
            "{name} is not an aegui experiment file: it would unpack to {unpacked_mb:,.0f} MB from {file_mb:,.1f} MB.",
            name=path.name, unpacked_mb=declared / 2**20, file_mb=path.stat().st_size / 2**20))


def _check_weight_shapes(spec: ModelSpec, state: object, name: str) -> None:
    """The weights must be those of the model the file describes, checked on a model with
    no storage: a small file cannot make aegui build a huge model just to refuse it."""
    expected = state_shapes(spec)
    found = ({key: tuple(value.shape) for key, value in state.items() if isinstance(value, torch.Tensor)}
             if isinstance(state, dict) else None)
    if found != expected:
        raise _weights_misfit(name)


def _weights_misfit(name: str) -> CheckpointError:
    return CheckpointError(say("{name} is damaged: its weights do not fit the model it describes. Open another "
                               "checkpoint of the run.", name=name))


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


def _checked_fields(payload: dict, name: str) -> dict:
    """The experiment's other fields, each of the type it must have (a file can be
    well-formed for torch.load and still hold nonsense in them)."""
    history = payload.get("history", [])
    epochs = payload.get("epochs_done", 0)
    names = payload.get("class_names", ())
    metrics = payload.get("metrics", {})
    optimizer_state = payload.get("optimizer_state")
    problems = [
        (isinstance(history, list) and all(isinstance(row, dict) for row in history), say("its history")),
        (isinstance(epochs, int) and not isinstance(epochs, bool) and 0 <= epochs <= 10**9,
         say("its epoch count")),
        (isinstance(names, (list, tuple)) and all(isinstance(n, str) for n in names), say("its class names")),
        (isinstance(metrics, dict), say("its metrics")),
        (optimizer_state is None or (isinstance(optimizer_state, dict)
                                     and isinstance(optimizer_state.get("param_groups"), list)),
         say("its optimizer state")),
    ]
    bad = [what for ok, what in problems if not ok]
    if not bad and len(history) != epochs:  # one history row per completed epoch
        raise CheckpointError(say("{name} is damaged: its history has {rows} epochs but it says {epochs} were "
                                  "trained. Open another checkpoint of the run.", name=name, rows=len(history),
                                  epochs=epochs))
    if bad:
        parts = bad[0]
        for part in bad[1:]:  # "its history, its metrics": each part translated, as a list
            parts = say("{list}, {item}", list=parts, item=part)
        raise CheckpointError(say("{name} is damaged: {parts} cannot be read. Open another checkpoint of the run.",
                                  name=name, parts=parts))
    return {"history": [dict(row) for row in history], "epochs_done": epochs,
            "optimizer_state": optimizer_state, "class_names": tuple(names), "metrics": dict(metrics)}
