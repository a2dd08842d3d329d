"""The catalog of runs: every run folder under some roots, read cheaply (no weights), and
compared. The Runs panel is a view of it; it has no idea Qt exists."""

from aegui.core.catalog.compare import SettingRow, metric_rows, setting_rows
from aegui.core.catalog.history_tail import HistoryTail
from aegui.core.catalog.notes import RunNotes, read_notes, write_notes
from aegui.core.catalog.summary import (
    RUN_STATUSES,
    UNREADABLE,
    RunSummary,
    count_epochs,
    find_runs,
    is_run_folder,
    read_run,
)

__all__ = ["RUN_STATUSES", "UNREADABLE", "HistoryTail", "RunNotes", "RunSummary", "SettingRow", "count_epochs",
           "find_runs", "is_run_folder", "metric_rows", "read_notes", "read_run", "setting_rows", "write_notes"]
