"""Inference off the GUI thread, where only the newest request of each kind matters.

Tabs submit small jobs (a closure over an eval-mode model snapshot). Jobs run one
at a time on a dedicated thread; a job still waiting when a newer one with the same
``key`` arrives is dropped, so dragging a slider never builds a backlog.
"""

from __future__ import annotations

import itertools
import threading
import traceback
import weakref
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import torch
from PySide6.QtCore import QObject, Signal

_ALL_WORKERS: weakref.WeakSet[InferenceWorker] = weakref.WeakSet()


def running_inference_threads() -> int:
    return sum(1 for w in list(_ALL_WORKERS) if w.is_running())


class InferenceWorker(QObject):
    resultReady = Signal(str, int, object)  # key, request id, result
    failed = Signal(str, int, str)  # key, request id, message

    def __init__(self, parent: QObject | None = None, name: str = "aegui-inference"):
        super().__init__(parent)
        self._pending: OrderedDict[str, tuple[int, Callable[[], Any]]] = OrderedDict()
        self._lock = threading.Condition()
        self._ids = itertools.count(1)
        self._latest: dict[str, int] = {}
        self._closed = False
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()
        _ALL_WORKERS.add(self)

    def submit(self, job: Callable[[], Any], key: str = "default") -> int:
        """Queue ``job``; replaces a not-yet-started job with the same key. Returns its id."""
        with self._lock:
            request = next(self._ids)
            self._pending.pop(key, None)
            self._pending[key] = (request, job)
            self._latest[key] = request
            self._lock.notify()
        return request

    def is_latest(self, key: str, request: int) -> bool:
        return self._latest.get(key) == request

    def is_running(self) -> bool:
        return self._thread.is_alive()

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        with self._lock:
            self._closed = True
            self._pending.clear()
            self._lock.notify()
        self._thread.join(timeout_ms / 1000)
        return not self._thread.is_alive()

    def _loop(self) -> None:
        while True:
            with self._lock:
                while not self._pending and not self._closed:
                    self._lock.wait()
                if self._closed:
                    return
                key, (request, job) = self._pending.popitem(last=False)
            try:
                with torch.inference_mode():  # thread-local: open it in this thread
                    result = job()
            except Exception as exc:  # a failed job must not end the thread
                self.failed.emit(key, request, f"{type(exc).__name__}: {exc}")
                traceback.print_exc()
                continue
            self.resultReady.emit(key, request, result)
