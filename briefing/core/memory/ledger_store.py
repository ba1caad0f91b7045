"""The ledger file: outcomes the analyst recorded and predictions merged from colleagues.

``ledger.json`` (``briefing-ledger`` format, version 1) is the one home of an outcome: the
briefing that made a prediction is an issued note and is not rewritten months later, and the
index is only a cache. The same format is what ``briefing ledger export`` writes for a
colleague and what ``briefing ledger merge`` reads::

    {"format": "briefing-ledger", "version": 1,
     "outcomes": {"p-3f2a...": {"outcome": "happened" | "not" | "unknown", "note", "date",
                                "recorded", "recorded_by"}},
     "predictions": {"p-3f2a...": {"statement", "probability", "term", "timeframe",
                                   "resolve_by", "criteria", "indicators", "confidence",
                                   "analyst", "template", "made", "title", "edition"}}}

Everything read from such a file is checked field by field (a colleague's file is untrusted):
ids must look like ids, outcomes must be one of the three, text is cut to a sane length.
"""

from __future__ import annotations

import json
import re
from typing import Any

from briefing.core.memory import files
from briefing.core.memory.index import MemoryIndex
from briefing.core.memory.indexer import PREDICTION_COLUMNS, file_stamp
from briefing.core.memory.keys import clean_text

LEDGER = "briefing-ledger"
OUTCOMES = ("happened", "not", "unknown")
PID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_TEXT_FIELDS = (
    "statement", "term", "timeframe", "resolve_by", "criteria", "confidence", "analyst",
    "template", "made", "title",
)  # fmt: skip
MAX_TEXT = 4000


def _text(value: Any, limit: int = MAX_TEXT) -> str:
    return clean_text(value)[:limit] if isinstance(value, str) else ""


def clean_outcome(raw: Any) -> dict[str, str] | None:
    """A valid outcome record from untrusted data, or ``None``."""
    if not isinstance(raw, dict) or raw.get("outcome") not in OUTCOMES:
        return None
    day = _text(raw.get("date"), 10)
    return {
        "outcome": str(raw["outcome"]),
        "note": _text(raw.get("note")),
        "date": day if _ISO.fullmatch(day) else "",
        "recorded": _text(raw.get("recorded"), 40),
        "recorded_by": _text(raw.get("recorded_by"), 200),
    }


def clean_prediction(raw: Any) -> dict[str, Any] | None:
    """A valid prediction record from untrusted data, or ``None`` (no statement: not one)."""
    if not isinstance(raw, dict):
        return None
    out: dict[str, Any] = {key: _text(raw.get(key)) for key in _TEXT_FIELDS}
    if not out["statement"].strip():
        return None
    p = raw.get("probability")
    out["probability"] = (
        p if isinstance(p, int) and not isinstance(p, bool) and 0 <= p <= 100 else None
    )
    indicators = raw.get("indicators")
    out["indicators"] = [
        _text(i, 500)
        for i in (indicators if isinstance(indicators, list) else [])[:50]
        if isinstance(i, str)
    ]
    e = raw.get("edition")
    out["edition"] = e if isinstance(e, int) and not isinstance(e, bool) and e > 0 else 1
    return out


def read_ledger() -> dict[str, dict[str, Any]]:
    """``{"outcomes": {pid: record}, "predictions": {pid: record}}`` from ``ledger.json``."""
    return parse_ledger(files.read_json(files.ledger_path(), LEDGER))


def parse_ledger(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The valid records of a ledger file's object (anything malformed is left out)."""
    outcomes: dict[str, Any] = {}
    predictions: dict[str, Any] = {}
    raw_o = data.get("outcomes")
    for pid, raw in (raw_o if isinstance(raw_o, dict) else {}).items():
        record = clean_outcome(raw)
        if isinstance(pid, str) and PID.fullmatch(pid) and record:
            outcomes[pid] = record
    raw_p = data.get("predictions")
    for pid, raw in (raw_p if isinstance(raw_p, dict) else {}).items():
        record = clean_prediction(raw)
        if isinstance(pid, str) and PID.fullmatch(pid) and record:
            predictions[pid] = record
    return {"outcomes": outcomes, "predictions": predictions}


def write_outcome(pid: str, record: dict[str, str]) -> None:
    """Record (or replace) one outcome in ``ledger.json``."""

    def change(data: dict[str, Any]) -> None:
        outcomes = data.get("outcomes")
        if not isinstance(outcomes, dict):
            outcomes = data["outcomes"] = {}
        outcomes[pid] = record

    files.update_json(files.ledger_path(), LEDGER, change)


def sync(index: MemoryIndex, *, force: bool = False) -> None:
    """Mirror ``ledger.json`` into the index when it changed (or when ``force``)."""
    path = files.ledger_path()
    stamp = file_stamp(path)
    con = index.connection()
    row = con.execute("SELECT value FROM state WHERE key = 'ledger'").fetchone()
    if not force and row is not None and row[0] == stamp:
        return
    ledger = read_ledger() if path.exists() else {"outcomes": {}, "predictions": {}}
    marks = ", ".join("?" for _ in PREDICTION_COLUMNS.split(","))
    with index.write() as con:
        con.execute("DELETE FROM outcomes")
        con.executemany(
            "INSERT INTO outcomes (pid, outcome, note, date, recorded, recorded_by) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (pid, o["outcome"], o["note"], o["date"], o["recorded"], o["recorded_by"])
                for pid, o in ledger["outcomes"].items()
            ],
        )
        con.execute("DELETE FROM predictions WHERE holder = 'ledger'")
        con.executemany(
            f"INSERT INTO predictions ({PREDICTION_COLUMNS}) VALUES ({marks})",
            [
                (
                    pid,
                    "ledger",
                    None,
                    0,
                    p["statement"],
                    p["probability"],
                    p["term"],
                    p["timeframe"],
                    p["resolve_by"],
                    p["criteria"],
                    json.dumps(p["indicators"], ensure_ascii=False),
                    p["confidence"],
                    p["analyst"],
                    p["template"],
                    p["made"],
                    p["title"],
                    "",
                    p["edition"],
                )  # fmt: skip
                for pid, p in ledger["predictions"].items()
            ],
        )
        con.execute("INSERT OR REPLACE INTO state (key, value) VALUES ('ledger', ?)", (stamp,))
