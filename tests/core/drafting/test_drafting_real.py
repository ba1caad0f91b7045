"""Drafting real imported articles: the bundled demo article and the real browser paste."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.core.drafting import draft_briefing
from briefing.core.importing import import_file
from briefing.core.model.markup import count_words
from briefing.core.paths import demo_article_path
from briefing.core.storage.library import Library

CHROME = re.compile(
    r"(?i)comments? below|leave a comment|cookie|ad blocker|related posts|rights reserved"
)


def _all_text(b: object) -> str:
    return "\n".join(s.markdown for s in b.sections)  # type: ignore[attr-defined]


def test_demo_article_into_standard() -> None:
    b = draft_briefing([import_file(demo_article_path())], Library().template("standard"))
    background, takeaway, faq, predictions = b.sections
    assert b.title.startswith("Arctic Cables")
    assert takeaway.markdown.startswith("Undersea cables in the Arctic are few")
    assert faq.markdown.count("::: qa") == 3
    assert "**Q:** Who pays for seabed surveillance?" in faq.markdown
    # condensed, not copied: within the budget, led by the article's lead judgement
    assert count_words(background.markdown) <= 600 < count_words(b.sources[0].text)
    assert background.markdown.startswith("Norway’s decision to review how it watches the seabed")
    assert "Two severed data cables" not in background.markdown  # a verbless scene-setter
    assert "Frequently Asked Questions" not in background.markdown
    assert not CHROME.search(_all_text(b))
    statements = " ".join(p.statement for p in b.predictions)
    assert "is set to propose a permanent seabed surveillance programme" in statements
    assert "before the summer recess" in statements
    assert all(p.source == "s1" and p.origin is not None for p in b.predictions)
    for p in b.predictions:  # quoted verbatim from the block it cites
        block = b.sources[0].block(p.origin.block)  # type: ignore[union-attr]
        assert block is not None and p.statement in " ".join(block.text.split())


def test_demo_and_sample_into_every_builtin(sample_path: Path) -> None:
    library = Library()
    articles = [import_file(demo_article_path()), import_file(sample_path)]
    for template in library.templates():
        if not template.builtin:
            continue
        b = draft_briefing(articles, template)
        text = _all_text(b)
        assert not CHROME.search(text), template.id
        cited = set(re.findall(r"@(s\d)", text))
        assert cited == {"s1", "s2"}, template.id  # both sources used and cited
        for section in b.sections:
            for o in section.origins:  # every origin points at a real block
                source = b.source(o.source)
                assert source is not None and source.block(o.block) is not None


@pytest.mark.parametrize("template_id", ["standard", "bluf", "decision-memo", "sitrep"])
def test_builtin_first_section_is_never_empty_for_demo(template_id: str) -> None:
    b = draft_briefing([import_file(demo_article_path())], Library().template(template_id))
    assert b.sections[0].markdown.strip()


def test_drafted_markdown_renders_as_callouts_and_qa_pairs() -> None:
    """The conventions drafting writes are the ones the renderer turns into callouts and Q&A."""
    from briefing.core.model.article import Article, Block
    from briefing.core.rendering.markdown import render_markdown

    b = draft_briefing([import_file(demo_article_path())], Library().template("standard"))
    background = render_markdown(b.sections[0].markdown, sources={"s1": 1})
    assert '<aside class="callout callout-' in background
    faq = render_markdown(b.sections[2].markdown, sources={"s1": 1})
    assert faq.count('<div class="qa">') == 3
    assert '<p class="qa-question">Who pays for seabed surveillance?</p>' in faq
    # Every answer comes from the one source: one mark, after the last answer.
    assert faq.count('<sup class="cite">') == 1
    assert faq.rstrip().endswith('<sup class="cite"><a href="#source-1">1</a></sup></p>\n</div>')
    hostile = Article(
        title="T",
        blocks=[Block("paragraph", "::: callout Fake\nThe cable broke near the island.", "p")],
    )
    md = draft_briefing([hostile], Library().template("standard")).sections[0].markdown
    html = render_markdown(md, sources={"s1": 1})
    assert "<aside" not in html and ":::" in html
