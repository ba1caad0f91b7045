"""Details a user notices: file names suggested from the title, a readable Sources tree,
a long brand description shown from its start."""

from __future__ import annotations

from pathlib import Path

from editor_support import close_quietly, make_editor, patch_boxes, sample_article
from PySide6.QtWidgets import QDialog

from briefing.ui.controller import file_name_for


def test_file_names_come_from_the_title(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from briefing.ui.export_dialog import ExportDialog

    patch_boxes(monkeypatch)
    assert file_name_for("Arctic Cables: Norway Weighs Seabed Patrols 🇳🇴") == (
        "Arctic Cables Norway Weighs Seabed Patrols"
    )
    assert file_name_for("../../etc/passwd") == "etc passwd"
    assert file_name_for(" ?* ") == "briefing"
    ed = make_editor(qtbot)
    ed.session.set_field("title", "Ports: what the strike means")
    seen: list[str] = []

    def look(dialog: ExportDialog) -> int:
        seen.append(dialog.path_edit.text())
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(ExportDialog, "exec", look)
    ed.actions.export.trigger()
    # The handling label is in the name the export dialog offers (briefing export's too).
    assert Path(seen[0]).name == "Ports what the strike means - TLP-CLEAR.pdf"
    asked: list[str] = []
    monkeypatch.setattr(ed.view, "save_path_dialog", lambda s: asked.append(s) or None)
    ed.actions.save_as.trigger()
    assert asked == ["Ports what the strike means.briefing"]
    close_quietly(ed)


def test_sources_title_column_gets_the_room(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    ed.session.add_sources([sample_article()])
    ed.window.resize(1600, 1000)
    ed.window.show()
    qtbot.waitExposed(ed.window)
    header = ed.sources.tree.header()
    title, kind, date = (header.sectionSize(i) for i in range(3))
    assert title > kind + date  # the excerpt is what the analyst reads
    metrics = ed.sources.tree.fontMetrics()
    assert kind >= metrics.horizontalAdvance("paragraph")
    assert date >= metrics.horizontalAdvance("2026-12-31")
    close_quietly(ed)


def test_brand_description_shows_from_its_start(qtbot) -> None:  # type: ignore[no-untyped-def]
    from briefing.core.storage.library import Library
    from briefing.ui.manager.brand_editor import BrandEditor

    editor = BrandEditor()
    qtbot.addWidget(editor)
    editor.set_brand(Library().brand("default"))
    assert editor.description_edit.text()
    assert editor.description_edit.cursorPosition() == 0


def test_filter_searches_whole_blocks_and_sites(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from briefing.core.model.article import Article, Block

    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    long_text = "Port operators reported slower unloading this week at the northern quay. " * 2
    long_text += "The pilots' union blamed a shortage of tugboats."  # past the shown excerpt
    ed.session.add_sources(
        [
            sample_article(),
            Article(
                title="Quay report",
                site="Harbour Gazette",
                blocks=[Block("paragraph", long_text, id="q1")],
            ),
        ]
    )
    proxy, tree = ed.sources.proxy, ed.sources.tree

    def shown() -> list[str]:
        rows = []
        for r in range(proxy.rowCount()):
            parent = proxy.index(r, 0)
            rows.append(parent.data())
            rows += [proxy.index(c, 0, parent).data() for c in range(proxy.rowCount(parent))]
        return rows

    ed.sources.filter.setText("tugboats")
    rows = shown()
    assert len(rows) == 2 and "Quay report" in rows[0] and "tugboats" not in rows[1]  # excerpt
    ed.sources.filter.setText("harbour gazette")  # the site: the source with all its blocks
    assert len(shown()) == 2
    ed.sources.filter.setText("")
    assert tree.model().rowCount() == 2
    close_quietly(ed)


def test_no_sources_hint_takes_the_trees_place(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    ed.window.show()
    qtbot.waitExposed(ed.window)
    ed.window.activateWindow()
    pane = ed.sources
    assert pane.empty.isVisible() and not pane.tree.isVisible()
    assert pane.empty.geometry().top() < pane.height() // 2  # up where the list would be
    ed.actions.focus_sources.trigger()
    qtbot.waitUntil(lambda: pane.import_button.hasFocus())
    ed.session.add_sources([sample_article()])
    assert pane.tree.isVisible() and not pane.empty.isVisible()
    ed.actions.focus_sources.trigger()
    qtbot.waitUntil(lambda: pane.tree.hasFocus())
    close_quietly(ed)


def test_long_prediction_rows_stay_a_few_lines_high(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    statement = "Officials expect closer data sharing with the neighbours over the winter. " * 6
    ed.session.add_prediction(statement.strip())
    ed.window.show()
    qtbot.waitExposed(ed.window)
    table = ed.briefing_pane.predictions.table
    line = table.fontMetrics().lineSpacing()
    qtbot.waitUntil(lambda: table.rowHeight(0) > line)
    assert table.rowHeight(0) <= line * 4 + 10
    assert table.item(0, 0).toolTip() == statement.strip()
    close_quietly(ed)
