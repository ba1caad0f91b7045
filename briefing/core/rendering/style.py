"""The stylesheet for a brand: page, running header and footer, cover, body, callouts, tables.

Brand values are data from a possibly shared brand package, so every value that reaches the
CSS is validated (colours must be hex, sizes numbers, families a safe character set): a
brand can never smuggle ``url()`` or other CSS into the stylesheet.
"""

from __future__ import annotations

import base64
import re

from briefing.core.model.template import Brand, BrandColors
from briefing.core.rendering.fonts import (
    DEFAULT_BODY,
    DEFAULT_HEADING,
    family_stack,
    resolve_family,
)

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")

# FIRST TLP 2.0: the label is written in its colour on a black background.
TLP_COLOURS: dict[str, str] = {
    "TLP:CLEAR": "#FFFFFF",
    "TLP:WHITE": "#FFFFFF",
    "TLP:GREEN": "#33FF00",
    "TLP:AMBER": "#FFC000",
    "TLP:AMBER+STRICT": "#FFC000",
    "TLP:RED": "#FF2B2B",
}


def handling_colours(label: str) -> tuple[str, str]:
    """(text colour, background) for a handling label; non-TLP labels are white on black."""
    key = "".join(label.upper().split())
    return TLP_COLOURS.get(key, "#FFFFFF"), "#000000"


def _colour(value: str, fallback: str) -> str:
    return value if isinstance(value, str) and _HEX.match(value) else fallback


def _mm(value: object, fallback: float) -> float:
    if isinstance(value, (int, float)) and 5 <= value <= 60:
        return float(value)
    return fallback


def _tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white: ``amount`` of the colour, the rest white."""
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    rgb = [int(digits[i : i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(c * amount + 255 * (1 - amount)) for c in rgb]
    return "#" + "".join(f"{c:02X}" for c in mixed)


def watermark_css(brand: Brand, word: str = "DRAFT") -> str:
    """A page background with ``word`` set diagonally and faintly, on every page.

    A page background costs WeasyPrint one cached image; a fixed-position element was laid
    out again on every page (about 40 % of a 40-page render).
    """
    family = resolve_family(brand.fonts.heading, brand, DEFAULT_HEADING)
    accent = _colour(brand.colors.accent, BrandColors().accent)
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800" '
        'viewBox="0 0 600 800"><text x="300" y="400" text-anchor="middle" '
        'dominant-baseline="middle" transform="rotate(-35 300 400)" '
        f'font-family="{family}" font-weight="700" font-size="150" letter-spacing="12" '
        f'fill="{accent}" fill-opacity="0.06">{word}</text></svg>'
    )
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
    background = f'url("{uri}") no-repeat center / 165mm auto'
    return f"@media print {{ @page {{ background: {background}; }} }}"


def brand_css(brand: Brand) -> str:
    """CSS for the PDF (and, with the screen rules, the standalone HTML)."""
    d = BrandColors()
    primary = _colour(brand.colors.primary, d.primary)
    accent = _colour(brand.colors.accent, d.accent)
    text = _colour(brand.colors.text, d.text)
    muted = _colour(brand.colors.muted, d.muted)
    margins = brand.margins_mm if len(brand.margins_mm) == 4 else (22.0, 20.0, 22.0, 20.0)
    top, right, bottom, left = (_mm(m, 20.0) for m in margins)
    size = brand.page_size if brand.page_size in ("A4", "Letter") else "A4"
    page_height = 297.0 if size == "A4" else 279.4
    cover_height = max(60.0, page_height - top - bottom - 2)
    heading_family = resolve_family(brand.fonts.heading, brand, DEFAULT_HEADING)
    heading = family_stack(heading_family, "sans-serif")
    body = family_stack(resolve_family(brand.fonts.body, brand, DEFAULT_BODY), "serif")
    return (
        _BASE.replace("$PRIMARY", primary)
        .replace("$PTINT7", _tint(primary, 0.07))
        .replace("$PTINT4", _tint(primary, 0.04))
        .replace("$ATINT6", _tint(accent, 0.06))
        .replace("$ACCENT", accent)
        .replace("$TEXT", text)
        .replace("$MUTED", muted)
        .replace("$SIZE", size)
        .replace("$COVERH", f"{cover_height:.1f}mm")
        .replace("$MARGINS", f"{top}mm {right}mm {bottom}mm {left}mm")
        .replace("$HEADING", heading)
        .replace("$BODY", body)
    )


_BASE = """
@page {
  size: $SIZE;
  margin: $MARGINS;
  @top-center { content: element(header); width: 100%; vertical-align: bottom;
                padding-bottom: 4mm; }
  @bottom-center { content: element(footer); width: 100%; vertical-align: top;
                   padding-top: 4mm; }
}
@page cover { @top-center { content: element(header); } }
html { font-family: $BODY; font-size: 10.5pt; line-height: 1.45; color: $TEXT;
       font-variant-ligatures: common-ligatures; }
body { margin: 0; orphans: 3; widows: 3; }
h1, h2, h3, h4, h5, h6 { font-family: $HEADING; color: $PRIMARY; line-height: 1.2;
  break-after: avoid; page-break-after: avoid; break-inside: avoid; }
h1 { bookmark-level: none; }
h2 { bookmark-level: 1; font-size: 14pt; font-weight: 700; margin: 1.4em 0 0.5em;
     padding-bottom: 0.2em; border-bottom: 1.2pt solid $PRIMARY; }
h3 { bookmark-level: 2; font-size: 11.5pt; margin: 1.1em 0 0.3em; }
h4, h5, h6 { bookmark-level: none; font-size: 10.5pt; margin: 1em 0 0.2em; }
p { margin: 0 0 0.6em; text-align: left; hyphens: auto; hyphenate-character: "-";
    hyphenate-limit-chars: 7 3 3; }
a { color: $PRIMARY; text-decoration: none; }
ul, ol { margin: 0 0 0.6em; padding-left: 1.3em; }
li { margin-bottom: 0.2em; }
blockquote { margin: 0.6em 0 0.8em; padding: 0.1em 0 0.1em 0.9em; color: #333;
             border-left: 2.5pt solid $MUTED; font-style: italic; }
img.figure { max-width: 100%; max-height: 120mm; display: block; margin: 0.4em auto; }
.image-omitted { color: $MUTED; font-style: italic; }
sup.cite { font-family: $HEADING; font-size: 0.7em; line-height: 0; padding-left: 0.1em; }
sup.cite a, sup.footnote-ref a { color: $ACCENT; }
.cite-missing { color: $ACCENT; }

/* Running header and footer: running elements so the handling badge can be styled. */
.running { font-family: $HEADING; font-size: 8pt; color: $MUTED; width: 100%;
           border-collapse: collapse; table-layout: fixed; }
.running td { padding: 0; vertical-align: middle; width: 33.3%; }
.running td.half { width: 50%; }
.running td.narrow { width: 28%; }
.running td.wide { width: 72%; }
.running td.left { text-align: left; }
.running td.center { text-align: center; }
.running td.right { text-align: right; }
#header { position: running(header); }
#footer { position: running(footer); }
#header { border-bottom: 0.5pt solid #C9CED6; }
#header td { padding-bottom: 1.6mm; }
#footer { border-top: 0.5pt solid #C9CED6; }
#footer td { padding-top: 1.6mm; }
.org { text-transform: uppercase; letter-spacing: 0.08em; font-weight: 700; color: $PRIMARY; }
.handling { display: inline-block; font-family: $HEADING; font-weight: 700; font-size: 8.5pt;
            letter-spacing: 0.04em; padding: 0.6mm 2mm; border-radius: 0.6mm; }
.running-title { white-space: nowrap; }
.pageno::after { content: "Page " counter(page) " of " counter(pages); }

/* Cover block (first page) or cover page. */
.cover { margin: 0 0 7mm; }
.cover-band { background: $PRIMARY; color: #FFFFFF; padding: 7mm 8mm 6mm; }
.cover-top { display: table; width: 100%; }
.cover-top .kicker { display: table-cell; vertical-align: middle; font-family: $HEADING;
  text-transform: uppercase; letter-spacing: 0.14em; font-size: 8.5pt; font-weight: 700;
  color: #FFFFFF; opacity: 0.85; }
.cover-top .logo { display: table-cell; text-align: right; vertical-align: middle; }
.cover-top .logo img { max-height: 13mm; max-width: 55mm; }
.cover h1 { color: #FFFFFF; font-size: 23pt; font-weight: 700; margin: 4mm 0 0; border: 0; }
.cover .subtitle { font-family: $HEADING; font-size: 12.5pt; margin: 2.5mm 0 0;
                   color: #FFFFFF; opacity: 0.92; line-height: 1.3; }
.cover-rule { height: 1.6mm; background: $ACCENT; }
.cover-meta { display: table; width: 100%; margin-top: 3mm; font-family: $HEADING;
              font-size: 8.5pt; color: $MUTED; }
.cover-meta > div { display: table-cell; vertical-align: top; padding-right: 4mm; }
.cover-meta .label { display: block; text-transform: uppercase; letter-spacing: 0.08em;
                     font-size: 6.5pt; font-weight: 700; color: $PRIMARY; }
.cover-meta .value { color: $TEXT; font-size: 9pt; }
/* Short facts never break ("28 November / 2026"); organisation and audience may wrap. */
.cover-meta .fact-date .value, .cover-meta .fact-analyst .value,
.cover-meta .fact-reference .value { white-space: nowrap; }
.cover-meta .handling-cell { white-space: nowrap; }
.cover-meta .handling-cell { text-align: right; padding-right: 0; }
.cover.page { page: cover; break-after: page; height: $COVERH; position: relative;
              margin: 0; }
.cover.page .cover-band { padding: 34mm 10mm 16mm; }
.cover.page h1 { font-size: 30pt; }
.cover.page .subtitle { font-size: 14pt; margin-top: 4mm; }
.cover.page .cover-meta { position: absolute; bottom: 0; left: 0; font-size: 10pt;
                          border-top: 0.5pt solid #C9CED6; padding-top: 4mm; }
.cover.page .cover-meta .value { font-size: 10pt; }

/* Sections */
section.part { break-inside: auto; }
section.part > h2:first-child { margin-top: 0.9em; }
.placeholder { color: $MUTED; font-style: italic; }
/* Key Takeaway / Bottom line: the panel a busy reader's eye lands on. */
.takeaway { break-inside: avoid; background: $ATINT6; border-left: 2.5pt solid $ACCENT;
            padding: 3mm 4mm 1.5mm; margin: 0 0 1em; font-size: 11pt; line-height: 1.4; }
.takeaway ul { padding-left: 1.1em; }
.takeaway li { margin-bottom: 0.4em; }

/* Callouts */
aside.callout { break-inside: avoid; margin: 0.8em 0 1em; padding: 3mm 4mm 2mm;
  background: $PTINT7; border-left: 2.2pt solid $PRIMARY; }
aside.callout .callout-label { font-family: $HEADING; font-weight: 700; font-size: 8pt;
  text-transform: uppercase; letter-spacing: 0.1em; color: $PRIMARY; margin-bottom: 1mm;
  break-after: avoid; }
aside.callout-key-takeaway, aside.callout-bottom-line, aside.callout-bluf {
  border-left-color: $ACCENT; background: $ATINT6; }
aside.callout-key-takeaway .callout-label, aside.callout-bottom-line .callout-label,
aside.callout-bluf .callout-label { color: $ACCENT; }
aside.callout p:last-child { margin-bottom: 0.4em; }

/* An analyst's check note (sources disagree): plainly not content, until it is deleted. */
aside.check { break-inside: avoid; margin: 0.8em 0 1em; padding: 2.5mm 4mm 1.5mm;
  border: 1pt dashed $ACCENT; background: #FFF7E0; font-family: $HEADING; font-size: 9pt; }
aside.check .check-label { font-weight: 700; font-size: 7.5pt; text-transform: uppercase;
  letter-spacing: 0.1em; color: $ACCENT; margin-bottom: 1mm; break-after: avoid; }
aside.check p:last-child { margin-bottom: 0.4em; }

/* FAQ pairs */
.qa { break-inside: avoid; margin: 0 0 0.9em; }
.qa-question { font-family: $HEADING; font-weight: 700; color: $PRIMARY; margin-bottom: 0.2em;
               break-after: avoid; }
.qa-answer { margin-left: 0; }

/* Tables */
table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-size: 9pt;
        line-height: 1.35; }
th { font-family: $HEADING; font-weight: 700; text-align: left; color: #FFFFFF;
     background: $PRIMARY; padding: 1.6mm 2mm; vertical-align: bottom; }
td { padding: 1.6mm 2mm; vertical-align: top; border-bottom: 0.5pt solid #C9CED6; }
tbody tr:nth-child(even) td { background: $PTINT4; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
table.predictions { table-layout: fixed; }  /* no content measuring: fast and steady */
table.predictions td ul { margin: 0; padding-left: 1em; }
table.predictions .p-likelihood { font-family: $HEADING; font-weight: 700; }
.likelihood-flag { display: block; font-weight: 400; font-size: 7.5pt; color: $ACCENT; }
.p-likelihood.flagged { border-left: 2pt solid $ACCENT; }
.scale-note { font-size: 7.5pt; color: $MUTED; }

/* Footnotes and sources */
hr.footnotes-sep { border: 0; border-top: 0.5pt solid #C9CED6; width: 30%; margin: 1em 0 0.4em 0; }
section.footnotes { font-size: 8.5pt; }
.footnote-backref { display: none; }
section.sources { break-before: auto; margin-top: 1.6em; }
section.sources ol { font-size: 8.5pt; line-height: 1.35; padding-left: 1.8em; }
section.sources li { margin-bottom: 0.45em; break-inside: avoid; }
/* No Sources list starts with one entry under its heading or ends with one alone on a page. */
section.sources li:nth-child(2), section.sources li:last-child { break-before: avoid; }
section.sources .url { color: $MUTED; word-break: break-all; }

/* DRAFT watermark: an SVG page background (see watermark_css); the element shows on screen. */
.watermark { display: none; }

@media screen {
  body { max-width: 46em; margin: 2em auto; padding: 0 1.5em; }
  #header, #footer { display: none; }
  .watermark { display: block; font-family: $HEADING; font-weight: 700; font-size: 10pt;
               color: $ACCENT; letter-spacing: 0.1em; }
}
"""
