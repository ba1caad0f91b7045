"""Manager window: listing, duplicating built-ins, editing sections, save, rename, delete."""

from __future__ import annotations

import json
from pathlib import Path

from manager_helpers import answer_questions, capture_warnings, make_manager
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QInputDialog, QMessageBox

from briefing.core.storage.library import Library


def test_lists_built_in_templates_and_brands_read_only(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_manager(qtbot)
    library = Library()
    names = [window.template_list.item(i).text() for i in range(window.template_list.count())]
    assert len(names) == len(library.templates()) >= 4
    assert all("Built-in" in n for n in names)
    assert window.brand_list.count() == len(library.brands())

    window.select("template", "standard")
    assert window.stack.currentWidget() is window.template_page
    assert not window.template_page.banner.isHidden()
    assert "read-only" in window.template_page.banner_label.text()
    assert window.template_editor.name_edit.isReadOnly()
    assert not window.template_editor.add_button.isEnabled()
    assert not window.rename_action.isEnabled() and not window.delete_action.isEnabled()
    assert window.duplicate_action.isEnabled()

    window.select("brand", "default")
    assert window.stack.currentWidget() is window.brand_page
    assert not window.brand_editor.logo_button.isEnabled()


def test_duplicate_built_in_edit_sections_and_save(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_manager(qtbot)
    window.select("template", "standard")
    window.template_page.duplicate_button.click()
    kind, new_id = window.current()
    assert kind == "template" and new_id == "standard-copy"
    assert window.template_page.banner.isHidden()
    editor = window.template_editor
    assert not editor.name_edit.isReadOnly()
    titles = [s.title for s in Library().template("standard").sections]

    editor.name_edit.setText("Our standard")
    editor.name_edit.textEdited.emit("Our standard")
    editor.add_section("Sources and Methods")
    editor.word_budget.setValue(250)
    editor.fill_boxes["none"].setChecked(False)
    editor.fill_boxes["narrative"].setChecked(True)
    editor.rename_section(0, "Context")  # like double-click editing in the list
    # reorder by drag: the list's model moves the row exactly as a drop does
    model = editor.section_list.model()
    assert model.moveRow(QModelIndex(), editor.section_list.count() - 1, QModelIndex(), 0)
    assert window.is_dirty() and window.save_action.isEnabled()
    assert window.save()

    saved = Library().template("standard-copy")
    assert saved.name == "Our standard"
    assert [s.title for s in saved.sections] == ["Sources and Methods", "Context", *titles[1:]]
    added = saved.sections[0]
    assert (added.id, added.word_budget, added.fill) == ("sources-and-methods", 250, ["narrative"])
    assert saved.origin == "user" and not window.is_dirty()
    assert Library().template("standard").sections[0].title == titles[0]  # built-in untouched


def test_duplicate_section_ids_and_missing_titles_are_refused(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown = capture_warnings(monkeypatch)
    window = make_manager(qtbot)
    window.select("template", "bluf")
    window.duplicate()
    path = Library().user_templates_dir() / "bluf-copy.json"
    before = path.read_bytes()
    editor = window.template_editor
    editor.section_list.setCurrentRow(1)
    first_id = editor.sections()[0].id
    editor.section_id_edit.setText(first_id)
    editor.section_id_edit.textEdited.emit(first_id)
    assert not window.save()
    assert len(shown) == 1 and f"duplicate section id '{first_id}'" in shown[0]
    assert "\n" not in shown[0]
    assert path.read_bytes() == before
    assert window.is_dirty()  # the edit is kept so the analyst can fix it


def test_rename_and_delete_a_user_template(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_manager(qtbot)
    window.select("template", "sitrep")
    window.duplicate()
    _, copy_id = window.current()
    assert window.rename_action.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Night shift SITREP", True))
    window.rename()
    assert Library().template(copy_id).name == "Night shift SITREP"
    assert any(
        "Night shift SITREP" in window.template_list.item(i).text()
        for i in range(window.template_list.count())
    )

    answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    window.delete()
    assert copy_id in {t.id for t in Library().templates()}
    answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    window.delete()
    assert copy_id not in {t.id for t in Library().templates()}
    assert window.current() == (None, None)
    assert not (Library().user_templates_dir() / f"{copy_id}.json").exists()


def test_unsaved_changes_are_asked_about_when_switching(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_manager(qtbot)
    window.select("template", "standard")
    window.duplicate()
    _, copy_id = window.current()
    window.template_editor.add_section("Annex")
    assert window.is_dirty()

    answer_questions(monkeypatch, QMessageBox.StandardButton.Cancel)
    window.template_list.setCurrentRow(0)
    assert window.current() == ("template", copy_id) and window.is_dirty()

    answer_questions(monkeypatch, QMessageBox.StandardButton.Save)
    window.template_list.setCurrentRow(0)
    assert window.current()[1] == window.template_list.item(0).data(0x0100)
    saved = json.loads((Library().user_templates_dir() / f"{copy_id}.json").read_text())
    assert saved["sections"][-1]["title"] == "Annex"


def test_new_template_and_new_brand(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_manager(qtbot)
    window.new_item()
    kind, new_id = window.current()
    assert kind == "template" and Library().template(new_id).name == "New template"
    window.tabs.setCurrentIndex(1)
    window.new_item()
    kind, brand_id = window.current()
    assert kind == "brand" and Library().brand(brand_id).name == "New brand"
    assert Path(Library().user_brands_dir() / brand_id / "brand.json").is_file()


def test_new_section_id_follows_its_title_and_read_only_lists_cannot_be_renamed(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_manager(qtbot)
    window.select("template", "standard")
    triggers = window.template_editor.section_list.editTriggers()
    assert triggers == triggers.NoEditTriggers
    window.duplicate()
    editor = window.template_editor
    assert editor.section_list.editTriggers() != triggers.NoEditTriggers
    editor.add_section()
    editor.title_edit.setText("Annex: Sources")
    editor.title_edit.textEdited.emit("Annex: Sources")
    assert editor.section_id_edit.text() == "annex-sources"
    editor.section_list.setCurrentRow(0)  # an existing section keeps its id
    editor.title_edit.setText("Context")
    editor.title_edit.textEdited.emit("Context")
    assert editor.section_id_edit.text() == "background"
    with qtbot.waitSignal(window.library_changed):
        assert window.save()
    ids = [s.id for s in Library().template("standard-copy").sections]
    assert ids[0] == "background" and ids[-1] == "annex-sources"


def test_damaged_team_file_is_skipped_and_reported(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from briefing.core.storage.preferences import set_team_library_dir

    team = tmp_path / "team"
    (team / "templates").mkdir(parents=True)
    (team / "templates" / "broken.json").write_text("{ not json")
    set_team_library_dir(team)
    window = make_manager(qtbot)
    assert window.template_list.count() == len(Library().templates()) >= 4
    assert "broken.json" in window.status.currentMessage()


def test_window_accepts_the_library_alone(qtbot) -> None:  # type: ignore[no-untyped-def]
    from briefing.ui.manager import ManagerWindow

    library = Library()
    window = ManagerWindow(library, thumbnails=False, preview=False)
    qtbot.addWidget(window)
    assert window.library is library and window.parent() is None


def test_opens_on_the_first_template_and_brands_tab_shows_a_brand(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_manager(qtbot)
    assert window.current() == ("template", Library().templates()[0].id)
    window.tabs.setCurrentIndex(1)
    assert window.current() == ("brand", Library().brands()[0].id)
    assert window.stack.currentWidget() is window.brand_page


def test_a_template_defines_classifications_and_portion_marks(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    window = make_manager(qtbot)
    window.select("template", "standard")
    window.duplicate()
    editor = window.template_editor
    editor.classifications.add_button.click()
    table = editor.classifications.table
    table.item(0, 0).setText("OFFICIAL-SENSITIVE")
    table.item(0, 2).setText("#7A1F1F")
    table.item(0, 4).setCheckState(Qt.CheckState.Unchecked)  # top only
    table.item(0, 5).setText("OS")
    labels = [editor.handling_combo.itemText(i) for i in range(editor.handling_combo.count())]
    assert "OFFICIAL-SENSITIVE" in labels
    editor.portion_box.click()
    assert window.save()
    saved = Library().template(window.current()[1])
    assert saved.portion_marks
    assert [(c.label, c.background, c.top, c.bottom, c.portion) for c in saved.classifications] == [
        ("OFFICIAL-SENSITIVE", "#7A1F1F", True, False, "OS")
    ]


def test_the_likelihood_scale_is_a_template_option(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Pick the UK PHIA yardstick in the template editor's combo, as a person does, and save:
    the template and a briefing drafted from it follow that scale."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from briefing.core.drafting import draft_briefing
    from briefing.core.model.article import Article, Block

    window = make_manager(qtbot)
    window.select("template", "standard")
    assert window.template_editor.scale_combo.currentText() == "ICD 203"
    assert not window.template_editor.scale_combo.isEnabled()  # built-in: read-only
    window.template_page.duplicate_button.click()
    combo = window.template_editor.scale_combo
    assert combo.isEnabled()
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)  # the next scale in the list: PHIA
    assert combo.currentText() == "PHIA probability yardstick"
    assert window.is_dirty() and window.save()
    saved = Library().template("standard-copy")
    assert saved.likelihood_scale == "phia"
    article = Article(
        "T", blocks=[Block("paragraph", "Talks will very likely resume before June 2027.", "p")]
    )
    assert draft_briefing([article], saved).predictions[0].term == "highly likely"
