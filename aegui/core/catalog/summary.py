"""One line per run folder: what it trained, how far it got, how it ended, its metrics.

Read from the small files only (``config.json``, ``history.csv``, ``metrics.json``,
``status.json``, ``notes.json``): listing hundreds of runs never loads a checkpoint.
"""

from __future__ import annotations

import json
import math
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from aegui.core.catalog.notes import read_notes
from aegui.core.checkpoint import EXPERIMENT_FILE
from aegui.core.partial_epoch import PARTIAL_FILE
from aegui.core.run.files import CONFIG_FILE, HISTORY_FILE, METRICS_FILE
from aegui.core.run.journal import JournalState, read_journal, writer_alive

RUN_STATUSES = ("running", "finished", "stopped", "failed")
MAX_SMALL_FILE = 4 * 1024 * 1024  # config.json, metrics.json: a file never decides the memory read
MAX_FOLDERS_SCANNED = 20_000
REMOTE_QUIET_S = 3600.0  # a run on another machine that wrote nothing for this long is not running


@dataclass(frozen=True)
class RunSummary:
    folder: Path
    name: str  # the user's name for it, else the folder's
    tags: tuple[str, ...]
    created: float  # time.time() when it started
    updated: float  # when its files last changed
    dataset: str
    model: str
    latent_dim: int | None
    task: str
    epochs_done: int
    epochs_planned: int | None
    status: str  # one of RUN_STATUSES
    message: str  # how it ended, when that says more than the status
    metrics: dict[str, float] = field(default_factory=dict)
    config: dict = field(default_factory=dict)  # config.json as written
    epoch_seconds: tuple[float, ...] = ()  # per epoch, when the writer kept a journal

    @property
    def experiment_file(self) -> Path:
        return self.folder / EXPERIMENT_FILE

    @property
    def can_open(self) -> bool:
        return self.experiment_file.is_file()


def is_run_folder(folder: Path) -> bool:
    return (folder / CONFIG_FILE).is_file() and any(
        (folder / name).is_file() for name in (EXPERIMENT_FILE, HISTORY_FILE, PARTIAL_FILE))


def read_run(folder: str | Path, epochs_done: int | None = None) -> RunSummary | None:
    """The summary of one run folder; None when it is not one (or its config is unreadable).
    ``epochs_done``, when the caller follows the history already, saves counting its rows."""
    folder = Path(folder)
    config = _read_json(folder / CONFIG_FILE)
    if not isinstance(config, dict) or not is_run_folder(folder):
        return None
    metrics = _read_json(folder / METRICS_FILE)
    metrics = {str(k): float(v) for k, v in metrics.items()
               if isinstance(v, (int, float)) and math.isfinite(v)} if isinstance(metrics, dict) else {}
    journal = read_journal(folder)
    notes = read_notes(folder)
    if epochs_done is None:
        epochs_done = _count_rows(folder / HISTORY_FILE)
    planned = config.get("epochs")
    planned = int(planned) if isinstance(planned, int) and planned > 0 else None
    status, message = _status(folder, journal, bool(metrics), epochs_done, planned)
    updated = _newest_mtime(folder)
    latent = config.get("latent_dim")
    return RunSummary(
        folder=folder, name=notes.name or folder.name, tags=notes.tags,
        created=journal.started if journal and journal.started else _oldest_mtime(folder),
        updated=updated, dataset=_dataset_label(str(config.get("dataset", ""))),
        model=str(config.get("model", "")), latent_dim=latent if isinstance(latent, int) else None,
        task=_task_label(config), epochs_done=epochs_done, epochs_planned=planned,
        status=status, message=message, metrics=metrics, config=config,
        epoch_seconds=journal.epoch_seconds if journal else (),
    )


def find_runs(roots: Iterable[str | Path], max_depth: int = 3) -> list[RunSummary]:
    """Every run folder under ``roots`` (a root may itself be a run), newest first. A study's
    runs sit one level down in its folder, so the walk goes a few levels deep; it never
    enters a run folder, nor hidden folders."""
    found: dict[Path, RunSummary] = {}
    budget = [MAX_FOLDERS_SCANNED]
    for root in roots:
        for folder in _run_folders(Path(root).expanduser(), max_depth, budget):
            key = folder.resolve()
            if key not in found and (summary := read_run(folder)) is not None:
                found[key] = summary
    return sorted(found.values(), key=lambda s: s.created, reverse=True)


def _run_folders(root: Path, depth: int, budget: list[int]) -> Iterable[Path]:
    if budget[0] <= 0 or not root.is_dir():
        return
    budget[0] -= 1
    if is_run_folder(root):
        yield root
        return
    if depth <= 0:
        return
    try:
        children = sorted(e.path for e in os.scandir(root)
                          if e.is_dir(follow_symlinks=False) and not e.name.startswith("."))
    except OSError:
        return
    for child in children:
        yield from _run_folders(Path(child), depth - 1, budget)


def _status(folder: Path, journal: JournalState | None, has_metrics: bool, epochs_done: int,
            planned: int | None) -> tuple[str, str]:
    if journal is not None and journal.status != "running":
        return journal.status, journal.message
    if journal is not None:
        alive = writer_alive(journal)
        if alive is None:  # another machine's: judge by whether it still writes
            quiet = time.time() - max(journal.updated, _newest_mtime(folder))
            alive = quiet < REMOTE_QUIET_S
        if alive:
            return "running", f"on {journal.host}" if journal.host else ""
        return "stopped", ("The process training it ended without saying how (killed, or the machine "
                           "went down); the last whole epoch is kept.")
    if has_metrics:
        return "finished", ""
    if planned is not None and epochs_done >= planned:
        return "stopped", "Trained every epoch, but stopped before its final metrics."
    return "stopped", ""


def _count_rows(path: Path) -> int:
    try:
        if path.stat().st_size > 64 * MAX_SMALL_FILE:
            return 0
        with open(path, "rb") as handle:
            return max(0, sum(1 for line in handle if line.strip()) - 1)
    except OSError:
        return 0


def _read_json(path: Path):
    try:
        if path.stat().st_size > MAX_SMALL_FILE:
            return None
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _mtimes(folder: Path) -> list[float]:
    times = []
    for name in (EXPERIMENT_FILE, HISTORY_FILE, CONFIG_FILE, METRICS_FILE, PARTIAL_FILE):
        try:
            times.append((folder / name).stat().st_mtime)
        except OSError:
            pass
    return times


def _newest_mtime(folder: Path) -> float:
    return max(_mtimes(folder), default=0.0)


def _oldest_mtime(folder: Path) -> float:
    return min(_mtimes(folder), default=0.0)


def _dataset_label(spec: str) -> str:
    """A dataset spec as a short label: a folder or array file by its name."""
    if os.sep in spec or "/" in spec:
        name = Path(spec).name or spec
        return name
    return spec


def _task_label(config: dict) -> str:
    task = str(config.get("task", ""))
    corruption = config.get("corruption")
    return f"{task} ({corruption})" if corruption else task
