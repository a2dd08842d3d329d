"""Where the app keeps its files: runs, logs, settings. ``AEGUI_HOME`` overrides all of
them (tests, ``--selftest`` and a trial run use it), so nothing else is read or written."""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths


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
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = app_data_dir() / "runs" / f"{stamp}-{model}"
    suffix = 1
    while path.exists():
        suffix += 1
        path = path.with_name(f"{stamp}-{model}-{suffix}")
    return path


def recent_runs(limit: int = 8) -> list[Path]:
    """The experiment files of the app's own runs, newest first."""
    runs = app_data_dir() / "runs"
    found = [p for p in runs.glob("*/experiment.pt") if p.is_file()] if runs.is_dir() else []
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)[:limit]


def log_file() -> Path:
    return app_data_dir() / "aegui.log"
