"""Page metadata helpers: language, canonical URL, title and author clean-up (and the declared
charset, from ``charset``)."""

from __future__ import annotations

import contextlib
import re
from typing import Any

from briefing.core.importing.charset import declared_charset

__all__ = [
    "canonical_url",
    "clean_authors",
    "clean_title",
    "declared_charset",
    "headline",
    "language",
    "page_metadata",
]

_LANG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ")
_BY = re.compile(r"^\s*(?:written\s+|posted\s+|reported\s+)?by[:\s]+", re.IGNORECASE)
_DATE_WORD = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:january|february|march|april|may|"
    r"june|july|august|september|october|november|december)\b|\d{1,4}[/.-]\d{1,2}",
    re.IGNORECASE,
)
_ROLE_WORDS = re.compile(
    r"\b(senior|chief|staff|contributing|deputy|managing|executive|associate|special|"
    r"news|political|foreign|business|science|technology|health|sports?|editor|editors|"
    r"correspondent|reporter|writer|columnist|contributor|journalist|analyst|"
    r"producer|director|author|photographer|intern|fellow|guest)\b.*$",
    re.IGNORECASE,
)


def language(tree: Any) -> str | None:
    """The page language as a lower-case primary subtag (``en``, ``pt``), or ``None``."""
    candidates: list[str] = []
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    for key in ("lang", "{http://www.w3.org/XML/1998/namespace}lang", "xml:lang"):
        value = root.get(key)
        if value:
            candidates.append(value)
    for meta in root.iter("meta"):
        key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
        if key in ("content-language", "og:locale", "language", "dc.language"):
            candidates.append(meta.get("content") or "")
    for value in candidates:
        value = value.split(",")[0].strip()
        if _LANG.match(value):
            return re.split(r"[-_]", value)[0].lower()
    return None


def canonical_url(tree: Any) -> str | None:
    """``<link rel=canonical>`` or ``og:url`` when it is an absolute http(s) URL."""
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            href = (link.get("href") or "").strip()
            if re.match(r"^https?://\S+$", href, re.IGNORECASE):
                return href
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:url":
            href = (meta.get("content") or "").strip()
            if re.match(r"^https?://\S+$", href, re.IGNORECASE):
                return href
    return None


def clean_title(title: str | None, site: str | None) -> str:
    """The headline without a trailing or leading `` | Site Name``."""
    title = " ".join((title or "").split())
    if not title:
        return ""
    site_text = " ".join((site or "").split())
    names = {n.strip().lower() for n in site_text.split("|") if n.strip()}
    for sep in _SEPARATORS if site_text else ():
        # the whole site name, even when it holds a separator itself ("Site - Tagline")
        if title.lower().endswith((sep + site_text).lower()):
            return title[: -len(sep + site_text)].strip()
        if title.lower().startswith((site_text + sep).lower()):
            return title[len(site_text + sep) :].strip()
    for sep in _SEPARATORS:
        if sep not in title:
            continue
        head, _, tail = title.rpartition(sep)
        if head and (tail.strip().lower() in names or _looks_like_site(tail)):
            return head.strip()
        lead, _, rest = title.partition(sep)
        if rest and lead.strip().lower() in names:
            return rest.strip()
    return title


def headline(title: str, site: str | None, tree: Any, heading: str | None) -> str:
    """The page's headline: ``title`` (already cleaned of the site name) unless it is only the
    site's name, or a short section name ("World News") above a longer headline that the
    article itself opens with (``heading``, its first heading, when the page's ``<h1>`` too);
    then the ``<title>`` text or that headline."""
    site_key = _words_key(site or "")

    def site_only(text: str) -> bool:
        key = _words_key(text)
        return not key or (bool(site_key) and (key == site_key or key in site_key.split(" | ")))

    if site_key and site_key == _words_key(title):
        return title  # a "site name" copied from the headline says nothing about the title
    h1 = next((" ".join(h.text_content().split()) for h in tree.iter("h1")), "")
    opens = bool(heading) and _words_key(heading or "") == _words_key(h1)
    short = site_only(title) or len(title.split()) <= 3 and _words_key(title) != _words_key(h1)
    if opens and heading and len(heading.split()) >= 4 and short:
        return heading
    if not site_only(title):
        return title
    tag = next((" ".join(t.text_content().split()) for t in tree.iter("title")), "")
    for candidate in (clean_title(tag, site), h1):
        if candidate and not site_only(candidate) and len(candidate) <= 300:
            return candidate
    return title


def _words_key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _looks_like_site(text: str) -> bool:
    text = text.strip()
    return bool(re.fullmatch(r"[\w.-]+\.(com|org|net|co\.uk|io|news|info|gov|edu)", text, re.I))


def clean_authors(raw: str | None, site: str | None = None) -> list[str]:
    """Names only: ``"By James Carter, Senior News Editor"`` -> ``["James Carter"]``.

    Dates run into the field ("Jeff Foust Monday, November 18") are cut off, and an
    "author" that is the publication itself (``Telegraph`` on The Telegraph) is dropped.
    """
    if not raw:
        return []
    site_key = " ".join(re.findall(r"\w+", (site or "").lower()))
    names: list[str] = []
    for part in re.split(r";|\band\b|&|\n", raw):
        part = _BY.sub("", part).strip()
        if "," in part:
            part = part.split(",")[0]
        date_word = _DATE_WORD.search(part)
        if date_word and date_word.start() > 0:  # "May Smith" is a name, "Smith May 3" is not
            part = part[: date_word.start()]
        part = _ROLE_WORDS.sub("", part).strip(" ,.-–—|")
        key = " ".join(re.findall(r"\w+", part.lower()))
        if site_key and key and (key in site_key or site_key in key):
            continue
        if not part or "@" in part or "://" in part or len(part) > 60:
            continue
        if not re.search(r"[^\W\d_]", part):
            continue
        if part not in names:
            names.append(part)
    return names


def page_metadata(tree: Any, url: str | None, date_params: dict[str, Any]) -> Any:
    """trafilatura's metadata pass without the parts we do not use (categories, tags, licence).

    Same order as ``trafilatura.metadata.extract_metadata``: meta tags, JSON-LD, then title,
    URL, date (declared in meta tags or JSON-LD, else htmldate on the markup, unless
    ``date_params["defer"]`` leaves that to the caller) and site name. The author comes
    from meta tags and JSON-LD only; the caller falls back to :func:`page_author` (not
    trafilatura's XPath search: a tenth of the cost, and no generator tags or comment
    authors). Returns a trafilatura ``Document`` (``title``, ``author``, ``url``,
    ``hostname``, ``date``, ``sitename``); falls back to the full pass if trafilatura's
    internals have moved.
    """
    try:
        from courlan import extract_domain
        from htmldate import find_date
        from trafilatura.metadata import (
            examine_meta,
            extract_meta_json,
            extract_sitename,
            extract_title,
        )
    except ImportError:  # pragma: no cover - a trafilatura release that reorganised these
        from trafilatura.metadata import extract_metadata

        params = {k: v for k, v in date_params.items() if k != "defer"}
        return extract_metadata(tree, url, params)
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None  # a single word is a handle or a site, not a name
    with contextlib.suppress(Exception):  # trafilatura's JSON-LD reader on a malformed block
        meta = extract_meta_json(tree, meta)
    meta.title = meta.title or extract_title(tree)
    meta.url = meta.url or canonical_url(tree) or url  # trafilatura's extract_url, cheaper
    if meta.url:
        meta.hostname = extract_domain(meta.url, fast=True)
    meta.date = declared_date(tree, date_params.get("max_date"))
    if not meta.date and not date_params.get("defer"):
        meta.date = find_date(tree, url=meta.url, **date_params)
    # trafilatura's guess is any part of the <title> with a dot in it ("Going...Gone!"):
    # only one that looks like a domain name is kept.
    guess = extract_sitename(tree)
    meta.sitename = meta.sitename or (guess if guess and _looks_like_site(guess) else None)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")
    return meta


# Elements that mark a byline: rel/itemprop "author", or a class or id naming one.
_AUTHOR_NAME = re.compile(
    r"(?:^|[\s_-])(?:author|authors|byline|by-line|writer|article-author|author-name|reporter)"
    r"(?:$|[\s_-])",
    re.IGNORECASE,
)
_NOT_BYLINE = re.compile(r"comment|respond|reply|related|bio|avatar|footer|widget", re.IGNORECASE)
# A coarse first pick in C (lxml's XPath, over attribute nodes: faster than testing every
# element); the pattern above decides.
_MARKED = (
    "//@class[contains(., 'uthor') or contains(., 'yline') or contains(., 'riter')"
    " or contains(., 'eporter')]/.. | //@rel[. = 'author']/.."
    " | //@itemprop[contains(., 'author')]/.."
    " | //@id[contains(., 'uthor') or contains(., 'yline')]/.."
)
_SKIP_TAGS = frozenset(["meta", "link", "script", "style", "html", "head", "body", "img"])


def page_author(tree: Any) -> str | None:
    """The author named in the page's byline markup (``rel=author``, ``itemprop=author`` or
    a class or id such as ``byline`` or ``author-name``), or ``None``.

    The first such element in document order whose text is a short byline with a person's
    name wins; those inside comment sections, author bios and related-post lists do not
    count."""
    from briefing.core.importing.meta import author_names

    for el in tree.xpath(_MARKED):
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in _SKIP_TAGS:
            continue
        names = f"{el.get('class', '')} {el.get('id', '')}"
        marked = (
            (el.get("rel") or "").lower() == "author"
            or "author" in (el.get("itemprop") or "").lower()
            or _AUTHOR_NAME.search(names) is not None
        )
        if not marked or _NOT_BYLINE.search(names) or _in_comments(el):
            continue
        text = " ".join(el.text_content().split())
        if not 3 <= len(text) <= 120:
            continue
        found = author_names(text)
        if found:
            return "; ".join(found)
    return None


def _in_comments(el: Any) -> bool:
    parent = el.getparent()
    for _ in range(12):
        if parent is None:
            return False
        names = f"{parent.get('class', '')} {parent.get('id', '')}"
        if _NOT_BYLINE.search(names):
            return True
        parent = parent.getparent()
    return False


# Where pages declare their publication date for machines (Open Graph, schema.org, Dublin Core
# and the common newsroom tags); htmldate's slower search runs only when none of these does.
_DATE_KEYS = frozenset(
    [
        "article:published_time",
        "og:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "publication_date",
        "dc.date",
        "dc.date.issued",
        "dcterms.created",
        "dcterms.issued",
        "sailthru.date",
        "parsely-pub-date",
        "citation_publication_date",
    ]
)
_JSON_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')


def declared_date(tree: Any, max_date: str | None = None) -> str | None:
    """The publication date a page declares in its meta tags or JSON-LD, as ``YYYY-MM-DD``
    (none later than ``max_date``), or ``None``."""
    from briefing.core.importing.meta import normalize_date

    found: list[str] = []
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key in _DATE_KEYS:
            found.append(el.get("content") or "")
    for script in tree.iter("script"):
        if "ld+json" in (script.get("type") or ""):
            found += _JSON_DATE.findall(script.text or "")[:2]
    for raw in found:
        iso = normalize_date(raw.strip())
        if iso and (not max_date or iso <= max_date) and iso >= "1990-01-01":
            return iso
    return None
