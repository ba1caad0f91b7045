"""Section Markdown -> Word paragraphs, walking the token stream of the project's parser.

The parser is the one the HTML uses (``markdown.make_markdown``: callouts, Q&A pairs,
citations, footnotes), so Word gets the same reading of the dialect: headings as Heading
2-6 under the section's Heading 1, lists on Word numbering, callouts and Q&A as their own
paragraph styles, tables as Word tables, ``[@s1]`` citations and ``[^1]`` notes as real
footnotes. Links keep only http(s) and mailto targets; images only the document's own
PNG/JPEG ``data:`` URIs (as pictures) - anything else is named in brackets.
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph
from markdown_it.token import Token

from briefing.core.model import markup
from briefing.core.rendering.docx_notes import Footnotes, reference_run
from briefing.core.rendering.docx_styles import (
    Palette,
    border,
    element,
    place,
    set_font,
    shade,
    tint,
)
from briefing.core.rendering.docx_tables import keep_rows, mark_header, new_table
from briefing.core.rendering.markdown import SAFE_IMAGE, drawable_image, live_link, make_markdown

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EMOJI_SPAN = re.compile(r'^<span class="emoji">(.*)</span>$', re.DOTALL)
_MONO = "DejaVu Sans Mono"
_MD: Any = None


@dataclass
class Style:
    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    colour: str | None = None


@dataclass
class _Block:
    lists: list[tuple[bool, str | None]] = field(default_factory=list)  # (ordered, numId)
    item_start: bool = False
    quote: int = 0
    callout: str | None = None  # paragraph style inside a callout
    qa: bool = False


def text_run(text: str, style: Style) -> Any:
    """A ``w:r`` run of ``text`` (tabs kept, characters XML cannot hold dropped)."""
    run = element("r")
    rpr = element("rPr")
    if style.code:
        fonts = place(rpr, element("rFonts"))
        fonts.set(qn("w:ascii"), _MONO)
        fonts.set(qn("w:hAnsi"), _MONO)
    if style.bold:
        place(rpr, element("b"))
    if style.italic:
        place(rpr, element("i"))
    if style.strike:
        place(rpr, element("strike"))
    if style.colour:
        place(rpr, element("color", val=style.colour))
    if len(rpr):
        run.append(rpr)
    parts = _NOT_XML.sub("", text).split("\t")
    for index, piece in enumerate(parts):
        if index:
            run.append(element("tab"))
        if piece:
            t = element("t")
            t.text = piece
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run.append(t)
    return run


class Writer:
    """Writes briefing Markdown and inline text into a python-docx document."""

    def __init__(
        self,
        document: Any,
        palette: Palette,
        notes: Footnotes,
        numbers: dict[str, int],
        reference: Callable[[str], list[tuple[str, bool]]],
    ) -> None:
        self.document = document
        self.palette = palette
        self.notes = notes
        self.numbers = numbers
        self.reference = reference  # source id -> its reference text pieces (text, italic)
        self.text_width = int(Mm(170))  # set by the document builder from the page
        self.portion = ""  # the handling mark before each paragraph, when the template asks

    # -- inline ---------------------------------------------------------------------------
    def text(self, p: Any, text: str, style: Style | None = None) -> None:
        p.append(text_run(text, style or Style()))

    def cite(self, p: Any, source_id: str) -> None:
        """A footnote giving the source's reference (an unknown id shows as ``@id?``)."""
        if source_id not in self.numbers:
            self.text(p, f"@{source_id}?", Style(colour=self.palette.accent))
            return
        note_id, note_p, _part = self.notes.add()
        for piece, italic in self.reference(source_id):
            note_p.append(text_run(piece, Style(italic=italic)))
        p.append(reference_run(note_id))

    def inline(
        self,
        p: Any,
        part: Any,
        children: Sequence[Token],
        env: dict[str, Any],
        base: Style | None = None,
    ) -> None:
        style = Style(**vars(base)) if base else Style()
        target = p
        for tok in children:
            kind = tok.type
            if kind == "text":
                target.append(text_run(tok.content, style))
            elif kind == "softbreak":
                target.append(text_run(" ", style))
            elif kind == "hardbreak":
                run = element("r")
                run.append(element("br"))
                target.append(run)
            elif kind in ("strong_open", "strong_close"):
                style.bold = kind == "strong_open" or (base.bold if base else False)
            elif kind in ("em_open", "em_close"):
                style.italic = kind == "em_open" or (base.italic if base else False)
            elif kind in ("s_open", "s_close"):
                style.strike = kind == "s_open"
            elif kind == "code_inline":
                target.append(text_run(tok.content, Style(**{**vars(style), "code": True})))
            elif kind == "link_open":
                href = str(tok.attrGet("href") or "")
                if live_link(href):  # as the PDF and HTML keep them
                    link = element("hyperlink")
                    link.set(qn("r:id"), part.relate_to(href, RT.HYPERLINK, is_external=True))
                    p.append(link)
                    target = link
                    style.colour = self.palette.primary
            elif kind == "link_close":
                target = p
                style.colour = base.colour if base else None
            elif kind == "image":
                self._image(p, tok)
            elif kind == "citation":
                for source_id in tok.meta.get("ids", []):
                    self.cite(p, str(source_id))
            elif kind == "footnote_ref":
                self._note(p, part, tok, env)
            elif kind == "emoji":  # the PDF's colour-font span; Word's fonts draw it
                target.append(text_run(tok.content, style))
            elif kind == "portion":
                target.append(text_run(f"{tok.content} ", Style(**{**vars(style), "bold": True})))
            elif kind == "html_inline":
                m = _EMOJI_SPAN.match(tok.content)
                target.append(text_run(m.group(1) if m else tok.content, style))

    def _note(self, p: Any, part: Any, tok: Token, env: dict[str, Any]) -> None:
        definition = env.get("_docx_notes", {}).get(tok.meta.get("id"))
        if definition is None:
            return
        note_id, note_p, note_part = self.notes.add()
        kids = [t for t in definition if t.type != "footnote_ref"]  # no notes inside notes
        self.inline(note_p, note_part, kids, env)
        p.append(reference_run(note_id))

    def _image(self, p: Any, tok: Token) -> None:
        src = str(tok.attrGet("src") or "")
        alt = "".join(c.content for c in tok.children or [] if c.type == "text")
        m = SAFE_IMAGE.match(src)
        # Bounded as in the PDF: a 490 KB PNG of 13,000 x 13,000 pixels would take Word down.
        if m and m.group(1).lower() in ("png", "jpeg") and drawable_image(src):
            try:
                data = base64.b64decode(src.split(",", 1)[1])
                paragraph = self._paragraph_of(p)
                if paragraph is not None:
                    paragraph.add_run().add_picture(io.BytesIO(data), width=Mm(120))
                    return
            except Exception:  # noqa: BLE001 - a broken picture becomes its label
                pass
        label = f"[image: {alt}]" if alt else "[image]"
        self.text(p, label, Style(italic=True, colour=self.palette.muted))

    def _paragraph_of(self, p: Any) -> Any:
        return Paragraph(p, self.document.part) if p.getparent() is not None else None

    def inline_markdown(self, p: Any, text: str) -> None:
        """One line of briefing Markdown (a table cell): emphasis and links, as in the PDF."""
        global _MD
        if _MD is None:
            _MD = make_markdown()
        env: dict[str, Any] = {"sources": self.numbers}
        tokens: list[Token] = _MD.parseInline(" ".join(text.split()), env)
        children = tokens[0].children if tokens else []
        self.inline(p, self.document.part, children or [], env)

    # -- blocks ---------------------------------------------------------------------------
    def markdown(self, container: Any, text: str, *, style: str = "Normal") -> None:
        """Append ``text`` (briefing Markdown) to ``container`` (the document or a cell)."""
        global _MD
        if _MD is None:
            _MD = make_markdown()
        env: dict[str, Any] = {"sources": self.numbers, "portion": self.portion}
        tokens: list[Token] = _MD.parse(text, env)
        env["_docx_notes"] = _note_definitions(tokens)
        state = _Block()
        heading: Any = None
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind == "footnote_block_open":
                while i < len(tokens) and tokens[i].type != "footnote_block_close":
                    i += 1
            elif kind == "heading_open":
                level = max(2, min(6, int(tok.tag[1]) - 1))
                heading = container.add_paragraph(style=f"Heading {level}")
            elif kind == "paragraph_open":
                heading = container.add_paragraph(style=self._paragraph_style(tok, state, style))
                self._numbered(heading, state)
            elif kind == "inline" and heading is not None:
                self.inline(heading._p, container.part, tok.children or [], env)
                heading = None
            elif kind in ("bullet_list_open", "ordered_list_open"):
                ordered = kind == "ordered_list_open"
                state.lists.append((ordered, self._new_list() if ordered else None))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                state.lists.pop()
            elif kind == "list_item_open":
                state.item_start = True
            elif kind == "blockquote_open":
                state.quote += 1
            elif kind == "blockquote_close":
                state.quote -= 1
            elif kind == "container_callout_open":
                label = markup.callout_label(markup.fence_info(tok.info).label)
                box = "Takeaway" if markup.callout_kind(label) == "key" else "Callout"
                container.add_paragraph(label, style=f"{box} Label")
                state.callout = box
            elif kind == "container_callout_close":
                state.callout = None
            elif kind == "container_qa_open":
                state.qa = True
            elif kind == "container_qa_close":
                state.qa = False
            elif kind == "table_open":
                i = self._table(container, tokens, i, env)
            elif kind in ("fence", "code_block"):
                para = container.add_paragraph(style=style)
                for n, line in enumerate(tok.content.rstrip("\n").split("\n")):
                    if n:
                        run = element("r")
                        run.append(element("br"))
                        para._p.append(run)
                    para._p.append(text_run(line, Style(code=True)))
            elif kind == "hr":
                para = container.add_paragraph(style=style)
                border(para._p.get_or_add_pPr(), "bottom", self.palette.muted, 6, 1)
            i += 1

    def _paragraph_style(self, tok: Token, state: _Block, default: str) -> str:
        if state.qa:
            return "Question" if tok.attrGet("class") == "qa-question" else "Answer"
        if state.callout:
            return state.callout
        if state.lists:
            depth = len(state.lists)
            if not state.item_start:
                return "List Continue"
            ordered = state.lists[-1][0]
            base = "List Number" if ordered else "List Bullet"
            return base if depth == 1 else f"{base} 2"
        if state.quote:
            return "Quote"
        return default

    def _numbered(self, paragraph: Any, state: _Block) -> None:
        """The first paragraph of a list item; a numbered list starts again at 1."""
        if not state.lists or not state.item_start:
            return
        state.item_start = False
        ordered, num_id = state.lists[-1]
        if ordered and num_id is not None:
            ppr = paragraph._p.get_or_add_pPr()
            numpr = place(ppr, element("numPr"))
            numpr.append(element("ilvl", val=str(min(len(state.lists) - 1, 8))))
            numpr.append(element("numId", val=num_id))

    def _new_list(self) -> str | None:
        """A new Word list on the "List Number" definition, restarting its count."""
        numbering = self.document.part.numbering_part.element
        style = self.document.styles["List Number"].element
        ids = style.xpath("./w:pPr/w:numPr/w:numId/@w:val")
        if not ids:
            return None
        abstract = numbering.xpath(f'./w:num[@w:numId="{ids[0]}"]/w:abstractNumId/@w:val')
        if not abstract:
            return None
        used = [int(n) for n in numbering.xpath("./w:num/@w:numId")]
        num_id = str(max(used, default=0) + 1)
        num = element("num", numId=num_id)
        num.append(element("abstractNumId", val=abstract[0]))
        override = element("lvlOverride", ilvl="0")
        override.append(element("startOverride", val="1"))
        num.append(override)
        numbering.append(num)
        return num_id

    def _table(self, container: Any, tokens: list[Token], i: int, env: dict[str, Any]) -> int:
        rows: list[list[tuple[bool, list[Token]]]] = []
        while i < len(tokens) and tokens[i].type != "table_close":
            tok = tokens[i]
            if tok.type == "tr_open":
                rows.append([])
            elif tok.type in ("th_open", "td_open") and rows:
                kids = tokens[i + 1].children or [] if i + 1 < len(tokens) else []
                rows[-1].append((tok.type == "th_open", kids))
            i += 1
        width = max((len(r) for r in rows), default=0)
        if not width:
            return i
        table = new_table(container, len(rows), width, self.text_width)
        for r, row in enumerate(rows):
            for c in range(width):
                head, kids = row[c] if c < len(row) else (False, [])
                cell = table.cell(r, c)
                para = cell.paragraphs[0]
                para.style = self.document.styles["Table Header" if head else "Table Text"]
                self.inline(para._p, container.part, kids, env)
                if head:
                    shade(cell._tc.get_or_add_tcPr(), self.palette.primary)
                elif r % 2 == 0:
                    shade(cell._tc.get_or_add_tcPr(), tint(self.palette.primary, 0.04))
            if row and row[0][0]:
                mark_header(table.rows[r])
        keep_rows(table)
        return i


def _note_definitions(tokens: list[Token]) -> dict[int, list[Token]]:
    out: dict[int, list[Token]] = {}
    current: int | None = None
    for tok in tokens:
        if tok.type == "footnote_open":
            current = int(tok.meta.get("id", -1))
            out[current] = []
        elif tok.type == "footnote_close":
            current = None
        elif current is not None and tok.type == "inline":
            if out[current]:
                out[current].append(Token("text", "", 0, content=" "))
            out[current].extend(tok.children or [])
    return out


__all__ = ["Style", "Writer", "set_font"]
