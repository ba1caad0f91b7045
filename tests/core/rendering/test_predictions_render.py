"""Predictions as the reader meets them: cited, in the section the template gives them."""

from __future__ import annotations

import re

import pytest
from render_helpers import coded_briefing, page_texts, pdf_reader

from briefing.core.model.article import Article
from briefing.core.model.document import Origin, Section
from briefing.core.model.template import SectionSpec, Template
from briefing.core.rendering.document_html import render_html
from briefing.core.rendering.markdown_export import render_markdown_document
from briefing.core.rendering.pdf import render_pdf


def _statement_cells(html: str) -> list[str]:
    return re.findall(r'<td class="p-statement">(.*?)</td>', html)


def test_a_candidate_quoted_from_an_article_cites_that_source() -> None:
    briefing = coded_briefing(paragraphs=1)
    briefing.predictions[0].source = "s2"
    briefing.predictions[1].origin = Origin(source="s1", block="b3")
    cells = _statement_cells(render_html(briefing))
    # A word joiner holds the mark on the line of the word before it: a narrow cell never
    # ends on a line holding only the mark.
    mark = '\u2060<sup class="cite"><a href="#source-{0}">{0}</a></sup>'
    assert cells == ["A call takes place this month." + mark.format(2),
                     "Defence spending reaches 2% of GDP." + mark.format(1)]  # fmt: skip
    markdown = render_markdown_document(briefing)
    assert "| A call takes place this month. [2] |" in markdown
    assert "| Defence spending reaches 2% of GDP. [1] |" in markdown


def test_an_analysts_own_judgement_and_an_unknown_source_carry_no_citation() -> None:
    briefing = coded_briefing(paragraphs=1)
    briefing.predictions[1].source = "s9"  # no such source any more
    cells = _statement_cells(render_html(briefing))
    assert cells == ["A call takes place this month.", "Defence spending reaches 2% of GDP."]


def test_markdown_puts_the_table_in_the_section_the_template_fills_with_predictions() -> None:
    briefing = coded_briefing(paragraphs=1)
    briefing.sections[-1] = Section("outlook", "Outlook and indicators", "")
    briefing.template = Template(
        id="bluf",
        name="BLUF",
        sections=[SectionSpec("outlook", "Outlook and indicators", fill=["predictions"])],
    )
    markdown = render_markdown_document(briefing)
    assert "## Predictions" not in markdown
    outlook = markdown.index("## Outlook and indicators")
    assert outlook < markdown.index("| Judgement |") < markdown.index("## Sources")
    html = render_html(briefing)
    assert html.index("Outlook and indicators</h2>") < html.index('<table class="predictions')


def test_pdf_subject_and_author_fall_back_when_subtitle_and_analyst_are_blank() -> None:
    briefing = coded_briefing(paragraphs=1)
    briefing.subtitle = ""
    briefing.meta.analyst = ""
    briefing.template = Template(id="standard", name="Standard briefing")
    html = render_html(briefing)
    assert '<meta name="author" content="Northbridge Risk">' in html
    assert '<meta name="description" content="Standard briefing">' in html


def test_the_takeaway_section_stands_out_and_the_narrative_does_not() -> None:
    briefing = coded_briefing(paragraphs=1)
    briefing.sections.append(Section("judgments", "Key judgments", "- Costs rise. [@s1]\n"))
    briefing.template = Template(
        id="t",
        name="T",
        sections=[
            SectionSpec("judgments", "Key judgments", fill=["key-takeaway"]),
            SectionSpec("background", "Background", fill=["narrative", "key-takeaway"]),
        ],
    )
    html = render_html(briefing)
    # The first is the cover's summary box, read first and not repeated; a second stands
    # out where it is; the narrative does not.
    assert re.findall(r'<section class="summary" id="sec-([\w-]+)">', html) == ["bottom-line"]
    assert html.count('id="sec-bottom-line"') == 1
    panels = re.findall(
        r'<section class="part" id="sec-([\w-]+)"><h2>[^<]*</h2><div class="takeaway">', html
    )
    assert panels == ["judgments"]


@pytest.mark.parametrize("extra", [34, 40])
def test_a_long_sources_list_never_leaves_one_entry_alone_on_a_page(extra: int) -> None:
    # With 22 extra entries the list used to end with one entry alone on the last page
    # (34 since the layout of November 2026).
    briefing = coded_briefing(paragraphs=8)
    briefing.sources += [
        Article(f"Further reading number {n}", site="Wire", id=f"x{n}") for n in range(extra)
    ]
    texts = page_texts(pdf_reader(render_pdf(briefing)))
    per_page = [len(re.findall(r"Further reading number \d+", t)) for t in texts]
    counts = [c for c in per_page if c]
    assert len(counts) >= 2, per_page  # the list does run over a page break
    assert counts[-1] >= 2, per_page


def test_short_cover_facts_stay_on_one_line_beside_a_long_organisation() -> None:
    from briefing.core.storage.library import Library

    briefing = coded_briefing(paragraphs=1)
    briefing.meta.organisation = "Ministry of Foreign Affairs — Policy Planning Staff"
    briefing.meta.audience = "Minister"
    reader = pdf_reader(render_pdf(briefing, brand=Library().brand("consultancy")))
    first = reader.pages[0].extract_text() or ""
    for fact in ("28 November 2026", "A. Analyst", "NB-2026-114"):
        assert fact in first, first[:600]


def test_no_line_ends_on_a_one_or_two_letter_fragment_of_a_word() -> None:
    briefing = coded_briefing(paragraphs=1)
    words = (
        "bilateral increasingly reliance reported investigators autumn increased "
        "telecommunications responsibilities internationalisation "
    )
    briefing.sections[1].markdown = " ".join([words * 6] * 4) + " [@s1]\n"
    text = "\n".join(p.extract_text() or "" for p in pdf_reader(render_pdf(briefing)).pages)
    assert re.search(r"(?<![A-Za-z-])[a-z]{1,2}-\n", text) is None
    assert re.search(r"[a-z]-\n", text)  # long words still hyphenate: the right edge stays even


def test_the_header_gives_the_label_its_width_and_the_rest_to_the_organisation() -> None:
    # Seen on the page: a long organisation name wrapped in a third of the header's width.
    from briefing.core.model.template import Brand

    briefing = coded_briefing(paragraphs=1)
    briefing.meta.organisation = "Ministry of Foreign Affairs — Policy Planning Staff"
    brand = Brand(id="b", name="B", header=["handling", "organisation"], footer=["page"])
    html = render_html(briefing, brand=brand)
    header = html[html.index('id="header"') : html.index('id="footer"')]
    cells = re.findall(r'<div class="(\w+)" style="width: ([\d.]+)mm">', header)
    assert [c for c, _ in cells] == ["left", "fill", "right"]
    widths = {c: float(w) for c, w in cells}
    assert widths["left"] > 60 and 25 < widths["right"] < 40
    assert sum(widths.values()) == pytest.approx(210 - 20 - 20, abs=0.5)
    assert '<div class="left" style="width' in header and "Ministry of Foreign Affairs" in header
    assert header.index("Ministry") < header.index('class="handling"')  # the label is right


def test_an_unjudged_confidence_is_a_dash_the_note_explains_in_every_export() -> None:
    briefing = coded_briefing(paragraphs=1)
    briefing.predictions[0].confidence = ""
    briefing.predictions[1].confidence = "high"
    cells = re.findall(r'<td class="p-confidence">(.*?)</td>', render_html(briefing))
    assert cells == ["—", "High"]
    rows = [r for r in render_markdown_document(briefing).splitlines() if "this month" in r]
    assert rows and "| — |" in rows[0]
