"""Sources in the editor: blocks dragged or sent into sections, used blocks marked, sources
removed and corrected; switching template and brand."""

from __future__ import annotations

from editor_support import close_quietly, make_editor, patch_boxes, sample_article
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from briefing.core.editing import BlockRef
from briefing.core.model.document import Origin
from briefing.ui.blocks import BLOCKS_MIME, decode_refs, encode_refs
from briefing.ui.sources_pane import BLOCK_ROLE, SOURCE_ROLE

NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def _editor_with_source(qtbot):  # type: ignore[no-untyped-def]
    ed = make_editor(qtbot)
    ids = ed.session.add_sources([sample_article()])
    return ed, ids[0]


def _block_index(ed, block_id: str):  # type: ignore[no-untyped-def]
    model = ed.sources.model
    parent = model.index(0, 0)
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        if index.data(BLOCK_ROLE) == block_id:
            return index
    raise AssertionError(block_id)


def test_sources_tree_lists_articles_and_blocks_with_kinds(qtbot) -> None:  # type: ignore[no-untyped-def]
    ed, sid = _editor_with_source(qtbot)
    model = ed.sources.model
    assert model.rowCount() == 1
    top = model.index(0, 0)
    assert "Harbour cranes slow down" in top.data() and top.data(SOURCE_ROLE) == sid
    assert model.index(0, 1).data() == "Example Wire" and model.index(0, 2).data() == "2026-01-05"
    kinds = [model.index(r, 1, top).data() for r in range(model.rowCount(top))]
    assert kinds == ["paragraph", "paragraph", "quote", "Key Takeaway"]
    ed.sources.filter.setText("idle for repairs")
    proxy = ed.sources.proxy
    assert proxy.rowCount() == 1 and proxy.rowCount(proxy.index(0, 0)) == 1
    ed.sources.filter.setText("no such words")
    assert proxy.rowCount() == 0
    close_quietly(ed)


def test_dragging_blocks_into_a_section_inserts_cited_markdown(qtbot) -> None:  # type: ignore[no-untyped-def]
    ed, sid = _editor_with_source(qtbot)
    ed.window.show()
    qtbot.waitExposed(ed.window)
    section = ed.session.briefing.sections[0]
    ed.session.set_section_text(section.id, "Opening line.")
    indexes = [_block_index(ed, "b1"), _block_index(ed, "b3")]
    mime = ed.sources.model.mimeData(indexes)  # what the tree hands to a drag
    assert decode_refs(mime) == [BlockRef(sid, ("b1", "b3"))]
    box = ed.briefing_pane.editors[section.id].editor
    end = box.cursorRect(box.textCursor()).center() + QPoint(200, 40)  # below the text
    drag = (QPointF(end), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, NO_MODIFIER)
    # PySide6 6.11 builds enter/move events from a QPoint, drop events from a QPointF
    QApplication.sendEvent(box.viewport(), QDragEnterEvent(end, *drag[1:]))
    QApplication.sendEvent(box.viewport(), QDragMoveEvent(end, *drag[1:]))
    QApplication.sendEvent(box.viewport(), QDropEvent(*drag))
    md = ed.session.briefing.section(section.id).markdown
    assert md.startswith("Opening line.")
    assert f"Port operators reported slower unloading this week. [@{sid}]" in md
    assert f"> We expect normal service by Friday. [@{sid}]" in md
    assert "Two cranes" not in md
    assert ed.session.briefing.section(section.id).origins == [Origin(sid, "b1"), Origin(sid, "b3")]
    assert box.markdown() == md
    assert "[@" not in box.toPlainText()  # citations are chips, not markup
    # Used blocks are marked in the tree.
    assert _block_index(ed, "b1").data().startswith("✓")
    assert not _block_index(ed, "b2").data().startswith("✓")
    # One undo step takes the whole insert back.
    ed.session.undo_stack.undo()
    assert ed.session.briefing.section(section.id).markdown == "Opening line."
    assert not _block_index(ed, "b1").data().startswith("✓")
    close_quietly(ed)


def test_a_source_row_carries_all_its_blocks_and_garbage_mime_is_ignored(qtbot) -> None:  # type: ignore[no-untyped-def]
    ed, sid = _editor_with_source(qtbot)
    mime = ed.sources.model.mimeData([ed.sources.model.index(0, 0)])
    assert decode_refs(mime) == [BlockRef(sid, ("b1", "b2", "b3", "b4"))]
    bad = QMimeData()
    bad.setData(BLOCKS_MIME, b"{not json")
    assert decode_refs(bad) == []
    section = ed.session.briefing.sections[0]
    assert not ed.session.insert_blocks(section.id, [BlockRef("s99", ("b1",))])
    assert ed.session.briefing.section(section.id).markdown == ""
    close_quietly(ed)


def test_send_to_section_menu(qtbot) -> None:  # type: ignore[no-untyped-def]
    ed, sid = _editor_with_source(qtbot)
    ed.sources.select_block(sid, "b4")
    menu = ed.sources.build_menu(ed.sources.tree.currentIndex())
    send = next(a for a in menu.actions() if a.menu() is not None).menu()
    target = ed.session.briefing.sections[1]
    next(a for a in send.actions() if a.text() == target.title).trigger()
    md = ed.session.briefing.section(target.id).markdown
    assert md == f"::: callout Key Takeaway\nDelays ease within days. [@{sid}]\n:::"
    close_quietly(ed)


def test_remove_and_correct_a_source(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ed, sid = _editor_with_source(qtbot)
    section = ed.session.briefing.sections[0]
    ed.session.insert_blocks(section.id, [BlockRef(sid, ("b2",))])
    ed.sources.edit_requested.emit(sid, {"title": "Cranes idle", "site": "Wire", "authors": []})
    assert ed.session.briefing.source(sid).title == "Cranes idle"
    assert "Cranes idle" in ed.sources.model.index(0, 0).data()
    ed.window.show()
    ed.sources.select_block(sid)
    ed.sources.tree.setFocus()
    qtbot.keyClick(ed.sources.tree, Qt.Key.Key_Delete)  # the Delete key removes the source
    assert ed.session.briefing.sources == []
    assert ed.session.briefing.section(section.id).origins == []
    assert ed.sources.empty.isVisibleTo(ed.sources)
    ed.session.undo_stack.undo()
    assert ed.session.briefing.source(sid) is not None
    close_quietly(ed)


def test_switch_template_asks_before_dropping_and_undo_restores(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    boxes = patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    faq = ed.session.briefing.section("faq")
    assert faq is not None
    ed.session.set_section_text("faq", "**Why now?**\n\nBecause.")
    box = ed.window.template_box
    target = next(i for i in range(box.count()) if box.itemData(i) not in ("standard", None))
    new_id = box.itemData(target)
    boxes.answer = QMessageBox.StandardButton.Cancel
    box.setCurrentIndex(target)
    box.activated.emit(target)
    dropped_asked = bool(boxes.shown)
    if dropped_asked:  # the target template has no FAQ: asked, cancelled, nothing changed
        assert "FAQ" in boxes.shown[-1]
        assert ed.session.briefing.template.id == "standard"
        assert box.itemData(box.currentIndex()) == "standard"
        boxes.answer = "Switch"
        box.activated.emit(target)
    assert ed.session.briefing.template.id == new_id
    assert [s.id for s in ed.session.briefing.sections] == list(ed.briefing_pane.editors)
    ed.session.undo_stack.undo()
    assert ed.session.briefing.template.id == "standard"
    assert ed.session.briefing.section("faq").markdown == "**Why now?**\n\nBecause."
    close_quietly(ed)


def test_switch_brand(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    box = ed.window.brand_box
    current = ed.session.briefing.brand.id
    target = next(i for i in range(box.count()) if box.itemData(i) != current)
    box.setCurrentIndex(target)
    box.activated.emit(target)
    assert ed.session.briefing.brand.id == box.itemData(target)
    ed.session.undo_stack.undo()
    assert ed.session.briefing.brand.id == current
    assert box.itemData(box.currentIndex()) == current
    close_quietly(ed)


def test_mime_round_trip() -> None:
    refs = [BlockRef("s1", ("b1", "b2")), BlockRef("s2", ("b9",))]
    assert decode_refs(encode_refs(refs)) == refs


def test_source_details_dialog_corrects_metadata(qtbot) -> None:  # type: ignore[no-untyped-def]
    from briefing.ui.sources_pane import SourceDetailsDialog

    dialog = SourceDetailsDialog(sample_article("s1"))
    qtbot.addWidget(dialog)
    dialog.fields["title"].setText("  Cranes idle at the harbour ")
    dialog.fields["authors"].setText("A. Berg, K. Olsen,")
    dialog.fields["site"].setText("")
    values = dialog.values()
    assert values["title"] == "Cranes idle at the harbour"
    assert values["authors"] == ["A. Berg", "K. Olsen"]
    assert values["site"] is None and values["published"] == "2026-01-05"


def test_source_details_typed_in_the_dialog_reach_the_pdf_references(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Site, date, URL, authors and the day it was read, typed by the analyst, are what the
    PDF's Sources list (and its first footnote) print."""
    from briefing.core.rendering.document_html import render_html
    from briefing.ui.sources_pane import SourceDetailsDialog

    ed, sid = _editor_with_source(qtbot)
    ed.session.insert_blocks(ed.session.briefing.sections[0].id, [BlockRef(sid, ("b2",))])

    def fill_in(dialog: SourceDetailsDialog) -> int:
        typed = {
            "url": "https://wire.example/cranes",
            "authors": "A. Berg",
            "accessed": "2026-01-06",
            "site": "Example Wire",
        }
        for name, text in typed.items():
            dialog.fields[name].selectAll()
            qtbot.keyClicks(dialog.fields[name], text)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(SourceDetailsDialog, "exec", fill_in)
    ed.sources.select_block(sid)
    menu = ed.sources.build_menu(ed.sources.tree.currentIndex())
    next(a for a in menu.actions() if a.text() == "Edit source details…").trigger()
    html = render_html(ed.session.briefing)
    entry = html[html.index('<li id="source-1">') :]
    assert entry.startswith(
        '<li id="source-1">A. Berg, “Harbour cranes slow down”, <i>Example Wire</i>, '
        '5 January 2026. <a class="url" href="https://wire.example/cranes">'
        "https://wire.example/cranes</a> (accessed 6 January 2026).</li>"
    )
    close_quietly(ed)
