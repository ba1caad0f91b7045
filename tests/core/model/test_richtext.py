"""Formatted content <-> Briefing Markdown: stable after one normalisation, nothing lost.

The formatted editor reads a section with ``read_markdown`` and writes it back with
``write_markdown``; these properties are what keeps the file format the same Markdown.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.core import services
from briefing.core.drafting.demo import demo_articles
from briefing.core.model import markup
from briefing.core.model.richtext import (
    BOLD,
    CODE,
    ITALIC,
    QA,
    STRIKE,
    Break,
    Callout,
    Check,
    Cite,
    Doc,
    Heading,
    Inline,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Text,
    plain_text,
)
from briefing.core.model.richtext_read import read_markdown
from briefing.core.model.richtext_write import normalise, write_markdown
from briefing.core.model.words import briefing_word_count, count_words
from briefing.core.rendering.markdown import render_markdown
from briefing.core.storage.library import Library

# -- what the properties compare ----------------------------------------------------------


def _inlines(doc: Doc) -> list[list[Inline]]:
    out: list[list[Inline]] = []

    def flow(blocks: list) -> None:  # type: ignore[type-arg]
        for block in blocks:
            if isinstance(block, Paragraph | Heading):
                out.append(block.inlines)
            elif isinstance(block, Quote):
                out.extend(p.inlines for p in block.paragraphs)
            elif isinstance(block, ListBlock):
                for item in block.items:
                    out.append(item.inlines)
                    flow(item.children)
            elif isinstance(block, Callout | Check):
                flow(block.blocks)
            elif isinstance(block, QA):
                out.append(block.question)
                flow(block.blocks)

    flow(doc.blocks)
    return out


def marked_characters(doc: Doc) -> list[tuple[str, frozenset[str], str | None]]:
    """Every visible character with its marks and link (spaces aside: blocks trim them)."""
    chars = []
    for inlines in _inlines(doc):
        for piece in inlines:
            if isinstance(piece, Text):
                chars += [(ch, piece.marks, piece.link) for ch in piece.text if not ch.isspace()]
    return chars


def citations(doc: Doc) -> list[tuple[str, ...]]:
    return [p.ids for inlines in _inlines(doc) for p in inlines if isinstance(p, Cite)]


def words(text: str) -> list[str]:
    return text.split()


# -- real sections --------------------------------------------------------------------------


def drafted_sections(articles: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    library = Library()
    out = []
    for template in library.templates():
        briefing = services.new_briefing(library, template.id, articles)
        out += [(f"{template.id}/{s.id}", s.markdown) for s in briefing.sections]
    return out


def _html(markdown: str) -> str:
    return re.sub(r"\s+", " ", render_markdown(markdown, sources={"s1": 1, "s2": 2})).strip()


def check_real(name: str, markdown: str) -> None:
    once = normalise(markdown)
    assert normalise(once) == once, name
    assert _html(once) == _html(markdown), f"{name} renders differently after the round trip"
    assert citations(read_markdown(once)) == citations(read_markdown(markdown)), name


def test_the_demo_drafted_into_every_template_round_trips_unchanged() -> None:
    for name, markdown in drafted_sections(demo_articles()):
        check_real(name, markdown)
        assert normalise(markdown) == markdown, f"{name}: drafted text is already normal"


def test_the_sample_drafted_into_every_template_round_trips(sample_path: Path) -> None:
    from briefing.core.importing import import_file

    for name, markdown in drafted_sections([import_file(sample_path)]):
        check_real(name, markdown)


# -- the dialect, piece by piece ------------------------------------------------------------


def test_reads_callouts_qa_pairs_and_citations_as_such() -> None:
    doc = read_markdown(
        "Cables carry data. [@s1; @s3]\n\n"
        "::: callout Did you know?\nMore than **95 percent** of traffic. [@s1]\n:::\n\n"
        "::: qa\n**Q:** Who pays?\n\nMostly governments. [@s2]\n:::\n"
    )
    paragraph, callout, qa = doc.blocks
    assert isinstance(paragraph, Paragraph) and paragraph.inlines[-1] == Cite(("s1", "s3"))
    assert isinstance(callout, Callout) and callout.label == "Did you know?"
    assert Text("95 percent", frozenset({BOLD})) in callout.blocks[0].inlines  # type: ignore[union-attr]
    assert isinstance(qa, QA) and qa.question == [Text("Who pays?")]
    assert plain_text(doc).split("\n\n") == [
        "Cables carry data.",
        "More than 95 percent of traffic.",
        "Who pays?",
        "Mostly governments.",
    ]


def test_writes_what_drafting_writes() -> None:
    doc = Doc(
        [
            Heading(3, [Text("What happened")]),
            Paragraph([Text("Two cables were cut."), Cite(("s1",))]),
            Callout("Key Takeaway", [Paragraph([Text("Repairs take weeks."), Cite(("s1",))])]),
            QA([Text("Who pays?")], [Paragraph([Text("Governments."), Cite(("s2",))])]),
        ]
    )
    assert write_markdown(doc) == (
        "### What happened\n\nTwo cables were cut. [@s1]\n\n"
        "::: callout Key Takeaway\nRepairs take weeks. [@s1]\n:::\n\n"
        "::: qa\n**Q:** Who pays?\n\nGovernments. [@s2]\n:::\n"
    )


@pytest.mark.parametrize(
    "typed",
    [
        "# not a heading",
        "- not a list",
        "1. not a list",
        "> not a quote",
        "::: qa",
        "[@s1] is not a citation when typed",
        "*stars* and _underscores_ and `ticks`",
        "<http://example.com> is not a link",
        "&amp; stays as typed",
        "C#",
        "a \\ backslash",
        "===",
        "[x](http://example.com)",
    ],
)
def test_typed_characters_stay_characters(typed: str) -> None:
    doc = Doc([Paragraph([Text(typed)])])
    assert read_markdown(write_markdown(doc)).blocks == [Paragraph([Text(typed.strip())])]


def test_lists_nest_and_two_lists_stay_apart() -> None:
    doc = Doc(
        [
            ListBlock(False, [ListItem([Text("one")], [ListBlock(True, [ListItem([Text("a")])])])]),
            ListBlock(False, [ListItem([Text("two")])]),
            ListBlock(True, [ListItem([Text("three")])], start=4),
        ]
    )
    assert read_markdown(write_markdown(doc)) == doc


def test_check_notes_stay_notes_for_the_analyst() -> None:
    markdown = "Cables were cut. [@s1]\n\n::: check\nSources disagree on the date. [@s2]\n:::\n"
    doc = read_markdown(markdown)
    assert isinstance(doc.blocks[1], Check)
    assert write_markdown(doc) == markdown
    assert "disagree" not in plain_text(doc)  # not prose: not counted, not printed as text


def test_tables_code_and_footnotes_are_kept_as_written() -> None:
    markdown = (
        "A note.[^1]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode *here*\n```\n\n"
        "[^1]: The note text.\n"
    )
    once = normalise(markdown)
    assert normalise(once) == once
    assert "| a | b |\n|---|---|\n| 1 | 2 |" in once and "```\ncode *here*\n```" in once
    assert "[^1]" in once and "[^1]: The note text." in once
    assert _html(once) == _html(markdown)


def test_word_counts_count_prose_only() -> None:
    assert count_words("See [@s1] the *ships*") == 3
    assert count_words("::: callout Did you know?\nShips wait. [@s1]\n:::\n") == 2
    assert count_words("[the port](https://example.com/a-long-path) is shut") == 4
    library = Library()
    briefing = services.new_briefing(library, "standard", demo_articles())
    assert briefing_word_count(briefing) == sum(count_words(s.markdown) for s in briefing.sections)


# -- generated content ----------------------------------------------------------------------

ALPHABET = st.sampled_from(list("abc XYZ .,;:!?-_*`[]()<>#>&|\\~=+@^\"'/0123456789\n\t·é中"))
TEXT = st.text(ALPHABET, min_size=0, max_size=40)
MARKS = st.frozensets(st.sampled_from([BOLD, ITALIC, STRIKE, CODE]), max_size=2)
LINKS = st.one_of(st.none(), st.sampled_from(["https://example.com/a", "mailto:a@example.com"]))
WORD = st.text(st.sampled_from(list("abcdefg XY.,'")), min_size=1, max_size=12)
IDS = st.lists(st.sampled_from(["s1", "s2", "s3"]), min_size=1, max_size=2, unique=True)


@st.composite
def inline_runs(draw: st.DrawFn) -> list[Inline]:
    pieces: list[Inline] = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            pieces.append(Cite(tuple(draw(IDS))))
        elif kind == 1 and pieces:
            pieces.append(Break())
        else:  # marks begin and end at a word's edge (inside a word: see below)
            pieces.append(Text(draw(WORD), draw(MARKS), draw(LINKS)))
            pieces.append(Text(" "))
    return pieces


FLOW = st.one_of(
    inline_runs().map(Paragraph),
    st.builds(Heading, st.integers(1, 4), inline_runs()),
    st.builds(
        lambda ordered, items: ListBlock(ordered, [ListItem(i) for i in items]),
        st.booleans(),
        st.lists(inline_runs(), min_size=1, max_size=3),
    ),
    st.lists(inline_runs().map(Paragraph), min_size=1, max_size=2).map(Quote),
)
BLOCK = st.one_of(
    FLOW,
    st.builds(Callout, WORD, st.lists(FLOW, min_size=1, max_size=2)),
    st.builds(QA, inline_runs(), st.lists(FLOW, max_size=2)),
    st.lists(FLOW, min_size=1, max_size=2).map(Check),
)


@given(st.lists(BLOCK, min_size=1, max_size=4))
def test_generated_content_round_trips_with_its_formatting(blocks: list) -> None:  # type: ignore[type-arg]
    doc = Doc(blocks)
    written = write_markdown(doc)
    again = read_markdown(written)
    assert write_markdown(again) == written, written
    assert marked_characters(again) == marked_characters(doc), written
    assert citations(again) == citations(doc), written


@given(st.lists(TEXT, min_size=1, max_size=6).map("\n".join))
def test_any_markdown_is_stable_after_one_normalisation(markdown: str) -> None:
    once = normalise(markdown)
    assert normalise(once) == once
    assert citations(read_markdown(once)) == citations(read_markdown(markdown))
    assert words(plain_text(read_markdown(once))) == words(plain_text(read_markdown(markdown)))


@given(st.lists(st.tuples(TEXT, MARKS, LINKS), min_size=1, max_size=6))
def test_any_typed_text_keeps_its_characters(runs: list) -> None:  # type: ignore[type-arg]
    doc = Doc([Paragraph([Text(t, m, link) for t, m, link in runs])])
    written = write_markdown(doc)
    again = read_markdown(written)
    assert write_markdown(again) == written
    assert "".join(c for c, _m, _l in marked_characters(again)) == "".join(
        c for c, _m, _l in marked_characters(doc)
    ), written


def test_markup_module_is_the_one_that_writes_the_marks() -> None:
    written = write_markdown(Doc([Callout("Note:", [Paragraph([Text("x")])])]))
    assert written.startswith(f"::: {markup.CALLOUT} {markup.callout_label('Note:')}")
