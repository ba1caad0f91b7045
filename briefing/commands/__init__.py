"""Command-line subcommands, one module each: ``register(subparsers)`` adds the parser and
sets ``run`` as its default handler.

Building the parser imports every command module, so each imports the heavy parts of the core
it needs (the importer, the renderer, WeasyPrint, pypdf) inside ``run``: ``briefing --help`` and
the other commands do not pay for them.
"""

from __future__ import annotations

import argparse
from typing import TypeAlias

# What ``register`` is given (generic only to the type checker, hence the quotes).
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
