"""OpenDocument text (.odt) -> Article, read with lxml from content.xml, styles.xml, meta.xml.

Headings from ``text:h`` and heading styles, lists (numbered or bulleted by their list
style), tables as text rows, bold and italic from the text styles as Markdown. Comments
(``office:annotation``), tracked deletions (kept in ``text:tracked-changes``), frames and
drawings are left out; footnotes are kept apart at the end. Authors, dates, title and
language come from meta.xml. (odfpy would do the same walk and is GPL/LGPL/Apache
tri-licensed; lxml is already a dependency.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefing.core.errors import ArticleImportError
from briefing.core.importing.documents.archive import Package
from briefing.core.importing.documents.blocks import Unit, document_article
from briefing.core.importing.documents.props import core_properties
from briefing.core.importing.documents.runs import Run, join_runs, looks_like_heading, plain_text
from briefing.core.importing.web_blocks import safe_link
from briefing.core.model.article import Article

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
XLINK = "{http://www.w3.org/1999/xlink}"
_SKIP = {
    OFFICE + "annotation", OFFICE + "annotation-end", TEXT + "tracked-changes",
    TEXT + "note-citation", TEXT + "bookmark-ref", TEXT + "toc-mark", TEXT + "index-title",
    TEXT + "table-of-content", TEXT + "alphabetical-index", TEXT + "illustration-index",
}  # fmt: skip
_QUOTES = ("quotations", "quote", "intense quote")


@dataclass
class _Style:
    name: str
    parent: str | None
    bold: bool | None
    italic: bool | None
    outline: int | None


def _styles(*roots: Any | None) -> dict[str, _Style]:
    out: dict[str, _Style] = {}
    for root in roots:
        if root is None:
            continue
        for el in root.iter(STYLE + "style"):
            key = el.get(STYLE + "name")
            if not key:
                continue
            props = el.find(STYLE + "text-properties")
            weight = props.get(FO + "font-weight") if props is not None else None
            posture = props.get(FO + "font-style") if props is not None else None
            outline = el.get(STYLE + "default-outline-level")
            out[key] = _Style(
                name=(el.get(STYLE + "display-name") or key).replace("_20_", " "),
                parent=el.get(STYLE + "parent-style-name"),
                bold=None if weight is None else weight in ("bold", "600", "700", "800", "900"),
                italic=None if posture is None else posture in ("italic", "oblique"),
                outline=int(outline) if outline and outline.isdigit() else None,
            )
    return out


def _numbered_lists(*roots: Any | None) -> dict[str, dict[int, bool]]:
    out: dict[str, dict[int, bool]] = {}
    for root in roots:
        if root is None:
            continue
        for el in root.iter(TEXT + "list-style"):
            levels: dict[int, bool] = {}
            for child in el:
                level = child.get(TEXT + "level") or "1"
                if level.isdigit() and isinstance(child.tag, str):
                    levels[int(level) - 1] = child.tag == TEXT + "list-level-style-number"
            out[el.get(STYLE + "name") or ""] = levels
    return out


class _Reader:
    def __init__(self, content: Any, styles: Any | None) -> None:
        auto = content.find(OFFICE + "automatic-styles")
        common = styles.find(OFFICE + "styles") if styles is not None else None
        self.styles = _styles(
            common, styles.find(OFFICE + "automatic-styles") if styles is not None else None, auto
        )
        self.lists = _numbered_lists(styles, content)
        self.notes: list[tuple[str, str]] = []

    def chain(self, key: str | None) -> list[_Style]:
        out: list[_Style] = []
        while key and key in self.styles and len(out) < 12:
            out.append(self.styles[key])
            key = self.styles[key].parent
        return out

    def _emphasis(self, key: str | None, base: tuple[bool, bool]) -> tuple[bool, bool]:
        bold, italic = base
        for style in reversed(self.chain(key)):
            bold = style.bold if style.bold is not None else bold
            italic = style.italic if style.italic is not None else italic
        return bold, italic

    def runs(self, el: Any, out: list[Run], base: tuple[bool, bool], link: str | None) -> None:
        if el.text:
            out.append(Run(el.text, *base, link))
        for child in el:
            tag = child.tag
            if isinstance(tag, str) and tag not in _SKIP:
                if tag == TEXT + "span":
                    self.runs(
                        child, out, self._emphasis(child.get(TEXT + "style-name"), base), link
                    )
                elif tag == TEXT + "a":
                    self.runs(child, out, base, safe_link(child.get(XLINK + "href")))
                elif tag == TEXT + "s":
                    count = child.get(TEXT + "c") or "1"
                    out.append(Run(" " * min(int(count) if count.isdigit() else 1, 50), *base))
                elif tag in (TEXT + "tab", TEXT + "line-break"):
                    out.append(Run(" ", *base))
                elif tag == TEXT + "note":
                    body = child.find(TEXT + "note-body")
                    if body is not None:
                        text = " ".join(self.text(p) for p in body.iter(TEXT + "p", TEXT + "h"))
                        self.notes.append((str(len(self.notes) + 1), text))
                elif not tag.startswith(
                    (
                        "{urn:oasis:names:tc:opendocument:xmlns:drawing",
                        "{urn:oasis:names:tc:opendocument:xmlns:svg",
                    )
                ):
                    self.runs(child, out, base, link)  # text:change-*, bookmarks, fields
            if child.tail:
                out.append(Run(child.tail, *base, link))

    def text(self, p: Any, base: tuple[bool, bool] = (False, False)) -> str:
        runs: list[Run] = []
        self.runs(p, runs, base, None)
        return join_runs(runs)

    def units(self, parent: Any, out: list[Unit], depth: int = 0, list_style: str = "") -> None:
        for child in parent:
            tag = child.tag
            if tag == TEXT + "h":
                level = child.get(TEXT + "outline-level") or "1"
                lvl = int(level) if level.isdigit() else 1
                out.append(Unit("heading", self.text(child), level=lvl))
            elif tag == TEXT + "p":
                self._paragraph(child, out)
            elif tag == TEXT + "list":
                style = child.get(TEXT + "style-name") or list_style
                self._list(child, out, depth, style)
            elif tag == TABLE + "table":
                rows = []
                for row in child.iter(TABLE + "table-row"):
                    cells = [
                        " ".join(self.text(p) for p in cell.iter(TEXT + "p"))
                        for cell in row.iter(TABLE + "table-cell")
                    ]
                    cells = [" ".join(c.split()) for c in cells if c.strip()]
                    if cells:
                        rows.append(" | ".join(cells))
                if rows:
                    out.append(Unit("table", "\n".join(rows)))
            elif tag in (TEXT + "section", TEXT + "soft-page-break", OFFICE + "text"):
                self.units(child, out, depth, list_style)

    def _paragraph(self, p: Any, out: list[Unit]) -> None:
        chain = self.chain(p.get(TEXT + "style-name"))
        names = [s.name.lower() for s in chain]
        if any(n == "title" for n in names):
            out.append(Unit("title", self.text(p)))
            return
        outline = next((s.outline for s in chain if s.outline), None)
        if outline or any(n.startswith("heading ") and n[8:].isdigit() for n in names):
            level = outline or next(int(n[8:]) for n in names if n.startswith("heading "))
            out.append(Unit("heading", self.text(p), level=level))
            return
        runs: list[Run] = []
        self.runs(p, runs, self._emphasis(p.get(TEXT + "style-name"), (False, False)), None)
        if looks_like_heading(runs):
            out.append(Unit("heading", plain_text(runs), level=3))
        elif any(n in _QUOTES for n in names):
            out.append(Unit("quote", join_runs(runs)))
        else:
            out.append(Unit("paragraph", join_runs(runs)))

    def _list(self, el: Any, out: list[Unit], depth: int, style: str) -> None:
        ordered = self.lists.get(style, {}).get(depth, False)
        for item in el:
            if item.tag not in (TEXT + "list-item", TEXT + "list-header"):
                continue
            for child in item:
                if child.tag in (TEXT + "p", TEXT + "h"):
                    out.append(Unit("item", self.text(child), level=depth, ordered=ordered))
                elif child.tag == TEXT + "list":
                    self._list(child, out, depth + 1, child.get(TEXT + "style-name") or style)


def article_from_odt(data: bytes, *, name: str) -> Article:
    """The article in an OpenDocument text file's bytes."""
    pkg = Package(data, name, "OpenDocument")
    mimetype = (pkg.read("mimetype") or b"").strip()
    if mimetype and not mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        kind = mimetype.decode("ascii", "replace").rsplit(".", 1)[-1][:40]
        raise ArticleImportError(f"is an OpenDocument {kind} file, not a text document", name)
    content = pkg.xml("content.xml")
    if content is None:
        raise ArticleImportError("is damaged (it has no content.xml)", name)
    reader = _Reader(content, pkg.xml("styles.xml"))
    body = content.find(OFFICE + "body")
    text = body.find(OFFICE + "text") if body is not None else None
    if text is None:
        raise ArticleImportError("has no text document inside", name)
    units: list[Unit] = []
    reader.units(text, units)
    return document_article(units, reader.notes, core_properties(pkg.xml("meta.xml")), name)
