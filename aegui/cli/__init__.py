"""The headless command line: ``aegui train | sweep | job | eval | export | report | analyze``.

One module per command (``train.py`` … ``analyze.py``), each with a ``run(args)``; the
parser in ``parser.py``; what several commands share in ``common.py``. The work itself
lives in :mod:`aegui.core`. No Qt here.

Exit codes: 0 success, 2 bad input (one plain line on stderr, no traceback),
3 a run that had to stop (non-finite loss, out of memory, a failed write), 130 interrupted.
Libraries' warnings (torch's about a pickle protocol, say) are not printed: an error stays
one line. ``PYTHONWARNINGS=default`` (or ``python -W``) shows them again.
"""

from __future__ import annotations

import contextlib
import os
import sys
import warnings
from collections.abc import Sequence
from importlib import import_module

from aegui.cli.parser import (
    EXIT_BAD_INPUT,
    EXIT_INTERRUPTED,
    EXIT_RUN_FAILED,
    build_parser,
    explicit_options,
)
from aegui.core.errors import AeguiError, TrainingError

__all__ = ["EXIT_BAD_INPUT", "EXIT_INTERRUPTED", "EXIT_RUN_FAILED", "build_parser", "main"]

COMMAND_MODULES = {"train": "train", "eval": "evaluate", "export": "export", "analyze": "analyze",
                   "report": "report", "sweep": "sweep", "job": "job"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_BAD_INPUT
    # torch is imported only once a command really runs
    handler = import_module(f"aegui.cli.{COMMAND_MODULES[args.command]}").run
    if args.command == "train":
        args.explicit = explicit_options(argv, "train")
    try:
        with _quiet_library_warnings():
            return handler(args)
    except TrainingError as exc:
        _say(f"{exc}", shared=getattr(exc, "all_ranks", False))
        return EXIT_RUN_FAILED
    except AeguiError as exc:
        _say(f"error: {exc}")
        return EXIT_BAD_INPUT
    except OSError as exc:  # an unwritable folder, a full disk: the user's to fix
        _say(f"error: {_describe_os_error(exc)}")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        _say("interrupted", shared=True)
        return EXIT_INTERRUPTED


@contextlib.contextmanager
def _quiet_library_warnings():
    """Warnings are recorded, not printed, unless the user asked for them (-W, PYTHONWARNINGS)."""
    if sys.warnoptions:
        yield
        return
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("default")
        yield


def _say(message: str, shared: bool = False) -> None:
    """An error line on stderr. Under torchrun rank 0 says it as usual; another rank says
    it with its rank (its own failure: a GPU it lacks, out of memory), unless every rank
    met the same error, which rank 0 says for all."""
    rank = os.environ.get("RANK", "0")
    if rank == "0":
        print(f"aegui: {message}", file=sys.stderr)
    elif not shared:
        print(f"aegui [rank {rank}]: {message}", file=sys.stderr)


def _describe_os_error(exc: OSError) -> str:
    reason = exc.strerror or str(exc) or type(exc).__name__
    where = f" {exc.filename}" if exc.filename else " a file"
    return f"Could not read or write{where}: {reason}. Check the folder exists, is writable and has space."
