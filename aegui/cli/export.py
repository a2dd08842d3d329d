"""``aegui export``: weights, ONNX and torch.export graphs, embeddings, the history and
reconstructions of a trained experiment."""

from __future__ import annotations

import argparse
from pathlib import Path

from aegui.cli.common import check_out_file, evaluation_split, is_own_dataset
from aegui.core.checkpoint import Experiment, load_experiment
from aegui.core.data import ImageDataset
from aegui.core.errors import AeguiError
from aegui.core.evaluation import comparison_rows
from aegui.core.imaging import comparison_grid, save_png
from aegui.core.latent import check_embedding_path, encode, save_embeddings
from aegui.core.model_export import GRAPH_SUFFIXES, MODEL_SUFFIXES, check_graph_path, export_graphs, export_model
from aegui.core.projector import MAX_POINTS, TENSORS_FILE, write_projector
from aegui.core.run.files import write_history_csv


def run(args: argparse.Namespace) -> int:
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
        split = evaluation_split(experiment, args.dataset, download=False)
        if args.what == "embeddings":
            _export_embeddings(experiment, split.val, out)
        elif args.what == "projector":
            _export_projector(experiment, split.val, out)
            return 0
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
    elif what == "projector" and out.exists() and not out.is_dir():
        raise AeguiError(f"{out} is a file: give the folder the projector's files go in.")
    elif what == "reconstructions" and suffix != ".png":
        raise AeguiError("Export reconstructions as a .png image.")


def _export_graphs(experiment: Experiment, args: argparse.Namespace, out: Path) -> int:
    """ONNX or torch.export: two files, checked on the validation images as ``eval`` uses them."""
    split = evaluation_split(experiment, args.dataset, download=False)
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


def _export_projector(experiment: Experiment, data: ImageDataset, folder: Path) -> None:
    count = min(len(data), MAX_POINTS)
    images, labels = data.images[:count], data.labels[:count] if data.labels is not None else None
    codes = encode(experiment.model.eval(), images, labels)
    names = data.class_names or experiment.class_names
    write_projector(folder, codes, None if labels is None else labels.numpy(), tuple(names), images.numpy())
    print(f"Wrote {folder / TENSORS_FILE} and its metadata, sprite and config: {count:,} codes "
          f"(tensorboard --logdir {folder})")


def _export_reconstructions(experiment: Experiment, data: ImageDataset, out: Path, count: int) -> None:
    if out.suffix.lower() != ".png":
        raise AeguiError("Export reconstructions as a .png image.")
    count = max(1, min(count, len(data)))
    labels = data.labels[:count] if data.labels is not None else None
    rows = comparison_rows(experiment.model, data.images[:count], labels, experiment.config.corruption_spec(),
                           experiment.config.seed)
    save_png(comparison_grid(rows), out, scale=3)
