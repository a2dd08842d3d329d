"""Dataset loading on a QThread, so a large folder or a download never freezes the window.

Only the newest request counts: a load that was superseded is left to finish (or is
cancelled at its next progress report) and its result is dropped.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
import weakref
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from aegui.core.data import ImageDataset, load_dataset
from aegui.core.errors import AeguiError

log = logging.getLogger(__name__)

PROGRESS_INTERVAL_S = 0.05  # at most ~20 progress signals a second

_ALL_LOADERS: weakref.WeakSet[DatasetLoader] = weakref.WeakSet()


def running_load_threads() -> int:
    """How many dataset-loading threads are alive (tests assert none are left behind)."""
    return sum(loader.running_count() for loader in list(_ALL_LOADERS))


@dataclass(frozen=True)
class LoadRequest:
    spec: str
    download: bool = False
    image_size: int | None = None
    color: str = "auto"


class _Cancelled(Exception):
    """Raised from the progress callback to abandon a load nobody wants any more."""


def unexpected_message(spec: str, exc: BaseException) -> str:
    """A plain one-paragraph message for a bug or an odd environment: no traceback."""
    reason = " ".join(str(exc).split())[:300] or "no details"
    return (f"Loading {spec} failed unexpectedly ({type(exc).__name__}: {reason}). "
            "The previous dataset is still loaded.")


def release_frames(exc: BaseException) -> None:
    """Clear the locals of a caught exception's frames (and of its causes).

    ``raise ... from exc`` inside an ``except`` leaves a frame <-> exception cycle that
    also holds this worker. Left to the cyclic garbage collector, the QObject could then
    be destroyed on whichever thread happens to trigger a collection, which can crash Qt.
    """
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        traceback.clear_frames(exc.__traceback__)  # frames still running are skipped
        exc = exc.__cause__ or exc.__context__


class DatasetLoadWorker(QObject):
    progress = Signal(int, int, int)  # request id, done, total
    succeeded = Signal(int, object)  # request id, ImageDataset
    failed = Signal(int, str)  # request id, user-facing message
    done = Signal()  # always the last signal

    def __init__(self, request_id: int, request: LoadRequest):
        super().__init__()
        self.request_id = request_id
        self.request = request
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._last_progress = 0.0

    def cancel(self) -> None:
        """Thread-safe; takes effect at the next progress report (folder loads only)."""
        self._cancel.set()

    def is_done(self) -> bool:
        return self._done.is_set()

    def _on_progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise _Cancelled
        now = time.monotonic()
        if done >= total or now - self._last_progress >= PROGRESS_INTERVAL_S:
            self._last_progress = now
            self.progress.emit(self.request_id, done, total)

    @Slot()
    def run(self) -> None:
        req = self.request
        try:
            dataset = load_dataset(req.spec, download=req.download, image_size=req.image_size,
                                   color=req.color, progress=self._on_progress)
            self.succeeded.emit(self.request_id, dataset)
        except _Cancelled as exc:
            release_frames(exc)
        except AeguiError as exc:
            release_frames(exc)
            self.failed.emit(self.request_id, str(exc))
        except Exception as exc:  # a loader bug must never take the app down
            log.exception("Unexpected error while loading %s", req.spec)
            release_frames(exc)
            self.failed.emit(self.request_id, unexpected_message(req.spec, exc))
        finally:
            self._done.set()
            self.done.emit()


class DatasetLoader(QObject):
    """Starts one worker thread per request and forwards only the newest one's signals."""

    progress = Signal(int, int)  # done, total
    loaded = Signal(object, object)  # ImageDataset, LoadRequest
    failed = Signal(str, object)  # message, LoadRequest
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        _ALL_LOADERS.add(self)
        self._next_id = 0
        self._latest = -1  # id of the request whose result will be applied
        self._busy = False
        self._closed = False
        self._jobs: dict[int, tuple[QThread, DatasetLoadWorker]] = {}
        self._requests: dict[int, LoadRequest] = {}

    # -- public ---------------------------------------------------------------------------
    def load(self, request: LoadRequest) -> None:
        if self._closed:
            return
        self._cancel_all()
        request_id = self._latest = self._next_id
        self._next_id += 1
        worker = DatasetLoadWorker(request_id, request)
        thread = QThread()
        thread.setObjectName(f"aegui-dataset-load-{request_id}")
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        # Direct: the thread ends itself even while the GUI thread is blocked in shutdown().
        worker.done.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        worker.progress.connect(self._on_progress)
        worker.succeeded.connect(self._on_succeeded)
        worker.failed.connect(self._on_failed)
        thread.finished.connect(self._reap)
        self._jobs[request_id] = (thread, worker)
        self._requests[request_id] = request
        thread.start()
        self._set_busy(True)

    def invalidate(self) -> None:
        """Forget the pending request: its result, whenever it comes, is ignored."""
        self._cancel_all()
        self._latest = -1
        self._set_busy(False)

    def _cancel_all(self) -> None:
        for _, worker in self._jobs.values():
            worker.cancel()

    def is_busy(self) -> bool:
        return self._busy

    def running_count(self) -> int:
        return sum(1 for thread, _ in self._jobs.values() if thread.isRunning())

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop accepting results and wait for every thread. True if all ended in time."""
        self._closed = True
        self.invalidate()
        deadline = time.monotonic() + timeout_ms / 1000
        for thread, _ in list(self._jobs.values()):
            thread.quit()
            remaining = max(0, int((deadline - time.monotonic()) * 1000))
            thread.wait(remaining)
        self._reap()
        return not self._jobs

    # -- worker signals (queued onto the GUI thread) ---------------------------------------
    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit(busy)

    def _is_current(self, request_id: int) -> bool:
        return not self._closed and request_id == self._latest

    @Slot(int, int, int)
    def _on_progress(self, request_id: int, done: int, total: int) -> None:
        if self._is_current(request_id):
            self.progress.emit(done, total)

    @Slot(int, object)
    def _on_succeeded(self, request_id: int, dataset: ImageDataset) -> None:
        if self._is_current(request_id):
            self._finish_current()
            self.loaded.emit(dataset, self._requests[request_id])

    @Slot(int, str)
    def _on_failed(self, request_id: int, message: str) -> None:
        if self._is_current(request_id):
            self._finish_current()
            self.failed.emit(message, self._requests[request_id])

    def _finish_current(self) -> None:
        self._latest = -1
        self._set_busy(False)

    @Slot()
    def _reap(self) -> None:
        """Drop ended threads; the dict held the only references that kept them alive."""
        for request_id, (thread, worker) in list(self._jobs.items()):
            # `finished` is emitted just before the thread really ends, hence the short wait.
            if thread.isFinished() or (worker.is_done() and thread.wait(1000)):
                del self._jobs[request_id]
        stale = set(self._requests) - set(self._jobs)
        for request_id in stale:
            if request_id != self._latest:
                del self._requests[request_id]
