"""A sweep: one short run per value of a setting, on the same data, split and seed.

    for event in run_sweep(config, "latent_dim", [2, 4, 8], out_dir, should_stop=stop):
        ...  # SweepStarted, then per run RunStarted, RunProgress…, RunDone; one SweepFinished

Like :meth:`Trainer.fit` it is a generator that knows nothing about threads or Qt, so the
command line drives it with a progress bar and the GUI from its background runner. Every
point is an ordinary run folder (``out_dir/latent-004/`` …) that any aegui command opens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from aegui.core.config import ExperimentConfig
from aegui.core.data import DataSplit, ImageDataset
from aegui.core.errors import AeguiError, Cancelled
from aegui.core.reports import EpochReport, StepReport
from aegui.core.run import RunLock, RunSession, Writer
from aegui.core.runs import load_for_config, split_for_config
from aegui.core.sweep.pca_curve import PcaCurve, pca_curve
from aegui.core.sweep.result import SweepPoint, SweepResult, save_sweep
from aegui.core.sweep.settings import setting_for, sweep_values
from aegui.core.training import model_spec_for
from aegui.core.words import message_of, say

STUDY_WRITER = "study"


@dataclass(frozen=True)
class SweepStarted:
    """The plan (every run pending) and PCA's curve, before the first run trains."""

    result: SweepResult
    path: Path  # sweep.json


@dataclass(frozen=True)
class RunStarted:
    index: int  # 0-based
    total: int
    value: float
    folder: Path


@dataclass(frozen=True)
class RunProgress:
    index: int
    total: int
    value: float
    report: StepReport | EpochReport

    @property
    def fraction_done(self) -> float:
        """Of the whole sweep, counting every run as equally long."""
        r = self.report
        run = r.fraction_done if isinstance(r, StepReport) else r.epoch / r.epochs
        return (self.index + run) / self.total


@dataclass(frozen=True)
class RunDone:
    """A run ended (finished, stopped or failed) and sweep.json says so."""

    index: int
    total: int
    point: SweepPoint
    result: SweepResult


@dataclass(frozen=True)
class SweepFinished:
    result: SweepResult  # status "finished", or "stopped" when cancelled
    path: Path  # sweep.json


SweepEvent = SweepStarted | RunStarted | RunProgress | RunDone | SweepFinished


def run_sweep(
    base: ExperimentConfig,
    setting: str,
    values: Iterable[float],
    out_dir: Path,
    *,
    data: ImageDataset | None = None,
    download: bool = False,
    should_stop: Callable[[], bool] | None = None,
    lock: RunLock | None = None,
) -> Iterator[SweepEvent]:
    """Train ``base`` with ``setting`` at each of ``values`` (sorted, without repeats) for its
    epochs, one run after another, writing ``out_dir``'s run folders and sweep.json.

    ``data`` (already loaded for ``base``) saves loading it again. ``should_stop`` is
    checked between batches and between runs. A run that diverges is recorded as failed
    and the sweep goes on. Bad settings raise a ConfigError before anything is written;
    an interrupt (KeyboardInterrupt, or closing the generator) saves what finished first.
    The study holds ``out_dir``'s lock while it runs (``lock``, when the caller took it
    already), so a second study into the same folder is refused; each run locks its own.
    """
    stop = should_stop or (lambda: False)
    setting_for(setting)  # an unknown setting fails here
    ordered = sweep_values(base, setting, values)
    base = base.with_changes(**{setting: ordered[0]})
    data = data if data is not None else load_for_config(base, download=download)
    split = split_for_config(data, base)  # one split: every run is measured on the same images
    model_spec_for(base, split)  # a setting that fits no run of this data fails now, not n times
    base.corruption_spec().check_channels(split.train.channels)
    out_dir = Path(out_dir)
    owned = lock is None
    lock = lock or RunLock(out_dir, STUDY_WRITER)
    lock.acquire()
    try:
        yield from _run_points(base, setting, ordered, out_dir, data, split, stop)
    finally:
        if owned:
            lock.release()


def _run_points(base: ExperimentConfig, setting: str, ordered: list[float], out_dir: Path,
                data: ImageDataset, split: DataSplit, stop: Callable[[], bool]) -> Iterator[SweepEvent]:
    spec = setting_for(setting)
    total = len(ordered)
    result = SweepResult(setting, base, tuple(SweepPoint(v, spec.folder(v)) for v in ordered),
                         data=data.describe())
    try:
        result = replace(result, pca_curve=_pca_curve_for(base, setting, ordered, split, stop))
    except Cancelled:
        result = _stopped(result)
        yield SweepFinished(result, save_sweep(result, out_dir))
        return
    current: _Run | None = None  # the run training now, to keep its epochs on an interrupt
    try:
        yield SweepStarted(result, save_sweep(result, out_dir))
        for index, value in enumerate(ordered):
            if stop():
                break
            current = _Run(base.with_changes(**{setting: value}), split, data.class_names,
                           out_dir / result.points[index].folder, result.points[index])
            yield RunStarted(index, total, value, current.folder)
            for report in current.train(stop):
                yield RunProgress(index, total, value, report)
            point, current = current.point(), None
            result = result.with_point(point)
            if point.status == "stopped":
                result = _stopped(result)
            save_sweep(result, out_dir)
            yield RunDone(index, total, point, result)
            if point.status == "stopped":
                break
    except BaseException:  # Ctrl-C, the generator closed, a failed write: keep what was done
        if current is not None:
            result = result.with_point(current.point())
        try:
            save_sweep(_settled(result), out_dir)
        except OSError:
            pass  # the error being raised says more than this one
        raise
    result = _settled(result)
    yield SweepFinished(result, save_sweep(result, out_dir))


def _stopped(result: SweepResult) -> SweepResult:
    return replace(result, status="stopped")


def _settled(result: SweepResult) -> SweepResult:
    """Finished once every run has ended (some may have failed), else stopped."""
    done = all(p.status in ("finished", "failed") for p in result.points)
    return replace(result, status="finished") if done else _stopped(result)


def _pca_curve_for(base: ExperimentConfig, setting: str, values: list[float], split: DataSplit,
                   stop: Callable[[], bool]) -> PcaCurve | None:
    """PCA's MSE for every code size up to the largest tried, when it compares: the setting
    is the code size and the task reconstructs its input as it is."""
    if setting != "latent_dim" or not base.corruption_spec().is_identity:
        return None
    sizes = [int(v) for v in values]
    return pca_curve(split.train.images, split.val.images, max(sizes), also=sizes, should_stop=stop)


class _Run:
    """One point of the sweep: a :class:`RunSession` that trains, measures and writes its folder."""

    def __init__(self, config: ExperimentConfig, split: DataSplit, class_names: tuple[str, ...],
                 folder: Path, planned: SweepPoint):
        self.config, self.split, self.class_names = config, split, class_names
        self.folder, self.planned = folder, planned
        self.session = RunSession(folder, Writer.SWEEP)
        self.epochs_done = 0
        self.metrics: dict[str, float] | None = None
        self.status, self.message = "pending", ""

    def train(self, stop: Callable[[], bool]) -> Iterator[StepReport | EpochReport]:
        session = self.session
        try:
            with session:
                session.start(self.config, self.split, class_names=self.class_names)
                for report in session.fit(stop):
                    if isinstance(report, EpochReport):
                        self.epochs_done = report.epoch
                    if isinstance(report, (StepReport, EpochReport)):
                        yield report
                outcome = session.outcome
                assert outcome is not None
                self.epochs_done = outcome.epochs_done
                self.status, self.message = outcome.status.value, "" if outcome.completed else outcome.message
                self.metrics = outcome.metrics if outcome.completed else None
        except AeguiError as exc:  # diverged, out of memory, too big for the device, a failed write
            self.status, self.message = "failed", message_of(exc)
        except (KeyboardInterrupt, GeneratorExit):
            self.status, self.message = "stopped", say("Interrupted.")
            raise
        except BaseException as exc:
            self.status, self.message = "failed", str(exc) or type(exc).__name__
            raise
        finally:
            if session.outcome is not None:  # what the folder holds, however the run ended
                self.epochs_done = session.outcome.epochs_done
            session.release_trainer()

    def point(self) -> SweepPoint:
        """The run as sweep.json records it."""
        m = self.metrics or {}
        return replace(self.planned, status=self.status, message=self.message, epochs_done=self.epochs_done,
                       val_mse=m.get("val_mse"), val_psnr=m.get("val_psnr"), pca_val_mse=m.get("pca_val_mse"))
