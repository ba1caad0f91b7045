"""Briefing + brand -> one HTML document (for WeasyPrint, or standalone for export)."""

from __future__ import annotations

import base64
import re
from html import escape

from briefing.core.model import markup
from briefing.core.model.article import Article
from briefing.core.model.document import Briefing, Section
from briefing.core.model.template import Brand
from briefing.core.rendering.emoji import emoji_spans, plain_emoji
from briefing.core.rendering.fields import (
    ISO_DATE,
    cover_facts,
    date_text,
    is_takeaway,
    required_fields,
    running_fields,
    running_title,
)
from briefing.core.rendering.fonts import emoji_css, emoji_font, font_face_css
from briefing.core.rendering.image_limits import MAX_LOGO_PIXELS as MAX_LOGO
from briefing.core.rendering.image_limits import data_uri_refusal
from briefing.core.rendering.markdown import SAFE_IMAGE, live_source_url, render_markdown
from briefing.core.rendering.memory_html import calibration_html, changes_html, memory_css
from briefing.core.rendering.predictions import predictions_table
from briefing.core.rendering.style import brand_css, handling_colours, watermark_css

_FONT_URL = re.compile(r'url\("(file://[^"]+)"\)')
GENERATOR = "Briefing"


def default_brand() -> Brand:
    """The brand used when a briefing has none."""
    return Brand(id="default", name="Default")


def effective_brand(briefing: Briefing, brand: Brand | None) -> Brand:
    """The brand to render with: the one asked for, the briefing's snapshot, or the default."""
    return brand or briefing.brand or default_brand()


def _text(value: str) -> str:
    """``value`` as is where a colour emoji font exists; emoji written as text where not."""
    return value if emoji_font() is not None else plain_emoji(value)


def _inline(value: str) -> str:
    """Escaped HTML for a plain-text field, emoji wrapped for the emoji font."""
    return "".join(
        f'<span class="emoji">{escape(piece)}</span>' if is_emoji else escape(piece)
        for piece, is_emoji in emoji_spans(_text(value))
    )


def _handling_badge(label: str) -> str:
    if not label.strip():
        return ""
    fg, bg = handling_colours(label)
    return (
        f'<span class="handling" style="color: {fg}; background: {bg}">'
        f"{escape(label.strip())}</span>"
    )


def _field(briefing: Briefing, name: str) -> str:
    meta = briefing.meta
    if name == "organisation":
        return f'<span class="org">{escape(meta.organisation)}</span>' if meta.organisation else ""
    if name == "handling":
        return _handling_badge(meta.handling)
    if name == "date":
        return escape(date_text(meta.date))
    if name == "title":
        return f'<span class="running-title">{_inline(running_title(briefing.title))}</span>'
    if name == "reference":
        return escape(meta.reference)
    if name == "page":
        return '<span class="pageno"></span>'
    return ""


def _running(briefing: Briefing, fields: list[str], element_id: str) -> str:
    fields = running_fields(fields, required_fields(element_id))
    cells = [_field(briefing, f) for f in fields]
    # One field sits right; two sit left and right; three fill left, centre, right.
    if len(cells) == 1:
        left, center, right = "", "", cells[0]
    elif len(cells) == 2:
        # Two fields share the whole line; the short one (label, page number) takes less, so
        # a long organisation name stays on one line.
        short = ("handling", "page", "date", "reference")
        widths = [("narrow" if f in short else "wide") for f in fields]
        if widths[0] == widths[1]:
            widths = ["half", "half"]
        return (
            f'<table class="running" id="{element_id}" role="presentation"><tr>'
            f'<td class="left {widths[0]}">{cells[0]}</td>'
            f'<td class="right {widths[1]}">{cells[1]}</td></tr></table>'
        )
    else:
        left, center, right = (cells + ["", "", ""])[:3]
    return (
        f'<table class="running" id="{element_id}" role="presentation"><tr>'
        f'<td class="left">{left}</td><td class="center">{center}</td>'
        f'<td class="right">{right}</td></tr></table>'
    )


def _cover(briefing: Briefing, brand: Brand) -> str:
    meta = briefing.meta
    logo = ""
    if brand.logo and SAFE_IMAGE.match(brand.logo) and not data_uri_refusal(brand.logo, MAX_LOGO):
        logo = f'<img src="{escape(brand.logo)}" alt="{escape(brand.name)} logo">'
    kicker = escape(briefing.template.name if briefing.template else "Briefing note")
    subtitle = f'<p class="subtitle">{_inline(briefing.subtitle)}</p>' if briefing.subtitle else ""
    cells = "".join(
        f'<div class="fact-{label.lower()}"><span class="label">{label}</span>'
        f'<span class="value">{escape(value)}</span></div>'
        for label, value in cover_facts(meta)
    )
    badge = _handling_badge(meta.handling)
    if badge:
        cells += f'<div class="handling-cell">{badge}</div>'
    page = " page" if brand.cover_page else ""
    return (
        f'<header class="cover{page}">'
        f'<div class="cover-band"><div class="cover-top"><div class="kicker">{kicker}</div>'
        f'<div class="logo">{logo}</div></div>'
        f"<h1>{_inline(briefing.title)}</h1>{subtitle}</div>"
        f'<div class="cover-rule"></div><div class="cover-meta">{cells}</div></header>'
    )


def _section(briefing: Briefing, section: Section, numbers: dict[str, int], table: str) -> str:
    body = render_markdown(
        section.markdown, sources=numbers, doc_id=section.id, plain_emoji=emoji_font() is None
    )
    if not body.strip() and not table:
        return ""
    anchor = re.sub(r"[^A-Za-z0-9_-]", "-", section.id) or "section"
    if body.strip() and is_takeaway(briefing, section):
        body = f'<div class="takeaway">{body}</div>'
    return (
        f'<section class="part" id="sec-{anchor}">'
        f"<h2>{_inline(section.title)}</h2>{body}{table}</section>"
    )


def _source_item(article: Article, number: int) -> str:
    parts = []
    if article.authors:
        parts.append(escape(", ".join(article.authors)))
    parts.append(f"“{_inline(article.title)}”")
    if article.site:
        parts.append(f"<i>{escape(article.site)}</i>")
    if article.published:
        parts.append(escape(date_text(article.published)))
    text = ", ".join(parts) + "."
    if article.url:
        url = escape(article.url)
        if live_source_url(article.url):
            text += f' <a class="url" href="{url}">{url}</a>'
        else:
            text += f' <span class="url">{url}</span>'
    return f'<li id="source-{number}">{text}</li>'


def _sources(briefing: Briefing) -> str:
    if not briefing.sources:
        return ""
    items = "".join(_source_item(a, n) for n, a in enumerate(briefing.sources, start=1))
    return f'<section class="sources part" id="sources"><h2>Sources</h2><ol>{items}</ol></section>'


def _head(briefing: Briefing, brand: Brand, css: str | None) -> str:
    meta = briefing.meta
    tags = [f"<title>{escape(briefing.title or 'Untitled briefing')}</title>"]
    author = meta.analyst or meta.organisation
    if author:
        tags.append(f'<meta name="author" content="{escape(author)}">')
    # The PDF's Subject: the subtitle, else what kind of note this is.
    subject = briefing.subtitle or (briefing.template.name if briefing.template else "")
    if subject:
        tags.append(f'<meta name="description" content="{escape(subject)}">')
    keywords = [meta.handling, briefing.template.name if briefing.template else "", "briefing"]
    keywords += [a.site for a in briefing.sources if a.site]
    keywords = list(dict.fromkeys(k.replace(",", " ") for k in keywords if k))
    tags.append(f'<meta name="keywords" content="{escape(", ".join(keywords))}">')
    tags.append(f'<meta name="generator" content="{GENERATOR}">')
    if ISO_DATE.match(meta.date):
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


def render_html(briefing: Briefing, *, brand: Brand | None = None, standalone: bool = False) -> str:
    """The briefing as one HTML document styled by ``brand``.

    ``standalone=False`` gives the HTML WeasyPrint renders (fonts referenced from the bundled
    font folder); ``standalone=True`` inlines every asset so the file opens anywhere.
    """
    return _document(briefing, effective_brand(briefing, brand), standalone, embed_css=True)[0]


def render_html_parts(briefing: Briefing, *, brand: Brand | None = None) -> tuple[str, str]:
    """``(html, css)``: :func:`render_html` with its stylesheet kept apart.

    The HTML has no ``<style>``; laid out with ``css`` as its one stylesheet it gives the same
    pages as :func:`render_html`. The PDF path parses each distinct stylesheet only once.
    """
    return _document(briefing, effective_brand(briefing, brand), False, embed_css=False)


def _document(
    briefing: Briefing, brand: Brand, standalone: bool, *, embed_css: bool
) -> tuple[str, str]:
    numbers = {a.id: n for n, a in enumerate(briefing.sources, start=1) if a.id}
    table = predictions_table(briefing, inline=_inline)
    parts: list[str] = []
    placed = False
    for section in briefing.sections:
        extra = ""
        if table and not placed and markup.is_predictions_section(briefing, section):
            extra, placed = table, True
        parts.append(_section(briefing, section, numbers, extra))
    if table and not placed:
        parts.append(_section(briefing, Section(id="predictions", title="Predictions"), {}, table))
    changes, appendix = changes_html(briefing, _inline), calibration_html(briefing, _inline)
    body = changes + "".join(parts)
    all_text = " ".join([briefing.title, briefing.subtitle, body, appendix])
    css = "\n".join([font_face_css(brand, all_text), brand_css(brand), emoji_css()])
    if changes or appendix:
        css += memory_css(brand)
    if standalone:
        css = _inline_fonts(css)
    watermark = ""
    if briefing.meta.status == "draft" and brand.watermark:
        watermark = '<div class="watermark">DRAFT</div>'
        css += "\n" + watermark_css(brand)
    head = _head(briefing, brand, css if embed_css else None)
    html = (
        f'<!DOCTYPE html><html lang="{_language(briefing)}">{head}'
        f'<body class="status-{escape(briefing.meta.status)}">'
        f"{_running(briefing, brand.header, 'header')}{_running(briefing, brand.footer, 'footer')}"
        f"{watermark}{_cover(briefing, brand)}<main>{body}</main>{_sources(briefing)}{appendix}"
        "</body></html>"
    )
    return html, css
