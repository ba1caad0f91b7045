"""Condensing a section to a chosen length from its header, as one undo step; drafting on
import as the command line drafts; what condensing left out, marked in Sources."""

from __future__ import annotations

from pathlib import Path

from editor_support import close_quietly, make_editor, patch_boxes
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu, QToolButton
from support.stories import five_sources
from test_editor_import import _drop

from briefing import cli
from briefing.core import editing
from briefing.core.model.markup import count_words
from briefing.core.paths import demo_article_path
from briefing.core.storage.document_io import load_briefing
from briefing.ui.condense_dialog import CondenseDialog
from briefing.ui.sources_pane import BLOCK_ROLE


def _length_button(ed, section_id: str) -> QToolButton:  # type: ignore[no-untyped-def]
    editor = ed.briefing_pane.editors[section_id]
    title = ed.session.briefing.section(section_id).title
    found = [
        b
        for b in editor.findChildren(QToolButton)
        if b.accessibleName() == f"Condense or expand {title}"
    ]
    assert len(found) == 1
    return found[0]


def _answer_with(monkeypatch, words: int, seen: list[CondenseDialog]) -> None:  # type: ignore[no-untyped-def]
    """The dialog opens for real; a person types the length and clicks its OK button."""

    def run(dialog: CondenseDialog) -> int:
        seen.append(dialog)
        dialog.show()
        spin = dialog.words
        spin.setFocus()
        spin.selectAll()
        QTest.keyClicks(spin, str(words))
        QTest.keyClick(spin, Qt.Key.Key_Tab)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        QTest.mouseClick(ok, Qt.MouseButton.LeftButton)
        return int(dialog.result())

    monkeypatch.setattr(CondenseDialog, "exec", run)


def _five_source_editor(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    ed = make_editor(qtbot)
    ed.session.import_sources(five_sources())
    return ed


def test_condense_from_the_section_header_is_one_undo_step(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ed = _five_source_editor(qtbot, tmp_path)
    drafted = ed.session.briefing.section("background").markdown
    assert count_words(drafted) > 150
    steps = ed.session.undo_stack.count()
    seen: list[CondenseDialog] = []
    _answer_with(monkeypatch, 150, seen)
    QTest.mouseClick(_length_button(ed, "background"), Qt.MouseButton.LeftButton)
    assert seen and seen[0].windowTitle() == "Condense or expand Background"
    assert seen[0].buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "Condense"
    condensed = ed.session.briefing.section("background").markdown
    assert 0 < count_words(condensed) <= 150
    assert ed.session.undo_stack.count() == steps + 1
    assert ed.briefing_pane.editors["background"].editor.markdown() == condensed
    assert "Background is now" in ed.window.statusBar().currentMessage()
    # Ctrl+Z as a person presses it in the section: back to the drafted text in one step
    ed.window.show()
    qtbot.waitExposed(ed.window)
    box = ed.briefing_pane.editors["background"].editor
    box.setFocus()
    undo = QKeySequence(QKeySequence.StandardKey.Undo)[0]
    qtbot.keyClick(box, undo.key(), undo.keyboardModifiers())
    assert ed.session.briefing.section("background").markdown == drafted
    # condensed again, then expanded from the same control as far as the sources go: the draft
    QTest.mouseClick(_length_button(ed, "background"), Qt.MouseButton.LeftButton)
    most = editing.section_capacity(ed.session.briefing, "background").most
    _answer_with(monkeypatch, most, seen)
    QTest.mouseClick(_length_button(ed, "background"), Qt.MouseButton.LeftButton)
    assert seen[-1].buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "Expand"
    assert ed.session.briefing.section("background").markdown == drafted
    close_quietly(ed)


def test_the_header_menu_fits_the_budget(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ed = _five_source_editor(qtbot, tmp_path)
    section = ed.session.briefing.section("background")
    section.word_budget = 100  # as if the template asked for less
    button = _length_button(ed, "background")

    def pick_second_item() -> None:
        menu = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()
        )
        QTest.keyClick(menu, Qt.Key.Key_Down)
        QTest.keyClick(menu, Qt.Key.Key_Down)
        QTest.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(200, pick_second_item)
    arrow = QPoint(button.width() - 3, button.height() // 2)  # the menu half of the button
    QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=arrow)
    qtbot.waitUntil(lambda: count_words(ed.session.briefing.section("background").markdown) <= 100)
    close_quietly(ed)


def test_importing_into_a_blank_briefing_drafts_it_as_the_cli_does(
    qtbot, tmp_path, monkeypatch, sample_path
) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    out = tmp_path / "cli.briefing"
    assert cli.main(["draft", str(sample_path), str(demo_article_path()), "-o", str(out)]) == 0
    by_cli = load_briefing(out)
    ed = make_editor(qtbot)  # a blank standard briefing
    _drop(ed.window, [sample_path, demo_article_path()])
    b = ed.session.briefing
    qtbot.waitUntil(lambda: len(b.sources) == 2 or len(ed.session.briefing.sources) == 2)
    b = ed.session.briefing
    assert [s.markdown for s in b.sections] == [s.markdown for s in by_cli.sections]
    assert b.predictions == by_cli.predictions and b.title == by_cli.title
    shown = ed.briefing_pane.editors["background"].editor.markdown()
    assert shown == by_cli.section("background").markdown  # type: ignore[union-attr]
    close_quietly(ed)


def test_sources_mark_blocks_condensing_left_out(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ed = _five_source_editor(qtbot, tmp_path)
    ed.briefing_pane.resize_section("background", 60)
    model = ed.sources.model
    marks = []
    for r in range(model.rowCount()):
        source = model.item(r)
        for c in range(source.rowCount()):
            child = source.child(c)
            if child.data(BLOCK_ROLE) is not None:
                marks.append((child.text()[:2], child.toolTip()))
    assert any(text == "◐ " and "partly used" in tip for text, tip in marks)
    assert any(text == "✓ " for text, _ in marks)
    assert any("(not used)" in tip for _, tip in marks)
    assert any("in part" in model.item(r).text() for r in range(model.rowCount()))
    close_quietly(ed)
