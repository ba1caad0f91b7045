"""Briefing + brand -> one HTML document (for WeasyPrint, or standalone for export)."""

from __future__ import annotations

import base64
import re
from html import escape

from briefing.core.model import handling, markup
from briefing.core.model.document import Briefing, Section
from briefing.core.model.handling import Marking
from briefing.core.model.template import Brand
from briefing.core.rendering.citations import Citations
from briefing.core.rendering.cover import cover_html, cover_layout
from briefing.core.rendering.fields import is_takeaway, summary_section
from briefing.core.rendering.fonts import emoji_css, font_face_css
from briefing.core.rendering.markdown import render_markdown
from briefing.core.rendering.memory_html import calibration_html, changes_html, memory_css
from briefing.core.rendering.predictions import predictions_table
from briefing.core.rendering.references import sources_list
from briefing.core.rendering.running import running_html
from briefing.core.rendering.style import brand_css, watermark_css
from briefing.core.rendering.text import bare, inline, is_iso_date

_FONT_URL = re.compile(r'url\("(file://[^"]+)"\)')
GENERATOR = "Briefing"


def default_brand() -> Brand:
    """The brand used when a briefing has none."""
    return Brand(id="default", name="Default")


def effective_brand(briefing: Briefing, brand: Brand | None) -> Brand:
    """The brand to render with: the one asked for, the briefing's snapshot, or the default."""
    return brand or briefing.brand or default_brand()


def briefing_marking(briefing: Briefing) -> Marking | None:
    """How the briefing's handling label is shown (TLP, a template classification, other)."""
    defined = briefing.template.classifications if briefing.template else []
    return handling.marking(briefing.meta.handling, defined)


def _anchor(section: Section) -> str:
    return "sec-" + (re.sub(r"[^A-Za-z0-9_-]", "-", section.id) or "section")


class _Renderer:
    """Renders a briefing's passages in reading order with one set of citation marks."""

    def __init__(self, briefing: Briefing, brand: Brand, marking: Marking | None) -> None:
        self.briefing = briefing
        self.citations = Citations.for_briefing(briefing, brand.citations)
        template = briefing.template
        wants_marks = bool(template and template.portion_marks and marking)
        self.portion = marking.portion if wants_marks and marking else ""

    def markdown(self, section: Section) -> str:
        return render_markdown(
            section.markdown, citations=self.citations, doc_id=section.id, portion=self.portion
        )

    def summary(self, section: Section | None, *, on_cover_page: bool) -> str:
        if section is None:
            return ""
        collect = on_cover_page and self.citations.style == "footnotes"
        if collect:
            self.citations.collected = []
        body = self.markdown(section)
        if collect:
            body += self.citations.source_line()
        return (
            f'<section class="summary" id="{_anchor(section)}">'
            f"<h2>{inline(section.title)}</h2>{body}</section>"
        )

    def section(self, section: Section, table: str = "") -> str:
        body = self.markdown(section)
        if not body.strip() and not table:
            return ""
        if body.strip() and is_takeaway(self.briefing, section):
            body = f'<div class="takeaway">{body}</div>'
        return (
            f'<section class="part" id="{_anchor(section)}">'
            f"<h2>{inline(section.title)}</h2>{body}{table}</section>"
        )

    def predictions(self) -> str:
        return predictions_table(self.briefing, citations=self.citations)


def _contents(sections: list[Section], title: str, sources: bool) -> str:
    """A table of contents: each section with its page number, dotted leaders between."""
    items = "".join(
        f'<li><a href="#{_anchor(s)}">{bare(s.title)}</a></li>' for s in sections if s.title
    )
    if sources:
        items += '<li><a href="#sources">Sources</a></li>'
    return f'<nav class="toc"><p class="toc-title">{title}</p><ol>{items}</ol></nav>'


def _head(briefing: Briefing, css: str | None, marking: Marking | None) -> str:
    meta = briefing.meta
    tags = [f"<title>{escape(briefing.title or 'Untitled briefing')}</title>"]
    author = meta.analyst or meta.organisation
    if author:
        tags.append(f'<meta name="author" content="{escape(author)}">')
    # The PDF's Subject: the subtitle, else what kind of note this is.
    subject = briefing.subtitle or (briefing.template.name if briefing.template else "")
    if subject:
        tags.append(f'<meta name="description" content="{escape(subject)}">')
    label = marking.label if marking else ""
    if label:
        # Written to the PDF's document information as /handling (custom_metadata in pdf.py).
        tags.append(f'<meta name="handling" content="{escape(label)}">')
    keywords = [label, briefing.template.name if briefing.template else "", "briefing"]
    keywords += [a.site for a in briefing.sources if a.site]
    keywords = list(dict.fromkeys(k.replace(",", " ") for k in keywords if k))
    tags.append(f'<meta name="keywords" content="{escape(", ".join(keywords))}">')
    tags.append(f'<meta name="generator" content="{GENERATOR}">')
    if is_iso_date(meta.date):
        tags.append(f'<meta name="dcterms.created" content="{escape(meta.date[:10])}">')
        tags.append(f'<meta name="dcterms.modified" content="{escape(meta.date[:10])}">')
    style = "" if css is None else f"<style>{css}</style>"
    return f'<head><meta charset="utf-8">{"".join(tags)}{style}</head>'


def _language(briefing: Briefing) -> str:
    lang = next((a.language for a in briefing.sources if a.language), None) or "en"
    return lang if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang) else "en"


def _inline_fonts(css: str) -> str:
    """Replace bundled ``file:`` font URLs with ``data:`` URIs (single-file HTML)."""
    from briefing.core.rendering.fetcher import SafeFetcher

    fetcher = SafeFetcher()

    def inline(match: re.Match[str]) -> str:
        try:
            response = fetcher.fetch(match[1])
            data = base64.b64encode(response.read()).decode("ascii")
        except (OSError, ValueError):
            return 'url("")'
        return f'url("data:{response.content_type};base64,{data}")'

    return _FONT_URL.sub(inline, css)


def render_html(
    briefing: Briefing,
    *,
    brand: Brand | None = None,
    standalone: bool = False,
    contents: bool = False,
) -> str:
    """The briefing as one HTML document styled by ``brand``.

    ``standalone=False`` gives the HTML WeasyPrint renders (fonts referenced from the bundled
    font folder); ``standalone=True`` inlines every asset so the file opens anywhere.
    ``contents`` adds a table of contents after the cover.
    """
    brand = effective_brand(briefing, brand)
    return _document(briefing, brand, standalone, embed_css=True, contents=contents)[0]


def render_html_parts(
    briefing: Briefing, *, brand: Brand | None = None, contents: bool = False, fit: bool = False
) -> tuple[str, str]:
    """``(html, css)``: :func:`render_html` with its stylesheet kept apart.

    The HTML has no ``<style>``; laid out with ``css`` as its one stylesheet it gives the same
    pages as :func:`render_html`. The PDF path parses each distinct stylesheet only once.
    ``fit`` sets the text a little tighter (the PDF path tries it to save a last page).
    """
    brand = effective_brand(briefing, brand)
    return _document(briefing, brand, False, embed_css=False, contents=contents, fit=fit)


def _document(
    briefing: Briefing,
    brand: Brand,
    standalone: bool,
    *,
    embed_css: bool,
    contents: bool,
    fit: bool = False,
) -> tuple[str, str]:
    marking = briefing_marking(briefing)
    renderer = _Renderer(briefing, brand, marking)
    layout = cover_layout(briefing, brand)
    summary = summary_section(briefing)
    # First: the summary is read first, so its sources are the first given in full.
    summary_html = renderer.summary(summary, on_cover_page=layout == "page")
    shown: list[Section] = []
    parts: list[str] = []
    placed = False
    for section in (s for s in briefing.sections if s is not summary):
        table = ""
        if not placed and briefing.predictions and markup.is_predictions_section(briefing, section):
            table, placed = renderer.predictions(), True
        parts.append(renderer.section(section, table))
        if parts[-1]:
            shown.append(section)
    if briefing.predictions and not placed:
        extra = Section(id="predictions", title="Predictions")
        parts.append(renderer.section(extra, renderer.predictions()))
        shown.append(extra)
    # The memory's optional parts: what changed since the last edition (first), calibration.
    changes, appendix = changes_html(briefing, inline), calibration_html(briefing, inline)
    body = changes + "".join(parts)
    has_sources = bool(briefing.sources)
    toc = _contents(shown, "Contents", has_sources) if contents and layout != "page" else ""
    in_brief = _contents(shown, "In this briefing", has_sources) if layout == "page" else ""
    cover = cover_html(
        briefing, brand, layout=layout, summary=summary_html, marking=marking, contents=in_brief
    )
    all_text = " ".join([briefing.title, briefing.subtitle, cover, body, appendix])
    css = "\n".join([font_face_css(brand, all_text), brand_css(brand), emoji_css()])
    if changes or appendix:
        css += memory_css(brand)
    if standalone:
        css = _inline_fonts(css)
    watermark = ""
    if briefing.meta.status == "draft" and brand.watermark:
        watermark = '<div class="watermark">DRAFT</div>'
        css += "\n" + watermark_css(brand)
    head = _head(briefing, css if embed_css else None, marking)
    classes = f"status-{escape(briefing.meta.status)} cover-{layout} cite-{brand.citations}"
    classes += " fit" if fit else ""
    html = (
        f'<!DOCTYPE html><html lang="{_language(briefing)}">{head}<body class="{classes}">'
        f"{running_html(briefing, brand, marking, 'header')}"
        f"{running_html(briefing, brand, marking, 'footer')}"
        f"{watermark}{cover}{toc}<main>{body}</main>{sources_list(briefing)}{appendix}"
        "</body></html>"
    )
    return html, css
