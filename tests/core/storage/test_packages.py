"""Sharing templates and brands as one file: export, import, conflicts."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from test_brand_io import FONT, tiny_png, uri

from briefing.core import paths
from briefing.core.errors import IdConflictError, LibraryError
from briefing.core.model.template import Brand, BrandFonts, SectionSpec, Template
from briefing.core.storage.library import Library
from briefing.core.storage.packages import package_bytes, read_package


def _colleague(tmp_path: Path) -> Library:
    """A second machine: its own user folder, same built-ins."""
    return Library(user_dir=tmp_path / "colleague", team_dir=tmp_path / "no-team")


def test_template_travels_with_its_brand_logo_and_fonts(tmp_path: Path) -> None:
    mine = Library()
    brand = Brand(
        id="acme",
        name="Acme",
        logo=uri("image/png", tiny_png()),
        fonts=BrandFonts(
            heading="Acme Sans", body="Lato", files={"Acme Sans": uri("font/ttf", FONT)}
        ),
    )
    mine.save_brand(brand)
    template = Template(
        id="acme-weekly",
        name="Acme weekly",
        sections=[SectionSpec(id="summary", title="Summary", fill=["bottom-line"], word_budget=90)],
        brand="acme",
    )
    mine.save_template(template)
    out = tmp_path / "acme-weekly.bftemplate"
    mine.export_template("acme-weekly", out)
    names = zipfile.ZipFile(out).namelist()
    assert {
        "manifest.json",
        "template.json",
        "brands/acme/brand.json",
        "brands/acme/logo.png",
    } <= set(names)
    assert any(n.startswith("brands/acme/fonts/") and n.endswith(".ttf") for n in names)

    theirs = _colleague(tmp_path)
    imported = theirs.import_template(out)
    assert imported.id == "acme-weekly" and imported.origin == "user"
    assert imported.sections == template.sections
    got = theirs.brand("acme")
    assert got.logo == brand.logo and got.fonts.files == brand.fonts.files


def test_exporting_a_builtin_then_importing_keeps_both_or_refuses(tmp_path: Path) -> None:
    lib = Library()
    out = tmp_path / "standard.bftemplate"
    lib.export_template("standard", out)
    with pytest.raises(IdConflictError, match="already exists") as clash:
        lib.import_template(out)
    assert (clash.value.kind, clash.value.item_id) == ("template", "standard")
    assert clash.value.existing_read_only and not clash.value.replacing
    with pytest.raises(IdConflictError, match="read-only; keep both") as clash:
        lib.import_template(out, on_conflict="replace")
    assert clash.value.replacing
    copy = lib.import_template(out, on_conflict="keep-both")
    # The default brand came along unchanged, so it is reused rather than duplicated.
    assert copy.id == "standard-2" and copy.brand == "default"
    assert [b.id for b in lib.brands() if b.origin == "user"] == []
    assert lib.template("standard").name == "Standard briefing"


def test_replace_and_keep_both_for_user_items(tmp_path: Path) -> None:
    lib = Library()
    lib.save_template(Template(id="note", name="Note v1"))
    out = tmp_path / "note.bftemplate"
    lib.export_template("note", out)
    lib.rename_template("note", "Note v2")
    assert lib.import_template(out, on_conflict="replace").name == "Note v1"
    assert lib.template("note").name == "Note v1"
    kept = lib.import_template(out, on_conflict="keep-both")
    assert kept.id == "note-2" and lib.template("note").name == "Note v1"
    assert lib.import_template(out, on_conflict="keep-both").id == "note-3"


def test_changed_brand_with_same_id_follows_the_conflict_choice(tmp_path: Path) -> None:
    lib = Library()
    lib.save_brand(Brand(id="house", name="House"))
    lib.save_template(Template(id="memo", name="Memo", brand="house"))
    out = tmp_path / "memo.bftemplate"
    lib.export_template("memo", out)
    other = _colleague(tmp_path)
    other.save_brand(Brand(id="house", name="Their house"))
    with pytest.raises(LibraryError, match="brand with id 'house' already exists"):
        other.import_template(out)
    assert [t.id for t in other.templates() if t.origin == "user"] == []
    memo = other.import_template(out, on_conflict="keep-both")
    assert memo.brand == "house-2" and other.brand("house").name == "Their house"
    assert other.brand("house-2").name == "House (imported)"


def test_brand_package_round_trip_and_wrong_kind(tmp_path: Path) -> None:
    lib = Library()
    out = tmp_path / "ministry.bfbrand"
    lib.export_brand("ministry", out)
    pkg = read_package(out)
    assert pkg.kind == "brand" and pkg.template is None and pkg.brands[0].id == "ministry"
    theirs = _colleague(tmp_path)
    got = theirs.import_brand(out, on_conflict="keep-both")
    assert got.id == "ministry-2" and got.logo == lib.brand("ministry").logo
    with pytest.raises(LibraryError, match="holds a brand, not a template"):
        theirs.import_template(out)
    tpl = tmp_path / "bluf.bftemplate"
    lib.export_template("bluf", tpl)
    with pytest.raises(LibraryError, match="holds a template, not a brand"):
        theirs.import_brand(tpl)


def test_plain_json_export_and_import(tmp_path: Path) -> None:
    lib = Library()
    out = tmp_path / "sitrep.json"
    lib.export_template("sitrep", out)
    got = _colleague(tmp_path).import_template(out, on_conflict="keep-both")
    assert got.id == "sitrep-2" and len(got.sections) == 4
    assert not (paths.user_templates_dir() / "sitrep-2.json").exists()  # went to the colleague


def test_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match=r"nothing\.bftemplate: cannot read the file"):
        Library().import_template(tmp_path / "nothing.bftemplate")


def test_template_package_may_carry_only_its_own_brand(tmp_path: Path) -> None:
    lib = Library()
    lib.save_brand(Brand(id="extra", name="Extra"))
    template = lib.template("standard")
    data = package_bytes("template", template, [lib.brand("default"), lib.brand("extra")])
    out = tmp_path / "two.bftemplate"
    out.write_bytes(data)
    with pytest.raises(LibraryError, match="may only carry its own brand"):
        _colleague(tmp_path).import_template(out, on_conflict="keep-both")
    assert not (tmp_path / "colleague").exists()
