"""Files in the editor: save, close and reopen; damaged files; locks; changes on disk; errors."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from editor_support import close_quietly, make_editor, patch_boxes, write
from PySide6.QtWidgets import QFileDialog, QMessageBox

from briefing.core.storage.document_io import load_briefing
from briefing.ui.settings import EditorSettings

Button = QMessageBox.StandardButton


def _save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


def test_save_close_and_reopen_keeps_everything(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    s = ed.session
    s.set_field("title", "Power grid note")
    s.set_field("analyst", "K. Berg")
    sid = s.briefing.sections[0].id
    s.set_section_text(sid, "The grid held **firm** overnight.")
    s.add_prediction("Outages stay under an hour")
    s.set_prediction_field(0, "probability", 85)
    target = tmp_path / "grid"  # no suffix: Save As adds .briefing
    _save_as(monkeypatch, target)
    ed.actions.save.trigger()
    saved = tmp_path / "grid.briefing"
    assert saved.is_file() and not s.dirty and s.path == saved
    assert not ed.window.isWindowModified()
    assert str(saved.resolve()) in EditorSettings().recent_files()
    assert ed.window.close()
    close_quietly(ed)

    again = make_editor(qtbot, start=False)
    again.start(str(saved), offer_restore=False)
    b = again.session.briefing
    assert b.title == "Power grid note" and b.meta.analyst == "K. Berg"
    assert b.section(sid).markdown == "The grid held **firm** overnight."
    shown = again.briefing_pane.editors[sid].editor
    assert shown.toPlainText() == "The grid held firm overnight."  # formatted: no asterisks
    assert shown.markdown() == b.section(sid).markdown + "\n"
    assert b.predictions[0].probability == 85
    assert again.window.windowTitle().startswith("grid.briefing")
    close_quietly(again)


def test_recent_files_menu_reopens_a_file(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    ed.session.set_field("title", "Recent one")
    _save_as(monkeypatch, tmp_path / "recent.briefing")
    assert ed.controller.save()
    ed.close_document()
    assert ed.session.briefing.title == "Untitled briefing"
    actions = ed.window.recent_menu.actions()
    assert actions and actions[0].toolTip().endswith("recent.briefing")
    actions[0].trigger()
    assert ed.session.briefing.title == "Recent one"
    close_quietly(ed)


def test_damaged_file_shows_one_line_and_keeps_the_work(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    boxes = patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    ed.session.set_field("title", "Work in progress")
    bad = write(tmp_path / "broken.briefing", '{"format": "briefing", "version": 1, "title": ')
    boxes.answers = [Button.Discard]  # the unsaved prompt comes first
    assert not ed.controller.open_path(bad)
    assert "broken.briefing" in boxes.shown[-1]
    assert len(boxes.shown[-1].splitlines()[0]) < 200
    assert ed.session.briefing.title == "Work in progress"  # the window keeps its document
    close_quietly(ed)


def test_opening_via_the_dialog_and_a_pdf_without_source(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    boxes = patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    fake_pdf = tmp_path / "other.pdf"
    fake_pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(fake_pdf), ""))
    )
    ed.actions.open.trigger()
    assert "other.pdf" in boxes.texts()
    assert ed.session.path is None
    close_quietly(ed)


def test_second_editor_is_warned_by_the_lock(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    boxes = patch_boxes(monkeypatch)
    first = make_editor(qtbot)
    first.session.set_field("title", "Shared file")
    _save_as(monkeypatch, tmp_path / "shared.briefing")
    assert first.controller.save()
    path = tmp_path / "shared.briefing"

    second = make_editor(qtbot)
    boxes.answer = "Cancel"
    assert not second.controller.open_path(path)
    assert "open in another editor" in boxes.texts()
    boxes.answer = "Open Read-Only"
    assert second.controller.open_path(path)
    assert second.session.read_only and "[read-only]" in second.window.windowTitle()
    assert second.briefing_pane.read_only_note.isVisibleTo(second.briefing_pane)
    # Saving a read-only document goes through Save As to another file.
    second.session.set_field("subtitle", "my copy")
    _save_as(monkeypatch, tmp_path / "copy.briefing")
    assert second.controller.save()
    assert second.session.path == tmp_path / "copy.briefing" and not second.session.read_only
    assert load_briefing(path).subtitle == ""
    # Save As onto the file the first editor holds is refused with a reason.
    _save_as(monkeypatch, path)
    assert not second.controller.save_as()
    assert "open in another editor" in boxes.shown[-1] and "another name" in boxes.shown[-1]
    assert load_briefing(path).subtitle == ""
    close_quietly(second)
    close_quietly(first)


def test_a_file_changed_on_disk_is_noticed_before_overwriting(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    boxes = patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    ed.session.set_field("title", "Mine")
    path = tmp_path / "watched.briefing"
    _save_as(monkeypatch, path)
    assert ed.controller.save()
    other = path.read_text(encoding="utf-8").replace('"Mine"', '"Theirs"')
    path.write_text(other, encoding="utf-8")
    with qtbot.waitSignal(ed.controller.changed_on_disk, timeout=5000):
        os.utime(path, ns=(1, 1))  # a different time stamp, as another program would leave
    assert ed.controller.disk_changed()
    assert "changed on disk" in ed.window.statusBar().currentMessage()
    ed.session.set_field("title", "Mine, edited")
    boxes.answer = Button.Cancel
    assert not ed.controller.save()
    assert load_briefing(path).title == "Theirs"
    assert "changed this file" in boxes.texts()
    boxes.answer = Button.Save
    assert ed.controller.save()
    assert load_briefing(path).title == "Mine, edited"
    close_quietly(ed)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX non-root")
def test_saving_into_a_read_only_folder_explains_and_keeps_the_work(
    qtbot, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    boxes = patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    ed.session.set_field("title", "Keep me")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        _save_as(monkeypatch, folder / "note.briefing")
        assert not ed.controller.save()
    finally:
        folder.chmod(0o700)
    assert "note.briefing" in boxes.shown[-1]
    assert ed.session.dirty and ed.session.briefing.title == "Keep me"
    close_quietly(ed)


def test_disk_full_on_save_explains_and_keeps_the_work(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import errno

    boxes = patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    ed.session.set_field("title", "Big note")

    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    _save_as(monkeypatch, tmp_path / "full.briefing")
    assert not ed.controller.save()
    monkeypatch.undo()
    assert "full.briefing" in boxes.shown[-1] and "disk is full" in boxes.shown[-1]
    assert ed.session.dirty and not (tmp_path / "full.briefing").exists()
    close_quietly(ed)


def test_window_layout_is_remembered(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    ed.window.show()
    qtbot.waitExposed(ed.window)
    ed.window.resize(760, 640)
    ed.window.splitter.setSizes([150, 400, 200])
    sizes = ed.window.splitter.sizes()
    size = ed.window.size()
    assert ed.window.close()
    again = make_editor(qtbot)
    again.window.show()
    qtbot.waitExposed(again.window)
    assert again.window.size() == size
    assert again.window.splitter.sizes() == sizes
    close_quietly(again)


def test_permission_denied_on_save_explains_and_keeps_the_work(
    qtbot, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import errno

    boxes = patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    ed.session.set_field("title", "Protected")
    target = tmp_path / "guarded.briefing"
    target.write_text("original bytes", encoding="utf-8")

    def denied(*_a: object, **_k: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", denied)  # as in a folder the user may not write to
    _save_as(monkeypatch, target)
    assert not ed.controller.save()
    monkeypatch.undo()
    assert "guarded.briefing" in boxes.shown[-1] and "permission denied" in boxes.shown[-1]
    assert target.read_text(encoding="utf-8") == "original bytes"
    assert ed.session.dirty and ed.session.path is None
    close_quietly(ed)


def test_close_command_asks_then_starts_a_blank_briefing(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    boxes = patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    ed.session.set_field("title", "Draft to drop")
    boxes.answer = Button.Cancel
    ed.actions.close.trigger()
    assert ed.session.briefing.title == "Draft to drop"
    boxes.answer = Button.Discard
    ed.actions.close.trigger()
    assert ed.session.briefing.title == "Untitled briefing" and not ed.session.dirty
    assert not ed.session.undo_stack.canUndo()
    close_quietly(ed)
