"""The template's page budget, checked on real PDFs: a draft fits the pages it is given."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from support.stories import five_sources

from briefing.core.drafting import draft_briefing
from briefing.core.drafting.pages import estimate_pages
from briefing.core.importing import import_file
from briefing.core.model.markup import count_words
from briefing.core.paths import demo_article_path
from briefing.core.rendering import render_pdf
from briefing.core.services import preflight
from briefing.core.storage.library import Library


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.slow
@pytest.mark.parametrize("brand_id", ["default", "ministry"])
def test_the_sample_and_the_demo_drafted_into_standard_fit_four_pages(
    sample_path: Path, brand_id: str
) -> None:
    library = Library()
    template = library.template("standard")
    assert template.page_budget == 4
    articles = [import_file(sample_path), import_file(demo_article_path())]
    b = draft_briefing(articles, template, library.brand(brand_id))
    for section in b.sections:
        assert section.word_budget is not None
        assert count_words(section.markdown) <= section.word_budget, section.id
    pages = _pages(render_pdf(b))
    assert pages <= 4
    assert estimate_pages(b, b.brand) >= pages - 1  # the estimate is not optimistic
    assert not [p for p in preflight(b, pages=pages) if "page budget" in p]


@pytest.mark.slow
def test_a_one_page_template_gets_a_one_page_draft(sample_path: Path) -> None:
    library = Library()
    template = library.template("sitrep")
    assert template.page_budget == 1
    b = draft_briefing([import_file(demo_article_path())], template)
    assert _pages(render_pdf(b)) == 1
    assert all(s.markdown.strip() for s in b.sections if s.id != "outlook")  # none emptied
    # Several stories, disagreements to check and their sources may not all fit one page:
    # each section keeps its first item, and the export check says what is over.
    for crowded_sources in ([import_file(demo_article_path()), import_file(sample_path)],
                            [*five_sources(), import_file(demo_article_path())]):  # fmt: skip
        crowded = draft_briefing(crowded_sources, template)
        pages = _pages(render_pdf(crowded))
        problems = preflight(crowded, pages=pages)
        assert pages == 1 or any("page budget is 1" in p for p in problems)
        assert sum(count_words(s.markdown) for s in crowded.sections) < 400
