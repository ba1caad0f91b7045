"""How many pages a briefing will take, estimated from its text and the brand's page metrics.

Drafting has to fit the template's page budget, and a real render takes seconds, so the
draft is measured in *lines of body text* instead: each paragraph, heading, list, callout,
Q&A pair, prediction row and source entry costs the lines its text wraps to at the brand's
page width and margins (fonts and spacing as in :mod:`briefing.core.rendering.style`), and a
page holds the lines its text height does. The estimate errs on the long side (blocks that
may not break leave part of a page empty), so a draft that fits the estimate fits the page
budget; the test suite renders real PDFs to check it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from briefing.core.model import markup
from briefing.core.model.document import Briefing, Prediction, Section
from briefing.core.model.template import Brand

__all__ = ["PageMetrics", "estimate_lines", "metrics_for", "section_lines"]

_PAGE_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
BODY_LINE_MM = 10.5 * 1.45 * 25.4 / 72  # 10.5 pt type on 1.45 leading
CHARS_PER_MM = 0.6  # body type, a little under what XCharter sets (about 0.61)
FILL = 0.97  # share of a page's lines a flowing document fills (keep-together blocks)
_MARKUP = re.compile(r"\*\*|__|(?<!\w)[*_](?!\s)|`|\]\([^)]*\)|!?\[")


@dataclass(frozen=True)
class PageMetrics:
    """The text block of the brand's page, in body lines and characters per line."""

    lines_per_page: float
    chars_per_line: float
    cover_page: bool = False

    def lines(self, text: str, *, scale: float = 1.0, width: float = 1.0) -> float:
        """Lines ``text`` wraps to, in body lines: ``scale`` is its type size against the
        body's (leading included), ``width`` the share of the text width it may use."""
        chars = len(_plain(text))
        per_line = max(10.0, self.chars_per_line * width / scale)
        return math.ceil(chars / per_line) * scale if chars else 0.0


def _plain(text: str) -> str:
    no_cites = markup.CITATION.sub("00", text)  # a superscript number or two
    return " ".join(_MARKUP.sub("", no_cites).split())


def metrics_for(brand: Brand | None) -> PageMetrics:
    """The page metrics of ``brand`` (the default page when there is none)."""
    size = brand.page_size if brand is not None else "A4"
    width, height = _PAGE_MM.get(size, _PAGE_MM["A4"])
    top, right, bottom, left = brand.margins_mm if brand is not None else (22, 20, 22, 20)
    text_height = height - top - bottom
    text_width = width - left - right
    return PageMetrics(
        lines_per_page=text_height / BODY_LINE_MM,
        chars_per_line=text_width * CHARS_PER_MM,
        cover_page=bool(brand is not None and brand.cover_page),
    )


def _paragraphs(markdown: str) -> Iterable[tuple[str, str, str]]:
    """(container, kind, text) of each block of a section's Markdown: kind is "heading<n>",
    "item", "quote" or "para"; container is "", "callout", "qa" or "check"."""
    container = ""
    buffer: list[str] = []

    def flush() -> Iterable[tuple[str, str, str]]:
        if buffer:
            yield container, "para", " ".join(buffer)
            buffer.clear()

    for line in markdown.split("\n"):
        fence = markup.parse_fence(line)
        if fence is not None:
            yield from flush()
            container = "" if fence.closes else fence.name
            if not fence.closes:
                yield container, "open", fence.label
            continue
        stripped = line.strip()
        if not stripped:
            yield from flush()
        elif stripped.startswith("#"):
            yield from flush()
            level = len(stripped) - len(stripped.lstrip("#"))
            yield container, f"heading{level}", stripped.lstrip("#")
        elif re.match(r"^(?:[-*+]|\d+[.)])\s", stripped):
            yield from flush()
            yield container, "item", stripped
        elif stripped.startswith(">"):
            yield from flush()
            yield container, "quote", stripped.lstrip("> ")
        else:
            buffer.append(stripped)
    yield from flush()


def section_lines(section: Section, m: PageMetrics, *, panel: bool = False) -> float:
    """Body lines a section's text takes (its heading not included)."""
    total = 0.0
    width = 0.93 if panel else 1.0
    for container, kind, text in _paragraphs(markup.without_checks(section.markdown)):
        if kind == "open":
            total += 1.9 if container in ("callout", "check") else 0.6  # label, padding
            continue
        if kind.startswith("heading"):
            total += 2.1 if kind == "heading1" else 1.7
            continue
        inner = 0.92 if container in ("callout", "check") else width
        scale = 0.9 if container == "check" else 1.02 if panel else 1.0
        if kind == "item":
            total += m.lines(text, scale=scale, width=inner * 0.95) + 0.15
        elif kind == "quote":
            total += m.lines(text, scale=scale, width=inner * 0.93) + 0.5
        else:
            total += m.lines(text, scale=scale, width=inner) + 0.45
    for note in markup.check_notes(section.markdown):
        total += 2.4 + m.lines(note, scale=0.9, width=0.92)
    return total + (1.2 if panel and total else 0.0)


def _prediction_rows(predictions: list[Prediction], m: PageMetrics) -> float:
    if not predictions:
        return 0.0
    small = 9 * 1.35 / (10.5 * 1.45)  # the table's type against the body's
    total = 1.6 + 3.2  # header row; table margins and the scale note under it
    for p in predictions:
        statement = m.lines(p.statement + " 00", scale=small / 0.8, width=0.40) * 0.8
        time_frame = m.lines(p.timeframe or p.resolve_by or "-", scale=small / 0.8, width=0.11)
        likelihood = 2 * small if p.term or p.probability is not None else small
        total += max(statement, time_frame * 0.8, likelihood) + 0.55
    return total


def estimate_lines(briefing: Briefing, brand: Brand | None) -> tuple[float, float]:
    """(lines the briefing takes, lines a page holds), both in body lines.

    Pages needed are about ``lines / (per_page * FILL)``."""
    m = metrics_for(brand)
    title_lines = m.lines(briefing.title, scale=2.0, width=0.95)
    cover = m.lines_per_page if m.cover_page else 9.5 + title_lines
    if briefing.subtitle and not m.cover_page:
        cover += m.lines(briefing.subtitle, scale=1.15)
    total = cover
    holder = markup.predictions_section(briefing)
    placed = False
    for section in briefing.sections:
        table = bool(briefing.predictions) and section is holder
        body = section_lines(section, m, panel=_is_panel(briefing, section))
        if not body and not table:
            continue
        total += 3.0 + body  # the section's heading and its rule
        if table:
            total += _prediction_rows(briefing.predictions, m)
            placed = True
    if briefing.predictions and not placed:
        total += 3.0 + _prediction_rows(briefing.predictions, m)
    if briefing.sources:  # the Sources list: 8.5 pt entries (authors, title, site, date, URL)
        total += 4.0
        for a in briefing.sources:
            entry = ", ".join([*a.authors, a.title, a.site or "", a.published or ""])
            total += m.lines(f"{entry} {a.url or ''}", scale=0.8, width=0.95) + 0.3
    return total, m.lines_per_page


def _is_panel(briefing: Briefing, section: Section) -> bool:
    """A Key Takeaway or Bottom line section, set in a tinted panel."""
    if section.id in ("key-takeaway", "bottom-line"):
        return True
    specs = briefing.template.sections if briefing.template else []
    spec = next((s for s in specs if s.id == section.id), None)
    return bool(spec and spec.fill and set(spec.fill) <= {"key-takeaway", "bottom-line"})


def estimate_pages(briefing: Briefing, brand: Brand | None) -> float:
    """Pages the briefing is estimated to take (a fraction: 3.4 means a fourth page begun)."""
    lines, per_page = estimate_lines(briefing, brand)
    return lines / (per_page * FILL)
