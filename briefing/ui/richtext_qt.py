"""Formatted content (core :mod:`~briefing.core.model.richtext`) in a ``QTextDocument`` and back.

:func:`fill_document` lays a section's content out as the analyst sees it: headings in larger
type, lists as lists, quotes set in and shaded, callouts and Q&A pairs as framed boxes, and
each citation as one object character drawn as a chip (:mod:`.citation_chip`). :func:`read_document`
walks the document back into the same structure, which the core writes as Markdown; Qt's own
Markdown reader and writer are not used (their dialect is not Briefing's).

What a piece is lives in user properties of its formats (block role, frame role, citation ids,
inline code), never in how it looks, so styling can change without changing what is saved.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrame,
    QTextFrameFormat,
    QTextLength,
    QTextList,
    QTextListFormat,
)

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
    Flow,
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

USER = int(QTextFormat.Property.UserProperty)
ROLE = USER + 1  # block: "quote", "label", "question", "raw"; frame: "callout", "qa"
CITE_IDS = USER + 2  # citation object: "s1;s3"
RAW_MARKDOWN = USER + 3  # kept-as-written inline object: its Markdown
IS_CODE = USER + 4  # inline code
RAW_GROUP = USER + 5  # raw block lines that belong together
CITATION_OBJECT = int(QTextFormat.ObjectTypes.UserObject) + 1
RAW_OBJECT = int(QTextFormat.ObjectTypes.UserObject) + 2
OBJECT_CHAR = "\ufffc"
LINE_BREAK = "\u2028"
HEADING_SIZE = {1: 3, 2: 2, 3: 1, 4: 1, 5: 0, 6: 0}  # font size steps over the body text


@dataclass(frozen=True)
class Look:
    """The colours of the formatted view (light or dark)."""

    link: str = "#1558B0"
    quote_bg: str = "#F1F3F5"
    quote_fg: str = "#4A5563"
    callout_bg: str = "#EEF4FB"
    callout_border: str = "#9DB7D5"
    qa_bg: str = "#F7F5FB"
    qa_border: str = "#C2B5DA"
    label: str = "#1F3A5F"
    raw_bg: str = "#F4F4F4"
    check_bg: str = "#FFF4D6"
    check_border: str = "#E0A800"


LIGHT = Look()
DARK = Look(
    link="#6EA8FE",
    quote_bg="#2B2F36",
    quote_fg="#B7C0CC",
    callout_bg="#1E2A38",
    callout_border="#3E5A7A",
    qa_bg="#2A2536",
    qa_border="#5B4C7A",
    label="#A9C7EE",
    raw_bg="#2A2A2A",
    check_bg="#3A3020",
    check_border="#A07800",
)


def fixed_font() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


# -- building ----------------------------------------------------------------------------


def char_format(piece: Text, look: Look = LIGHT) -> QTextCharFormat:
    """The character format of a run of text with its marks and link."""
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold if BOLD in piece.marks else QFont.Weight.Normal)
    fmt.setFontItalic(ITALIC in piece.marks)
    fmt.setFontStrikeOut(STRIKE in piece.marks)
    if CODE in piece.marks:
        fmt.setProperty(IS_CODE, True)
        fmt.setFontFamilies([fixed_font().family()])
    if piece.link:
        fmt.setAnchor(True)
        fmt.setAnchorHref(piece.link)
        fmt.setFontUnderline(True)
        fmt.setForeground(QColor(look.link))
        fmt.setToolTip("")
    return fmt


def citation_format(ids: tuple[str, ...]) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setObjectType(CITATION_OBJECT)
    fmt.setProperty(CITE_IDS, ";".join(ids))
    return fmt


def raw_inline_format(markdown: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setObjectType(RAW_OBJECT)
    fmt.setProperty(RAW_MARKDOWN, markdown)
    return fmt


def insert_inlines(
    cursor: QTextCursor,
    inlines: list[Inline],
    look: Look = LIGHT,
    *,
    base: QTextCharFormat | None = None,
) -> None:
    """Insert inline content at ``cursor`` (``base``: a heading's or label's size and weight)."""
    for piece in inlines:
        if isinstance(piece, Text):
            fmt = char_format(piece, look)
            if base is not None:
                fmt.merge(base)
            cursor.insertText(piece.text.replace("\n", " "), fmt)
        elif isinstance(piece, Cite):
            cursor.insertText(OBJECT_CHAR, citation_format(piece.ids))
        elif isinstance(piece, RawInline):
            cursor.insertText(OBJECT_CHAR, raw_inline_format(piece.markdown))
        elif isinstance(piece, Break):
            cursor.insertText(LINE_BREAK, base or QTextCharFormat())


def heading_char_format(level: int) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, HEADING_SIZE.get(level, 0))
    return fmt


def block_format(role: str = "", look: Look = LIGHT) -> QTextBlockFormat:
    """A block's format: its role (``quote``, ``label``, ``question``, ``raw``) and look."""
    fmt = QTextBlockFormat()
    fmt.setTopMargin(3)
    fmt.setBottomMargin(5)
    if role:
        fmt.setProperty(ROLE, role)
    if role == "quote":
        fmt.setLeftMargin(18)
        fmt.setBackground(QColor(look.quote_bg))
    elif role == "raw":
        fmt.setBackground(QColor(look.raw_bg))
        fmt.setTopMargin(0)
        fmt.setBottomMargin(0)
    return fmt


class _Builder:
    def __init__(
        self, document: QTextDocument, look: Look, cursor: QTextCursor | None = None
    ) -> None:
        self.document = document
        self.look = look
        self.cursor = cursor if cursor is not None else QTextCursor(document)
        # An empty document (or block) starts with one empty block: the first block uses it.
        self.first = cursor is None or not cursor.block().text()
        self.raw_group = 0

    def new_block(self, fmt: QTextBlockFormat, char: QTextCharFormat | None = None) -> None:
        if self.first:
            self.cursor.setBlockFormat(fmt)
            self.cursor.setBlockCharFormat(char or QTextCharFormat())
            self.first = False
        else:
            self.cursor.insertBlock(fmt, char or QTextCharFormat())

    def blocks(self, blocks: list[Block] | list[Flow]) -> None:
        for block in blocks:
            if isinstance(block, Callout):
                self.frame("callout", block.label, [], block.blocks)
            elif isinstance(block, QA):
                self.frame("qa", "", block.question, block.blocks)
            elif isinstance(block, Check):
                self.frame("check", "", [], block.blocks)
            else:
                self.flow(block)

    def flow(self, block: Flow) -> None:
        if isinstance(block, Paragraph):
            self.new_block(block_format())
            insert_inlines(self.cursor, block.inlines, self.look)
        elif isinstance(block, Heading):
            fmt = block_format()
            fmt.setHeadingLevel(block.level)
            fmt.setTopMargin(8)
            char = heading_char_format(block.level)
            self.new_block(fmt, char)
            insert_inlines(self.cursor, block.inlines, self.look, base=char)
        elif isinstance(block, ListBlock):
            self.list_block(block, 1)
        elif isinstance(block, Quote):
            for paragraph in block.paragraphs or [Paragraph()]:
                self.new_block(block_format("quote", self.look))
                quote = QTextCharFormat()
                quote.setForeground(QColor(self.look.quote_fg))
                insert_inlines(self.cursor, paragraph.inlines, self.look, base=quote)
        elif isinstance(block, RawBlock):
            self.raw_group += 1
            char = QTextCharFormat()
            char.setFontFamilies([fixed_font().family()])
            for line in block.markdown.split("\n"):
                fmt = block_format("raw", self.look)
                fmt.setProperty(RAW_GROUP, self.raw_group)
                self.new_block(fmt, char)
                self.cursor.insertText(line, char)

    def list_block(self, block: ListBlock, depth: int) -> None:
        style = (
            QTextListFormat.Style.ListDecimal if block.ordered else QTextListFormat.Style.ListDisc
        )
        if depth > 1 and not block.ordered:
            style = QTextListFormat.Style.ListCircle
        fmt = QTextListFormat()
        fmt.setStyle(style)
        fmt.setIndent(depth)
        if block.ordered:
            fmt.setStart(block.start)
        made: QTextList | None = None
        for item in block.items:
            self.new_block(block_format())
            if made is None:
                made = self.cursor.createList(fmt)
            else:
                made.add(self.cursor.block())
            insert_inlines(self.cursor, item.inlines, self.look)
            for child in item.children:
                self.list_block(child, depth + 1)

    def frame(self, role: str, label: str, question: list[Inline], blocks: list[Flow]) -> None:
        fmt = QTextFrameFormat()
        fmt.setProperty(ROLE, role)
        fmt.setBorder(1)
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        callout = role == "callout"
        look = self.look
        border, fill = {
            "callout": (look.callout_border, look.callout_bg),
            "qa": (look.qa_border, look.qa_bg),
            "check": (look.check_border, look.check_bg),
        }[role]
        fmt.setBorderBrush(QBrush(QColor(border)))
        fmt.setBackground(QColor(fill))
        fmt.setPadding(8)
        fmt.setMargin(6)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        if not self.cursor.block().text():  # the empty line Qt keeps before a frame: thin
            self.cursor.setBlockFormat(spacer_format())
        frame = self.cursor.insertFrame(fmt)
        self.cursor = frame.firstCursorPosition()
        self.first = True
        if role != "check":  # a check note has no head line: the box says what it is
            head = block_format("label" if callout else "question", look)
            head_char = label_char_format(look) if callout else question_char_format()
            self.new_block(head, head_char)
            if callout:
                self.cursor.insertText(label, head_char)
            else:
                insert_inlines(self.cursor, question, look, base=head_char)
        empty: list[Flow] = [Paragraph()]
        self.blocks(blocks or empty)
        self.cursor = frame.lastCursorPosition()
        self.cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
        self.first = True  # the empty block Qt keeps after a frame takes what follows


def spacer_format() -> QTextBlockFormat:
    """The format of the empty block Qt keeps before and between boxes: next to no height."""
    fmt = QTextBlockFormat()
    fmt.setTopMargin(0)
    fmt.setBottomMargin(0)
    fmt.setLineHeight(2, int(QTextBlockFormat.LineHeightTypes.FixedHeight.value))
    return fmt


def label_char_format(look: Look = LIGHT) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontCapitalization(QFont.Capitalization.AllUppercase)
    fmt.setFontLetterSpacing(104)
    fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, -1)
    fmt.setForeground(QColor(look.label))
    return fmt


def question_char_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold)
    return fmt


def fill_document(document: QTextDocument, doc: Doc, look: Look = LIGHT) -> None:
    """Replace ``document``'s content with ``doc`` laid out as formatted text."""
    document.clear()
    builder = _Builder(document, look)
    builder.blocks(doc.blocks)


def insert_content(cursor: QTextCursor, doc: Doc, look: Look = LIGHT) -> None:
    """Insert ``doc`` at ``cursor``: one paragraph joins the line, more blocks (callouts and
    Q&A pairs too) start after the cursor's block. The cursor ends after what it inserted."""
    blocks = doc.blocks
    if len(blocks) == 1 and isinstance(blocks[0], Paragraph):
        insert_inlines(cursor, blocks[0].inlines, look)
        return
    if cursor.block().text():
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    builder = _Builder(cursor.document(), look, cursor)
    builder.blocks(blocks)
    cursor.setPosition(builder.cursor.position())


# -- reading back ------------------------------------------------------------------------


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
