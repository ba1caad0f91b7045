"""References to the sources: in full (Sources list, first footnote) and short (later footnotes).

A full reference gives everything the briefing knows about a source, in the order a reader
looks for it: author, “title”, site, date published, the address, and when the analyst read it
(with how it came in where there is no address: a paste, a saved page, a PDF)::

    James Carter, “Takaichi & Trump Call”, World News, 20 November 2026.
    https://example.com/a (accessed 1 December 2026).
"""

from __future__ import annotations

import re
from html import escape
from pathlib import PurePath

from briefing.core.model.article import Article
from briefing.core.model.document import Briefing
from briefing.core.rendering.markdown import SAFE_LINK
from briefing.core.rendering.text import bare, date_text

_MEDIA = {
    ".html": "saved web page",
    ".htm": "saved web page",
    ".mhtml": "saved web page",
    ".mht": "saved web page",
    ".pdf": "PDF document",
    ".docx": "Word document",
    ".eml": "e-mail",
    ".md": "Markdown file",
    ".markdown": "Markdown file",
}
_SHORT_TITLE = re.compile(r"^(.{12,}?)[:–—|]\s")


def medium(article: Article) -> str:
    """How the source came in when it has no address: ``pasted text``, ``saved web page``..."""
    origin = (article.origin or "").strip()
    if not origin or origin.lower() == "clipboard":
        return "pasted text"
    if re.match(r"^[a-z][a-z0-9+.-]*://", origin, re.IGNORECASE):
        return ""
    return _MEDIA.get(PurePath(origin.replace("\\", "/")).suffix.lower(), "pasted text")


def _url(article: Article) -> str:
    url = (article.url or "").strip()
    if not url:
        return ""
    shown = escape(url)
    if SAFE_LINK.match(url) and url.lower().startswith("http"):
        return f'<a class="url" href="{shown}">{shown}</a>'
    return f'<span class="url">{shown}</span>'


def full_reference(article: Article) -> str:
    """The whole reference as HTML (see the module docstring)."""
    parts = []
    if article.authors:
        parts.append(bare(", ".join(article.authors)))
    parts.append(f"“{bare(article.title) or 'Untitled'}”")
    if article.site:
        parts.append(f"<i>{bare(article.site)}</i>")
    if article.published:
        parts.append(escape(date_text(article.published)))
    text = ", ".join(parts) + "."
    url = _url(article)
    accessed = escape(date_text(article.accessed)) if article.accessed else ""
    if url:
        text += f" {url}" + (f" (accessed {accessed})." if accessed else "")
    else:
        how = medium(article)
        if how and accessed:
            text += f" {how.capitalize()}, accessed {accessed}."
        elif how:
            text += f" {how.capitalize()}."
    return text


def short_reference(article: Article) -> str:
    """Author's surname (or the site) and a short title, as a later footnote gives them."""
    title = " ".join(bare(article.title).split()) or "Untitled"
    short = _SHORT_TITLE.match(title + " ")
    if short:
        title = short[1]
    elif len(title.split()) > 6:
        title = " ".join(title.split()[:5]) + " …"
    who = ""
    if article.authors:
        who = bare(article.authors[0]).split(" ")[-1]
    elif article.site:
        who = f"<i>{bare(article.site)}</i>"
    return f"{who}, “{title}”." if who else f"“{title}”."


def sources_list(briefing: Briefing) -> str:
    """The numbered Sources section (empty when the briefing has none)."""
    if not briefing.sources:
        return ""
    items = "".join(
        f'<li id="source-{n}">{full_reference(a)}</li>'
        for n, a in enumerate(briefing.sources, start=1)
    )
    return f'<section class="sources part" id="sources"><h2>Sources</h2><ol>{items}</ol></section>'
