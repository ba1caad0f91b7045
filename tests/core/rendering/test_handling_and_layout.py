"""Handling labels as TLP 2.0 asks, classification banners, portion marks, citation styles,
the compact and contents layouts, and the tighter layout that saves a last page."""

from __future__ import annotations

import io
import re

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTTextContainer
from render_helpers import coded_briefing, page_texts, pdf_reader

from briefing.core.model.document import Briefing
from briefing.core.model.template import Brand, Classification, Template
from briefing.core.rendering.document_html import render_html, render_html_parts
from briefing.core.rendering.pdf import laid_out, last_page_fill, render_pdf

MM = 72 / 25.4


def _labels(pdf: bytes, label: str) -> list[list[tuple[float, float, float, float]]]:
    """Per page, each run of ``label``: (top from the page's top, right edge, left, size) in pt."""
    out = []
    for page in extract_pages(io.BytesIO(pdf)):
        found = []
        for box in page:
            if not isinstance(box, LTTextContainer):
                continue
            for line in box:
                # Letters alone: a letter-spaced banner reads "O F F I C I A L" otherwise.
                chars = [c for c in line if isinstance(c, LTChar) and c.get_text().strip()]
                text = "".join(c.get_text() for c in chars)
                if label not in text:
                    continue
                start = text.index(label)
                run = chars[start : start + len(label)]
                found.append(
                    (page.height - run[0].y1, run[-1].x1, run[0].x0, max(c.size for c in run))
                )
        out.append(found)
    return out


def test_the_tlp_label_is_once_in_each_header_and_footer_right_justified_in_12_pt() -> None:
    briefing = coded_briefing(paragraphs=14)
    brand = Brand(id="b", name="B", header=["handling", "organisation"])  # label listed first
    pdf = render_pdf(briefing, brand=brand)
    pages = _labels(pdf, "TLP:AMBER")
    width, right = 210 * MM, 20 * MM
    assert len(pages) >= 2
    for number, found in enumerate(pages, start=1):
        header = [f for f in found if f[0] < 22 * MM]
        footer = [f for f in found if f[0] > (297 - 22) * MM]
        assert len(header) == 1 and len(footer) == 1, (number, found)
        for _top, x1, _x0, size in header + footer:
            assert size >= 12, (number, size)
            assert abs(x1 - (width - right)) < 3 * MM, (number, x1)  # right-justified


def test_a_template_classification_is_a_centred_banner_top_and_bottom_with_portion_marks() -> None:
    briefing = coded_briefing(paragraphs=2)
    briefing.template = Template(
        id="t",
        name="T",
        classifications=[
            Classification("OFFICIAL-SENSITIVE", "#FFFFFF", "#7A1F1F", portion="OS", top=True),
        ],
        portion_marks=True,
    )
    briefing.meta.handling = "official-sensitive"
    html = render_html(briefing)
    assert html.count('class="banner" style="color: #FFFFFF; background: #7A1F1F"') == 2
    assert 'class="handling"' not in html  # the banner replaces the TLP-style label
    pdf = render_pdf(briefing)
    found = _labels(pdf, "OFFICIAL-SENSITIVE")[0]
    banners = [f for f in found if f[0] < 22 * MM or f[0] > (297 - 22) * MM]
    assert len(banners) == 2
    for _top, x1, x0, size in banners:
        assert size >= 12 and abs((x0 + x1) / 2 - 105 * MM) < 3 * MM  # centred
    text = " ".join(page_texts(pdf_reader(pdf)))
    assert "(OS) Paragraph 1:" in text and "(OS) Yes, both sides need it." in text
    assert text.count("(OS)") >= 5


def test_an_analysts_own_portion_mark_is_kept() -> None:
    briefing = coded_briefing(paragraphs=1)
    briefing.template = Template(id="t", name="T", portion_marks=True)
    briefing.sections[1].markdown = "(U) Unclassified remark. [@s1]\n\nNext paragraph. [@s1]"
    html = render_html(briefing)
    assert "(U) Unclassified remark." in html and "(TLP:AMBER)</span> (U)" not in html
    assert '<span class="portion">(TLP:AMBER)</span> Next paragraph.' in html


def _three_sources() -> Briefing:
    briefing = coded_briefing(paragraphs=6)
    briefing.sources[1].authors = ["Mary Chen"]
    return briefing


def test_endnotes_mark_each_run_once_and_link_to_the_full_references() -> None:
    html = render_html(_three_sources(), brand=Brand(id="e", name="E"))
    background = html[html.index('id="sec-background"') : html.index('id="sec-faq"')]
    # Six paragraphs from source 1 in a row: one mark, after the last; then source 2's.
    assert background.count('<a href="#source-1">1</a>') == 1
    assert background.index("Paragraph 6") < background.index('href="#source-1"')
    entry = html[html.index('<li id="source-1">') :]
    assert entry.startswith(
        '<li id="source-1">James Carter, “US-Japan Relations Under Trump 2.0”, <i>World News</i>'
        ', 20 November 2026. <a class="url" href="https://example.com/a">'
    )


def test_footnotes_give_the_reference_in_full_first_then_short() -> None:
    brand = Brand(id="f", name="F", citations="footnotes")
    html = render_html(_three_sources(), brand=brand)
    notes = re.findall(r'<span class="fn">(.*?)</span>(?=</p>|<|\s|$)', html)
    carter = [n for n in notes if "Carter" in n]
    assert carter and "<i>World News</i>" in carter[0] and "https://example.com/a" in carter[0]
    assert all(n.startswith("Carter, “US-Japan Relations Under Trump 2.0”.") for n in carter[1:])
    text = " ".join(page_texts(pdf_reader(render_pdf(_three_sources(), brand=brand))))
    assert "1. James Carter, “US-Japan Relations Under Trump 2.0”, World News" in text


def test_a_multi_citation_is_one_mark_naming_every_source() -> None:
    briefing = coded_briefing(paragraphs=1)
    briefing.sections[1].markdown = "Both agree on the date. [@s1; @s2]"
    endnote = render_html(briefing)
    assert '<sup class="cite"><a href="#source-1">1</a>,<a href="#source-2">2</a></sup>' in endnote
    footnote = render_html(briefing, brand=Brand(id="f", name="F", citations="footnotes"))
    # One footnote: Carter short (given in full in the summary above), Tokyo's in full.
    assert (
        '<span class="fn">Carter, “US-Japan Relations Under Trump 2.0”. “Tariffs and Tokyo”, '
        "<i>Econ Daily</i>." in footnote
    )


def test_a_one_page_template_gets_the_compact_title_line() -> None:
    briefing = coded_briefing(paragraphs=1)
    briefing.template = Template(id="note", name="One-page note", page_budget=1)
    html, _css = render_html_parts(briefing)
    assert '<header class="cover compact">' in html and "cover-band" not in html
    assert '<p class="cover-meta-line">' in html


@pytest.mark.parametrize(("threshold", "expected"), [(2, True), (30, False)])
def test_a_long_briefing_gets_a_table_of_contents_with_page_numbers(
    threshold: int, expected: bool
) -> None:
    briefing = coded_briefing(paragraphs=30)
    brand = Brand(id="c", name="C", toc_min_pages=threshold)
    text = page_texts(pdf_reader(render_pdf(briefing, brand=brand)))[0]
    assert ("CONTENTS" in text) is expected
    if expected:
        assert re.search(r"Background\s*\.+\s*\d", text), text[:800]


def test_a_last_page_of_a_few_lines_is_saved_by_the_tighter_layout() -> None:
    """Search the paragraph count where the normal layout spills a few lines over."""
    for paragraphs in range(6, 30):
        briefing = coded_briefing(paragraphs=paragraphs)
        html, css = render_html_parts(briefing)
        normal = laid_out(html, css)
        if len(normal.pages) < 2 or last_page_fill(normal) >= 0.1:
            continue
        tight = laid_out(*render_html_parts(briefing, fit=True))
        if len(tight.pages) < len(normal.pages):
            assert len(pdf_reader(render_pdf(briefing)).pages) == len(tight.pages)
            return
    pytest.fail("no paragraph count spilled a few lines onto a last page")


def test_a_pasted_source_is_referenced_with_what_the_paste_gave() -> None:
    from briefing.core.importing import import_text
    from briefing.core.rendering.references import full_reference

    paste = (
        "Home » World » Cable cuts off Svalbard\n\nCable cuts off Svalbard\n\n"
        "By Ingrid Solberg\n\nMarch 14, 2026\n\n"
        "Two cables were cut in January, and Norway now weighs seabed patrols by drones.\n\n"
        "Officials say a decision is expected before the summer recess of parliament.\n\n"
        "Source: https://northern.example.org/cables\n"
    )
    article = import_text(paste)
    article.accessed = "2026-03-15"
    assert full_reference(article) == (
        "Ingrid Solberg, “Cable cuts off Svalbard”, 14 March 2026. "
        '<a class="url" href="https://northern.example.org/cables">'
        "https://northern.example.org/cables</a> (accessed 15 March 2026)."
    )
    article.url = None
    assert full_reference(article).endswith("14 March 2026. Pasted text, accessed 15 March 2026.")
