"""``aegui`` (the GUI), ``aegui COMMAND`` (the CLI) and ``python -m aegui``."""

from __future__ import annotations

import sys
from collections.abc import Sequence

CLI_COMMANDS = {"train", "eval", "export", "analyze", "--version", "-h", "--help"}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    # A first word that is no option is a command: a typo ("traing") gets the CLI's list of
    # commands, not the window's options.
    if args and (args[0] in CLI_COMMANDS or not args[0].startswith("-")):
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
