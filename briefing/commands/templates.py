"""`briefing templates`: List, import and export templates.

The same verbs serve ``briefing brands`` (see :mod:`briefing.commands.brands`)::

    briefing templates list [--json]
    briefing templates export ID -o FILE [--force]
    briefing templates import FILE [--replace | --keep-both]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from briefing.commands import Subparsers
from briefing.core.errors import IdConflictError
from briefing.core.model.template import Brand, LibraryKind, Template
from briefing.core.storage.library import (
    BRAND_EXPORT_SUFFIXES,
    TEMPLATE_EXPORT_SUFFIXES,
    Library,
    OnConflict,
)
from briefing.core.storage.targets import check_target


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("templates", help="List, import and export templates")
    add_verbs(parser, "template", ".bftemplate")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    return run_verb(args, "template")


def add_verbs(parser: argparse.ArgumentParser, kind: LibraryKind, suffix: str) -> None:
    """Add the ``list``, ``export`` and ``import`` verbs for templates or brands."""
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")
    listing = verbs.add_parser("list", help=f"List built-in, user and team {kind}s")
    listing.add_argument("--json", action="store_true", help="print JSON")
    export = verbs.add_parser("export", help=f"Write a {kind} to one file to share")
    export.add_argument("id", metavar="ID")
    export.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FILE", help=f"e.g. NAME{suffix}"
    )
    export.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (kept as FILE~)"
    )
    imp = verbs.add_parser("import", help=f"Add a shared {kind} file to your {kind}s")
    imp.add_argument("file", type=Path, metavar="FILE")
    choice = imp.add_mutually_exclusive_group()
    choice.add_argument("--replace", action="store_true", help="replace one with the same id")
    choice.add_argument("--keep-both", action="store_true", help="import under a new id")


def run_verb(args: argparse.Namespace, kind: LibraryKind) -> int:
    """Run one verb; ``BriefingError`` propagates to the CLI, which prints one line."""
    lib = Library()
    if args.verb == "list":
        items: list[Template] | list[Brand] = (
            lib.templates() if kind == "template" else lib.brands()
        )
        if args.json:
            print(json.dumps([_describe(i) for i in items], indent=2, ensure_ascii=False))
        else:
            width = max((len(i.id) for i in items), default=2)
            for i in items:
                print(f"{i.id:<{width}}  {i.origin or 'user':<7}  {i.name}")
        for problem in lib.problems():
            print(f"warning: {problem}", file=sys.stderr)
        return 0
    if args.verb == "export":
        suffixes = TEMPLATE_EXPORT_SUFFIXES if kind == "template" else BRAND_EXPORT_SUFFIXES
        check_target(args.output, suffixes=suffixes, what=f"a {kind} package", force=args.force)
        if kind == "template":
            lib.export_template(args.id, args.output)
        elif is_brand_yml(args.output):
            for written in lib.export_brand_yml(args.id, args.output)[:-1]:
                print(f"wrote {written}")
        else:
            lib.export_brand(args.id, args.output)
        print(f"exported {kind} '{args.id}' to {args.output}")
        return 0
    if args.verb == "import":
        mode: OnConflict = "replace" if args.replace else "keep-both" if args.keep_both else "error"
        item: Template | Brand
        notes: list[str] = []
        try:
            if kind == "template":
                item = lib.import_template(args.file, on_conflict=mode)
            elif is_brand_yml(args.file):
                found = lib.import_brand_yml(args.file, on_conflict=mode)
                item, notes = found.brand, found.notes
            else:
                item = lib.import_brand(args.file, on_conflict=mode)
        except IdConflictError as err:
            print(f"briefing: {err}; {_conflict_hint(err)}", file=sys.stderr)
            return 1
        print(f"imported {kind} '{item.id}' ({item.name})")
        for note in notes:
            print(f"note: {args.file}: {note}", file=sys.stderr)
        return 0
    print(f"briefing {kind}s: choose list, export or import (see --help)", file=sys.stderr)
    return 2


def is_brand_yml(path: Path) -> bool:
    """A Quarto brand file (``_brand.yml``, ``house.yaml``) rather than a Briefing package."""
    return path.suffix.lower() in (".yml", ".yaml")


def _conflict_hint(err: IdConflictError) -> str:
    """The command-line way out of an id clash."""
    if err.replacing:
        return "run again with --keep-both"
    return "run again with --replace or --keep-both"


def _describe(item: Template | Brand) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": item.id,
        "name": item.name,
        "origin": item.origin,
        "read_only": item.read_only,
    }
    if isinstance(item, Template):
        entry["description"] = item.description
        entry["sections"] = [{"id": s.id, "title": s.title} for s in item.sections]
        entry["page_budget"] = item.page_budget
        entry["handling"] = item.handling
        entry["brand"] = item.brand
    else:
        entry["description"] = item.description
        entry["page_size"] = item.page_size
        entry["fonts"] = {"heading": item.fonts.heading, "body": item.fonts.body}
        entry["colors"] = vars(item.colors).copy()
        entry["has_logo"] = item.logo is not None
    return entry
