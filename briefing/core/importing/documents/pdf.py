"""PDF reports and articles -> Article, read with pdfminer.six (pure Python: a hostile file
cannot corrupt memory, and its work can be bounded).

pdfminer parses the file, its fonts and encodings and interprets each page; ``pdf_chars``
records the characters it draws and groups them into lines and text boxes (a lighter pass
than pdfminer's own layout analysis, which was half the import time); ``pdf_layout`` puts
the boxes in reading order (columns), drops running headers, footers and page numbers,
joins hyphenated line ends, finds headings by type size and weight, and keeps footnotes
apart. Metadata comes from the XMP packet, then the document information dictionary.

The work is bounded: page count, the inflated size of each page's content streams (a
flate bomb is refused before pdfminer inflates it), and the time spent, checked as the
pages are laid out. A PDF with no text layer (a scan) and an encrypted one each get a
clear one-line reason.
"""

from __future__ import annotations

import io
import logging
import re
import time
import zlib
from typing import Any

from pdfminer.cmapdb import CMap
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError
from pdfminer.pdffont import PDFCIDFont
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFStream, resolve1
from pdfminer.psexceptions import PSException
from pdfminer.utils import decode_text

from briefing.core.errors import ArticleImportError
from briefing.core.importing.documents.archive import parse_xml
from briefing.core.importing.documents.blocks import classify_units, notes_blocks
from briefing.core.importing.documents.pdf_chars import TextCollector, TooSlow, page_lines
from briefing.core.importing.documents.pdf_layout import layout_units
from briefing.core.importing.documents.pdf_lines import Page
from briefing.core.importing.documents.props import clean_title, split_authors
from briefing.core.model.article import Article

MAX_PAGES = 300
MAX_PAGE_STREAM_BYTES = 16 * 1024 * 1024  # one page's content, inflated
MAX_TOTAL_STREAM_BYTES = 160 * 1024 * 1024
MAX_SECONDS = 30.0
MAX_XMP_BYTES = 1024 * 1024
MAX_CMAP_BYTES = 2 * 1024 * 1024
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
_XMP_NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
}


class _Resources(PDFResourceManager):
    """pdfminer's resource manager, reading a CID font's embedded encoding CMap.

    pdfminer looks an encoding up by name only; WeasyPrint (and so Briefing's own exports)
    embeds its own CMap program (``/WP-Encod-0``), which pdfminer would read as empty.
    """

    def get_font(self, objid: object, spec: Any) -> Any:
        font = super().get_font(objid, spec)
        encoding = resolve1(spec.get("Encoding")) if isinstance(spec, dict) else None
        if (
            isinstance(font, PDFCIDFont)
            and isinstance(encoding, PDFStream)
            and _inflated_size(encoding, MAX_CMAP_BYTES) <= MAX_CMAP_BYTES
        ):
            cmap = embedded_cmap(encoding.get_data())
            if cmap.code2cid:
                font.cmap = cmap
        return font


_CID_CHARS = re.compile(rb"begincidchar(.*?)endcidchar", re.DOTALL)
_CID_CHAR = re.compile(rb"<([0-9a-fA-F]{2,8})>\s*(\d+)")
_CID_RANGES = re.compile(rb"begincidrange(.*?)endcidrange", re.DOTALL)
_CID_RANGE = re.compile(rb"<([0-9a-fA-F]{2,8})>\s*<([0-9a-fA-F]{2,8})>\s*(\d+)")
MAX_CMAP_CODES = 200_000


def embedded_cmap(program: bytes) -> CMap:
    """A code -> CID map from an embedded CMap program's ``cidchar`` and ``cidrange`` lists."""
    cmap = CMap()
    pairs: list[tuple[bytes, int]] = []
    for section in _CID_CHARS.findall(program):
        pairs.extend((bytes.fromhex(h.decode()), int(c)) for h, c in _CID_CHAR.findall(section))
    for section in _CID_RANGES.findall(program):
        for start, end, cid in _CID_RANGE.findall(section):
            low, high, width = int(start, 16), int(end, 16), len(start) // 2
            for offset in range(max(0, min(high - low + 1, MAX_CMAP_CODES - len(pairs)))):
                pairs.append(((low + offset).to_bytes(width, "big"), int(cid) + offset))
    for code, cid in pairs[:MAX_CMAP_CODES]:
        table = cmap.code2cid
        for byte in code[:-1]:
            nested = table.setdefault(byte, {})
            if not isinstance(nested, dict):
                break
            table = nested
        else:
            table[code[-1]] = cid
    return cmap


def _inflated_size(stream: Any, limit: int) -> int:
    """The decoded size of a content stream, inflating at most ``limit + 1`` bytes."""
    raw = getattr(stream, "rawdata", None)
    if raw is None:  # already decoded
        return len(getattr(stream, "data", b"") or b"")
    filters = resolve1(stream.attrs.get("Filter") or stream.attrs.get("F"))
    names = [
        str(getattr(f, "name", f)) for f in (filters if isinstance(filters, list) else [filters])
    ]
    if "FlateDecode" not in names and "Fl" not in names:
        return len(raw)
    inflater = zlib.decompressobj()
    try:
        return len(inflater.decompress(raw, limit + 1))
    except zlib.error:
        return len(raw)  # pdfminer reports (or repairs) the broken stream itself


def _check_streams(page: Any, budget: list[int], name: str, number: int) -> None:
    seen: set[int] = set()
    total = 0

    def visit(resources: Any, depth: int) -> None:
        nonlocal total
        resources = resolve1(resources)
        if depth > 4 or not isinstance(resources, dict):
            return
        xobjects = resolve1(resources.get("XObject"))
        if not isinstance(xobjects, dict):
            return
        for value in list(xobjects.values())[:500]:
            obj = resolve1(value)
            if not isinstance(obj, PDFStream) or id(obj) in seen:
                continue
            seen.add(id(obj))
            subtype = resolve1(obj.attrs.get("Subtype"))
            if getattr(subtype, "name", None) == "Form":
                total += _inflated_size(obj, MAX_PAGE_STREAM_BYTES)
                visit(obj.attrs.get("Resources"), depth + 1)

    for stream in page.contents:
        total += _inflated_size(resolve1(stream), MAX_PAGE_STREAM_BYTES)
    visit(page.resources, 0)
    budget[0] -= total
    if total > MAX_PAGE_STREAM_BYTES or budget[0] < 0:
        raise ArticleImportError(
            f"page {number} holds more content than a document page can (possibly a "
            "compression bomb); refused",
            name,
        )


def _info_text(value: Any) -> str:
    value = resolve1(value)
    if isinstance(value, bytes):
        return " ".join(decode_text(value).split())
    return " ".join(str(getattr(value, "name", "") or "").split())


def _pdf_date(value: str) -> str | None:
    m = _PDF_DATE.match(value.strip())
    if not m or not m.group(2) or not m.group(3):
        return None
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"


def _xmp(doc: Any, name: str) -> dict[str, list[str]]:
    stream = resolve1(doc.catalog.get("Metadata"))
    if not isinstance(stream, PDFStream):
        return {}
    if _inflated_size(stream, MAX_XMP_BYTES) > MAX_XMP_BYTES:
        return {}
    try:
        root = parse_xml(stream.get_data(), name, "XMP metadata")
    except (ArticleImportError, Exception):  # broken metadata: the document info remains
        return {}
    out: dict[str, list[str]] = {}
    for key, path in (
        ("title", "//dc:title//rdf:li"),
        ("creator", "//dc:creator//rdf:li"),
        ("created", "//xmp:CreateDate"),
        ("date", "//dc:date//rdf:li"),
        ("language", "//dc:language//rdf:li"),
    ):
        values = [
            " ".join("".join(e.itertext()).split()) for e in root.xpath(path, namespaces=_XMP_NS)
        ]
        # XMP may hold the date as an attribute of rdf:Description instead.
        if not values and key == "created":
            values = root.xpath("//rdf:Description/@xmp:CreateDate", namespaces=_XMP_NS)
        out[key] = [str(v) for v in values if str(v).strip()]
    return out


def _metadata(doc: Any, name: str) -> tuple[str, list[str], str | None, str | None]:
    info = doc.info[0] if doc.info else {}
    xmp = _xmp(doc, name)
    title = clean_title((xmp.get("title") or [""])[0]) or clean_title(_info_text(info.get("Title")))
    authors = [a for c in xmp.get("creator", []) for a in split_authors(c)]
    if not authors:
        authors = split_authors(_info_text(info.get("Author")))
    date = None
    for value in xmp.get("created", []) + xmp.get("date", []):
        m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
        if m:
            date = m.group(0)
            break
    date = date or _pdf_date(_info_text(info.get("CreationDate")))
    lang = (xmp.get("language") or [""])[0] or _info_text(doc.catalog.get("Lang"))
    language = lang if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang) else None
    return title, authors, date, language


def _open(data: bytes, name: str) -> Any:
    if b"%PDF-" not in data[:1024]:
        raise ArticleImportError("is not a PDF file", name)
    try:
        return PDFDocument(PDFParser(io.BytesIO(data)))
    except PDFEncryptionError:
        raise ArticleImportError(
            "is encrypted (it needs a password to open); save an unprotected copy to import it",
            name,
        ) from None
    except (
        PSException,
        ValueError,
        KeyError,
        TypeError,
        IndexError,
        AttributeError,
        RecursionError,
        zlib.error,
    ):
        raise ArticleImportError("is damaged (not a readable PDF)", name) from None


def article_from_pdf(data: bytes, *, name: str) -> Article:
    """The article in a PDF's bytes; :class:`ArticleImportError` when there is none."""
    for logger in ("pdfminer", "pdfminer.pdfpage", "pdfminer.pdfinterp", "pdfminer.psparser"):
        logging.getLogger(logger).setLevel(logging.ERROR)
    doc = _open(data, name)
    manager = _Resources(caching=True)
    device = TextCollector(manager)
    device.deadline = time.monotonic() + MAX_SECONDS
    interpreter = PDFPageInterpreter(manager, device)
    pages: list[Page] = []
    budget = [MAX_TOTAL_STREAM_BYTES]
    try:
        for number, page in enumerate(PDFPage.create_pages(doc), start=1):
            if number > MAX_PAGES:
                raise ArticleImportError(
                    f"has more than {MAX_PAGES} pages; split it or save the pages you need", name
                )
            _check_streams(page, budget, name, number)
            interpreter.process_page(page)
            lines = page_lines(device.chars, number)
            pages.append(Page(number, device.width, device.height, lines))
    except TooSlow:
        raise ArticleImportError(
            f"took too long to read (over {MAX_SECONDS:.0f} s); it may be damaged", name
        ) from None
    except ArticleImportError:
        raise
    except Exception as err:  # noqa: BLE001 - pdfminer on a broken file: one line
        if isinstance(err, PDFEncryptionError):
            raise ArticleImportError("is encrypted (it needs a password to open)", name) from None
        reason = str(err).splitlines()[0][:120] if str(err) else type(err).__name__
        raise ArticleImportError(f"is damaged ({reason})", name) from None
    if not pages:
        raise ArticleImportError("is damaged (it has no pages)", name)
    if sum(len(line.text) for p in pages for line in p.lines) < 20:
        scan = "a scan without a text layer; run it through OCR first"
        what = scan if device.images else "no text"
        raise ArticleImportError(f"has no text to import ({what})", name)
    title, authors, date, language = _metadata(doc, name)
    units, notes, found_title = layout_units(pages)
    blocks = classify_units(units) + notes_blocks(notes)
    return Article(
        title=title or found_title,
        blocks=blocks,
        authors=authors,
        published=date,
        language=language,
        origin=name,
    )
