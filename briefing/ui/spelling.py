"""The spelling context menu on a section editor (formatted or Markdown source): suggestions,
add to dictionary, ignore."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QAction, QFont, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit

from briefing.core.spelling import SpellChecker
from briefing.ui.spell_highlight import prose_of

SpellSource = SpellChecker | None | Callable[[], SpellChecker | None]
TextEditor = QPlainTextEdit | QTextEdit


def _resolve(spell: SpellSource) -> SpellChecker | None:
    if spell is None or isinstance(spell, SpellChecker):
        return spell
    return spell()


def misspelling_at(
    editor: TextEditor, spell: SpellChecker, pos: QPoint
) -> tuple[int, int, str] | None:
    """The misspelled word under the viewport point ``pos`` as document (start, end, word)."""
    cursor = editor.cursorForPosition(pos)
    block = cursor.block()
    column = cursor.positionInBlock()
    for start, end, word in spell.misspelled(prose_of(block.text())):
        if start <= column <= end:
            return block.position() + start, block.position() + end, word
    return None


def replace_range(editor: TextEditor, start: int, end: int, text: str) -> None:
    """Replace document characters ``start..end`` with ``text`` as one undoable edit."""
    cursor = QTextCursor(editor.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(text)


def build_context_menu(editor: TextEditor, spell: SpellSource, pos: QPoint) -> QMenu:
    """The editor's context menu, with spelling actions first when ``pos`` is on a misspelling."""
    menu = editor.createStandardContextMenu(editor.viewport().mapToGlobal(pos))
    checker = _resolve(spell)
    hit = misspelling_at(editor, checker, pos) if checker is not None else None
    if checker is None or hit is None:
        return menu
    start, end, word = hit
    first = menu.actions()[0] if menu.actions() else None
    spelling_actions: list[QAction] = []
    suggestions = checker.suggestions(word)
    for suggestion in suggestions:
        action = QAction(suggestion, menu)
        action.triggered.connect(lambda _=False, s=suggestion: replace_range(editor, start, end, s))
        spelling_actions.append(action)
    if suggestions:
        font = QFont(spelling_actions[0].font())
        font.setBold(True)
        spelling_actions[0].setFont(font)
    else:
        none = QAction("No suggestions", menu)
        none.setEnabled(False)
        spelling_actions.append(none)
    add = QAction(f"Add “{word}” to Dictionary", menu)
    add.setObjectName("spell-add")
    add.triggered.connect(lambda: checker.add_to_dictionary(word))
    ignore = QAction(f"Ignore “{word}”", menu)
    ignore.setObjectName("spell-ignore")
    ignore.triggered.connect(lambda: checker.ignore(word))
    separator = QAction(menu)
    separator.setSeparator(True)
    middle = QAction(menu)
    middle.setSeparator(True)
    menu.insertActions(first, [*spelling_actions, middle, add, ignore, separator])  # type: ignore[arg-type]
    return menu


class SpellMenu(QObject):
    """Shows the spelling context menu on right-click in ``editor``."""

    def __init__(self, editor: TextEditor, spell: SpellSource) -> None:
        super().__init__(editor)
        self.editor = editor
        self.spell = spell
        editor.setContextMenuPolicy(editor.contextMenuPolicy().CustomContextMenu)
        editor.customContextMenuRequested.connect(self._show)

    def _show(self, pos: QPoint) -> None:
        menu = build_context_menu(self.editor, self.spell, pos)
        menu.exec(self.editor.viewport().mapToGlobal(pos))
        menu.deleteLater()


def install_spell_menu(editor: TextEditor, spell: SpellSource) -> SpellMenu:
    """Give ``editor`` a context menu with spelling suggestions (``spell`` may be a getter)."""
    return SpellMenu(editor, spell)
