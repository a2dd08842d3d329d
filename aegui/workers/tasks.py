"""The one way aegui runs background work: :class:`TaskRunner`.

    runner = TaskRunner("aegui-latent", parent=tab)
    runner.submit("encode", job, on_done, on_progress=...)

- A *job* is a plain function ``job(ctx) -> result`` that runs on a worker thread.
  It calls ``ctx.cancelled()`` (or ``ctx.check()``) between chunks of work and
  ``ctx.emit(value)`` for progress or intermediate reports.
- Jobs of one runner run one at a time, in order. Per *key* only the newest request
  survives: a waiting job with the same key is dropped, a running one is cancelled,
  and results of superseded requests never reach their callbacks.
- Callbacks run on the GUI thread (queued signals), with the request id checked.
- Failures follow one policy: logged with their traceback, then reported as one plain
  sentence through :attr:`TaskRunner.failed` (or the job's own ``on_error``).
- Every runner is in one registry: :func:`shutdown_all` cancels and awaits them all,
  which is what the main window's ``closeEvent`` does.

The worker thread exists only while there is work, so an idle app holds no threads.
It is a QThread, never a plain ``threading.Thread``: PySide emits signals safely only
from threads Qt started (a plain thread's queued emits corrupt reference counts and can
abort the process, PYSIDE-3124).
"""

from __future__ import annotations

import itertools
import logging
import os
import sys
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import torch
from PySide6.QtCore import QObject, QThread, Signal, Slot

from aegui.core.errors import AeguiError, Cancelled
from aegui.core.words import message_of, say

log = logging.getLogger("aegui.tasks")

_REQUEST_IDS = itertools.count(1)
THREAD_EXIT_WAIT_MS = 1000  # for a thread that has sent its last message and is leaving
_RUNNERS: weakref.WeakSet[TaskRunner] = weakref.WeakSet()


class TaskContext:
    """What a running job sees: its cancel flag and a way to send values to the GUI."""

    def __init__(self, runner: TaskRunner, key: str, request: int):
        self.key = key
        self.request = request
        self._runner = runner
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` once the request is cancelled or superseded."""
        if self._cancel.is_set():
            raise Cancelled(self.key)

    def emit(self, value: Any) -> None:
        """Send ``value`` to the request's ``on_progress`` callback (on the GUI thread)."""
        self._runner._send(self.request, "progress", value)

    def wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; True (early) if the request was cancelled meanwhile."""
        return self._cancel.wait(seconds)


@dataclass
class _Request:
    key: str
    request: int
    job: Callable[[TaskContext], Any]
    on_done: Callable[[Any], None] | None
    on_progress: Callable[[Any], None] | None
    on_error: Callable[[str], None] | None
    context: TaskContext | None = field(default=None)


def error_message(exc: BaseException) -> str:
    """One plain sentence for the banner: the message of a user-facing error, or a short
    description of a bug (whose traceback is in the log file)."""
    if isinstance(exc, AeguiError):
        return message_of(exc)  # the window says it in its language (aegui.core.words)
    if isinstance(exc, MemoryError):
        return say("aegui ran out of memory. Use fewer images, a smaller model or a smaller batch.")
    reason = " ".join(str(exc).split())[:300] or "no details"
    return say("Something went wrong ({kind}: {reason}). Details are in the log file.", kind=type(exc).__name__,
               reason=reason)


class _WorkerThread(QThread):
    """Runs one runner's loop (given the thread itself); named after the runner, for logs
    and debuggers."""

    def __init__(self, loop: Callable[[_WorkerThread], None], name: str):
        super().__init__()
        self.setObjectName(name)
        self._loop = loop

    def run(self) -> None:
        threading.current_thread().name = self.objectName()
        self._loop(self)

    def is_alive(self) -> bool:
        return self.isRunning()

    def join(self, timeout: float) -> None:
        self.wait(max(0, int(timeout * 1000)))


class TaskRunner(QObject):
    failed = Signal(str, object)  # key, one-sentence message, a Said kept whole (when the job has no on_error)
    finished = Signal(str)  # key of a delivered result (tests wait on it)
    busyChanged = Signal(bool)

    _deliver = Signal(int, str, object)  # request id, "progress" | "done" | "error", payload

    def __init__(self, name: str, parent: QObject | None = None, *, inference: bool = True,
                 background: bool = False, yields_to_gui: bool = False):
        super().__init__(parent)
        self.name = name
        self.inference = inference  # jobs run under torch.inference_mode (not for training)
        self.background = background  # long optional work: yields the CPU to training and the GUI
        # Work the user waits for (training, a page of reconstructions) that still must not
        # starve the GUI thread of the CPU and the GIL on a machine with few cores.
        self.yields_to_gui = yields_to_gui
        self._lock = threading.Lock()
        self._pending: OrderedDict[str, _Request] = OrderedDict()
        self._requests: dict[int, _Request] = {}  # submitted and not yet answered
        self._latest: dict[str, int] = {}
        self._running: _Request | None = None
        # Every thread started, until it has ended: a QThread object must outlive its thread.
        # Only the GUI thread changes the list.
        self._threads: list[_WorkerThread] = []
        self._worker_live = False  # under the lock: a thread will still take queued work
        self._closed = False
        self._deliver.connect(self._on_deliver)
        _RUNNERS.add(self)

    # -- public, GUI thread -------------------------------------------------------------------
    def submit(self, key: str, job: Callable[[TaskContext], Any],
               on_done: Callable[[Any], None] | None = None, *,
               on_progress: Callable[[Any], None] | None = None,
               on_error: Callable[[str], None] | None = None) -> int:
        """Queue ``job`` under ``key``, superseding any earlier request with that key."""
        request = next(_REQUEST_IDS)
        entry = _Request(key, request, job, on_done, on_progress, on_error)
        with self._lock:
            if self._closed:
                return request
            self._drop_key(key)
            self._pending[key] = entry
            self._requests[request] = entry
            self._latest[key] = request
            if not self._worker_live:
                # The flag, not is_alive(): a thread that has decided to exit may still be alive.
                self._worker_live = True
                self._threads = [t for t in self._threads if t.is_alive()]
                thread = _WorkerThread(self._loop, self.name)
                self._threads.append(thread)
                thread.start()
        self.busyChanged.emit(True)
        return request

    def cancel(self, key: str) -> None:
        """Forget ``key``: a waiting job is dropped, a running one asked to stop."""
        with self._lock:
            self._drop_key(key)
            self._latest.pop(key, None)
        self._emit_busy()

    def is_busy(self, key: str | None = None) -> bool:
        """Whether a request (of ``key``, or any) is waiting, running or undelivered."""
        with self._lock:
            if key is None:
                return bool(self._requests)
            return any(r.key == key for r in self._requests.values())

    def is_latest(self, key: str, request: int) -> bool:
        return self._latest.get(key) == request

    def thread_alive(self) -> bool:
        return any(thread.is_alive() for thread in list(self._threads))

    def shutdown(self, timeout_s: float = 3.0) -> bool:
        """Cancel everything and wait for the thread. True if it ended in time."""
        self.close()
        return self.join(timeout_s)

    def close(self) -> None:
        """Cancel everything and accept no more work (does not wait)."""
        with self._lock:
            self._closed = True
            self._pending.clear()
            self._requests.clear()
            self._latest.clear()
            if self._running is not None and self._running.context is not None:
                self._running.context.cancel()

    def join(self, timeout_s: float) -> bool:
        deadline = time.monotonic() + max(0.0, timeout_s)
        for thread in list(self._threads):
            thread.join(max(0.0, deadline - time.monotonic()))
        return not self.thread_alive()

    # -- internals ------------------------------------------------------------------------------
    def _drop_key(self, key: str) -> None:
        """Called with the lock held."""
        old = self._pending.pop(key, None)
        if old is not None:
            self._requests.pop(old.request, None)
        running = self._running
        if running is not None and running.key == key:
            self._requests.pop(running.request, None)
            if running.context is not None:
                running.context.cancel()

    def _loop(self, thread: _WorkerThread) -> None:
        if self.background or self.yields_to_gui:
            lower_thread_priority(BACKGROUND_NICENESS if self.background else GUI_FIRST_NICENESS)
        while True:
            with self._lock:
                if self._closed or not self._pending:
                    self._running = None
                    self._worker_live = False
                    self._thread_done(thread)
                    return
                _, entry = self._pending.popitem(last=False)
                entry.context = TaskContext(self, entry.key, entry.request)
                self._running = entry
            self._execute(entry)

    def _thread_done(self, thread: _WorkerThread) -> None:
        # Let the GUI thread see the thread end: a final delivery refreshes busy state and
        # lets go of the thread object.
        self._send(0, "idle", thread)

    def _execute(self, entry: _Request) -> None:
        try:
            # inference_mode is thread-local: each worker thread opens its own.
            with torch.inference_mode(self.inference):
                result = entry.job(entry.context)
        except Cancelled:
            self._send(entry.request, "cancelled", None)
            return
        except Exception as exc:  # a failed job never ends the app or the runner
            if isinstance(exc, AeguiError):  # the user's input, said in the banner: no traceback
                log.info("Background task %r of %s: %s", entry.key, self.name, exc)
            else:
                log.error("Background task %r of %s failed", entry.key, self.name, exc_info=exc)
            self._send(entry.request, "error", error_message(exc))
            return
        self._send(entry.request, "cancelled" if entry.context.cancelled() else "done", result)

    def _send(self, request: int, kind: str, payload: Any) -> None:
        """From the worker thread to the GUI thread (a queued signal)."""
        try:
            self._deliver.emit(request, kind, payload)
        except RuntimeError:
            pass  # the runner's owner was deleted: nobody is left to tell

    @Slot(int, str, object)
    def _on_deliver(self, request: int, kind: str, payload: Any) -> None:
        if kind == "idle":
            self._forget(payload)
        with self._lock:
            entry = self._requests.get(request)
            if kind in ("done", "error", "cancelled") and entry is not None:
                del self._requests[request]
        try:
            if entry is not None and self._latest.get(entry.key) == request:
                self._answer(entry, kind, payload)
        finally:  # a callback that raises must not leave the runner looking busy
            if kind != "progress":
                self._emit_busy()

    def _forget(self, thread: _WorkerThread) -> None:
        """Drop an ended thread's object. It sent its last message as it left its loop, so
        waiting for it to end takes no time; one that is somehow still running is kept."""
        if thread in self._threads and thread.wait(THREAD_EXIT_WAIT_MS):
            self._threads.remove(thread)

    def _answer(self, entry: _Request, kind: str, payload: Any) -> None:
        if kind == "progress":
            if entry.on_progress is not None:
                entry.on_progress(payload)
        elif kind == "done":
            self._latest.pop(entry.key, None)
            try:
                if entry.on_done is not None:
                    entry.on_done(payload)
            finally:
                self.finished.emit(entry.key)
        elif kind == "error":
            self._latest.pop(entry.key, None)
            if entry.on_error is not None:
                entry.on_error(payload)
            else:
                self.failed.emit(entry.key, payload)

    def _emit_busy(self) -> None:
        self.busyChanged.emit(self.is_busy())


BACKGROUND_NICENESS = 10
GUI_FIRST_NICENESS = 4  # enough for the GUI thread to win the CPU and the GIL, not to slow training beside other apps


def lower_thread_priority(niceness: int = 0) -> None:
    """Make the calling thread yield the CPU to others (Linux, where a thread has its own
    nice value). Elsewhere this does nothing: the work still runs, only not deferentially."""
    setpriority = getattr(os, "setpriority", None)
    if setpriority is None or not sys.platform.startswith("linux"):
        return
    try:
        setpriority(os.PRIO_PROCESS, threading.get_native_id(), niceness or BACKGROUND_NICENESS)
    except OSError:
        pass  # not permitted here: run at normal priority


def all_runners() -> list[TaskRunner]:
    return [runner for runner in list(_RUNNERS) if _alive(runner)]


def running_task_threads() -> int:
    """How many worker threads are alive (tests assert none are left behind)."""
    return sum(1 for runner in all_runners() if runner.thread_alive())


def shutdown_all(timeout_s: float = 3.0) -> bool:
    """Cancel every runner's work, then wait for all their threads within ``timeout_s``."""
    runners = all_runners()
    for runner in runners:
        runner.close()
    deadline = time.monotonic() + timeout_s
    return all([runner.join(deadline - time.monotonic()) for runner in runners])


def _alive(runner: TaskRunner) -> bool:
    try:
        runner.objectName()  # raises once the C++ object is gone
    except RuntimeError:
        return False
    return True
