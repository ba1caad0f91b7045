"""Controls that were broken or surprising, each driven as a person does: a click on the
button, a key sequence on the focused widget, a menu action by its shortcut."""

from __future__ import annotations

from pathlib import Path

from editor_support import (
    close_quietly,
    make_editor,
    patch_boxes,
    sample_article,
    settle_imports,
    show_active,
)
from manager_helpers import make_manager
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QToolButton
from support.waiting import wait_until

from briefing.ui.export_dialog import ExportDialog

ARTICLE = """Harbour cranes slow down

Port operators reported slower unloading this week, with two of the five cranes idle for
repairs and ships waiting at anchor for a berth.

The harbour authority said it expects normal service by Friday once the parts arrive.
"""
LEFT = Qt.MouseButton.LeftButton


def first_editor(ed):  # type: ignore[no-untyped-def]
    return next(iter(ed.briefing_pane.editors.values())).editor


# -- the manager --------------------------------------------------------------------------


def test_the_managers_plus_button_adds_a_section(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_manager(qtbot)
    window.select("template", "standard")
    QTest.mouseClick(window.template_page.duplicate_button, LEFT)  # built-ins are read-only
    editor = window.template_editor
    before = editor.section_list.count()
    assert editor.add_button.isEnabled()
    QTest.mouseClick(editor.add_button, LEFT)  # clicked(bool) once reached add_section(name)
    assert editor.section_list.count() == before + 1
    assert editor.sections()[-1].title == "New section"


def test_the_manager_closes_with_escape_and_ctrl_w(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_manager(qtbot)
    show_active(qtbot, window)
    QTest.keyClick(window.template_list, Qt.Key.Key_Escape)
    assert wait_until(lambda: not window.isVisible())
    show_active(qtbot, window)
    QTest.keySequence(window.template_list, QKeySequence(QKeySequence.StandardKey.Close))
    assert wait_until(lambda: not window.isVisible())


# -- find and replace ---------------------------------------------------------------------


def test_replace_all_keeps_the_case_of_what_it_replaces(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    show_active(qtbot, ed.window)
    sid = ed.session.briefing.sections[0].id
    text = "Defense Spending rose. DEFENSE matters; defense budgets and defenseless towns."
    ed.session.set_section_text(sid, text)
    first_editor(ed).setFocus()
    QTest.keySequence(first_editor(ed), QKeySequence(QKeySequence.StandardKey.Find))
    dialog = ed._find
    assert dialog is not None and dialog.isVisible()
    QTest.keyClicks(dialog.find_edit, "defense")
    QTest.keyClicks(dialog.replace_edit, "defence")
    QTest.mouseClick(dialog.word_box, LEFT)  # whole words: "defenseless" stays
    QTest.mouseClick(dialog.replace_all_button, LEFT)
    assert ed.session.briefing.section(sid).markdown == (
        "Defence Spending rose. DEFENCE matters; defence budgets and defenseless towns.\n"
    )
    assert "Replaced 3 occurrences" in dialog.status.text()
    ed.actions.undo.trigger()  # one step for the whole replace
    assert ed.session.briefing.section(sid).markdown == text
    QTest.mouseClick(dialog.case_box, LEFT)  # match case: only "defense" itself
    QTest.mouseClick(dialog.replace_all_button, LEFT)
    assert ed.session.briefing.section(sid).markdown == (
        "Defense Spending rose. DEFENSE matters; defence budgets and defenseless towns.\n"
    )
    dialog.close()
    close_quietly(ed)


# -- keys that must work from every field -------------------------------------------------


def test_ctrl_e_exports_from_every_field(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    opened: list[str] = []
    monkeypatch.setattr(ExportDialog, "exec", lambda self: opened.append(self.path_edit.text()))
    ed = make_editor(qtbot)
    show_active(qtbot, ed.window)
    form = ed.briefing_pane.form
    fields: list[QLineEdit] = [form.title, form.edits["analyst"], ed.sources.filter]
    for field in fields:
        field.setFocus()
        QTest.keySequence(field, QKeySequence("Ctrl+E"))
    first_editor(ed).setFocus()
    QTest.keySequence(first_editor(ed), QKeySequence("Ctrl+E"))
    assert len(opened) == len(fields) + 1
    close_quietly(ed)


def test_ctrl_y_and_ctrl_shift_z_redo(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    show_active(qtbot, ed.window)
    box = first_editor(ed)
    sid = ed.session.briefing.sections[0].id
    box.setFocus()
    QTest.keyClicks(box, "Ships wait")
    for redo in ("Ctrl+Y", "Ctrl+Shift+Z"):
        QTest.keySequence(box, QKeySequence(QKeySequence.StandardKey.Undo))
        assert ed.session.briefing.section(sid).markdown == ""
        QTest.keySequence(box, QKeySequence(redo))
        assert ed.session.briefing.section(sid).markdown == "Ships wait\n"
    # In the title field too, Redo is the document's
    title = ed.briefing_pane.form.title
    title.setFocus()
    title.selectAll()
    QTest.keyClicks(title, "Cranes")
    QTest.keySequence(title, QKeySequence(QKeySequence.StandardKey.Undo))
    assert ed.session.briefing.title != "Cranes"
    QTest.keySequence(title, QKeySequence("Ctrl+Y"))
    assert ed.session.briefing.title == "Cranes" and title.text() == "Cranes"
    close_quietly(ed)


def test_ctrl_shift_v_in_a_section_pastes_plain_text(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    show_active(qtbot, ed.window)
    from PySide6.QtCore import QMimeData

    mime = QMimeData()
    mime.setHtml("<p><b>Bold</b> words <a href='https://example.org'>here</a></p>")
    mime.setText("Bold words here")
    QApplication.clipboard().setMimeData(mime)
    box = first_editor(ed)
    box.setFocus()
    QTest.keySequence(box, QKeySequence("Ctrl+Shift+V"))
    settle_imports(ed)
    sid = ed.session.briefing.sections[0].id
    assert ed.session.briefing.section(sid).markdown == "Bold words here\n"
    assert ed.session.briefing.sources == []  # not a new source
    close_quietly(ed)


# -- predictions --------------------------------------------------------------------------


def _type_in_cell(qtbot, table, row: int, column: int, text: str) -> None:  # type: ignore[no-untyped-def]
    item = table.item(row, column)
    rect = table.visualItemRect(item)
    QTest.mouseClick(table.viewport(), LEFT, pos=rect.center())
    assert table.currentRow() == row and table.currentColumn() == column
    QTest.keyClick(table, Qt.Key.Key_F2)  # edit the cell, as from the keyboard
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), "double-click opens the cell's editor"
    editor.selectAll()
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert wait_until(lambda: QApplication.focusWidget() is not editor)  # committed


def test_a_likelihood_of_150_percent_is_refused_with_a_message(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    show_active(qtbot, ed.window)
    table = ed.briefing_pane.predictions
    QTest.mouseClick(table.add, LEFT)
    assert len(ed.session.briefing.predictions) == 1
    ed.briefing_pane.ensureWidgetVisible(table.table)
    _type_in_cell(qtbot, table.table, 0, 1, "150")
    assert wait_until(table.problems.isVisible)
    prediction = ed.session.briefing.predictions[0]
    assert prediction.probability is None
    assert "150 % is not a likelihood" in table.problems.text()
    assert table.text_at(0, 1) == ""  # what the table shows is what is kept
    _type_in_cell(qtbot, table.table, 0, 1, "85")
    assert wait_until(lambda: ed.session.briefing.predictions[0].probability == 85)
    assert ed.session.briefing.predictions[0].term == "very likely"  # the ICD 203 term
    assert "not a likelihood" not in table.problems.text()
    close_quietly(ed)


# -- template switch ----------------------------------------------------------------------


def test_switching_template_says_it_changes_the_handling_label(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    boxes = patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    show_active(qtbot, ed.window)
    ed.session.set_section_text("faq", "**Why now?**\n\nBecause.")
    box = ed.window.template_box
    target = box.findData("sitrep")
    box.setFocus()
    boxes.answer = "Switch"
    QTest.keyClick(box, Qt.Key.Key_Down)  # keyboard choice, as from the list
    while box.currentIndex() != target:
        QTest.keyClick(box, Qt.Key.Key_Down if box.currentIndex() < target else Qt.Key.Key_Up)
    asked = boxes.texts()
    assert "TLP:CLEAR to TLP:AMBER" in asked and "FAQ" in asked
    assert "page budget" in asked
    assert ed.session.briefing.template.id == "sitrep"
    assert ed.session.briefing.meta.handling == "TLP:AMBER"
    close_quietly(ed)


# -- export, paste, import ----------------------------------------------------------------


def test_after_export_the_status_bar_says_where_and_opens_the_folder(
    qtbot, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    out = tmp_path / "note.pdf"
    monkeypatch.setattr(ExportDialog, "exec", lambda self: self.exported.emit(str(out)))
    opened: list[str] = []
    monkeypatch.setattr(
        "briefing.ui.export_notice.QDesktopServices.openUrl",
        lambda url: opened.append(url.toLocalFile()),
    )
    ed = make_editor(qtbot)
    show_active(qtbot, ed.window)
    QTest.keySequence(ed.briefing_pane.form.title, QKeySequence("Ctrl+E"))
    notice = ed.window.export_notice
    assert notice.isVisible() and str(out) in notice.label.text()
    QTest.mouseClick(notice.open_folder, LEFT)
    QTest.mouseClick(notice.open_file, LEFT)
    assert opened == [str(tmp_path), str(out)]
    QTest.mouseClick(notice.dismiss, LEFT)
    assert not notice.isVisible()
    close_quietly(ed)


def test_pasting_one_article_three_times_adds_it_once(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    boxes = patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    show_active(qtbot, ed.window)
    assert ed.session.briefing.title == "Untitled briefing"
    QApplication.clipboard().setText(ARTICLE)
    for _ in range(3):
        QTest.keySequence(ed.sources.tree, ed.actions.paste_source.shortcut())
        settle_imports(ed)
    assert len(ed.session.briefing.sources) == 1
    assert sum("already in this briefing" in shown for shown in boxes.shown) == 2
    # the untitled briefing took the article's title
    assert ed.session.briefing.title == "Harbour cranes slow down"
    assert ed.briefing_pane.form.title.text() == "Harbour cranes slow down"
    close_quietly(ed)


def test_a_large_paste_imports_while_the_window_keeps_running(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    show_active(qtbot, ed.window)
    paragraph = (
        "Port operators reported slower unloading this week, with two of the five cranes "
        "idle for repairs and ships waiting at anchor for a berth near the outer harbour. "
    )
    big = "Harbour cranes slow down\n\n" + "\n\n".join(
        f"{paragraph} Report {n}." for n in range(1024 * 1024 // len(paragraph))
    )
    assert len(big) > 1024 * 1024
    QApplication.clipboard().setText(big)
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    QTest.mouseClick(ed.sources.paste_button, LEFT)
    assert not ed.controller.imports.is_idle()  # the click returned before the import ended
    settle_imports(ed)
    timer.stop()
    assert len(ed.session.briefing.sources) == 1
    # The event loop ran all along: a synchronous import would have let no tick through.
    assert len(ticks) >= 5, f"only {len(ticks)} timer ticks while importing"
    close_quietly(ed)


def test_the_export_dialog_says_what_an_attached_source_carries(qtbot) -> None:  # type: ignore[no-untyped-def]
    from briefing.core.model.document import Briefing, Meta

    for handling, loud in (("TLP:CLEAR", False), ("TLP:RED", True)):
        briefing = Briefing(
            title="Note", meta=Meta(handling=handling), sources=[sample_article("s1")]
        )
        dialog = ExportDialog(None, briefing, "/tmp/note.pdf")
        qtbot.addWidget(dialog)
        dialog.show()
        assert not dialog.attach_check.isChecked() and not dialog.attach_warning.isVisible()
        QTest.mouseClick(
            dialog.attach_check, LEFT, pos=QPoint(8, dialog.attach_check.height() // 2)
        )
        assert dialog.attach_check.isChecked() and dialog.attach_warning.isVisible()
        text = dialog.attach_warning.text()
        assert "the imported article in full" in text
        assert ("TLP:RED" in text) is loud
        dialog.shutdown()


def test_every_toolbar_button_has_a_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    ed = make_editor(qtbot)
    for bar in (ed.window.toolbar, ed.window.format_bar):
        for button in bar.findChildren(QToolButton):
            if button.isVisible() and button.defaultAction() is not None:
                assert button.text() or button.accessibleName()
    close_quietly(ed)
