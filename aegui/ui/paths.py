"""Where the app keeps its files: runs, logs. ``AEGUI_HOME`` overrides (tests use it)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QStandardPaths


def app_data_dir() -> Path:
    override = os.environ.get("AEGUI_HOME")
    base = Path(override) if override else Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    base.mkdir(parents=True, exist_ok=True)
    return base


def new_run_dir(model: str) -> Path:
    """A fresh folder for the checkpoints of one training run."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = app_data_dir() / "runs" / f"{stamp}-{model}"
    suffix = 1
    while path.exists():
        suffix += 1
        path = path.with_name(f"{stamp}-{model}-{suffix}")
    path.mkdir(parents=True)
    return path


def log_file() -> Path:
    return app_data_dir() / "aegui.log"
