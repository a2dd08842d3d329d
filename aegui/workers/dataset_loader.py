"""Dataset loading as a :class:`~aegui.workers.tasks.TaskRunner` job, so a large folder
or a download never freezes the window. A newer load supersedes an older one, which stops
at its next progress report (folder loads report each file)."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from aegui.core.config import ExperimentConfig
from aegui.core.data import ImageDataset, load_dataset
from aegui.core.errors import AeguiError
from aegui.core.runs import split_for_config
from aegui.workers.tasks import TaskContext

PROGRESS_INTERVAL_S = 0.05  # at most ~20 progress messages a second


@dataclass(frozen=True)
class LoadRequest:
    spec: str
    download: bool = False
    image_size: int | None = None
    color: str = "auto"


def load_job(request: LoadRequest, split_like: ExperimentConfig | None = None
             ) -> Callable[[TaskContext], ImageDataset]:
    """A job that loads ``request``; it emits ``(done, total)`` progress tuples.

    ``split_like``: for a dataset past the memory limit, also make the split these settings
    ask for here, off the GUI thread (its parts are cache files, written once; the window's
    own split then finds them)."""

    def job(ctx: TaskContext) -> ImageDataset:
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            ctx.check()  # raises Cancelled once a newer load or a shutdown wants the thread
            now = time.monotonic()
            if done >= total or now - last >= PROGRESS_INTERVAL_S:
                last = now
                ctx.emit((done, total))

        ctx.check()
        dataset = load_dataset(request.spec, download=request.download,
                               image_size=request.image_size, color=request.color, progress=progress)
        if dataset.mapped is not None and split_like is not None:
            ctx.emit((0, 0))  # busy: the split's files are being written
            with contextlib.suppress(AeguiError):  # the window's own split says what is wrong
                split_for_config(dataset, split_like)
        return dataset

    return job
