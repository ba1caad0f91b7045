"""Fonts, emoji fallback, handling-label colours and running header/footer fields."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from render_helpers import FLAGS, coded_briefing, page_texts, pdf_reader

from briefing.core.model.handling import marking
from briefing.core.model.template import Brand, BrandColors, BrandFonts
from briefing.core.rendering import fonts as fonts_module
from briefing.core.rendering.document_html import render_html
from briefing.core.rendering.emoji import emoji_spans, plain_emoji, strip_emoji
from briefing.core.rendering.fields import running_fields
from briefing.core.rendering.fonts import (
    available_families,
    font_face_css,
    licence_files,
    resolve_family,
)
from briefing.core.rendering.pdf import render_pdf
from briefing.core.rendering.style import brand_css


def test_default_brand_fonts_are_bundled_with_their_licences() -> None:
    families = available_families()
    defaults = BrandFonts()
    assert defaults.heading in families and defaults.body in families
    licences = licence_files()
    assert all(family in licences for family in families)
    assert "Fontin" not in families  # shipped without a licence text


def test_font_faces_load_only_what_the_text_needs() -> None:
    brand = Brand(id="b", name="B")
    latin = font_face_css(brand, "Plain English text")
    assert latin.count("@font-face") == 8  # heading and body, four styles each
    assert "NotoSansJP" not in latin
    japanese = font_face_css(brand, "高市早苗首相とトランプ大統領")
    assert "NotoSansJP" in japanese and "NotoSansSC" in japanese


def test_unknown_or_hostile_families_fall_back_to_bundled_ones() -> None:
    brand = Brand(
        id="b", name="B", fonts=BrandFonts(heading='X"; } body { color: red', body="Nope")
    )
    assert resolve_family(brand.fonts.heading, brand, "Source Sans 3") == "Source Sans 3"
    css = brand_css(brand)
    assert "color: red" not in css and '"XCharter"' in css
    user = Brand(
        id="u",
        name="U",
        fonts=BrandFonts(heading="House", files={"House": "data:font/ttf;base64,AAEAAAAA"}),
    )
    assert 'font-family: "House"; src: url("data:font/ttf;base64,AAEAAAAA")' in font_face_css(user)
    hostile = Brand(id="h", name="H", fonts=BrandFonts(files={"Evil": "file:///etc/passwd"}))
    assert "/etc/passwd" not in font_face_css(hostile)


def test_brand_colours_must_be_hex() -> None:
    brand = Brand(id="b", name="B", colors=BrandColors(primary="url(x)", accent="#00A19A"))
    css = brand_css(brand)
    assert "url(x)" not in css and "#00A19A" in css and BrandColors().primary in css


@pytest.mark.parametrize(
    ("label", "colour"),
    [
        ("TLP:CLEAR", "#FFFFFF"),
        ("TLP:GREEN", "#33FF00"),
        ("TLP:AMBER", "#FFC000"),
        ("tlp:amber+strict", "#FFC000"),
        ("TLP:RED", "#FF2B2B"),
        ("OFFICIAL-SENSITIVE", "#FFFFFF"),
    ],
)
def test_handling_labels_use_first_tlp_colours_on_black(label: str, colour: str) -> None:
    found = marking(label)
    assert found is not None
    assert (found.text_color, found.background) == (colour, "#000000")


def test_running_fields_always_carry_the_handling_label_last_and_the_page_number() -> None:
    assert running_fields(["organisation", "title"], ("handling",)) == [
        "organisation",
        "title",
        "handling",
    ]
    # TLP: the label is right-justified, whatever order the brand lists it in.
    assert running_fields(["handling", "organisation"], ("handling",)) == [
        "organisation",
        "handling",
    ]
    footer = running_fields(["date", "reference", "title"], ("handling", "page"))
    assert footer == ["date", "reference", "title", "handling", "page"][:3] + ["page", "handling"]
    assert running_fields([], ("handling", "page")) == ["page", "handling"]
    assert running_fields(["bogus", "handling"], ("handling",)) == ["handling"]


def test_plain_emoji_writes_flags_as_country_codes() -> None:
    assert plain_emoji(f"Talks {FLAGS}") == "Talks [JP][US]"
    assert plain_emoji("Thumbs \U0001f44d\U0001f3fd up") == "Thumbs [thumbs up sign] up"
    assert plain_emoji("No emoji, 2026 #1 ✓") == "No emoji, 2026 #1 ✓"


def test_emoji_spans_leave_digits_and_text_symbols_alone() -> None:
    spans = emoji_spans(f"Year 2026 #1 ✓ {FLAGS}")
    assert spans == [("Year 2026 #1 ✓ ", False), (FLAGS[:2], True), (FLAGS[2:], True)]


def test_without_an_emoji_font_the_pdf_shows_country_codes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fonts_module, "emoji_font", lambda: None)
    monkeypatch.setattr("briefing.core.rendering.text.emoji_font", lambda: None)
    briefing = coded_briefing(paragraphs=1)
    briefing.sections[1].markdown += f"\n\nFlags in text {FLAGS}."
    html = render_html(briefing)
    # Set as small capitals in a thin frame, not "[JP]": see the .flag-code rule.
    assert '<span class="flag-code">JP</span><span class="flag-code">US</span>' in html
    texts = page_texts(pdf_reader(render_pdf(briefing)))
    assert "Possible Friday Talks JP US" in texts[0]
    assert re.search(r"Flags in text JP US ?\.", " ".join(texts))
    assert "\U0001f1ef" not in " ".join(texts)
    assert "[JP]" not in " ".join(texts)


def test_running_headers_and_references_carry_no_emoji() -> None:
    assert strip_emoji(f"Possible Friday Talks {FLAGS}") == "Possible Friday Talks"
    assert strip_emoji("Go \U0001f44d\U0001f3fd now") == "Go now"
    briefing = coded_briefing(paragraphs=1)
    briefing.sources[0].title += f" {FLAGS}"
    html = render_html(briefing, brand=Brand(id="b", name="B", header=["title"]))
    header = html[html.index('id="header"') : html.index('id="footer"')]
    assert "Possible Friday Talks</div>" in header and "\U0001f1ef" not in header
    sources = html[html.index('id="sources"') :]
    assert "\U0001f1ef" not in sources


def test_cli_warns_when_harfbuzz_subset_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from briefing.cli import main
    from briefing.core.storage.document_io import save_briefing

    monkeypatch.setattr("briefing.core.rendering.fonts.harfbuzz_subset_available", lambda: False)
    save_briefing(coded_briefing(paragraphs=1), tmp_path / "n.briefing")
    assert main(["export", str(tmp_path / "n.briefing"), "-o", str(tmp_path / "n.pdf")]) == 0
    assert "libharfbuzz-subset0 is not installed" in capsys.readouterr().err


def test_built_in_brands_draw_every_glyph_with_their_own_fonts() -> None:
    """No fallback font sneaks in (WeasyPrint's default hyphen U+2010 once fell to DejaVu)."""
    from briefing.core.storage.library import Library

    for brand in Library().brands():
        if not brand.builtin:
            continue
        briefing = coded_briefing(paragraphs=2)
        long_words = "counterintelligence internationalisation telecommunications "
        briefing.sections[1].markdown += "\n\n" + long_words * 30  # forces hyphenation
        reader = pdf_reader(render_pdf(briefing, brand=brand))
        used = {
            str(font.get_object()["/BaseFont"]).split("+", 1)[-1]
            for page in reader.pages
            for font in page["/Resources"]["/Font"].values()
        }
        allowed = [f.replace(" ", "") for f in (brand.fonts.heading, brand.fonts.body)]
        strays = {
            name
            for name in used
            if "Emoji" not in name and not any(a in name.replace("-", "") for a in allowed)
        }
        assert not strays, (brand.id, strays)
