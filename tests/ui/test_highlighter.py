"""Markdown highlighting: syntax colours and spelling underlines in a real editor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit

from briefing.core.spelling import SpellChecker
from briefing.ui.highlighter import DARK, LIGHT, MarkdownHighlighter


def format_at(editor: QPlainTextEdit, line: int, column: int) -> QTextCharFormat:
    QCoreApplication.processEvents()  # the first highlight pass is queued by Qt
    block = editor.document().findBlockByNumber(line)
    result = QTextCharFormat()
    for fr in block.layout().formats():
        if fr.start <= column < fr.start + fr.length:
            result.merge(fr.format)
    return result


@pytest.fixture
def editor(qtbot) -> QPlainTextEdit:  # type: ignore[no-untyped-def]
    widget = QPlainTextEdit()
    qtbot.addWidget(widget)
    return widget


def test_markdown_elements_get_their_colours(editor: QPlainTextEdit) -> None:
    editor.setPlainText(
        "## Background\n"
        "Some **bold** and *italic* text with [a link](https://example.org) [@s1].\n"
        "> a quote\n"
        "- a list item\n"
        "::: callout Key Takeaway\n"
        "Inline `code` here.\n"
        "```\n"
        "## not a heading\n"
        "```\n"
    )
    highlighter = MarkdownHighlighter(editor.document(), dark=False)
    assert highlighter.spell is None
    color = lambda line, col: format_at(editor, line, col).foreground().color()  # noqa: E731

    assert color(0, 5) == QColor(LIGHT.heading)
    assert format_at(editor, 0, 5).fontWeight() == QFont.Weight.Bold
    assert format_at(editor, 1, 7).fontWeight() == QFont.Weight.Bold  # **bold**
    assert format_at(editor, 1, 20).fontItalic()  # *italic*
    line1 = editor.document().findBlockByNumber(1).text()
    assert color(1, line1.index("a link")) == QColor(LIGHT.link)
    assert color(1, line1.index("[@s1]") + 2) == QColor(LIGHT.citation)
    assert format_at(editor, 2, 4).fontItalic()
    assert color(3, 0) == QColor(LIGHT.marker)
    assert color(4, 0) == QColor(LIGHT.container)
    assert color(5, 8) == QColor(LIGHT.code)
    # inside the fence the heading syntax is code, not a heading
    assert color(7, 3) == QColor(LIGHT.code)
    assert format_at(editor, 1, 0).fontWeight() != QFont.Weight.Bold  # plain prose stays plain


def test_dark_palette_uses_dark_colours(editor: QPlainTextEdit) -> None:
    editor.setPlainText("# Title")
    highlighter = MarkdownHighlighter(editor.document(), dark=True)
    assert format_at(editor, 0, 3).foreground().color() == QColor(DARK.heading)
    highlighter.update_palette(dark=False)
    assert format_at(editor, 0, 3).foreground().color() == QColor(LIGHT.heading)


def test_misspellings_get_a_red_wave(editor: QPlainTextEdit) -> None:
    editor.setPlainText("The ministry recieved it.\n```\nrecieved\n```")
    checker = SpellChecker()
    highlighter = MarkdownHighlighter(editor.document(), checker, dark=False)
    wrong = format_at(editor, 0, 15)
    assert wrong.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    assert wrong.underlineColor() == QColor(LIGHT.spelling)
    fine = format_at(editor, 0, 5)
    assert fine.underlineStyle() != QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    in_code = format_at(editor, 2, 2)
    assert in_code.underlineStyle() != QTextCharFormat.UnderlineStyle.SpellCheckUnderline

    checker.add_to_dictionary("recieved")  # the editor re-underlines at once
    assert format_at(editor, 0, 15).underlineStyle() != (
        QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    )
    highlighter.set_spell(None)
    assert highlighter.spell is None


def test_spelling_off_means_no_underlines(editor: QPlainTextEdit) -> None:
    editor.setPlainText("Qwzxyv words.")
    highlighter = MarkdownHighlighter(editor.document(), None, dark=False)
    assert highlighter.spell is None
    style = format_at(editor, 0, 2).underlineStyle()
    assert style != QTextCharFormat.UnderlineStyle.SpellCheckUnderline


def test_link_targets_and_bare_urls(editor: QPlainTextEdit) -> None:
    editor.setPlainText("See [the report](https://example.org/r). Also https://example.org/x).")
    highlighter = MarkdownHighlighter(editor.document(), dark=False)
    assert highlighter.spell is None
    line = editor.toPlainText()
    color = lambda col: format_at(editor, 0, col).foreground().color()  # noqa: E731
    assert color(line.index("the report")) == QColor(LIGHT.link)
    assert color(line.index("example.org/r")) == QColor(LIGHT.quote)  # the target is muted
    bare = line.index("https://example.org/x")
    assert color(bare + 3) == QColor(LIGHT.link)
    assert color(len(line) - 1) != QColor(LIGHT.link)  # trailing ")." is not part of the URL


def test_follows_a_system_switch_when_not_pinned(editor: QPlainTextEdit, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import briefing.ui.highlighter as module

    editor.setPlainText("# Title")
    monkeypatch.setattr(module, "is_dark", lambda: False)
    following = MarkdownHighlighter(editor.document())
    assert format_at(editor, 0, 3).foreground().color() == QColor(LIGHT.heading)
    monkeypatch.setattr(module, "is_dark", lambda: True)
    following._scheme_changed()  # what Qt's colorSchemeChanged triggers
    assert format_at(editor, 0, 3).foreground().color() == QColor(DARK.heading)
