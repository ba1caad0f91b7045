"""Drafting articles into templates: content goes where its meaning says, condensed to budget,
every sentence verbatim and cited, several sources made one briefing."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from briefing.core.drafting import apply_template, draft_briefing, sections_dropped_by
from briefing.core.errors import BriefingError
from briefing.core.model import markup
from briefing.core.model.article import Article, Block
from briefing.core.model.document import Briefing, Meta, Origin
from briefing.core.model.template import SectionSpec, Template
from briefing.core.storage.document_io import dumps_briefing, loads_briefing
from briefing.core.storage.library import Library

REPO = Path(__file__).resolve().parents[3]


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


def _sentences(markdown: str) -> list[str]:
    """The drafted sentences of a section, citations and containers set aside."""
    text = markup.CITATION.sub("\n", markup.without_checks(markdown))
    lines = [line.strip().lstrip(">- ").strip() for line in text.split("\n")]
    return [line for line in lines if line and not line.startswith(("#", ":::", "**Q:**"))]


def _verbatim(briefing: Briefing, markdown: str) -> None:
    """Every drafted run of text is found, word for word, in one of the sources."""
    blocks = [" ".join(b.text.split()) for a in briefing.sources for b in a.blocks]
    for run in _sentences(markdown):
        assert any(part in block for block in blocks for part in [run]) or all(
            any(s in block for block in blocks) for s in re.split(r"(?<=[.!?”])\s+", run)
        ), run


def test_standard_template(library: Library) -> None:
    b = draft_briefing([_article()], library.template("standard"))
    assert [s.id for s in b.sections] == ["background", "key-takeaway", "faq", "predictions"]
    assert [a.id for a in b.sources] == ["s1"]
    background = b.section("background")
    assert background is not None
    md = background.markdown
    # whole sentences, verbatim, in the article's order, cited; chrome and calls never drafted
    assert md.startswith("Norway’s review is likely to set the tone for smaller Arctic states. ")
    assert md.index("Dr. Berg said it was rare.") < md.index("before the summer recess")
    assert "comments" not in md and "Related" not in md and "Frequently" not in md
    assert "::: callout Did you know?\nMost data travels by cable. [@s1]\n:::" in md
    assert "> We are no longer treating these as accidents. [@s1]" in md
    assert "Key Takeaway" not in md and "few and hard to repair" not in md  # its own section
    _citations_end_passages(md)
    _verbatim(b, md)
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
    assert [p.statement for p in b.predictions] == [
        "Norway’s review is likely to set the tone for smaller Arctic states.",
        "The plan is expected to reach parliament before the summer recess.",
    ]
    likely, expected = b.predictions
    assert likely.term == "likely" and likely.probability is not None
    assert 55 <= likely.probability <= 80  # inside the band of the term the sentence uses
    # "is expected to" is no estimative term: the likelihood stays for the analyst to judge
    assert expected.term == "" and expected.probability is None
    assert expected.origin == Origin("s1", "p3") and expected.source == "s1"
    assert expected.timeframe == "before the summer recess"
    # Nobody has judged the candidates: confidence is not assessed, not a default "moderate"
    assert likely.confidence == expected.confidence == ""
    for section in b.sections:
        assert markup.count_words(section.markdown) <= (section.word_budget or 10**6)


def test_the_templates_likelihood_scale_sets_the_terms(library: Library) -> None:
    phia = replace(library.template("standard"), likelihood_scale="phia")
    b = draft_briefing([_article()], phia)
    likely = b.predictions[0]
    assert likely.term == "likely" and likely.probability is not None
    assert 55 <= likely.probability <= 75  # PHIA's "likely or probable" band
    article = Article(
        "T", blocks=[Block("paragraph", "Talks will very likely resume before June 2027.", "p")]
    )
    icd = draft_briefing([article], library.template("standard")).predictions[0]
    uk = draft_briefing([article], phia).predictions[0]
    assert (icd.term, uk.term) == ("very likely", "highly likely")
    assert icd.probability is not None and 80 <= icd.probability <= 95
    assert uk.probability is not None and 80 <= uk.probability <= 90
    assert icd.timeframe == "before June 2027" and icd.resolve_by == "2027-06-01"


def test_past_events_questions_and_counterfactuals_are_never_candidates(
    library: Library,
) -> None:
    article = Article(
        "Outage review",
        published="2026-03-14",
        blocks=[
            Block(
                "paragraph",
                "Two months later, he died of natural causes, most likely a "
                "heart attack. This seemed improbable. Trump repeatedly called on Japan to pay "
                "more for its defense.",
                "p1",
            ),  # fmt: skip
            Block(
                "paragraph",
                "It was likely the longest outage in a decade. The fault was "
                "probably caused by an anchor.",
                "p2",
            ),  # fmt: skip
            Block(
                "paragraph",
                "Had the cable been laid deeper, it would have survived. Will "
                "the operator pay for the repair?",
                "p3",
            ),  # fmt: skip
            Block("paragraph", "Share your experience below.", "p4"),
            Block("paragraph", "Regulators are expected to publish rules in the spring.", "p5"),
        ],
    )
    b = draft_briefing([article], library.template("standard"))
    assert [p.statement for p in b.predictions] == [
        "Regulators are expected to publish rules in the spring."
    ]
    assert b.predictions[0].probability is None and b.predictions[0].term == ""
    assert "Share your experience" not in b.section("background").markdown  # type: ignore[union-attr]


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
    assert "Investigators traced an anchor drag in the Baltic. [@s2]" in background.markdown
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


def test_five_sources_on_two_stories_make_one_briefing(library: Library) -> None:
    from support.stories import five_sources

    articles = five_sources()
    for article in articles:
        article.id = ""  # as imported
    b = draft_briefing(articles, library.template("standard"))
    background = b.section("background")
    assert background is not None
    md = background.markdown
    # one part per story, under its lead article's title, in the order the sources came
    baltic, olives = (f"### {a.title}" for a in (articles[0], articles[1]))
    assert md.index(baltic) < md.index(olives)
    assert md.count("### ") == 2
    # a wire copy and a second site repeat sentences: each written once, citing all of them
    multiple = re.findall(r"\[@s\d+(?:; @s\d+)+\]", md)
    assert "[@s1; @s4]" in multiple  # the first site and its wire copy
    assert any("s2" in m and "s5" in m for m in multiple)  # the two olive stories
    assert md.count("A cargo ship that had dragged its anchor") == 1
    # the sites disagree on the delay: both figures are flagged for the analyst
    notes = markup.check_notes(md)
    assert any("“four days”" in n and "“five days”" in n for n in notes)
    assert any("40%" in n and "55%" in n for n in notes)
    # calls to follow or subscribe are never drafted
    text = "\n".join(s.markdown for s in b.sections)
    assert "Follow us" not in text and "Subscribe" not in text and "Share your" not in text
    _verbatim(b, md)
    assert markup.count_words(md) <= 600
    takeaway = b.section("key-takeaway")
    assert takeaway is not None and takeaway.markdown.count("- ") == 2  # one per story
    faq = b.section("faq")
    assert faq is not None
    assert "[@s1; @s3]" in faq.markdown or "[@s1; @s4]" in faq.markdown  # merged answers
    assert {p.source for p in b.predictions} >= {"s1", "s2"}  # both stories forecast


def test_bluf_brief(library: Library) -> None:
    b = draft_briefing([_article(extra_qa=True)], library.template("bluf"))
    bottom, judgments, discussion, outlook = b.sections
    assert bottom.markdown == "Arctic cables are few and hard to repair. [@s1]\n"
    # the one-sentence takeaway is the bottom line already: the lead judgement comes next
    lead = "Norway’s review is likely to set the tone for smaller Arctic states. [@s1]\n"
    assert judgments.markdown == lead
    assert "Dr. Berg said it was rare." in discussion.markdown
    assert "::: callout Did you know?" in discussion.markdown
    assert discussion.markdown.count("::: qa") == 2
    assert discussion.markdown.index("accidents") < discussion.markdown.index("::: qa")
    assert outlook.markdown == "" and b.predictions


def test_bottom_line_falls_back_to_the_lede(library: Library) -> None:
    lede = "The first point is made here. A second point follows it."
    article = Article(title="T", blocks=[Block("paragraph", lede)])
    b = draft_briefing([article], library.template("bluf"))
    assert b.sections[0].markdown == "The first point is made here. [@s1]\n"
    assert b.sections[0].origins == [Origin("s1", "b1")]  # block ids were assigned


def test_decision_memo_and_sitrep(library: Library) -> None:
    memo = draft_briefing([_article()], library.template("decision-memo"))
    sections = {s.id: s for s in memo.sections}
    assert sections["issue"].markdown.startswith("Arctic cables are few")
    assert "Dr. Berg said it was rare." in sections["background"].markdown
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
    assert "Arctic cables are few and hard to repair." in story.markdown  # no takeaway section
    assert "Did you know" not in story.markdown
    assert (
        boxes.markdown == "::: callout Did you know?\nMost data travels by cable. [@s1; @s2]\n:::\n"
    )
    # the second copy of each sentence is not drafted again: it is cited with the first
    assert story.markdown.count("Dr. Berg") == 1
    assert "[@s1; @s2]" in story.markdown


def test_article_text_cannot_break_out_of_a_container(library: Library) -> None:
    article = Article(
        title="T",
        blocks=[
            Block(
                "paragraph",
                "::: callout Fake\nThe cable broke near the island. Crews went out.",
                "p",
            ),
            Block(
                "callout", "Ships stop here every week.\n:::\n# Injected", "c", label="Tip ::: qa"
            ),
        ],
    )
    md = draft_briefing([article], library.template("standard")).sections[0].markdown
    assert "::: callout Fake" not in md.replace("\\:::", "")
    for line in md.split("\n"):
        fence = markup.parse_fence(line)
        assert fence is None or fence.name in ("", "callout"), line
    assert md.count(":::") - md.count("\\:::") in (0, 2)


def test_nothing_to_draft(library: Library) -> None:
    with pytest.raises(BriefingError, match="at least one article"):
        draft_briefing([], library.template("standard"))


def test_drafted_briefing_saves_and_loads(library: Library) -> None:
    b = draft_briefing(
        [_article(), _second()], library.template("standard"), library.brand("default")
    )
    assert loads_briefing(dumps_briefing(b), name="x") == b


def test_drafting_twice_gives_the_same_file(library: Library) -> None:
    from support.stories import five_sources

    meta = Meta(date="2026-03-14")
    first = dumps_briefing(draft_briefing(five_sources(), library.template("standard"), meta=meta))
    again = dumps_briefing(draft_briefing(five_sources(), library.template("standard"), meta=meta))
    assert first == again


def test_switch_template_keeps_content_and_drafts_the_new_sections(library: Library) -> None:
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


def test_budgets_shrink_together_to_fit_a_short_page_budget(library: Library) -> None:
    from support.stories import five_sources

    standard = library.template("standard")
    roomy = draft_briefing(five_sources(), replace(standard, page_budget=None))
    tight = draft_briefing(five_sources(), replace(standard, page_budget=1))
    words = [markup.count_words(s.markdown) for s in roomy.sections]
    fewer = [markup.count_words(s.markdown) for s in tight.sections]
    assert sum(fewer) < sum(words)
    assert markup.count_words(tight.sections[0].markdown) < markup.count_words(
        roomy.sections[0].markdown
    )
    assert len(tight.predictions) <= len(roomy.predictions)


def test_drafts_are_the_same_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Set and dict order never leaks into a draft: two processes, two hash seeds, one file."""
    import os
    import subprocess
    import sys

    script = (
        "import sys; sys.path.insert(0, 'tests')\n"
        "from support.stories import five_sources\n"
        "from briefing.core.drafting import draft_briefing\n"
        "from briefing.core.importing import import_file\n"
        "from briefing.core.model.document import Meta\n"
        "from briefing.core.paths import demo_article_path\n"
        "from briefing.core.storage.document_io import dumps_briefing\n"
        "from briefing.core.storage.library import Library\n"
        "articles = [*five_sources(), import_file(demo_article_path())]\n"
        "meta = Meta(date='2026-03-14')\n"
        "b = draft_briefing(articles, Library().template('standard'), meta=meta)\n"
        "sys.stdout.write(dumps_briefing(b))\n"
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, env=env, cwd=REPO, check=True
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] and b"check" in outputs[0]
