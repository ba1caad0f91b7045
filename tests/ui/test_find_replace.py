"""Find and replace across several section editors, each replacement undoable."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPlainTextEdit

from briefing.ui.find_replace import FindReplaceDialog


@pytest.fixture
def editors(qtbot) -> list[QPlainTextEdit]:  # type: ignore[no-untyped-def]
    texts = [
        "Tokyo said the call was cordial. tokyo later added detail.",
        "Nothing here.",
        "Analysts in Tokyo expect more calls.",
    ]
    result = []
    for text in texts:
        editor = QPlainTextEdit()
        editor.setPlainText(text)
        qtbot.addWidget(editor)
        result.append(editor)
    return result


@pytest.fixture
def dialog(qtbot, editors: list[QPlainTextEdit]) -> FindReplaceDialog:  # type: ignore[no-untyped-def]
    dlg = FindReplaceDialog(None, lambda: editors)
    qtbot.addWidget(dlg)
    assert not dlg.isModal()
    return dlg


def selection(editor: QPlainTextEdit) -> tuple[int, int]:
    cursor = editor.textCursor()
    return cursor.selectionStart(), cursor.selectionEnd()


def test_find_next_walks_through_editors_and_wraps(
    dialog: FindReplaceDialog, editors: list[QPlainTextEdit]
) -> None:
    dialog.find_edit.setText("Tokyo")
    assert dialog.find_next()
    assert dialog._current is editors[0] and selection(editors[0]) == (0, 5)
    assert dialog.find_next()  # case-insensitive by default: "tokyo"
    assert dialog._current is editors[0] and selection(editors[0]) == (33, 38)
    assert dialog.find_next()
    assert dialog._current is editors[2] and selection(editors[2]) == (12, 17)
    editors[0].moveCursor(editors[0].textCursor().MoveOperation.Start)
    assert dialog.find_next()  # wraps to the first editor
    assert dialog._current is editors[0] and selection(editors[0]) == (0, 5)


def test_find_previous_goes_backwards(
    dialog: FindReplaceDialog, editors: list[QPlainTextEdit]
) -> None:
    dialog.find_edit.setText("Tokyo")
    dialog.find_next()  # editors[0] 0..5
    assert dialog.find_previous()  # wraps backwards to the last editor
    assert dialog._current is editors[2] and selection(editors[2]) == (12, 17)


def test_match_case_and_whole_words(
    dialog: FindReplaceDialog, editors: list[QPlainTextEdit]
) -> None:
    dialog.case_box.setChecked(True)
    dialog.find_edit.setText("tokyo")
    assert dialog.find_next()
    assert selection(editors[0]) == (33, 38)
    dialog.case_box.setChecked(False)
    dialog.word_box.setChecked(True)
    dialog.find_edit.setText("call")
    assert dialog.replace_all() == 1  # "calls" is not the whole word "call"
    assert "calls" in editors[2].toPlainText()
    dialog.find_edit.setText("absent")
    assert not dialog.find_next()
    assert "not found" in dialog.status.text()


def test_replace_one_then_undo(dialog: FindReplaceDialog, editors: list[QPlainTextEdit]) -> None:
    dialog.find_edit.setText("Tokyo")
    dialog.replace_edit.setText("Beijing")
    dialog.find_next()
    assert dialog.replace()
    assert editors[0].toPlainText().startswith("Beijing said")
    assert selection(editors[0]) == (35, 40)  # moved on to the next match
    editors[0].undo()
    assert editors[0].toPlainText().startswith("Tokyo said")


def test_replace_all_across_editors_is_undoable_per_editor(
    dialog: FindReplaceDialog, editors: list[QPlainTextEdit]
) -> None:
    before = [e.toPlainText() for e in editors]
    dialog.find_edit.setText("tokyo")
    dialog.replace_edit.setText("Tokyo Metropolis")  # contains the search text: must not loop
    assert dialog.replace_all() == 3
    assert editors[0].toPlainText().count("Tokyo Metropolis") == 2
    assert editors[2].toPlainText() == "Analysts in Tokyo Metropolis expect more calls."
    assert dialog.status.text() == "Replaced 3 occurrences in 2 sections."
    for editor in editors:
        editor.undo()
    assert [e.toPlainText() for e in editors] == before


def test_search_continues_from_the_editor_last_focused(
    qtbot, dialog: FindReplaceDialog, editors: list[QPlainTextEdit]
) -> None:  # type: ignore[no-untyped-def]
    dialog.find_edit.setText("Tokyo")
    assert dialog.find_next() and dialog._current is editors[0]
    dialog._focus_changed(None, editors[2])  # the analyst clicked into the third section
    editors[2].moveCursor(editors[2].textCursor().MoveOperation.Start)
    assert dialog.find_next()
    assert dialog._current is editors[2] and selection(editors[2]) == (12, 17)
    dialog._focus_changed(None, QPlainTextEdit())  # an editor outside the briefing is ignored
    assert dialog._current is editors[2]
