"""Editions: the next edition carries the briefing over; what changed is data and a section."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from briefing.core.memory.changes import changes_since_edition, compare_briefings, word_diff
from briefing.core.memory.editions import next_edition
from briefing.core.model.document import Prediction
from briefing.core.rendering.document_html import render_html
from briefing.core.storage.document_io import load_briefing, loads_briefing, save_briefing
from tests.core.memory.memory_data import article, briefing


def _second_edition(tmp_path: Path):  # type: ignore[no-untyped-def]
    first = briefing("Arctic weekly")
    path = tmp_path / "weekly-1.briefing"
    save_briefing(first, path)
    second = next_edition(first, path, today=date(2026, 3, 11))
    return first, second


def test_next_edition_carries_template_sections_sources_and_prediction_ids(tmp_path: Path) -> None:
    first, second = _second_edition(tmp_path)
    assert second.template == first.template and second.brand == first.brand
    assert [s.markdown for s in second.sections] == [s.markdown for s in first.sections]
    assert second.sources == first.sources
    assert [p.id for p in second.predictions] == [p.id for p in first.predictions]
    assert second.meta.date == "2026-03-11" and second.meta.status == "draft"
    e = second.edition
    assert e is not None and e.number == 2 and e.previous_title == "Arctic weekly"
    assert e.previous_path == str(tmp_path / "weekly-1.briefing")
    third = next_edition(second, None)
    assert third.edition is not None and third.edition.number == 3
    assert third.edition.series == e.series
    assert changes_since_edition(second) is not None
    assert changes_since_edition(second).empty  # type: ignore[union-attr]


def test_what_changed(tmp_path: Path) -> None:
    _first, second = _second_edition(tmp_path)
    second.predictions[0].probability = 80  # 70 % -> 80 %
    del second.predictions[1]
    second.predictions.append(Prediction("Finland joins the patrols", 55, "likely"))
    second.sources.append(article("Finland's navy", "Finland sends two ships.", sid="s2"))
    second.sections[0].markdown = "Three cables were cut near Svalbard. [@s1]"
    c = changes_since_edition(second)
    assert c is not None
    assert [(j.status, j.old_probability, j.new_probability) for j in c.judgements] == [
        ("revised", 70, 80), ("added", None, 55), ("removed", 30, None),
    ]  # fmt: skip
    assert [j.statement for j in c.moved] == ["Norway will fund new seabed sensors"]
    assert [r.title for r in c.new_sources] == ["Finland's navy"]
    (text,) = c.sections
    assert text.title == "Background" and (text.words_added, text.words_removed) == (1, 1)
    assert ("removed", "Two") in text.runs and ("added", "Three") in text.runs


def test_the_edition_survives_save_and_the_changes_section_renders(tmp_path: Path) -> None:
    _first, second = _second_edition(tmp_path)
    second.predictions[0].probability = 80
    second.edition.show_changes = True  # type: ignore[union-attr]
    path = tmp_path / "weekly-2.briefing"
    save_briefing(second, path)
    again = load_briefing(path)
    assert again == second
    html = render_html(again)
    assert "What changed since edition 1 (2026-03-04)" in html
    assert "70% → 80%" in html
    again.edition.show_changes = False  # type: ignore[union-attr]
    assert "What changed" not in render_html(again)


def test_compare_two_files_even_without_ids() -> None:
    old = briefing(predictions=[Prediction("A deal is signed", 40, id="p-old1")])
    new = briefing(predictions=[Prediction("A deal is signed", 60, id="p-new1")])
    (j,) = compare_briefings(old, new).judgements
    assert (j.status, j.old_probability, j.new_probability) == ("revised", 40, 60)


def test_word_diff_counts_words() -> None:
    runs, added, removed = word_diff("the quick brown fox", "the slow brown fox jumps")
    assert (added, removed) == (2, 1)
    assert "".join(t for op, t in runs if op != "removed") == "the slow brown fox jumps"


def test_version_1_files_get_the_same_derived_ids_every_time() -> None:
    text = (
        '{"format": "briefing", "version": 1, "title": "Old", "meta": {"date": "2025-01-01"},'
        ' "predictions": [{"statement": "It rains"}, {"statement": "It snows", "id": "p-1"},'
        ' {"statement": "Hail", "id": "p-1"}, {"statement": "Bad", "id": "\\n<x>"}]}'
    )
    a = loads_briefing(text, name="old.briefing")
    b = loads_briefing(text, name="old.briefing")
    ids = [p.id for p in a.predictions]
    assert ids == [p.id for p in b.predictions]
    assert len(set(ids)) == 4 and ids[1] == "p-1" and all(i.startswith("p-") for i in ids)
