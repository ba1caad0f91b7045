"""The Briefing Markdown dialect is written and read in one place, and every user agrees."""

from __future__ import annotations

from briefing.core.drafting import draft_briefing
from briefing.core.model import markup
from briefing.core.model.article import Article, Block
from briefing.core.model.document import Briefing, Section
from briefing.core.model.template import SectionSpec, Template
from briefing.core.rendering.markdown import render_markdown
from briefing.core.rendering.markdown_export import render_markdown_document


def article() -> Article:
    """One block of every kind, with text that tries to open a container of its own."""
    return Article(
        title="Cables",
        id="s1",
        blocks=[
            Block("heading", "Who guards the seabed", id="b1", level=2),
            Block("paragraph", "Navies patrol the cable routes.\n::: qa\nnot a pair", id="b2"),
            Block("list", "- Baltic\n- North Sea", id="b3"),
            Block("quote", "We watch every ship.\n> already quoted", id="b4"),
            Block("callout", "Most traffic runs under the sea.", id="b5", label="Did you know?:"),
            Block("qa", "", id="b6", question="Who pays?", answer="Governments."),
            Block("qa", "Is it new?\nNo, decades old.", id="b7"),
        ],
    )


def test_citations_are_written_and_read_back() -> None:
    assert markup.citation("s1") == "[@s1]"
    assert markup.citation("s1", "s3", "s1") == "[@s1; @s3]"
    assert markup.citation() == ""
    found = markup.CITATION.search("Text. [@s1; @s3] more")
    assert found is not None and markup.citation_ids(found[1]) == ["s1", "s3"]
    assert markup.CITATION.search("[@not an id]") is None


def test_article_text_never_opens_or_closes_a_container() -> None:
    assert markup.escape("  ::: x\nline\n  ::: callout x") == "\\::: x\nline\n  \\::: callout x"
    assert markup.cite(":::", "s2") == "\\::: [@s2]"
    html = render_markdown(markup.block_markdown(article().blocks[1], "s1"))
    assert 'class="qa"' not in html and "::: qa" in html


def test_fences_are_parsed_as_the_renderer_reads_them() -> None:
    fence = markup.parse_fence("::: callout Did you know?")
    assert fence == markup.Fence("callout", "Did you know?")
    assert markup.parse_fence(":::").closes  # type: ignore[union-attr]
    assert markup.parse_fence("    ::: qa") is None, "four spaces of indent make code"
    assert markup.parse_fence("text ::: qa") is None
    assert markup.fence_info(" callout  Key Takeaway ").label == "Key Takeaway"


def test_callout_labels_lose_colons_and_fences() -> None:
    assert markup.callout_label(" Key  Takeaway: ") == "Key Takeaway"
    assert markup.callout_label("::: Tip") == "Tip"
    assert markup.callout_label(None) == markup.DEFAULT_LABEL


def test_each_block_kind_as_markdown() -> None:
    md = [markup.block_markdown(b, "s1") for b in article().blocks]
    assert md[0] == "### Who guards the seabed"
    assert md[1] == "Navies patrol the cable routes.\n\\::: qa\nnot a pair [@s1]"
    assert md[2] == "- Baltic\n- North Sea [@s1]"
    assert md[3] == "> We watch every ship.\n> already quoted [@s1]"
    assert md[4] == "::: callout Did you know?\nMost traffic runs under the sea. [@s1]\n:::"
    assert md[5] == "::: qa\n**Q:** Who pays?\n\nGovernments. [@s1]\n:::"
    assert md[6] == "::: qa\n**Q:** Is it new?\n\nNo, decades old. [@s1]\n:::"


def test_a_block_reads_the_same_written_alone_as_drafted() -> None:
    from briefing.core.drafting.writing import block_passage

    longer = Article(
        title="Cables",
        blocks=[
            Block(
                "paragraph", "Navies patrol the cable routes every week. They log each ship.", "p"
            ),
            Block("quote", "We watch every ship that stops above a cable.", "q"),
            Block("callout", "Most traffic runs under the sea floor.", "c", label="Did you know?"),
            Block("qa", "", "a", question="Who pays for the patrols?", answer="Governments do."),
        ],
    )
    template = Template("t", "T", sections=[SectionSpec("body", "Body", fill=["narrative", "qa"])])
    drafted = draft_briefing([longer], template)
    source = drafted.sources[0]
    for block in source.blocks:
        assert block_passage(source, block) in drafted.sections[0].markdown, block.kind


def test_check_notes_are_for_the_analyst_not_the_word_count() -> None:
    note = markup.check_note("Sources disagree on a date: “3 March” [@s1] against “4 March” [@s2].")
    md = f"The cable was cut. [@s1]\n\n{note}\n\n::: callout Tip\nLook again. [@s2]\n:::\n"
    assert markup.check_notes(md) == [
        "Sources disagree on a date: “3 March” [@s1] against “4 March” [@s2]."
    ]
    assert markup.count_words(md) == 6  # "The cable was cut", "Look again"
    assert "disagree" not in markup.without_checks(md)
    html = render_markdown(md, sources={"s1": 1, "s2": 2})
    assert '<aside class="check" role="note">' in html and markup.CHECK_LABEL in html
    assert markup.check_notes(markup.escape(":::  check\nnot a note\n:::")) == []
    doc = Briefing(title="T", sections=[Section("b", "B", md)], sources=[Article("A", id="s1")])
    exported = render_markdown_document(doc)
    assert "> **Check before sending (a note for the analyst)**" in exported
    assert "::: check" not in exported


def test_the_predictions_section_is_the_same_for_every_reader() -> None:
    spec = [SectionSpec("outlook", "Outlook", fill=["predictions"]), SectionSpec("x", "X")]
    b = Briefing(
        title="T",
        sections=[Section("x", "X"), Section("outlook", "Outlook")],
        template=Template("t", "T", sections=spec),
    )
    assert markup.predictions_section(b) is b.sections[1]
    assert not markup.is_predictions_section(b, b.sections[0])
    assert markup.is_predictions_section(Briefing(title="T"), Section("predictions", "P"))
    assert markup.predictions_section(Briefing(title="T", sections=[Section("a", "A")])) is None


def test_markdown_export_reads_the_containers_it_is_given() -> None:
    body = "\n\n".join(markup.block_markdown(b, "s1") for b in article().blocks[4:6])
    b = Briefing(
        title="T", sections=[Section("body", "Body", body)], sources=[Article("A", id="s1")]
    )
    text = render_markdown_document(b)
    assert "> **Did you know?**\n>\n> Most traffic runs under the sea. [1]" in text
    assert "::: qa" not in text and "**Q:** Who pays?" in text
