"""The predictions ledger: every prediction of every indexed briefing, keyed by its id.

A prediction carried into a later edition keeps its id, so the ledger shows it once, as the
latest edition states it, with the likelihoods the earlier editions gave (``history``). It is
*due* when its resolution date (``resolve_by``, else read from its time frame) has passed and
no outcome is recorded. Outcomes live in ``ledger.json`` (:mod:`ledger_store`).
"""

from __future__ import annotations

import getpass
import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Literal

from briefing.core.errors import BriefingError
from briefing.core.memory import ledger_store
from briefing.core.memory.index import MemoryIndex
from briefing.core.memory.timeframe import parse_iso, resolution_date

OutcomeKind = Literal["happened", "not", "unknown"]
OUTCOME_WORDS = {"happened": "Happened", "not": "Did not happen", "unknown": "Cannot tell"}


@dataclass
class Outcome:
    outcome: OutcomeKind
    note: str = ""
    date: str = ""  # when it resolved (ISO)
    recorded: str = ""  # when the analyst recorded it (ISO time, UTC)
    recorded_by: str = ""


@dataclass
class LedgerEntry:
    """One prediction as the ledger knows it."""

    pid: str
    statement: str
    probability: int | None
    term: str = ""
    timeframe: str = ""
    resolve_by: str = ""
    criteria: str = ""
    indicators: list[str] = field(default_factory=list)
    confidence: str = ""
    analyst: str = ""
    template: str = ""
    made: str = ""  # the date of the briefing that states it
    title: str = ""  # that briefing's title
    path: str = ""  # that briefing's file ("" for one merged from a colleague)
    edition: int = 1
    team: bool = False  # merged from a colleague's ledger, in no briefing of ours
    due: date | None = None
    outcome: Outcome | None = None
    history: list[tuple[str, int | None]] = field(default_factory=list)  # (made, probability)

    def is_due(self, today: date | None = None) -> bool:
        """Its date has passed and no outcome is recorded yet."""
        return self.outcome is None and self.due is not None and self.due <= (today or date.today())


_COLUMNS = (
    "pid, holder, statement, probability, term, timeframe, resolve_by, criteria, indicators, "
    "confidence, analyst, template, made, title, path, edition"
)


def ledger_entries(index: MemoryIndex) -> list[LedgerEntry]:
    """Every prediction in the ledger (one per id), most recently made first."""

    def go(idx: MemoryIndex) -> list[LedgerEntry]:
        ledger_store.sync(idx)
        con = idx.connection()
        outcomes = {
            str(r[0]): Outcome(r[1], r[2], r[3], r[4], r[5])
            for r in con.execute(
                "SELECT pid, outcome, note, date, recorded, recorded_by FROM outcomes"
            )
        }
        rows = con.execute(
            f"SELECT {_COLUMNS} FROM predictions "
            "ORDER BY pid, holder = 'ledger', made DESC, edition DESC, rowid DESC"
        ).fetchall()
        return _entries(rows, outcomes)

    return index.run(go)


def _entries(rows: list[tuple[object, ...]], outcomes: dict[str, Outcome]) -> list[LedgerEntry]:
    out: list[LedgerEntry] = []
    current: LedgerEntry | None = None
    for r in rows:
        pid = str(r[0])
        probability = r[3] if isinstance(r[3], int) else None
        if current is not None and current.pid == pid:
            current.history.append((str(r[12]), probability))
            continue
        try:
            indicators = [str(i) for i in json.loads(str(r[8]))]
        except (ValueError, TypeError):
            indicators = []
        current = LedgerEntry(
            pid=pid,
            statement=str(r[2]),
            probability=probability,
            term=str(r[4]),
            timeframe=str(r[5]),
            resolve_by=str(r[6]),
            criteria=str(r[7]),
            indicators=indicators,
            confidence=str(r[9]),
            analyst=str(r[10]),
            template=str(r[11]),
            made=str(r[12]),
            title=str(r[13]),
            path=str(r[14]),
            edition=int(r[15]) if isinstance(r[15], int) else 1,
            team=r[1] == "ledger",
            outcome=outcomes.get(pid),
        )
        current.due = resolution_date(current.resolve_by, current.timeframe, current.made)
        out.append(current)
    for entry in out:
        entry.history.reverse()  # oldest first
    out.sort(key=lambda e: (e.made, e.pid), reverse=True)
    return out


def find_entry(index: MemoryIndex, pid: str) -> LedgerEntry:
    """The entry with id ``pid`` (a unique start of an id is enough)."""
    entries = ledger_entries(index)
    exact = [e for e in entries if e.pid == pid]
    matches = exact or [e for e in entries if pid and e.pid.startswith(pid)]
    shown = pid if len(pid) <= 70 else pid[:67] + "..."
    if not matches:
        raise BriefingError(f"no prediction with id '{shown}' in the ledger")
    if len(matches) > 1:
        raise BriefingError(f"'{shown}' matches {len(matches)} predictions; give more of the id")
    return matches[0]


def record_outcome(
    index: MemoryIndex,
    pid: str,
    outcome: OutcomeKind,
    *,
    note: str = "",
    day: str | None = None,
    by: str | None = None,
) -> LedgerEntry:
    """Record how a prediction turned out (written to ``ledger.json``, then the index)."""
    if outcome not in ledger_store.OUTCOMES:
        raise BriefingError(f"the outcome must be happened, not or unknown (not '{outcome}')")
    entry = find_entry(index, pid)
    when = day or date.today().isoformat()
    if parse_iso(when) is None or len(when) != 10:
        raise BriefingError(f"the date must be YYYY-MM-DD (not '{when[:40]}')")
    record = {
        "outcome": outcome,
        "note": note,
        "date": when,
        "recorded": datetime.now(UTC).isoformat(timespec="seconds"),
        "recorded_by": by if by is not None else _user(),
    }
    clean = ledger_store.clean_outcome(record)
    assert clean is not None
    ledger_store.write_outcome(entry.pid, clean)
    index.run(lambda idx: ledger_store.sync(idx, force=True))
    entry.outcome = Outcome(
        outcome, clean["note"], clean["date"], clean["recorded"], clean["recorded_by"]
    )
    return entry


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""
