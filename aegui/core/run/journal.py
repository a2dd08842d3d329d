"""``status.json``: how a run is doing, beside its checkpoint, for anyone who lists runs.

The checkpoint says what was trained; the journal says who is training it and how it
ended: running (with the writer's host and process id, so a killed run can be told from a
live one), finished, stopped or failed, and how long each epoch took (for comparing runs
by wall-clock time). It is small and rewritten atomically; a run without one (written
before journals existed) is judged from its files alone.
"""

from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from aegui.core.checkpoint import EXPERIMENT_FILE, atomic_write
from aegui.core.partial_epoch import PARTIAL_FILE
from aegui.core.small_files import finite_float, read_json
from aegui.core.text import TextEnum
from aegui.core.words import Said, said_from_dict, said_to_dict

JOURNAL_FILE = "status.json"
FORMAT_VERSION = 1


class RunStatus(TextEnum):
    """What ``status.json`` says of a run. A ``str`` enum: it is written and compared as its value."""

    RUNNING = "running"
    FINISHED = "finished"
    STOPPED = "stopped"
    FAILED = "failed"



ENDED = (RunStatus.FINISHED, RunStatus.STOPPED, RunStatus.FAILED)
STATUSES = (RunStatus.RUNNING, *ENDED)
MAX_EPOCHS_KEPT = 1_000_000  # a file never decides how much memory is read back


@dataclass(frozen=True)
class JournalState:
    status: RunStatus
    message: str = ""
    writer: str = ""  # cli, gui, sweep, torchrun
    host: str = ""
    pid: int = 0
    started: float = 0.0  # time.time() when the run (first) started
    updated: float = 0.0
    epoch_seconds: tuple[float, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        data: dict[str, Any] = {
            "format_version": FORMAT_VERSION, "status": self.status.value, "message": self.message,
            "writer": self.writer, "host": self.host, "pid": self.pid, "started": self.started,
            "updated": self.updated, "epoch_seconds": [round(s, 3) for s in self.epoch_seconds]}
        if isinstance(self.message, Said):  # so the window can say it in its language
            data["message_said"] = said_to_dict(self.message)
        return data


class RunJournal:
    """What one writer of a run folder says about it. Writing never raises: the checkpoint
    is what must not be lost, and a journal that could not be written only costs the Runs
    panel a guess. Nothing is written until the folder holds a checkpoint (the first save makes one)."""

    def __init__(self, folder: str | Path, writer: str, epochs_done: int = 0):
        self.folder = Path(folder)
        self._epochs_this_run = 0
        try:  # put back as it was if this run ends having changed nothing
            self._previous: bytes | None = (self.folder / JOURNAL_FILE).read_bytes()
        except OSError:
            self._previous = None
        previous = read_journal(self.folder)
        seconds = previous.epoch_seconds[:epochs_done] if previous else ()
        # A continued run keeps its start and the epochs it keeps; a fresh one starts now.
        started = previous.started if previous and epochs_done and previous.started else time.time()
        self.state = JournalState(RunStatus.RUNNING, writer=writer, host=socket.gethostname(), pid=os.getpid(),
                                  started=started, epoch_seconds=tuple(seconds))
        self._write()

    def epoch(self, epoch: int, seconds: float) -> None:
        """Epoch ``epoch`` (1-based) ended after ``seconds`` of training."""
        kept = self.state.epoch_seconds[:max(0, epoch - 1)]
        kept += (0.0,) * (epoch - 1 - len(kept))  # an epoch picked up mid-way left no time
        self._epochs_this_run += 1
        self._set(epoch_seconds=kept + (float(seconds),))

    def ended(self, status: RunStatus | str, message: str = "") -> None:
        status = RunStatus(status)
        if status not in ENDED:
            raise ValueError(f"a run ends finished, stopped or failed, not {status!r}")
        if self._previous is not None and not self._epochs_this_run and status is RunStatus.STOPPED:
            # Continued and interrupted before an epoch: the run is as it was, and so is its journal.
            try:
                atomic_write(self.folder / JOURNAL_FILE, lambda handle: handle.write(self._previous))
            except OSError:
                pass
            return
        self._set(status=status, message=message)

    def _set(self, **changes) -> None:
        self.state = JournalState(**{**self.state.__dict__, **changes})
        self._write()

    def _write(self) -> None:
        if not _holds_a_run(self.folder):
            return  # a run that has saved nothing yet is no run to list (its folder may go again)
        self.state = JournalState(**{**self.state.__dict__, "updated": time.time()})
        text = json.dumps(self.state.to_dict(), indent=1) + "\n"
        try:
            atomic_write(self.folder / JOURNAL_FILE, lambda handle: handle.write(text.encode()))
        except OSError:
            pass  # a full disk: the checkpoint's own write says so


def _holds_a_run(folder: Path) -> bool:
    return any((folder / name).is_file() for name in (EXPERIMENT_FILE, PARTIAL_FILE, JOURNAL_FILE))


def read_journal(folder: str | Path) -> JournalState | None:
    """The journal of a run folder; None when there is none or it cannot be read."""
    try:
        data = read_json(Path(folder) / JOURNAL_FILE, 64 * MAX_EPOCHS_KEPT)
        status = RunStatus(data["status"])
        seconds = data.get("epoch_seconds", ())
        seconds = tuple(finite_float(s) for s in seconds[:MAX_EPOCHS_KEPT]) if isinstance(seconds, list) else ()
        pid = data.get("pid", 0)
        message = str(data.get("message", ""))[:2000]
        if "message_said" in data:
            message = said_from_dict(data["message_said"], message)
        return JournalState(status=status, message=message,
                            writer=str(data.get("writer", ""))[:40], host=str(data.get("host", ""))[:255],
                            pid=pid if isinstance(pid, int) and 0 <= pid < 2**31 else 0,
                            started=finite_float(data.get("started")), updated=finite_float(data.get("updated")),
                            epoch_seconds=seconds)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def writer_alive(state: JournalState) -> bool | None:
    """Whether the process that wrote a running journal still runs: None when it ran on
    another machine (a cluster job), where this one cannot tell."""
    if state.host != socket.gethostname() or state.pid <= 0:
        return None
    try:
        process = psutil.Process(state.pid)
        # A reused process id belongs to a process started after the run was.
        return process.create_time() <= state.updated + 1.0 and process.is_running()
    except psutil.NoSuchProcess:
        return False
    except psutil.Error:
        return None
