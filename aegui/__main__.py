"""``aegui`` (the GUI), ``aegui COMMAND`` (the CLI) and ``python -m aegui``."""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Sequence

CLI_COMMANDS = {"train", "eval", "export", "analyze", "report", "sweep", "job", "--version", "-h", "--help"}


def _run_module_frozen(args: list[str]) -> int:
    """``aegui [-u] -m MODULE ARGS...`` in a frozen app (the installers' bundle), whose
    ``sys.executable`` is aegui itself rather than Python. The Train tab's "Processes" starts
    ``sys.executable -m torch.distributed.run ...``, and torchrun starts each worker as
    ``sys.executable -u -m aegui train ...``: this runs them as Python would."""
    import runpy

    while args and args[0] == "-u":  # unbuffered output, as torchrun asks of its workers
        args = args[1:]
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.reconfigure(line_buffering=True)
    if len(args) < 2 or args[0] != "-m":
        print("usage: aegui [-u] -m MODULE [ARGS...]", file=sys.stderr)
        return 2
    module, rest = args[1], args[2:]
    if module in ("aegui", "aegui.__main__"):  # torchrun's workers: this very module
        sys.argv = [sys.argv[0], *rest]
        return main(rest)
    sys.argv = [module, *rest]
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as done:
        code = done.code
        if code is None or isinstance(code, int):
            return code or 0
        print(code, file=sys.stderr)
        return 1
    return 0


def _names_a_path(word: str) -> bool:
    from pathlib import Path

    try:
        return Path(word).expanduser().exists()
    except (OSError, ValueError):
        return False


def main(argv: Sequence[str] | None = None) -> int:
    # In a frozen app (the installers' bundle) a process that multiprocessing starts runs this
    # executable again; freeze_support makes that run the worker and return. Elsewhere a no-op.
    multiprocessing.freeze_support()
    args = list(sys.argv[1:] if argv is None else argv)
    if getattr(sys, "frozen", False) and args[:1] in (["-m"], ["-u"]) and "-m" in args[:3]:
        return _run_module_frozen(args)
    # A first word that is no option is a command: a typo ("traing") gets the CLI's list of
    # commands, not the window's options. One that names a file or folder is for the window
    # (`aegui runs/vae2`, and the desktop's "Open with").
    if args and (args[0] in CLI_COMMANDS or (not args[0].startswith("-") and not _names_a_path(args[0]))):
        from aegui.cli import main as cli_main

        return cli_main(args)
    try:
        from aegui.app import main as gui_main
    except ImportError:
        print("aegui: the GUI is not yet available in this version; use 'aegui train', "
              "'aegui eval' or 'aegui export' (see 'aegui --help').", file=sys.stderr)
        return 1
    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
