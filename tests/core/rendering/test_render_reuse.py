"""The preview's fast path: the stylesheet kept apart and parsed once, the outline taken
from the layout. Both must give exactly the pages and bookmarks of the plain path."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from render_helpers import coded_briefing, page_texts, pdf_reader

from briefing.core.rendering import font_programs, pdf
from briefing.core.rendering.document_html import render_html, render_html_parts
from briefing.core.rendering.pdf import html_to_pdf, render_pdf_with_outline
from briefing.core.storage.library import Library
from briefing.core.worker.service import pdf_structure


def test_parts_are_the_html_with_its_stylesheet_taken_out() -> None:
    briefing = coded_briefing()
    html, css = render_html_parts(briefing)
    whole = render_html(briefing)
    assert "<style>" not in html and "@font-face" in css and "@page" in css
    assert whole == html.replace("</head>", f"<style>{css}</style></head>", 1)


def test_stylesheet_apart_gives_the_same_pages_as_the_embedded_one() -> None:
    briefing = coded_briefing(paragraphs=8)
    html, css = render_html_parts(briefing)
    apart = pdf_reader(html_to_pdf(html, css=css))
    embedded = pdf_reader(html_to_pdf(render_html(briefing)))
    assert len(apart.pages) == len(embedded.pages) >= 2
    assert page_texts(apart) == page_texts(embedded)
    assert [_fonts(p) for p in apart.pages] == [_fonts(p) for p in embedded.pages]


def _fonts(page: Any) -> list[str]:
    """The page's font names without their subset tags (``ABCDEF+XCharter`` -> ``XCharter``)."""
    fonts = page["/Resources"]["/Font"]
    return sorted(str(f.get_object()["/BaseFont"]).split("+", 1)[-1] for f in fonts.values())


def test_a_stylesheet_is_parsed_once_per_brand_and_status() -> None:
    briefing = coded_briefing()
    render_pdf_with_outline(briefing)
    config = pdf._font_config(render_html_parts(briefing)[1])
    sheets = pdf._SHEETS[config]
    sheets.clear()
    render_pdf_with_outline(briefing)
    assert len(sheets) == 1
    parsed = next(iter(sheets.values()))
    edited = copy.deepcopy(briefing)
    edited.sections[1].markdown += "\n\nOne more paragraph typed in the editor."
    render_pdf_with_outline(edited)
    assert list(sheets.values()) == [parsed], "an edit to the text reuses the parsed stylesheet"
    edited.meta.status = "final"  # no watermark: another stylesheet, same fonts
    render_pdf_with_outline(edited)
    assert len(sheets) == 2 and parsed in sheets.values()


def test_outline_from_the_layout_matches_the_pdf_bookmarks() -> None:
    library = Library()
    for brand in library.brands():
        briefing = coded_briefing(paragraphs=10)
        data, pages, outline = render_pdf_with_outline(briefing, brand=brand)
        assert (pages, outline) == pdf_structure(data), brand.id
        assert pages >= 2 and [e[0] for e in outline].count(1) >= 4


def _font_programs(data: bytes) -> dict[str, bytes]:
    """Embedded font programs by font name (subset tag dropped)."""
    out: dict[str, bytes] = {}
    for page in pdf_reader(data).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            for key in ("/FontFile2", "/FontFile3", "/FontFile"):
                if key in descriptor:
                    out[name] = descriptor[key].get_object().get_data()
    return out


def test_kept_font_programs_are_the_ones_weasyprint_would_embed() -> None:
    briefing = coded_briefing()  # emoji flags: with a colour emoji font, it is cleaned too
    font_programs.forget()
    fresh = render_pdf_with_outline(briefing)[0]
    kept = dict(font_programs._PROGRAMS)
    assert len(kept) >= 3
    again = render_pdf_with_outline(briefing)[0]
    assert dict(font_programs._PROGRAMS) == kept, "the same glyphs reuse the same programs"
    programs = _font_programs(fresh)
    assert _font_programs(again) == programs
    edited = copy.deepcopy(briefing)
    edited.title += " Ωmega"  # a glyph not used before: that font is cleaned again
    render_pdf_with_outline(edited)
    assert len(font_programs._PROGRAMS) > len(kept)


def test_the_colour_emoji_font_program_is_kept_and_embedded_too() -> None:
    from briefing.core.rendering.fonts import emoji_font

    if emoji_font() is None:
        pytest.skip("no colour emoji font installed (Debian/Ubuntu: fonts-noto-color-emoji)")
    briefing = coded_briefing()  # the title's flags use the colour emoji font
    font_programs.forget()
    fresh = render_pdf_with_outline(briefing)[0]
    again = render_pdf_with_outline(briefing)[0]
    assert any("Emoji" in name for name in _font_programs(fresh))
    assert _font_programs(again) == _font_programs(fresh)


def test_fonts_of_renders_outside_briefing_are_cleaned_as_usual() -> None:
    import weasyprint

    font_programs.forget()
    weasyprint.HTML(string="<p style='font-family: serif'>Plain WeasyPrint</p>").write_pdf()
    assert not font_programs._PROGRAMS
