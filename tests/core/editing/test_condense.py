"""Condensing and expanding a section again: one operation, whole sentences, the analyst's own
words kept, and a drafted section condensed to N words reads as the N-word draft."""

from __future__ import annotations

from dataclasses import replace

import pytest
from support.stories import five_sources

from briefing.core import editing
from briefing.core.drafting import draft_briefing, draft_sections
from briefing.core.errors import BriefingError
from briefing.core.model.document import Briefing
from briefing.core.model.markup import count_words
from briefing.core.services import new_briefing
from briefing.core.storage.library import Library


def _drafted(**changes: object) -> Briefing:
    template = replace(Library().template("standard"), page_budget=None, **changes)
    return draft_briefing(five_sources(), template)


def _background(b: Briefing) -> str:
    section = b.section("background")
    assert section is not None
    return section.markdown


def test_a_drafted_section_condensed_reads_as_the_shorter_draft() -> None:
    b = _drafted()
    changes = editing.resize_section(b, "background", 150)
    assert changes == editing.Changes(text=frozenset({"background"}), origins=True)
    assert count_words(_background(b)) <= 150
    short = draft_briefing(
        five_sources(),
        replace(
            Library().template("standard"),
            page_budget=None,
            sections=[
                replace(s, word_budget=150) if s.id == "background" else s
                for s in Library().template("standard").sections
            ],
        ),
    )
    assert _background(b) == _background(short)
    assert b.section("background").origins == short.section("background").origins  # type: ignore[union-attr]


def test_expanding_again_walks_back_down_the_same_order() -> None:
    b = _drafted()
    full = _background(b)
    editing.resize_section(b, "background", 120)
    shorter = _background(b)
    assert count_words(shorter) < count_words(full)
    editing.resize_section(b, "background", 600)
    assert _background(b) == full
    assert editing.resize_section(b, "background", 600) == editing.NOTHING


def test_the_analysts_own_sentences_are_never_condensed_away() -> None:
    b = _drafted()
    section = b.section("background")
    assert section is not None
    own = "My own assessment is that the cut was deliberate."
    first, rest = section.markdown.split("\n\n", 1)
    section.markdown = f"{first}\n\n{own}\n\n{rest}"
    editing.resize_section(b, "background", 120)
    assert own in _background(b)
    assert count_words(_background(b)) <= 120
    room = editing.section_capacity(b, "background")
    assert not room.drafted and room.most > room.words
    editing.resize_section(b, "background", 400)
    text = _background(b)
    assert own in text and count_words(text) <= 400
    assert text.index(own) > text.index(first.split("\n")[0])


def test_a_section_with_nothing_to_take_out_is_left_alone() -> None:
    b = _drafted()
    faq = b.section("faq")
    assert faq is not None
    faq.markdown = "My own question, answered by me.\n"
    assert editing.resize_section(b, "faq", 20) == editing.NOTHING


def test_unknown_sections_and_tiny_lengths_are_refused() -> None:
    b = _drafted()
    with pytest.raises(BriefingError, match="no section"):
        editing.resize_section(b, "nope", 100)
    with pytest.raises(BriefingError, match="at least"):
        editing.resize_section(b, "background", 3)


def test_capacity_says_how_long_a_section_is_and_can_be() -> None:
    b = _drafted()
    room = editing.section_capacity(b, "background")
    assert room.budget == 600 and room.drafted
    assert room.words == count_words(_background(b)) <= 600
    assert room.most == room.words  # these short sources fit the budget whole
    editing.resize_section(b, "background", 100)
    room = editing.section_capacity(b, "background")
    assert room.words <= 100 and room.most >= 250 and room.drafted


def test_import_drafts_the_empty_sections_as_the_command_line_would() -> None:
    library = Library()
    blank = new_briefing(library, "standard")  # what the editor starts from
    assert not any(s.markdown for s in blank.sections)
    changes = editing.import_sources(blank, five_sources())
    assert changes.sources and changes.predictions and changes.meta
    cli = draft_briefing(five_sources(), library.template("standard"), library.brand("default"))
    assert [s.markdown for s in blank.sections] == [s.markdown for s in cli.sections]
    assert [s.origins for s in blank.sections] == [s.origins for s in cli.sections]
    assert blank.predictions == cli.predictions and blank.title == cli.title
    # a second import adds the source and leaves the drafted sections alone
    before = [s.markdown for s in blank.sections]
    editing.import_sources(blank, five_sources()[:1])
    assert [s.markdown for s in blank.sections] == before and len(blank.sources) == 6


def test_redrafting_a_section_replaces_it_from_all_sources() -> None:
    b = _drafted()
    section = b.section("key-takeaway")
    assert section is not None
    drafted = section.markdown
    section.markdown = "Scribbles."
    assert editing.redraft_section(b, "key-takeaway").text == frozenset({"key-takeaway"})
    assert section.markdown == drafted
    assert not draft_sections(b, ["nope"], predictions=False)


def test_block_usage_tells_used_from_partly_used() -> None:
    b = _drafted()
    editing.resize_section(b, "background", 60)
    usage = editing.block_usage(b)
    assert usage and any(use.partly for use in usage.values())
    partly = next(use for use in usage.values() if use.partly)
    assert partly.left_out and all(text not in _background(b) for text in partly.left_out)
