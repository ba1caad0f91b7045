"""The cover: what a reader takes in at a glance before reading on.

Three layouts, one markup:

- ``block``: a title band across the top of page 1, the metadata strip, the summary box, and
  the text starts below (the default: a 2-4 page note does not spend a page on its cover);
- ``page``: the same on a page of its own (brands that ask for a cover page);
- ``compact``: no band, a title line and a one-line strip, for one-page notes.

The summary box holds the briefing's key takeaway or bottom line (the section the template
fills with them), so it is read first and not repeated below. The metadata strip shows what
is filled in, always with the status, in equal cells spread across the page, so two facts sit
as balanced as six. Under the strip, a line says what the handling label allows (TLP's own
definitions, or the template's wording for its classifications).
"""

from __future__ import annotations

from html import escape
from typing import Literal

from briefing.core.model.document import Briefing
from briefing.core.model.handling import Marking
from briefing.core.model.template import Brand
from briefing.core.rendering.fields import cover_facts
from briefing.core.rendering.image_limits import MAX_LOGO_PIXELS, data_uri_refusal
from briefing.core.rendering.markdown import SAFE_IMAGE
from briefing.core.rendering.text import inline

Layout = Literal["block", "page", "compact"]


def cover_layout(briefing: Briefing, brand: Brand) -> Layout:
    """``page`` when the brand asks for a cover page, ``compact`` for one-page templates."""
    if brand.cover_page:
        return "page"
    if briefing.template is not None and briefing.template.page_budget == 1:
        return "compact"
    return "block"


def metadata_strip(briefing: Briefing, layout: Layout, marking: Marking | None = None) -> str:
    """The facts (see :func:`cover_facts`) in equal cells: one row up to four, two rows for
    five to seven, so two facts sit as balanced as seven."""
    facts = cover_facts(briefing.meta, marking)
    cells = [
        f'<div class="fact fact-{label.lower()}"><span class="label">{label}</span>'
        f'<span class="value">{inline(value)}</span></div>'
        for label, value in facts
    ]
    if layout == "compact":
        items = " <span class='sep'>·</span> ".join(
            f'<span class="fact-{label.lower()}">{inline(value)}</span>' for label, value in facts
        )
        return f'<p class="cover-meta-line">{items}</p>'
    per_row = len(cells) if len(cells) <= 4 else (len(cells) + 1) // 2
    rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
    if len(rows) > 1 and len(rows[-1]) < per_row:
        rows[-1] += ['<div class="fact"></div>'] * (per_row - len(rows[-1]))
    # Laid out as a table by CSS, not a <table>: a tagged PDF then holds no layout tables.
    body = "".join(f'<div class="row">{"".join(row)}</div>' for row in rows)
    return f'<div class="cover-meta">{body}</div>'


def _handling_statement(marking: Marking | None) -> str:
    if marking is None or not marking.meaning or marking.label == "TLP:CLEAR":
        return ""
    return (
        f'<p class="handling-statement"><span class="handling-name">{escape(marking.label)}'
        f"</span> {escape(marking.meaning)}</p>"
    )


def _logo(brand: Brand) -> str:
    if not brand.logo or not SAFE_IMAGE.match(brand.logo):
        return ""
    if data_uri_refusal(brand.logo, MAX_LOGO_PIXELS):  # judged by what it expands to
        return ""
    alt = " ".join(brand.logo_alt.split()) or f"{brand.name} logo"
    return f'<img class="logo-img" src="{escape(brand.logo)}" alt="{escape(alt)}">'


def cover_html(
    briefing: Briefing,
    brand: Brand,
    *,
    layout: Layout,
    summary: str = "",
    marking: Marking | None = None,
    contents: str = "",
) -> str:
    """The cover's HTML; ``summary`` is the summary box's HTML (rendered by the caller) and
    ``contents`` the list of sections a cover page shows under it."""
    kicker = escape(briefing.template.name if briefing.template else "Briefing note")
    title = inline(briefing.title or "Untitled briefing")
    subtitle = f'<p class="subtitle">{inline(briefing.subtitle)}</p>' if briefing.subtitle else ""
    logo = _logo(brand)
    strip = metadata_strip(briefing, layout, marking)
    statement = _handling_statement(marking)
    if layout == "compact":
        return (
            f'<header class="cover compact"><div class="cover-top">'
            f'<div class="kicker">{kicker}</div><div class="logo">{logo}</div></div>'
            f"<h1>{title}</h1>{subtitle}{strip}</header>{summary}"
        )
    band = (
        f'<div class="cover-band"><div class="cover-top"><div class="kicker">{kicker}</div>'
        f'<div class="logo">{logo}</div></div><h1>{title}</h1>{subtitle}</div>'
        '<div class="cover-rule"></div>'
    )
    if layout == "page":
        return (
            f'<header class="cover page">{band}{summary}{contents}'
            f'<div class="cover-foot">{strip}{statement}</div></header>'
        )
    return f'<header class="cover block">{band}{strip}{statement}</header>{summary}'
