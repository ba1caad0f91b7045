"""Find and replace across every section editor of the briefing (a non-modal dialog)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QTextDocument, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from briefing.core.editing.replace import match_case

TextEditor = QPlainTextEdit | QTextEdit
Editors = Callable[[], list[TextEditor]]


class FindReplaceDialog(QDialog):
    """Find next/previous, replace and replace all over the editors ``editors()`` returns.

    The search runs through the editors in order and wraps around. Without "Match case" a
    replacement takes the case of the text it replaces (:func:`.replace.match_case`). Given the
    document's ``undo_stack``, "Replace All" is one undo step however many sections it changed.
    """

    def __init__(
        self, parent: QWidget | None, editors: Editors, undo_stack: QUndoStack | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Find and Replace")
        self.setModal(False)
        self._editors = editors
        self._undo_stack = undo_stack
        self._current: TextEditor | None = None

        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText("Text to find")
        self.find_edit.setAccessibleName("Find")
        self.find_edit.setClearButtonEnabled(True)
        self.replace_edit = QLineEdit()
        self.replace_edit.setPlaceholderText("Replace with")
        self.replace_edit.setAccessibleName("Replace with")
        self.case_box = QCheckBox("Match &case")
        self.word_box = QCheckBox("&Whole words")
        self.status = QLabel()
        self.status.setAccessibleName("Search status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # quotes what was searched for

        self.next_button = QPushButton("Find &Next")
        self.prev_button = QPushButton("Find &Previous")
        self.replace_button = QPushButton("&Replace")
        self.replace_all_button = QPushButton("Replace &All")
        self.next_button.setDefault(True)

        form = QFormLayout()
        form.addRow("&Find:", self.find_edit)
        form.addRow("Re&place:", self.replace_edit)
        options = QHBoxLayout()
        options.addWidget(self.case_box)
        options.addWidget(self.word_box)
        options.addStretch()
        form.addRow("", options)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.next_button, self.prev_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        for button in (self.replace_button, self.replace_all_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self.next_button.clicked.connect(lambda: self.find_next())
        self.prev_button.clicked.connect(lambda: self.find_previous())
        self.replace_button.clicked.connect(lambda: self.replace())
        self.replace_all_button.clicked.connect(lambda: self.replace_all())
        self.find_edit.textChanged.connect(self._update_buttons)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        QShortcut(QKeySequence.StandardKey.FindNext, self, self.find_next)
        QShortcut(QKeySequence.StandardKey.FindPrevious, self, self.find_previous)
        self._update_buttons()

    # -- helpers -----------------------------------------------------------------------------
    def show_for(self, text: str | None = None) -> None:
        """Show the dialog, pre-filled with ``text`` (e.g. the editor's selection)."""
        if text:
            self.find_edit.setText(text)
        self.show()
        self.raise_()
        self.activateWindow()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        # The search continues from the editor the analyst last clicked into.
        if isinstance(new, (QPlainTextEdit, QTextEdit)) and new in self._editors():
            self._current = new

    def _update_buttons(self) -> None:
        has_text = bool(self.find_edit.text())
        for button in (
            self.next_button,
            self.prev_button,
            self.replace_button,
            self.replace_all_button,
        ):
            button.setEnabled(has_text)

    def _flags(self, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.case_box.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if self.word_box.isChecked():
            flags |= QTextDocument.FindFlag.FindWholeWords
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        return flags

    def _start_editor(self, editors: list[TextEditor]) -> TextEditor:
        focused = QApplication.focusWidget()
        for editor in editors:
            if editor is focused:
                return editor
        if self._current in editors:
            return self._current
        return editors[0]

    def _selection_matches(self, editor: TextEditor) -> bool:
        selected = editor.textCursor().selectedText()
        wanted = self.find_edit.text()
        if not selected or not wanted:
            return False
        if self.case_box.isChecked():
            return selected == wanted
        return selected.casefold() == wanted.casefold()

    # -- actions ---------------------------------------------------------------------------
    def find_next(self) -> bool:
        """Select the next match after the cursor, moving on to later editors; wraps."""
        return self._find(backward=False)

    def find_previous(self) -> bool:
        """Select the previous match before the cursor, moving to earlier editors; wraps."""
        return self._find(backward=True)

    def _find(self, backward: bool) -> bool:
        text = self.find_edit.text()
        editors = self._editors()
        if not text or not editors:
            self.status.setText("Nothing to search." if not editors else "")
            return False
        start = self._start_editor(editors)
        index = editors.index(start)
        flags = self._flags(backward)
        order = [
            editors[(index + step * (-1 if backward else 1)) % len(editors)]
            for step in range(len(editors))
        ]
        order.append(start)  # wrap around to the part of the first editor before the cursor
        for n, editor in enumerate(order):
            document = editor.document()
            if n == 0:
                cursor = editor.textCursor()
            else:
                cursor = QTextCursor(document)
                if backward:
                    cursor.movePosition(QTextCursor.MoveOperation.End)
            found = document.find(text, cursor, flags)
            if not found.isNull():
                editor.setTextCursor(found)
                editor.ensureCursorVisible()
                self._current = editor
                self.status.setText("Wrapped around." if n == len(order) - 1 else "")
                return True
        self.status.setText(f"“{text}” not found.")
        return False

    def replace(self) -> bool:
        """Replace the selected match (one undo step), then find the next one."""
        editors = self._editors()
        if not editors or not self.find_edit.text():
            return False
        editor = self._start_editor(editors)
        if self._selection_matches(editor):
            cursor = editor.textCursor()
            cursor.insertText(self._replacement(cursor.selectedText()))
            self._current = editor
        return self.find_next()

    def _replacement(self, found: str) -> str:
        typed = self.replace_edit.text()
        return typed if self.case_box.isChecked() else match_case(typed, found)

    def replace_all(self) -> int:
        """Replace every match in every editor (one undo step with the document's stack)."""
        text = self.find_edit.text()
        if not text:
            return 0
        if self._undo_stack is not None:
            self._undo_stack.beginMacro(f"Replace “{text}”")
        try:
            return self._replace_all(text)
        finally:
            if self._undo_stack is not None:
                self._undo_stack.endMacro()

    def _replace_all(self, text: str) -> int:
        flags = self._flags()
        total = 0
        changed = 0
        for editor in self._editors():
            document = editor.document()
            cursor = QTextCursor(document)
            count = 0
            edit: QTextCursor | None = None
            while True:
                found = document.find(text, cursor, flags)
                if found.isNull():
                    break
                if edit is None:
                    edit = QTextCursor(document)
                    edit.beginEditBlock()
                edit.setPosition(found.selectionStart())
                edit.setPosition(found.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
                edit.insertText(self._replacement(found.selectedText()))
                cursor = QTextCursor(edit)
                count += 1
            if edit is not None:
                edit.endEditBlock()
                changed += 1
            total += count
        if total:
            where = "section" if changed == 1 else "sections"
            self.status.setText(
                f"Replaced {total} occurrence{'s' * (total != 1)} in {changed} {where}."
            )
        else:
            self.status.setText(f"“{text}” not found.")
        return total

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.find_edit.hasFocus():
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.find_previous()
            else:
                self.find_next()
            return
        super().keyPressEvent(event)
