"""How a run trains fast on its device: precision, memory format, optimizer kernels, compile.

The config asks (``amp``, ``amp_dtype``, ``channels_last``, ``fused_optimizer``,
``compile``); :func:`fast_path_for` decides what of it applies on the device at hand, so
a config written on a GPU machine trains correctly on a laptop and the other way round:

* **mixed precision** runs on CUDA only: bfloat16 where the GPU has it (no loss scaling
  needed), float16 with a GradScaler otherwise;
* **channels_last** for the convolutional models, on CPU and CUDA (measured faster on both;
  a dense model has no image layout to change);
* **fused optimizer** kernels on CUDA, where one fused kernel replaces a launch per
  parameter tensor, and a fused step also reads the GradScaler's inf check on the
  device instead of syncing for it;
* **torch.compile** of the training step, when asked (it costs a compile at the start).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import torch
from torch import nn

from aegui.core.errors import ConfigError, TrainingError
from aegui.core.words import say

ModuleT = TypeVar("ModuleT", bound=nn.Module)

if TYPE_CHECKING:
    from aegui.core.config import ExperimentConfig

CONV_KINDS = frozenset({"conv-ae", "conv-vae", "cvae"})
_TORCH_DTYPES = {"bfloat16": torch.bfloat16, "float16": torch.float16}


@dataclass(frozen=True)
class FastPath:
    """What one run actually uses (derived from its config and device, never saved)."""

    device_type: str
    autocast_dtype: torch.dtype | None  # None: float32 throughout
    channels_last: bool
    fused_optimizer: bool
    compile: bool

    @property
    def grad_scaler(self) -> bool:
        """float16 gradients underflow without loss scaling; bfloat16 has float32's range."""
        return self.autocast_dtype == torch.float16

    def autocast(self) -> contextlib.AbstractContextManager:
        if self.autocast_dtype is None:
            return contextlib.nullcontext()
        return torch.autocast(self.device_type, dtype=self.autocast_dtype)

    def batch(self, x: torch.Tensor) -> torch.Tensor:
        """A batch in the model's memory format (a view when it is already so laid out)."""
        if self.channels_last and x.dim() == 4:
            return x.contiguous(memory_format=torch.channels_last)
        return x

    def describe(self) -> str:
        """e.g. ``bfloat16 autocast, channels_last, fused Adam, compiled``."""
        parts = []
        if self.autocast_dtype is not None:
            parts.append(f"{str(self.autocast_dtype).removeprefix('torch.')} autocast")
        if self.channels_last:
            parts.append("channels_last")
        if self.fused_optimizer:
            parts.append("fused optimizer")
        if self.compile:
            parts.append("compiled")
        return ", ".join(parts) or "float32, default kernels"


def bf16_supported(device: torch.device) -> bool:
    return device.type == "cuda" and torch.cuda.is_bf16_supported()


def fast_path_for(config: ExperimentConfig, device: torch.device) -> FastPath:
    """What of ``config``'s speed options applies on ``device``."""
    dtype = None
    if config.amp and device.type == "cuda":
        wanted = config.amp_dtype
        if wanted == "auto":
            wanted = "bfloat16" if bf16_supported(device) else "float16"
        elif wanted == "bfloat16" and not bf16_supported(device):
            raise ConfigError(say("This GPU ({gpu}) has no bfloat16; use amp_dtype float16 or auto.",
                                  gpu=torch.cuda.get_device_name(device)))
        dtype = _TORCH_DTYPES[wanted]
    return FastPath(
        device_type=device.type,
        autocast_dtype=dtype,
        channels_last=config.channels_last and config.model in CONV_KINDS and device.type in ("cpu", "cuda"),
        fused_optimizer=config.fused_optimizer and device.type == "cuda",
        compile=config.compile,
    )


def prepare_model(model: ModuleT, fast: FastPath) -> ModuleT:
    """The model in the run's memory format (in place; parameters keep their identity)."""
    if fast.channels_last:
        model.to(memory_format=torch.channels_last)
    return model


def make_optimizer(config: ExperimentConfig, model: nn.Module, fast: FastPath) -> torch.optim.Optimizer:
    extra: dict[str, Any] = {"fused": True} if fast.fused_optimizer else {}
    if config.optimizer == "sgd":
        return torch.optim.SGD(model.parameters(), lr=config.lr, momentum=0.9,
                               weight_decay=config.weight_decay, **extra)
    return torch.optim.Adam(model.parameters(), lr=config.lr, weight_decay=config.weight_decay, **extra)


def compiled(step: Callable, fast: FastPath) -> Callable:
    """``torch.compile(step)`` when asked; the module's weights stay shared with ``step``."""
    if not fast.compile:
        return step
    # torch.compile runs gc.collect() after each compile, on the thread that trains. In the
    # window that is a worker thread, and a collection there may destroy Qt objects, which
    # must die on the GUI thread: it deadlocked (~QMenu waiting for the GIL) under the GUI
    # monkey. The window collects on the GUI thread; the command line needs no help.
    import torch._dynamo as dynamo

    dynamo.config.run_gc_after_compile = False
    return torch.compile(step)


def is_compile_failure(exc: BaseException) -> bool:
    """An error raised by torch.compile's tracing or code generation (not by the model)."""
    module = type(exc).__module__ or ""
    return module.startswith(("torch._dynamo", "torch._inductor"))


def compile_error(exc: BaseException) -> TrainingError:
    """One sentence naming the compiler's own complaint (a missing C++ compiler, say), which
    the compile machinery wraps in its own exceptions."""
    root = exc
    for _ in range(10):
        inner = getattr(root, "inner_exception", None) or root.__cause__
        if inner is None:
            break
        root = inner
    text = str(root).strip()
    first = text.splitlines()[0] if text else type(root).__name__
    return TrainingError(say(
        "torch.compile could not compile this model ({reason}). Train without "
        "compiling (untick Compile, or leave out --compile); it gives the same results.",
        reason=first[:200]
    ))
