"""The labelled prediction set: well-formed rows, and the dev/held-out split as documented."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

LABELS = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "prediction-labels.jsonl"
KINDS = {"P", "past", "hedge", "q", "cf", "cond", "rep", "cta", "gen", "frag"}
ICD = {"almost no chance", "very unlikely", "unlikely", "roughly even chance", "likely",
       "very likely", "almost certain"}  # fmt: skip


def test_rows_are_well_formed_and_split_by_the_fixed_rule() -> None:
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 400
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert r["label"] in KINDS, r["id"]
        assert r["term"] is None or r["term"] in ICD, r["id"]
        assert r["label"] == "P" or (r["term"] is None and r["timeframe"] is None), r["id"]
        key = r["page"] if "page" in r else r["text"]
        assert ("page" in r) != ("text" in r), r["id"]  # page rows never store the text
        expected = "held-out" if hashlib.sha1(key.encode()).hexdigest()[0] in "0123" else "dev"
        assert r["part"] == expected, r["id"]
    kinds = {r["label"] for r in rows}
    assert kinds == KINDS  # positives and every kind of hard negative are there
    assert sum(r["part"] == "held-out" for r in rows) >= 100


FRESH = LABELS.with_name("prediction-labels-fresh.jsonl")


def test_the_fresh_set_uses_only_pages_the_first_set_never_did() -> None:
    rows = [json.loads(line) for line in FRESH.read_text(encoding="utf-8").splitlines()]
    first = {json.loads(line).get("page") for line in LABELS.read_text().splitlines()}
    assert len(rows) >= 150 and len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert r["part"] == "fresh" and "text" not in r, r["id"]  # the pages' text stays out
        assert r["label"] in KINDS, r["id"]
        assert r["page"] not in first, r["id"]
        # the rule of benchmarks/fresh.py: one page in eight, by SHA-1 of the salted page id
        assert hashlib.sha1(f"i13b-fresh:{r['page']}".encode()).hexdigest()[0] in "01", r["id"]
        assert r["label"] == "P" or (r["term"] is None and r["timeframe"] is None), r["id"]
    assert sum(r["label"] == "P" for r in rows) >= 15
