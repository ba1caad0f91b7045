"""`briefing brands`: List, import and export brand kits (same verbs as templates)."""

from __future__ import annotations

import argparse

from briefing.commands import Subparsers
from briefing.commands.templates import add_verbs, run_verb


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("brands", help="List, import and export brand kits")
    add_verbs(parser, "brand", ".bfbrand")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    return run_verb(args, "brand")
