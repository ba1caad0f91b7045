"""Sections edit as formatted text, stored as the same Briefing Markdown: no markup character
on screen, formatting by shortcut and toolbar, chips, boxes and pairs, paste, spelling, zoom."""

from __future__ import annotations

from editor_support import (
    close_quietly,
    hover_last_character,
    make_editor,
    patch_boxes,
    sample_article,
    show_active,
)
from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog
from support.waiting import wait_until

from briefing.core import services
from briefing.core.drafting.demo import demo_articles
from briefing.core.model.richtext_read import read_markdown
from briefing.core.model.richtext_write import write_markdown
from briefing.core.storage.library import Library
from briefing.ui.link_dialog import LinkDialog
from briefing.ui.richtext_qt import fill_document
from briefing.ui.richtext_qt_read import read_document

LEFT = Qt.MouseButton.LeftButton
MARKUP = ("**", "[@", ":::", "###", "> ", "](")


def demo_editor(qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot, start=False)
    assert ed.start_demo()
    show_active(qtbot, ed.window)
    return ed


def section(ed, sid: str):  # type: ignore[no-untyped-def]
    return ed.briefing_pane.editors[sid].editor


def markdown(ed, sid: str) -> str:  # type: ignore[no-untyped-def]
    return ed.session.briefing.section(sid).markdown


def click_tool(ed, action) -> None:  # type: ignore[no-untyped-def]
    button = ed.window.format_bar.widgetForAction(action)
    assert button is not None and button.isEnabled(), action.text()
    QTest.mouseClick(button, LEFT)


def empty_section(qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    show_active(qtbot, ed.window)
    sid = ed.session.briefing.sections[0].id
    box = section(ed, sid)
    QTest.mouseClick(box.viewport(), LEFT, pos=QPoint(10, 10))
    return ed, sid, box


def test_the_demo_shows_no_markup_character(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ed = demo_editor(qtbot, monkeypatch)
    for sid, editor in ed.briefing_pane.editors.items():
        shown = editor.editor.toPlainText()
        for mark in MARKUP:
            assert mark not in shown, f"{sid} shows {mark!r}"
    faq = section(ed, "faq")
    assert "Was the Svalbard cable damage deliberate?" in faq.toPlainText()
    assert faq.document().rootFrame().childFrames(), "each Q&A pair is a box of its own"
    # nothing was rewritten by just showing it
    assert not ed.session.dirty
    close_quietly(ed)


def test_formatted_editor_round_trips_every_drafted_section() -> None:
    from PySide6.QtGui import QTextDocument

    library = Library()
    for template in library.templates():
        briefing = services.new_briefing(library, template.id, demo_articles())
        for sec in briefing.sections:
            document = QTextDocument()
            fill_document(document, read_markdown(sec.markdown))
            assert write_markdown(read_document(document)) == sec.markdown, sec.id


def test_a_check_note_is_a_box_of_its_own_and_stays_a_note(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    sid = ed.session.briefing.sections[0].id
    note = "Cut. [@s1]\n\n::: check\nSources disagree on the date.\n:::\n"
    ed.session.set_section_text(sid, note)
    box = section(ed, sid)
    assert ":::" not in box.toPlainText() and box.document().rootFrame().childFrames()
    assert box.markdown() == note
    close_quietly(ed)


def test_ctrl_b_and_ctrl_i_make_bold_and_italic(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ed, sid, box = empty_section(qtbot, monkeypatch)
    QTest.keyClicks(box, "Ships ")
    QTest.keySequence(box, QKeySequence(QKeySequence.StandardKey.Bold))
    QTest.keyClicks(box, "wait")
    QTest.keySequence(box, QKeySequence(QKeySequence.StandardKey.Bold))
    QTest.keyClicks(box, " at ")
    QTest.keySequence(box, QKeySequence(QKeySequence.StandardKey.Italic))
    QTest.keyClicks(box, "anchor")
    assert markdown(ed, sid) == "Ships **wait** at *anchor*\n"
    assert box.toPlainText() == "Ships wait at anchor"
    # selecting words and clicking B makes them bold too
    cursor = box.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(5, QTextCursor.MoveMode.KeepAnchor)
    box.setTextCursor(cursor)
    click_tool(ed, ed.window.format_commands.bold)
    assert markdown(ed, sid) == "**Ships** **wait** at *anchor*\n"
    QTest.keySequence(box, QKeySequence(QKeySequence.StandardKey.Undo))
    assert markdown(ed, sid) == "Ships **wait** at *anchor*\n"
    close_quietly(ed)


def test_headings_lists_and_quotes_from_the_toolbar(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ed, sid, box = empty_section(qtbot, monkeypatch)
    f = ed.window.format_commands
    QTest.keyClicks(box, "What happened")
    style = ed.writing.formatter.style_box
    style.setFocus()
    QTest.keyClick(style, Qt.Key.Key_Down)  # "Heading 1"
    QTest.keyClick(style, Qt.Key.Key_Down)  # "Heading 2"
    box.setFocus()
    cursor = box.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    box.setTextCursor(cursor)
    QTest.keyClick(box, Qt.Key.Key_Return)
    QTest.keyClicks(box, "Cables were cut")
    assert markdown(ed, sid) == "## What happened\n\nCables were cut\n"
    QTest.keyClick(box, Qt.Key.Key_Return)
    click_tool(ed, f.bullets)
    QTest.keyClicks(box, "one")
    QTest.keyClick(box, Qt.Key.Key_Return)
    QTest.keyClicks(box, "two")
    QTest.keyClick(box, Qt.Key.Key_Return)
    QTest.keyClick(box, Qt.Key.Key_Return)  # Enter on an empty item ends the list
    click_tool(ed, f.quote)
    QTest.keyClicks(box, "We expect repairs by Friday.")
    assert markdown(ed, sid) == (
        "## What happened\n\nCables were cut\n\n- one\n- two\n\n> We expect repairs by Friday.\n"
    )
    assert not any(mark in box.toPlainText() for mark in MARKUP)
    close_quietly(ed)


def _answer_dialog(fill) -> None:  # type: ignore[no-untyped-def]
    """Fill the next modal dialog as a person would (``fill(dialog)``) once it is open."""

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, step)
            return
        fill(dialog)

    QTimer.singleShot(0, step)


def test_ctrl_k_links_only_to_web_pages_and_mail(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ed, sid, box = empty_section(qtbot, monkeypatch)
    QTest.keyClicks(box, "See the ")
    refused: list[str] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, LinkDialog)
        QTest.keyClicks(dialog.text_edit, "report")
        QTest.keyClicks(dialog.address_edit, "javascript:alert(1)")
        QTest.mouseClick(dialog.ok_button, LEFT)
        refused.append(dialog.problem.text())
        assert dialog.isVisible(), "refused: the dialog stays open"
        dialog.address_edit.selectAll()
        QTest.keyClicks(dialog.address_edit, "example.org/report")
        QTest.mouseClick(dialog.ok_button, LEFT)

    _answer_dialog(fill)
    QTest.keySequence(box, QKeySequence("Ctrl+K"))
    assert refused and "http" in refused[0]
    QTest.keyClicks(box, " today.")
    assert markdown(ed, sid) == "See the [report](https://example.org/report) today.\n"
    assert box.toPlainText() == "See the report today."
    close_quietly(ed)


def test_a_citation_is_one_chip_deleted_whole_with_its_title_on_hover(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    show_active(qtbot, ed.window)
    ed.session.add_sources([sample_article()])
    sid = ed.session.briefing.sections[0].id
    ed.session.set_section_text(sid, "Two cranes were idle. [@s1]\n")
    ed.session.end_typing()  # as if typed a while ago
    box = section(ed, sid)
    assert box.toPlainText() == "Two cranes were idle.\ufffc"
    # hover over the chip: the source's number and full title, as plain text
    assert "Source 1: Harbour cranes slow down" in hover_last_character(box)
    QTest.keyClick(box, Qt.Key.Key_Backspace)  # one key: the whole citation
    assert markdown(ed, sid) == "Two cranes were idle.\n"
    QTest.keySequence(box, QKeySequence(QKeySequence.StandardKey.Undo))
    assert markdown(ed, sid) == "Two cranes were idle. [@s1]\n"
    close_quietly(ed)


def test_cut_and_paste_moves_text_with_its_citation(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    show_active(qtbot, ed.window)
    ed.session.add_sources([sample_article()])
    sid = ed.session.briefing.sections[0].id
    ed.session.set_section_text(sid, "First. [@s1]\n\nSecond.\n")
    box = section(ed, sid)
    box.setFocus()
    cursor = box.textCursor()
    cursor.setPosition(0)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    box.setTextCursor(cursor)
    QTest.keySequence(box, QKeySequence(QKeySequence.StandardKey.Cut))
    cursor = box.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    box.setTextCursor(cursor)
    QTest.keyClicks(box, " ")
    QTest.keySequence(box, QKeySequence(QKeySequence.StandardKey.Paste))
    assert markdown(ed, sid) == "Second. First. [@s1]\n"
    close_quietly(ed)


def test_callouts_are_boxes_with_a_label_to_change(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ed, sid, box = empty_section(qtbot, monkeypatch)
    QTest.keyClicks(box, "Intro.")
    click_tool(ed, ed.window.format_commands.callout)
    QTest.keyClicks(box, "Repairs take weeks.")
    assert markdown(ed, sid) == "Intro.\n\n::: callout Note\nRepairs take weeks.\n:::\n"
    # the label is the box's first line: select it and type another
    label = next(b for b in _blocks(box) if b.text() == "Note")
    cursor = QTextCursor(label)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    box.setTextCursor(cursor)
    QTest.keyClicks(box, "Key point")
    QTest.keyClick(box, Qt.Key.Key_Return)  # Enter in the label goes on to the text
    assert box.textCursor().block().text() == "Repairs take weeks."
    assert markdown(ed, sid) == "Intro.\n\n::: callout Key point\nRepairs take weeks.\n:::\n"
    close_quietly(ed)


def _blocks(box):  # type: ignore[no-untyped-def]
    block = box.document().begin()
    while block.isValid():
        yield block
        block = block.next()


def test_question_and_answer_pairs_are_added_and_removed_as_pairs(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ed, sid, box = empty_section(qtbot, monkeypatch)
    f = ed.window.format_commands
    click_tool(ed, f.qa)
    QTest.keyClicks(box, "Who pays?")
    QTest.keyClick(box, Qt.Key.Key_Return)  # from the question to its answer
    QTest.keyClicks(box, "Mostly governments.")
    assert markdown(ed, sid) == "::: qa\n**Q:** Who pays?\n\nMostly governments.\n:::\n"
    assert "Q:" not in box.toPlainText()
    assert f.remove_box.isEnabled()
    click_tool(ed, f.remove_box)
    assert markdown(ed, sid) == ""
    QTest.keySequence(box, QKeySequence(QKeySequence.StandardKey.Undo))
    assert "Who pays?" in markdown(ed, sid)
    close_quietly(ed)


def test_pasting_from_a_browser_keeps_basic_formatting_and_nothing_else(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ed, sid, box = empty_section(qtbot, monkeypatch)
    mime = QMimeData()
    mime.setHtml(
        "<meta charset='utf-8'><h2>Outlook</h2><p>Prices <b>rise</b> and <i>fall</i>, says "
        "<a href='https://example.org/a'>the bank</a> <a href='javascript:alert(1)'>here</a>."
        "<img src='https://tracker.example/p.gif'><script>alert(1)</script></p>"
        "<ul><li>one</li><li>two</li></ul>"
    )
    mime.setText("Outlook Prices rise and fall")
    QApplication.clipboard().setMimeData(mime)
    QTest.keySequence(box, QKeySequence(QKeySequence.StandardKey.Paste))
    md = markdown(ed, sid)
    assert "### Outlook" in md
    assert "Prices **rise** and *fall*, says [the bank](https://example.org/a) here." in md
    assert "- one\n- two" in md
    assert "javascript" not in md and "tracker" not in md and "alert" not in md
    assert ed.session.briefing.sources == []
    close_quietly(ed)


def test_spelling_is_underlined_in_formatted_text_but_not_on_chips(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from briefing.core.spelling import SpellChecker

    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    ed.briefing_pane.spell = SpellChecker()
    ed.briefing_pane._rebuild(ed.session.briefing)
    sid = ed.session.briefing.sections[0].id
    ed.session.set_section_text(sid, "The **harbuor** is shut. [@s1]\n")
    box = section(ed, sid)
    block = box.document().begin()
    ranges = [(r.start, r.length) for r in block.layout().formats()]
    start = block.text().index("harbuor")
    assert (start, len("harbuor")) in ranges
    assert all(r[0] + r[1] <= len("The harbuor is shut.") for r in ranges)
    close_quietly(ed)


def test_the_source_view_shows_the_markdown_and_edits_it(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ed = demo_editor(qtbot, monkeypatch)
    view = ed.window.menuBar()
    assert view is not None
    QTest.keySequence(section(ed, "key-takeaway"), QKeySequence("Ctrl+Shift+M"))
    shown = ed.briefing_pane.editors["key-takeaway"]
    assert shown.active() is shown.source and "[@s1]" in shown.source.toPlainText()
    shown.source.setFocus()
    cursor = shown.source.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    shown.source.setTextCursor(cursor)
    QTest.keyClicks(shown.source, " **Act now.**")
    assert markdown(ed, "key-takeaway").endswith("**Act now.**")
    QTest.keySequence(shown.source, QKeySequence("Ctrl+Shift+M"))
    assert shown.active() is shown.editor and "Act now." in shown.editor.toPlainText()
    assert "**" not in shown.editor.toPlainText()
    close_quietly(ed)


def test_text_zooms_with_ctrl_plus_minus_and_zero(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ed, sid, box = empty_section(qtbot, monkeypatch)
    size = box.font().pointSizeF()
    QTest.keySequence(box, QKeySequence("Ctrl+="))
    QTest.keySequence(box, QKeySequence(QKeySequence.StandardKey.ZoomIn))
    assert box.font().pointSizeF() > size * 1.15
    QTest.keySequence(box, QKeySequence(QKeySequence.StandardKey.ZoomOut))
    QTest.keySequence(box, QKeySequence("Ctrl+0"))
    assert box.font().pointSizeF() == size
    close_quietly(ed)


def test_the_status_bar_counts_the_words_of_the_whole_briefing(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ed, sid, box = empty_section(qtbot, monkeypatch)
    QTest.keyClicks(box, "Ships wait at anchor")
    other = list(ed.briefing_pane.editors)[1]
    section(ed, other).setFocus()
    QTest.keyClicks(section(ed, other), "Two more")
    assert wait_until(lambda: ed.window.status_label.text() == "6 words")
    close_quietly(ed)


def test_preferences_give_new_briefings_their_analyst_and_dictionary(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from briefing.ui.preferences import PreferencesDialog

    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    show_active(qtbot, ed.window)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, PreferencesDialog)
        QTest.keyClicks(dialog.analyst_edit, "R. Olsen")
        QTest.keyClicks(dialog.organisation_edit, "Policy Unit")
        dialog.dictionary_box.setFocus()
        QTest.keyClick(dialog.dictionary_box, Qt.Key.Key_Down)  # American English
        dialog.accept()

    _answer_dialog(fill)
    ed.actions.preferences.trigger()
    from briefing.core.storage.preferences import load_preferences

    prefs = load_preferences()
    assert (prefs.analyst, prefs.organisation, prefs.dictionary) == (
        "R. Olsen",
        "Policy Unit",
        "en-US",
    )
    assert ed.controller.new_document("standard")
    meta = ed.session.briefing.meta
    assert (meta.analyst, meta.organisation) == ("R. Olsen", "Policy Unit")
    assert ed.briefing_pane.form.edits["analyst"].text() == "R. Olsen"
    close_quietly(ed)
