"""The editor's link to the library: Library ▸ Save Briefing as Template, the toolbar
switchers following the manager and the team folder, the HarfBuzz start-up note."""

from __future__ import annotations

import json
from pathlib import Path

from editor_support import close_quietly, make_editor, patch_boxes
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from briefing.core.storage.library import Library
from briefing.core.storage.template_io import template_to_dict


def box_ids(box) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(box.itemData(i)) for i in range(box.count())]


def library_menu_actions(editor) -> list[str]:  # type: ignore[no-untyped-def]
    menus = [a.menu() for a in editor.window.menuBar().actions() if a.menu() is not None]
    library = next(m for m in menus if m.title() == "&Library")
    return [a.text() for a in library.actions()]


def test_save_briefing_as_template_from_the_library_menu(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    assert ed.actions.save_as_template.text() in library_menu_actions(ed)
    ed.session.briefing.sections[0].title = "Context"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Arctic desk", True))
    assert "arctic-desk" not in box_ids(ed.window.template_box)

    ed.actions.save_as_template.trigger()

    assert "arctic-desk" in box_ids(ed.window.template_box)
    stored = Library().template("arctic-desk")
    assert stored.origin == "user" and stored.sections[0].title == "Context"
    assert "Arctic desk" in ed.window.statusBar().currentMessage()
    # the briefing itself keeps its template; choosing the new one re-drafts into it
    assert ed.window.template_box.currentData() == ed.session.briefing.template.id
    close_quietly(ed)


def test_manager_changes_refresh_the_toolbar_switchers(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    ed.manager()
    manager = ed._manager
    qtbot.addWidget(manager)
    before = set(box_ids(ed.window.template_box))
    manager.select("template", "bluf")
    manager.duplicate()  # the manager's own command: copies, refreshes, emits
    added = set(box_ids(ed.window.template_box)) - before
    assert len(added) == 1 and Library().template(added.pop()).origin == "user"
    manager._dirty = False
    manager.close()
    close_quietly(ed)


def test_team_folder_from_preferences_shows_live_in_the_switchers(
    qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from briefing.ui.preferences import PreferencesDialog

    patch_boxes(monkeypatch)
    team = tmp_path / "team"
    (team / "templates").mkdir(parents=True)
    ed = make_editor(qtbot)

    def choose_team(dialog: PreferencesDialog) -> int:
        dialog.team_edit.setText(str(team))
        dialog.accept()
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(PreferencesDialog, "exec", choose_team)
    ed.actions.preferences.trigger()
    assert str(team / "templates") in {str(p) for p in ed.library_link.watcher.folders()}

    # a colleague adds a template while the editor is open: no restart, no manager needed
    shared = Library().template("sitrep")
    shared.id, shared.name = "team-sitrep", "Team SITREP"
    (team / "templates" / "team-sitrep.json").write_text(json.dumps(template_to_dict(shared)))
    qtbot.waitUntil(lambda: "team-sitrep" in box_ids(ed.window.template_box), timeout=10000)
    (team / "templates" / "team-sitrep.json").unlink()
    qtbot.waitUntil(lambda: "team-sitrep" not in box_ids(ed.window.template_box), timeout=10000)
    close_quietly(ed)


def test_missing_harfbuzz_subset_is_a_quiet_status_note(qtbot, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    import briefing.core.rendering.fonts as rendering

    boxes = patch_boxes(monkeypatch)
    modal: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: modal.append(str(a)))
    monkeypatch.setattr(rendering, "harfbuzz_subset_available", lambda: False)
    ed = make_editor(qtbot)
    qtbot.waitUntil(lambda: ed.harfbuzz_check.done, timeout=10000)
    label = ed.harfbuzz_check.label
    assert label is not None and "Slow PDF export" in label.text()
    assert "libharfbuzz-subset0" in label.toolTip()
    assert "libharfbuzz-subset0" in ed.window.statusBar().currentMessage()
    assert any("libharfbuzz-subset0" in r.getMessage() for r in caplog.records)
    assert not boxes.shown and not modal  # nothing to dismiss on a first run
    close_quietly(ed)

    monkeypatch.setattr(rendering, "harfbuzz_subset_available", lambda: True)
    ed = make_editor(qtbot)
    qtbot.waitUntil(lambda: ed.harfbuzz_check.done, timeout=10000)
    assert ed.harfbuzz_check.label is None
    close_quietly(ed)
