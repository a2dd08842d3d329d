"""``aegui sweep``: one short run per latent size, with PCA's curve beside them, through
:func:`aegui.core.sweep.run_sweep` as the GUI drives it. No Qt here."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

from tqdm import tqdm

from aegui.cli.common import check_out_dir, config_from_args, load_data
from aegui.core.checkpoint import EXPERIMENT_FILE
from aegui.core.device import resolve_device
from aegui.core.errors import AeguiError, TrainingError
from aegui.core.reports import StepReport
from aegui.core.run import RunLock
from aegui.core.run.signals import stop_on_signals
from aegui.core.sweep import (
    PLOT_FILE,
    STUDY_WRITER,
    SWEEP_FILE,
    RunDone,
    RunProgress,
    RunStarted,
    SweepFinished,
    SweepPoint,
    run_sweep,
    setting_for,
)
from aegui.core.text import plural

SETTING = "latent_dim"
MAX_LATENT = 1024


def parse_latent_dims(text: str) -> list[int]:
    """``--latent-dims 2,4,8`` as sorted latent sizes without repeats."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    try:
        sizes = [int(part) for part in parts]
    except ValueError:
        raise AeguiError(f"--latent-dims takes latent sizes separated by commas, such as 2,4,8,16; "
                         f"not {text!r}.") from None
    if not sizes:
        raise AeguiError("--latent-dims needs at least one latent size, such as 2,4,8,16.")
    wrong = [size for size in sizes if not 1 <= size <= MAX_LATENT]
    if wrong:
        raise AeguiError(f"--latent-dims {wrong[0]} is not a latent size: each must be between 1 and {MAX_LATENT}.")
    return sorted(set(sizes))


def check_not_replacing_sweep(out: Path, folders: list[str], force: bool) -> None:
    """Refuse to write over an earlier sweep (or a run in its way) unless asked to."""
    if force:
        return
    if (out / SWEEP_FILE).exists():
        raise AeguiError(f"{out} already holds a sweep; pass --force to replace it, or give another --out.")
    taken = next((out / f for f in folders if (out / f / EXPERIMENT_FILE).exists()), None)
    if taken is not None:
        raise AeguiError(f"{taken} already holds an experiment; pass --force to replace it, or give another --out.")


def run(args: argparse.Namespace) -> int:
    sizes = parse_latent_dims(args.latent_dims)
    out = check_out_dir(args.out)
    base = config_from_args(argparse.Namespace(**{**vars(args), "latent_dim": sizes[0]}))
    # The study folder's lock first: a second study into the same folder is refused at once.
    # SIGINT and SIGTERM stop it between two batches (a second one at once).
    stop = threading.Event()
    with RunLock(out, STUDY_WRITER) as lock, stop_on_signals(lambda: stop.set() is None):
        return _sweep_in(out, base, sizes, args, lock, stop)


def _sweep_in(out: Path, base, sizes: list[int], args: argparse.Namespace, lock: RunLock,
              stop: threading.Event) -> int:
    check_not_replacing_sweep(out, [setting_for(SETTING).folder(k) for k in sizes], args.force)
    data = load_data(base, download=args.download)
    if not args.quiet:
        print(f"{data.describe()} | {base.model}, latent {', '.join(map(str, sizes))}, "
              f"{plural(base.epochs, 'epoch')} each | device {resolve_device(base.device)}")
    events = run_sweep(base, SETTING, sizes, out, data=data, lock=lock, should_stop=stop.is_set)
    try:
        finished = _follow(events, args.quiet)
    except KeyboardInterrupt:
        events.close()  # the sweep saves what finished before it ends
        print(f"Interrupted; the finished runs and {out / SWEEP_FILE} are kept.")
        raise
    if stop.is_set():
        print(f"Interrupted; the finished runs, the last whole epoch of the one under way and "
              f"{out / SWEEP_FILE} are kept.")
        raise KeyboardInterrupt
    assert finished is not None
    result = finished.result
    if not result.finished_points:
        failed = next((p for p in result.points if p.status == "failed"), None)
        raise TrainingError("No run of the sweep finished" + (f"; latent {int(failed.value)}: {failed.message}"
                                                              if failed else "."))
    print(f"Saved {finished.path} and {out / PLOT_FILE}")
    return 0


def _follow(events, quiet: bool) -> SweepFinished | None:
    """Show a study's events: a bar per run, a line per finished run; the last event."""
    bar: tqdm | None = None
    finished: SweepFinished | None = None
    try:
        for event in events:
            if isinstance(event, RunStarted):
                bar = None  # made at the run's first batch, when its length is known
            elif isinstance(event, RunProgress) and isinstance(event.report, StepReport):
                report = event.report
                if bar is None:
                    bar = tqdm(total=report.epochs * report.steps_per_epoch, unit="batch", leave=False,
                               desc=f"latent {int(event.value)} ({event.index + 1}/{event.total})",
                               disable=quiet, dynamic_ncols=True)
                bar.update(report.global_step - bar.n)
                bar.set_postfix(loss=f"{report.loss:.2f}")
            elif isinstance(event, RunDone):
                if bar is not None:
                    bar.close()
                _print_point(event.point)
            elif isinstance(event, SweepFinished):
                finished = event
    finally:
        if bar is not None:
            bar.close()
    return finished


def _print_point(point: SweepPoint) -> None:
    k = int(point.value)
    if point.status == "failed":
        print(f"aegui: latent {k} failed: {point.message}", file=sys.stderr)
    elif point.status == "finished":
        pca = "" if point.pca_val_mse is None else f"  PCA MSE {point.pca_val_mse:.5f}"
        print(f"latent {k:>4}  val MSE {point.val_mse:.5f}  PSNR {point.val_psnr:.2f} dB{pca}  ({point.folder})")
