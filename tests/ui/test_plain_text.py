"""Every string from a file is shown as plain text in Qt: never as rich text.

Finding 9 of the hardening review: a team template named ``<img src="/home/me/photo.png"
width="20000" height="20000">`` made the New Briefing dialog load the photo and grow to
20,000 pixels (1.7 GB). QLabel, QToolTip and QMessageBox all guess "rich text" for anything
that looks like a tag. The class test gives every template, brand, section, source, block and
prediction string a hostile value, opens the New Briefing dialog, the manager and the main
window, and walks every label, tooltip, item and message box they show.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from editor_support import close_quietly, hover_last_character, make_editor, patch_boxes
from manager_helpers import make_manager
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QImage, QTextDocument
from PySide6.QtGui import Qt as QtGuiFunctions
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMessageBox,
    QWidget,
)

from briefing.core.model.article import Article, Block
from briefing.core.model.document import Briefing, Prediction, Section
from briefing.core.storage.document_io import save_briefing
from briefing.core.storage.library import Library
from briefing.core.storage.preferences import set_team_library_dir
from briefing.ui.new_dialog import NewBriefingDialog
from briefing.ui.plain import plain, plain_box

MARK = "<b>"  # every hostile string carries a tag; shown as rich text it would vanish


def _hostile(png: Path, what: str) -> str:
    return f'<img src="{png}" width="20000" height="20000">{MARK}{what}</b> &amp; <i>x</i>'


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    path = tmp_path / "photo.png"
    image.save(str(path))
    return path


@pytest.fixture
def hostile_team(tmp_path: Path, photo: Path) -> Iterator[Path]:
    """A team folder whose template and brand carry hostile names everywhere."""
    team = tmp_path / "team"
    (team / "templates").mkdir(parents=True)
    (team / "brands" / "evil").mkdir(parents=True)
    template = {
        "format": "briefing-template",
        "version": 1,
        "id": "evil",
        "name": _hostile(photo, "Template"),
        "description": _hostile(photo, "Description"),
        "sections": [
            {"id": "a", "title": _hostile(photo, "Section"), "guidance": _hostile(photo, "G")},
        ],
        "handling": f"{MARK}TLP</b>",  # at most 100 characters
        "brand": "evil",
    }
    brand = {
        "format": "briefing-brand",
        "version": 1,
        "id": "evil",
        "name": _hostile(photo, "Brand"),
        "description": _hostile(photo, "Brand description"),
    }
    (team / "templates" / "evil.json").write_text(json.dumps(template), encoding="utf-8")
    (team / "brands" / "evil" / "brand.json").write_text(json.dumps(brand), encoding="utf-8")
    set_team_library_dir(team)
    library = Library()
    assert [t.id for t in library.templates()][-1] == "evil", library.problems()
    yield team
    set_team_library_dir(None)


def _tooltips(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(where, tooltip) for the widget, its actions and every item of its item views."""
    yield type(widget).__name__, widget.toolTip()
    for action in widget.actions():
        yield f"action {action.text()}", action.toolTip()
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()

        def columns(parent: QModelIndex) -> int:
            try:
                return int(model.columnCount(parent))
            except TypeError:  # a list model keeps columnCount private: one column
                return 1

        def walk(parent: QModelIndex) -> Iterator[tuple[str, str]]:
            for row in range(model.rowCount(parent)):
                for col in range(columns(parent)):
                    index = model.index(row, col, parent)
                    tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                    yield f"item {row},{col}", str(tip or "")
                    if col == 0:
                        yield from walk(index)

        yield from walk(QModelIndex())


def visible(text: str) -> str:
    """What Qt shows for ``text`` in a tooltip, message box or AutoText label."""
    if not QtGuiFunctions.mightBeRichText(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText().replace("\u2029", "\n").replace("\u00a0", " ")


def _would_render_rich(text: str) -> bool:
    """Qt would take ``text`` for rich text and the hostile tags are still in it raw."""
    return bool(QtGuiFunctions.mightBeRichText(text)) and MARK in text


def assert_plain_everywhere(top: QWidget) -> int:
    """Fail if any label, tooltip or item under ``top`` would render a hostile string as rich
    text; returns how many hostile strings were found shown (so a test sees it looked)."""
    shown = 0
    widgets = [top, *top.findChildren(QWidget)]
    for widget in widgets:
        if isinstance(widget, QLabel) and "&lt;img" not in widget.text():
            text = widget.text()
            shown += "<img" in text
            rich = widget.textFormat() == Qt.TextFormat.RichText or (
                widget.textFormat() == Qt.TextFormat.AutoText and _would_render_rich(text)
            )
            assert not (rich and "<img" in text), f"rich label: {text[:80]!r}"
        for where, tip in _tooltips(widget):
            shown += "img" in tip
            assert not _would_render_rich(tip), f"rich tooltip on {where}: {tip[:80]!r}"
        hint = widget.sizeHint()
        assert hint.width() < 5000 and hint.height() < 5000, f"{type(widget).__name__} {hint}"
    return shown


@pytest.fixture
def boxes_checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every message box shown (static or not) is checked for rich text; texts recorded."""
    seen: list[str] = []

    def check_text(text: str) -> None:
        seen.append(visible(text))
        assert not _would_render_rich(text), f"rich message box: {text[:80]!r}"

    def static(answer: Any) -> Any:
        def show(_parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> Any:
            check_text(text)
            return answer

        return staticmethod(show)

    def exec_(box: QMessageBox) -> int:
        for label in box.findChildren(QLabel):
            if label.objectName() in ("qt_msgbox_label", "qt_msgbox_informativelabel"):
                seen.append(label.text())
                if label.textFormat() != Qt.TextFormat.PlainText:
                    check_text(label.text())
        return 0

    for name, answer in (
        ("warning", QMessageBox.StandardButton.Ok),
        ("information", QMessageBox.StandardButton.Ok),
        ("critical", QMessageBox.StandardButton.Ok),
        ("question", QMessageBox.StandardButton.Yes),
    ):
        monkeypatch.setattr(QMessageBox, name, static(answer))
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return seen


def _select(dialog: NewBriefingDialog, template_id: str) -> None:
    ids = [dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.list.count())]
    dialog.list.setCurrentRow(ids.index(template_id))


def test_review_template_name_is_shown_as_its_characters(qtbot, hostile_team: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = NewBriefingDialog(None, Library(), thumbnails=False)
    qtbot.addWidget(dialog)
    dialog.show()
    _select(dialog, "evil")
    assert dialog.name_label.text().startswith("<img")
    assert dialog.name_label.textFormat() == Qt.TextFormat.PlainText
    assert "&lt;img" in dialog.sections_label.text()  # its own markup, the names escaped
    assert dialog.sizeHint().width() < 3000 and dialog.sizeHint().height() < 3000
    assert assert_plain_everywhere(dialog) >= 3


def test_manager_shows_hostile_names_as_plain_text(  # type: ignore[no-untyped-def]
    qtbot, hostile_team: Path, boxes_checked: list[str]
) -> None:
    window = make_manager(qtbot)
    window.show()
    for kind in ("template", "brand"):
        window.select(kind, "evil")
        assert assert_plain_everywhere(window) >= 1
    # A user copy can be deleted: the question names it.
    window.select("template", "evil")
    window.duplicate()
    assert window.current() == ("template", "evil-copy")
    assert assert_plain_everywhere(window) >= 1
    window.delete_action.trigger()  # "Delete the template “<img…” ?"
    assert any(MARK in text for text in boxes_checked), boxes_checked


def _hostile_briefing(photo: Path) -> Briefing:
    h = lambda what: _hostile(photo, what)  # noqa: E731
    return Briefing(
        title=h("Title"),
        subtitle=h("Subtitle"),
        sections=[Section("a", h("Section"), h("Body"), guidance=h("Guidance"))],
        predictions=[Prediction(h("Statement"), 70, "likely", h("Timeframe"))],
        sources=[
            Article(
                h("Source"),
                blocks=[
                    Block("paragraph", h("Block"), id="b1"),
                    Block("callout", h("Callout"), id="b2", label=h("Label")),
                ],
                site=h("Site"),
                url=h("Url"),
                published=h("Date"),
                origin=h("origin") + ".txt",
                id="s1",
            )
        ],
    )


def test_main_window_shows_hostile_document_strings_as_plain_text(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, photo: Path, hostile_team: Path, monkeypatch
) -> None:
    patch_boxes(monkeypatch)
    path = tmp_path / "hostile.briefing"
    save_briefing(_hostile_briefing(photo), path)
    ed = make_editor(qtbot, start=False)
    ed.start(str(path), offer_restore=False)
    ed.window.show()
    ed.sources.tree.expandAll()
    shown = assert_plain_everywhere(ed.window)
    assert shown >= 5, "the walk saw the hostile strings"
    close_quietly(ed)


def test_message_boxes_show_hostile_file_names_as_plain_text(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, photo: Path, boxes_checked: list[str]
) -> None:
    from briefing.ui.dialogs import show_error

    ed = make_editor(qtbot)
    bad = tmp_path / f"{_hostile(photo, 'Name').replace('/', '_')}.briefing"
    bad.write_text("{ damaged")
    assert not ed.controller.open_path(bad)
    show_error(None, _hostile(photo, "Error") + "\n" + _hostile(photo, "More"))
    assert len([t for t in boxes_checked if MARK in t]) >= 3, boxes_checked
    close_quietly(ed)


@pytest.mark.parametrize(
    "text", ["<b>x</b>", "<img src=/x width=9>", "<qt>a</qt>", "a < b", "plain", "x\n<b>y</b>"]
)
def test_plain_keeps_every_character_and_is_never_rich(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    shown = plain(text)
    assert not _would_render_rich(shown)
    assert " ".join(visible(shown).split()) == " ".join(text.split())
    box = plain_box(QMessageBox())
    box.setText(text)
    box.setInformativeText(text)
    labels = [w for w in box.findChildren(QLabel) if w.objectName().startswith("qt_msgbox_")]
    assert all(w.textFormat() == Qt.TextFormat.PlainText for w in labels if w.text())


def test_memory_windows_show_hostile_strings_as_plain_text(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, photo: Path, monkeypatch
) -> None:
    """The Library, the Ledger and What changed show what the library indexed, the ledger
    holds and a previous edition kept: every one of those strings from a hostile file."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QFileDialog

    from briefing.core.memory.index import MemoryIndex
    from briefing.core.memory.record import record_saved

    patch_boxes(monkeypatch)
    hostile = _hostile_briefing(photo)
    hostile.predictions[0].id = "p-0123456789ab"
    hostile.predictions[0].criteria = _hostile(photo, "Criteria")
    hostile.predictions[0].indicators = [_hostile(photo, "Indicator")]
    path = tmp_path / "hostile.briefing"
    save_briefing(hostile, path)
    with MemoryIndex() as index:
        record_saved(hostile, path, index)
    ed = make_editor(qtbot)
    ed.actions.library.trigger()
    lib = ed.memory.library
    assert lib is not None
    QTest.keyClicks(lib.query, "block")  # the hostile block's word
    qtbot.waitUntil(lambda: lib.current_hit is not None and lib.passages.count() > 0, timeout=10000)
    assert assert_plain_everywhere(lib) >= 2
    ed.actions.ledger.trigger()
    ledger = ed.memory.ledger
    assert ledger is not None
    qtbot.waitUntil(lambda: ledger.table.rowCount() == 1, timeout=10000)
    ledger.table.selectRow(0)
    assert assert_plain_everywhere(ledger) >= 2
    # The next edition of the hostile briefing, its text changed: What changed quotes both.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    ed.actions.new_edition.trigger()
    section = ed.session.briefing.sections[0]
    ed.session.set_section_text(section.id, _hostile(photo, "Changed"))
    ed.actions.what_changed.trigger()
    view = ed.memory.changes
    assert view is not None and "<img" in view.text.toPlainText()
    assert assert_plain_everywhere(view) >= 1
    close_quietly(ed)


def test_formatted_section_tooltips_and_the_export_notice_are_plain_text(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, photo: Path, monkeypatch
) -> None:
    """The formatted editor shows its tooltips on hover (a citation chip names the source's
    title from the file), and the export notice names the file written: neither is rich."""
    from PySide6.QtWidgets import QToolTip

    patch_boxes(monkeypatch)
    hostile = _hostile_briefing(photo)
    hostile.sections[0].markdown = "Two cranes were idle. [@s1]\n"
    path = tmp_path / "hostile.briefing"
    save_briefing(hostile, path)
    ed = make_editor(qtbot, start=False)
    ed.start(str(path), offer_restore=False)
    ed.window.show()
    box = ed.window.findChild(QWidget, "editor-a")
    assert box is not None
    tip = hover_last_character(box)
    assert "<img" in visible(tip) and not _would_render_rich(tip), tip[:120]
    QToolTip.hideText()
    ed.window.export_notice.show_for(tmp_path / f"{_hostile(photo, 'Out').replace('/', '_')}.pdf")
    assert assert_plain_everywhere(ed.window.export_notice) >= 1
    close_quietly(ed)
