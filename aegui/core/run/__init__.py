"""A run folder and its one writer: the session that trains into it (session.py), the lock
that keeps a second writer out (lock.py), the files it writes (files.py), the journal
other programs read (journal.py) and the signals that end it cleanly (signals.py)."""

from aegui.core.run.journal import RunStatus
from aegui.core.run.lock import RunFolderBusy, RunLock
from aegui.core.run.session import RunOutcome, RunSession, Writer

__all__ = ["RunFolderBusy", "RunLock", "RunOutcome", "RunSession", "RunStatus", "Writer"]
