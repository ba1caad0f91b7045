"""Formatting commands on a section's formatted editor: what the toolbar and shortcuts do.

Each command works on the selection (or the word and block at the cursor) of a
:class:`~.rich_editor.FormattedEdit`; the editor writes the result back as Markdown, so every
command is one step of the document's undo history. Structure that spans blocks (a Q&A pair
removed) is changed on the core's formatted content and shown anew.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor, QTextFormat, QTextListFormat

from briefing.core.model import markup
from briefing.core.model.richtext import QA, Callout, Paragraph, Text
from briefing.ui.rich_editor import FormattedEdit
from briefing.ui.richtext_qt import ROLE, block_format, heading_char_format
from briefing.ui.richtext_qt_read import read_document, role_of, top_level_index

HEADING_LEVELS = (0, 1, 2, 3, 4)  # 0: body text


def _toggle(edit: FormattedEdit, fmt: QTextCharFormat) -> None:
    cursor = edit.textCursor()
    if cursor.hasSelection():
        cursor.mergeCharFormat(fmt)
    else:  # no selection: the next characters typed (Word does the same)
        edit.mergeCurrentCharFormat(fmt)


def toggle_bold(edit: FormattedEdit) -> None:
    fmt = QTextCharFormat()
    bold = edit.fontWeight() >= QFont.Weight.DemiBold
    fmt.setFontWeight(QFont.Weight.Normal if bold else QFont.Weight.Bold)
    _toggle(edit, fmt)


def toggle_italic(edit: FormattedEdit) -> None:
    fmt = QTextCharFormat()
    fmt.setFontItalic(not edit.fontItalic())
    _toggle(edit, fmt)


def toggle_strike(edit: FormattedEdit) -> None:
    fmt = QTextCharFormat()
    fmt.setFontStrikeOut(not edit.currentCharFormat().fontStrikeOut())
    _toggle(edit, fmt)


def heading_level(edit: FormattedEdit) -> int:
    return edit.textCursor().blockFormat().headingLevel()


def set_heading(edit: FormattedEdit, level: int) -> None:
    """Make the cursor's block a heading of ``level`` (0: body text)."""
    cursor = edit.textCursor()
    cursor.beginEditBlock()
    block = cursor.blockFormat()
    if role_of(cursor.block()) in ("label", "question", "raw"):
        cursor.endEditBlock()
        return
    block.setHeadingLevel(level)
    block.setTopMargin(8 if level else 3)
    cursor.setBlockFormat(block)
    whole = QTextCursor(cursor)
    whole.select(QTextCursor.SelectionType.BlockUnderCursor)
    char = heading_char_format(level) if level else QTextCharFormat()
    if not level:
        char.setFontWeight(QFont.Weight.Normal)
        char.setProperty(QTextFormat.Property.FontSizeAdjustment, 0)
    start = cursor.block().position()
    whole.setPosition(start)
    whole.setPosition(start + cursor.block().length() - 1, QTextCursor.MoveMode.KeepAnchor)
    whole.mergeCharFormat(char)
    cursor.mergeBlockCharFormat(char)
    cursor.endEditBlock()
    edit.setTextCursor(cursor)


def toggle_list(edit: FormattedEdit, ordered: bool) -> None:
    """Bulleted (or numbered) list on the selected blocks; off when already so."""
    cursor = edit.textCursor()
    style = QTextListFormat.Style.ListDecimal if ordered else QTextListFormat.Style.ListDisc
    current = cursor.currentList()
    cursor.beginEditBlock()
    if current is not None and (current.format().style() == style):
        for block in _selected_blocks(cursor):
            text_list = block.textList()
            if text_list is not None:
                text_list.remove(block)
                plain = QTextCursor(block)
                unlisted = plain.blockFormat()
                unlisted.setIndent(0)
                plain.setBlockFormat(unlisted)
    elif current is not None:
        restyled = current.format()
        restyled.setStyle(style)
        current.setFormat(restyled)
    else:
        made = QTextListFormat()
        made.setStyle(style)
        made.setIndent(1)
        cursor.createList(made)
    cursor.endEditBlock()


def _selected_blocks(cursor: QTextCursor) -> list:  # type: ignore[type-arg]
    document = cursor.document()
    first = document.findBlock(cursor.selectionStart())
    last = document.findBlock(cursor.selectionEnd())
    out = []
    block = first
    while block.isValid():
        out.append(block)
        if block == last:
            break
        block = block.next()
    return out


def toggle_quote(edit: FormattedEdit) -> None:
    cursor = edit.textCursor()
    quoted = role_of(cursor.block()) == "quote"
    cursor.beginEditBlock()
    for block in _selected_blocks(cursor):
        if role_of(block) in ("label", "question", "raw") or block.textList() is not None:
            continue
        at = QTextCursor(block)
        fmt = block_format("" if quoted else "quote", edit.look)
        if quoted:
            fmt.clearProperty(ROLE)
        at.setBlockFormat(fmt)
    cursor.endEditBlock()


def insert_callout(edit: FormattedEdit, label: str = markup.DEFAULT_LABEL) -> None:
    """A callout box with ``label`` after the cursor's block (holding the selected words)."""
    cursor = edit.textCursor()
    words = cursor.selectedText().replace("\u2029", " ").replace("\u2028", " ").strip()
    if cursor.hasSelection():
        cursor.removeSelectedText()
        edit.setTextCursor(cursor)
    body = f"{markup.escape(words)}\n" if words else ""
    edit.insert_markdown(f"::: {markup.CALLOUT} {markup.callout_label(label)}\n{body}:::\n")
    _into_last_frame_text(edit)


def insert_qa(edit: FormattedEdit) -> None:
    """A new question-and-answer pair after the cursor's block; the cursor in its question."""
    edit.insert_markdown(f"::: {markup.QA}\n:::\n")
    cursor = edit.textCursor()
    block = cursor.block()
    while block.isValid() and role_of(block) != "question":
        block = block.previous()
    if block.isValid():
        cursor.setPosition(block.position())
        edit.setTextCursor(cursor)


def _into_last_frame_text(edit: FormattedEdit) -> None:
    cursor = edit.textCursor()
    block = cursor.block()
    while block.isValid() and role_of(block) != "label":
        block = block.previous()
    if block.isValid() and block.next().isValid():
        cursor.setPosition(block.next().position())
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        edit.setTextCursor(cursor)


def remove_container(edit: FormattedEdit) -> bool:
    """Remove the Q&A pair the cursor is in, or take the text out of its callout box."""
    doc = read_document(edit.document())
    index, _before = top_level_index(edit.document(), edit.textCursor().position())
    if not 0 <= index < len(doc.blocks):
        return False
    block = doc.blocks[index]
    if isinstance(block, QA):
        del doc.blocks[index]
    elif isinstance(block, Callout):
        doc.blocks[index : index + 1] = block.blocks or [Paragraph([Text(block.label)])]
    else:
        return False
    edit.replace_content(doc)
    return True


def in_container(edit: FormattedEdit) -> str:
    """``"qa"``, ``"callout"`` or ``""``: what the cursor is in."""
    frame = edit.textCursor().currentFrame()
    while frame is not None and frame is not edit.document().rootFrame():
        role = frame.frameFormat().property(ROLE)
        if isinstance(role, str) and role:
            return role
        frame = frame.parentFrame()
    return ""


def link_at(edit: FormattedEdit) -> tuple[str, str, QTextCursor]:
    """The link under the cursor (its text, its address and a cursor selecting it), or the
    selected words with no address yet."""
    cursor = edit.textCursor()
    fmt = cursor.charFormat()
    if not cursor.hasSelection() and fmt.isAnchor() and fmt.anchorHref():
        href = fmt.anchorHref()
        block = cursor.block()
        start = end = cursor.position()
        while start > block.position() and _href_at(edit, start - 1) == href:
            start -= 1
        while end < block.position() + block.length() - 1 and _href_at(edit, end) == href:
            end += 1
        span = QTextCursor(cursor)
        span.setPosition(start)
        span.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return span.selectedText(), href, span
    return cursor.selectedText(), "", cursor


def _href_at(edit: FormattedEdit, position: int) -> str:
    probe = QTextCursor(edit.document())
    probe.setPosition(position)
    probe.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor)
    fmt = probe.charFormat()
    return fmt.anchorHref() if fmt.isAnchor() else ""


def set_link(edit: FormattedEdit, cursor: QTextCursor, text: str, href: str) -> None:
    """Make ``cursor``'s selection (replaced by ``text``) a link to ``href`` ("" removes it)."""
    cursor.beginEditBlock()
    fmt = cursor.charFormat() if cursor.hasSelection() else QTextCharFormat()
    link = QTextCharFormat(fmt)
    link.setAnchor(bool(href))
    link.setAnchorHref(href)
    link.setFontUnderline(bool(href))
    if href:
        from PySide6.QtGui import QColor

        link.setForeground(QColor(edit.look.link))
    else:
        link.clearForeground()
    words = text or href
    if cursor.hasSelection():
        cursor.removeSelectedText()
    cursor.insertText(words, link)
    plain = QTextCharFormat(fmt)
    plain.setAnchor(False)
    plain.setAnchorHref("")
    plain.setFontUnderline(False)
    plain.clearForeground()
    cursor.setCharFormat(plain)  # typing on after the link is not part of it
    cursor.endEditBlock()
    edit.setTextCursor(cursor)


__all__ = [
    "role_of",
    "HEADING_LEVELS",
    "heading_level",
    "in_container",
    "insert_callout",
    "insert_qa",
    "link_at",
    "remove_container",
    "set_heading",
    "set_link",
    "toggle_bold",
    "toggle_italic",
    "toggle_list",
    "toggle_quote",
    "toggle_strike",
]
