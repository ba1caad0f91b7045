"""The running header and footer of every page, with the handling label or banner.

TLP 2.0: the label in the header and in the footer of every page, right-justified, in 12-point
capitals, in its colour on black, once in each place. A classification a template defines is
a centred banner across the top and/or bottom instead. The other fields a brand chooses share
the rest of the line: facts (organisation, date, reference) on the left, the page number in the
middle of a footer, and the title taking whatever room is left, cut with an ellipsis only when
it truly does not fit.
"""

from __future__ import annotations

from html import escape

from briefing.core.model.document import Briefing
from briefing.core.model.handling import Marking
from briefing.core.model.template import Brand
from briefing.core.rendering.fields import date_text, required_fields, running_fields, running_title
from briefing.core.rendering.style import safe_colour

_PAGE_MM = {"A4": 210.0, "Letter": 215.9}
_LABEL_PT = 12.0  # TLP: 12-point type or larger
_SMALL_PT = 8.0


def _text_mm(text: str, size_pt: float, em: float) -> float:
    """A width estimate: ``em`` of the size per character (a little generous)."""
    return len(text) * size_pt * em * 0.3528


def _colours(marking: Marking) -> str:
    fg = safe_colour(marking.text_color, "#FFFFFF")
    return f"color: {fg}; background: {safe_colour(marking.background, '#000000')}"


def label_html(marking: Marking) -> str:
    """The handling label as TLP sets it: its colour on black (or the marking's colours)."""
    return f'<span class="handling" style="{_colours(marking)}">{escape(marking.label)}</span>'


def _facts(briefing: Briefing, fields: list[str]) -> list[tuple[str, str]]:
    meta = briefing.meta
    values = {
        "organisation": meta.organisation,
        "date": date_text(meta.date),
        "reference": meta.reference,
    }
    return [(f, " ".join(values[f].split())) for f in fields if values.get(f, "").strip()]


def running_html(briefing: Briefing, brand: Brand, marking: Marking | None, element_id: str) -> str:
    """The header (``element_id="header"``) or footer (``"footer"``) as a running element."""
    footer = element_id == "footer"
    chosen = brand.footer if footer else brand.header
    fields = running_fields(chosen, required_fields(element_id))
    banner = marking is not None and marking.banner
    margins = brand.margins_mm if len(brand.margins_mm) == 4 else (22.0, 20.0, 22.0, 20.0)
    width = _PAGE_MM.get(brand.page_size, 210.0) - margins[1] - margins[3]

    facts = _facts(briefing, fields)
    fact_html = ' <span class="sep">·</span> '.join(
        f'<span class="{name}">{escape(value)}</span>' for name, value in facts
    )
    fact_mm = sum(
        _text_mm(value, _SMALL_PT, 0.68 if name == "organisation" else 0.55)
        for name, value in facts
    ) + 4.0 * len(facts)
    cells: list[tuple[str, str, float | None]] = []  # (class, html, width mm or None = rest)
    label_mm = 0.0
    if marking is not None and not banner and "handling" in fields:
        label_mm = _text_mm(marking.label, _LABEL_PT, 0.66) + 6.0
    title = ""
    if "title" in fields:
        title = f'<div class="running-title">{escape(running_title(briefing.title))}</div>'
    page = '<span class="pageno"></span>' if "page" in fields else ""
    if page and not title:
        side = min(max(fact_mm, label_mm, 30.0), width * 0.4)
        cells = [("left", fact_html, side), ("center", page, None), ("right", "", side)]
    else:
        if fact_html:
            cells.append(("left", fact_html, min(fact_mm, width * 0.55)))
        if title:
            cells.append(("title", title, None))
        if page:
            cells.append(("center", page, 28.0))
        if not title:
            cells.append(("fill", "", None))
        cells.append(("right", "", max(label_mm, 1.0)))
    if label_mm and marking is not None:
        cells[-1] = ("right", label_html(marking), cells[-1][2])
    fixed = sum(w for _, _, w in cells if w is not None)
    flexible = [c for c in cells if c[2] is None]
    rest = max(width - fixed, 10.0) / max(len(flexible), 1)
    tds = "".join(
        f'<div class="{cls}" style="width: {(w if w is not None else rest):.1f}mm">{html}</div>'
        for cls, html, w in cells
    )
    row = f'<div class="running-row"><div class="row">{tds}</div></div>'
    band = ""
    if banner and marking is not None and (marking.bottom if footer else marking.top):
        band = f'<div class="banner" style="{_colours(marking)}">{escape(marking.label)}</div>'
    inner = f"{row}{band}" if footer else f"{band}{row}"
    return f'<div class="running" id="{element_id}" role="presentation">{inner}</div>'
