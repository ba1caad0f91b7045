"""`briefing draft`: Draft articles into a briefing template."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(sub: Any) -> None:
    parser = sub.add_parser("draft", help="Draft articles into a briefing template")
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    print("briefing draft: not available yet", file=sys.stderr)
    return 2
