"""What a sweep found, as ``sweep.json`` stores it, and its plot ``sweep.svg``.

``sweep.json`` is rewritten (atomically) after every run, so a study that was stopped
or killed keeps the runs that finished and opens again from its folder.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from aegui.core.checkpoint import atomic_write
from aegui.core.config import ExperimentConfig
from aegui.core.errors import AeguiError, CheckpointError
from aegui.core.report.charts import Series, line_chart
from aegui.core.sweep.pca_curve import PcaCurve
from aegui.core.sweep.settings import setting_for
from aegui.core.words import message_of, say

SWEEP_FILE = "sweep.json"
PLOT_FILE = "sweep.svg"
FORMAT_VERSION = 1
# A run: pending (not started), finished (trained, with final metrics), stopped (cancelled;
# its folder holds the whole epochs it trained, if any), failed (diverged or could not start).
RUN_STATUSES = ("pending", "finished", "stopped", "failed")
# The study: running (or killed while running), finished, stopped.
SWEEP_STATUSES = ("running", "finished", "stopped")
MAX_X_TICKS = 12  # label the values tried, unless there are too many to read


@dataclass(frozen=True)
class SweepPoint:
    value: float  # the setting's value (an int for whole-number settings)
    folder: str  # the run folder's name inside the sweep folder
    status: str = "pending"
    epochs_done: int = 0
    val_mse: float | None = None
    val_psnr: float | None = None
    pca_val_mse: float | None = None  # PCA at the same code size; None for other tasks
    message: str = ""  # why it failed or stopped

    @property
    def finished(self) -> bool:
        return self.status == "finished"


@dataclass(frozen=True)
class SweepResult:
    setting: str  # the ExperimentConfig field swept
    config: ExperimentConfig  # the settings every run shares (the setting at its first value)
    points: tuple[SweepPoint, ...]  # by increasing value
    pca_curve: PcaCurve | None = None
    status: str = "running"
    data: str = ""  # the dataset, in one line

    @property
    def values(self) -> tuple[float, ...]:
        return tuple(p.value for p in self.points)

    @property
    def finished_points(self) -> tuple[SweepPoint, ...]:
        return tuple(p for p in self.points if p.finished)

    def with_point(self, point: SweepPoint) -> SweepResult:
        return replace(self, points=tuple(point if p.value == point.value else p for p in self.points))

    def to_dict(self) -> dict[str, Any]:
        curve = None if self.pca_curve is None else {
            "k": list(self.pca_curve.ks), "val_mse": [_finite(v) for v in self.pca_curve.val_mse]}
        return {
            "format_version": FORMAT_VERSION,
            "setting": self.setting,
            "values": list(self.values),
            "status": self.status,
            "data": self.data,
            "config": self.config.to_dict(),
            "runs": [{"value": p.value, "folder": p.folder, "status": p.status, "epochs_done": p.epochs_done,
                      "val_mse": _finite(p.val_mse), "val_psnr": _finite(p.val_psnr),
                      "pca_val_mse": _finite(p.pca_val_mse), "message": p.message} for p in self.points],
            "pca_curve": curve,
            "plot": PLOT_FILE,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SweepResult:
        """The result in a ``sweep.json``; a ValueError, KeyError or TypeError when malformed."""
        if data.get("format_version") != FORMAT_VERSION:
            raise ValueError(f"format version {data.get('format_version')!r}")
        points = tuple(SweepPoint(
            value=_number(run["value"]), folder=_folder_name(run["folder"]),
            status=_one_of(run["status"], RUN_STATUSES),
            epochs_done=int(run["epochs_done"]), val_mse=_optional(run.get("val_mse")),
            val_psnr=_optional(run.get("val_psnr")), pca_val_mse=_optional(run.get("pca_val_mse")),
            message=str(run.get("message", ""))) for run in data["runs"])
        curve = data.get("pca_curve")
        return cls(
            setting=setting_for(str(data["setting"])).name,
            config=ExperimentConfig.from_dict(data["config"]),
            points=points,
            pca_curve=None if curve is None else PcaCurve(tuple(int(k) for k in curve["k"]),
                                                          tuple(float(v) for v in curve["val_mse"])),
            status=_one_of(data["status"], SWEEP_STATUSES),
            data=str(data.get("data", "")),
        )


def _finite(value: float | None) -> float | None:
    """JSON has no NaN or infinity; a number that is not finite is stored as null."""
    return value if value is not None and math.isfinite(value) else None


def _optional(value: Any) -> float | None:
    return None if value is None else float(value)


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{value!r} is not a number")
    return value


def _one_of(value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(f"{value!r} is not one of {', '.join(allowed)}")
    return str(value)


def _folder_name(value: Any) -> str:
    """A plain name inside the sweep folder: a hand-edited file cannot point elsewhere."""
    name = str(value)
    if not name or name in (".", "..") or Path(name).name != name:
        raise ValueError(f"{name!r} is not a folder name")
    return name


def save_sweep(result: SweepResult, folder: Path) -> Path:
    """Write ``sweep.json`` and ``sweep.svg`` into ``folder`` (atomically); the json's path."""
    folder = Path(folder)
    text = json.dumps(result.to_dict(), indent=2, allow_nan=False) + "\n"
    path = folder / SWEEP_FILE
    atomic_write(path, lambda handle: handle.write(text.encode()))
    svg = sweep_chart(result)
    atomic_write(folder / PLOT_FILE, lambda handle: handle.write(svg.encode()))
    return path


def load_sweep(folder: Path) -> SweepResult:
    """The sweep saved in ``folder`` (or the ``sweep.json`` given); a CheckpointError when
    there is none or it cannot be read."""
    folder = Path(folder).expanduser()
    path = folder if folder.name == SWEEP_FILE else folder / SWEEP_FILE
    if not path.is_file():
        raise CheckpointError(say("{folder} holds no sweep: there is no {file} in it.", folder=path.parent,
                                  file=SWEEP_FILE))
    try:
        return SweepResult.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except OSError as exc:
        raise CheckpointError(say("Could not read {path}: {reason}.", path=path,
                                  reason=exc.strerror or str(exc))) from exc
    except AeguiError as exc:  # the settings in it are not valid ones
        raise CheckpointError(say("{path} is not a sweep aegui can open: {reason}", path=path,
                                  reason=message_of(exc))) from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CheckpointError(say("{path} is not a sweep aegui can open ({error}: {reason}).", path=path,
                                  error=type(exc).__name__, reason=str(exc))) from exc


def sweep_chart(result: SweepResult) -> str:
    """Validation MSE by the setting's value, with PCA's curve when the setting is the code size."""
    setting = setting_for(result.setting)
    done = result.finished_points
    series = [Series("autoencoder", tuple(p.value for p in done), tuple(_nan(p.val_mse) for p in done))]
    if result.pca_curve is not None:
        series.append(Series("PCA", tuple(map(float, result.pca_curve.ks)), result.pca_curve.val_mse, dashed=True))
    values = result.values
    log_x = setting.log_x and all(v > 0 for v in values)
    ticks = values if len(values) <= MAX_X_TICKS else None
    return line_chart(series, setting.label, "validation MSE", log_y=True, log_x=log_x, x_ticks=ticks)


def _nan(value: float | None) -> float:
    return math.nan if value is None else value
