"""Writing a model out of aegui: weights as safetensors, a slim aegui experiment, or the
encoder and decoder as ONNX graphs or torch.export programs."""

from __future__ import annotations

import json
from pathlib import Path

import torch

from aegui.core.checkpoint import Experiment, atomic_write, save_experiment
from aegui.core.errors import AeguiError
from aegui.core.graph_export import ExportResult, Step
from aegui.core.onnx_export import export_onnx
from aegui.core.pt2_export import export_pt2
from aegui.core.words import say

MODEL_SUFFIXES = (".safetensors", ".pt")
GRAPH_SUFFIXES = {"onnx": ".onnx", "pt2": ".pt2"}  # --what to the suffix of --out
GRAPH_FORMATS = {"onnx": "ONNX", "pt2": "torch.export"}


def export_model(experiment: Experiment, out: Path) -> Path:
    """Write the weights to ``out``: ``.safetensors`` (with the spec and config as metadata,
    loadable without aegui) or ``.pt`` (an aegui experiment without optimizer state)."""
    suffix = out.suffix.lower()
    if suffix not in MODEL_SUFFIXES:
        raise AeguiError(say("Export the model as .safetensors (weights) or .pt (aegui experiment)."))
    if suffix == ".pt":
        slim = Experiment(experiment.config, experiment.model, experiment.history,
                          experiment.epochs_done, None, experiment.class_names, experiment.metrics)
        return save_experiment(slim, out)
    from safetensors.torch import save

    state = {k: v.detach().cpu().contiguous() for k, v in experiment.model.state_dict().items()}
    blob = save(state, metadata={
        "format": "aegui-model",
        "model_spec": json.dumps(experiment.spec.to_dict()),
        "config": experiment.config.to_json(),
        "class_names": json.dumps(list(experiment.class_names)),
    })
    atomic_write(out, lambda handle: handle.write(blob))  # never a half-written file
    return out


def check_graph_path(what: str, out: Path) -> None:
    """Refuse an ``--out`` that is not ``NAME.onnx`` (or ``NAME.pt2``), saying what it writes."""
    suffix = GRAPH_SUFFIXES[what]
    if out.suffix.lower() != suffix:
        raise AeguiError(say("Export {format} graphs to a {suffix} file: NAME{suffix} writes "
                             "NAME.encoder{suffix} and NAME.decoder{suffix}.", format=GRAPH_FORMATS[what],
                             suffix=suffix))


def export_graphs(what: str, experiment: Experiment, out: Path, images: torch.Tensor,
                  labels: torch.Tensor | None = None, *, other_data: str | None = None,
                  step: Step | None = None) -> ExportResult:
    """The encoder and decoder as ONNX graphs (``what="onnx"``) or torch.export programs
    (``"pt2"``), checked against PyTorch on ``images``."""
    check_graph_path(what, out)
    run = export_onnx if what == "onnx" else export_pt2
    return run(experiment, out, images, labels, other_data=other_data, step=step)
