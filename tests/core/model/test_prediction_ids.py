"""Prediction ids, the ledger's key: derived where content determines the prediction (drafting,
an older file read without ids), random for a blank row added by hand, unique within a
briefing, and kept once given (saves, loads, edits, editions)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from briefing.core import editing
from briefing.core.drafting import draft_briefing
from briefing.core.memory.editions import next_edition
from briefing.core.model.article import Article, Block
from briefing.core.model.document import Briefing, Meta, Prediction
from briefing.core.model.ids import (
    give_prediction_ids,
    prediction_context,
    prediction_id,
    prediction_ids,
)
from briefing.core.storage.document_io import dumps_briefing, load_briefing, loads_briefing
from briefing.core.storage.library import Library


def _articles() -> list[Article]:
    text = (
        "The plan is expected to reach parliament before the summer recess.",
        "Repairs will likely take weeks, operators said.",
        "Officials said another outage is unlikely before winter.",
    )
    blocks = [Block("paragraph", t, f"b{i}") for i, t in enumerate(text, start=1)]
    return [Article(title="Arctic cables under watch", blocks=blocks)]


def _draft() -> Briefing:
    meta = Meta(analyst="R. Okafor", date="2026-03-04")
    return draft_briefing(_articles(), Library().template("standard"), meta=meta)


def test_the_same_articles_draft_to_the_same_file_with_unique_ids() -> None:
    first, second = _draft(), _draft()
    assert first.predictions, "the articles hold forecasts to draft"
    ids = [p.id for p in first.predictions]
    assert all(pid.startswith("p-") and len(pid) == 14 for pid in ids)
    assert len(set(ids)) == len(ids)
    assert dumps_briefing(first) == dumps_briefing(second)


def test_another_briefing_with_the_same_statement_gets_another_id() -> None:
    one = prediction_id("Arctic weekly\x1f2026-03-04\x1fR. Okafor", "Repairs take weeks.")
    other = prediction_id("Baltic brief\x1f2026-03-04\x1fR. Okafor", "Repairs take weeks.")
    assert one != other
    assert prediction_id("Arctic weekly\x1f2026-03-04\x1fR. Okafor", "Repairs  take\nweeks.") == one


def test_a_repeated_statement_or_id_is_made_unique_and_given_ids_are_kept() -> None:
    b = Briefing(title="Arctic weekly", meta=Meta(date="2026-03-04"))
    b.predictions = [
        Prediction("Repairs take weeks.", id="p-aaa111"),
        Prediction("Repairs take weeks."),
        Prediction("Repairs take weeks."),
        Prediction("Another", id="p-aaa111"),
    ]
    ids = prediction_ids(b.predictions, prediction_context(b))
    assert ids[0] == "p-aaa111" and len(set(ids)) == 4
    assert [p.id for p in b.predictions][1:3] == ["", ""]  # pure: nothing changed yet
    give_prediction_ids(b)
    assert [p.id for p in b.predictions] == ids
    give_prediction_ids(b)  # once given, an id stays
    assert [p.id for p in b.predictions] == ids


def test_ids_stay_across_edits_saves_and_editions(tmp_path: Path) -> None:
    b = _draft()
    ids = [p.id for p in b.predictions]
    editing.set_field(b, "title", "Arctic weekly, revised")
    editing.set_prediction_fields(b, 0, {"statement": "Reworded by the analyst"})
    again = loads_briefing(dumps_briefing(b), name="note.briefing")
    assert [p.id for p in again.predictions] == ids
    later = next_edition(again, tmp_path / "note.briefing", today=date(2026, 3, 11))
    assert [p.id for p in later.predictions] == ids
    assert later.edition is not None and [p.id for p in later.edition.predictions] == ids


def test_a_row_added_by_hand_gets_a_fresh_unique_id() -> None:
    b = Briefing(title="Untitled briefing")
    for _ in range(3):
        editing.add_prediction(b)
    ids = [p.id for p in b.predictions]
    assert all(pid.startswith("p-") for pid in ids) and len(set(ids)) == 3


def test_an_older_file_without_ids_reads_the_same_ids_every_time(tmp_path: Path) -> None:
    doc = {
        "format": "briefing",
        "version": 1,
        "title": "Arctic weekly",
        "meta": {"date": "2026-03-04", "analyst": "R. Okafor"},
        "predictions": [{"statement": "Repairs take weeks."}, {"statement": "Repairs take weeks."}],
    }
    path = tmp_path / "old.briefing"
    path.write_text(json.dumps(doc), encoding="utf-8")
    first, second = load_briefing(path), load_briefing(path)
    ids = [p.id for p in first.predictions]
    assert ids == [p.id for p in second.predictions] and len(set(ids)) == 2
    context = "Arctic weekly\x1f2026-03-04\x1fR. Okafor"
    assert ids[0] == prediction_id(context, "Repairs take weeks.")


def test_a_prediction_made_without_an_id_is_saved_with_the_id_a_load_gives_it() -> None:
    b = Briefing(title="Arctic weekly", predictions=[Prediction("Repairs take weeks.")])
    saved = json.loads(dumps_briefing(b))["predictions"][0]["id"]
    assert saved == prediction_id(prediction_context(b), "Repairs take weeks.")
    assert loads_briefing(dumps_briefing(b), name="x").predictions[0].id == saved
