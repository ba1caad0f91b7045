"""The ledger leaving and joining: CSV for a spreadsheet, and the exchange file a colleague
sends, merged keyed by prediction id so nothing is counted twice."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.core.errors import DocumentError
from briefing.core.memory import files, ledger_store
from briefing.core.memory.index import MemoryIndex
from briefing.core.memory.ledger import OUTCOME_WORDS, LedgerEntry, ledger_entries
from briefing.core.storage.atomic import atomic_write_text

CSV_COLUMNS = (
    "id", "statement", "likelihood", "term", "time frame", "resolves", "criteria",
    "indicators", "confidence", "analyst", "template", "briefing", "made", "edition",
    "outcome", "outcome date", "note", "brier",
)  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LEDGER_SUFFIXES = (".bfledger", ".json")


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run: text starting ``= + - @`` (or a tab or carriage
    return) gets a leading apostrophe, as OWASP advises against CSV injection."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _brier(entry: LedgerEntry) -> str:
    if entry.outcome is None or entry.outcome.outcome == "unknown" or entry.probability is None:
        return ""
    hit = 1.0 if entry.outcome.outcome == "happened" else 0.0
    return f"{(entry.probability / 100 - hit) ** 2:.4f}"


def ledger_csv(entries: list[LedgerEntry]) -> str:
    """The ledger as CSV text (one row per prediction)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        o = e.outcome
        row = [
            e.pid, e.statement, "" if e.probability is None else e.probability, e.term,
            e.timeframe, e.due.isoformat() if e.due else "", e.criteria, "; ".join(e.indicators),
            e.confidence, e.analyst, e.template, e.title, e.made, e.edition,
            OUTCOME_WORDS[o.outcome] if o else "", o.date if o else "", o.note if o else "",
            _brier(e),
        ]  # fmt: skip
        writer.writerow([safe_cell(c) for c in row])
    return out.getvalue()


def export_csv(index: MemoryIndex, path: Path) -> int:
    """Write the ledger as CSV (UTF-8 with a byte-order mark, as spreadsheets expect)."""
    entries = ledger_entries(index)
    atomic_write_text(path, "\ufeff" + ledger_csv(entries), backup=True)  # a replaced one: <name>~
    return len(entries)


def export_ledger(index: MemoryIndex, path: Path) -> int:
    """Write the ledger exchange file (every prediction and every outcome) for a colleague."""
    entries = ledger_entries(index)
    predictions: dict[str, Any] = {}
    outcomes: dict[str, Any] = {}
    for e in entries:
        predictions[e.pid] = {
            "statement": e.statement, "probability": e.probability, "term": e.term,
            "timeframe": e.timeframe, "resolve_by": e.resolve_by, "criteria": e.criteria,
            "indicators": e.indicators, "confidence": e.confidence, "analyst": e.analyst,
            "template": e.template, "made": e.made, "title": e.title, "edition": e.edition,
        }  # fmt: skip
        if e.outcome is not None:
            outcomes[e.pid] = vars(e.outcome).copy()
    data = {"format": ledger_store.LEDGER, "version": 1, "predictions": predictions}
    data["outcomes"] = outcomes
    text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    atomic_write_text(path, text, backup=True)
    return len(entries)


@dataclass
class MergeReport:
    """What a merge added; ``conflicts`` are one line each (the local outcome is kept), and so
    are ``skipped`` files of a folder that could not be read."""

    predictions: int = 0
    outcomes: int = 0
    already: int = 0
    conflicts: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"{self.predictions} new prediction(s), {self.outcomes} new outcome(s), "
            f"{self.already} already known"
        )
        text += f", {len(self.conflicts)} conflict(s)" if self.conflicts else ""
        return text + (f", {len(self.skipped)} file(s) skipped" if self.skipped else "")


def _ledger_files(source: Path) -> list[Path]:
    if source.is_dir():
        return sorted(
            p for p in source.iterdir() if p.suffix.lower() in LEDGER_SUFFIXES and p.is_file()
        )
    return [source]


def merge_ledger(index: MemoryIndex, source: Path) -> MergeReport:
    """Merge a colleague's ledger file (or every ledger file in a folder) into ours.

    A folder's files must really be in it (a link out of it is skipped, as is any file that
    cannot be read; ``skipped`` says why); a single file that cannot be read is an error.
    """
    if not source.exists():  # a dangling link too
        raise DocumentError("the file does not exist", source)
    report = MergeReport()
    known = {e.pid for e in ledger_entries(index)}
    theirs = []
    folder = source if source.is_dir() else None
    for path in _ledger_files(source):
        try:
            data = files.read_json(path, ledger_store.LEDGER, within=folder)
        except DocumentError as err:
            if folder is None:
                raise
            report.skipped.append(str(err))
            continue
        theirs.append((path, ledger_store.parse_ledger(data)))

    def change(data: dict[str, Any]) -> None:
        mine_p = data.setdefault("predictions", {})
        mine_o = data.setdefault("outcomes", {})
        for path, ledger in theirs:
            for pid, record in ledger["predictions"].items():
                if pid in known or pid in mine_p:
                    report.already += 1
                else:
                    mine_p[pid] = record
                    known.add(pid)
                    report.predictions += 1
            for pid, record in ledger["outcomes"].items():
                mine = ledger_store.clean_outcome(mine_o.get(pid))
                if pid not in known:
                    continue  # an outcome of a prediction neither of us has
                if mine is None:
                    mine_o[pid] = record
                    report.outcomes += 1
                elif (mine["outcome"], mine["date"]) == (record["outcome"], record["date"]):
                    report.already += 1
                else:
                    report.conflicts.append(
                        f"{pid}: you recorded {OUTCOME_WORDS[mine['outcome']].lower()} "
                        f"({mine['date'] or 'no date'}), {path.name} says "
                        f"{OUTCOME_WORDS[record['outcome']].lower()} "
                        f"({record['date'] or 'no date'}); yours is kept"
                    )

    files.update_json(files.ledger_path(), ledger_store.LEDGER, change)
    index.run(lambda idx: ledger_store.sync(idx, force=True))
    return report
