"""The files of a run folder. A run folder has one shape, whoever writes it::

    experiment.pt       config, weights, optimizer state, history and metrics (the truth)
    config.json         the same config, readable
    history.csv         one row per epoch
    metrics.json        the final metrics, once there are any
    status.json         running, finished, stopped or failed, and each epoch's time (journal.py)
    partial-epoch.pt    the state inside an epoch, while a long epoch trains
    writer.lock         who writes it now (lock.py), only while a writer runs

Only :class:`~aegui.core.run.session.RunSession` writes them, holding the folder's lock;
``write_history_csv`` and ``write_json`` also write the files export commands are asked for.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from aegui.core.checkpoint import EXPERIMENT_FILE, Experiment, atomic_write, save_experiment
from aegui.core.reports import HISTORY_COLUMNS

HISTORY_FILE = "history.csv"
METRICS_FILE = "metrics.json"
CONFIG_FILE = "config.json"


def write_history_csv(history: list[dict[str, float]], path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HISTORY_COLUMNS, extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    for row in history:
        writer.writerow({k: (int(v) if k == "epoch" else f"{v:.6g}") for k, v in row.items()})
    atomic_write(path, lambda handle: handle.write(buffer.getvalue().encode()))


def write_json(data: dict, path: Path) -> None:
    text = json.dumps(data, indent=2, sort_keys=True) + "\n"
    atomic_write(path, lambda handle: handle.write(text.encode()))


def write_run_folder(folder: Path, experiment: Experiment,
                     metrics: dict[str, float] | None = None) -> Path:
    """Write the run folder of ``experiment`` and return the path of its ``experiment.pt``.

    The checkpoint goes first, so a crash mid-way leaves the newest weights; each file is
    replaced atomically, so a failed write keeps the previous one. ``metrics`` (the final
    numbers) are stored in the experiment first, and ``metrics.json`` mirrors
    ``experiment.metrics``: written when metrics are given or the experiment has some,
    removed otherwise (a mid-run save), so it never contradicts ``experiment.pt``.
    Raises OSError when the folder cannot be written.
    """
    folder = Path(folder)
    if metrics is not None:
        experiment.metrics = dict(metrics)
    path = save_experiment(experiment, folder / EXPERIMENT_FILE)
    write_json(experiment.config.to_dict(), folder / CONFIG_FILE)
    write_history_csv(experiment.history, folder / HISTORY_FILE)
    if metrics is not None or experiment.metrics:
        write_json(experiment.metrics, folder / METRICS_FILE)
    else:
        (folder / METRICS_FILE).unlink(missing_ok=True)
    return path
