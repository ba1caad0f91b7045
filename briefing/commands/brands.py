"""`briefing brands`: List, import and export brand kits."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    parser = sub.add_parser("brands", help="List, import and export brand kits")
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print("briefing brands: not available yet", file=sys.stderr)
    return 2
