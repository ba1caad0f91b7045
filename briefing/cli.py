"""The ``briefing`` command: no arguments (or a file) opens the editor; subcommands run
the command line over the same core.

Each subcommand lives in ``briefing.commands.<name>`` with ``register(subparsers)`` and a
``run(args) -> int``; nothing here imports Qt unless the editor is asked for.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from briefing import __version__
from briefing.core.errors import BriefingError

COMMANDS = (
    "import", "draft", "condense", "export", "templates", "brands", "library", "edition",
    "changes", "ledger",
)  # fmt: skip


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description=(
            "Turn articles into short, branded briefing notes. "
            "Run with no arguments (or a .briefing file) to open the editor."
        ),
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    # Imported here, not at the top: opening the editor (no subcommand) needs none of them.
    from briefing.commands import (
        brands,
        condense,
        draft,
        edition,
        export,
        import_cmd,
        ledger,
        library,
        templates,
    )

    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # The order of COMMANDS; `edition` registers `edition` and `changes`.
    for command in (import_cmd, draft, condense, export, templates, brands, library, edition,
                    ledger):  # fmt: skip
        command.register(sub)
    return parser


def _open_editor(argv: Sequence[str]) -> int:
    from briefing.ui.app import run_editor  # Qt is imported only here

    return run_editor(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (args[0] not in COMMANDS and not args[0].startswith("-")):
        if len(args) > 1:
            print("briefing: the editor opens one file at a time", file=sys.stderr)
            return 2
        return _open_editor(args)
    parser = _parser()
    ns = parser.parse_args(args)
    if ns.command is None:
        parser.print_help()
        return 0
    try:
        code: int = ns.run(ns)
        return code
    except BriefingError as err:
        print(f"briefing: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `briefing templates list | head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
