"""``notes.json``: what the user wrote about a run (a name and tags), kept in the run's own
folder so it travels with the run. The run's folder name and files are never changed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from aegui.core.checkpoint import atomic_write
from aegui.core.small_files import read_json

NOTES_FILE = "notes.json"
MAX_NAME = 200
MAX_TAGS = 50
MAX_NOTES_BYTES = 256 * 1024


@dataclass(frozen=True)
class RunNotes:
    name: str = ""  # shown instead of the folder name; "" keeps the folder's
    tags: tuple[str, ...] = ()


def clean_tags(tags) -> tuple[str, ...]:
    """Tags as typed ("baseline, beta sweep"): trimmed, without repeats, in order."""
    if isinstance(tags, str):
        tags = tags.split(",")
    seen: dict[str, None] = {}
    for tag in tags:
        tag = str(tag).strip()[:MAX_NAME]
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)[:MAX_TAGS]


def read_notes(folder: str | Path) -> RunNotes:
    try:
        data = read_json(Path(folder) / NOTES_FILE, MAX_NOTES_BYTES)
        return RunNotes(name=str(data.get("name", ""))[:MAX_NAME], tags=clean_tags(data.get("tags", ())))
    except (OSError, ValueError, TypeError, AttributeError):
        return RunNotes()


def write_notes(folder: str | Path, notes: RunNotes) -> None:
    """Raises OSError when the folder cannot be written."""
    notes = RunNotes(name=notes.name.strip()[:MAX_NAME], tags=clean_tags(notes.tags))
    text = json.dumps({"name": notes.name, "tags": list(notes.tags)}, indent=1) + "\n"
    atomic_write(Path(folder) / NOTES_FILE, lambda handle: handle.write(text.encode()))
