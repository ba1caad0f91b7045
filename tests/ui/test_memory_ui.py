"""The Library window, the What-changed view and the Ledger window, driven as a person does:
typing in the search box, clicking, dropping a found passage on a section."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from briefing.core.memory.index import MemoryIndex
from briefing.core.memory.record import record_saved
from briefing.core.model.document import Prediction
from briefing.core.storage.document_io import load_briefing, save_briefing
from briefing.ui.memory.resolution_dialog import ResolutionDialog
from tests.core.memory.memory_data import article, briefing
from tests.ui.editor_support import make_editor

NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def _library(tmp_path: Path) -> Path:
    hostile = article(
        "<b>Bold</b> & <script>alert(1)</script> ferry report",
        "Ferries to <i>Gotland</i> run again after the storm.\n\nCrews cleared the harbour.",
        site="<a href='x'>Baltic</a>",
    )
    first = briefing("Arctic weekly", predictions=[
        Prediction("Sensors funded", 60, "likely", resolve_by="2026-01-31", id="p-aaa111"),
        Prediction("Vessel named", 30, "unlikely", resolve_by="2099-12-31", id="p-bbb222"),
    ])  # fmt: skip
    second = briefing("Baltic brief", sources=[hostile], body="Ferries run again. [@s1]")
    index = MemoryIndex()
    for b, name in ((first, "arctic.briefing"), (second, "baltic.briefing")):
        save_briefing(b, tmp_path / name)
        record_saved(b, tmp_path / name, index)
    index.close()
    return tmp_path / "arctic.briefing"


def _focus(qtbot, ed) -> None:  # type: ignore[no-untyped-def]
    ed.window.show()
    qtbot.waitExposed(ed.window)
    ed.window.activateWindow()
    ed.briefing_pane.form.title.setFocus()
    qtbot.waitUntil(lambda: ed.briefing_pane.form.title.hasFocus())


def _drop(box, mime) -> None:  # type: ignore[no-untyped-def]
    end = box.cursorRect(box.textCursor()).center() + QPoint(200, 40)
    drag = (QPointF(end), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, NO_MODIFIER)
    QApplication.sendEvent(box.viewport(), QDragEnterEvent(end, *drag[1:]))
    QApplication.sendEvent(box.viewport(), QDragMoveEvent(end, *drag[1:]))
    QApplication.sendEvent(box.viewport(), QDropEvent(*drag))


def test_library_searches_as_you_type_and_a_passage_drops_into_a_section(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _library(tmp_path)
    ed = make_editor(qtbot)
    _focus(qtbot, ed)
    QTest.keySequence(QApplication.focusWidget(), "Ctrl+Shift+F")
    lib = ed.memory.library
    assert lib is not None and lib.isVisible()
    QTest.keyClicks(lib.query, "repai")  # still typing: a prefix
    qtbot.waitUntil(
        lambda: lib.model.rowCount() > 0 and lib.status.text().endswith("result"), timeout=10000
    )
    hit = lib.current_hit
    assert hit is not None and hit.kind == "source" and hit.title == "Seabed cables under watch"
    qtbot.waitUntil(lambda: lib.passages.count() == 2, timeout=10000)
    assert lib.used_model.stringList()[0].startswith("Arctic weekly — 2026-03-04 · as [s1]")
    matched = lib.passages.item(1)
    assert matched.font().bold() and matched.text().startswith("Repairs will take weeks")
    # Drag the matched passage onto the Background section: the source joins the briefing.
    lib.passages.setCurrentItem(matched)
    mime = lib.passages.mimeData([matched])
    section = ed.session.briefing.sections[0]
    _drop(ed.briefing_pane.editors[section.id].editor, mime)
    sources = ed.session.briefing.sources
    assert [a.title for a in sources] == ["Seabed cables under watch"]
    md = ed.session.briefing.section(section.id).markdown
    assert f"Repairs will take weeks, operators said. [@{sources[0].id}]" in md
    assert "Investigators" not in md
    ed.session.undo_stack.undo()  # one step takes the passage and the source back
    assert ed.session.briefing.sources == []


def test_filters_and_hostile_text_shown_plain(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _library(tmp_path)
    ed = make_editor(qtbot)
    ed.actions.library.trigger()
    lib = ed.memory.library
    qtbot.waitUntil(lambda: lib.model.rowCount() == 4, timeout=10000)  # everything, newest first
    QTest.keyClicks(lib.site, "balt")
    qtbot.waitUntil(lambda: lib.model.rowCount() == 1, timeout=10000)
    QTest.keyClicks(lib.query, "ferr")
    qtbot.waitUntil(
        lambda: lib.current_hit is not None and "ferry" in lib.current_hit.title, timeout=10000
    )
    assert lib.title.text() == "<b>Bold</b> & <script>alert(1)</script> ferry report"
    for label in lib.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText
    qtbot.waitUntil(lambda: lib.passages.count() == 2, timeout=10000)
    assert lib.passages.item(0).text() == "Ferries to <i>Gotland</i> run again after the storm."
    QTest.mouseClick(lib.add_button, Qt.MouseButton.LeftButton)
    assert [a.site for a in ed.session.briefing.sources] == ["<a href='x'>Baltic</a>"]
    QTest.keyClicks(lib.since, "2026-13")  # not a date yet: shown in red, ignored
    qtbot.waitUntil(lambda: "C62828" in lib.since.styleSheet(), timeout=5000)


def test_saving_indexes_the_briefing_off_the_ui_thread(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ed = make_editor(qtbot)
    ed.session.set_field("title", "Harbour watch")
    target = tmp_path / "harbour.briefing"
    monkeypatch.setattr(ed.view, "save_path_dialog", lambda _s: str(target))
    _focus(qtbot, ed)
    QTest.keySequence(QApplication.focusWidget(), "Ctrl+Shift+S")
    assert target.exists()
    assert ed.memory.service.pool.waitForDone(30000)
    lib = ed.memory.show_library()
    QTest.keyClicks(lib.query, "harbour")
    qtbot.waitUntil(lambda: lib.model.rowCount() == 1, timeout=10000)
    assert lib.current_hit.path == str(target)


def test_new_edition_and_what_changed(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first = _library(tmp_path)
    ed = make_editor(qtbot)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(first), ""))
    ed.actions.new_edition.trigger()  # File ▸ New Edition Of…
    b = ed.session.briefing
    assert b.edition is not None and b.edition.number == 2 and ed.session.dirty
    assert [p.id for p in b.predictions] == ["p-aaa111", "p-bbb222"]
    ed.session.set_prediction_field(0, "probability", 80)
    section = b.sections[0]
    ed.session.set_section_text(section.id, "Three cables were cut near Svalbard. [@s1]")
    ed.actions.what_changed.trigger()  # Library ▸ What Changed…
    view = ed.memory.changes
    assert view.isVisible()
    text = view.text.toPlainText()
    assert "Revised: Sensors funded   60% → 80%" in text
    assert "Background  (+1 / −1 words)" in text and "TwoThree" in text.replace(" ", "")
    assert not view.show_in_pdf.isChecked() or b.edition.show_changes
    QTest.mouseClick(view.show_in_pdf, Qt.MouseButton.LeftButton)
    assert ed.session.briefing.edition.show_changes == view.show_in_pdf.isChecked()


def test_ledger_lists_due_records_an_outcome_and_draws_the_chart(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _library(tmp_path)
    ed = make_editor(qtbot)
    ed.window.menuBar()  # the action is in the Library menu
    ed.actions.ledger.trigger()
    led = ed.memory.ledger
    qtbot.waitUntil(lambda: led.table.rowCount() == 4, timeout=10000)
    due = [r for r in range(led.table.rowCount()) if led.table.item(r, 0).text() == "Due"]
    assert led.count.text() == f"4 predictions, {len(due)} due for an outcome"
    assert due and led.table.item(due[0], 0).background().color().name() == "#ffe9b3"
    row = next(r for r in due if led.table.item(r, 6).text() == "p-aaa111")
    cell = led.table.visualItemRect(led.table.item(row, 2)).center()
    QTest.mouseClick(led.table.viewport(), Qt.MouseButton.LeftButton, NO_MODIFIER, cell)
    assert led.current_entry().pid == "p-aaa111" and led.record.isEnabled()
    led.outcome.setCurrentIndex(0)  # Happened
    QTest.keyClicks(led.note, "Budget passed in January")
    QTest.mouseClick(led.record, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any(
            led.table.item(r, 6).text() == "p-aaa111" and led.table.item(r, 0).text() == "Happened"
            for r in range(led.table.rowCount())
        ),
        timeout=10000,
    )
    qtbot.waitUntil(lambda: "<svg" in led.svg and "1 scored" in led.summary.text(), timeout=30000)
    assert led.chart.renderer().isValid()
    QTest.mouseClick(led.appendix, Qt.MouseButton.LeftButton)
    cal = ed.session.briefing.calibration
    assert cal is not None and cal.resolved == 1
    assert date.fromisoformat(cal.as_of) == date.today()
    b = load_briefing(tmp_path / "arctic.briefing")
    assert b.predictions[0].status == "open"  # the issued briefing is never rewritten


def test_resolution_date_and_criteria_of_a_prediction(qtbot) -> None:  # type: ignore[no-untyped-def]
    ed = make_editor(qtbot)
    ed.session.add_prediction("Repairs finish by spring")
    ed.session.set_prediction_field(0, "timeframe", "by end of 2027")
    table = ed.briefing_pane.predictions
    table.table.setCurrentCell(0, 0)

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ResolutionDialog)
        assert dialog.date.placeholderText() == "from the time frame: 2027-12-31"
        QTest.keyClicks(dialog.date, "2027-03")  # not a whole date: refused
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        assert "YYYY-MM-DD" in dialog.problem.text() and dialog.isVisible()
        QTest.keyClicks(dialog.date, "-31")
        QTest.keyClicks(dialog.criteria, "Both cables carry traffic again")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    QTimer.singleShot(0, lambda: QTimer.singleShot(0, fill))
    QTest.mouseClick(table.details, Qt.MouseButton.LeftButton)
    p = ed.session.briefing.predictions[0]
    assert (p.resolve_by, p.criteria) == ("2027-03-31", "Both cables carry traffic again")
    ed.session.undo_stack.undo()
    assert ed.session.briefing.predictions[0].criteria == ""


def test_a_search_that_finds_nothing_leaves_no_details_behind(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _library(tmp_path)
    ed = make_editor(qtbot)
    ed.actions.library.trigger()
    lib = ed.memory.library
    QTest.keyClicks(lib.query, "repai")
    qtbot.waitUntil(lambda: lib.passages.count() == 2, timeout=10000)
    QTest.keyClicks(lib.query, "zzzq")  # now matches nothing
    qtbot.waitUntil(lambda: lib.status.text().startswith("Nothing found"), timeout=10000)
    assert ed.memory.service.pool.waitForDone(30000)
    QApplication.processEvents()
    assert lib.current_hit is None and lib.title.text() == ""
    assert lib.passages.count() == 0 and lib.used_model.stringList() == []
    assert not lib.add_button.isEnabled()
