"""How many pages a briefing will take, estimated from its text and the brand's page metrics.

Drafting has to fit the template's page budget, and a real render takes seconds, so the
draft is measured against a model of the layout instead: each block (paragraph, heading,
list item, callout, Q&A pair, check note, prediction row, source entry, footnote) takes the
lines its text wraps to, at the brand's text width, in the type the stylesheet
(``resources/css/briefing.css``) gives it, and the vertical space its margins and padding add.
Type comes from :mod:`briefing.core.model.typography`, the table the stylesheet uses too: the
body's size and leading per family, and how wide each family sets a line. The cover is the
brand's: a title band with the metadata strip and the summary box on page 1, a cover page of
its own, or a title line for one-page notes. References are a Sources list (endnotes) or, in
a brand that asks for footnotes, a note at the foot of the page for each citation mark.

The estimate errs on the long side (margins are summed where the layout collapses them, and
blocks that may not break leave part of a page empty), so a draft that fits the estimate fits
the page budget; ``tests/core/drafting/test_drafting_pages.py`` renders real PDFs to check it,
and ``scripts/page_metrics.py`` compares the model with real layouts block by block.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from briefing.core.model import markup
from briefing.core.model.article import Article
from briefing.core.model.document import Briefing, Prediction, Section
from briefing.core.model.estimative import check_term, scale_note
from briefing.core.model.template import Brand, BrandFonts
from briefing.core.model.typography import (
    BOLD_WIDTH,
    PT_MM,
    BodyType,
    body_type,
    set_width_em,
)

__all__ = ["PageMetrics", "estimate_lines", "estimate_pages", "metrics_for", "section_lines"]

_PAGE_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
FILL = 0.97  # share of a page's lines a flowing document fills (keep-together blocks)
_MARKUP = re.compile(r"\*\*|__|(?<!\w)[*_](?!\s)|`|\]\([^)]*\)|!?\[")
_TABLE_PT, _TABLE_LEADING, _CELL_PADDING_MM = 8.8, 1.3, 2.8  # .part table, .part td
_NOTE_PT, _NOTE_LEADING = 8.0, 1.3  # .fn (footnotes) and the summary's source line
_LIST_PT, _LIST_LEADING = 8.5, 1.35  # section.sources ol
_TABLE_NOTE_EXTRA = 190  # characters table_note() adds to the scale's sentence


@dataclass(frozen=True)
class PageMetrics:
    """The brand's text block and type: what a line and a page hold."""

    text_width_mm: float
    text_height_mm: float
    body: BodyType
    body_em: float  # set width of the body family (average character, in ems)
    heading_em: float  # of the heading family
    cover_page: bool = False
    footnotes: bool = False

    @property
    def line_mm(self) -> float:
        return self.body.line_mm

    @property
    def lines_per_page(self) -> float:
        return self.text_height_mm / self.line_mm

    @property
    def em_mm(self) -> float:
        """The body's em, in millimetres (margins in the stylesheet are in ems)."""
        return self.body.size_pt * PT_MM

    def lines(
        self,
        text: str,
        *,
        size_pt: float | None = None,
        width_mm: float | None = None,
        heading: bool = False,
        bold: bool = False,
    ) -> int:
        """Lines ``text`` wraps to in type of ``size_pt`` (the body's by default) on a
        measure of ``width_mm`` (the text width by default), in the body or heading family."""
        chars = len(_plain(text))
        if not chars:
            return 0
        size = size_pt or self.body.size_pt
        em = (self.heading_em if heading else self.body_em) * (BOLD_WIDTH if bold else 1.0)
        per_line = max(8.0, (width_mm or self.text_width_mm) / (em * size * PT_MM))
        return math.ceil(chars / per_line)


def _plain(text: str) -> str:
    no_cites = markup.CITATION.sub("0", text)  # a superscript number
    return " ".join(_MARKUP.sub("", no_cites).split())


def metrics_for(brand: Brand | None) -> PageMetrics:
    """The page metrics of ``brand`` (the default page when there is none)."""
    size = brand.page_size if brand is not None else "A4"
    width, height = _PAGE_MM.get(size, _PAGE_MM["A4"])
    top, right, bottom, left = brand.margins_mm if brand is not None else (22, 20, 22, 20)
    fonts = brand.fonts if brand is not None else BrandFonts()
    defaults = BrandFonts()
    body_family = fonts.body or defaults.body
    return PageMetrics(
        text_width_mm=width - left - right,
        text_height_mm=height - top - bottom,
        body=body_type(body_family),
        body_em=set_width_em(body_family),
        heading_em=set_width_em(fonts.heading or defaults.heading),
        cover_page=bool(brand is not None and brand.cover_page),
        footnotes=bool(brand is not None and brand.citations == "footnotes"),
    )


def _paragraphs(markdown: str) -> Iterable[tuple[str, str, str]]:
    """(container, kind, text) of each block of a section's Markdown: kind is "heading<n>",
    "item", "quote", "para" or "open" (a container opens; text is its label); container is
    "", "callout", "qa" or "check"."""
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


def _heading_mm(level: int, m: PageMetrics) -> float:
    """A heading in a section's text: h3 is 1.05 em on 1.2 with 1 + 0.25 em of margins."""
    if level <= 2:
        return m.em_mm * 1.3 * (1.2 + 1.35)
    if level == 3:
        return m.em_mm * 1.05 * (1.2 + 1.25)
    return m.em_mm * (1.2 + 1.1)


def _check_mm(note: str, m: PageMetrics) -> float:
    """An analyst's check note: a dashed box of 9 pt heading type under its label."""
    small = 9.0 * m.body.leading * PT_MM
    label = 7.5 * m.body.leading * PT_MM + 1.0
    text = m.lines(note, size_pt=9.0, width_mm=m.text_width_mm - 8.7, heading=True)
    return 5.0 + label + text * small + 2.2 * 9.0 * PT_MM


def section_mm(section: Section, m: PageMetrics, *, panel: bool = False) -> float:
    """Height of a section's text (its heading not included), in millimetres; ``panel``: set
    in the summary box (1.06 em on 1.38, inside its padding)."""
    em, line = m.em_mm, m.line_mm
    width = m.text_width_mm - (10.9 if panel else 0.0)
    size = m.body.size_pt * (1.06 if panel else 1.0)
    if panel:
        line = size * 1.38 * PT_MM
    total = 0.0
    previous = ""
    inner = width
    for container, kind, text in _paragraphs(markup.without_checks(section.markdown)):
        if kind == "open":
            if container == "callout":
                key = markup.callout_kind(text) == "key"
                inner = width - (8.0 if key else 4.3)
                total += 7.2 * m.body.leading * PT_MM + 1.0 + 1.9 * em + (4.2 if key else 0.4)
            elif container == "qa":
                total += 0.95 * em
            continue
        if not container:
            inner = width
        if kind.startswith("heading"):
            total += _heading_mm(int(kind[len("heading") :] or 2), m)
        elif container == "qa":  # the answer's margin collapses into the pair's
            question = text.startswith(f"**{markup.QUESTION_PREFIX}**")
            n = m.lines(text, size_pt=size, width_mm=inner, heading=question, bold=question)
            total += n * line + (0.15 * em if question else 0.0)
        elif kind == "item":
            total += line * m.lines(text, size_pt=size, width_mm=inner - 1.3 * em) + 0.2 * em
            if previous != "item":
                total += 0.55 * em  # the list's margin
        elif kind == "quote":
            total += line * m.lines(text, size_pt=size, width_mm=inner - 0.9 * em - 0.7)
            total += 1.4 * em
        else:
            total += line * m.lines(text, size_pt=size, width_mm=inner) + 0.55 * em
        previous = kind
    for note in markup.check_notes(section.markdown):
        total += _check_mm(note, m)
    return total


def section_lines(section: Section, m: PageMetrics, *, panel: bool = False) -> float:
    """Body lines a section's text takes (its heading not included)."""
    return section_mm(section, m, panel=panel) / m.line_mm


def _section_heading_mm(m: PageMetrics) -> float:
    """A section's h2: 1.3 em on 1.2, its rule, 0.9 em above and 0.45 em below."""
    return m.em_mm * 1.3 * (1.2 + 0.9 + 0.45 + 0.15) + 0.35


def _panel_mm(briefing: Briefing, section: Section, m: PageMetrics) -> float:
    """The summary box: padding, its small label, the text, the margins around it."""
    text = section_mm(section, m, panel=True)
    if not text:
        return 0.0
    total = 4.6 + 7.5 * 1.2 * PT_MM + 1.4 + text + 9.0
    if m.footnotes:  # its sources named under it, in 8 pt, instead of marks
        cited = set(_cited(section.markdown))
        entry = " ".join(_entry(a) for a in briefing.sources if a.id in cited)
        if entry:
            total += 2.1 + _note_lines(f"Sources: {entry}", m, m.text_width_mm - 10.9)
    return total


def _note_lines(text: str, m: PageMetrics, width: float) -> float:
    """Height of ``text`` in 8 pt notes type (footnotes, the summary's source line)."""
    return m.lines(text, size_pt=_NOTE_PT, width_mm=width) * _NOTE_PT * _NOTE_LEADING * PT_MM


def _cited(markdown: str) -> list[str]:
    found = markup.CITATION.finditer(markdown)
    return [i for match in found for i in markup.citation_ids(match[1])]


def _entry(article: Article) -> str:
    """About the text of an article's full reference (authors, title, site, date, address,
    "Pasted text, accessed ...")."""
    parts = [*article.authors, f"“{article.title}”", article.site or "", article.published or ""]
    return (
        ", ".join(p for p in parts if p)
        + ". Pasted text, accessed 30 September 2026. "
        + (article.url or "")
    )


def _marks(markdown: str) -> list[frozenset[str]]:
    """The citation marks the renderer prints: one per run of text from the same sources
    (a repeated mark merges into the next; a check note keeps its own)."""
    marks: list[frozenset[str]] = []
    last: frozenset[str] | None = None
    for match in markup.CITATION.finditer(markup.without_checks(markdown)):
        ids = frozenset(markup.citation_ids(match[1]))
        if ids != last:
            marks.append(ids)
        last = ids
    for note in markup.check_notes(markdown):
        marks += [frozenset(markup.citation_ids(c[1])) for c in markup.CITATION.finditer(note)]
    return marks


def _footnotes_mm(marks: list[frozenset[str]], briefing: Briefing, m: PageMetrics) -> float:
    """Footnotes at the page feet: the first note of a source gives it in full, later ones
    a short form (author, short title); several sources share one note."""
    by_id = {a.id: a for a in briefing.sources if a.id}
    seen: set[str] = set()
    total = 0.0
    for ids in marks:
        parts = []
        for source in sorted(ids):
            article = by_id.get(source)
            if article is None:
                continue
            author = (article.authors or [""])[0].split(" ")[-1]
            short = f"{author}, “{article.title.split(':')[0]}”"
            parts.append(short if source in seen else _entry(article))
            seen.add(source)
        total += _note_lines("; ".join(parts), m, m.text_width_mm) + 0.3
    return total


def _prediction_mm(briefing: Briefing, m: PageMetrics) -> float:
    """The predictions table (8.8 pt cells, columns as in rendering.predictions) and the
    scale's note under it."""
    predictions = briefing.predictions
    if not predictions:
        return 0.0
    indicators = any(i.strip() for p in predictions for i in p.indicators)
    shares = (0.40, 0.17, 0.14, 0.12, 0.17) if indicators else (0.54, 0.18, 0.15, 0.13)
    cells = [share * m.text_width_mm - 3.6 for share in shares]
    line = _TABLE_PT * _TABLE_LEADING * PT_MM
    scale = briefing.likelihood_scale
    total = 0.9 * _TABLE_PT * PT_MM + line + _CELL_PADDING_MM  # margins, the header row
    for p in predictions:
        total += _row_lines(p, cells, m, scale) * line + _CELL_PADDING_MM + 0.2
    note = len(scale_note(scale)) + _TABLE_NOTE_EXTRA
    note_lines = m.lines("x" * note, size_pt=7.5, width_mm=m.text_width_mm)
    return total + note_lines * 7.5 * 1.35 * PT_MM + 0.55 * 7.5 * PT_MM


def _row_lines(p: Prediction, cells: list[float], m: PageMetrics, scale: str) -> float:
    def lines(text: str, col: int, *, heading: bool = False) -> int:
        return m.lines(text, size_pt=_TABLE_PT, width_mm=cells[col], heading=heading, bold=heading)

    likelihood = (p.term or "Not assessed") + (" (00%)" if p.probability is not None else "")
    flag = 1.0 if check_term(p.term, p.probability, scale) else 0.0
    heights = [
        lines(p.statement + " 0", 0),
        lines(likelihood, 1, heading=True) + flag,
        lines(p.timeframe or p.resolve_by or "-", 2),
    ]
    if len(cells) > 4:
        heights.append(sum(lines(f"- {i}", 4) for i in p.indicators if i.strip()) or 1)
    return max(heights)


def _sources_mm(briefing: Briefing, m: PageMetrics) -> float:
    """The Sources list: a small label over a rule, then 8.5 pt entries."""
    if not briefing.sources:
        return 0.0
    total = 1.2 * m.em_mm + 0.8 * m.em_mm * 1.2 + 2.6
    line = _LIST_PT * _LIST_LEADING * PT_MM
    width = m.text_width_mm - 1.8 * _LIST_PT * PT_MM
    for article in briefing.sources:
        entry = m.lines(_entry(article), size_pt=_LIST_PT, width_mm=width)
        total += entry * line + 0.45 * _LIST_PT * PT_MM
    return total


def _cover_mm(briefing: Briefing, m: PageMetrics, compact: bool) -> float:
    """The title band with the metadata strip (page 1), or a one-page note's title line."""
    meta = briefing.meta
    facts = 2 + sum(
        bool(v.strip())
        for v in (meta.analyst, meta.organisation, meta.date, meta.reference, meta.audience)
    )
    handling = meta.handling.strip()
    statement = 2.2 + 2 * _NOTE_PT * 1.3 * PT_MM if handling and handling != "TLP:CLEAR" else 0.0
    if compact:
        title = m.lines(briefing.title, size_pt=17, width_mm=m.text_width_mm, heading=True)
        subtitle = (
            1.0 + m.lines(briefing.subtitle, size_pt=10.5) * 10.5 * 1.3 * PT_MM
            if briefing.subtitle
            else 0.0
        )
        return 4.0 + 1.5 + title * 17 * 1.2 * PT_MM + subtitle + 5.2 + 2.2 + 4.0 + statement
    band_width = m.text_width_mm - 16
    title = m.lines(briefing.title, size_pt=22, width_mm=band_width, heading=True, bold=True)
    subtitle = 0.0
    if briefing.subtitle:
        lines = m.lines(briefing.subtitle, size_pt=12, width_mm=band_width, heading=True)
        subtitle = 2.0 + lines * 12 * 1.3 * PT_MM
    rows = 1 if facts <= 4 else 2
    band = 12.0 + 12.0 + 3.0 + title * 22 * 1.2 * PT_MM + subtitle
    return band + 1.4 + rows * 10.4 + statement + 5.0


def estimate_lines(briefing: Briefing, brand: Brand | None) -> tuple[float, float]:
    """(lines the briefing takes, lines a page holds), both in body lines.

    Pages needed are about ``lines / (per_page * FILL)``."""
    m = metrics_for(brand)
    template = briefing.template
    compact = not m.cover_page and template is not None and template.page_budget == 1
    summary = next(
        (s for s in briefing.sections if s.markdown.strip() and _is_panel(briefing, s)), None
    )
    if m.cover_page:  # a page of its own, the summary box on it
        total = m.text_height_mm
    else:
        total = _cover_mm(briefing, m, compact)
        if summary is not None:
            total += _panel_mm(briefing, summary, m)
    holder = markup.predictions_section(briefing)
    placed = False
    marks: list[frozenset[str]] = []
    for section in briefing.sections:
        if section is summary:
            continue
        table = bool(briefing.predictions) and section is holder
        body = section_mm(section, m)
        if not body and not table:
            continue
        total += _section_heading_mm(m) + body
        marks += _marks(section.markdown)
        if table:
            total += _prediction_mm(briefing, m)
            placed = True
    if briefing.predictions and not placed:
        total += _section_heading_mm(m) + _prediction_mm(briefing, m)
    total += _sources_mm(briefing, m)
    if m.footnotes:
        rows = [p.source or (p.origin.source if p.origin else "") for p in briefing.predictions]
        if len(set(rows)) == 1:  # a table from one source: one mark, on its heading
            rows = rows[:1]
        marks += [frozenset({source}) for source in rows if source]
        notes = _footnotes_mm(marks, briefing, m)
        if notes:  # the notes' rule and spacing, on each page that has notes
            pages = max(1, math.ceil((total + notes) / m.text_height_mm) - int(m.cover_page))
            total += notes + 5.0 * pages
    return total / m.line_mm, m.lines_per_page


def _is_panel(briefing: Briefing, section: Section) -> bool:
    """A Key Takeaway or Bottom line section, set in the summary box."""
    if section.id in ("key-takeaway", "bottom-line"):
        return True
    specs = briefing.template.sections if briefing.template else []
    spec = next((s for s in specs if s.id == section.id), None)
    return bool(spec and spec.fill and set(spec.fill) <= {"key-takeaway", "bottom-line"})


def estimate_pages(briefing: Briefing, brand: Brand | None) -> float:
    """Pages the briefing is estimated to take (a fraction: 3.4 means a fourth page begun)."""
    lines, per_page = estimate_lines(briefing, brand)
    return lines / (per_page * FILL)
