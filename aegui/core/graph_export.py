"""A model as two standalone graphs, an encoder and a decoder: what the ONNX and
torch.export files hold, the inputs they are traced and checked with, and the result.

The graphs are deterministic: the encoder returns ``z_mean`` (and ``z_log_var`` for a
VAE), never a sample, so a caller that wants ``z ~ N(μ, σ²)`` draws it itself.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn

from aegui import __version__
from aegui.core.checkpoint import Experiment
from aegui.core.errors import AeguiError
from aegui.core.models import Autoencoder, ModelSpec
from aegui.core.words import say

GRAPHS = ("encoder", "decoder")
TRACE_BATCH = 2  # traced at 2 (torch.export specialises a batch of 1); the files take any batch size
CHECK_IMAGES = 64  # images run through both sides to compare them


class EncoderGraph(nn.Module):
    """``image`` (float, [batch, C, H, W] in [0, 1]) and, for a conditional model, ``label``
    (int64, [batch]) to ``z_mean`` (and ``z_log_var`` for a VAE); ``z`` for an autoencoder."""

    def __init__(self, model: Autoencoder):
        super().__init__()
        self.model = model

    def forward(self, image: torch.Tensor, label: torch.Tensor | None = None):
        z_mean, z_log_var = self.model.encode_distribution(image, label)
        return z_mean if z_log_var is None else (z_mean, z_log_var)


class DecoderGraph(nn.Module):
    """``z`` (float, [batch, latent]) and, for a conditional model, ``label`` to ``image``
    in [0, 1] (the sigmoid is part of the graph)."""

    def __init__(self, model: Autoencoder):
        super().__init__()
        self.model = model

    def forward(self, z: torch.Tensor, label: torch.Tensor | None = None) -> torch.Tensor:
        return self.model.decode(z, label)


def input_names(spec: ModelSpec, graph: str) -> tuple[str, ...]:
    first = "image" if graph == "encoder" else "z"
    return (first, "label") if spec.conditional else (first,)


def output_names(spec: ModelSpec, graph: str) -> tuple[str, ...]:
    if graph == "decoder":
        return ("image",)
    return ("z_mean", "z_log_var") if spec.variational else ("z",)


def batch_shapes(spec: ModelSpec) -> tuple[dict[int, torch.export.Dim], ...]:
    """``dynamic_shapes`` for either graph: dimension 0 of every input is the batch."""
    # One symbol for every input (image and label share the batch size), made here rather
    # than at import: torch.export.Dim imports sympy, which the app's start need not wait for.
    batch = torch.export.Dim("batch", min=1)
    return tuple({0: batch} for _ in input_names(spec, "encoder"))


def graph_paths(out: Path, suffix: str) -> tuple[Path, Path]:
    """``NAME.onnx`` (or ``NAME``, or a folder) to ``NAME.encoder.onnx`` and ``NAME.decoder.onnx``."""
    out = Path(out)
    if out.is_dir():
        out = out / f"model{suffix}"
    if out.suffix.lower() not in ("", suffix):
        raise AeguiError(say("Give a {suffix} file name, such as model{suffix}: it writes "
                             "model.encoder{suffix} and model.decoder{suffix}.", suffix=suffix))
    stem = out.name[: -len(out.suffix)] if out.suffix else out.name
    for graph in GRAPHS:  # NAME.encoder.onnx given: the pair is NAME.*, not NAME.encoder.*
        stem = stem.removesuffix(f".{graph}")
    return tuple(out.with_name(f"{stem}.{graph}{suffix}") for graph in GRAPHS)  # type: ignore[return-value]


@dataclass(frozen=True)
class GraphCheck:
    """What both graphs are traced with, and real inputs with PyTorch's outputs to compare."""

    model: Autoencoder  # a private eval-mode CPU copy: the caller's model is never touched
    trace: dict[str, tuple[torch.Tensor, ...]]  # per graph, arguments at TRACE_BATCH
    inputs: dict[str, dict[str, torch.Tensor]]  # per graph, input name to tensor
    expected: dict[str, tuple[torch.Tensor, ...]]  # per graph, PyTorch's outputs
    count: int  # images in ``inputs``

    def module(self, graph: str) -> nn.Module:
        return (EncoderGraph if graph == "encoder" else DecoderGraph)(self.model).eval()


def prepare_check(experiment: Experiment, images: torch.Tensor, labels: torch.Tensor | None) -> GraphCheck:
    """Copy the model for export and run it on up to :data:`CHECK_IMAGES` of ``images``
    (uint8, or float in [0, 1]), at a batch size other than the traced one."""
    model = copy.deepcopy(experiment.model).cpu().eval()
    spec = model.spec
    if images.ndim != 4 or tuple(images.shape[1:]) != spec.image_shape:
        shape = "×".join(map(str, spec.image_shape))
        raise AeguiError(say("The export is checked on {expected} images like the model's; these are "
                             "{shape}.", expected=shape, shape="×".join(map(str, images.shape[1:]))))
    count = min(len(images), CHECK_IMAGES)
    if count == TRACE_BATCH:
        count -= 1  # a batch size the graphs were not traced with proves the dynamic batch
    if count < 1:
        raise AeguiError(say("The export is checked on validation images, and there are none."))
    x = images[:count].cpu()
    x = x.float().div(255.0) if x.dtype == torch.uint8 else x.float()
    y: torch.Tensor | None = None
    if spec.conditional:
        if labels is None or len(labels) < count:
            raise AeguiError(say("A conditional VAE is checked on labelled images; these have no labels."))
        y = labels[:count].cpu().long()
    gen = torch.Generator().manual_seed(0)
    trace_labels = (torch.arange(TRACE_BATCH) % spec.num_classes,) if spec.conditional else ()
    trace = {
        "encoder": (torch.rand(TRACE_BATCH, *spec.image_shape, generator=gen), *trace_labels),
        "decoder": (torch.randn(TRACE_BATCH, spec.latent_dim, generator=gen), *trace_labels),
    }
    with torch.no_grad():
        encoded = _as_tuple(EncoderGraph(model)(x, y))
        decoded = _as_tuple(DecoderGraph(model)(encoded[0], y))  # real codes, not random ones
    label = () if y is None else (y,)
    given = {"encoder": (x, *label), "decoder": (encoded[0], *label)}
    inputs = {g: dict(zip(input_names(spec, g), given[g])) for g in GRAPHS}
    return GraphCheck(model, trace, inputs, {"encoder": encoded, "decoder": decoded}, count)


def _as_tuple(value: torch.Tensor | tuple[torch.Tensor, ...]) -> tuple[torch.Tensor, ...]:
    return value if isinstance(value, tuple) else (value,)


def max_difference(expected: tuple[torch.Tensor, ...], actual) -> float:
    """The largest absolute difference over all outputs (numpy arrays or tensors)."""
    actual = _as_tuple(actual) if isinstance(actual, torch.Tensor) else tuple(actual)
    if len(actual) != len(expected):
        raise AeguiError(say("The exported graph gives {count} outputs instead of {expected}.", count=len(actual),
                              expected=len(expected)))
    differences = [float((torch.as_tensor(a) - e).abs().max()) for e, a in zip(expected, actual)]
    return math.nan if any(math.isnan(d) for d in differences) else max(differences)


def metadata(experiment: Experiment, graph: str) -> dict:
    """What the files carry about their model: the .pt2 files as one JSON object, the ONNX
    files as strings (see :func:`string_metadata`)."""
    spec = experiment.spec
    return {
        "format": "aegui-graph",
        "graph": graph,
        "aegui_version": __version__,
        "inputs": list(input_names(spec, graph)),
        "outputs": list(output_names(spec, graph)),
        "model_spec": spec.to_dict(),
        "config": experiment.config.to_dict(),
        "class_names": list(experiment.class_names),
    }


def string_metadata(experiment: Experiment, graph: str) -> dict[str, str]:
    """:func:`metadata` for ONNX ``metadata_props``, whose values are strings: JSON for
    anything that is not a string already."""
    return {key: value if isinstance(value, str) else json.dumps(value)
            for key, value in metadata(experiment, graph).items()}


@contextmanager
def removed_on_failure() -> Iterator[list[Path]]:
    """Yield a list to append each written file to; if the block fails, they are removed
    (a pair that did not pass its check is no export)."""
    written: list[Path] = []
    try:
        yield written
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise


def check_parity(format_name: str, differences: dict[str, float], tolerance: float) -> None:
    """An :class:`AeguiError` naming the first graph further than ``tolerance`` from PyTorch."""
    for graph, difference in differences.items():
        if not difference <= tolerance:  # NaN fails too
            raise AeguiError(say("The {format} {graph} does not reproduce the model: it differs from "
                                 "PyTorch by {difference:.1e} (allowed {tolerance:.0e}), so nothing was written.",
                                 format=format_name, graph=graph, difference=difference, tolerance=tolerance))


@dataclass(frozen=True)
class ExportResult:
    """The pair of files written and how closely they reproduce PyTorch."""

    encoder: Path
    decoder: Path
    encoder_difference: float
    decoder_difference: float
    images: int
    runtime: str  # what ran the files: "onnxruntime", "torch.export.load"
    other_data: str | None = None  # the dataset the images came from, when not the model's own

    @property
    def paths(self) -> tuple[Path, Path]:
        return (self.encoder, self.decoder)

    @property
    def max_difference(self) -> float:
        return max(self.encoder_difference, self.decoder_difference)

    def parity(self) -> str:
        fields = {"runtime": self.runtime, "difference": self.max_difference, "count": self.images}
        if self.other_data is None:
            return (say("{runtime} matches PyTorch within {difference:.1e} on 1 validation image.", **fields)
                    if self.images == 1 else
                    say("{runtime} matches PyTorch within {difference:.1e} on {count:,} validation images.", **fields))
        return (say("{runtime} matches PyTorch within {difference:.1e} on 1 image of {data}.", data=self.other_data,
                    **fields) if self.images == 1 else
                say("{runtime} matches PyTorch within {difference:.1e} on {count:,} images of {data}.",
                    data=self.other_data, **fields))

    def describe(self) -> str:
        return say("Wrote {encoder} and {decoder} in {folder}; {parity}", encoder=self.encoder.name,
                   decoder=self.decoder.name, folder=self.encoder.parent, parity=self.parity())


Step = Callable[[], None]  # called between the steps of an export; raises to stop it
