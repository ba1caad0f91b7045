"""A section's ``QTextDocument`` read back into formatted content (core
:mod:`~briefing.core.model.richtext`), which the core writes as Markdown.

:mod:`.richtext_qt` lays the content out and says what each piece is in user properties of its
formats (block and frame roles, citation ids, inline code); this module walks the blocks, frames
and those properties back into the same structure, never by how a piece looks.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont, QTextBlock, QTextDocument, QTextFrame, QTextList, QTextListFormat

from briefing.core.model import markup
from briefing.core.model.richtext import (
    BOLD,
    CODE,
    ITALIC,
    QA,
    STRIKE,
    Block,
    Break,
    Callout,
    Check,
    Cite,
    Doc,
    Heading,
    Inline,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    RawBlock,
    RawInline,
    Text,
)
from briefing.ui.richtext_qt import (
    CITATION_OBJECT,
    CITE_IDS,
    IS_CODE,
    LINE_BREAK,
    OBJECT_CHAR,
    RAW_GROUP,
    RAW_MARKDOWN,
    RAW_OBJECT,
    ROLE,
)


def role_of(block: QTextBlock) -> str:
    value = block.blockFormat().property(ROLE)
    return value if isinstance(value, str) else ""


def frame_role(frame: QTextFrame) -> str:
    value = frame.frameFormat().property(ROLE)
    return value if isinstance(value, str) else ""


def read_inlines(block: QTextBlock, *, styled_bold: bool = False) -> list[Inline]:
    """A block's content as inline pieces (``styled_bold``: bold is the block's style, as in
    a heading or a question, so it is not a mark)."""
    out: list[Inline] = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        it += 1
        if not fragment.isValid():
            continue
        fmt = fragment.charFormat()
        text = fragment.text()
        if fmt.objectType() == CITATION_OBJECT:
            ids = str(fmt.property(CITE_IDS) or "")
            out += [Cite(tuple(i for i in ids.split(";") if i)) for _ in text]
            continue
        if fmt.objectType() == RAW_OBJECT:
            out += [RawInline(str(fmt.property(RAW_MARKDOWN) or "")) for _ in text]
            continue
        marks: set[str] = set()
        if fmt.fontWeight() >= QFont.Weight.DemiBold and not styled_bold:
            marks.add(BOLD)
        if fmt.fontItalic():
            marks.add(ITALIC)
        if fmt.fontStrikeOut():
            marks.add(STRIKE)
        if fmt.property(IS_CODE):
            marks.add(CODE)
        link = fmt.anchorHref() if fmt.isAnchor() and fmt.anchorHref() else None
        for n, part in enumerate(text.replace("\u2029", LINE_BREAK).split(LINE_BREAK)):
            if n:
                out.append(Break())
            part = part.replace(OBJECT_CHAR, "")
            if part:
                out.append(Text(part, frozenset(marks), link))
    return out


@dataclass
class _Span:
    """Where a top-level block of the content sits in the document."""

    start: int
    end: int


class _Reader:
    def __init__(self) -> None:
        self.spans: list[_Span] = []

    def frame_children(self, frame: QTextFrame) -> list[QTextBlock | QTextFrame]:
        out: list[QTextBlock | QTextFrame] = []
        it = frame.begin()
        while not it.atEnd():
            child = it.currentFrame()
            if child is not None:
                out.append(child)
            else:
                block = it.currentBlock()
                if block.isValid():
                    out.append(block)
            it += 1
        return out

    def read(self, frame: QTextFrame, *, top: bool) -> list[Block]:
        out: list[Block] = []
        children = self.frame_children(frame)
        i = 0
        while i < len(children):
            child = children[i]
            start = child.firstPosition() if isinstance(child, QTextFrame) else child.position()
            before = len(out)
            if isinstance(child, QTextFrame):
                out += self.container(child)
                i += 1
            else:
                i = self.flow(children, i, out)
            if top:
                last = children[i - 1]
                end = (
                    last.lastPosition() + 1  # the frame's last position is inside it
                    if isinstance(last, QTextFrame)
                    else last.position() + last.length()
                )
                self.spans += [_Span(start, end) for _ in out[before:]]
        return out

    def container(self, frame: QTextFrame) -> list[Block]:
        role = frame_role(frame)
        inner = self.frame_children(frame)
        head = inner[0] if inner and isinstance(inner[0], QTextBlock) else None
        head_role = role_of(head) if head is not None else ""
        rest_start = 1 if head is not None and head_role in ("label", "question") else 0
        blocks: list[Block] = []
        i = rest_start
        while i < len(inner):
            child = inner[i]
            if isinstance(child, QTextFrame):
                blocks += self.container(child)
                i += 1
            else:
                i = self.flow(inner, i, blocks)
        flow = [b for b in blocks if not isinstance(b, Callout | QA | Check)]
        flow = [b for b in flow if not _empty(b)]
        if role == "check":
            return [Check(flow)]
        if role == "callout":
            label = head.text().strip() if head is not None and head_role == "label" else ""
            return [Callout(markup.callout_label(label), flow)]
        if role == "qa":
            question = (
                read_inlines(head, styled_bold=True)
                if head is not None and head_role == "question"
                else []
            )
            return [QA(question, flow)]
        return blocks

    def flow(self, children: list[QTextBlock | QTextFrame], i: int, out: list[Block]) -> int:
        """Read the block at ``children[i]`` (with the blocks that belong to it: list items,
        quote paragraphs, raw lines) into ``out``; returns the index after them."""
        block = children[i]
        assert isinstance(block, QTextBlock)
        role = role_of(block)
        text_list = block.textList()
        if text_list is not None:
            j = i
            while j < len(children):
                nxt = children[j]
                if not isinstance(nxt, QTextBlock) or nxt.textList() is None:
                    break
                j += 1
            out += _lists([b for b in children[i:j] if isinstance(b, QTextBlock)])
            return j
        if role == "quote":
            paragraphs = []
            j = i
            while j < len(children):
                nxt = children[j]
                if not isinstance(nxt, QTextBlock) or role_of(nxt) != "quote":
                    break
                paragraphs.append(Paragraph(read_inlines(nxt)))
                j += 1
            quote = Quote([p for p in paragraphs if p.inlines])
            if quote.paragraphs:
                out.append(quote)
            return j
        if role == "raw":
            group = block.blockFormat().property(RAW_GROUP)
            lines = []
            j = i
            while j < len(children):
                nxt = children[j]
                if not isinstance(nxt, QTextBlock) or role_of(nxt) != "raw":
                    break
                if nxt.blockFormat().property(RAW_GROUP) != group:
                    break
                lines.append(nxt.text())
                j += 1
            text = "\n".join(lines).strip("\n")
            if text.strip():
                out.append(RawBlock(text))
            return j
        level = block.blockFormat().headingLevel()
        if level:
            out.append(Heading(level, read_inlines(block, styled_bold=True)))
        else:
            styled = role in ("label", "question")
            out.append(Paragraph(read_inlines(block, styled_bold=styled)))
        return i + 1


def _empty(block: Block) -> bool:
    return isinstance(block, Paragraph) and not block.inlines


def is_ordered(style: QTextListFormat.Style) -> bool:
    """Whether a list of ``style`` is numbered (decimal, letters, roman) rather than bulleted."""
    return style not in (
        QTextListFormat.Style.ListDisc,
        QTextListFormat.Style.ListCircle,
        QTextListFormat.Style.ListSquare,
    )


def _lists(blocks: list[QTextBlock]) -> list[ListBlock]:
    """Consecutive list blocks as lists, nested by their list's indent."""
    out: list[ListBlock] = []
    stack: list[tuple[int, ListBlock, QTextList]] = []  # (indent, list, Qt list)
    for block in blocks:
        text_list = block.textList()
        assert text_list is not None
        fmt = text_list.format()
        indent = max(1, fmt.indent())
        ordered = is_ordered(fmt.style())
        item = ListItem(read_inlines(block))
        while stack and (
            stack[-1][0] > indent or (stack[-1][0] == indent and stack[-1][2] != text_list)
        ):
            stack.pop()
        if stack and stack[-1][0] == indent:
            stack[-1][1].items.append(item)
            continue
        made = ListBlock(ordered, [item], max(1, fmt.start()) if ordered else 1)
        if stack and stack[-1][1].items:
            stack[-1][1].items[-1].children.append(made)
        else:
            out.append(made)
        stack.append((indent, made, text_list))
    return out


def read_document(document: QTextDocument) -> Doc:
    """The formatted content of ``document``."""
    blocks = _Reader().read(document.rootFrame(), top=True)
    return Doc([b for b in blocks if not _empty(b)])


def top_level_index(document: QTextDocument, position: int) -> tuple[int, bool]:
    """Which top-level block of the content holds document ``position``, and whether the
    position is at that block's very start (a drop there goes before it)."""
    reader = _Reader()
    blocks = reader.read(document.rootFrame(), top=True)
    kept = [(b, s) for b, s in zip(blocks, reader.spans, strict=False) if not _empty(b)]
    for index, (_block, span) in enumerate(kept):
        if span.start <= position < span.end or position < span.start:
            return index, position <= span.start
    return len(kept), True
