"""A section edited as formatted text: what the analyst sees is what the PDF says.

The widget shows the section's content (:mod:`.richtext_qt`) with no Markdown on screen, and
after every edit writes it back through the core (``markdown_edited``). Its undo belongs to
the document's history, not to the widget: Undo and Redo go to the window. Pasted HTML (a
browser, Word) keeps headings, bold, italic, lists and links after the importer's sanitiser
(:func:`briefing.core.importing.fragment.html_fragment_markdown`); Ctrl+Shift+V pastes plain
text; source blocks dropped from the Sources pane (or a source from the library) go to the
session at the drop point.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QSizePolicy, QTextEdit, QToolTip, QWidget

from briefing.core.model.richtext import Doc
from briefing.core.model.richtext_read import read_markdown
from briefing.core.model.richtext_write import write_markdown
from briefing.ui.blocks import can_drop, decode_drop
from briefing.ui.citation_chip import ChipPainter, SourceLookup
from briefing.ui.plain import plain
from briefing.ui.richtext_qt import (
    CITATION_OBJECT,
    LIGHT,
    OBJECT_CHAR,
    RAW_OBJECT,
    Look,
    block_format,
    fill_document,
    insert_content,
)
from briefing.ui.richtext_qt_read import read_document, role_of, top_level_index
from briefing.ui.shortcuts import event_keys, redo_keys
from briefing.ui.undo import document_undo_menu

MARKDOWN_MIME = "application/x-briefing-markdown"
PASSED_KEYS = (  # keys the window's actions take even while a section has the focus
    QKeySequence("Ctrl+K"),
    QKeySequence("Ctrl+B"),
    QKeySequence("Ctrl+I"),
    QKeySequence("Ctrl+Shift+V"),
)


def _html_markdown(html: str) -> str:
    from briefing.core.importing.fragment import html_fragment_markdown  # lxml-free, cheap

    return html_fragment_markdown(html)


class FormattedEdit(QTextEdit):
    """One section's formatted text; emits ``markdown_edited`` with the Markdown it now holds."""

    markdown_edited = Signal(str)
    blocks_dropped = Signal(object, int, bool)  # Dropped (ui.blocks), top-level block, before
    undo_requested = Signal()
    redo_requested = Signal()
    focus_lost = Signal()
    focus_gained = Signal()
    fitted = Signal()  # the editor took the height its text needs

    def __init__(self, lookup: SourceLookup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.can_undo: Callable[[], bool] = lambda: False  # the document's, set by the pane
        self.can_redo: Callable[[], bool] = lambda: False
        self.look: Look = LIGHT
        self.chips = ChipPainter(lookup, self)
        self.chips.install(self.document())
        self.content = Doc()
        self._markdown = ""  # the section's Markdown as last given or emitted
        self._shown = ""  # and as this editor writes it (a real edit changes this)
        self._filling = False
        self.setUndoRedoEnabled(False)
        self.setAcceptRichText(True)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # The section is as tall as its text: no scroll bar of its own (the page scrolls).
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        layout = self.document().documentLayout()
        layout.documentSizeChanged.connect(lambda _size: self._fit_height())
        self.document().contentsChanged.connect(self._edited)
        self._fit_height()

    # -- content -------------------------------------------------------------------------
    def markdown(self) -> str:
        """The section's Markdown as the editor shows it now (``content`` keeps its
        formatted content, which the word count reads without parsing the Markdown again)."""
        self.content = read_document(self.document())
        return write_markdown(self.content)

    def set_markdown(self, markdown: str) -> None:
        """Show ``markdown`` (after undo, redo, an insert); the cursor stays where it was."""
        if markdown == self._markdown:
            return
        position = self.textCursor().position()
        bar = self.verticalScrollBar().value()
        self._filling = True
        try:
            fill_document(self.document(), read_markdown(markdown), self.look)
        finally:
            self._filling = False
        self._markdown = markdown
        self._shown = self.markdown()
        cursor = self.textCursor()
        cursor.setPosition(min(position, max(0, self.document().characterCount() - 1)))
        self.setTextCursor(cursor)
        self.verticalScrollBar().setValue(bar)
        self._fit_height()

    def _edited(self) -> None:
        if self._filling:
            return
        markdown = self.markdown()
        if markdown != self._shown:  # not a format-only or no-op change
            self._edited_now(markdown)

    def insert_markdown(self, markdown: str) -> None:
        """Insert Briefing Markdown as formatted content at the cursor (one edit)."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        if cursor.hasSelection():
            cursor.removeSelectedText()
        insert_content(cursor, read_markdown(markdown), self.look)
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def replace_content(self, doc: Doc) -> None:
        """Show ``doc`` instead of the present content, as one edit the session records."""
        markdown = write_markdown(doc)
        self.set_markdown(markdown)
        self._edited_now(markdown)

    def _edited_now(self, markdown: str) -> None:
        self._markdown = self._shown = markdown
        self.markdown_edited.emit(markdown)

    # -- keys ----------------------------------------------------------------------------
    def event(self, e: QEvent) -> bool:
        # Undo/Redo and the formatting keys belong to the window's actions, not the widget.
        if e.type() == QEvent.Type.ShortcutOverride and isinstance(e, QKeyEvent):
            keys = event_keys(e)
            if (
                e.matches(QKeySequence.StandardKey.Undo)
                or e.matches(QKeySequence.StandardKey.Redo)
                or keys in redo_keys()
                or keys in PASSED_KEYS
            ):
                e.ignore()
                return False
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            self._tooltip(e)
            return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if e.matches(QKeySequence.StandardKey.Undo):
            self.undo_requested.emit()
            return
        if e.matches(QKeySequence.StandardKey.Redo) or event_keys(e) in redo_keys():
            self.redo_requested.emit()
            return
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._enter(e):
            return
        super().keyPressEvent(e)

    def _enter(self, e: QKeyEvent) -> bool:
        """Enter in a callout's label or a question moves on to the text below it; Enter on
        an empty list item or quote line ends the list or quote; the line after a heading is
        body text. True when handled here."""
        if e.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            return False  # Shift+Enter: a line break inside the paragraph
        cursor = self.textCursor()
        block = cursor.block()
        role = role_of(block)
        if role in ("label", "question") and block.next().isValid():
            cursor.setPosition(block.next().position())
            self.setTextCursor(cursor)
            return True
        text_list = block.textList()
        empty = not block.text().strip()
        if text_list is not None and empty:
            text_list.remove(block)
            cursor.setBlockFormat(block_format())
            return True
        if role == "quote" and empty:
            cursor.setBlockFormat(block_format())
            return True
        if block.blockFormat().headingLevel():
            super().keyPressEvent(e)
            body = self.textCursor()
            body.setBlockFormat(block_format())
            body.setBlockCharFormat(QTextCharFormat())
            body.setCharFormat(QTextCharFormat())
            self.setTextCursor(body)
            return True
        return False

    def paste_plain(self) -> None:
        """Paste the clipboard as plain text (Ctrl+Shift+V): no formatting, no new source."""
        from PySide6.QtWidgets import QApplication

        mime = QApplication.clipboard().mimeData()
        text = mime.text() if mime is not None else ""
        if text:
            cursor = self.textCursor()
            cursor.insertText(text.replace("\r\n", "\n"), QTextCharFormat())
            self.setTextCursor(cursor)

    # -- mouse and focus -----------------------------------------------------------------
    def _tooltip(self, e: QHelpEvent) -> None:
        cursor = self.cursorForPosition(e.pos())
        for offset in (0, 1):
            probe = QTextCursor(cursor)
            probe.setPosition(max(0, cursor.position() - offset))
            probe.movePosition(
                QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor
            )
            fmt = probe.charFormat()
            if probe.selectedText() == OBJECT_CHAR and fmt.objectType() in (
                CITATION_OBJECT,
                RAW_OBJECT,
            ):
                QToolTip.showText(e.globalPos(), plain(self.chips.describe(fmt)), self)
                return
            if fmt.isAnchor() and fmt.anchorHref():
                QToolTip.showText(e.globalPos(), plain(fmt.anchorHref()), self)
                return
        QToolTip.hideText()
        e.ignore()

    def focusOutEvent(self, e: QFocusEvent) -> None:  # noqa: N802 (Qt name)
        super().focusOutEvent(e)
        self.focus_lost.emit()

    def focusInEvent(self, e: QFocusEvent) -> None:  # noqa: N802 (Qt name)
        super().focusInEvent(e)
        self.focus_gained.emit()

    def createStandardContextMenu(self, *args: Any) -> QMenu:  # noqa: N802 (Qt name)
        """The usual menu, its Undo and Redo acting on the whole document."""
        menu = super().createStandardContextMenu(*args)
        return document_undo_menu(
            menu, self.can_undo, self.can_redo, self.undo_requested, self.redo_requested
        )

    # -- drag, drop, copy and paste ------------------------------------------------------
    def dragEnterEvent(self, e: QDragEnterEvent) -> None:  # noqa: N802 (Qt name)
        # Files dropped on an editor are imported by the window, not pasted as paths.
        if e.mimeData().hasUrls() and any(u.isLocalFile() for u in e.mimeData().urls()):
            e.ignore()
            return
        super().dragEnterEvent(e)

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 (Qt name)
        """The selection as Briefing Markdown (so chips and formatting travel) and as text."""
        mime = QMimeData()
        selection = self.textCursor().selection()
        from PySide6.QtGui import QTextDocument

        scratch = QTextDocument()
        ChipPainter(self.chips.lookup, scratch).install(scratch)
        QTextCursor(scratch).insertFragment(selection)
        markdown = write_markdown(read_document(scratch))
        mime.setData(MARKDOWN_MIME, markdown.encode("utf-8"))
        mime.setText(selection.toPlainText().replace(OBJECT_CHAR, "").replace("\u2028", "\n"))
        _hand_over_clipboard_at_quit()
        return mime

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt name)
        return (
            can_drop(source)
            or source.hasFormat(MARKDOWN_MIME)
            or super().canInsertFromMimeData(source)
        )

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt name)
        dropped = decode_drop(source)  # source blocks, or a source from the library
        if dropped:
            index, before = top_level_index(self.document(), self.textCursor().position())
            self.blocks_dropped.emit(dropped, index, before)
            return
        if source.hasFormat(MARKDOWN_MIME):
            markdown = bytes(source.data(MARKDOWN_MIME).data()).decode("utf-8", "replace")
            self.insert_markdown(markdown)
            return
        if source.hasHtml() and source.html().strip():
            markdown = _html_markdown(source.html())
            if markdown.strip():
                self.insert_markdown(markdown)
                return
        if source.hasText():
            self.textCursor().insertText(source.text(), QTextCharFormat())

    # -- size ----------------------------------------------------------------------------
    def _fit_height(self) -> None:
        """Tall enough for the whole section: the page scrolls, the section does not."""
        self.document().setTextWidth(max(100, self.viewport().width()))  # lays it all out
        height = int(self.document().size().height()) + 2
        if not self.document().toPlainText().strip() and self.placeholderText():
            width = max(100, self.viewport().width() - 8)
            rect = self.fontMetrics().boundingRect(
                QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), self.placeholderText()
            )
            height = max(height, rect.height() + 12)
        height = max(height, 3 * self.fontMetrics().lineSpacing())
        frame = (
            2 * self.frameWidth() + self.contentsMargins().top() + self.contentsMargins().bottom()
        )
        wanted = height + frame + 6
        if wanted != self.height():
            self.setFixedHeight(wanted)
            self.fitted.emit()

    def resizeEvent(self, e: Any) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(e)
        self._fit_height()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(400, self.height())


_QUIT_HOOKED = False


def _hand_over_clipboard_at_quit() -> None:
    """At quit, what we copied stays on the clipboard as plain text made by Qt: a QMimeData
    made in Python and still on the clipboard when the application ends crashes PySide."""
    global _QUIT_HOOKED
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if _QUIT_HOOKED or app is None:
        return
    _QUIT_HOOKED = True

    def hand_over() -> None:
        clipboard = QApplication.clipboard()
        mime = clipboard.mimeData()
        if mime is not None and mime.hasFormat(MARKDOWN_MIME):
            clipboard.setText(mime.text())

    app.aboutToQuit.connect(hand_over)
