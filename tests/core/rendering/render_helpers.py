"""Shared pieces for the rendering tests: a briefing built in code and PDF readers."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

from pypdf import PdfReader

from briefing.core.model.article import Article
from briefing.core.model.document import Briefing, Meta, Prediction, Section

FLAGS = "\U0001f1ef\U0001f1f5\U0001f1fa\U0001f1f8"  # Japan and US flags


def coded_briefing(paragraphs: int = 3) -> Briefing:
    """A briefing that uses every feature the renderer knows: callouts, Q&A, citations,
    a table, a footnote, predictions (one contradictory) and two sources."""
    body = "\n\n".join(
        f"Paragraph {i}: the prospect of talks between Tokyo and Washington signals a new "
        "phase of the alliance, with trade and defence spending on the table. [@s1]"
        for i in range(1, paragraphs + 1)
    )
    return Briefing(
        title=f"Takaichi & Trump Call: Possible Friday Talks {FLAGS}",
        subtitle="US-Japan relations under Trump 2.0",
        meta=Meta(
            analyst="A. Analyst",
            organisation="Northbridge Risk",
            date="2026-11-28",
            handling="TLP:AMBER",
            reference="NB-2026-114",
        ),
        sections=[
            Section(
                "bottom-line",
                "Bottom line",
                "::: callout Key Takeaway\nThe alliance holds, but costs rise. [@s1]\n:::\n",
            ),
            Section(
                "background",
                "Background",
                body + "\n\n# Trade\n\nTariffs remain a risk.[^1] [@s2]\n\n"
                "| Item | Value |\n|---|---|\n| Tariff | 25% |\n\n[^1]: As of November.\n",
            ),
            Section(
                "faq",
                "FAQ",
                "::: qa\n**Q:** Will the alliance survive?\n\n"
                "Yes, both sides need it. [@s2]\n:::\n",
            ),
            Section("predictions", "Predictions", ""),
        ],
        predictions=[
            Prediction("A call takes place this month.", 75, "likely", "by 30 Nov 2026"),
            Prediction("Defence spending reaches 2% of GDP.", 90, "likely", "FY2027"),
        ],
        sources=[
            Article(
                "US-Japan Relations Under Trump 2.0",
                authors=["James Carter"],
                site="World News",
                published="2026-11-20",
                url="https://example.com/a",
                id="s1",
            ),
            Article("Tariffs and Tokyo", site="Econ Daily", url="https://example.com/b", id="s2"),
        ],
    )


def pdf_reader(data: bytes | Path) -> PdfReader:
    return PdfReader(io.BytesIO(data) if isinstance(data, bytes) else str(data))


def page_texts(reader: PdfReader) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def embedded_fonts(reader: PdfReader) -> Iterator[tuple[str, bool]]:
    """(font name, has an embedded font file) for every font on every page."""
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = None
            if "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            elif "/FontDescriptor" in font:
                descriptor = font["/FontDescriptor"]
            if descriptor is None:  # Type 3 fonts (bitmap emoji) carry their glyphs inline
                yield str(font.get("/BaseFont", font.get("/Subtype"))), True
                continue
            d = descriptor.get_object()
            embedded = any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            yield str(font.get("/BaseFont")), embedded


def assert_pdf_basics(data: bytes, *, title: str, handling: str) -> PdfReader:
    """Every page has the handling label and "Page N of M"; title, bookmarks, fonts."""
    reader = pdf_reader(data)
    texts = page_texts(reader)
    total = len(texts)
    assert total >= 1
    for number, text in enumerate(texts, start=1):
        assert handling in text, f"page {number} lacks the handling label"
        assert f"Page {number} of {total}" in text, f"page {number} lacks its page number"
    assert reader.metadata is not None and reader.metadata.title == title
    assert reader.outline, "no bookmarks"
    fonts = list(embedded_fonts(reader))
    assert fonts and all(embedded for _, embedded in fonts), fonts
    return reader


CHROME = re.compile(r"Home\s*»|Share this|Subscribe|Comments", re.IGNORECASE)


# ------------------------------------------------------------------ hostile output checks

# Strings an attacker puts in every field of a file: markup, script, remote and local
# references, Markdown links and images, attribute breakers, footnotes.
HOSTILE_STRINGS = (
    'x"><script>alert(1)</script><img src="http://127.0.0.1:8765/s.png">'
    '<a href="file:///tmp/secret.txt">F</a><i id="',
    "<script>alert(2)</script>",
    "<img src=/home/me/photo.png width=20000 height=20000>",
    '" onmouseover="alert(3)',
    "' onload='alert(4)",
    "javascript:alert(5)",
    "[js](javascript:alert(6)) [file](file:///etc/passwd) [lo](http://127.0.0.1:8765/l)",
    "![beacon](http://127.0.0.1:8765/b.png) ![local](file:///tmp/secret.png)",
    "<iframe src=http://127.0.0.1:8765/f></iframe><object data=x></object>",
    "<style>@import url(http://127.0.0.1:8765/i.css)</style>",
    "<link rel=attachment href=file:///tmp/secret.txt>",
    "Body[^1].\n\n[^1]: note <script>x</script>",
    "</title></head><body onload=alert(7)>",
    "&lt;script&gt;&#x3C;img src=x&#x3E;",
    "<a href='http://127.1/'>short loopback</a> http://0x7f.1/",
    "\u202e\u200b\ufeff",
    "{{7*7}} ${7*7} %s %n",
    "-->\n<!--",
)


def _allowed_href(href: str) -> bool:
    from briefing.core.safe_urls import safe_link

    return href.startswith("#") or safe_link(href) is not None


_ACTIVE_TAGS = ("script", "iframe", "object", "embed", "link", "base", "form", "frame", "applet")


def assert_inert_html(html: str) -> None:
    """``html`` (a briefing rendered to HTML) runs nothing, loads nothing from outside
    itself and links only to public web pages, mail addresses and its own anchors."""
    from html.parser import HTMLParser

    problems: list[str] = []

    class Walk(HTMLParser):
        styles = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in _ACTIVE_TAGS or (tag == "meta" and "http-equiv" in dict(attrs)):
                problems.append(f"<{tag}>")
            if tag == "style":
                self.styles += 1
            for name, value in attrs:
                value = value or ""
                if name.startswith("on"):
                    problems.append(f"{tag} {name}=")
                if name in ("src", "data", "poster", "srcset") and not value.startswith("data:"):
                    problems.append(f"{tag} {name}={value[:60]}")
                if name == "href" and not _allowed_href(value):
                    problems.append(f"{tag} href={value[:60]}")
                if name == "style" and "url(" in value:
                    problems.append(f"{tag} style url(")

    walker = Walk()
    walker.feed(html)
    walker.close()
    assert walker.styles <= 1, "one stylesheet only"
    assert not problems, problems


def pdf_link_targets(reader: PdfReader) -> list[str]:
    """Every URI and action a PDF's pages carry (links, launches, scripts)."""
    found: list[str] = []
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            action = annot.get("/A")
            if action is None:
                continue
            action = action.get_object()
            kind = str(action.get("/S"))
            found.append(str(action.get("/URI")) if kind == "/URI" else kind)
    root = reader.trailer["/Root"]
    names = root.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        found.append("/JavaScript")
    if "/OpenAction" in root:
        found.append("/OpenAction")
    return found


def assert_inert_pdf(reader: PdfReader) -> None:
    """No link to anything but public web pages, mail addresses and the PDF's own pages."""
    from briefing.core.safe_urls import safe_link

    for target in pdf_link_targets(reader):
        assert target in ("/GoTo",) or safe_link(target) is not None, target


def docx_targets(data: bytes) -> list[tuple[str, str]]:
    """(relationship type, target) of every relationship in a Word file that points out of
    it (hyperlinks, linked images, attached templates...)."""
    import zipfile
    from xml.etree import ElementTree as ET

    found: list[tuple[str, str]] = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if not name.endswith(".rels"):
                continue
            for rel in ET.fromstring(z.read(name)):
                if rel.get("TargetMode") == "External":
                    found.append(
                        (str(rel.get("Type", "")).rsplit("/", 1)[-1], rel.get("Target", ""))
                    )
    return found


def assert_inert_docx(data: bytes) -> None:
    """A Word file links only to public web pages and mail addresses, and loads nothing."""
    from briefing.core.safe_urls import safe_link

    for kind, target in docx_targets(data):
        assert kind == "hyperlink" and safe_link(target) is not None, (kind, target)
