"""Pagination, checked on the laid-out pages: nothing stranded at the foot of a page.

The layout is walked box by box (WeasyPrint's own page boxes), so the checks see what a
reader sees: the last line of a page is never a heading, a question without its answer or a
callout's label; a table that runs over a page repeats its heading row there.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from render_helpers import coded_briefing, page_texts, pdf_reader
from weasyprint import CSS, HTML

from briefing.core.model.document import Briefing, Prediction
from briefing.core.rendering.document_html import render_html_parts
from briefing.core.rendering.fetcher import SafeFetcher
from briefing.core.rendering.pdf import render_pdf
from briefing.core.storage.library import Library

STRANDED = {"h2", "h3", "h4", "h5", "h6"}
STRANDED_CLASSES = {"qa-question", "callout-label", "toc-title"}


def _leaves(box: Any) -> Iterator[Any]:
    """Block boxes that hold lines (paragraphs, headings, list items), in reading order."""
    children = getattr(box, "children", [])
    if any(type(c).__name__ == "LineBox" for c in children):
        yield box
        return
    for child in children:
        yield from _leaves(child)


def last_blocks(briefing: Briefing, brand_id: str) -> list[tuple[str, str]]:
    """(tag, class) of the last block of text in the body of each page."""
    html, css = render_html_parts(briefing, brand=Library().brand(brand_id))
    fetcher = SafeFetcher()
    document = HTML(string=html, url_fetcher=fetcher).render(
        stylesheets=[CSS(string=css, url_fetcher=fetcher)]
    )
    out = []
    for page in document.pages:
        body = page._page_box.children[0]  # the root box; margin boxes come after it
        leaves = [b for b in _leaves(body) if b.element is not None]
        last = leaves[-1]
        out.append((last.element_tag, last.element.get("class") or ""))
    return out


def _heavy(paragraphs: int) -> Briefing:
    """A briefing with headings, callouts and Q&A pairs at every depth of the page."""
    briefing = coded_briefing(paragraphs=paragraphs)
    background = briefing.sections[1]
    background.markdown += "".join(
        f"\n\n## Part {n}\n\nA short paragraph under part {n}, from the wire. [@s2]\n\n"
        f"::: callout Did you know?:\nFact number {n} carried over from the page. [@s2]\n:::\n"
        for n in range(1, 5)
    )
    briefing.sections[2].markdown += "".join(
        f"\n\n::: qa\n**Q:** Question {n} that a minister would ask about the call?\n\n"
        f"An answer of two sentences. It runs on for a line or so to be realistic. [@s1]\n:::\n"
        for n in range(1, 7)
    )
    return briefing


@pytest.mark.parametrize("brand_id", ["default", "ministry", "consultancy"])
@pytest.mark.parametrize("paragraphs", [4, 7, 10])
def test_no_page_ends_on_a_heading_a_question_or_a_label(brand_id: str, paragraphs: int) -> None:
    ends = last_blocks(_heavy(paragraphs), brand_id)
    assert len(ends) >= 2
    stranded = [
        (page, tag, cls)
        for page, (tag, cls) in enumerate(ends[:-1], start=1)
        if tag in STRANDED or set(cls.split()) & STRANDED_CLASSES
    ]
    assert not stranded, ends


def test_a_long_predictions_table_repeats_its_heading_and_keeps_ranges_whole() -> None:
    briefing = coded_briefing(paragraphs=3)
    briefing.predictions = [
        Prediction(
            f"Statement {n} about *the* talks, long enough to wrap in its cell.",
            None,
            "likely",
            "by the end of 2027",
            indicators=[f"Indicator {n}"],
        )
        for n in range(40)
    ]
    texts = page_texts(pdf_reader(render_pdf(briefing)))
    with_rows = [t for t in texts if "Statement " in t]
    assert len(with_rows) >= 2
    assert all("Judgement" in t and "Indicators" in t for t in with_rows)
    joined = " ".join(texts)
    assert joined.count("Likely (55–80%)") == 40  # never "(55–" on one line, "80%)" on the next
    assert "*the*" not in joined
