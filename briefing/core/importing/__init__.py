"""The article importer: files and pasted text in, clean :class:`Article` out.

``import_file`` dispatches by extension and content (plain text, Markdown, web pages,
MHTML, and through ``documents`` PDF, Word, OpenDocument and e-mail), then every
extractor's result goes through one common pass: text repair, chrome filtering, metadata
cleanup and block ids. ``import_sources`` is the same for a file that may hold several
sources (a newsletter of several stories). Failures are one-line
:class:`ArticleImportError` messages naming the file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Literal

from briefing.core.errors import ArticleImportError
from briefing.core.importing import chrome, documents, meta, structure
from briefing.core.importing.charset import declared_charset
from briefing.core.importing.encoding import decode_bytes
from briefing.core.importing.language import guess_language
from briefing.core.importing.links import neutralise_links
from briefing.core.importing.plaintext import article_from_text
from briefing.core.importing.repair import repair_text, tidy_whitespace
from briefing.core.model.article import Article, Block
from briefing.core.safe_text import valid_unicode
from briefing.core.storage.safe_read import UntrustedFileError, read_untrusted

__all__ = [
    "ArticleImportError",
    "finish",
    "import_file",
    "import_files",
    "import_sources",
    "import_text",
]

# Size limits. An article is rarely over 1 MB. Plain prose imports at about 0.2 s per MB,
# but text that is all short lines or all mojibake costs up to 2 s per MB, and Markdown
# (markdown-it's inline pass) up to 4 s per MB: the limits keep the worst case within seconds.
MAX_TEXT_BYTES = 5 * 1024 * 1024  # text files and pasted text
MAX_MARKDOWN_BYTES = 1024 * 1024  # Markdown files and pasted Markdown
MAX_HTML_BYTES = 20 * 1024 * 1024  # saved pages carry markup, styles and scripts
MAX_MHTML_BYTES = 60 * 1024 * 1024  # single-file pages carry their images too
_MB = 1024 * 1024

Kind = Literal["auto", "text", "markdown", "html"]
_EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    "": "auto",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".mhtml": "mhtml",
    ".mht": "mhtml",
    ".pdf": "pdf",
    ".docx": "docx",
    ".docm": "docx",  # macro-enabled: its text only; the macro project is never opened
    ".odt": "odt",
    ".eml": "email",
}
SUPPORTED = ".txt, .md, .html, .htm, .mhtml, .pdf, .docx, .docm, .odt, .eml"
_HTML_SNIFF = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|article|div|p|meta|section)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TEXT_SNIFF = re.compile(
    r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|article|div|p|meta|section|span"
    r"|h[1-6]|ul|ol|table|b|i|strong|em|a|br|blockquote|figure)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
# Markdown's own marks (a browser paste has lists and **bold** too, but not these).
_MD_HEADING = re.compile(r"^#{1,6} \S", re.M)
_MD_MARKS = re.compile(r"\[[^\[\]\n]+\]\([^)\s]+\)|^```|^---\s*$|^> \S", re.M)  # linear


def _too_big(size: int, limit: int) -> str:
    return f"is too big to import ({size / _MB:.0f} MB; the limit is {limit // _MB} MB)"


# The web-page and Markdown readers are imported where they are used, not at the top: loading
# them (lxml, trafilatura, markdown-it) takes a tenth of a second that importing a text file,
# or starting the editor, should not pay.


def _html_article(html: str, name: str, url: str | None = None) -> Article:
    from briefing.core.importing.web import article_from_html

    return article_from_html(html, name=name, url=url)


def _mhtml_article(data: bytes, name: str) -> Article:
    from briefing.core.importing.mhtml import article_from_mhtml

    return article_from_mhtml(data, name=name)


def _from_text(text: str, kind: str, name: str) -> Article:
    if kind == "markdown":
        from briefing.core.importing.markdown_in import article_from_markdown

        return article_from_markdown(text, name=name)
    if kind == "html":
        return _html_article(text, name)
    return article_from_text(text, name=name)


def _sniff_text(text: str) -> str:
    head = text[:4096]
    if _HTML_TEXT_SNIFF.match(head):
        return "html"
    if _MD_HEADING.search(head) or len(_MD_MARKS.findall(head)) >= 2:
        return "markdown"
    return "text"


def import_file(path: str | Path, *, within: str | Path | None = None) -> Article:
    """Import one article file (.txt, .md, .html/.htm, .mhtml/.mht, .pdf, .docx/.docm,
    .odt, .eml).

    A newsletter holding several stories comes back as one article with a heading per
    story (:func:`import_sources` offers them as separate sources). Raises
    :class:`ArticleImportError` ("<file>: <reason>") for missing, unreadable, binary,
    empty, too big or unsupported files and for pages with no article text; with ``within``
    (the folder the file was found in), also for a link out of that folder.
    """
    return _import(path, split=False, within=within)[0]


def import_sources(path: str | Path, *, within: str | Path | None = None) -> list[Article]:
    """The sources in one file: one article, or several for a newsletter e-mail of several
    stories. Raises :class:`ArticleImportError` like :func:`import_file`."""
    return _import(path, split=True, within=within)


def _import(path: str | Path, *, split: bool, within: str | Path | None) -> list[Article]:
    p = Path(path)
    name = str(path)
    kind = _EXTENSIONS.get(p.suffix.lower())
    if p.is_dir():
        raise ArticleImportError("is a folder, not a file", name)
    if not os.path.lexists(p):
        raise ArticleImportError("no such file", name)
    if kind is None:
        raise ArticleImportError(f"unsupported file type '{p.suffix}' (use {SUPPORTED})", name)
    limits = {"mhtml": MAX_MHTML_BYTES, "html": MAX_HTML_BYTES, "auto": MAX_HTML_BYTES}
    limit = (limits | documents.MAX_BYTES).get(
        kind, MAX_MARKDOWN_BYTES if kind == "markdown" else MAX_TEXT_BYTES
    )
    try:
        data = read_untrusted(p, limit, within=within)  # a pipe or device could block for ever
    except UntrustedFileError as err:
        if err.problem == "too-big":
            raise ArticleImportError(_too_big(err.size or limit + 1, limit), name) from None
        raise ArticleImportError(err.reason, name) from None
    if not data.strip():
        raise ArticleImportError("the file is empty", name)
    if kind in documents.DOCUMENT_KINDS:
        doc_kind = kind
        found = _guard_all(lambda: documents.read_document(doc_kind, data, name, split=split), name)
        return [finish(a, name=name) for a in found]
    if kind == "mhtml":
        return [finish(_guard(lambda: _mhtml_article(data, name), name), name=name)]
    declared = None
    if kind in ("html", "auto") and _HTML_SNIFF.match(data[:4096]):
        kind = "html"
    if kind == "html":
        declared = declared_charset(data)
    text = decode_bytes(data, declared=declared, name=name)
    if not text.strip():
        raise ArticleImportError("the file is empty", name)
    if kind == "auto":
        kind = _sniff_text(text)
    if kind != "html" and len(data) > _text_limit(kind):
        raise ArticleImportError(_too_big(len(data), _text_limit(kind)), name)
    repaired = kind != "html"  # the text readers repair as they go
    article = _guard(lambda: _from_text(text, kind, name), name)
    return [finish(article, name=name, repaired=repaired)]


def _text_limit(kind: str) -> int:
    return MAX_MARKDOWN_BYTES if kind == "markdown" else MAX_TEXT_BYTES


def _guard(fn: Callable[[], Article], name: str) -> Article:
    """Run an extractor; any unexpected failure becomes a one-line import error."""
    result = _guard_all(lambda: [fn()], name)[0]
    if not isinstance(result, Article):
        raise ArticleImportError("could not be read", name)
    return result


def _guard_all(fn: Callable[[], list[Article]], name: str) -> list[Article]:
    """:func:`_guard` for an extractor that returns several articles."""
    try:
        result = fn()
    except ArticleImportError:
        raise
    except RecursionError:
        raise ArticleImportError("is nested too deeply to read", name) from None
    except MemoryError:
        raise ArticleImportError("is too big to read", name) from None
    except ImportError as err:
        raise ArticleImportError(f"cannot be read: {err}", name) from None
    except Exception as err:  # noqa: BLE001 - a broken input must never become a traceback
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise ArticleImportError(f"could not be read ({reason})", name) from None
    if not result or not all(isinstance(a, Article) for a in result):
        raise ArticleImportError("could not be read", name)
    return result


def import_files(paths: Iterable[str | Path]) -> list[list[Article] | ArticleImportError]:
    """Import several files as sources, one result per file in order: its sources (see
    :func:`import_sources`; several for a newsletter of several stories) or its error."""
    out: list[list[Article] | ArticleImportError] = []
    for path in paths:
        try:
            out.append(import_sources(path))
        except ArticleImportError as err:
            out.append(err)
    return out


def import_text(text: str, *, name: str = "clipboard", kind: Kind = "auto") -> Article:
    """Import pasted text or HTML (the editor's clipboard paste)."""
    text = valid_unicode(text)  # a clipboard can hold lone surrogates; no file can
    chosen = _sniff_text(text) if kind == "auto" else kind
    limit = MAX_HTML_BYTES if chosen == "html" else _text_limit(chosen)
    if len(text) > limit:
        raise ArticleImportError(_too_big(len(text.encode("utf-8", "replace")), limit), name)
    if "\x00" in text:
        raise ArticleImportError("contains NUL characters (not text)", name)
    if not text.strip():
        raise ArticleImportError("is empty", name)
    article = _guard(lambda: _from_text(text, chosen, name), name)
    return finish(article, name=name, repaired=chosen != "html")


def _is_byline(text: str) -> bool:
    return meta.byline_authors(text) is not None or meta.is_date_line(text)


def _clean_blocks(
    blocks: list[Block], title: str, repaired: bool, dropped: list[str] | None = None
) -> list[Block]:
    """The blocks without chrome, a repeated title or byline at the top, trailing furniture
    and implied FAQ headings; ``dropped`` receives the title and byline lines left out."""
    out: list[Block] = []
    repeated: Block | None = None  # a top paragraph dropped as the title repeated
    header: list[Block] = []  # top lines dropped as the title or byline
    for block in blocks:
        if not repaired:
            # ASCII cannot hold mojibake: only its whitespace needs tidying.
            ascii_only = block.text.isascii()
            block.text = tidy_whitespace(block.text) if ascii_only else repair_text(block.text)
        if block.label is not None:
            block.label = repair_text(block.label)
        if block.kind == "qa" and not repaired:
            block.question = repair_text(block.question or "")
            block.answer = repair_text(block.answer or "")
            block.text = f"{block.question}\n{block.answer}"
        if not block.text.strip():
            continue
        top = not out and block.kind in ("heading", "paragraph") and bool(title)
        # A byline before the chrome test: "Posted by Jane Doe at 9:12" reads as furniture.
        if (
            block.kind != "qa"
            and chrome.is_chrome(block.text)
            and not (top and _is_byline(block.text))
        ):
            continue
        if top and (_norm(block.text) == _norm(title) or _is_byline(block.text)):
            if block.kind == "paragraph" and _norm(block.text) == _norm(title):
                repeated = block
            header.append(block)
            continue  # a repeated title or byline at the top
        out.append(block)
    if dropped is not None:
        dropped.extend(b.text for b in header)
    if repeated is not None and not any(b.kind != "heading" for b in out):
        out.insert(0, repeated)  # a one-sentence paste is its own title and its text
    elif not any(b.kind != "heading" for b in out) and any(b.kind != "heading" for b in header):
        # A page with nothing but its headline and byline (a photo or video post): those
        # lines are all the text it has, which is better than refusing it.
        out = [b for b in header if _norm(b.text) != _norm(title)] + out
    cut = chrome.trailing_cut([b.text for b in out])
    out = out[:cut]
    # A "Frequently Asked Questions" heading is implied by the Q&A blocks it introduces.
    return [
        b
        for i, b in enumerate(out)
        if not (
            b.kind == "heading"
            and structure.is_faq_heading(b.text)
            and i + 1 < len(out)
            and out[i + 1].kind == "qa"
        )
    ]


def _fallback_title(blocks: list[Block], name: str) -> str:
    """The first heading; else a file's name; else (a paste) the text's first words."""
    heading = next((b.text for b in blocks if b.kind == "heading"), "")
    if heading:
        return heading
    if Path(name).suffix:
        return Path(name).stem
    words = " ".join(blocks[0].text.split()[:10]).strip("*_#> ") if blocks else ""
    more = blocks and len(blocks[0].text.split()) > 10
    return (words + "…" if more else words) or name


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _neutralise(blocks: list[Block]) -> None:
    for block in blocks:
        block.text = neutralise_links(block.text)
        block.question = block.question and neutralise_links(block.question)
        block.answer = block.answer and neutralise_links(block.answer)


def finish(article: Article, *, name: str, repaired: bool = False) -> Article:
    """The common pass after any extractor: repaired text, no chrome blocks, names-only
    authors, ISO date, block ids ``b1, b2, ...``; no body text raises an import error.

    ``repaired`` says the extractor already ran :func:`repair_text` over its text."""
    article.title = repair_text(article.title)
    if chrome.is_breadcrumb(article.title):
        article.title = re.split(r"\s*[»›]\s*", article.title)[-1]
    _neutralise(article.blocks)  # links a reader must not follow lose their target
    header: list[str] = []
    article.blocks = _clean_blocks(article.blocks, article.title, repaired, header)
    # Again on the final text: tidying removes zero-width and control characters, which can
    # join "[x]\u200b(http://127.0.0.1/)" back into a live link.
    _neutralise(article.blocks)
    article.authors = meta.clean_authors([repair_text(a) for a in article.authors])
    if not article.authors:  # the byline line dropped from the top of the text
        for line in header:
            article.authors = meta.byline_authors(repair_text(line)) or []
            if article.authors:
                break
    article.published = meta.normalize_date(article.published)
    for key in ("site", "url", "language"):
        value = getattr(article, key)
        if value is not None:
            setattr(article, key, repair_text(value) or None)
    if not article.blocks or not any(b.kind != "heading" for b in article.blocks):
        raise ArticleImportError("no article text found", name)
    if not article.title:
        article.title = _fallback_title(article.blocks, name)
    for i, block in enumerate(article.blocks, start=1):
        block.id = f"b{i}"
    article.origin = valid_unicode(article.origin or name)  # a file name may not decode
    article.imported = article.imported or date.today().isoformat()
    # When the analyst read it, for references; they may correct it in the source's details.
    article.accessed = meta.normalize_date(article.accessed) or article.imported[:10]
    if not article.language:
        article.language = guess_language(article.text)
    return article
