"""HTML -> PDF with WeasyPrint: metadata, bookmarks, embedded fonts, variants, attachment."""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import hashlib
import io
import logging
import re
import shutil
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.core.errors import RenderError
from briefing.core.model.document import Briefing
from briefing.core.model.template import Brand
from briefing.core.rendering import font_programs
from briefing.core.rendering.document_html import effective_brand, render_html_parts
from briefing.core.rendering.image_limits import guard_pillow
from briefing.core.worker.protocol import OutlineEntry

VARIANTS = ("pdf/ua-1", "pdf/a-3b")
FIT_BELOW = 0.25  # a last page filled less than this is worth a tighter layout...
FIT_MAX_PAGES = 8  # ...in a note of a few pages (a long report is not laid out twice for it)
_WORDS_PER_PAGE = 420  # about what a page of a briefing holds, cover and tables included
SOURCE_NAME = "source.briefing"
MAX_PDF_BYTES = 256 * 1024 * 1024  # a PDF read back for its attached source
SOURCE_DESCRIPTION = "Briefing source (reopen this PDF in Briefing to edit)"

# WeasyPrint logs every refused URL and unsupported CSS property; they are expected here.
logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
_LOCK = threading.Lock()
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
_FONT_CONFIGS: OrderedDict[str, Any] = OrderedDict()  # @font-face rules -> FontConfiguration
_FONT_CONFIGS_KEPT = 4
# Parsed stylesheets, per FontConfiguration (a sheet's @font-face rules live in its config).
_SHEETS: weakref.WeakKeyDictionary[Any, OrderedDict[str, Any]] = weakref.WeakKeyDictionary()
_SHEETS_KEPT = 4


def _font_config(html: str) -> Any:
    """A FontConfiguration for the document's ``@font-face`` rules, reused across renders.

    Loading the faces (copying each font to a temporary file and registering it with
    fontconfig) costs tens of milliseconds per render; the preview re-renders the same
    brand on every edit. Called with ``_LOCK`` held.
    """
    from weasyprint.text.fonts import FontConfiguration

    key = hashlib.sha256("\n".join(_FONT_FACE.findall(html)).encode("utf-8")).hexdigest()
    config = _FONT_CONFIGS.pop(key, None) or FontConfiguration()
    _FONT_CONFIGS[key] = config
    while len(_FONT_CONFIGS) > _FONT_CONFIGS_KEPT:
        _forget(_FONT_CONFIGS.popitem(last=False)[1])
    return config


def _forget(config: Any) -> None:
    """Remove ``config``'s temporary font folder now.

    WeasyPrint copies each ``@font-face`` font into a ``weasyprint-*`` folder in the system's
    temporary folder and removes it only when the FontConfiguration is collected; a layout
    keeps it in reference cycles, and a cached one lives until exit, where finalizers may not
    run: each run of the editor or of the test suite left megabytes of font copies behind.
    """
    folder = getattr(config, "_folder", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        config._folder = None


@atexit.register
def _forget_all() -> None:
    while _FONT_CONFIGS:
        _forget(_FONT_CONFIGS.popitem()[1])


def attachment_name(briefing: Briefing) -> str:
    """File name of the attached source, derived from the title."""
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in briefing.title.lower())
    stem = "-".join(p for p in stem.split("-") if p)[:60] or "briefing"
    return f"{stem}.briefing"


def _shareable(briefing: Briefing) -> Briefing:
    """The briefing as attached to a PDF that leaves the analyst's machine.

    Where each source was imported from is kept as a file name only: the folders on the
    analyst's disk (their user name, their case folders) are nobody else's business.
    """
    sources = []
    for article in briefing.sources:
        origin = article.origin
        if origin and not re.match(r"^[a-z][a-z0-9+.-]*://", origin, re.IGNORECASE):
            origin = re.split(r"[\\/]", origin.rstrip("\\/"))[-1] or None
        sources.append(dataclasses.replace(article, origin=origin))
    return dataclasses.replace(briefing, sources=sources)


def _stylesheet(css: str, config: Any) -> Any:
    """``css`` parsed once for ``config`` and reused while both stay cached.

    Parsing and preprocessing the brand stylesheet is a tenth of a preview render, and the
    stylesheet only changes with the brand, the status (watermark) or the scripts in use.
    Called with ``_LOCK`` held.
    """
    from weasyprint import CSS

    from briefing.core.rendering.fetcher import SafeFetcher

    sheets = _SHEETS.get(config)
    if sheets is None:
        sheets = _SHEETS[config] = OrderedDict()
    key = hashlib.sha256(css.encode("utf-8")).hexdigest()
    sheet = sheets.pop(key, None)
    if sheet is None:
        sheet = CSS(string=css, url_fetcher=SafeFetcher(), font_config=config)
    sheets[key] = sheet
    while len(sheets) > _SHEETS_KEPT:
        sheets.popitem(last=False)
    return sheet


def outline_of(document: Any) -> list[OutlineEntry]:
    """The bookmarks of a laid-out WeasyPrint document, as the PDF's outline lists them."""
    out: list[OutlineEntry] = []

    def walk(marks: list[Any], level: int) -> None:
        for title, (page, _x, y), children, _state in marks:
            height = document.pages[page].height * 0.75
            out.append((level, str(title), int(page), round(max(0.0, height - y), 1)))
            walk(children, level + 1)

    walk(document.make_bookmark_tree(0.75, transform_pages=True), 1)
    return out


@dataclass
class Layout:
    """One laid-out document: the parsed HTML tree and WeasyPrint's paginated document."""

    root: Any  # the parsed HTML's root element (an ElementTree element)
    document: Any  # weasyprint.Document
    options: dict[str, Any]

    def write(self, pages: list[Any] | None = None) -> bytes:
        """The PDF of the layout, or of just ``pages`` (WeasyPrint pages, repeats allowed).

        Call it inside :func:`rendering`, as :func:`lay_out`.
        """
        document = self.document if pages is None else self.document.copy(pages)
        with font_programs.reusing():
            pdf: bytes = document.write_pdf(**self.options)
        return pdf


@contextlib.contextmanager
def rendering() -> Iterator[None]:
    """Hold the render lock: WeasyPrint's fontconfig set-up is not safe in two threads at once."""
    with _LOCK:
        yield


def lay_out(
    html: str,
    css: str | None,
    variant: str | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> Layout:
    """Parse and paginate ``html`` styled by ``css`` (parsed once per font set and reused).

    Call it inside :func:`rendering`.
    """
    from weasyprint import HTML, Attachment

    from briefing.core.rendering.fetcher import SafeFetcher

    if variant is not None and variant not in VARIANTS:
        raise RenderError(f"unknown PDF variant {variant!r} (use {' or '.join(VARIANTS)})")
    guard_pillow()  # an image over the limits that reached this far is an error, not a warning
    fetcher = SafeFetcher()
    files = [
        Attachment(
            file_obj=io.BytesIO(data),
            name=name,
            description=about,
            url_fetcher=fetcher,
            relationship="Source",
        )
        for name, data, about in attachments or []
    ]
    # custom_metadata: the <meta name="handling"> tag becomes the PDF's /Handling entry.
    options: dict[str, Any] = {
        "attachments": files,
        "pdf_variant": variant,
        "custom_metadata": True,
    }
    if variant is not None:
        options["pdf_tags"] = True
    source = HTML(string=html, url_fetcher=fetcher, base_url=None)
    config = _font_config(css if css is not None else html)
    if css is not None:
        options["stylesheets"] = [_stylesheet(css, config)]
    return Layout(source.etree_element, source.render(font_config=config, **options), options)


def laid_out(html: str, css: str | None = None) -> Any:
    """The paginated WeasyPrint document of ``html`` styled by ``css`` (its pages, boxes)."""
    with rendering():
        return lay_out(html, css).document


def _write_pdf(
    html: str,
    css: str | None,
    variant: str | None,
    attachments: list[tuple[str, bytes, str]] | None,
) -> tuple[bytes, Any]:
    """(PDF bytes, laid-out WeasyPrint document) for ``html`` styled by ``css``."""
    with rendering():
        layout = lay_out(html, css, variant, attachments)
        return layout.write(), layout.document


def estimated_pages(briefing: Briefing) -> float:
    """A rough page count from the length of the text (for choosing a first layout only)."""
    words = sum(len(s.markdown.split()) for s in briefing.sections)
    words += 30 * len(briefing.predictions) + 25 * len(briefing.sources)
    return words / _WORDS_PER_PAGE


def last_page_fill(document: Any) -> float:
    """How much of the last page's height its content takes (0 to 1)."""
    page = document.pages[-1]._page_box
    root = page.children[0] if page.children else None
    top, height = page.content_box_y(), page.height
    bottom = top
    stack = [root] if root is not None else []
    while stack:
        box = stack.pop()
        if type(box).__name__ == "LineBox":
            bottom = max(bottom, box.position_y + box.height)
            continue
        stack.extend(getattr(box, "children", []))
    return max(0.0, min(1.0, (bottom - top) / height)) if height else 1.0


@dataclass(frozen=True)
class LayoutChoice:
    """The HTML a briefing's layout was made from, and the choices that made it."""

    html: str
    css: str
    contents: bool  # with a table of contents
    fit: bool  # set a little tighter to save a last page


def lay_out_briefing(
    briefing: Briefing,
    brand: Brand,
    variant: str | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> tuple[Layout, LayoutChoice]:
    """The layout export writes for ``briefing`` in ``brand`` (already the effective one).

    A table of contents once the PDF is longer than the brand's threshold: a briefing
    clearly that long gets it in its first layout; one near the threshold is laid out again
    when the page count says so (the page numbers come from the layout itself). A last page
    with a few lines on it is tried a little tighter (spacing, not type size), kept if that
    saves the page. Call it inside :func:`rendering`.
    """
    threshold = brand.toc_min_pages
    contents = bool(threshold and estimated_pages(briefing) > 1.5 * threshold)
    html, css = render_html_parts(briefing, brand=brand, contents=contents)
    layout = lay_out(html, css, variant, attachments)
    wanted = bool(threshold and len(layout.document.pages) > threshold)
    if wanted != contents:
        contents = wanted
        html, css = render_html_parts(briefing, brand=brand, contents=contents)
        layout = lay_out(html, css, variant, attachments)
    pages = len(layout.document.pages)
    if 1 < pages <= FIT_MAX_PAGES and last_page_fill(layout.document) < FIT_BELOW:
        tight_html, tight_css = render_html_parts(
            briefing, brand=brand, contents=contents, fit=True
        )
        tighter = lay_out(tight_html, tight_css, variant, attachments)
        if len(tighter.document.pages) < pages:
            return tighter, LayoutChoice(tight_html, tight_css, contents, fit=True)
    return layout, LayoutChoice(html, css, contents, fit=False)


def html_to_pdf(
    html: str,
    *,
    css: str | None = None,
    variant: str | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> bytes:
    """Render an HTML string with the safe fetcher; ``attachments`` are (name, data, about).

    ``css``, when given, is the document's stylesheet kept apart from ``html`` (see
    :func:`render_html_parts`); it is parsed once and reused across renders.
    """
    return _write_pdf(html, css, variant, attachments)[0]


def render_pdf(
    briefing: Briefing,
    *,
    brand: Brand | None = None,
    variant: str | None = None,
    attach_source: bool = False,
) -> bytes:
    """The briefing as PDF bytes.

    ``variant`` is ``None``, ``"pdf/ua-1"`` (tagged, accessible) or ``"pdf/a-3b"``
    (archival, tagged too); ``attach_source`` embeds the ``.briefing`` file so the PDF can
    be reopened for editing. Raises :class:`RenderError` on failure.
    """
    return _render(briefing, brand, variant, attach_source, outline=False)[0]


def render_pdf_with_outline(
    briefing: Briefing,
    *,
    brand: Brand | None = None,
    variant: str | None = None,
    attach_source: bool = False,
) -> tuple[bytes, int, list[OutlineEntry]]:
    """:func:`render_pdf`, with the page count and the bookmark outline of the result.

    The outline entries are ``(level from 1, title, 0-based page, distance from the page
    top in points)``, taken from the layout rather than read back from the PDF.
    """
    return _render(briefing, brand, variant, attach_source, outline=True)


def _render(
    briefing: Briefing,
    brand: Brand | None,
    variant: str | None,
    attach_source: bool,
    *,
    outline: bool,
) -> tuple[bytes, int, list[OutlineEntry]]:
    try:
        brand = effective_brand(briefing, brand)
        attachments = []
        if attach_source:
            from briefing.core.storage.document_io import dumps_briefing

            data = dumps_briefing(_shareable(briefing))
            payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
            attachments.append((attachment_name(briefing), payload, SOURCE_DESCRIPTION))
        with rendering():
            layout, _choice = lay_out_briefing(briefing, brand, variant, attachments)
            pdf = layout.write()
        document = layout.document
        return pdf, len(document.pages), outline_of(document) if outline else []
    except (RenderError, MemoryError):
        raise  # out of memory: the render worker reports it and starts afresh
    except Exception as err:  # any failure becomes one line for the user
        reason = " ".join(str(err).split())[:200]
        raise RenderError(f"could not render the PDF: {type(err).__name__}: {reason}") from err


def source_from_pdf(path: str | Path, *, within: str | Path | None = None) -> str | None:
    """The ``.briefing`` text attached to an exported PDF, or ``None`` when there is none.

    Raises :class:`RenderError` naming the file when it is not a readable PDF (or, with
    ``within``, a link out of that folder).
    """
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    from briefing.core.storage.safe_read import UntrustedFileError, read_untrusted

    try:
        data = read_untrusted(path, MAX_PDF_BYTES, within=within)
    except UntrustedFileError as err:
        reason = "the file does not exist" if err.problem == "missing" else err.reason
        raise RenderError(reason, path) from err
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # a damaged file is reported in one line below, not logged
    try:
        reader = PdfReader(io.BytesIO(data))
        found = reader.attachments
        for name in found:
            if name.endswith(".briefing"):
                data = found[name][0]
                return data.decode("utf-8")
    except FileNotFoundError as err:
        raise RenderError("the file does not exist", path) from err
    except (OSError, PyPdfError, ValueError, KeyError) as err:
        raise RenderError(f"not a readable PDF ({err})", path) from err
    finally:
        quiet.setLevel(level)
    return None
