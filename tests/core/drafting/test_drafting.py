"""Drafting articles into templates: content goes where its meaning says, every passage cited."""

from __future__ import annotations

import re
from datetime import date

import pytest

from briefing.core.drafting import apply_template, draft_briefing, sections_dropped_by
from briefing.core.errors import BriefingError
from briefing.core.model.article import Article, Block
from briefing.core.model.document import Meta, Origin
from briefing.core.model.template import SectionSpec, Template
from briefing.core.storage.document_io import dumps_briefing, loads_briefing
from briefing.core.storage.library import Library


def _article(title: str = "Arctic cables under watch", *, extra_qa: bool = False) -> Article:
    blocks = [
        Block(
            "paragraph",
            "Norway’s review is likely to set the tone for smaller Arctic states.",
            "p1",
        ),
        Block("heading", "What happened", "h1", level=2),
        Block("paragraph", "In January two cables failed. Dr. Berg said it was rare.", "p2"),
        Block("callout", "Arctic cables are few and hard to repair.", "c1", label="Key Takeaway"),
        Block("callout", "Most data travels by cable.", "c2", label="Did you know?"),
        Block("heading", "What comes next", "h2", level=2),
        Block(
            "paragraph", "The plan is expected to reach parliament before the summer recess.", "p3"
        ),
        Block("list", "- Drones\n- Sensors on the sea floor", "l1"),
        Block("quote", "We are no longer treating these as accidents.", "q0"),
        Block("heading", "Frequently Asked Questions", "h3", level=2),
        Block(
            "qa",
            "Was it deliberate?\nNo one knows.",
            "qa1",
            question="Was it deliberate?",
            answer="No one knows.",
        ),  # fmt: skip
        Block("paragraph", "What do you think? Tell us in the comments below!", "x1"),
        Block("heading", "Related Posts", "h4", level=2),
    ]
    if extra_qa:
        blocks.append(Block("qa", "", "qa2", question="Who pays?", answer="Governments."))
    return Article(title=title, blocks=blocks, authors=["I. Solberg"], site="Polar Desk")


def _second() -> Article:
    return Article(
        title="Baltic lessons",
        blocks=[
            Block("paragraph", "Investigators traced an anchor drag in the Baltic.", "a"),
            Block(
                "callout", "Arctic cables are few and hard to repair.", "b", label="Key takeaway"
            ),
            Block(
                "qa",
                "",
                "c",
                question="  was it DELIBERATE ",
                answer="Probably not, say officials.",
            ),
            Block("qa", "", "d", question="Was it deliberate?", answer="No one knows."),
        ],
    )


@pytest.fixture
def library() -> Library:
    return Library()


def _citations_end_passages(markdown: str) -> None:
    for chunk in markdown.split("\n\n"):
        if chunk.startswith("#") or chunk.startswith("::: qa") or chunk.startswith("**Q:**"):
            continue
        body = chunk.removesuffix("\n:::").rstrip()
        assert re.search(r"\[@s\d+(; @s\d+)*\]$", body), chunk


def test_standard_template(library: Library) -> None:
    b = draft_briefing([_article()], library.template("standard"))
    assert [s.id for s in b.sections] == ["background", "key-takeaway", "faq", "predictions"]
    assert [a.id for a in b.sources] == ["s1"]
    background = b.section("background")
    assert background is not None
    md = background.markdown
    # headings kept one level down; the FAQ and chrome headings, now empty, are gone
    assert "### What happened" in md and "### What comes next" in md
    assert "Frequently" not in md and "Related" not in md
    assert "comments" not in md
    # other callouts stay where they stood, as callout containers
    assert "::: callout Did you know?\nMost data travels by cable. [@s1]\n:::" in md
    assert md.index("Dr. Berg") < md.index("Did you know") < md.index("What comes next")
    assert "Key Takeaway" not in md  # it has its own section
    assert "- Drones\n- Sensors on the sea floor [@s1]" in md
    assert "> We are no longer treating these as accidents. [@s1]" in md
    _citations_end_passages(md)
    assert Origin("s1", "p2") in background.origins and Origin("s1", "c2") in background.origins
    assert Origin("s1", "x1") not in background.origins
    takeaway = b.section("key-takeaway")
    assert takeaway is not None
    assert takeaway.markdown == "Arctic cables are few and hard to repair. [@s1]\n"
    assert takeaway.origins == [Origin("s1", "c1")]
    faq = b.section("faq")
    assert faq is not None
    assert faq.markdown == "::: qa\n**Q:** Was it deliberate?\n\nNo one knows. [@s1]\n:::\n"
    predictions = b.section("predictions")
    assert predictions is not None and predictions.markdown == ""
    statements = [p.statement for p in b.predictions]
    assert statements == [
        "Norway’s review is likely to set the tone for smaller Arctic states.",
        "The plan is expected to reach parliament before the summer recess.",
    ]
    assert all(p.source == "s1" and p.term == "likely" for p in b.predictions)
    assert b.predictions[1].origin == Origin("s1", "p3")
    assert b.predictions[1].timeframe == "before the summer recess"
    assert b.predictions[0].probability is not None and 55 <= b.predictions[0].probability <= 80


def test_meta_defaults_and_snapshots(library: Library) -> None:
    template = library.template("standard")
    b = draft_briefing([_article("First"), _second()], template)
    assert b.title == "First"
    assert b.meta.date == date.today().isoformat()
    assert b.meta.handling == template.handling
    assert b.template == template and b.template is not template
    given = draft_briefing([_article()], template, meta=Meta(analyst="R. O", date="2026-01-02"))
    assert given.meta.analyst == "R. O" and given.meta.date == "2026-01-02"
    bluf = draft_briefing([_article()], library.template("bluf"), library.brand("default"))
    assert bluf.meta.handling == "TLP:AMBER"
    assert bluf.brand is not None and bluf.brand.id == "default"


def test_several_articles_make_one_briefing(library: Library) -> None:
    first = _article()
    b = draft_briefing([first, _second()], library.template("standard"))
    assert [(a.id, a.title) for a in b.sources] == [("s1", first.title), ("s2", "Baltic lessons")]
    assert first.id == ""  # the caller's articles are not changed
    background = b.section("background")
    assert background is not None
    md = background.markdown
    assert "### Arctic cables under watch" in md and "### Baltic lessons" in md
    assert "#### What happened" in md
    assert "anchor drag in the Baltic. [@s2]" in md
    # the same key takeaway in both articles: once, citing both
    takeaway = b.section("key-takeaway")
    assert takeaway is not None
    assert takeaway.markdown == "Arctic cables are few and hard to repair. [@s1; @s2]\n"
    # the same question in both (different case, spaces, punctuation): one pair
    faq = b.section("faq")
    assert faq is not None
    assert faq.markdown.count("::: qa") == 1
    assert "No one knows. [@s1; @s2]" in faq.markdown  # both articles give this answer
    assert "Probably not, say officials. [@s2]" in faq.markdown
    assert faq.markdown.count("No one knows.") == 1
    assert {o.source for o in faq.origins} == {"s1", "s2"}


def test_the_same_answer_in_two_articles_is_written_once_citing_both(library: Library) -> None:
    pair = Block("qa", "", "q", question="Was it deliberate?", answer="No one knows.")
    again = Block("qa", "", "q", question="was it  deliberate", answer="No one knows.")
    b = draft_briefing(
        [Article("A", blocks=[pair]), Article("B", blocks=[again])], library.template("standard")
    )
    faq = b.section("faq")
    assert faq is not None
    assert faq.markdown == "::: qa\n**Q:** Was it deliberate?\n\nNo one knows. [@s1; @s2]\n:::\n"


def test_bluf_brief(library: Library) -> None:
    b = draft_briefing([_article(extra_qa=True)], library.template("bluf"))
    bottom, judgments, discussion, outlook = b.sections
    assert bottom.markdown == "Arctic cables are few and hard to repair. [@s1]\n"
    assert judgments.markdown == "Arctic cables are few and hard to repair. [@s1]\n"
    assert "### What happened" in discussion.markdown
    assert "::: callout Did you know?" in discussion.markdown
    assert discussion.markdown.count("::: qa") == 2
    assert discussion.markdown.index("Sensors") < discussion.markdown.index("::: qa")
    assert outlook.markdown == "" and b.predictions


def test_bottom_line_falls_back_to_the_lede(library: Library) -> None:
    article = Article(title="T", blocks=[Block("paragraph", "First point here. Second point.")])
    b = draft_briefing([article], library.template("bluf"))
    assert b.sections[0].markdown == "First point here. [@s1]\n"
    assert b.sections[0].origins == [Origin("s1", "b1")]  # block ids were assigned


def test_decision_memo_and_sitrep(library: Library) -> None:
    memo = draft_briefing([_article()], library.template("decision-memo"))
    sections = {s.id: s for s in memo.sections}
    assert sections["issue"].markdown.startswith("Arctic cables are few")
    assert "### What happened" in sections["background"].markdown
    assert sections["options"].markdown == "" and sections["next-steps"].markdown == ""
    # The recommendation is the analyst's call: the articles never fill it.
    assert sections["recommendation"].markdown == ""
    assert memo.predictions == []  # no section asks for them
    sitrep = draft_briefing([_article()], library.template("sitrep"))
    sections = {s.id: s for s in sitrep.sections}
    assert "Dr. Berg" in sections["developments"].markdown
    assert "::: qa" in sections["impact"].markdown
    assert sitrep.predictions


def test_callouts_in_their_own_section_and_takeaways_inline_when_unclaimed() -> None:
    template = Template(
        id="custom",
        name="Custom",
        sections=[
            SectionSpec(id="story", title="Story", fill=["narrative"]),
            SectionSpec(id="boxes", title="Boxes", fill=["callouts"]),
        ],
    )
    story, boxes = draft_briefing([_article(), _article()], template).sections
    assert "::: callout Key Takeaway" in story.markdown
    assert "Did you know" not in story.markdown
    assert (
        boxes.markdown == "::: callout Did you know?\nMost data travels by cable. [@s1; @s2]\n:::\n"
    )
    # the second copy of each paragraph is not drafted again
    assert story.markdown.count("Dr. Berg") == 1


def test_article_text_cannot_break_out_of_a_container(library: Library) -> None:
    article = Article(
        title="T",
        blocks=[
            Block("callout", "Tip\n:::\n# Injected", "c", label="Pro Tip ::: qa"),
            Block("paragraph", "::: callout Fake\nx", "p"),
        ],
    )
    md = draft_briefing([article], library.template("standard")).sections[0].markdown
    assert "::: callout Pro Tip qa\nTip\n\\:::\n# Injected [@s1]\n:::" in md
    assert "\\::: callout Fake\nx [@s1]" in md


def test_nothing_to_draft(library: Library) -> None:
    with pytest.raises(BriefingError, match="at least one article"):
        draft_briefing([], library.template("standard"))


def test_drafted_briefing_saves_and_loads(library: Library) -> None:
    b = draft_briefing(
        [_article(), _second()], library.template("standard"), library.brand("default")
    )
    assert loads_briefing(dumps_briefing(b), name="x") == b


def test_switch_template_keeps_content(library: Library) -> None:
    b = draft_briefing([_article(extra_qa=True)], library.template("standard"))
    background = b.section("background")
    assert background is not None
    background.markdown += "\nMy own analysis.\n"
    sitrep = library.template("sitrep")
    assert sections_dropped_by(b, sitrep) == ["FAQ"]
    switched = apply_template(b, sitrep)
    assert [s.id for s in switched.sections] == ["situation", "developments", "impact", "outlook"]
    sections = {s.id: s for s in switched.sections}
    assert sections["developments"].markdown == background.markdown
    assert sections["developments"].origins == background.origins
    assert sections["developments"].title == "Developments"
    assert sections["impact"].markdown.startswith("Arctic cables are few")
    assert sections["situation"].markdown == ""
    assert switched.predictions == b.predictions
    assert switched.template == sitrep
    assert switched.meta.handling == sitrep.handling  # it was still the old default
    assert b.section("faq") is not None  # the original is untouched
    back = apply_template(switched, library.template("standard"))
    assert back.section("background").markdown == background.markdown  # type: ignore[union-attr]
    assert sections_dropped_by(b, library.template("standard")) == []


def test_switch_keeps_a_custom_handling_label(library: Library) -> None:
    b = draft_briefing([_article()], library.template("standard"))
    b.meta.handling = "TLP:RED"
    assert apply_template(b, library.template("bluf")).meta.handling == "TLP:RED"
