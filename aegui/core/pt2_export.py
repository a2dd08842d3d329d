"""A model to two torch.export programs, ``NAME.encoder.pt2`` and ``NAME.decoder.pt2``:
graphs with their weights that plain PyTorch loads (``torch.export.load``), no aegui needed."""

from __future__ import annotations

import json
from pathlib import Path

import torch

from aegui.core.checkpoint import Experiment, atomic_write
from aegui.core.graph_export import (
    GRAPHS,
    ExportResult,
    GraphCheck,
    Step,
    batch_shapes,
    check_parity,
    graph_paths,
    max_difference,
    metadata,
    prepare_check,
    removed_on_failure,
)

PT2_SUFFIX = ".pt2"
METADATA_FILE = "aegui.json"  # in the archive's extra files: torch.export.load(path, extra_files=...)
TOLERANCE = 1e-5


def export_pt2(experiment: Experiment, out: Path, images: torch.Tensor, labels: torch.Tensor | None = None,
               *, other_data: str | None = None, step: Step | None = None) -> ExportResult:
    """Write the encoder and decoder programs beside ``out``, load them back and run them on
    ``images``: if either differs from PyTorch by more than :data:`TOLERANCE`, both files are
    removed and an :class:`AeguiError` says so."""
    paths = dict(zip(GRAPHS, graph_paths(out, PT2_SUFFIX)))
    check = prepare_check(experiment, images, labels)
    with removed_on_failure() as written:
        for graph in GRAPHS:
            program = _export(check, graph)
            extra = {METADATA_FILE: json.dumps(metadata(experiment, graph))}
            atomic_write(paths[graph], lambda handle, p=program, e=extra: torch.export.save(p, handle, extra_files=e))
            written.append(paths[graph])
            if step is not None:
                step()
        differences = {graph: _run(paths[graph], check, graph) for graph in GRAPHS}
        check_parity("torch.export", differences, TOLERANCE)
    return ExportResult(paths["encoder"], paths["decoder"], differences["encoder"], differences["decoder"],
                        check.count, "torch.export.load", other_data)


def _export(check: GraphCheck, graph: str) -> torch.export.ExportedProgram:
    # Non-strict tracing (said here because the default has changed before): it runs the
    # module's Python as is, which these modules, free of data-dependent control flow, need.
    return torch.export.export(check.module(graph), check.trace[graph],
                               dynamic_shapes=batch_shapes(check.model.spec), strict=False)


def _run(path: Path, check: GraphCheck, graph: str) -> float:
    module = torch.export.load(str(path)).module()  # the file, as a user will load it
    with torch.no_grad():
        outputs = module(*check.inputs[graph].values())
    return max_difference(check.expected[graph], outputs)
