"""`briefing brands`: List, import and export brand kits (same verbs as templates).

A FILE ending in ``.yml`` or ``.yaml`` is Quarto's brand.yml: ``briefing brands import
_brand.yml`` reads one, ``briefing brands export ID -o _brand.yml`` writes one (with its logo
and font files beside it).
"""

from __future__ import annotations

import argparse

from briefing.commands import Subparsers
from briefing.commands.templates import add_verbs, run_verb


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("brands", help="List, import and export brand kits")
    add_verbs(parser, "brand", ".bfbrand (or _brand.yml)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    return run_verb(args, "brand")
