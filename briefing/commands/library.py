"""`briefing library`: search everything read and written; index a folder.

briefing library search QUERY [--author A] [--site S] [--since D] [--until D]
                              [--handling LABEL] [--kind source|briefing] [--in title|body]
                              [--limit N] [--json]
briefing library reindex [FOLDER]     # FOLDER remembered; none: bring everything known up to date
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from briefing.commands import Subparsers
from briefing.core.errors import BriefingError
from briefing.core.memory.index import MemoryIndex
from briefing.core.memory.record import record_saved
from briefing.core.memory.scan import refresh, reindex_folder
from briefing.core.memory.search import Filters, Hit, search
from briefing.core.model.document import Briefing

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def shown(text: str, limit: int = 300) -> str:
    """File-derived text made safe for a terminal: no control or direction characters."""
    clean = " ".join(_CONTROL.sub(" ", text).split())
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def remember(briefing: Briefing, path: Path) -> None:
    """Index a saved briefing; a failure is a warning (the file is saved all the same)."""
    try:
        record_saved(briefing, path)
    except (BriefingError, OSError) as err:
        print(f"briefing: warning: not added to the library: {err}", file=sys.stderr)


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("library", help="Search the sources and briefings you have used")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")
    find = verbs.add_parser("search", help='Search sources and briefings (words, "a phrase")')
    find.add_argument("query", metavar="QUERY", help="words to find; the last matches as a prefix")
    find.add_argument("--author", default="", help="author or analyst contains this")
    find.add_argument("--site", default="", help="site or organisation contains this")
    find.add_argument("--since", default="", metavar="YYYY-MM-DD", help="dated on or after")
    find.add_argument("--until", default="", metavar="YYYY-MM-DD", help="dated on or before")
    find.add_argument("--handling", default="", metavar="LABEL", help="e.g. TLP:AMBER")
    find.add_argument("--kind", choices=("source", "briefing"), help="only sources or briefings")
    find.add_argument("--in", dest="field", choices=("title", "body"), help="search only here")
    find.add_argument("--limit", type=int, default=20, help="at most this many (default 20)")
    find.add_argument("--json", action="store_true", help="print JSON")
    again = verbs.add_parser("reindex", help="Index a folder of briefings and articles")
    again.add_argument("folder", nargs="?", type=Path, metavar="FOLDER")
    parser.set_defaults(run=run)


def _date(value: str, flag: str) -> str:
    if value and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise BriefingError(f"{flag} must be a date as YYYY-MM-DD (not '{shown(value, 40)}')")
    return value


def run(args: argparse.Namespace) -> int:
    with MemoryIndex() as index:
        code = _search(args, index) if args.verb == "search" else None
        if args.verb == "reindex":
            code = _reindex(args, index)
        for notice in index.take_notices():
            print(f"briefing: warning: {notice}", file=sys.stderr)
    if code is None:
        print("briefing library: choose search or reindex (see --help)", file=sys.stderr)
        return 2
    return code


def _search(args: argparse.Namespace, index: MemoryIndex) -> int:
    filters = Filters(
        field=args.field or "all",
        kind=args.kind,
        author=args.author,
        site=args.site,
        since=_date(args.since, "--since"),
        until=_date(args.until, "--until"),
        handling=args.handling,
    )
    hits = search(index, args.query, filters, limit=args.limit)
    if args.json:
        print(json.dumps([_hit_json(h) for h in hits], indent=2, ensure_ascii=False))
        return 0
    for h in hits:
        where = ", ".join(shown(x, 80) for x in (h.site, h.date) if x)
        uses = f" · used in {h.uses} briefing(s)" if h.uses else ""
        print(f"[{h.kind}] {shown(h.title, 120)}" + (f" — {where}" if where else "") + uses)
        snippet = "".join(f"«{t}»" if hit else t for t, hit in h.snippet)
        if snippet.strip():
            print(f"    {shown(snippet, 240)}")
        print(f"    {shown(h.path, 240)}")
    if not hits:
        print("no matches", file=sys.stderr)
    return 0


def _hit_json(h: Hit) -> dict[str, Any]:
    return {
        "kind": h.kind,
        "title": h.title,
        "authors": h.authors,
        "site": h.site,
        "date": h.date,
        "handling": h.handling,
        "path": h.path,
        "url": h.url,
        "imported": h.imported,
        "used_in": h.uses,
        "snippet": [{"text": t, "match": m} for t, m in h.snippet],
    }


def _reindex(args: argparse.Namespace, index: MemoryIndex) -> int:
    report = reindex_folder(index, args.folder) if args.folder else index.run(refresh)
    for problem in report.problems:
        print(f"briefing: {shown(problem, 400)}", file=sys.stderr)
    where = f"{args.folder}: " if args.folder else ""
    print(f"{where}{report.summary()}")
    return 1 if report.problems else 0
