"""A run's ``history.csv``, followed while it grows.

A poll costs one ``stat``. Only when the file's size or time changed is it opened, and
then only the bytes after the rows already read are parsed: the writer rewrites the file
atomically, but a growing run's file keeps its earlier rows byte for byte, so a tail read
is enough. When the earlier rows did change (a run trained again from scratch) it is read
whole once.
"""

from __future__ import annotations

import csv
import io
import math
import os
from pathlib import Path
from stat import S_ISREG

from aegui.core.small_files import UnreadableFile, open_regular

MAX_HISTORY_BYTES = 64 * 1024 * 1024  # a file never decides how much memory is read


class HistoryTail:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.rows: list[dict[str, float]] = []
        self.full_reads = 0  # how often the whole file had to be parsed (tests watch it)
        self._stamp: tuple[int, int] | None = None
        self._header: list[str] | None = None
        self._offset = 0  # bytes parsed: the header and every whole row so far
        self._last_line = b""  # the last row parsed, to tell a grown file from a new one

    def poll(self) -> bool:
        """Read what was added since the last poll; True when the rows changed."""
        try:
            stat = os.stat(self.path)
        except OSError:
            stat = None
        if stat is None or not S_ISREG(stat.st_mode):  # gone, or a FIFO that would block a read
            changed = bool(self.rows)
            self._reset()
            self._stamp = None
            return changed
        stamp = (stat.st_mtime_ns, stat.st_size)
        if stamp == self._stamp:
            return False
        self._stamp = stamp
        if stat.st_size > MAX_HISTORY_BYTES:
            return False
        try:
            with open_regular(self.path) as handle:
                if self._offset and stat.st_size >= self._offset and self._still_prefix(handle):
                    handle.seek(self._offset)
                    return self._parse(handle.read())
                self._reset()
                self.full_reads += 1
                return self._parse(handle.read()) or True
        except (OSError, UnreadableFile):
            return False

    def _still_prefix(self, handle) -> bool:
        start = self._offset - len(self._last_line)
        handle.seek(start)
        return handle.read(len(self._last_line)) == self._last_line

    def _reset(self) -> None:
        self.rows, self._header, self._offset, self._last_line = [], None, 0, b""

    def _parse(self, data: bytes) -> bool:
        end = data.rfind(b"\n") + 1  # a row is whole once its newline is written
        if end == 0:
            return False
        lines = data[:end].splitlines(keepends=True)
        added = 0
        for line in lines:
            self._offset += len(line)
            self._last_line = line
            text = line.decode("utf-8", errors="replace")
            if self._header is None:
                self._header = next(csv.reader(io.StringIO(text)), [])
                continue
            values = next(csv.reader(io.StringIO(text)), [])
            row = {name: _number(value) for name, value in zip(self._header, values)}
            if "epoch" in row and math.isfinite(row["epoch"]):
                self.rows.append(row)
                added += 1
        return added > 0


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return math.nan
