"""``aegui train``: one run through :class:`~aegui.core.run.RunSession`, with a progress bar."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from aegui.cli.common import (
    LIST_PARSERS,
    check_not_replacing,
    check_out_dir,
    config_from_args,
    load_data,
    print_metrics,
    say_skipped,
)
from aegui.cli.experiment_file import config_from_file
from aegui.core import distributed
from aegui.core.checkpoint import EXPERIMENT_FILE, Experiment, load_experiment, resolve_experiment_path
from aegui.core.config import ExperimentConfig
from aegui.core.data import ImageDataset
from aegui.core.distributed import DistContext
from aegui.core.errors import AeguiError
from aegui.core.partial_epoch import PARTIAL_FILE, PartialEpoch, load_partial
from aegui.core.reports import EpochReport, StepReport
from aegui.core.run import RunSession, Writer
from aegui.core.run.signals import stop_on_signals
from aegui.core.run.tensorboard_log import check_tensorboard
from aegui.core.run.verdict import Verdict
from aegui.core.runs import load_for_config, split_for_config
from aegui.core.text import plural


def run(args: argparse.Namespace) -> int:
    """``aegui train``: a new run, a run of an experiment file, or a resumed one."""
    if args.out is None and not args.resume:
        raise AeguiError("Give --out DIR, the folder the experiment is written to.")
    if args.tensorboard:
        check_tensorboard()  # before the data loads: say how to get it
    if args.checkpoint_minutes < 0:
        raise AeguiError("--checkpoint-minutes must be 0 (only at epoch ends) or a positive number.")
    if getattr(args, "config", None) and args.resume:
        raise AeguiError("Give --config (a new run of an experiment file) or --resume (continue a run), "
                         "not both.")
    out = check_out_dir(args.out if args.out is not None else str(_resume_folder(args.resume)))
    torchrun = distributed.launched_by_torchrun()
    # Under torchrun this is one of several processes: rank 0 alone writes and prints.
    writes = not torchrun or os.environ.get("RANK", "0") == "0"
    session = RunSession(out, Writer.TORCHRUN if torchrun else Writer.CLI, writes=writes)
    # The folder's lock first, so what is read next cannot change under us. SIGTERM (a
    # scheduler) and SIGINT end the run between batches, keeping its last whole epoch.
    with session, stop_on_signals(session.interrupt):
        return _train_in(session, out, args, torchrun)


@dataclass(frozen=True)
class _Plan:
    """What ``aegui train``'s options ask for, read under the folder's lock."""

    config: ExperimentConfig
    resumed: Experiment | None = None  # the run continued
    partial: PartialEpoch | None = None  # a mid-epoch checkpoint beside it
    measure_only: bool = False  # all epochs trained, the final metrics missing


def _plan(out: Path, args: argparse.Namespace) -> _Plan:
    source, partial = _resume_sources(args.resume)
    if source is not None:
        check_not_replacing(out, args.force, source)
        resumed = load_experiment(source)
        if args.epochs is None and resumed.epochs_done >= resumed.config.epochs and not resumed.metrics:
            return _Plan(resumed.config, resumed, measure_only=True)
        config = resumed_config(resumed, args.epochs, args.resume).with_changes(device=args.device)
        return _Plan(config, resumed, partial)
    if partial is not None:  # stopped inside the first epoch: the settings are the partial's
        config = ExperimentConfig.from_json(partial.config_json).with_changes(device=args.device)
        return _Plan(config if args.epochs is None else config.with_changes(epochs=args.epochs), None, partial)
    check_not_replacing(out, args.force, None)
    if getattr(args, "config", None):
        return _Plan(config_from_file(args.config, args, getattr(args, "explicit", set()), LIST_PARSERS))
    return _Plan(config_from_args(args))


def _train_in(session: RunSession, out: Path, args: argparse.Namespace, torchrun: bool) -> int:
    plan = _plan(out, args)
    if plan.measure_only:
        # Under torchrun, rank 0 measures and writes it.
        return _measure_finished_run(session, plan.resumed, args) if session.writes else 0
    ctx = distributed.start(plan.config.device) if torchrun else None
    config = plan.config.with_changes(processes=ctx.world_size if ctx else 1)  # the run as it really trains
    quiet = args.quiet or not session.writes
    data = load_for_config(config, download=args.download)
    if session.writes:  # one note per job, not one per torchrun process
        say_skipped(data)
    split = split_for_config(data, config)
    trainer = session.start(
        config, split, resume=plan.resumed, partial=plan.partial, class_names=data.class_names,
        checkpoint_every_s=args.checkpoint_minutes * 60 if args.checkpoint_minutes > 0 and ctx is None else None,
        dist=ctx, tensorboard=args.tensorboard,
    )
    if not quiet:
        _print_header(session, data, ctx)
    if trainer.optimizer_note and (ctx is None or ctx.rank == 0):
        print(f"Warning: {trainer.optimizer_note}", file=sys.stderr)
    steps = trainer.steps_per_epoch()
    bar = tqdm(total=config.epochs * steps, initial=trainer.epochs_done * steps, unit="batch",
               disable=quiet, dynamic_ncols=True)
    try:
        for report in session.fit():
            if isinstance(report, StepReport):
                bar.update(report.global_step - bar.n)
                bar.set_postfix(loss=f"{report.loss:.2f}", img_s=f"{report.images_per_s:.0f}")
            elif isinstance(report, EpochReport) and not quiet:
                bar.write(_epoch_line(report))
    except KeyboardInterrupt:
        bar.close()
        if session.writes:
            print(_interrupted_line(session, out))
        raise
    finally:
        bar.close()
    distributed.stop(ctx)
    return _report_end(session, out, args)


def _print_header(session: RunSession, data: ImageDataset, ctx: DistContext | None) -> None:
    trainer, config = session.trainer, session.config
    if session.picked_up is not None:
        p = session.picked_up
        print(f"Picking up epoch {p.epochs_done + 1} at batch {p.step + 1} of {p.steps}, "
              "where its mid-epoch checkpoint stopped.")
    processes = f" × {ctx.world_size} processes ({ctx.backend})" if ctx else ""
    print(f"{data.describe()} | {config.model}, latent {config.latent_dim}, "
          f"{config.corruption_spec().describe()} | device {trainer.device}{processes} "
          f"({trainer.fast.describe()})")


def _report_end(session: RunSession, out: Path, args: argparse.Namespace) -> int:
    outcome = session.outcome
    if outcome is None or not session.writes:
        return 0
    if outcome.interrupted:
        print(_interrupted_line(session, out))
        raise KeyboardInterrupt
    if outcome.metrics:  # --quiet drops the progress bar and epoch lines, never the result
        print_metrics(outcome.metrics, as_json=False)
        print(f"Saved {out / EXPERIMENT_FILE}")
    print_verdict(outcome.verdict, args.quiet)
    return 0


def print_verdict(verdict: Verdict, quiet: bool) -> None:
    """A collapsed model is said on stderr even with --quiet; a note only without it."""
    if verdict.collapsed:
        print(f"Warning: {verdict.collapsed}", file=sys.stderr)
    elif verdict.note and not quiet:
        print(f"Note: {verdict.note}")


def _interrupted_line(session: RunSession, out: Path) -> str:
    outcome = session.outcome
    if outcome is not None and outcome.epochs_trained > 0:
        measured = (f", measured (validation MSE {outcome.metrics['val_mse']:.4g})"
                    if outcome.metrics and "val_mse" in outcome.metrics else "")
        return (f"Interrupted; the last complete epoch ({outcome.epochs_done}) is saved{measured} in "
                f"{out / EXPERIMENT_FILE}.")
    if (out / PARTIAL_FILE).exists():
        return ("Interrupted before an epoch completed; its last mid-epoch checkpoint is kept: "
                f"continue with 'aegui train --resume {out}'.")
    if outcome is not None and outcome.epochs_done > 0:
        return f"Interrupted before an epoch completed; the run is as it was, at epoch {outcome.epochs_done}."
    return "Interrupted before an epoch completed; nothing was saved."


def _measure_finished_run(session: RunSession, experiment: Experiment, args: argparse.Namespace) -> int:
    """A run that trained all its epochs but stopped before its final metrics (killed, or
    the machine went down): measure it now, rather than make the user train more."""
    data = load_data(experiment.config, download=args.download)
    metrics = session.measure_finished(experiment, split_for_config(data, experiment.config))
    if not args.quiet:
        print(f"All {plural(experiment.epochs_done, 'epoch')} were trained, but the final metrics were "
              "missing; measured them now.")
        print_metrics(metrics, as_json=False)
        print(f"Saved {session.folder / EXPERIMENT_FILE}")
    if session.outcome is not None:
        print_verdict(session.outcome.verdict, args.quiet)
    return 0


def _resume_folder(resume: str) -> Path:
    """The folder a resumed run writes back into: the run's own (an experiment file's)."""
    given = Path(resume).expanduser()
    return given if given.is_dir() or not given.suffix else given.parent


def _resume_sources(resume: str | None) -> tuple[Path | None, PartialEpoch | None]:
    """The experiment file to continue and any mid-epoch checkpoint beside it. A folder with
    only a mid-epoch checkpoint is a run stopped inside its first epoch."""
    if not resume:
        return None, None
    given = Path(resume).expanduser()
    folder = given if given.is_dir() else given.parent
    partial = load_partial(folder)
    if given.is_dir() and not (given / EXPERIMENT_FILE).exists() and partial is not None \
            and partial.epochs_done == 0:
        return None, partial
    return resolve_experiment_path(given), partial


def resumed_config(experiment: Experiment, epochs: int | None, name: str) -> ExperimentConfig:
    """The config of a continued run: ``epochs`` more epochs, or the rest of the planned total.

    "Continue" means the same here as in the GUI: ``--epochs N`` trains N more.
    """
    done = experiment.epochs_done
    if epochs is None:
        if experiment.config.epochs <= done:
            raise AeguiError(
                f"{name} has finished the {plural(done, 'epoch')} it was set to train; pass "
                "--epochs N to train N more."
            )
        return experiment.config
    if epochs < 1:
        raise AeguiError("--epochs must be at least 1: the number of epochs to train.")
    return experiment.config.with_changes(epochs=done + epochs)


def _epoch_line(r: EpochReport) -> str:
    kl = f" (recon {r.val_recon:.2f} + KL {r.val_kl:.2f})" if r.val_kl else ""
    return (f"epoch {r.epoch}/{r.epochs}  train {r.train_loss:.3f}  val {r.val_loss:.3f}{kl}  "
            f"PSNR {r.val_psnr:.2f} dB  {r.images_per_s:.0f} img/s")


