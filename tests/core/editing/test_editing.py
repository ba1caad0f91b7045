"""Editing operations change a briefing without Qt and say exactly what they changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing import cli
from briefing.core import editing
from briefing.core.editing import BlockRef, Changes
from briefing.core.model.article import Article, Block
from briefing.core.model.document import Briefing, Origin, Prediction, Section
from briefing.core.model.template import SectionSpec, Template


def briefing() -> Briefing:
    return Briefing(
        title="Ports",
        sections=[Section("background", "Background", "Opening."), Section("faq", "FAQ")],
        sources=[
            Article(
                "Cranes",
                id="s1",
                blocks=[
                    Block("paragraph", "Two cranes were idle.", id="b1"),
                    Block("callout", "Delays ease.", id="b2", label="Key Takeaway"),
                ],
            )
        ],
    )


def test_changes_merge_and_say_whether_anything_changed() -> None:
    assert not editing.NOTHING
    merged = Changes(text=frozenset({"a"})) | Changes(meta=True, text=frozenset({"b"}))
    assert merged == Changes(meta=True, text=frozenset({"a", "b"}))
    assert merged.section_text("a") and not merged.section_text("c")
    assert Changes.everything().section_text("c") and Changes.everything().brand


def test_section_operations_report_the_section_list() -> None:
    b = briefing()
    assert editing.new_section_id(b, "Background!") == "background-2"
    assert editing.add_section(b, " Outlook ", 1) == Changes(sections=True)
    assert [s.id for s in b.sections] == ["background", "outlook", "faq"]
    assert editing.rename_section(b, "outlook", "  ") == editing.NOTHING
    assert editing.rename_section(b, "outlook", "Outlook 2027") == Changes(sections=True)
    assert editing.move_section(b, "outlook", -5) == Changes(sections=True)
    assert editing.move_section(b, "outlook", -1) == editing.NOTHING, "already first"
    assert editing.remove_section(b, "nope") == editing.NOTHING
    assert editing.remove_section(b, "outlook").origins
    assert [s.title for s in b.sections] == ["Background", "FAQ"]


def test_typing_changes_one_sections_text() -> None:
    b = briefing()
    assert editing.set_section_text(b, "faq", "Why?") == Changes(text=frozenset({"faq"}))
    assert editing.set_section_text(b, "faq", "Why?") == editing.NOTHING
    assert editing.set_section_text(b, "missing", "x") == editing.NOTHING


def test_inserted_blocks_are_cited_placed_and_traced() -> None:
    b = briefing()
    changes = editing.insert_blocks(b, "background", [BlockRef("s1", ("b2", "b1"))], 0)
    assert changes == Changes(text=frozenset({"background"}), origins=True)
    md = b.sections[0].markdown
    callout = "::: callout Key Takeaway\nDelays ease. [@s1]\n:::"
    assert md == f"{callout}\n\nTwo cranes were idle. [@s1]\n\nOpening."
    assert b.sections[0].origins == [Origin("s1", "b2"), Origin("s1", "b1")]
    assert editing.used_blocks(b) == {("s1", "b1"), ("s1", "b2")}
    assert editing.insert_blocks(b, "faq", [BlockRef("s9", ("b1",))]) == editing.NOTHING


def test_a_dropped_block_reads_as_the_same_block_drafted_by_the_cli(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "cables.md"
    page.write_text(
        "# Cables under watch\n\nNavies patrol the cable routes every week. They log each "
        "ship that slows down.\n\n> We watch every ship that stops above a cable.\n\n"
        "- Patrol boats cover the Baltic Sea routes\n- Aircraft cover the North Sea routes\n",
        encoding="utf-8",
    )
    assert cli.main(["draft", str(page), "--json"]) == 0
    drafted = json.loads(capsys.readouterr().out)["sections"][0]["markdown"]
    assert cli.main(["import", str(page), "--json"]) == 0
    blocks = json.loads(capsys.readouterr().out)[0]["blocks"]
    article = Article(
        "Cables", id="s1", blocks=[Block(**b, id=f"b{i}") for i, b in enumerate(blocks)]
    )
    assert {b.kind for b in article.blocks} >= {"paragraph", "quote", "list"}
    for block in article.blocks:
        if block.kind == "heading":
            continue  # the title: drafting does not repeat it in the text
        b = Briefing(title="T", sections=[Section("background", "Background")], sources=[article])
        editing.insert_blocks(b, "background", [BlockRef("s1", (block.id,))])
        assert b.sections[0].markdown.strip() in drafted, block.kind


def test_a_block_sent_twice_adds_only_what_the_section_lacks() -> None:
    text = "Navies patrol the cable routes every week. They log each ship that slows down."
    article = Article("Cables", id="s1", blocks=[Block("paragraph", text, "p")])
    b = Briefing(
        title="T",
        sections=[Section("background", "Background", "They log each ship that slows down. [@s1]")],
        sources=[article],
    )
    editing.insert_blocks(b, "background", [BlockRef("s1", ("p",))])
    assert b.sections[0].markdown == (
        "They log each ship that slows down. [@s1]\n\n"
        "Navies patrol the cable routes every week. [@s1]"
    )
    assert editing.insert_blocks(b, "background", [BlockRef("s1", ("p",))]) == editing.NOTHING


def test_sources_get_ids_and_their_removal_forgets_origins() -> None:
    b = briefing()
    new = [Article("One"), Article("Two")]
    assert editing.add_sources(b, new) == Changes(sources=True)
    assert [a.id for a in new] == ["s2", "s3"] and b.source("s3") is not None
    assert b.source("s3") is not new[1], "the briefing keeps its own copy"
    editing.insert_blocks(b, "faq", [BlockRef("s1", ("b1",))])
    assert editing.edit_source(b, "s1", {"title": "Cranes"}) == editing.NOTHING
    assert editing.edit_source(b, "s1", {"title": "Idle cranes", "authors": ["A. B."]}).sources
    assert b.source("s1").title == "Idle cranes"  # type: ignore[union-attr]
    assert editing.remove_source(b, "s1") == Changes(sources=True, origins=True)
    assert b.sections[1].origins == [] and "[@s1]" in b.sections[1].markdown


def test_a_likelihood_fills_in_its_term_and_cells_parse() -> None:
    b = briefing()
    editing.add_prediction(b, "Talks resume")
    update = editing.field_update("probability", 70)
    assert update == {"probability": 70, "term": "likely"}
    assert editing.prediction_values(b, 0, list(update)) == {"probability": None, "term": ""}
    assert editing.set_prediction_fields(b, 0, update) == Changes(predictions=True)
    assert (b.predictions[0].probability, b.predictions[0].term) == (70, "likely")
    assert editing.set_prediction_fields(b, 0, update) == editing.NOTHING
    assert editing.set_prediction_fields(b, 5, update) == editing.NOTHING
    assert editing.parse_value("probability", " 62.4% ") == 62
    assert editing.parse_value("indicators", "a; ;b") == ["a", "b"]
    with pytest.raises(ValueError, match="0 to 100"):
        editing.parse_value("probability", "140")
    with pytest.raises(ValueError, match="low, moderate or high"):
        editing.parse_value("confidence", "sure")
    assert editing.remove_prediction(b, 0) == Changes(predictions=True)
    assert b.predictions == [] and editing.remove_prediction(b, 0) == editing.NOTHING
    assert Prediction("x").term == ""


def test_fields_template_and_brand() -> None:
    b = briefing()
    assert editing.set_field(b, "title", "Ports") == editing.NOTHING
    assert editing.set_field(b, "handling", "TLP:AMBER") == Changes(meta=True)
    assert editing.field_value(b, "handling") == "TLP:AMBER"
    with pytest.raises(KeyError):
        editing.set_field(b, "sources", "x")
    memo = Template("memo", "Memo", sections=[SectionSpec("background", "Context")])
    changes = editing.switch_template(b, memo)
    assert changes.sections and changes.template and changes.meta
    assert [(s.id, s.title, s.markdown) for s in b.sections] == [
        ("background", "Context", "Opening.")
    ]
    assert b.template == memo and b.template is not memo


def test_a_blank_or_not_assessed_confidence_is_kept_as_not_assessed() -> None:
    assert editing.parse_value("confidence", "") == ""
    assert editing.parse_value("confidence", "Not assessed") == ""
    assert editing.parse_value("confidence", "High") == "high"
