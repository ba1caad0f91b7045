"""The editor's preview follows the document: typing and switching brands re-render the pages."""

from __future__ import annotations

import io

import pytest
from editor_support import close_quietly, make_editor, patch_boxes
from pypdf import PdfReader
from PySide6.QtCore import Qt
from support.waiting import wait_until


def _pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.slow
def test_typing_changes_the_preview_pages(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot, preview=True)
    ed.window.show()
    qtbot.waitExposed(ed.window)
    last = ed.session.briefing.sections[-1].id
    ed.session.set_section_text(last, "Closing words on the outlook.")
    ed.session.mark_saved()
    assert wait_until(ed.preview.is_idle, 60_000)
    assert ed.preview.page_count() >= 1
    assert "Zanzibarian" not in _pdf_text(ed.preview.pdf_bytes())
    sid = ed.session.briefing.sections[0].id
    box = ed.briefing_pane.editors[sid].editor
    box.setFocus()
    qtbot.keyClicks(box, "Zanzibarian ferries resumed service.")
    with qtbot.waitSignal(ed.preview.rendered, timeout=60_000):
        pass
    assert wait_until(ed.preview.is_idle, 60_000)
    assert "Zanzibarian ferries resumed service." in _pdf_text(ed.preview.pdf_bytes())
    # Undo re-renders too: the pages follow the document, not the keystrokes.
    ed.actions.undo.trigger()
    with qtbot.waitSignal(ed.preview.rendered, timeout=60_000):
        pass
    assert wait_until(ed.preview.is_idle, 60_000)
    assert "Zanzibarian" not in _pdf_text(ed.preview.pdf_bytes())
    # A click on the last section in the preview's outline scrolls its editor into view.
    outline = ed.preview.outline
    item = next(
        outline.item(i)
        for i in range(outline.count())
        if outline.item(i).data(Qt.ItemDataRole.UserRole) == last
    )
    bar = ed.briefing_pane.verticalScrollBar()
    bar.setValue(0)
    outline.itemClicked.emit(item)
    assert bar.value() > 0
    close_quietly(ed)
