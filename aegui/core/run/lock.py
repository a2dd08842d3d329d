"""``writer.lock``: the one writer of a run folder (or a study folder) says who it is.

A run folder has one writer at a time. The writer creates ``writer.lock`` atomically
(``O_CREAT | O_EXCL``) before it reads or writes anything else there, keeps it for as long
as it writes, and removes it on every way out. The file holds the writer's kind, host,
process id and start time, so the second writer is refused at once with a sentence that
names the first. Readers (the Runs tab, ``eval``, ``report``, ``export``) never look at it.

A lock whose process is gone (killed, or the machine restarted) is taken over when it was
taken on this host, where psutil can tell. A lock taken on another host is respected: a
run on a cluster node writing to a shared disk is invisible from here, and only the user
can say it has ended (by deleting the file, as the refusal says).
"""

from __future__ import annotations

import json
import os
import socket
import stat
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import psutil

from aegui.core.checkpoint import remove_stale_temporaries
from aegui.core.errors import AeguiError
from aegui.core.words import say

LOCK_FILE = "writer.lock"
MAX_LOCK_BYTES = 4096  # a lock file never decides how much is read
_PID_REUSE_SLACK_S = 1.0


class RunFolderBusy(AeguiError):
    """Another writer holds the folder."""


@dataclass(frozen=True)
class LockOwner:
    writer: str  # cli, gui, sweep, torchrun, study
    host: str
    pid: int
    started: float  # time.time() when the lock was taken
    boot: str = ""  # this boot of the kernel, and the pid namespace (Linux); "" elsewhere
    ticks: int = 0  # the process's start in clock ticks since boot (Linux): immune to clock steps

    def describe(self) -> str:
        when = (time.strftime("%Y-%m-%d %H:%M", time.localtime(self.started)) if self.started
                else say("an unknown time"))
        who = {"gui": say("the aegui window"), "cli": "aegui train", "sweep": say("a latent-size study"),
               "study": say("a latent-size study"), "torchrun": say("a torchrun job")
               }.get(self.writer, say("another aegui"))
        if self.host == socket.gethostname():
            return say("{who} (process {pid}, since {when})", who=who, pid=self.pid, when=when)
        return say("{who} (process {pid} on {host}, since {when})", who=who, pid=self.pid, host=self.host, when=when)

    def to_json(self) -> str:
        return json.dumps({"writer": self.writer, "host": self.host, "pid": self.pid,
                           "started": self.started, "boot": self.boot, "ticks": self.ticks}) + "\n"


def read_lock(folder: str | Path) -> LockOwner | None:
    """Who holds ``folder``'s lock, as its file says; None when there is no readable lock."""
    return _read_path(Path(folder) / LOCK_FILE)


def owner_alive(owner: LockOwner | None) -> bool:
    """Whether the lock's process may still be writing. A lock of another host, or one that
    cannot be read (a writer that crashed between creating it and writing it, or a file in
    an unknown format) counts as alive on another host, and dead here when it is empty."""
    if owner is None:
        return False
    if owner.host != socket.gethostname():
        return True
    if owner.pid <= 0:
        return False
    here = machine_boot()
    if owner.boot and here and owner.boot != here:
        boot, namespace = owner.boot.split(":", 1) if ":" in owner.boot else (owner.boot, "")
        if boot != here.split(":", 1)[0]:
            return False  # taken before this machine last started: its process is gone
        return True  # another container with the same host name: its processes are not ours to see
    if owner.ticks and here:
        return start_ticks(owner.pid) == owner.ticks  # the same process, whatever the clock did
    try:
        process = psutil.Process(owner.pid)
        # A reused process id belongs to a process started after the lock was taken.
        if process.status() == psutil.STATUS_ZOMBIE:
            return False  # killed, and not yet reaped by its parent
        return process.is_running() and process.create_time() <= owner.started + _PID_REUSE_SLACK_S
    except psutil.NoSuchProcess:
        return False
    except psutil.Error:
        return True  # it exists but cannot be inspected: assume it writes


class RunLock:
    """The lock on one folder. ``with RunLock(folder, "cli"):`` or :meth:`acquire` /
    :meth:`release`. Acquiring creates the folder; releasing a folder this lock created
    and nothing else filled removes it again, so a refused or failed start leaves nothing."""

    def __init__(self, folder: str | Path, writer: str):
        self.folder = Path(folder)
        self.writer = writer
        self.owner: LockOwner | None = None  # set while held
        self._made: list[Path] = []  # the folders acquire() created

    @property
    def path(self) -> Path:
        return self.folder / LOCK_FILE

    @property
    def held(self) -> bool:
        return self.owner is not None

    def acquire(self) -> RunLock:
        """Take the lock, or raise :class:`RunFolderBusy` naming the writer that holds it."""
        if self.held:
            return self
        absolute = self.folder.absolute()
        self._made = [p for p in (absolute, *absolute.parents) if not p.exists()]  # innermost first
        self.folder.mkdir(parents=True, exist_ok=True)
        owner = LockOwner(self.writer, socket.gethostname(), os.getpid(), time.time(), machine_boot(),
                          start_ticks(os.getpid()))
        for _attempt in range(3):
            if self._create(owner):
                self.owner = owner
                return self
            held_by = read_lock(self.folder)
            if held_by is None and self._young_unreadable():
                raise self._busy(None)  # another writer is between creating and filling it
            if owner_alive(held_by):
                raise self._busy(held_by)
            self._take_over(held_by)
        raise self._busy(read_lock(self.folder))

    def release(self) -> None:
        """Give the lock up (only if this lock still owns the file). Never raises."""
        if self.owner is None:
            return
        try:
            if read_lock(self.folder) == self.owner:
                self.path.unlink()
        except OSError:
            pass
        self.owner = None
        for made in self._made:  # only when empty: a run that saved nothing leaves no folder
            try:
                made.rmdir()
            except OSError:
                break
        self._made = []

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc_info) -> None:
        self.release()

    def _create(self, owner: LockOwner) -> bool:
        """Create the lock file whole: written beside it, then hard-linked into place (which
        fails if it exists), so a rival never reads a lock that is still empty."""
        filled = self.path.with_name(f".{self.path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
        try:
            with open(filled, "w", encoding="utf-8") as handle:
                handle.write(owner.to_json())
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.link(filled, self.path)
            except FileExistsError:
                return False
            except OSError:  # a file system without hard links: create, then fill
                return self._create_then_fill(owner)
            return True
        finally:
            filled.unlink(missing_ok=True)

    def _create_then_fill(self, owner: LockOwner) -> bool:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(owner.to_json())
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            self.path.unlink(missing_ok=True)
            raise
        return True

    def _young_unreadable(self) -> bool:
        """An unreadable lock file written in the last few seconds: a writer filling it now."""
        try:
            return time.time() - self.path.stat().st_mtime < 5.0
        except OSError:
            return False

    def _take_over(self, stale: LockOwner | None) -> None:
        """Move a dead writer's lock aside, so that the next :meth:`_create` can win. Two
        processes taking over at once both move *a* file aside; the one that finds it moved
        a live lock (the other's new one) puts it back."""
        aside = self.folder / f".{LOCK_FILE}.{uuid.uuid4().hex}.stale"
        try:
            os.rename(self.path, aside)
        except FileNotFoundError:
            return  # someone else moved it; try creating again
        moved = _read_path(aside)
        if moved != stale and owner_alive(moved):
            try:
                os.link(aside, self.path)  # put the live lock back, unless a newer one is there
            except OSError:
                pass
        aside.unlink(missing_ok=True)

    def _busy(self, owner: LockOwner | None) -> RunFolderBusy:
        who = owner.describe() if owner is not None else say("another aegui process")
        return RunFolderBusy(say(
            "{folder} is being written by {who}; a run folder has one writer at a time. Wait for it to end, or write "
            "to another folder (if it is no longer running, delete {lock} and try again).",
            folder=self.folder, who=who, lock=self.path))


def _read_path(path: Path) -> LockOwner | None:
    """The owner a lock file names. Only a regular file is read (a FIFO or a device put
    there must not block or flood the reader), and only its first few kilobytes."""
    try:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_LOCK_BYTES:
                return None
            data = json.loads(handle.read(MAX_LOCK_BYTES).decode("utf-8"))
        return LockOwner(writer=str(data["writer"])[:40], host=str(data["host"])[:255],
                         pid=int(data["pid"]), started=float(data["started"]),
                         boot=str(data.get("boot", ""))[:200], ticks=int(data.get("ticks", 0)))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def machine_boot() -> str:
    """This boot of the kernel and this pid namespace, as "boot-id:namespace" (Linux); ""
    where the system does not say. Two containers share a host name and a boot, not a
    namespace; a machine restarted keeps its name, not its boot id."""
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
        namespace = os.stat("/proc/self/ns/pid").st_ino
    except OSError:
        return ""
    return f"{boot}:{namespace}"


def start_ticks(pid: int) -> int:
    """When process ``pid`` started, in clock ticks since boot (Linux); 0 when unknown or gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        return int(text.rsplit(")", 1)[1].split()[19])  # field 22, counted after "(comm)"
    except (OSError, IndexError, ValueError):
        return 0


def tidy_idle_folder(folder: str | Path, writer: str, older_than_s: float) -> list[Path]:
    """Remove what a writer killed mid-write left in ``folder`` (temporary files older than
    ``older_than_s``), only when no writer holds it: the lock is taken for the moment it
    takes. A folder in use is left alone."""
    lock = RunLock(folder, writer)
    try:
        lock.acquire()
    except (RunFolderBusy, OSError):
        return []
    try:
        return remove_stale_temporaries(Path(folder), older_than_s)
    finally:
        lock.release()
