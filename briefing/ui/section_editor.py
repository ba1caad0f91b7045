"""One section of the briefing: title bar, the formatted editor (or its Markdown source) and the
word count against the budget."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QRect, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QFocusEvent, QFontDatabase, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing.core.model import markup
from briefing.core.model.document import Section
from briefing.core.spelling import SpellChecker
from briefing.ui.blocks import can_drop, decode_drop
from briefing.ui.citation_chip import SourceLookup
from briefing.ui.highlighter import MarkdownHighlighter
from briefing.ui.rich_editor import FormattedEdit
from briefing.ui.shortcuts import mark_document_field
from briefing.ui.spell_highlight import SpellHighlighter
from briefing.ui.undo import document_undo_menu

AMBER = "#C77700"
RED = "#D32F2F"


def count_words(markdown: str) -> int:
    """Words of prose, as a word budget counts them (:func:`markup.count_words`: citations,
    Markdown punctuation and check notes are not counted)."""
    return markup.count_words(markdown)


def utf16_to_index(text: str, position: int) -> int:
    """A Qt cursor position (UTF-16 units) as an index into a Python string."""
    return len(text.encode("utf-16-le")[: position * 2].decode("utf-16-le", errors="ignore"))


class MarkdownEdit(QPlainTextEdit):
    """The Markdown source view of a section, whose undo belongs to the document.

    Dropped or pasted source blocks (or a source from the library) are not inserted as text:
    ``blocks_dropped`` carries them to the session, which inserts them with citations and
    records their origins.
    """

    blocks_dropped = Signal(object, int)  # Dropped (see ui.blocks), character index
    undo_requested = Signal()
    redo_requested = Signal()
    focus_lost = Signal()
    fitted = Signal()  # the editor took the height its text needs

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.can_undo: Callable[[], bool] = lambda: False  # the document's, set by the pane
        self.can_redo: Callable[[], bool] = lambda: False
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().contentsChanged.connect(self._fit_height)
        self._fit_height()

    def event(self, e: QEvent) -> bool:
        # Let the window's document-wide Undo/Redo shortcuts fire instead of the widget's.
        if (
            e.type() == QEvent.Type.ShortcutOverride
            and isinstance(e, QKeyEvent)
            and (
                e.matches(QKeySequence.StandardKey.Undo) or e.matches(QKeySequence.StandardKey.Redo)
            )
        ):
            e.ignore()
            return False
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if e.matches(QKeySequence.StandardKey.Undo):
            self.undo_requested.emit()
            return
        if e.matches(QKeySequence.StandardKey.Redo):
            self.redo_requested.emit()
            return
        super().keyPressEvent(e)

    def createStandardContextMenu(self, *args: Any) -> QMenu:  # noqa: N802 (Qt name)
        """The usual menu, its Undo and Redo acting on the whole document."""
        menu = super().createStandardContextMenu(*args)
        return document_undo_menu(
            menu, self.can_undo, self.can_redo, self.undo_requested, self.redo_requested
        )

    def focusOutEvent(self, e: QFocusEvent) -> None:  # noqa: N802 (Qt name)
        super().focusOutEvent(e)
        self.focus_lost.emit()

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:  # noqa: N802 (Qt name)
        # Files dropped on an editor are imported by the window, not pasted as paths.
        if e.mimeData().hasUrls() and any(u.isLocalFile() for u in e.mimeData().urls()):
            e.ignore()
            return
        super().dragEnterEvent(e)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 (Qt name)
        return can_drop(source) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 (Qt name)
        dropped = decode_drop(source)
        if dropped:
            at = utf16_to_index(self.toPlainText(), self.textCursor().position())
            self.blocks_dropped.emit(dropped, at)
            return
        super().insertFromMimeData(source)

    def set_text_keeping_cursor(self, text: str) -> None:
        """Replace the text (after undo/redo) without jumping to the top."""
        if text == self.toPlainText():
            return
        cursor = self.textCursor()
        pos = min(cursor.position(), len(text.encode("utf-16-le")) // 2)
        bar = self.verticalScrollBar().value()
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)
        cursor = self.textCursor()
        cursor.setPosition(pos)
        self.setTextCursor(cursor)
        self.verticalScrollBar().setValue(bar)
        self._fit_height()

    def _fit_height(self) -> None:
        lines = int(self.document().size().height()) + 1
        if not self.toPlainText() and self.placeholderText():
            # An empty section shows its guidance: make room for all of it.
            width = max(100, self.viewport().width() - 8)
            rect = self.fontMetrics().boundingRect(
                QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), self.placeholderText()
            )
            lines = rect.height() // max(1, self.fontMetrics().lineSpacing()) + 1
        lines = max(4, min(24, lines))
        margins = self.contentsMargins()
        frame = 2 * self.frameWidth() + margins.top() + margins.bottom()
        height = lines * self.fontMetrics().lineSpacing() + frame + 8
        if height != self.height():
            self.setFixedHeight(height)
            self.fitted.emit()

    def resizeEvent(self, e: Any) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(e)
        self._fit_height()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(400, self.height())


class SectionEditor(QFrame):
    """Title bar (rename, move, remove), the formatted editor or the Markdown source, and
    the word count against the budget. ``head`` is the title bar's layout: controls such as
    a per-section command go at its end."""

    text_edited = Signal(str, str)  # section id, markdown
    renamed = Signal(str, str)
    move_requested = Signal(str, int)
    remove_requested = Signal(str)
    blocks_dropped = Signal(str, object, int)  # section id, Dropped, a character of the source
    blocks_placed = Signal(str, object, int)  # section id, Dropped, before a formatted block

    def __init__(
        self,
        section: Section,
        parent: QWidget | None = None,
        *,
        lookup: SourceLookup | None = None,
        source_view: bool = False,
    ) -> None:
        super().__init__(parent)
        self.section_id = section.id
        self.budget = section.word_budget
        self._markdown = section.markdown
        self.highlighter: MarkdownHighlighter | None = None  # set by the pane
        self.spell_highlighter: SpellHighlighter | None = None
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setObjectName("sectionEditor")

        self.title = QLineEdit(section.title)
        self.title.setObjectName("sectionTitle")
        self.title.setAccessibleName(f"Section title: {section.title}")
        self.title.setToolTip("Section title (edit to rename)")
        self.title.setFrame(False)
        mark_document_field(self.title)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        self.title.editingFinished.connect(self._rename)

        self.count = QLabel()
        self.count.setAccessibleName(f"Word count of {section.title}")
        self.up = self._tool(
            "↑", "Move section up", lambda: self.move_requested.emit(self.section_id, -1)
        )
        self.down = self._tool(
            "↓", "Move section down", lambda: self.move_requested.emit(self.section_id, 1)
        )
        self.remove = self._tool(
            "✕", "Remove section", lambda: self.remove_requested.emit(self.section_id)
        )

        placeholder = section.guidance or f"Write the {section.title} here."
        self.editor = FormattedEdit(lookup or (lambda _sid: None))
        self.editor.setObjectName(f"editor-{section.id}")
        self.editor.setAccessibleName(f"{section.title} text")
        self.editor.setPlaceholderText(placeholder)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        self.editor.set_markdown(section.markdown)
        self.editor.markdown_edited.connect(self._typed)
        self.editor.blocks_dropped.connect(self._placed)

        self.source = MarkdownEdit()
        self.source.setObjectName(f"source-{section.id}")
        self.source.setAccessibleName(f"{section.title} Markdown source")
        self.source.setPlaceholderText(placeholder)
        self.source.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        self.source.setPlainText(section.markdown)
        self.source.textChanged.connect(self._typed_source)
        self.source.blocks_dropped.connect(
            lambda refs, at: self.blocks_dropped.emit(self.section_id, refs, at)
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.editor)
        self.stack.addWidget(self.source)
        self.stack.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.editor.fitted.connect(self._fit_stack)
        self.source.fitted.connect(self._fit_stack)

        self.head = QHBoxLayout()
        self.head.setSpacing(2)
        self.head.addWidget(self.title, 1)
        self.head.addWidget(self.count)
        self.head.addSpacing(6)
        for button in (self.up, self.down, self.remove):
            self.head.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 4)
        layout.setSpacing(3)
        layout.addLayout(self.head)
        layout.addWidget(self.stack)
        self.show_source(source_view)
        self._update_count(section.markdown)

    def add_header_tool(self, widget: QWidget) -> None:
        """Put another control in the title bar, after the word count."""
        self.head.insertWidget(self.head.indexOf(self.count) + 1, widget)

    def _tool(self, text: str, name: str, slot: Any) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setAccessibleName(name)
        button.setToolTip(name)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    # -- the two views -------------------------------------------------------------------
    def active(self) -> FormattedEdit | MarkdownEdit:
        """The editor on screen: the formatted text, or the Markdown source."""
        return self.source if self.stack.currentWidget() is self.source else self.editor

    def show_source(self, on: bool) -> None:
        """Show the Markdown source (``on``) or the formatted text, keeping the focus."""
        focused = self.active().hasFocus()
        if on:
            self.source.set_text_keeping_cursor(self._markdown)
        else:
            self.editor.set_markdown(self._markdown)
        self.stack.setCurrentWidget(self.source if on else self.editor)
        self._fit_stack()
        if focused:
            self.active().setFocus()

    def _fit_stack(self) -> None:
        self.stack.setFixedHeight(self.active().height())

    def _typed(self, markdown: str) -> None:
        self._markdown = markdown  # the source view catches up when it is shown
        self._update_count(markdown)
        self.text_edited.emit(self.section_id, markdown)

    def _typed_source(self) -> None:
        markdown = self.source.toPlainText()
        self._markdown = markdown  # the formatted view catches up when it is shown
        self._update_count(markdown)
        self.text_edited.emit(self.section_id, markdown)

    def _placed(self, dropped: object, index: int, before: bool) -> None:
        self.blocks_placed.emit(self.section_id, dropped, index if before else index + 1)

    def _rename(self) -> None:
        self.renamed.emit(self.section_id, self.title.text())

    def _update_count(self, text: str) -> None:
        words = count_words(text)
        if self.budget:
            self.count.setText(f"{words} / {self.budget} words")
            over = words / self.budget
            color = RED if over > 1.25 else AMBER if over > 1.0 else ""
            self.count.setStyleSheet(f"color: {color}; font-weight: bold;" if color else "")
            self.count.setToolTip(
                "Over the word budget" if over > 1.0 else "Within the word budget"
            )
        else:
            self.count.setText(f"{words} words")
            self.count.setStyleSheet("")

    def update_from(self, section: Section) -> None:
        """Show the section's current state (after undo, redo or an insert)."""
        if self.title.text() != section.title and not self.title.hasFocus():
            self.title.setText(section.title)
        self.budget = section.word_budget
        placeholder = section.guidance or f"Write the {section.title} here."
        for view in (self.editor, self.source):
            if view.placeholderText() != placeholder:
                view.setPlaceholderText(placeholder)
        self.source._fit_height()
        self._markdown = section.markdown
        self.active_set(section.markdown)
        self._update_count(section.markdown)
        self._fit_stack()

    def active_set(self, markdown: str) -> None:
        if self.active() is self.source:
            self.source.set_text_keeping_cursor(markdown)
        else:
            self.editor.set_markdown(markdown)

    def set_position(self, index: int, total: int) -> None:
        self.up.setEnabled(index > 0)
        self.down.setEnabled(index < total - 1)

    def over_budget(self) -> str:
        """ "", "amber" or "red": how far the text is over its word budget."""
        if not self.budget:
            return ""
        over = count_words(self._markdown) / self.budget
        return "red" if over > 1.25 else "amber" if over > 1.0 else ""


def attach_highlighter(
    editor: QPlainTextEdit, spell: SpellChecker | None = None
) -> MarkdownHighlighter:
    """The Markdown highlighter on ``editor``, underlining misspellings when given ``spell``."""
    return MarkdownHighlighter(editor.document(), spell=spell)


__all__ = ["FormattedEdit", "MarkdownEdit", "SectionEditor", "attach_highlighter", "count_words"]
