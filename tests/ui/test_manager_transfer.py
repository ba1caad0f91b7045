"""Manager: export and import with a conflict choice, hostile packages, the live team folder,
and "Save as template" from a briefing."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from manager_helpers import capture_warnings, make_manager
from PySide6.QtWidgets import QFileDialog, QInputDialog

from briefing.core.drafting.demo import demo_briefing
from briefing.core.storage.library import Library
from briefing.core.storage.preferences import set_team_library_dir
from briefing.core.storage.template_io import brand_to_dict, template_to_dict
from briefing.ui.manager import save_briefing_as_template, transfer


def user_files(library: Library) -> set[Path]:
    found: set[Path] = set()
    for folder in (library.user_templates_dir(), library.user_brands_dir()):
        if folder.exists():
            found |= {p for p in folder.rglob("*") if p.is_file()}
    return found


@pytest.fixture
def exported(qtbot, tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    """A user template "standard-copy" exported as a package file."""
    window = make_manager(qtbot)
    window.select("template", "standard")
    window.duplicate()
    target = tmp_path / "shared" / "standard-copy.bftemplate"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.export() == target
    assert zipfile.is_zipfile(target)
    return window, target


@pytest.mark.parametrize("choice", ["replace", "keep-both", None])
def test_import_of_an_existing_id_asks_replace_or_keep_both(  # type: ignore[no-untyped-def]
    exported, monkeypatch, choice
) -> None:
    window, package = exported
    library = Library()
    edited = library.template("standard-copy")
    edited.name = "Changed since export"
    library.save_template(edited)
    asked: list[tuple[str, str]] = []

    def ask(_parent, kind: str, item_id: str):  # type: ignore[no-untyped-def]
        asked.append((kind, item_id))
        return choice

    monkeypatch.setattr(transfer, "ask_conflict", ask)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(package), ""))
    imported = window.import_file(None)

    assert asked == [("template", "standard-copy")]
    ids = {t.id for t in Library().templates()}
    if choice == "replace":
        assert imported is not None and imported.id == "standard-copy"
        assert Library().template("standard-copy").name == "Standard briefing (copy)"
    elif choice == "keep-both":
        assert imported is not None and imported.id != "standard-copy" and imported.id in ids
        assert Library().template("standard-copy").name == "Changed since export"
        assert window.current() == ("template", imported.id)
    else:
        assert imported is None
        assert Library().template("standard-copy").name == "Changed since export"


def test_brand_export_and_import_round_trip(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = make_manager(qtbot)
    window.select("brand", "ministry")
    target = tmp_path / "ministry"  # the suffix is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    path = window.export()
    assert path == tmp_path / "ministry.bfbrand"
    # "ministry" is built-in: the import is offered as a copy (Replace is not possible)
    monkeypatch.setattr(transfer, "ask_import_copy", lambda *a: "keep-both")
    imported = window.import_file(path)
    assert imported is not None and imported.id != "ministry"
    assert imported.logo == Library().brand("ministry").logo  # the logo travelled with it
    assert window.current() == ("brand", imported.id)


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize(
    "entry",
    ["../../escaped.json", "/etc/briefing-evil.json", "brands/x/../../../evil.svg"],
)
def test_hostile_package_is_refused_and_nothing_is_written(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, monkeypatch, entry: str
) -> None:
    shown = capture_warnings(monkeypatch)
    template = Library().template("bluf")
    template.id = "evil"
    data = template_to_dict(template)
    manifest = {
        "format": "briefing-package",
        "version": 1,
        "kind": "template",
        "template": "evil",
        "brands": {},
    }
    package = _zip(
        tmp_path / "evil.bftemplate",
        {
            "manifest.json": json.dumps(manifest).encode(),
            "template.json": json.dumps(data).encode(),
            entry: b"{}",
        },
    )
    window = make_manager(qtbot)
    before = user_files(Library())
    assert window.import_file(package) is None
    assert len(shown) == 1 and shown[0].startswith(str(package)) and "\n" not in shown[0]
    assert user_files(Library()) == before
    assert "evil" not in {t.id for t in Library().templates()}
    assert not (tmp_path.parent / "escaped.json").exists()


def test_not_a_package_is_refused(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown = capture_warnings(monkeypatch)
    fake = tmp_path / "holiday.bftemplate"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n not a zip")
    window = make_manager(qtbot)
    assert window.import_file(fake) is None
    assert len(shown) == 1 and shown[0].startswith(str(fake))


def test_team_folder_items_appear_read_only_and_update_live(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    team = tmp_path / "team"
    (team / "templates").mkdir(parents=True)
    first = Library().template("sitrep")
    first.id, first.name = "team-sitrep", "Team SITREP"
    (team / "templates" / "team-sitrep.json").write_text(json.dumps(template_to_dict(first)))
    set_team_library_dir(team)

    window = make_manager(qtbot)

    def texts() -> list[str]:
        listing = window.template_list
        return [listing.item(i).text() for i in range(listing.count())]

    assert any(t.startswith("Team SITREP\nTeam library") for t in texts())
    assert window.team_label.text() == f"Team library: {team} · 1 template, 0 brands"
    window.select("template", "team-sitrep")
    assert window.template_editor.name_edit.isReadOnly()
    assert "team library" in window.template_page.banner_label.text()
    assert str(team / "templates") in {str(p) for p in window.watched_folders()}

    second = Library().template("bluf")
    second.id, second.name = "team-bluf", "Team BLUF"
    (team / "templates" / "team-bluf.json").write_text(json.dumps(template_to_dict(second)))
    qtbot.waitUntil(lambda: any(t.startswith("Team BLUF") for t in texts()), timeout=10000)

    # an in-place edit of a file (no rename) shows up too
    second.name = "Team BLUF v2"
    with (team / "templates" / "team-bluf.json").open("w") as handle:
        handle.write(json.dumps(template_to_dict(second)))
    qtbot.waitUntil(lambda: any(t.startswith("Team BLUF v2") for t in texts()), timeout=10000)

    # a team brand, with its logo, appears read-only in the brand list
    brand = Library().brand("ministry")
    folder = team / "brands" / "team-house"
    folder.mkdir(parents=True)
    brand.id, brand.name, brand.logo = "team-house", "Team house style", None
    (folder / "brand.json").write_text(json.dumps(brand_to_dict(brand)))
    qtbot.waitUntil(lambda: window._find_item("brand", "team-house") is not None, timeout=10000)
    window.select("brand", "team-house")
    assert not window.brand_editor.logo_button.isEnabled()

    window.select("template", "team-sitrep")
    (team / "templates" / "team-sitrep.json").unlink()
    qtbot.waitUntil(lambda: not any(t.startswith("Team SITREP") for t in texts()), timeout=10000)
    assert window.current() == (None, None)


def test_dropping_a_package_on_the_window_imports_it(qtbot, exported, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    window, package = exported
    monkeypatch.setattr(transfer, "ask_conflict", lambda *a: "keep-both")
    before = {t.id for t in Library().templates()}
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(package))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    added = {t.id for t in Library().templates()} - before
    assert len(added) == 1 and window.current() == ("template", added.pop())


def test_save_briefing_as_template(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    library = Library()
    briefing = demo_briefing(library.template("standard"), library.brand("ministry"))
    briefing.sections[0].title = "Context"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Arctic desk note", True))
    saved = save_briefing_as_template(None, library, briefing)
    assert saved is not None and saved.id == "arctic-desk-note"
    stored = Library().template("arctic-desk-note")
    assert stored.sections[0].title == "Context"
    assert stored.brand == "ministry" and stored.origin == "user"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    assert save_briefing_as_template(None, library, briefing) is None


def _brand_package(tmp_path: Path, name: str, extra: dict[str, bytes], meta: dict) -> Path:  # type: ignore[type-arg]
    brand = Library().brand("default")
    data = brand_to_dict(brand)
    data.update(id="hostile", name="Hostile", logo=None, builtin=False)
    data.pop("origin", None)
    manifest = {
        "format": "briefing-package",
        "version": 1,
        "kind": "brand",
        "brands": {"hostile": meta},
    }
    entries = {
        "manifest.json": json.dumps(manifest).encode(),
        "brands/hostile/brand.json": json.dumps(data).encode(),
        **extra,
    }
    return _zip(tmp_path / name, entries)


@pytest.mark.parametrize(
    ("extra", "meta", "reason"),
    [
        (
            {"brands/hostile/logo.png": b"<svg xmlns='http://www.w3.org/2000/svg'/>"},
            {"logo": "logo.png", "fonts": {}},
            "is not a PNG image",
        ),
        (
            {"brands/hostile/logo.svg": b"<svg xmlns='http://www.w3.org/2000/svg' onload='x()'/>"},
            {"logo": "logo.svg", "fonts": {}},
            "event handler",
        ),
        (
            {"brands/hostile/fonts/f.ttf": b"MZ\x90\x00 an executable, not a font"},
            {"logo": None, "fonts": {"House": "fonts/f.ttf"}},
            "not a font",
        ),
    ],
)
def test_package_files_that_are_not_what_they_claim_are_refused(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, monkeypatch, extra, meta, reason: str
) -> None:
    shown = capture_warnings(monkeypatch)
    package = _brand_package(tmp_path, "hostile.bfbrand", extra, meta)
    window = make_manager(qtbot)
    before = user_files(Library())
    assert window.import_file(package) is None
    assert len(shown) == 1 and reason in shown[0]
    assert user_files(Library()) == before
    assert "hostile" not in {b.id for b in Library().brands()}


def test_symlink_entry_in_a_package_is_refused(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown = capture_warnings(monkeypatch)
    package = _brand_package(tmp_path, "link.bfbrand", {}, {"logo": "logo.svg", "fonts": {}})
    with zipfile.ZipFile(package, "a") as zf:
        info = zipfile.ZipInfo("brands/hostile/logo.svg")
        info.external_attr = 0o120777 << 16  # a symbolic link to a file outside
        zf.writestr(info, "/etc/passwd")
    window = make_manager(qtbot)
    before = user_files(Library())
    assert window.import_file(package) is None
    assert len(shown) == 1 and shown[0].startswith(str(package))
    assert user_files(Library()) == before


def test_importing_over_a_built_in_offers_a_copy_not_replace(
    qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    window = make_manager(qtbot)
    window.select("template", "standard")
    package = tmp_path / "standard.bftemplate"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(package), ""))
    assert window.export() == package
    monkeypatch.setattr(
        transfer, "ask_conflict", lambda *a: pytest.fail("Replace offered for a built-in")
    )
    seen: list[list[str]] = []

    def answer(box: QMessageBox) -> int:
        seen.append([b.text() for b in box.buttons()] + [box.text()])
        next(b for b in box.buttons() if b.text() == "Import as Copy").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    imported = window.import_file(package)
    assert imported is not None and imported.id != "standard" and imported.origin == "user"
    assert "Replace" not in seen[0] and "Standard briefing" in seen[0][-1]
    assert Library().template("standard").origin == "builtin"


def test_brand_yml_imports_with_its_notes_and_exports_as_brand_yml(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    import shutil

    from PySide6.QtWidgets import QMessageBox

    source = tmp_path / "house"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "brand-yml", source)
    window = make_manager(qtbot)
    shown: list[tuple[str, str]] = []

    def record(box: QMessageBox) -> int:
        shown.append((box.text(), box.informativeText()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    yml = str(source / "_brand.yml")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (yml, ""))
    window.import_action.trigger()  # the toolbar's Import… as a person clicks it
    assert window.current() == ("brand", "northbridge")
    assert Library().brand("northbridge").logo_alt == "Northbridge wordmark"
    assert shown and shown[0][0] == "Imported “Northbridge Risk Advisory Ltd” from _brand.yml."
    assert "kept for export, not used by Briefing" in shown[0][1]

    target = tmp_path / "out" / "house"
    target.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *a, **k: (str(target), transfer.BRAND_YML_FILTER),
    )
    window.export_action.trigger()
    written = tmp_path / "out" / "house.yml"
    assert "Northbridge" in written.read_text("utf-8")
    assert (tmp_path / "out" / "northbridge-logo.svg").is_file()


def test_a_hostile_brand_yml_is_refused_in_one_line(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown = capture_warnings(monkeypatch)
    window = make_manager(qtbot)
    bomb = tmp_path / "_brand.yml"
    bomb.write_text('a: &a ["x"]\nb: [*a, *a]\n', "utf-8")
    before = user_files(Library())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bomb), ""))
    window.import_action.trigger()
    assert len(shown) == 1 and "aliases" in shown[0] and "\n" not in shown[0]
    assert user_files(Library()) == before
