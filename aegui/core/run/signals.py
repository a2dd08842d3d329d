"""SIGINT and SIGTERM for a process that writes a run folder.

A scheduler (Slurm, a container runtime, systemd) ends a job with SIGTERM and a user with
Ctrl-C; both should end a run the same way: between two batches, keeping the last whole
epoch, with ``status.json`` saying "stopped". The first signal asks; a second one, or one
that comes while no batch loop runs, raises ``KeyboardInterrupt`` at once.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

SIGNALS = tuple(s for s in (getattr(signal, "SIGINT", None), getattr(signal, "SIGTERM", None)) if s)


@contextmanager
def stop_on_signals(ask: Callable[[], bool]) -> Iterator[None]:
    """While inside, SIGINT and SIGTERM call ``ask()``; when it returns False (it cannot
    stop the run gently now), or on the second signal, ``KeyboardInterrupt`` is raised.
    Outside the main thread, where Python cannot handle signals, it does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []

    def handle(signum, frame) -> None:
        received.append(signum)
        if len(received) > 1 or not ask():
            raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, handle) for sig in SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
