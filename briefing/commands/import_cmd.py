"""`briefing import`: Import articles and show what was found."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    parser = sub.add_parser("import", help="Import articles and show what was found")
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print("briefing import: not available yet", file=sys.stderr)
    return 2
