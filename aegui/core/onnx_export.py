"""A model to two ONNX graphs, ``NAME.encoder.onnx`` and ``NAME.decoder.onnx``, checked
with onnxruntime against PyTorch before the export counts as done."""

from __future__ import annotations

import warnings
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import torch

from aegui.core.checkpoint import Experiment, atomic_write
from aegui.core.errors import AeguiError
from aegui.core.graph_export import (
    GRAPHS,
    ExportResult,
    GraphCheck,
    Step,
    batch_shapes,
    check_parity,
    graph_paths,
    input_names,
    max_difference,
    output_names,
    prepare_check,
    removed_on_failure,
    string_metadata,
)
from aegui.core.words import say

if TYPE_CHECKING:
    import onnx

ONNX_SUFFIX = ".onnx"
# Opset 18 runs on every onnxruntime since 1.14 and in most other runtimes; these graphs
# need nothing newer (Conv, ConvTranspose, Gemm, Relu, Sigmoid, Reshape, Concat, Clip, ...).
OPSET = 18
TOLERANCE = 1e-4
NEEDED = "pip install 'aegui[onnx]'"


def export_onnx(experiment: Experiment, out: Path, images: torch.Tensor, labels: torch.Tensor | None = None,
                *, other_data: str | None = None, step: Step | None = None) -> ExportResult:
    """Write the encoder and decoder graphs beside ``out`` (see :func:`graph_paths`), then run
    them with onnxruntime on ``images`` (and ``labels``, for a conditional model): if either
    differs from PyTorch by more than :data:`TOLERANCE`, both files are removed and an
    :class:`AeguiError` says so."""
    onnx, ort = _onnx_modules()
    paths = dict(zip(GRAPHS, graph_paths(out, ONNX_SUFFIX)))
    check = prepare_check(experiment, images, labels)
    with removed_on_failure() as written:
        for graph in GRAPHS:
            proto = _to_onnx(check, graph)
            for key, value in string_metadata(experiment, graph).items():
                entry = proto.metadata_props.add()
                entry.key, entry.value = key, value
            onnx.checker.check_model(proto)
            blob = proto.SerializeToString()
            atomic_write(paths[graph], lambda handle, blob=blob: handle.write(blob))
            written.append(paths[graph])
            if step is not None:
                step()
        differences = {graph: _run(ort, paths[graph], check, graph) for graph in GRAPHS}
        check_parity("ONNX", differences, TOLERANCE)
    return ExportResult(paths["encoder"], paths["decoder"], differences["encoder"], differences["decoder"],
                        check.count, "onnxruntime", other_data)


def _onnx_modules() -> tuple[ModuleType, ModuleType]:
    try:
        import onnx
        import onnxruntime
        import onnxscript  # noqa: F401  (torch's exporter needs it; a clear error here beats its)
    except ImportError as exc:
        raise AeguiError(say("Exporting to ONNX needs the {package} package, which is not "
                             "installed: {command}", package=exc.name or "onnx", command=NEEDED)) from None
    return onnx, onnxruntime


def _to_onnx(check: GraphCheck, graph: str) -> onnx.ModelProto:
    spec = check.model.spec
    with warnings.catch_warnings():
        # The exporter warns that the inputs' shared batch symbol is named once: that is the intent.
        warnings.filterwarnings("ignore", message=".*axis name.*", category=UserWarning)
        program = torch.onnx.export(
            check.module(graph),
            check.trace[graph],
            None,  # no file: the model comes back, gets its metadata, and is written atomically
            # The torch.export-based exporter, asked for by name: the TorchScript one (dynamo=False)
            # is deprecated, and the default has changed between releases. It traces the graph the
            # same way the .pt2 export does.
            dynamo=True,
            opset_version=OPSET,
            input_names=list(input_names(spec, graph)),
            output_names=list(output_names(spec, graph)),
            dynamic_shapes=batch_shapes(spec),  # dimension 0 is "batch"; dynamic_axes is TorchScript-only
            # Constant folding and dead-code removal happen in this optimisation pass (the
            # do_constant_folding flag belongs to the TorchScript exporter and is ignored here).
            optimize=True,
            external_data=False,  # kilobytes to a few megabytes: the weights stay inside the file
            verify=False,  # checked below, on real images and at another batch size
            report=False,
            verbose=False,
        )
    if program is None:
        raise AeguiError(say("The ONNX exporter produced no program; export with --what pt2 instead."))
    return program.model_proto


def _run(ort: ModuleType, path: Path, check: GraphCheck, graph: str) -> float:
    try:
        session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        feeds = {name: tensor.numpy() for name, tensor in check.inputs[graph].items()}
        outputs = session.run(None, feeds)
    except Exception as exc:  # onnxruntime raises its own types for a graph it cannot run
        reason = " ".join(str(exc).split())[:300]
        raise AeguiError(say("onnxruntime could not run the exported {graph} ({reason}), so nothing was written.",
                             graph=graph, reason=reason)) from exc
    return max_difference(check.expected[graph], outputs)
