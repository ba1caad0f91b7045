"""Editing in the main window: typing, metadata, sections, predictions, document-wide undo."""

from __future__ import annotations

from editor_support import close_quietly, make_editor, patch_boxes
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from briefing.core.model.estimative import term_for
from briefing.ui.section_editor import AMBER, RED, count_words


def test_typing_in_a_section_changes_the_briefing_and_undo_covers_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    ed = make_editor(qtbot)
    first = ed.session.briefing.sections[0]
    box = ed.briefing_pane.editors[first.id].editor
    box.setFocus()
    qtbot.keyClicks(box, "Ships wait")
    assert ed.session.briefing.section(first.id).markdown == "Ships wait\n"
    assert ed.session.dirty and ed.window.isWindowModified()
    ed.actions.undo.trigger()  # typing merged into one step
    assert ed.session.briefing.section(first.id).markdown == ""
    assert box.toPlainText() == ""
    ed.actions.redo.trigger()
    assert box.toPlainText() == "Ships wait"
    close_quietly(ed)


def test_ctrl_z_in_the_editor_undoes_the_document_not_the_widget(qtbot) -> None:  # type: ignore[no-untyped-def]
    ed = make_editor(qtbot)
    ed.window.show()
    qtbot.waitExposed(ed.window)
    ed.session.set_field("title", "Grid outage")
    sid = ed.session.briefing.sections[0].id
    box = ed.briefing_pane.editors[sid].editor
    box.setFocus()
    qtbot.keyClicks(box, "abc")
    seq = QKeySequence(QKeySequence.StandardKey.Undo)[0]
    qtbot.keyClick(box, seq.key(), seq.keyboardModifiers())
    assert ed.session.briefing.section(sid).markdown == ""
    qtbot.keyClick(box, seq.key(), seq.keyboardModifiers())
    assert ed.session.briefing.title == "Untitled briefing"  # the metadata edit, undone too
    close_quietly(ed)


def test_metadata_form_edits_title_handling_and_status(qtbot) -> None:  # type: ignore[no-untyped-def]
    ed = make_editor(qtbot)
    form = ed.briefing_pane.form
    qtbot.keyClick(form.title, Qt.Key.Key_End)  # a filled-in field shows (and starts) at its start
    qtbot.keyClicks(form.title, "Baltic cables")
    qtbot.keyClicks(form.edits["analyst"], "R. Olsen")
    form.handling.setCurrentText("TLP:AMBER+STRICT")
    form.status.setCurrentText("final")
    b = ed.session.briefing
    assert b.title == "Untitled briefingBaltic cables"
    assert b.meta.analyst == "R. Olsen"
    assert b.meta.handling == "TLP:AMBER+STRICT"
    assert b.meta.status == "final"
    form.handling.setEditText("COMPANY CONFIDENTIAL")
    assert ed.session.briefing.meta.handling == "COMPANY CONFIDENTIAL"
    ed.session.undo_stack.undo()
    assert form.handling.currentText() != "COMPANY CONFIDENTIAL"
    close_quietly(ed)


def test_sections_can_be_added_renamed_moved_and_removed_with_undo(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ed = make_editor(qtbot)
    s = ed.session
    before = [x.id for x in s.briefing.sections]
    sid = s.add_section("Outlook", 1)
    assert [x.id for x in s.briefing.sections][1] == sid
    assert sid in ed.briefing_pane.editors
    ed.briefing_pane.editors[sid].title.setText("Outlook for Q3")
    ed.briefing_pane.editors[sid].title.editingFinished.emit()
    assert s.briefing.section(sid).title == "Outlook for Q3"
    ed.briefing_pane.editors[sid].down.click()
    assert [x.id for x in s.briefing.sections].index(sid) == 2
    ed.briefing_pane.editors[sid].remove.click()
    assert s.briefing.section(sid) is None and sid not in ed.briefing_pane.editors
    for _ in range(4):
        s.undo_stack.undo()
    assert [x.id for x in s.briefing.sections] == before
    close_quietly(ed)


def test_add_section_through_the_dialog(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog

    ed = make_editor(qtbot)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Annex", True)))
    ed.actions.add_section.trigger()
    assert "Annex" in [x.title for x in ed.session.briefing.sections]
    close_quietly(ed)


def test_word_count_turns_amber_then_red_over_budget(qtbot) -> None:  # type: ignore[no-untyped-def]
    ed = make_editor(qtbot)
    section = next(x for x in ed.session.briefing.sections if x.word_budget)
    widget = ed.briefing_pane.editors[section.id]
    budget = section.word_budget
    ed.session.set_section_text(section.id, "word " * budget)
    assert widget.over_budget() == "" and f"{budget} / {budget}" in widget.count.text()
    ed.session.set_section_text(section.id, "word " * (budget + 1))
    assert widget.over_budget() == "amber" and AMBER in widget.count.styleSheet()
    ed.session.set_section_text(section.id, "word " * (budget * 2))
    assert widget.over_budget() == "red" and RED in widget.count.styleSheet()
    assert count_words("See [@s1] the *ships*") == 3
    close_quietly(ed)


def test_guidance_is_the_placeholder(qtbot) -> None:  # type: ignore[no-untyped-def]
    ed = make_editor(qtbot)
    for section in ed.session.briefing.sections:
        if section.guidance:
            assert ed.briefing_pane.editors[section.id].editor.placeholderText() == section.guidance
    close_quietly(ed)


def test_predictions_table_fills_the_term_and_flags_a_mismatch(qtbot) -> None:  # type: ignore[no-untyped-def]
    ed = make_editor(qtbot)
    table = ed.briefing_pane.predictions
    table.add_requested.emit()
    assert table.table.rowCount() == 1
    table.table.item(0, 0).setText("Repairs finish by March")
    table.table.item(0, 1).setText("70")
    p = ed.session.briefing.predictions[0]
    assert p.statement == "Repairs finish by March"
    assert p.probability == 70 and p.term == term_for(70) == "likely"
    assert table.text_at(0, 2) == "likely" and not table.problems.isVisibleTo(table)
    table.table.item(0, 2).setText("almost certain")
    assert ed.session.briefing.predictions[0].term == "almost certain"
    assert "ICD 203" in table.problems.text()
    assert table.table.item(0, 2).toolTip().startswith("“almost certain” means")
    ed.session.undo_stack.undo()  # the term edit
    ed.session.undo_stack.undo()  # the likelihood and the term it filled in: one step
    p = ed.session.briefing.predictions[0]
    assert p.probability is None and p.term == ""
    ed.session.undo_stack.redo()
    ed.session.undo_stack.redo()
    table.table.item(0, 1).setText("lots")  # not a number: refused, model unchanged
    assert ed.session.briefing.predictions[0].probability == 70
    table.table.item(0, 5).setText("crane parts arrive; crews return")
    assert ed.session.briefing.predictions[0].indicators == ["crane parts arrive", "crews return"]
    close_quietly(ed)


def test_every_control_has_an_accessible_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit

    ed = make_editor(qtbot)
    unnamed: list[str] = []
    unreachable: list[str] = []
    for kind in (QLineEdit, QPlainTextEdit, QComboBox, QAbstractButton):
        for widget in ed.window.findChildren(kind):
            if (
                not widget.isVisibleTo(ed.window)
                or type(widget).__name__ == "QLineEdit"
                and (isinstance(widget.parent(), QComboBox))
            ):
                continue
            if not widget.accessibleName() and not (
                isinstance(widget, QAbstractButton) and widget.text().strip()
            ):
                unnamed.append(f"{type(widget).__name__} {widget.objectName()}")
            if widget.isEnabled() and not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                unreachable.append(f"{type(widget).__name__} {widget.accessibleName()}")
    assert unnamed == []
    assert unreachable == []
    close_quietly(ed)


def test_close_with_unsaved_changes_asks_and_cancel_keeps_the_window(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    boxes = patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    ed.window.show()
    ed.session.set_field("title", "Unsaved work")
    boxes.answer = QMessageBox.StandardButton.Cancel
    assert ed.window.close() is False
    assert "Unsaved work" in boxes.texts()
    boxes.answer = QMessageBox.StandardButton.Discard
    assert ed.window.close() is True


def test_commands_have_standard_shortcuts_and_sit_in_menus(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QKeySequence

    ed = make_editor(qtbot)
    a = ed.actions
    std = QKeySequence.StandardKey
    for action, key in (
        (a.new, std.New),
        (a.open, std.Open),
        (a.save, std.Save),
        (a.close, std.Close),
        (a.undo, std.Undo),
        (a.find, std.Find),
    ):
        assert action.shortcuts() == QKeySequence.keyBindings(key), action.text()
    for action in (a.save_as, a.quit, a.replace, a.preferences):
        assert action.shortcuts(), action.text()
    redo = QKeySequence.keyBindings(std.Redo)
    assert all(key in a.redo.shortcuts() for key in redo)  # plus Ctrl+Y off macOS
    assert a.paste_source.shortcut().toString() == "Ctrl+Alt+V"  # Ctrl+Shift+V pastes plain
    in_menus = {act for menu in ed.window.menuBar().actions() for act in menu.menu().actions()}
    missing = [x.text() for x in a.all() if x not in in_menus]
    assert missing == []
    close_quietly(ed)


def test_the_editor_context_menu_undoes_the_document(qtbot) -> None:  # type: ignore[no-untyped-def]
    ed = make_editor(qtbot)
    sid = ed.session.briefing.sections[0].id
    box = ed.briefing_pane.editors[sid].editor
    ed.session.set_field("title", "Menu undo")
    menu = box.createStandardContextMenu()
    undo = next(a for a in menu.actions() if a.objectName() == "edit-undo")
    redo = next(a for a in menu.actions() if a.objectName() == "edit-redo")
    assert undo.isEnabled() and not redo.isEnabled()
    undo.trigger()
    assert ed.session.briefing.title == "Untitled briefing"
    close_quietly(ed)


def test_the_reference_is_typed_in_the_form_and_the_templates_classifications_are_offered(  # type: ignore[no-untyped-def]
    qtbot,
) -> None:
    from briefing.core.model.template import Classification
    from briefing.core.rendering.document_html import render_html

    ed = make_editor(qtbot)
    form = ed.briefing_pane.form
    qtbot.keyClicks(form.edits["reference"], "NB-2026-114")
    assert ed.session.briefing.meta.reference == "NB-2026-114"
    assert "NB-2026-114" in render_html(ed.session.briefing)  # on the cover's strip
    template = ed.session.briefing.template
    assert template is not None
    template.classifications = [Classification("OFFICIAL-SENSITIVE", "#FFFFFF", "#7A1F1F")]
    form.refresh(ed.session.briefing)
    labels = [form.handling.itemText(i) for i in range(form.handling.count())]
    assert labels[-1] == "OFFICIAL-SENSITIVE" and "TLP:RED" in labels
    form.handling.setCurrentIndex(len(labels) - 1)
    assert ed.session.briefing.meta.handling == "OFFICIAL-SENSITIVE"
    html = render_html(ed.session.briefing)
    assert 'class="banner" style="color: #FFFFFF; background: #7A1F1F">OFFICIAL-SENSITIVE' in html
    close_quietly(ed)


def test_a_long_title_shows_its_beginning_in_a_narrow_window(qtbot) -> None:  # type: ignore[no-untyped-def]
    ed = make_editor(qtbot)
    ed.window.resize(1200, 800)
    ed.session.briefing.title = (
        "Arctic Cables: Norway Weighs Seabed Patrols and a Longer Title " * 2
    )
    form = ed.briefing_pane.form
    form.refresh(ed.session.briefing)
    assert form.edits["title"].cursorPosition() == 0
    close_quietly(ed)
