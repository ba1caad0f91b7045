"""Formatted content (core :mod:`~briefing.core.model.richtext`) laid out in a ``QTextDocument``.

:func:`fill_document` lays a section's content out as the analyst sees it: headings in larger
type, lists as lists, quotes set in and shaded, callouts and Q&A pairs as framed boxes, and
each citation as one object character drawn as a chip (:mod:`.citation_chip`).
:mod:`.richtext_qt_read` walks the document back into the same structure, which the core writes
as Markdown; Qt's own Markdown reader and writer are not used (their dialect is not Briefing's).

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
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextList,
    QTextListFormat,
)

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
