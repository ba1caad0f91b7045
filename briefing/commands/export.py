"""`briefing export`: Export a briefing to PDF, HTML or Markdown."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    parser = sub.add_parser("export", help="Export a briefing to PDF, HTML or Markdown")
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print("briefing export: not available yet", file=sys.stderr)
    return 2
