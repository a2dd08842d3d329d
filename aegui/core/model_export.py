"""Writing a model out of aegui: weights as safetensors, or a slim aegui experiment."""

from __future__ import annotations

import json
from pathlib import Path

from aegui.core.checkpoint import Experiment, atomic_write, save_experiment
from aegui.core.errors import AeguiError

MODEL_SUFFIXES = (".safetensors", ".pt")


def export_model(experiment: Experiment, out: Path) -> Path:
    """Write the weights to ``out``: ``.safetensors`` (with the spec and config as metadata,
    loadable without aegui) or ``.pt`` (an aegui experiment without optimizer state)."""
    suffix = out.suffix.lower()
    if suffix not in MODEL_SUFFIXES:
        raise AeguiError("Export the model as .safetensors (weights) or .pt (aegui experiment).")
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
