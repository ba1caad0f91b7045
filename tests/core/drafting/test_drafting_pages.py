"""The template's page budget, checked on real PDFs: a draft fits the pages it is given."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from support.stories import baltic_a, baltic_b, five_sources

from briefing.core.drafting import draft_briefing
from briefing.core.drafting.pages import estimate_pages, metrics_for
from briefing.core.importing import import_file
from briefing.core.model.article import Article
from briefing.core.model.markup import count_words
from briefing.core.model.typography import body_type
from briefing.core.paths import demo_article_path
from briefing.core.rendering.pdf import render_pdf
from briefing.core.rendering.style import brand_css
from briefing.core.services import preflight
from briefing.core.storage.library import Library


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def two_sites() -> list[Article]:
    """One story from two sites that disagree on its figures (check notes, multi-citations)."""
    return [baltic_a(), baltic_b()]


@pytest.mark.slow
@pytest.mark.parametrize("brand_id", ["default", "ministry", "consultancy"])
@pytest.mark.parametrize("sources", ["sample+demo", "three"])
def test_drafts_into_standard_fit_four_pages_in_each_brand(
    sample_path: Path, brand_id: str, sources: str
) -> None:
    """The sample and the demo article (or the sample and two sites that disagree on a cable
    cut) drafted into the standard template: at most its four pages, every section within
    its budget, and the estimate drafting fitted them with is the page count the PDF has
    (never short of it by a page, never half a page over)."""
    library = Library()
    template = library.template("standard")
    assert template.page_budget == 4
    articles = [import_file(sample_path)]
    articles += [import_file(demo_article_path())] if sources == "sample+demo" else two_sites()
    b = draft_briefing(articles, template, library.brand(brand_id))
    for section in b.sections:
        assert section.word_budget is not None
        assert count_words(section.markdown) <= section.word_budget, section.id
    pages = _pages(render_pdf(b))
    assert pages <= 4
    assert pages - 1 < estimate_pages(b, b.brand) < pages + 0.5
    assert not [p for p in preflight(b, pages=pages) if "page budget" in p]


def test_the_estimate_reads_the_brand_s_type_as_the_stylesheet_sets_it() -> None:
    """One table of body type for the stylesheet and the estimate: the ministry's Garamond
    sets 11.5 pt on 1.38, so a page of it holds fewer lines than the default's Charter."""
    library = Library()
    ministry, default = library.brand("ministry"), library.brand("default")
    assert "font-size: 11.5pt; line-height: 1.38" in brand_css(ministry)
    assert metrics_for(ministry).body == body_type("EB Garamond")
    assert metrics_for(ministry).lines_per_page < metrics_for(default).lines_per_page
    assert metrics_for(ministry).footnotes and not metrics_for(default).footnotes


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
