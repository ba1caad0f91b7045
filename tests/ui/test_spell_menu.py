"""The spelling context menu: suggestions replace the word (undoably), add and ignore."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit

from briefing.core.spelling import SpellChecker
from briefing.ui.highlighter import MarkdownHighlighter
from briefing.ui.spelling import build_context_menu, install_spell_menu


@pytest.fixture
def editor(qtbot) -> QPlainTextEdit:  # type: ignore[no-untyped-def]
    widget = QPlainTextEdit()
    widget.resize(500, 200)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def point_at(editor: QPlainTextEdit, position: int) -> QPoint:
    cursor = QTextCursor(editor.document())
    cursor.setPosition(position)
    return editor.cursorRect(cursor).center()


def texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_menu_offers_suggestions_and_replaces_undoably(editor: QPlainTextEdit) -> None:
    editor.setPlainText("They recieved the note.")
    checker = SpellChecker()
    menu = build_context_menu(editor, checker, point_at(editor, 8))
    labels = texts(menu)
    assert "received" in labels[:3]
    assert "Add “recieved” to Dictionary" in labels
    assert "Ignore “recieved”" in labels
    assert any("Copy" in label for label in labels)  # the standard actions stay
    received = next(a for a in menu.actions() if a.text() == "received")
    received.trigger()
    assert editor.toPlainText() == "They received the note."
    editor.undo()
    assert editor.toPlainText() == "They recieved the note."


def test_add_to_dictionary_clears_the_underline_and_persists(editor: QPlainTextEdit) -> None:
    editor.setPlainText("Takaichi spoke.")
    checker = SpellChecker()
    highlighter = MarkdownHighlighter(editor.document(), checker)
    menu = build_context_menu(editor, checker, point_at(editor, 3))
    add = next(a for a in menu.actions() if a.objectName() == "spell-add")
    add.trigger()
    assert checker.misspelled("Takaichi spoke.") == []
    assert SpellChecker().personal_words() == ["Takaichi"]
    assert highlighter.spell is checker


def test_ignore_and_correct_words_and_spell_off_give_the_plain_menu(
    editor: QPlainTextEdit,
) -> None:
    editor.setPlainText("Zqwertyx is fine.")
    checker = SpellChecker()
    menu = build_context_menu(editor, checker, point_at(editor, 2))
    next(a for a in menu.actions() if a.objectName() == "spell-ignore").trigger()
    assert checker.misspelled("Zqwertyx") == []
    plain = build_context_menu(editor, checker, point_at(editor, 2))
    assert not any(a.objectName() == "spell-ignore" for a in plain.actions())
    off = build_context_menu(editor, lambda: None, point_at(editor, 2))
    assert not any(a.objectName().startswith("spell-") for a in off.actions())


def test_install_uses_a_custom_context_menu(editor: QPlainTextEdit) -> None:
    handler = install_spell_menu(editor, SpellChecker())
    assert handler.editor is editor
    assert editor.contextMenuPolicy() == editor.contextMenuPolicy().CustomContextMenu
