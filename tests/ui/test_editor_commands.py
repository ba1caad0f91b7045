"""Commands wired to other windows: New (template chooser), Export, Find; and the controller
driven through a fake view, without any dialog."""

from __future__ import annotations

from pathlib import Path

from editor_support import close_quietly, make_editor, patch_boxes
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from support.waiting import wait_until

from briefing.ui.controller import Controller
from briefing.ui.session import DocumentSession


def test_new_uses_the_template_chooser(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from briefing.ui.new_dialog import NewBriefingDialog

    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    chosen: list[str] = []

    def pick(dialog: NewBriefingDialog) -> int:
        ids = [
            dialog.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.list.count())
        ]
        for row in range(dialog.list.count()):
            dialog.list.setCurrentRow(row)
            if dialog.selected_template_id() not in (None, "standard"):
                chosen.append(str(dialog.selected_template_id()))
                return int(QDialog.DialogCode.Accepted)
        raise AssertionError(ids)

    monkeypatch.setattr(NewBriefingDialog, "exec", pick)
    ed.actions.new.trigger()
    assert chosen and ed.session.briefing.template.id == chosen[0]
    assert ed.window.template_box.currentData() == chosen[0]
    assert [s.id for s in ed.session.briefing.sections] == list(ed.briefing_pane.editors)
    close_quietly(ed)


def test_export_runs_the_export_dialog(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    from briefing.ui.export_dialog import ExportDialog

    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    ed.session.set_field("title", "Exported from the editor")
    target = tmp_path / "out.pdf"

    def run(dialog: ExportDialog) -> int:
        dialog.path_edit.setText(str(target))
        assert dialog.start_export()
        assert wait_until(lambda: not dialog.is_busy(), 120_000)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(ExportDialog, "exec", run)
    ed.actions.export.trigger()
    assert "Exported from the editor" in PdfReader(str(target)).pages[0].extract_text()
    close_quietly(ed)


def test_find_opens_over_the_section_editors(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    sid = ed.session.briefing.sections[0].id
    ed.session.set_section_text(sid, "Cables cut near Svalbard.")
    monkeypatch.setattr("briefing.ui.undo.MERGE_WINDOW_S", -1.0)  # as if typed a while ago
    ed.actions.find.trigger()
    dialog = ed._find
    assert dialog is not None and dialog.isVisible()
    dialog.find_edit.setText("Svalbard")
    dialog.replace_edit.setText("Bear Island")
    assert dialog.replace_all() == 1
    assert ed.session.briefing.section(sid).markdown == "Cables cut near Bear Island.\n"
    ed.session.undo_stack.undo()  # the document's undo covers a replace too
    assert ed.session.briefing.section(sid).markdown == "Cables cut near Svalbard."
    dialog.close()
    close_quietly(ed)


class FakeView:
    """The controller's whole view API, answering from a script and recording what it saw."""

    def __init__(self, **answers: object) -> None:
        self.answers = answers
        self.errors: list[str] = []
        self.statuses: list[str] = []

    def show_error(self, message: str) -> None:
        self.errors.append(message)

    def status(self, message: str) -> None:
        self.statuses.append(message)

    def ask_unsaved(self, name: str):  # type: ignore[no-untyped-def]
        return self.answers.get("unsaved", "cancel")

    def ask_locked(self, path: Path, detail: str):  # type: ignore[no-untyped-def]
        return self.answers.get("locked", "cancel")

    def ask_overwrite_changed(self, path: Path) -> bool:
        return bool(self.answers.get("overwrite", False))

    def confirm_switch(self, template_name: str, changes: list[str]) -> bool:
        self.statuses.append("; ".join(changes))
        return bool(self.answers.get("drop", False))

    def confirm_duplicate(self, title: str, existing: str) -> bool:
        self.statuses.append(f"duplicate: {title} ({existing})")
        return bool(self.answers.get("duplicate", False))

    def ask_restore(self, description: str):  # type: ignore[no-untyped-def]
        return self.answers.get("restore", "keep")

    def open_paths_dialog(self) -> list[str]:
        return list(self.answers.get("open_paths", []))  # type: ignore[call-overload]

    def open_path_dialog(self) -> str | None:
        return self.answers.get("open_path")  # type: ignore[return-value]

    def save_path_dialog(self, suggested: str) -> str | None:
        return self.answers.get("save_path")  # type: ignore[return-value]

    def choose_template(self) -> str | None:
        return self.answers.get("template", "standard")  # type: ignore[return-value]


def test_controller_flows_with_a_fake_view(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from briefing.core.storage.library import Library

    session = DocumentSession()
    view = FakeView(save_path=str(tmp_path / "plain.briefing"), unsaved="cancel")
    controller = Controller(session, view, Library())
    assert controller.new_document("standard")
    session.set_field("title", "Fake view")
    assert not controller.new_document("standard")  # unsaved: the fake view says cancel
    assert session.briefing.title == "Fake view"
    assert controller.save() and (tmp_path / "plain.briefing").is_file()
    assert view.statuses[-1] == "Saved plain.briefing"
    assert controller.import_paths([tmp_path / "missing.txt"]) == 1
    assert wait_until(controller.imports.is_idle)
    assert "missing.txt" in view.errors[-1]
    assert not controller.switch_template("no-such-template")
    assert "no-such-template" in view.errors[-1]
    assert controller.close_document()


def test_the_editor_starts_without_a_preview_when_qtpdf_is_missing(
    qtbot, monkeypatch, caplog
) -> None:  # type: ignore[no-untyped-def]
    import sys

    patch_boxes(monkeypatch)
    # As on a PySide6 build without QtPdf: importing the preview now raises ImportError.
    monkeypatch.setitem(sys.modules, "briefing.ui.preview", None)
    ed = make_editor(qtbot, preview=True)
    assert ed.preview is None
    assert ed.window.splitter.count() == 3  # a placeholder holds the preview's place
    assert "preview" in caplog.text
    sid = ed.session.briefing.sections[0].id
    ed.session.set_section_text(sid, "Still editable")
    assert ed.briefing_pane.editors[sid].editor.toPlainText() == "Still editable"
    close_quietly(ed)
