"""Keyboard users: Tab walks the Briefing pane from top to bottom without getting stuck, and
the prediction table sits under the section the PDF puts it in."""

from __future__ import annotations

from editor_support import close_quietly, make_editor, patch_boxes
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def test_prediction_table_sits_under_its_section(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    pane = ed.briefing_pane
    ids = list(pane.editors)
    assert "predictions" in ids
    after = pane.sections_box.indexOf(pane.editors["predictions"]) + 1
    assert pane.sections_box.indexOf(pane.predictions) == after
    # a template without a predictions section: the table goes back to the end of the page
    ed.session.remove_section("predictions")
    assert "predictions" not in pane.editors
    assert pane.sections_box.indexOf(pane.predictions) == -1
    assert pane._page_layout.indexOf(pane.predictions) > pane._page_layout.indexOf(
        pane.sections_box
    )
    close_quietly(ed)


def test_tab_walks_the_briefing_pane_top_to_bottom(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    ed.session.add_prediction("Repairs finish by spring")
    ed.window.show()
    qtbot.waitExposed(ed.window)
    ed.window.activateWindow()
    pane = ed.briefing_pane
    pane.form.status.setFocus()
    qtbot.waitUntil(lambda: pane.form.status.hasFocus())
    reached = []
    for _ in range(60):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
        if reached[-1] is pane.add_button:
            break
    editors = [e.editor for e in pane.editors.values()]
    assert [w for w in reached if w in editors] == editors  # every section, in order
    table = pane.predictions.table
    assert table in reached
    assert reached[reached.index(table) + 1] is pane.predictions.add  # Tab leaves the table
    assert reached[-1] is pane.add_button
    names = [w.accessibleName() for w in reached if w.focusPolicy() != Qt.FocusPolicy.NoFocus]
    assert all(names), [type(w).__name__ for w in reached if not w.accessibleName()]
    close_quietly(ed)
