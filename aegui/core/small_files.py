"""Reading the small text files of a run folder (config.json, status.json, history.csv …)
as if someone hostile had written them.

A folder on a shared disk is anyone's: a FIFO named ``config.json`` would block a plain
``open()`` forever, a 200 MB "history" would cost seconds on every listing, ``[`` repeated
200,000 times overflows the JSON parser's stack, and a 400-digit number overflows ``float()``.
Everything here fails with :class:`UnreadableFile`, whose message says which of these it was,
and nothing reads more than the limit it is given.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from aegui.core.text import file_size
from aegui.core.words import say

MAX_INT_DIGITS = 18  # an int with more digits is no count or size aegui writes; it becomes a float


class UnreadableFile(ValueError):
    """A file that is not a regular file, too large, or not what its name promises."""


def open_regular(path: str | Path):
    """A regular file opened for binary reading, without ever blocking on the open: a FIFO or
    a device is refused (UnreadableFile) after a non-blocking open. FileNotFoundError when
    there is no such file."""
    path = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UnreadableFile(say("{file} is not a regular file", file=path.name))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_small(path: str | Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (never more than ``limit`` + 1
    are read). Raises FileNotFoundError when there is no such file, UnreadableFile or OSError
    otherwise."""
    path = Path(path)
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise UnreadableFile(say("{file} is {size}, more than such a file ever holds ({limit})",
                                     file=path.name, size=file_size(size), limit=file_size(limit)))
        data = handle.read(limit + 1)
    if len(data) > limit:  # grew while being read
        raise UnreadableFile(say("{file} is more than {limit}", file=path.name, limit=file_size(limit)))
    return data


def parse_json(text: str | bytes, name: str = "the file"):
    """JSON as Python values, with huge integers read as floats (so ``float()`` of any number
    is safe) and nesting too deep for the parser refused, as UnreadableFile."""
    try:
        return json.loads(text, parse_int=_bounded_int)
    except RecursionError:
        raise UnreadableFile(say("{file} is nested too deeply to be read", file=name)) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise UnreadableFile(say("{file} is not valid JSON ({reason})", file=name, reason=str(exc))) from None


def read_json(path: str | Path, limit: int):
    """A small JSON file, parsed as :func:`parse_json` does."""
    return parse_json(read_small(path, limit), Path(path).name)


def finite_float(value, default: float = 0.0) -> float:
    """``float(value)`` for a number read from a file; ``default`` for anything else or ±inf/NaN."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return default
    try:
        number = float(value)
    except OverflowError:
        return default
    return number if number == number and abs(number) != float("inf") else default


def _bounded_int(text: str) -> int | float:
    digits = len(text) - (text[0] == "-")
    return int(text) if digits <= MAX_INT_DIGITS else float(text)
