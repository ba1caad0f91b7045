"""`briefing templates`: List, import and export templates."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    parser = sub.add_parser("templates", help="List, import and export templates")
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print("briefing templates: not available yet", file=sys.stderr)
    return 2
