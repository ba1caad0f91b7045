"""Getting articles into the editor: file dialog, dropped files, the clipboard; bad input; the
first-run demo; a PDF exported with its source attached."""

from __future__ import annotations

from pathlib import Path

from editor_support import close_quietly, make_editor, patch_boxes, settle_imports, write
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from briefing.core import paths

ARTICLE = """Harbour cranes slow down

Port operators reported slower unloading this week, with two of the five cranes idle for
repairs and ships waiting at anchor for a berth.

The harbour authority said it expects normal service by Friday once the parts arrive.
"""


def _drop(window, files: list[Path]) -> None:  # type: ignore[no-untyped-def]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    point = QPointF(window.width() / 2, window.height() / 2)
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(point.toPoint(), *args)  # PySide6 6.11 takes QPoint here
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(point, *args))


def test_import_by_file_dialog_several_files(qtbot, tmp_path, monkeypatch, sample_path) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    mine = write(tmp_path / "cranes.txt", ARTICLE)
    chosen = [str(mine), str(sample_path)]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: (chosen, "")))
    ed.actions.import_.trigger()
    settle_imports(ed)
    sources = ed.session.briefing.sources
    assert [s.id for s in sources] == ["s1", "s2"]
    assert sources[0].title == "Harbour cranes slow down"
    assert sources[1].blocks, "the real browser paste gives blocks"
    assert ed.sources.model.rowCount() == 2
    ed.session.undo_stack.undo()  # one undo step for the whole import
    assert ed.session.briefing.sources == []
    close_quietly(ed)


def test_import_by_dropping_files_on_the_window(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    ed.window.show()
    qtbot.waitExposed(ed.window)
    _drop(ed.window, [write(tmp_path / "cranes.md", "# Cranes\n\n" + ARTICLE)])
    settle_imports(ed)
    assert len(ed.session.briefing.sources) == 1
    assert "Cranes" in ed.session.briefing.sources[0].title
    # Dropped on a section editor, a file is imported too, not pasted as its path.
    box = next(iter(ed.briefing_pane.editors.values())).editor
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(write(tmp_path / "more.txt", ARTICLE)))])
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    before = box.toPlainText()
    QApplication.sendEvent(box.viewport(), QDragEnterEvent(QPoint(5, 5), *args))
    QApplication.sendEvent(box.viewport(), QDropEvent(QPointF(5, 5), *args))
    settle_imports(ed)
    assert len(ed.session.briefing.sources) == 2
    assert box.toPlainText() == before
    close_quietly(ed)


def test_paste_clipboard_text_as_a_new_source(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    QApplication.clipboard().setText(ARTICLE)
    ed.actions.paste_source.trigger()
    settle_imports(ed)
    sources = ed.session.briefing.sources
    assert len(sources) == 1 and sources[0].title == "Harbour cranes slow down"
    assert sources[0].origin == "clipboard"
    close_quietly(ed)


def test_paste_clipboard_html(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    boxes = patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    mime = QMimeData()
    body = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:])
    mime.setHtml(
        f"<html><body><article><h1>Harbour cranes slow down</h1>{body}</article></body></html>"
    )
    mime.setText(ARTICLE)
    QApplication.clipboard().setMimeData(mime)
    assert ed.paste_source()
    settle_imports(ed)
    assert ed.session.briefing.sources, boxes.texts()
    assert any("Port operators" in b.text for b in ed.session.briefing.sources[0].blocks)
    close_quietly(ed)


def test_bad_imports_show_one_dialog_and_keep_the_good_ones(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    boxes = patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    ed.session.set_field("title", "Keep this")
    empty = write(tmp_path / "empty.txt", "")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    good = write(tmp_path / "good.txt", ARTICLE)
    assert ed.controller.import_paths([empty, good, binary]) == 3
    settle_imports(ed)
    message = boxes.shown[-1]
    assert "empty.txt" in message and "image.txt" in message
    assert len(ed.session.briefing.sources) == 1
    assert ed.session.briefing.title == "Keep this"
    QApplication.clipboard().setText("   ")
    ed.actions.paste_source.trigger()
    assert "clipboard" in boxes.shown[-1]
    close_quietly(ed)


def test_first_run_shows_the_demo_drafted_into_the_standard_template(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot, start=False)
    ed.start(None)
    b = ed.session.briefing
    assert paths.demo_article_path().is_file()
    assert b.template is not None and b.template.id == "standard"
    assert len(b.sources) == 1 and b.sources[0].origin
    assert any(s.markdown.strip() for s in b.sections), "the demo fills sections"
    assert not ed.session.dirty
    assert ed.sources.model.rowCount() == 1
    close_quietly(ed)


def test_open_a_pdf_exported_with_its_source(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from briefing.core.rendering.export import export_file

    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    ed.session.set_field("title", "Round trip through PDF")
    pdf = tmp_path / "note.pdf"
    export_file(ed.session.briefing, pdf)
    ed.session.mark_saved()
    again = make_editor(qtbot)
    assert again.controller.open_path(pdf)
    assert again.session.briefing.title == "Round trip through PDF"
    assert again.session.path is None and again.session.dirty  # to be saved as .briefing
    close_quietly(again)
    close_quietly(ed)


def test_starting_on_an_article_drafts_it(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    boxes = patch_boxes(monkeypatch)
    ed = make_editor(qtbot, start=False)
    ed.start(str(write(tmp_path / "cranes.txt", ARTICLE)), offer_restore=False)
    assert ed.session.briefing.title == "Harbour cranes slow down"
    assert ed.session.briefing.sources[0].origin
    ed.start(str(tmp_path / "missing.txt"), offer_restore=False)
    assert "missing.txt" in boxes.shown[-1]
    close_quietly(ed)


def test_dropping_documents_adds_their_sources(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from support.document_makers import STORIES, make_docx, make_pdf, newsletter_eml

    from briefing.core.rendering.export import export_file

    boxes = patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    ed.window.show()
    qtbot.waitExposed(ed.window)
    before = ed.session.briefing.title
    note = tmp_path / "briefing-export.pdf"
    export_file(ed.session.briefing, note)  # carries its .briefing source: opens, not imports
    report = make_pdf(tmp_path / "report.pdf")
    memo = make_docx(tmp_path / "memo.docx")
    mail = newsletter_eml(tmp_path / "brief.eml")
    _drop(ed.window, [report, memo, mail])
    settle_imports(ed)
    titles = [s.title for s in ed.session.briefing.sources]
    assert titles == [
        "Seabed Patrols", "Seabed Patrols in the Arctic", *[t for t, _s, _b in STORIES]
    ]  # fmt: skip
    assert ed.sources.model.rowCount() == 5
    assert not boxes.shown
    # imported into an untitled briefing, the sources are drafted and give it its title
    assert ed.session.briefing.title == titles[0] != before
    assert ed.session.briefing.section("background").markdown  # type: ignore[union-attr]
    ed.session.mark_saved()
    _drop(ed.window, [note])
    # The note exported before the imports was opened, not imported, in a window of its own.
    opened = ed.workspace.editors[-1]
    assert opened is not ed and len(ed.session.briefing.sources) == 5
    assert opened.session.briefing.sources == [] and opened.session.briefing.title == before
    close_quietly(opened)
    opened.window.close()
    close_quietly(ed)


def test_file_dialog_offers_the_document_formats(qtbot, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from support.document_makers import make_odt

    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    seen: list[str] = []

    def pick(*args, **_kwargs):  # type: ignore[no-untyped-def]
        seen.append(args[3])
        return [str(make_odt(tmp_path / "cranes.odt"))], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(pick))
    ed.actions.import_.trigger()
    settle_imports(ed)
    for pattern in ("*.pdf", "*.docx", "*.docm", "*.odt", "*.eml"):
        assert pattern in seen[0].split(";;")[0]
    assert [s.title for s in ed.session.briefing.sources] == ["Harbour Cranes Idle"]
    close_quietly(ed)
