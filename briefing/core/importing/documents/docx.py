"""Word files (.docx, and .docm with its macros never run or kept) -> Article.

The main document part is walked directly with lxml (see ``archive`` for the limits):
headings from paragraph styles (``heading N``, outline levels, ``Title``), lists from
numbering, tables as text rows, bold and italic as Markdown, hyperlinks as Markdown links.
What is not the document's current text is left out: tracked deletions and moves away,
comments, field instructions, hidden text. Footnotes are read from their own part and kept
apart at the end. Authors, dates, title and language come from the document properties.
A macro project (``vbaProject.bin``) is never opened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from briefing.core.errors import ArticleImportError
from briefing.core.importing.documents.archive import Package
from briefing.core.importing.documents.blocks import Unit, document_article
from briefing.core.importing.documents.props import core_properties
from briefing.core.importing.documents.runs import Run, join_runs, looks_like_heading, plain_text
from briefing.core.importing.web_blocks import safe_link
from briefing.core.model.article import Article

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_QUOTE_NAMES = ("quote", "intense quote", "block text")
# Containers whose content is the document's text; everything else (w:del, w:moveFrom,
# drawings, comments, field instructions) is skipped.
_TRANSPARENT = {
    W + n
    for n in (
        "ins",
        "moveTo",
        "smartTag",
        "customXml",
        "sdt",
        "sdtContent",
        "fldSimple",
        "dir",
        "bdo",
    )
}


@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    outline: int | None = None  # 0-based outline level
    bold: bool | None = None
    italic: bool | None = None
    numbered: bool = False


def _val(el: Any, tag: str) -> str | None:
    found = el.find(W + tag) if el is not None else None
    return None if found is None else found.get(W + "val")


def _flag(rpr: Any, tag: str) -> bool | None:
    if rpr is None:
        return None
    el = rpr.find(W + tag)
    if el is None:
        return None
    return el.get(W + "val", "true").lower() not in ("0", "false", "off", "none")


def _styles(root: Any | None) -> dict[str, _Style]:
    out: dict[str, _Style] = {}
    if root is None:
        return out
    for style in root.iter(W + "style"):
        sid = style.get(W + "styleId")
        if not sid:
            continue
        ppr = style.find(W + "pPr")
        rpr = style.find(W + "rPr")
        outline = _val(ppr, "outlineLvl")
        out[sid] = _Style(
            name=(_val(style, "name") or sid).strip(),
            based_on=_val(style, "basedOn"),
            outline=int(outline) if outline and outline.isdigit() else None,
            bold=_flag(rpr, "b"),
            italic=_flag(rpr, "i"),
            numbered=ppr is not None and ppr.find(W + "numPr") is not None,
        )
    return out


class _Reader:
    def __init__(self, pkg: Package, name: str) -> None:
        self.pkg = pkg
        self.name = name
        main = _main_part(pkg)
        folder = main.rpartition("/")[0]
        self.folder = folder
        root = pkg.xml(main)
        if root is None:
            raise ArticleImportError("is damaged (it has no document part)", name)
        self.root = root
        self.styles = _styles(pkg.xml(f"{folder}/styles.xml"))
        self.links = _relationships(pkg, main)
        self.ordered = _ordered_lists(pkg.xml(f"{folder}/numbering.xml"))
        self.notes: list[tuple[str, str]] = []
        self._note_text = _footnotes(self, pkg.xml(f"{folder}/footnotes.xml"))

    # -- styles -------------------------------------------------------------------------
    def chain(self, sid: str | None) -> list[_Style]:
        out: list[_Style] = []
        while sid and sid in self.styles and len(out) < 12:
            out.append(self.styles[sid])
            sid = self.styles[sid].based_on
        return out

    def heading_level(self, ppr: Any, chain: list[_Style]) -> int | None:
        outline = _val(ppr, "outlineLvl")
        if outline and outline.isdigit() and int(outline) < 9:
            return int(outline) + 1
        for style in chain:
            m = _HEADING_NAME.match(style.name)
            if m:
                return int(m.group(1))
            if style.outline is not None and style.outline < 9:
                return style.outline + 1
        return None

    # -- runs ---------------------------------------------------------------------------
    def runs(self, el: Any, out: list[Run], base: tuple[bool, bool], link: str | None) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == W + "r":
                self._run(child, out, base, link)
            elif tag == W + "hyperlink":
                target = self.links.get(child.get(R_ID) or "")
                self.runs(child, out, base, safe_link(target) if target else None)
            elif tag in _TRANSPARENT:
                self.runs(child, out, base, link)

    def _run(self, run: Any, out: list[Run], base: tuple[bool, bool], link: str | None) -> None:
        rpr = run.find(W + "rPr")
        if _flag(rpr, "vanish") or _flag(rpr, "webHidden"):
            return
        bold, italic = base
        style = self.chain(_val(rpr, "rStyle"))
        for s in reversed(style):
            bold = s.bold if s.bold is not None else bold
            italic = s.italic if s.italic is not None else italic
        if any(s.name.lower() == "strong" for s in style):
            bold = True
        if any(s.name.lower() == "emphasis" for s in style):
            italic = True
        b, i = _flag(rpr, "b"), _flag(rpr, "i")
        bold = b if b is not None else bold
        italic = i if i is not None else italic
        parts: list[str] = []
        for child in run:
            tag = child.tag
            if tag == W + "t":
                parts.append(child.text or "")
            elif tag in (W + "tab", W + "ptab"):
                parts.append(" ")
            elif tag in (W + "br", W + "cr"):
                parts.append("\n" if child.get(W + "type") != "page" else " ")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "footnoteReference":
                parts.append(self._note_mark(child.get(W + "id") or ""))
        if parts:
            out.append(Run("".join(parts), bold, italic, link))

    def _note_mark(self, note_id: str) -> str:
        text = self._note_text.get(note_id)
        if text is None:
            return ""
        self.notes.append((str(len(self.notes) + 1), text))
        return ""  # the body stays clean; the note is listed at the end

    def paragraph_text(self, p: Any, base: tuple[bool, bool] = (False, False)) -> str:
        runs: list[Run] = []
        self.runs(p, runs, base, None)
        return join_runs(runs)

    # -- body ---------------------------------------------------------------------------
    def units(self, parent: Any, out: list[Unit]) -> None:
        for child in parent:
            tag = child.tag
            if tag == W + "p":
                self._paragraph(child, out)
            elif tag == W + "tbl":
                text = self._table(child)
                if text:
                    out.append(Unit("table", text))
            elif tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo"):
                self.units(child, out)

    def _paragraph(self, p: Any, out: list[Unit]) -> None:
        ppr = p.find(W + "pPr")
        chain = self.chain(_val(ppr, "pStyle") or "Normal")
        names = [s.name.lower() for s in chain]
        base = (
            next((s.bold for s in chain if s.bold is not None), False) or False,
            next((s.italic for s in chain if s.italic is not None), False) or False,
        )
        if names[:1] in (["title"], ["subtitle"]):
            text = self.paragraph_text(p)  # emphasis from the style would only add marks
            out.append(Unit("title" if names[0] == "title" else "paragraph", text))
            return
        level = self.heading_level(ppr, chain)
        if level is not None:
            out.append(Unit("heading", self.paragraph_text(p), level=level))
            return
        runs: list[Run] = []
        self.runs(p, runs, base, None)
        text = join_runs(runs)
        if looks_like_heading(runs):  # a short line set all in bold stands for a heading
            out.append(Unit("heading", plain_text(runs), level=3))
            return
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        numbered = numpr is not None or any(s.numbered for s in chain)
        if numbered or any(n.startswith(("list bullet", "list number")) for n in names[:1]):
            ilvl = _val(numpr, "ilvl") if numpr is not None else None
            num_id = _val(numpr, "numId") if numpr is not None else None
            if num_id == "0":  # numbering switched off for this paragraph
                out.append(Unit("paragraph", text))
                return
            depth = int(ilvl) if ilvl and ilvl.isdigit() else 0
            ordered = self.ordered.get((num_id or "", depth), names[:1] == ["list number"])
            out.append(Unit("item", text, level=depth, ordered=ordered))
            return
        if names and names[0] in _QUOTE_NAMES:
            out.append(Unit("quote", text))
            return
        out.append(Unit("paragraph", text))

    def _table(self, tbl: Any) -> str:
        rows = []
        for tr in tbl.iter(W + "tr"):
            cells = []
            for tc in tr.findall(W + "tc"):
                texts = [self.paragraph_text(p) for p in tc.iter(W + "p")]
                cell = " ".join(" ".join(t.split()) for t in texts if t.strip())
                if cell:
                    cells.append(cell)
            if cells:
                rows.append(" | ".join(cells))
        return "\n".join(rows)


def _main_part(pkg: Package) -> str:
    rels = pkg.xml("_rels/.rels")
    if rels is not None:
        for rel in rels.iter(_REL):
            if (rel.get("Type") or "").endswith("/officeDocument"):
                target = (rel.get("Target") or "").lstrip("/")
                if target and pkg.has(target):
                    return target
    if pkg.has("word/document.xml"):
        return "word/document.xml"
    raise ArticleImportError("is not a Word document (no document part inside)", pkg.name)


def _relationships(pkg: Package, part: str) -> dict[str, str]:
    folder, _, file = part.rpartition("/")
    rels = pkg.xml(f"{folder}/_rels/{file}.rels")
    out: dict[str, str] = {}
    if rels is None:
        return out
    for rel in rels.iter(_REL):
        if rel.get("TargetMode") == "External" and rel.get("Id"):
            out[rel.get("Id") or ""] = rel.get("Target") or ""
    return out


def _ordered_lists(root: Any | None) -> dict[tuple[str, int], bool]:
    """(numId, level) -> whether that list level is numbered rather than bulleted."""
    if root is None:
        return {}
    formats: dict[str, dict[int, bool]] = {}
    for abstract in root.iter(W + "abstractNum"):
        levels = {}
        for lvl in abstract.iter(W + "lvl"):
            ilvl = lvl.get(W + "ilvl") or "0"
            fmt = _val(lvl, "numFmt") or "bullet"
            if ilvl.isdigit():
                levels[int(ilvl)] = fmt not in ("bullet", "none")
        formats[abstract.get(W + "abstractNumId") or ""] = levels
    out: dict[tuple[str, int], bool] = {}
    for num in root.iter(W + "num"):
        abstract_id = _val(num, "abstractNumId") or ""
        for level, ordered in formats.get(abstract_id, {}).items():
            out[(num.get(W + "numId") or "", level)] = ordered
    return out


def _footnotes(reader: _Reader, root: Any | None) -> dict[str, str]:
    out: dict[str, str] = {}
    if root is None:
        return out
    for note in root.iter(W + "footnote"):
        if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        texts = [reader.paragraph_text(p) for p in note.iter(W + "p")]
        out[note.get(W + "id") or ""] = " ".join(" ".join(t.split()) for t in texts if t.strip())
    return out


def article_from_docx(data: bytes, *, name: str) -> Article:
    """The article in a Word file's bytes; :class:`ArticleImportError` when it cannot be."""
    pkg = Package(data, name, "Word")
    reader = _Reader(pkg, name)
    body = reader.root.find(W + "body")
    if body is None:
        raise ArticleImportError("is damaged (its document has no body)", name)
    units: list[Unit] = []
    reader.units(body, units)
    return document_article(
        units, reader.notes, core_properties(pkg.xml("docProps/core.xml")), name
    )
