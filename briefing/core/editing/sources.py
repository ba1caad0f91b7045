"""Editing a briefing's sources: adding imported articles, correcting and removing them.

Adding an article the briefing already holds (the same page pasted again, the same file
imported twice) is caught by :func:`duplicate_of`.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import TypedDict

from briefing.core.drafting.draft import ensure_block_ids
from briefing.core.editing.changes import NOTHING, Changes
from briefing.core.model.article import Article
from briefing.core.model.document import UNTITLED, Briefing


class SourceFields(TypedDict, total=False):
    """The details of a source an analyst may correct (any subset of them)."""

    title: str
    site: str | None
    published: str | None  # ISO date
    url: str | None
    authors: list[str]
    accessed: str | None  # ISO date the analyst read it


def next_source_id(briefing: Briefing, taken: Iterable[str] = ()) -> str:
    """The first free id of the form ``s1``, ``s2``... (``taken`` ids count as used too)."""
    used = {a.id for a in briefing.sources} | set(taken)
    n = 1
    while f"s{n}" in used:
        n += 1
    return f"s{n}"


def _fingerprint(article: Article) -> str:
    """The article's words, case and spacing aside: what two copies of one article share."""
    return " ".join(" ".join(b.text for b in article.blocks).casefold().split())


def duplicate_of(sources: Iterable[Article], article: Article) -> Article | None:
    """The one of ``sources`` (a briefing's) that ``article`` repeats, or ``None``: the same
    address, or the same text however it was pasted or imported."""
    words = _fingerprint(article)
    for source in sources:
        if article.url and source.url and article.url.rstrip("/") == source.url.rstrip("/"):
            return source
        if words and _fingerprint(source) == words:
            return source
    return None


def is_untitled(briefing: Briefing) -> bool:
    """Whether nobody has named the briefing yet."""
    return briefing.title.strip() in ("", UNTITLED)


def add_sources(briefing: Briefing, articles: list[Article]) -> Changes:
    """Embed copies of ``articles`` as new sources; each article is given its new id (and its
    blocks ids of their own where they had none, so drafted text can point at them)."""
    ids: list[str] = []
    for article in articles:
        article.id = next_source_id(briefing, ids)
        ids.append(article.id)
    if not articles:
        return NOTHING
    copies = copy.deepcopy(articles)
    for article in copies:
        ensure_block_ids(article)
    briefing.sources.extend(copies)
    return Changes(sources=True)


def remove_source(briefing: Briefing, source_id: str) -> Changes:
    """Remove a source and forget which passages came from it (the text stays)."""
    if briefing.source(source_id) is None:
        return NOTHING
    briefing.sources = [a for a in briefing.sources if a.id != source_id]
    for section in briefing.sections:
        section.origins = [o for o in section.origins if o.source != source_id]
    return Changes(sources=True, origins=True)


def edit_source(briefing: Briefing, source_id: str, details: SourceFields) -> Changes:
    """Correct a source's details (title, site, published, url, authors, accessed)."""
    article = briefing.source(source_id)
    if article is None:
        return NOTHING
    before = copy.deepcopy(article)
    if "title" in details:
        article.title = details["title"]
    if "site" in details:
        article.site = details["site"]
    if "published" in details:
        article.published = details["published"]
    if "url" in details:
        article.url = details["url"]
    if "authors" in details:
        article.authors = list(details["authors"])
    if "accessed" in details:
        article.accessed = details["accessed"]
    return NOTHING if article == before else Changes(sources=True)
