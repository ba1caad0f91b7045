"""`briefing edition` and `briefing changes`: the next edition, and what changed.

briefing edition PREVIOUS.briefing -o NEXT.briefing [--force]
briefing changes OLD.briefing NEW.briefing [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from briefing.commands import Subparsers
from briefing.commands.draft import check_output
from briefing.commands.library import remember, shown
from briefing.core.memory.changes import compare_briefings
from briefing.core.memory.editions import next_edition
from briefing.core.storage.document_io import save_briefing


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("edition", help="Start the next edition of a briefing")
    parser.add_argument("previous", type=Path, metavar="PREVIOUS.briefing")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="NEXT.briefing")
    parser.add_argument(
        "--force", action="store_true", help="replace an existing output file (kept as FILE~)"
    )
    parser.set_defaults(run=run_edition)
    changes = sub.add_parser("changes", help="What changed between two editions")
    changes.add_argument("old", type=Path, metavar="OLD")
    changes.add_argument("new", type=Path, metavar="NEW")
    changes.add_argument("--json", action="store_true", help="print JSON")
    changes.set_defaults(run=run_changes)


def run_edition(args: argparse.Namespace) -> int:
    from briefing.core.services import load_document  # when the command runs (see commands)

    if args.output.absolute() == args.previous.absolute():
        print(f"briefing: {args.output}: the next edition needs its own file", file=sys.stderr)
        return 1
    previous = load_document(args.previous)
    check_output(args.output, args.force)
    new = next_edition(previous, args.previous)
    save_briefing(new, args.output)
    remember(new, args.output)
    e = new.edition
    assert e is not None
    print(
        f"{args.output}: edition {e.number} of “{shown(new.title, 120)}” "
        f"({len(new.sections)} sections, {len(new.sources)} sources and "
        f"{len(new.predictions)} predictions carried over)"
    )
    return 0


def run_changes(args: argparse.Namespace) -> int:
    from briefing.core.services import load_document  # when the command runs (see commands)

    old, new = load_document(args.old), load_document(args.new)
    c = compare_briefings(old, new)
    if args.json:
        print(json.dumps(asdict(c), indent=2, ensure_ascii=False))
        return 0
    print(f"What changed from “{shown(old.title, 80)}” ({shown(old.meta.date, 20)}) "
          f"to “{shown(new.title, 80)}” ({shown(new.meta.date, 20)}):")  # fmt: skip
    if c.empty:
        print("  nothing")
    for j in c.judgements:
        line = {"added": "+ new", "removed": "- withdrawn", "revised": "~ revised"}[j.status]
        odds = ""
        if j.likelihood_moved:
            odds = f" ({j.old_probability}% → {j.new_probability}%)"
        elif j.status != "removed" and j.new_probability is not None:
            odds = f" ({j.new_probability}%)"
        print(f"  {line}: {shown(j.statement, 160)}{odds}")
    for r in c.new_sources:
        print(f"  + source: {shown(r.title, 160)}")
    for r in c.dropped_sources:
        print(f"  - source: {shown(r.title, 160)}")
    for s in c.sections:
        detail = {"added": "new section", "removed": "section removed"}.get(
            s.status, f"+{s.words_added} / -{s.words_removed} words"
        )
        print(f"  text: {shown(s.title, 80)} ({detail})")
    return 0
