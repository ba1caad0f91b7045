"""A file with a lone surrogate opens, and the work in it can be saved and autosaved."""

from __future__ import annotations

from pathlib import Path

from editor_support import close_quietly, make_editor, patch_boxes
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from briefing.core.storage.document_io import load_briefing
from briefing.core.storage.recovery import list_recoveries

DOC = (
    '{"format": "briefing", "version": 1, "title": "Talks \\ud800 resume",'
    ' "sections": [{"id": "s", "title": "Part", "markdown": ["a \\udc80 b"]}]}'
)


def test_surrogate_file_edits_save_and_autosave(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    boxes = patch_boxes(monkeypatch)
    path = tmp_path / "odd.briefing"
    path.write_text(DOC, encoding="utf-8")
    ed = make_editor(qtbot, start=False)
    ed.start(str(path), offer_restore=False)
    ed.window.show()
    qtbot.waitExposed(ed.window)
    ed.window.activateWindow()
    editor = ed.briefing_pane.editors["s"].editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    QTest.keyClicks(editor, " more")
    assert ed.autosaver.save_now(), "a recovery copy is written"
    assert list_recoveries()
    QTest.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # File > Save
    assert not ed.session.dirty, boxes.texts()
    saved = load_briefing(path)
    assert saved.title == "Talks \ufffd resume" and "more" in saved.sections[0].markdown
    close_quietly(ed)
