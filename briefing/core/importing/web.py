"""Saved web pages -> Article.

The pipeline: parse once with lxml; read metadata (meta tags, JSON-LD, htmldate on markup);
drop inert and hidden elements; trafilatura in fast mode (precision, no comments, formatting
and links kept) and its full mode only when that comes back nearly empty; when the body covers
under half of the page's paragraph text, readability-lxml's reading replaces it if it is a
clear superset (an article split over several containers); and when all that finds next to
nothing, or the page is nested deeper than lxml builds, a streaming structure pass over the raw
tags (``web_fallback``) decides. A page with no article text raises ArticleImportError.

Nothing here opens a URL: the extractors only ever see a tree parsed from the string we were
given (no network parser option, no DTD loading), links are kept only as Markdown text, and
images are dropped. Hostile pages are neutralised before parsing: huge ``data:`` URIs are cut,
an XML declaration and any DOCTYPE internal subset (entity definitions) are removed, and the
size left once scripts, styles and inline data are gone is capped.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Any

from briefing.core.errors import ArticleImportError
from briefing.core.importing.meta import byline_authors, find_date, is_date_line
from briefing.core.importing.web_blocks import blocks_from_body, classify, safe_link
from briefing.core.importing.web_callouts import add_callouts
from briefing.core.importing.web_choose import choose_blocks, settled
from briefing.core.importing.web_fallback import stream_blocks
from briefing.core.importing.web_meta import (
    canonical_url,
    clean_authors,
    clean_title,
    declared_charset,
    headline,
    language,
    page_author,
    page_metadata,
)
from briefing.core.importing.web_second import readability_blocks
from briefing.core.importing.web_tree import wrap_loose_text
from briefing.core.model.article import Article, Block

__all__ = ["MAX_HTML_CHARS", "article_from_html", "declared_charset"]

# Markup beyond scripts, styles and inline data: trafilatura's time grows faster than the
# page, and 5 MB of article markup (a few seconds) is far beyond any real article.
MAX_HTML_CHARS = 5_000_000
MAX_INPUT_CHARS = 60_000_000  # raw page size not even looked at
SHORT_WORDS = 30
TRAFILATURA_MODE = "recall"  # precision, balanced or recall (fast mode in each case)
# Dates from markup only: htmldate's extensive search runs dateparser over the page text,
# which costs up to seconds on some pages for a guess.
DATE_PARAMS: dict[str, Any] = {"original_date": True, "extensive_search": False}
MAX_ELEMENTS = 250_000  # opening tags (see _check_elements)
_TAG_START = re.compile(r"<[A-Za-z]")
# Only the HTML delimiters end a data: URI here: a form feed or NEL inside one must not split
# it into pieces each short enough to pass.
_DATA_URI = re.compile(r"data:[^\"' \t\n\r<>)]{256,}", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)
# Control characters, lone surrogates and non-characters: lxml refuses them in text nodes.
_NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?:/|$)")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DEPTH_ERROR = "Excessive depth"
INERT_TAGS = (
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object",
    "embed", "applet", "svg", "math", "canvas", "dialog",
)  # fmt: skip


def article_from_html(html: str, *, name: str, url: str | None = None) -> Article:
    """Extract the article in a saved web page.

    ``name`` is the file name used in error messages; ``url`` the page's address when the
    caller knows it (an MHTML snapshot's location), used only when the page names no
    canonical URL. Blocks come back in order with empty ids; the importer's post-pass
    numbers them, repairs text and drops chrome lines. Raises :class:`ArticleImportError`
    when the page is too large or no article text is found.
    """
    html = _neutralise(html, name)
    try:
        tree, too_deep = _parse(html)
    except (Exception, RecursionError):  # lxml refusing the page is not fatal: stream it
        tree, too_deep = None, True
    article: Article | None = None
    if tree is not None and not too_deep:
        article = _with_trafilatura(tree, url)
    if article is None or _words(article) < SHORT_WORDS:
        # trafilatura found nothing, or so little that it may be menu links: the stream
        # pass (boilerplate and link-density rules) decides; if it too finds nothing, the
        # page has no article text.
        try:
            streamed = _with_stream(html, tree, url)
        except (Exception, RecursionError) as err:
            reason = f"the web page could not be read ({type(err).__name__})"
            raise ArticleImportError(reason, name) from None
        if article is None or not streamed.blocks or _words(streamed) >= _words(article):
            article = _merge_meta(streamed, article)
    if not article.blocks:
        raise ArticleImportError("no article text found in the web page", name)
    return article


def _neutralise(html: str, name: str) -> str:
    if not isinstance(html, str):
        raise ArticleImportError("the web page is not text", name)
    if len(html) > MAX_INPUT_CHARS:
        limit = MAX_INPUT_CHARS // 1_000_000
        raise ArticleImportError(f"the web page is too large to import (limit {limit} MB)", name)
    html = _DATA_URI.sub("data:,", html)
    if len(html) > MAX_HTML_CHARS:
        # Saved pages are mostly scripts and styles; only the rest counts against the limit.
        html = cut_elements(html, ("script", "style"), keep="ld+json")
    if len(html) > MAX_HTML_CHARS:
        limit = MAX_HTML_CHARS // 1_000_000
        raise ArticleImportError(
            f"the web page is too large to import ({len(html) // 1_000_000} MB of text and "
            f"markup without scripts, styles and inline data; the limit is {limit} MB)",
            name,
        )
    _check_elements(html, name)
    html = _NOT_XML_CHARS.sub("", html)
    html = _XML_DECL.sub("", html, count=1)
    subset = _DOCTYPE_SUBSET.search(html, 0, 200_000)
    if subset:
        # Entity definitions are never expanded (no billion laughs, no SYSTEM files); their
        # references would otherwise show up as literal "&name;" text.
        names = set(re.findall(r"<!ENTITY\s+%?\s*([\w.-]+)", subset.group(0)))
        html = html[: subset.start()] + "<!DOCTYPE html>" + html[subset.end() :]
        if names:
            html = re.sub(r"&([\w.-]+);", lambda m: "" if m.group(1) in names else m.group(0), html)
    if not html.strip():
        raise ArticleImportError("the web page is empty", name)
    return html


def _check_elements(html: str, name: str) -> None:
    """Refuse a page of absurdly many elements: the extractors' time and memory grow with the
    element count (600,000 spans in 3 MB took 15 s and 800 MB). The longest of 1,145 real
    pages in the benchmarks has about 6,000; a 200,000-deep page still goes to the stream pass.
    """
    count = sum(1 for _ in _TAG_START.finditer(html))
    if count > MAX_ELEMENTS:  # scripts and styles may hold "<a" in their strings
        count = sum(1 for _ in _TAG_START.finditer(cut_elements(html, ("script", "style"))))
    if count > MAX_ELEMENTS:
        raise ArticleImportError(
            f"the web page has too many elements to import ({count:,}; the limit is "
            f"{MAX_ELEMENTS:,})",
            name,
        )


def cut_elements(html: str, tags: tuple[str, ...], keep: str = "") -> str:
    """``html`` without the named elements (content included), in one linear pass.

    An element whose opening tag mentions ``keep`` (e.g. ``ld+json``) stays; an unclosed one
    runs to the end of the page, as in a browser.
    """
    lower = html.lower()
    out: list[str] = []
    pos = 0
    nxt = {tag: lower.find("<" + tag, 0) for tag in tags}
    while True:
        live = [(i, tag) for tag, i in nxt.items() if i >= 0]
        if not live:
            break
        start, tag = min(live)
        after = start + 1 + len(tag)
        if after < len(lower) and (lower[after].isalnum() or lower[after] in "-_:"):
            nxt[tag] = lower.find("<" + tag, after)  # <scripts>, <style-guide>: not ours
            continue
        close = lower.find("</" + tag, after)
        end = len(html) if close < 0 else lower.find(">", close) + 1 or len(html)
        opening_end = lower.find(">", start)
        if keep and 0 <= opening_end < end and keep in lower[start:opening_end]:
            out.append(html[pos:end])
        else:
            out.append(html[pos:start])
        pos = end
        for t in tags:
            if nxt[t] < pos and nxt[t] >= 0:
                nxt[t] = lower.find("<" + t, pos)
    out.append(html[pos:])
    return "".join(out)


def _parse(html: str) -> tuple[Any, bool]:
    """The lxml tree (or ``None``) and whether nesting went deeper than lxml will build."""
    import lxml.html
    from lxml import etree

    for huge in (False, True):
        parser = lxml.html.HTMLParser(
            collect_ids=False,
            default_doctype=False,
            remove_comments=True,
            remove_pis=True,
            no_network=True,
            huge_tree=huge,
        )
        try:
            tree = lxml.html.document_fromstring(html, parser=parser)
        except (etree.ParserError, ValueError, etree.XMLSyntaxError):
            return None, False
        if not any(_DEPTH_ERROR in str(err) for err in parser.error_log):
            return tree, False
    return tree, True


# Candidates in C (attribute nodes are faster to scan than elements); _HIDDEN_STYLE decides.
_HIDDEN = (
    "//body//@hidden/.. | //body//@aria-hidden[. = 'true']/.."
    " | //body//@style[contains(., 'none') or contains(., 'hidden')]/.."
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _strip_inert(tree: Any) -> None:
    """Remove elements whose content is never article text: scripts, templates, frames, and
    elements hidden from the reader (``hidden``, ``aria-hidden``, inline ``display:none``)."""
    doomed = list(tree.iter(*INERT_TAGS))
    doomed += [
        el
        for el in tree.xpath(_HIDDEN)
        if el.get("hidden") is not None
        or el.get("aria-hidden") == "true"
        or _HIDDEN_STYLE.search(el.get("style") or "")
    ]
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        tail = el.tail
        if tail:  # keep the text that followed the removed element
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        parent.remove(el)


def _with_trafilatura(tree: Any, url: str | None) -> Article | None:
    # trafilatura and htmldate log every page they find thin; we report our own errors.
    for logger in ("trafilatura", "htmldate", "courlan", "readability"):
        logging.getLogger(logger).setLevel(logging.CRITICAL)
    # Metadata first: it reads JSON-LD, which lives in <script> elements.
    try:
        meta = page_metadata(tree, url, DATE_PARAMS | {"defer": True})
    except (Exception, RecursionError):
        meta = None
    try:
        _strip_inert(tree)
        wrap_loose_text(tree)
    except (Exception, RecursionError):
        return None
    # Two readings of the page, weighed against each other (web_choose): trafilatura in its
    # fast mode (which skips its own justext/readability comparison, most of its cost) and
    # readability-lxml.
    page_url = _http(canonical_url(tree)) or _http(_text(getattr(meta, "url", None))) or _http(url)
    doc = _extract(tree, url)
    first: list[Block] = []
    if doc is not None and getattr(doc, "body", None) is not None:
        try:
            first = blocks_from_body(doc.body, base=page_url)
        except (Exception, RecursionError):
            first = []
    site = _text(getattr(meta, "sitename", None)) or _text(getattr(meta, "hostname", None))
    title = clean_title(_text(getattr(meta, "title", None)), site)
    paragraphs = [(p, p.text_content()) for p in tree.iter("p")]
    if settled(first, [text for _, text in paragraphs]):
        blocks = first
    else:
        blocks = choose_blocks(first, classify(readability_blocks(tree, page_url)), title)
    if not blocks:
        return None
    blocks = add_callouts(tree, blocks, paragraphs)
    opening = next((b.text for b in blocks[:3] if b.kind == "heading"), None)
    title = headline(title, site, tree, opening)
    published = _text(getattr(meta, "date", None)) or _dated(blocks, tree, page_url)
    return Article(
        title=title,
        blocks=_drop_title(blocks, title),
        authors=clean_authors(_text(getattr(meta, "author", None)), site)
        or clean_authors(page_author(tree), site),
        published=published if published and _ISO_DATE.match(published) else None,
        site=site,
        url=page_url,
        language=language(tree),
    )


def _dated(blocks: list[Block], tree: Any, url: str | None) -> str | None:
    """The date a page shows when it declares none: a date line or byline among the first
    blocks ("by Jane Doe on March 3, 2012"), the page's first ``<time datetime>``, a date in
    its address, else htmldate's reading of the markup."""
    for block in blocks[:4]:
        if len(block.text) <= 160 and (is_date_line(block.text) or byline_authors(block.text)):
            found = find_date(block.text)
            if found and found <= date.today().isoformat():
                return found
    today = date.today().isoformat()
    for el in tree.iter("time"):  # the first <time datetime> of the page
        found = find_date(el.get("datetime") or "")
        if found and "1990" <= found <= today:
            return found
        break
    m = _URL_DATE.search(url or "")  # /2012/11/05/ in the page's address
    if m:
        found = find_date("-".join(m.groups()))
        if found and found <= today:
            return found
    from htmldate import find_date as htmldate

    params = DATE_PARAMS | {"max_date": today}
    try:
        return _text(htmldate(tree, url=url, **params))
    except (Exception, RecursionError):
        return None


def _extract(tree: Any, url: str | None) -> Any:
    """trafilatura's Document for the tree, or ``None`` if it finds nothing or fails."""
    from trafilatura import bare_extraction

    try:
        return bare_extraction(
            tree,
            url=url,
            fast=True,
            favor_precision=TRAFILATURA_MODE == "precision",
            favor_recall=TRAFILATURA_MODE == "recall",
            include_comments=False,
            include_formatting=True,
            include_links=True,
            include_tables=True,
            include_images=False,
            with_metadata=False,
            # Only the XML body is read: the default "python" format also renders it as
            # Markdown text, which costs time and is quadratic on long runs of backslashes.
            output_format="xml",
        )
    except (Exception, RecursionError):  # trafilatura raising is "not found" for us
        return None


def _with_stream(html: str, tree: Any, url: str | None) -> Article:
    page_title, blocks = stream_blocks(html)
    blocks = classify(blocks)
    title = ""
    if tree is not None:
        title = _meta(tree, "og:title") or ""
    title = clean_title(
        title or page_title, _meta(tree, "og:site_name") if tree is not None else None
    )
    if not title:
        title = next((b.text for b in blocks if b.kind == "heading"), "")
    return Article(
        title=title,
        blocks=_drop_title(blocks, title),
        site=_meta(tree, "og:site_name") if tree is not None else None,
        url=_http(canonical_url(tree) if tree is not None else None) or _http(url),
        language=language(tree) if tree is not None else None,
    )


def _words(article: Article) -> int:
    return sum(len(re.findall(r"\w+", b.text)) for b in article.blocks)


def _merge_meta(streamed: Article, extracted: Article | None) -> Article:
    """The streamed body with trafilatura's metadata where it found some."""
    if extracted is None:
        return streamed
    extracted.blocks = _drop_title(streamed.blocks, extracted.title or streamed.title)
    extracted.title = extracted.title or streamed.title
    return extracted


def _drop_title(blocks: list[Block], title: str) -> list[Block]:
    """Leave out a heading or line near the top that only repeats the title."""
    key = _key(title)
    if not key:
        return blocks
    for i, block in enumerate(blocks[:3]):
        if block.kind in ("heading", "paragraph") and _key(block.text) == key:
            return blocks[:i] + blocks[i + 1 :]
    return blocks


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _meta(tree: Any, prop: str) -> str | None:
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == prop:
            value = " ".join((meta.get("content") or "").split())
            if value:
                return value
    return None


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _http(value: str | None) -> str | None:
    """An absolute http(s) URL on a public host, else ``None``."""
    if value and re.match(r"^https?://\S+$", value, re.IGNORECASE):
        return safe_link(value)
    return None
