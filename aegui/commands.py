"""What the CLI subcommands do, over aegui.core. No Qt here either."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from tqdm import tqdm

from aegui.core import distributed
from aegui.core.checkpoint import EXPERIMENT_FILE, Experiment, load_experiment, resolve_experiment_path
from aegui.core.config import ExperimentConfig
from aegui.core.data import DataSplit, ImageDataset, load_dataset, parse_spec
from aegui.core.errors import AeguiError, CheckpointError
from aegui.core.evaluation import comparison_rows
from aegui.core.imaging import comparison_grid, save_png
from aegui.core.latent import check_embedding_path, encode, save_embeddings
from aegui.core.model_export import GRAPH_SUFFIXES, MODEL_SUFFIXES, check_graph_path, export_graphs, export_model
from aegui.core.partial_epoch import PARTIAL_FILE, PartialEpoch, load_partial
from aegui.core.reports import EpochReport, StepReport
from aegui.core.run import RunSession, Writer
from aegui.core.run.files import write_history_csv
from aegui.core.run.signals import stop_on_signals
from aegui.core.runs import final_metrics, load_for_config, split_for_config
from aegui.core.text import plural
from aegui.experiment_file import config_from_file

FRESH_EPOCHS = ExperimentConfig.epochs  # a new run's epochs when --epochs is not given


def _config_from_args(args: argparse.Namespace) -> ExperimentConfig:
    return ExperimentConfig(
        dataset=args.dataset, image_size=args.image_size, color=args.color,
        val_fraction=args.val_fraction, split_seed=args.split_seed, model=args.model,
        latent_dim=args.latent_dim, hidden=args.hidden, depth=args.depth, task=args.task, noise=args.noise,
        corruption=args.corruption, epochs=FRESH_EPOCHS if args.epochs is None else args.epochs,
        batch_size=args.batch_size, lr=args.lr,
        optimizer=args.optimizer, loss=args.loss, beta=args.beta,
        kl_warmup_epochs=args.kl_warmup, device=args.device, seed=args.seed,
        amp=args.amp, amp_dtype=args.amp_dtype, channels_last=args.channels_last,
        fused_optimizer=args.fused_optimizer, compile=args.compile,
        classes=parse_classes(args.classes),
    )


def parse_classes(text: str | None) -> tuple[int, ...] | None:
    """``--classes 0,3`` as a tuple of class indices; None (all classes) when not given."""
    if text is None or not text.strip():
        return None
    try:
        return tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise AeguiError(f"--classes takes class indices separated by commas, such as 0,3; not {text!r}.") from None


def train(args: argparse.Namespace) -> int:
    if args.out is None and not args.resume:
        raise AeguiError("Give --out DIR, the folder the experiment is written to.")
    if args.checkpoint_minutes < 0:
        raise AeguiError("--checkpoint-minutes must be 0 (only at epoch ends) or a positive number.")
    if getattr(args, "config", None) and args.resume:
        raise AeguiError("Give --config (a new run of an experiment file) or --resume (continue a run), "
                         "not both.")
    out = check_out_dir(args.out if args.out is not None else str(_resume_folder(args.resume)))
    torchrun = distributed.launched_by_torchrun()
    # Under torchrun this is one of several processes: rank 0 alone writes and prints.
    writes = os.environ.get("RANK", "0") == "0"
    session = RunSession(out, Writer.TORCHRUN if torchrun else Writer.CLI, writes=writes)
    # The folder's lock first, so what is read next cannot change under us. SIGTERM (a
    # scheduler) and SIGINT end the run between batches, keeping its last whole epoch.
    with session, stop_on_signals(session.interrupt):
        return _train_in(session, out, args, torchrun)


def _train_in(session: RunSession, out: Path, args: argparse.Namespace, torchrun: bool) -> int:
    source, partial = _resume_sources(args.resume)
    resumed: Experiment | None = None
    if source is not None:
        check_not_replacing(out, args.force, source)
        resumed = load_experiment(source)
        if args.epochs is None and resumed.epochs_done >= resumed.config.epochs and not resumed.metrics:
            if not session.writes:
                return 0  # under torchrun, rank 0 measures and writes it
            return _measure_finished_run(session, resumed, args)
        config = resumed_config(resumed, args.epochs, args.resume).with_changes(device=args.device)
    elif partial is not None:  # stopped inside the first epoch: the settings are the partial's
        config = ExperimentConfig.from_json(partial.config_json).with_changes(device=args.device)
        if args.epochs is not None:
            config = config.with_changes(epochs=args.epochs)
    elif getattr(args, "config", None):
        check_not_replacing(out, args.force, None)
        config = config_from_file(args.config, args, getattr(args, "explicit", set()), parse_classes)
    else:
        check_not_replacing(out, args.force, None)
        config = _config_from_args(args)
    ctx = distributed.start(config.device) if torchrun else None
    quiet = args.quiet or not session.writes
    data = load_for_config(config, download=args.download)
    split = split_for_config(data, config)
    trainer = session.start(
        config, split, resume=resumed, partial=partial, class_names=data.class_names,
        checkpoint_every_s=args.checkpoint_minutes * 60 if args.checkpoint_minutes > 0 and ctx is None else None,
        dist=ctx,
    )
    if not quiet:
        if session.picked_up is not None:
            p = session.picked_up
            print(f"Picking up epoch {p.epochs_done + 1} at batch {p.step + 1} of {p.steps}, "
                  "where its mid-epoch checkpoint stopped.")
        processes = f" × {ctx.world_size} processes ({ctx.backend})" if ctx else ""
        print(f"{data.describe()} | {config.model}, latent {config.latent_dim}, "
              f"{config.corruption_spec().describe()} | device {trainer.device}{processes} "
              f"({trainer.fast.describe()})")
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
    outcome = session.outcome
    assert outcome is not None
    if not session.writes:
        return 0
    if outcome.interrupted:
        print(_interrupted_line(session, out))
        raise KeyboardInterrupt
    if not args.quiet and outcome.metrics:
        print_metrics(outcome.metrics, as_json=False)
        print(f"Saved {out / EXPERIMENT_FILE}")
    return 0


def _interrupted_line(session: RunSession, out: Path) -> str:
    outcome = session.outcome
    if outcome is not None and outcome.epochs_trained > 0:
        return f"Interrupted; the last complete epoch ({outcome.epochs_done}) is saved in {out / EXPERIMENT_FILE}."
    if (out / PARTIAL_FILE).exists():
        return ("Interrupted before an epoch completed; its last mid-epoch checkpoint is kept: "
                f"continue with 'aegui train --resume {out}'.")
    if outcome is not None and outcome.epochs_done > 0:
        return f"Interrupted before an epoch completed; the run is as it was, at epoch {outcome.epochs_done}."
    return "Interrupted before an epoch completed; nothing was saved."


def _measure_finished_run(session: RunSession, experiment: Experiment, args: argparse.Namespace) -> int:
    """A run that trained all its epochs but stopped before its final metrics (killed, or
    the machine went down): measure it now, rather than make the user train more."""
    data = load_for_config(experiment.config, download=args.download)
    metrics = session.measure_finished(experiment, split_for_config(data, experiment.config))
    if not args.quiet:
        print(f"All {plural(experiment.epochs_done, 'epoch')} were trained, but the final metrics were "
              "missing; measured them now.")
        print_metrics(metrics, as_json=False)
        print(f"Saved {session.folder / EXPERIMENT_FILE}")
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


def check_out_dir(path: str) -> Path:
    """The experiment folder, checked now so a bad --out fails before any training.

    Nothing is created here: the first save makes the folder, so a run that fails
    before its first epoch leaves no empty folder behind.
    """
    if not path.strip():
        raise AeguiError("--out is empty; give the folder the experiment is written to.")
    out = Path(path).expanduser()
    if out.exists() and not out.is_dir():
        raise AeguiError(f"--out {out} is a file; give a folder for the experiment.")
    _check_can_create(out)
    return out


def check_out_file(path: str) -> Path:
    """A file to write, checked before any work: not a folder, and in a writable place."""
    if not path.strip():
        raise AeguiError("--out is empty; give the file to write.")
    out = Path(path).expanduser()
    if out.is_dir():
        raise AeguiError(f"--out {out} is a folder; give a file name, such as {out / 'model'}{out.suffix}.")
    _check_can_create(out.parent if out.parent != Path("") else Path("."))
    return out


def _check_can_create(out: Path) -> None:
    """``out`` (a folder, existing or not) can be made and written into."""
    existing = next(p for p in (out, *out.absolute().parents) if p.exists())
    if not existing.is_dir():
        raise AeguiError(f"--out {out} cannot be made because {existing} is a file; give another folder.")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise AeguiError(f"--out {out} cannot be written: {existing} is not writable (or is on a "
                         "read-only drive). Give another folder.")


def check_not_replacing(out: Path, force: bool, source: Path | None) -> None:
    """Refuse to overwrite the experiment in ``out`` unless asked to, or continuing it there."""
    existing = out / EXPERIMENT_FILE
    if force or not existing.is_file():
        return
    if source is not None and source.resolve() == existing.resolve():
        return
    raise AeguiError(
        f"{out} already holds an experiment; pass --force to replace it, or continue it with "
        f"'aegui train --resume {out} --epochs N'."
    )


def print_metrics(metrics: dict[str, float], as_json: bool) -> None:
    if as_json:
        print(json.dumps(metrics, indent=2, sort_keys=True))
        return
    width = max(len(k) for k in metrics)
    for key, value in metrics.items():
        shown = f"{value:.4f}" if isinstance(value, float) else str(value)
        print(f"{key:<{width}}  {shown}")


def _epoch_line(r: EpochReport) -> str:
    kl = f" (recon {r.val_recon:.2f} + KL {r.val_kl:.2f})" if r.val_kl else ""
    return (f"epoch {r.epoch}/{r.epochs}  train {r.train_loss:.3f}  val {r.val_loss:.3f}{kl}  "
            f"PSNR {r.val_psnr:.2f} dB  {r.images_per_s:.0f} img/s")


def is_own_dataset(config: ExperimentConfig, spec: str | None) -> bool:
    """Whether ``--dataset SPEC`` names the experiment's own dataset (or is not given)."""
    return spec is None or str(parse_spec(spec)) == str(parse_spec(config.dataset))


def _evaluation_split(experiment: Experiment, spec: str | None, download: bool) -> DataSplit:
    """The experiment's own validation split, or all of another dataset."""
    config = experiment.config
    if is_own_dataset(config, spec):
        data = load_for_config(config, download=download)
        split = split_for_config(data, config)
    else:
        data = load_dataset(spec, download=download, image_size=config.image_size, color=config.color)
        split = DataSplit(train=data, val=data, val_fraction=1.0, seed=config.seed)
    check_fits(experiment, split.val)
    return split


def check_fits(experiment: Experiment, data: ImageDataset) -> None:
    """A CheckpointError unless the model can run on ``data`` (image shape, labels)."""
    expected = experiment.spec.image_shape
    if data.shape != expected:
        raise CheckpointError(
            f"The model expects {'×'.join(map(str, expected))} images, but {data.name} has "
            f"{'×'.join(map(str, data.shape))}. Evaluate it on data like it was trained on."
        )
    if experiment.model.conditional and (not data.has_labels
                                         or data.num_classes != experiment.spec.num_classes):
        raise CheckpointError(
            f"This conditional VAE needs labels of {plural(experiment.spec.num_classes, 'class')}; "
            f"{data.name} does not have them."
        )


def evaluate(args: argparse.Namespace) -> int:
    experiment = load_experiment(Path(args.checkpoint))
    split = _evaluation_split(experiment, args.dataset, args.download)
    metrics = final_metrics(experiment.model, split, experiment.config)
    print_metrics(metrics, as_json=args.json)
    return 0


def export(args: argparse.Namespace) -> int:
    experiment = load_experiment(Path(args.checkpoint))
    out = check_out_file(args.out)
    check_export_path(args.what, out)  # a bad file type is refused before anything is made
    out.parent.mkdir(parents=True, exist_ok=True)
    if args.what == "model":
        out = export_model(experiment, out)
    elif args.what in GRAPH_SUFFIXES:
        return _export_graphs(experiment, args, out)
    elif args.what == "history":
        write_history_csv(experiment.history, out)
    else:
        split = _evaluation_split(experiment, args.dataset, download=False)
        if args.what == "embeddings":
            _export_embeddings(experiment, split.val, out)
        else:
            _export_reconstructions(experiment, split.val, out, args.count)
    print(f"Wrote {out}")
    return 0


def check_export_path(what: str, out: Path) -> None:
    """Refuse a file type the export cannot write, with the types it can."""
    suffix = out.suffix.lower()
    if what == "embeddings":
        check_embedding_path(out)
    elif what == "model" and suffix not in MODEL_SUFFIXES:
        raise AeguiError("Export the model as .safetensors (weights) or .pt (aegui experiment).")
    elif what in GRAPH_SUFFIXES:
        check_graph_path(what, out)
    elif what == "history" and suffix != ".csv":
        raise AeguiError("Export the history as a .csv file.")
    elif what == "reconstructions" and suffix != ".png":
        raise AeguiError("Export reconstructions as a .png image.")


def _export_graphs(experiment: Experiment, args: argparse.Namespace, out: Path) -> int:
    """ONNX or torch.export: two files, checked on the validation images as ``eval`` uses them."""
    split = _evaluation_split(experiment, args.dataset, download=False)
    data = split.val
    other_data = None if is_own_dataset(experiment.config, args.dataset) else data.name
    result = export_graphs(args.what, experiment, out, data.images,
                           data.labels if experiment.spec.conditional else None, other_data=other_data)
    for path in result.paths:
        print(f"Wrote {path}")
    print(result.parity())
    return 0


def _export_embeddings(experiment: Experiment, data: ImageDataset, out: Path) -> None:
    codes = encode(experiment.model.eval(), data.images, data.labels)
    labels = data.labels.numpy() if data.labels is not None else None
    save_embeddings(out, codes, labels, data.class_names)


def _export_reconstructions(experiment: Experiment, data: ImageDataset, out: Path, count: int) -> None:
    if out.suffix.lower() != ".png":
        raise AeguiError("Export reconstructions as a .png image.")
    count = max(1, min(count, len(data)))
    labels = data.labels[:count] if data.labels is not None else None
    rows = comparison_rows(experiment.model, data.images[:count], labels, experiment.config.corruption_spec(),
                           experiment.config.seed)
    save_png(comparison_grid(rows), out, scale=3)
