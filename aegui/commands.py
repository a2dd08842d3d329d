"""What the CLI subcommands do, over aegui.core. No Qt here either."""

from __future__ import annotations

import argparse
import json
import os
import signal
from pathlib import Path

from tqdm import tqdm

from aegui.core import distributed
from aegui.core.checkpoint import (
    EXPERIMENT_FILE,
    Experiment,
    load_experiment,
    remove_stale_temporaries,
    resolve_experiment_path,
)
from aegui.core.config import ExperimentConfig
from aegui.core.data import DataSplit, ImageDataset, load_dataset, parse_spec
from aegui.core.errors import AeguiError, CheckpointError, TrainingError
from aegui.core.evaluation import comparison_rows
from aegui.core.imaging import comparison_grid, save_png
from aegui.core.latent import check_embedding_path, encode, save_embeddings
from aegui.core.model_export import GRAPH_SUFFIXES, MODEL_SUFFIXES, check_graph_path, export_graphs, export_model
from aegui.core.partial_epoch import PARTIAL_FILE, PartialEpoch, load_partial, remove_partial, save_partial
from aegui.core.reports import EpochReport, MidEpoch, RunFinished, StepReport
from aegui.core.run_journal import RunJournal
from aegui.core.runs import (
    final_metrics,
    load_for_config,
    split_for_config,
    write_history_csv,
    write_run_folder,
)
from aegui.core.text import plural
from aegui.core.training import Trainer
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
    source, partial = _resume_sources(args.resume)
    # Resuming writes back into the run's own folder unless --out says otherwise.
    out = check_out_dir(args.out if args.out is not None else str(Path(args.resume).expanduser()
                                                                  if source is None else source.parent))
    resumed: Experiment | None = None
    if source is not None:
        check_not_replacing(out, args.force, source)
        remove_stale_temporaries(out)  # a run killed mid-write left its half-written file
        resumed = load_experiment(source)
        if args.epochs is None and resumed.epochs_done >= resumed.config.epochs and not resumed.metrics:
            if os.environ.get("RANK", "0") != "0":
                return 0  # under torchrun, rank 0 measures and writes it
            return _measure_finished_run(resumed, out, args)
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
    # Under torchrun this is one of several processes: rank 0 alone writes and prints.
    ctx = distributed.start(config.device)
    writer = ctx is None or ctx.is_main
    quiet = args.quiet or not writer
    if ctx is not None:
        signal.signal(signal.SIGTERM, _interrupt)  # torchrun ending the job: keep what is saved
        partial = None  # each rank's random state would be needed to pick up inside an epoch
    if writer:
        remove_stale_temporaries(out)  # the run owns its folder from here on
    start_epoch = resumed.epochs_done if resumed else 0
    data = load_for_config(config, download=args.download)
    split = split_for_config(data, config)
    trainer = Trainer(
        config, split,
        model=resumed.model if resumed else None,
        optimizer_state=resumed.optimizer_state if resumed else None,
        history=resumed.history if resumed else None,
        epochs_done=resumed.epochs_done if resumed else 0,
        checkpoint_every_s=args.checkpoint_minutes * 60 if args.checkpoint_minutes > 0 and ctx is None else None,
        dist=ctx,
    )
    if partial is not None and partial.matches(config, start_epoch) and trainer.pick_up(partial):
        if not quiet:
            print(f"Picking up epoch {start_epoch + 1} at batch {partial.step + 1} of {partial.steps}, "
                  "where its mid-epoch checkpoint stopped.")
    if not quiet:
        processes = f" × {ctx.world_size} processes ({ctx.backend})" if ctx else ""
        print(f"{data.describe()} | {config.model}, latent {config.latent_dim}, "
              f"{config.corruption_spec().describe()} | device {trainer.device}{processes} "
              f"({trainer.fast.describe()})")

    def save(metrics: dict[str, float] | None = None) -> Path:
        if not writer:
            return out / EXPERIMENT_FILE
        try:
            return _write(metrics)
        except OSError as exc:  # a full disk, a vanished drive: the last good checkpoint stays
            reason = exc.strerror or str(exc) or type(exc).__name__
            kept = ("the checkpoint before it is kept. Free some space, then continue with "
                    f"'aegui train --resume {out} --epochs N'." if (out / "experiment.pt").exists()
                    else "nothing was saved. Free some space and train again.")
            raise TrainingError(f"Saving epoch {trainer.epochs_done} to {out} failed ({reason}); {kept}") from exc

    def _write(metrics: dict[str, float] | None = None) -> Path:
        experiment = Experiment(config, trainer.model, trainer.history, trainer.epochs_done,
                                trainer.optimizer.state_dict(), data.class_names)
        path = write_run_folder(out, experiment, metrics)
        remove_partial(out)  # the epoch it was part of is whole now
        return path

    def save_mid_epoch(bar: tqdm) -> None:
        try:
            save_partial(out, trainer.partial_epoch())
        except OSError as exc:  # the last whole epoch is still safe; training goes on
            bar.write(f"aegui: could not save the mid-epoch checkpoint ({exc.strerror or exc}); "
                      "training goes on.")

    journal = RunJournal(out, "torchrun" if ctx else "cli", trainer.epochs_done) if writer else NO_JOURNAL
    steps = trainer.steps_per_epoch()
    bar = tqdm(total=config.epochs * steps, initial=trainer.epochs_done * steps, unit="batch",
               disable=quiet, dynamic_ncols=True)
    try:
        for report in trainer.fit():
            if isinstance(report, StepReport):
                bar.update(report.global_step - bar.n)
                bar.set_postfix(loss=f"{report.loss:.2f}", img_s=f"{report.images_per_s:.0f}")
            elif isinstance(report, MidEpoch):
                save_mid_epoch(bar)
            elif isinstance(report, EpochReport):
                save()  # every epoch: a crash costs at most one epoch (or the checkpoint interval)
                journal.epoch(report.epoch, report.epoch_seconds)
                if not quiet:
                    bar.write(_epoch_line(report))
            elif isinstance(report, RunFinished):
                break
    except KeyboardInterrupt:
        bar.close()
        journal.ended("stopped", "Interrupted.")
        if not writer:
            raise
        if trainer.epochs_done == start_epoch:  # an untrained (or unchanged) model is no run
            if (out / PARTIAL_FILE).exists():
                print("Interrupted before an epoch completed; its last mid-epoch checkpoint is kept: "
                      f"continue with 'aegui train --resume {out}'.")
            else:
                print("Interrupted before an epoch completed; nothing was saved.")
            raise
        trainer.restore_last_good()
        path = save()
        print(f"Interrupted; the last complete epoch ({trainer.epochs_done}) is saved in {path}.")
        raise
    except TrainingError as exc:
        journal.ended("failed", str(exc))
        remove_partial(out)  # its weights led here; continuing starts from the last good epoch
        raise
    except RuntimeError as exc:
        if ctx is None or not distributed.is_peer_failure(exc):
            journal.ended("failed", str(exc) or type(exc).__name__)
            raise
        # A collective failed: another process of the job died (killed, out of memory).
        message = (f"Another process of this torchrun job stopped ({_first_line(exc)}); the last complete "
                   f"epoch ({trainer.epochs_done}) is kept in {out}. Continue with 'torchrun "
                   f"--nproc-per-node {ctx.world_size} -m aegui train --resume {out}'.")
        journal.ended("failed", message)
        raise TrainingError(message) from exc
    except BaseException as exc:
        journal.ended("failed", str(exc) or type(exc).__name__)
        raise
    finally:
        bar.close()
    distributed.stop(ctx)
    if not writer:
        return 0
    metrics = final_metrics(trainer.model, split, config)
    path = save(metrics)
    journal.ended("finished")
    if not args.quiet:
        print_metrics(metrics, as_json=False)
        print(f"Saved {path}")
    return 0


class _NoJournal:
    """What the ranks other than 0 keep of the run journal: nothing (rank 0 writes it)."""

    def epoch(self, epoch: int, seconds: float) -> None:
        pass

    def ended(self, status: str, message: str = "") -> None:
        pass


NO_JOURNAL = _NoJournal()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__


def _measure_finished_run(experiment: Experiment, out: Path, args: argparse.Namespace) -> int:
    """A run that trained all its epochs but stopped before its final metrics (killed, or
    the machine went down): measure it now, rather than make the user train more."""
    data = load_for_config(experiment.config, download=args.download)
    metrics = final_metrics(experiment.model, split_for_config(data, experiment.config), experiment.config)
    path = write_run_folder(out, experiment, metrics)
    RunJournal(out, "cli", experiment.epochs_done).ended("finished")
    if not args.quiet:
        print(f"All {plural(experiment.epochs_done, 'epoch')} were trained, but the final metrics were "
              "missing; measured them now.")
        print_metrics(metrics, as_json=False)
        print(f"Saved {path}")
    return 0


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
