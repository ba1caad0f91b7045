"""`briefing ledger`: the predictions of every briefing, their outcomes and scores.

briefing ledger list [--due] [--json]
briefing ledger resolve ID --outcome happened|not|unknown [--note TEXT] [--date YYYY-MM-DD]
briefing ledger scores [--by analyst|template|period] [--chart OUT.svg [--force]] [--json]
briefing ledger export -o FILE.csv | FILE.bfledger [--force] | --team
briefing ledger merge FILE | FOLDER | --team
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from briefing.commands import Subparsers
from briefing.commands.library import shown
from briefing.core.errors import BriefingError
from briefing.core.memory.chart import calibration_svg
from briefing.core.memory.index import MemoryIndex
from briefing.core.memory.ledger import OUTCOME_WORDS, LedgerEntry, ledger_entries, record_outcome
from briefing.core.memory.ledger_io import export_csv, export_ledger, merge_ledger
from briefing.core.memory.scores import calibration, score, scores_by
from briefing.core.storage.atomic import atomic_write_text
from briefing.core.storage.preferences import team_library_dir
from briefing.core.storage.targets import check_target

TEAM_FOLDER = "ledgers"
EXPORT_SUFFIXES = (".csv", ".bfledger", ".json")
_FORCE_HELP = "replace the file if it exists (the old one is kept as FILE~)"


def register(sub: Subparsers) -> None:
    parser = sub.add_parser("ledger", help="Predictions, outcomes and calibration scores")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")
    listing = verbs.add_parser("list", help="Every prediction (newest first)")
    listing.add_argument("--due", action="store_true", help="only those due for an outcome")
    listing.add_argument("--json", action="store_true", help="print JSON")
    resolve = verbs.add_parser("resolve", help="Record how a prediction turned out")
    resolve.add_argument("id", metavar="ID", help="the prediction id (or a unique start of it)")
    resolve.add_argument("--outcome", required=True, choices=("happened", "not", "unknown"))
    resolve.add_argument("--note", default="", help="what happened, and how you know")
    resolve.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="default: today")
    scores = verbs.add_parser("scores", help="Brier scores and calibration")
    scores.add_argument("--by", choices=("analyst", "template", "period"), default="analyst")
    scores.add_argument("--chart", type=Path, metavar="OUT.svg", help="write the chart as SVG")
    scores.add_argument("--force", action="store_true", help=_FORCE_HELP)
    scores.add_argument("--json", action="store_true", help="print JSON")
    export = verbs.add_parser("export", help="Write the ledger as CSV or for a colleague")
    where = export.add_mutually_exclusive_group(required=True)
    where.add_argument("-o", "--output", type=Path, metavar="FILE", help=".csv or .bfledger")
    where.add_argument("--team", action="store_true", help="into the team folder's ledgers/")
    export.add_argument("--force", action="store_true", help=_FORCE_HELP)
    merge = verbs.add_parser("merge", help="Merge a colleague's ledger file (or a folder)")
    source = merge.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", type=Path, metavar="FILE")
    source.add_argument("--team", action="store_true", help="every ledger in the team folder")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    verbs = {"list": _list, "resolve": _resolve, "scores": _scores, "export": _export}
    verbs["merge"] = _merge
    if args.verb not in verbs:
        print("briefing ledger: choose list, resolve, scores, export or merge", file=sys.stderr)
        return 2
    with MemoryIndex() as index:
        code = verbs[args.verb](args, index)
        for notice in index.take_notices():
            print(f"briefing: warning: {notice}", file=sys.stderr)
    return code


def _outcome_word(e: LedgerEntry) -> str:
    return OUTCOME_WORDS[e.outcome.outcome] if e.outcome else ""


def _list(args: argparse.Namespace, index: MemoryIndex) -> int:
    today = date.today()
    entries = [e for e in ledger_entries(index) if e.is_due(today) or not args.due]
    if args.json:
        print(json.dumps([_entry_json(e, today) for e in entries], indent=2, ensure_ascii=False))
        return 0
    for e in entries:
        state = "DUE " if e.is_due(today) else (_outcome_word(e) or "open")
        odds = "  ?%" if e.probability is None else f"{e.probability:>3}%"
        due = e.due.isoformat() if e.due else "no date"
        print(f"{e.pid}  {odds}  {due:<10}  {state:<14}  {shown(e.statement, 90)}")
    if not entries:
        print("no predictions due" if args.due else "the ledger is empty", file=sys.stderr)
    return 0


def _entry_json(e: LedgerEntry, today: date) -> dict[str, Any]:
    return {
        "id": e.pid,
        "statement": e.statement,
        "likelihood": e.probability,
        "term": e.term,
        "timeframe": e.timeframe,
        "resolves": e.due.isoformat() if e.due else None,
        "criteria": e.criteria,
        "indicators": e.indicators,
        "analyst": e.analyst,
        "template": e.template,
        "briefing": e.title,
        "path": e.path,
        "made": e.made,
        "edition": e.edition,
        "from_colleague": e.team,
        "due": e.is_due(today),
        "history": [{"made": m, "likelihood": p} for m, p in e.history],
        "outcome": None if e.outcome is None else vars(e.outcome),
    }


def _resolve(args: argparse.Namespace, index: MemoryIndex) -> int:
    entry = record_outcome(index, args.id, args.outcome, note=args.note, day=args.date)
    assert entry.outcome is not None
    print(
        f"{entry.pid}: {_outcome_word(entry).lower()} on {entry.outcome.date} — "
        f"{shown(entry.statement, 100)}"
    )
    return 0


def _scores(args: argparse.Namespace, index: MemoryIndex) -> int:
    entries = ledger_entries(index)
    rows = scores_by(entries, args.by)
    total = score("all", entries)
    cal = calibration(entries, "all predictions")
    if args.chart:
        check_target(args.chart, suffixes=(".svg",), what="a chart", force=args.force)
        atomic_write_text(args.chart, calibration_svg(cal), backup=True)
    if args.json:
        data = {
            "by": args.by,
            "groups": [vars(r) for r in rows],
            "all": vars(total),
            "calibration": [vars(b) for b in cal.bins],
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    width = max([len(shown(r.group, 40)) for r in rows] + [len(args.by)])
    print(f"{args.by:<{width}}  scored  Brier  happened  cannot tell  open")
    for r in rows + [total]:
        brier = f"{r.brier:.3f}" if r.brier is not None else "  —  "
        print(
            f"{shown(r.group, 40):<{width}}  {r.scored:>6}  {brier}  {r.happened:>8}  "
            f"{r.unknown:>11}  {r.open:>4}"
        )
    print("\ncalibration (ICD 203 bands): forecasts, mean forecast, share that happened")
    for b in cal.bins:
        if b.count:
            print(f"  {b.label:<20} {b.count:>4}  {b.mean_forecast:>5.0%}  {b.observed:>5.0%}")
    if args.chart:
        print(f"chart written to {args.chart}")
    return 0


def _team_folder() -> Path:
    team = team_library_dir()
    if team is None:
        raise BriefingError("no team folder is set (choose one in Preferences)")
    return team / TEAM_FOLDER


def _user() -> str:
    try:
        name = getpass.getuser()
    except (OSError, KeyError):
        name = "me"
    return "".join(c for c in name if c.isalnum() or c in "-_.") or "me"


def _export(args: argparse.Namespace, index: MemoryIndex) -> int:
    if args.team:  # your own file in the team folder, replaced by each export (kept as ~)
        folder = _team_folder()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{_user()}.bfledger"
    else:
        path = args.output
        check_target(path, suffixes=EXPORT_SUFFIXES, what="a ledger export", force=args.force)
    write = export_csv if path.suffix.lower() == ".csv" else export_ledger
    count = write(index, path)
    print(f"exported {count} prediction(s) to {path}")
    return 0


def _merge(args: argparse.Namespace, index: MemoryIndex) -> int:
    source = _team_folder() if args.team else args.file
    report = merge_ledger(index, source)
    for conflict in report.conflicts:
        print(f"briefing: conflict: {shown(conflict, 400)}", file=sys.stderr)
    for problem in report.skipped:
        print(f"briefing: warning: {shown(problem, 400)} (skipped)", file=sys.stderr)
    print(f"{source}: {report.summary()}")
    return 0
