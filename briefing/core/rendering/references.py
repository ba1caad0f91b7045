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
from briefing.core.rendering.emoji import strip_emoji
from briefing.core.rendering.fields import date_text
from briefing.core.rendering.markdown import live_source_url

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


Part = tuple[str, str]  # (text, kind): kind is "text", "italic" or "url"


def reference_parts(article: Article) -> list[Part]:
    """The full reference as plain pieces, for any output (HTML here, Word in ``docx``)."""
    parts: list[Part] = []
    head: list[list[Part]] = []
    if article.authors:
        head.append([(strip_emoji(", ".join(article.authors)), "text")])
    head.append([(f"“{' '.join(strip_emoji(article.title).split()) or 'Untitled'}”", "text")])
    if article.site:
        head.append([(" ".join(strip_emoji(article.site).split()), "italic")])
    if article.published:
        head.append([(date_text(article.published), "text")])
    for n, piece in enumerate(head):
        if n:
            parts.append((", ", "text"))
        parts.extend(piece)
    parts.append((".", "text"))
    url = (article.url or "").strip()
    read = article.accessed or (article.imported or "")[:10]
    accessed = date_text(read) if read else ""
    if url:
        parts += [(" ", "text"), (url, "url")]
        if accessed:
            parts.append((f" (accessed {accessed}).", "text"))
    else:
        how = medium(article)
        if how:
            parts.append(
                (f" {how.capitalize()}" + (f", accessed {accessed}." if accessed else "."), "text")
            )
    return parts


def full_reference(article: Article) -> str:
    """The whole reference as HTML (see the module docstring)."""
    out = []
    for text, kind in reference_parts(article):
        if kind == "italic":
            out.append(f"<i>{escape(text)}</i>")
        elif kind == "url":
            shown = escape(text)
            if live_source_url(text):
                out.append(f'<a class="url" href="{shown}">{shown}</a>')
            else:
                out.append(f'<span class="url">{shown}</span>')
        else:
            out.append(escape(text))
    return "".join(out)


def short_parts(article: Article) -> list[Part]:
    """Author's surname (or the site) and a short title, as a later footnote gives them."""
    title = " ".join(strip_emoji(article.title).split()) or "Untitled"
    short = _SHORT_TITLE.match(title + " ")
    if short:
        title = short[1]
    elif len(title.split()) > 6:
        title = " ".join(title.split()[:5]) + " …"
    if article.authors:
        surname = strip_emoji(article.authors[0]).split(" ")[-1]
        return [(f"{surname}, “{title}”.", "text")]
    if article.site:
        return [(" ".join(strip_emoji(article.site).split()), "italic"), (f", “{title}”.", "text")]
    return [(f"“{title}”.", "text")]


def short_reference(article: Article) -> str:
    """:func:`short_parts` as HTML."""
    return "".join(
        f"<i>{escape(t)}</i>" if kind == "italic" else escape(t) for t, kind in short_parts(article)
    )


def sources_list(briefing: Briefing) -> str:
    """The numbered Sources section (empty when the briefing has none)."""
    if not briefing.sources:
        return ""
    items = "".join(
        f'<li id="source-{n}">{full_reference(a)}</li>'
        for n, a in enumerate(briefing.sources, start=1)
    )
    return f'<section class="sources part" id="sources"><h2>Sources</h2><ol>{items}</ol></section>'
