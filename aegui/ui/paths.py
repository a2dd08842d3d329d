"""Where the app keeps its files: runs, logs, settings. ``AEGUI_HOME`` overrides all of
them (tests, ``--selftest`` and a trial run use it), so nothing else is read or written."""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from aegui.core.catalog import count_epochs
from aegui.core.run.files import HISTORY_FILE
from aegui.core.run.lock import tidy_idle_folder
from aegui.core.text import plural


def app_data_dir() -> Path:
    override = os.environ.get("AEGUI_HOME")
    base = Path(override) if override else Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    base.mkdir(parents=True, exist_ok=True)
    return base


def app_settings() -> QSettings:
    """The user's settings; under ``AEGUI_HOME`` (an ini file) when that is set."""
    if os.environ.get("AEGUI_HOME"):
        return QSettings(str(app_data_dir() / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings()


def new_run_dir(model: str) -> Path:
    """Where one training run keeps its checkpoints. Created by the first save, so a run
    that ends before its first epoch leaves no empty folder."""
    return stamped_folder(app_data_dir() / "runs", model)


def stamped_folder(parent: Path, name: str) -> Path:
    """``parent/YYYYmmdd-HHMMSS-name``, with -2, -3 … when one started in the same second."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = parent / f"{stamp}-{name}"
    suffix = 1
    while path.exists():
        suffix += 1
        path = path.with_name(f"{stamp}-{name}-{suffix}")
    return path


def recent_runs(limit: int = 8) -> list[Path]:
    """The experiment files of the app's own runs, newest first."""
    runs = app_data_dir() / "runs"
    found = [p for p in runs.glob("*/experiment.pt") if p.is_file()] if runs.is_dir() else []
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)[:limit]


STALE_WRITE_S = 600.0  # a write untouched this long is no other window's, but a killed one's


def remove_stale_run_files() -> int:
    """Remove what runs killed mid-write left in the app's run folders; how many files."""
    runs = app_data_dir() / "runs"
    if not runs.is_dir():
        return 0
    return sum(len(tidy_idle_folder(folder, "gui", STALE_WRITE_S))
               for folder in runs.iterdir() if folder.is_dir())


def experiment_name(path: str | Path) -> str:
    """How to name an experiment file: its run folder when it is a run's experiment.pt."""
    path = Path(path)
    return path.parent.name if path.name == "experiment.pt" and path.parent.name else path.name


def run_label(experiment_file: Path) -> str:
    """"20261202-101500-conv-vae · 3 epochs": a run folder and how far it got, read from its
    history.csv (cheap: no weights are loaded)."""
    try:
        epochs = count_epochs(experiment_file.parent / HISTORY_FILE)
    except (OSError, ValueError):  # none, or not a readable history (a FIFO, a huge file)
        return experiment_file.parent.name
    return f"{experiment_file.parent.name} · {plural(epochs, 'epoch')}"


def log_file() -> Path:
    return app_data_dir() / "aegui.log"
