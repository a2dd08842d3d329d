"""One line per run folder: what it trained, how far it got, how it ended, its metrics.

Read from the small files only (``config.json``, ``history.csv``, ``metrics.json``,
``status.json``, ``notes.json``): listing hundreds of runs never loads a checkpoint.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from aegui.core.catalog.history_tail import MAX_HISTORY_BYTES
from aegui.core.catalog.notes import read_notes
from aegui.core.checkpoint import EXPERIMENT_FILE
from aegui.core.partial_epoch import PARTIAL_FILE
from aegui.core.run.files import CONFIG_FILE, HISTORY_FILE, METRICS_FILE
from aegui.core.run.journal import JOURNAL_FILE, JournalState, read_journal, writer_alive
from aegui.core.small_files import UnreadableFile, finite_float, read_json, read_small
from aegui.core.words import message_of, say

UNREADABLE = "unreadable"  # a folder with a run's files that cannot all be read
RUN_STATUSES = ("running", "finished", "stopped", "failed", UNREADABLE)
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
    # False: metrics.json is missing (the window closed mid-run, the process was killed) and
    # ``metrics`` holds the last epoch's validation numbers from history.csv instead.
    measured: bool = True
    config: dict = field(default_factory=dict)  # config.json as written
    epoch_seconds: tuple[float, ...] = ()  # per epoch, when the writer kept a journal

    @property
    def experiment_file(self) -> Path:
        return self.folder / EXPERIMENT_FILE

    @property
    def can_open(self) -> bool:
        return self.experiment_file.is_file()


def is_run_folder(folder: Path) -> bool:
    """Whether ``folder`` holds a run's files: a config.json beside a checkpoint, a history or
    a partial epoch. Any kind of file counts (a FIFO named config.json is a broken run to
    list as unreadable, not a folder to walk into)."""
    return _exists(folder / CONFIG_FILE) and any(
        _exists(folder / name) for name in (EXPERIMENT_FILE, HISTORY_FILE, PARTIAL_FILE))


def read_run(folder: str | Path, epochs_done: int | None = None) -> RunSummary | None:
    """The summary of one run folder; None when it is not one. A file that cannot be read
    (not a regular file, too large, damaged) never raises: the run is listed as unreadable,
    saying which file and why, with what the other files say.
    ``epochs_done``, when the caller follows the history already, saves counting its rows."""
    folder = Path(folder)
    if not is_run_folder(folder):
        return None
    problems: list[str] = []
    config = _read_json(folder / CONFIG_FILE, problems)
    if not isinstance(config, dict):
        if config is not None:
            problems.append(say("{file} holds no settings", file=CONFIG_FILE))
        config = {}
    metrics = _read_json(folder / METRICS_FILE, problems)
    metrics = {str(k): finite_float(v, math.nan) for k, v in metrics.items()} if isinstance(metrics, dict) else {}
    metrics = {k: v for k, v in metrics.items() if math.isfinite(v)}
    measured = bool(metrics)
    if not _exists(folder / METRICS_FILE):  # ended before it was measured: its last epoch's numbers
        metrics = _last_epoch_metrics(folder / HISTORY_FILE)
    journal = read_journal(folder)
    if journal is None and _exists(folder / JOURNAL_FILE):
        _read_json(folder / JOURNAL_FILE, problems)  # says why, when it is the file that is wrong
    notes = read_notes(folder)
    if epochs_done is None:
        epochs_done = _count_rows(folder / HISTORY_FILE, problems)
    planned = config.get("epochs")
    planned = planned if isinstance(planned, int) and 0 < planned <= 10**9 else None
    status, message = _status(folder, journal, measured, epochs_done, planned)
    if problems:
        status, message = UNREADABLE, _listed(problems)
    latent = config.get("latent_dim")
    return RunSummary(
        folder=folder, name=notes.name or folder.name, tags=notes.tags,
        created=journal.started if journal and journal.started else _oldest_mtime(folder),
        updated=_newest_mtime(folder), dataset=_dataset_label(str(config.get("dataset", ""))[:1000]),
        model=str(config.get("model", ""))[:200], latent_dim=latent if isinstance(latent, int) else None,
        task=_task_label(config), epochs_done=epochs_done, epochs_planned=planned,
        status=status, message=message, metrics=metrics, config=config,
        epoch_seconds=journal.epoch_seconds if journal else (), measured=measured,
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
            return "running", say("on {host}", host=journal.host) if journal.host else ""
        return "stopped", say("The process training it ended without saying how (killed, or the machine went down); "
                              "the last whole epoch is kept.")
    if has_metrics:
        return "finished", ""
    if planned is not None and epochs_done >= planned:
        return "stopped", say("Trained every epoch, but stopped before its final metrics.")
    return "stopped", ""


LAST_EPOCH_COLUMNS = ("val_loss", "val_mse", "val_psnr")


def _last_epoch_metrics(history: Path) -> dict[str, float]:
    """The validation numbers of the last row of ``history.csv``; {} when there are none."""
    try:
        lines = [line for line in read_small(history, MAX_HISTORY_BYTES).decode("utf-8", "replace").splitlines()
                 if line.strip()]
    except (FileNotFoundError, UnreadableFile, OSError):
        return {}
    if len(lines) < 2:
        return {}
    row = dict(zip(lines[0].split(","), lines[-1].split(",")))
    values = {name: _cell_number(row.get(name)) for name in LAST_EPOCH_COLUMNS}
    return {name: v for name, v in values.items() if math.isfinite(v)}


def _cell_number(text: str | None) -> float:
    try:
        return float(text) if text is not None and len(text) < 40 else math.nan
    except ValueError:
        return math.nan


def count_epochs(history: Path) -> int:
    """How many epochs a run's history.csv records; raises FileNotFoundError, UnreadableFile
    (not a regular file, or larger than any history) or OSError."""
    data = read_small(history, MAX_HISTORY_BYTES)
    return max(0, sum(1 for line in data.splitlines() if line.strip()) - 1)


def _count_rows(path: Path, problems: list[str]) -> int:
    try:
        return count_epochs(path)
    except FileNotFoundError:
        return 0
    except (UnreadableFile, OSError) as exc:
        problems.append(_why(exc))
        return 0


def _read_json(path: Path, problems: list[str]):
    """A small JSON file; None when it is missing or unreadable (and then ``problems`` says why)."""
    try:
        return read_json(path, MAX_SMALL_FILE)
    except FileNotFoundError:
        if _exists(path):
            problems.append(say("{file} is a link to a file that does not exist", file=path.name))
        return None
    except (UnreadableFile, OSError) as exc:
        problems.append(_why(exc))
        return None


def _listed(problems: list[str]) -> str:
    """"a; b; c." — each problem once, as a sentence the window can translate."""
    unique = list(dict.fromkeys(problems))
    said = unique[0]
    for problem in unique[1:]:
        said = say("{problems}; {problem}", problems=said, problem=problem)
    return say("{problems}.", problems=said)


def _why(exc: Exception) -> str:
    if isinstance(exc, UnreadableFile):
        return message_of(exc)
    name = Path(getattr(exc, "filename", "") or "").name
    reason = getattr(exc, "strerror", None) or exc
    return say("{file} could not be read ({reason})", file=name, reason=reason) if name else \
        say("a file could not be read ({reason})", reason=reason)


def _exists(path: Path) -> bool:
    try:
        path.lstat()
        return True
    except OSError:
        return False


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
