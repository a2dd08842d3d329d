"""Callbacks on top of :class:`InferenceWorker`: submit a closure with the slot that
wants its result; results of superseded requests never reach the GUI."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from aegui.workers.inference import InferenceWorker


class JobRunner(QObject):
    failed = Signal(str, str)  # key, message
    finished = Signal(str)  # key of a delivered result (tests wait on it)

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.worker = InferenceWorker(self, name=name)
        self._callbacks: dict[str, tuple[int, Callable[[Any], None]]] = {}
        self.worker.resultReady.connect(self._deliver)
        self.worker.failed.connect(self._fail)

    def run(self, key: str, job: Callable[[], Any], on_done: Callable[[Any], None]) -> int:
        request = self.worker.submit(job, key)
        self._callbacks[key] = (request, on_done)
        return request

    def busy(self, key: str) -> bool:
        return key in self._callbacks

    def _deliver(self, key: str, request: int, result: Any) -> None:
        entry = self._callbacks.get(key)
        if entry is None or entry[0] != request:
            return  # a newer request of this kind is queued or running
        del self._callbacks[key]
        entry[1](result)
        self.finished.emit(key)

    def _fail(self, key: str, request: int, message: str) -> None:
        entry = self._callbacks.get(key)
        if entry is not None and entry[0] == request:
            del self._callbacks[key]
            self.failed.emit(key, message)

    def shutdown(self, timeout_ms: int) -> bool:
        self._callbacks.clear()
        return self.worker.shutdown(timeout_ms)
