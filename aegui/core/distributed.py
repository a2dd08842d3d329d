"""Training under ``torchrun``: which process this is, and the few collectives a run needs.

``torchrun --nproc-per-node N -m aegui train …`` starts N copies of the command; each
finds its place in the environment torchrun sets (``RANK``, ``WORLD_SIZE``,
``LOCAL_RANK``). They train one model with ``DistributedDataParallel``: every rank builds
the same seeded permutation and takes its own rows of each *global* batch, so
``--batch-size`` means the same optimisation problem with 1 process or N. Rank 0 alone
writes files and prints. NCCL on CUDA, gloo on CPU.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass

import torch
import torch.distributed as dist

from aegui.core.errors import ConfigError
from aegui.core.words import say

# How long a rank waits for the others at a collective before the job fails: long enough
# for rank 0 to write a checkpoint and measure the validation set, short enough that a
# job whose peer died does not hang for the default 30 minutes.
COLLECTIVE_TIMEOUT = datetime.timedelta(minutes=10)


@dataclass(frozen=True)
class DistContext:
    rank: int
    world_size: int
    local_rank: int
    backend: str  # "nccl" or "gloo"
    device: torch.device

    def shard(self, rows: torch.Tensor) -> torch.Tensor:
        """This rank's part of a global batch: contiguous, sizes differing by at most one."""
        return rows.tensor_split(self.world_size)[self.rank]

    def all_reduce_sum(self, tensor: torch.Tensor) -> torch.Tensor:
        """Sum ``tensor`` over the ranks, in place (on the backend's device) and returned."""
        if tensor.device != self.device:
            moved = tensor.to(self.device)
            dist.all_reduce(moved)
            tensor.copy_(moved.to(tensor.device))
        else:
            dist.all_reduce(tensor)
        return tensor

    def barrier(self) -> None:
        dist.barrier()


PEER_FAILURE_WORDS = ("connection", "gloo", "nccl", "timed out", "timeout", "peer", "socket", "broken pipe")


def is_peer_failure(exc: BaseException) -> bool:
    """Whether a collective failed because another process of the job is gone."""
    if isinstance(exc, getattr(dist, "DistError", ())):
        return True
    text = str(exc).lower()
    return any(word in text for word in PEER_FAILURE_WORDS)


def launched_by_torchrun() -> bool:
    return int(os.environ.get("WORLD_SIZE", "1")) > 1 and "RANK" in os.environ


def start(device_name: str = "auto") -> DistContext | None:
    """Join the process group when torchrun started this process; None for a plain run.
    The device: this rank's GPU (``cuda:LOCAL_RANK``) when CUDA is asked for or available,
    else the CPU."""
    if not launched_by_torchrun():
        return None
    rank = int(os.environ["RANK"])
    world = int(os.environ["WORLD_SIZE"])
    local = int(os.environ.get("LOCAL_RANK", "0"))
    use_cuda = device_name == "cuda" or (device_name == "auto" and torch.cuda.is_available())
    if use_cuda:
        if not torch.cuda.is_available():
            raise ConfigError(say("CUDA was requested under torchrun, but this machine has no CUDA device."))
        if local >= torch.cuda.device_count():
            raise ConfigError(say("torchrun started {count} or more processes on a machine with "
                                  "{gpus} GPUs: use --nproc-per-node {gpus} or fewer.",
                                  count=local + 1, gpus=torch.cuda.device_count()))
        device = torch.device("cuda", local)
        torch.cuda.set_device(device)
        backend = "nccl"
    elif device_name == "mps":
        raise ConfigError(say("Training on several processes needs CUDA or the CPU; MPS has no "
                              "distributed backend. Use --device cpu."))
    else:
        device, backend = torch.device("cpu"), "gloo"
    if not dist.is_initialized():
        dist.init_process_group(backend, timeout=COLLECTIVE_TIMEOUT)
    return DistContext(rank, world, local, backend, device)


def stop(context: DistContext | None) -> None:
    """Leave the process group (every rank, at the end of the run)."""
    if context is not None and dist.is_initialized():
        dist.destroy_process_group()


def shard_bounds(context: DistContext | None, size: int) -> tuple[int, int]:
    """The rows ``[lo, hi)`` of a global batch of ``size`` that this rank trains on."""
    if context is None:
        return 0, size
    base, extra = divmod(size, context.world_size)
    lo = context.rank * base + min(context.rank, extra)
    return lo, lo + base + (1 if context.rank < extra else 0)


def data_parallel(model: torch.nn.Module, context: DistContext | None) -> torch.nn.Module:
    """The module the training step calls: ``model`` itself, or under torchrun ``model``
    wrapped in DistributedDataParallel (its parameters are shared, so the optimizer,
    checkpoints and snapshots keep using ``model``). BatchNorm becomes SyncBatchNorm on
    CUDA, so its statistics are those of the global batch as with one process; on the CPU
    PyTorch has no SyncBatchNorm, and each rank normalises with its own rows."""
    if context is None:
        return model
    from torch.nn.parallel import DistributedDataParallel

    if context.device.type == "cuda":
        model = torch.nn.SyncBatchNorm.convert_sync_batchnorm(model)
        return DistributedDataParallel(model, device_ids=[context.device.index])
    return DistributedDataParallel(model)
