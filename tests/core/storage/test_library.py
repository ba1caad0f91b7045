"""The template and brand library: built-in, user and team folders, real files."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from briefing.core import paths
from briefing.core.errors import BrandError, TemplateError
from briefing.core.model.document import Briefing, Meta, Section
from briefing.core.model.template import Brand, BrandColors, SectionSpec, Template
from briefing.core.storage.library import Library
from briefing.core.storage.preferences import (
    Preferences,
    load_preferences,
    save_preferences,
    set_team_library_dir,
)
from briefing.core.storage.template_io import template_to_json


def _write_team_template(team: Path, tid: str, name: str) -> Path:
    t = Template(id=tid, name=name, sections=[SectionSpec(id="s", title="S")])
    path = team / "templates" / f"{tid}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(template_to_json(t))
    return path


def test_builtins_are_listed_first_and_read_only() -> None:
    lib = Library()
    ids = [t.id for t in lib.templates()]
    assert ids[:4] == ["standard", "bluf", "decision-memo", "sitrep"]
    standard = lib.template("standard")
    assert standard.origin == "builtin" and standard.read_only and standard.builtin
    brand = lib.brand("default")
    assert brand.origin == "builtin" and brand.logo and brand.logo.startswith("data:image/svg+xml")
    assert lib.brands()[0].id == "default"
    with pytest.raises(TemplateError, match="built-in and read-only; duplicate it"):
        lib.save_template(standard)
    with pytest.raises(TemplateError, match="read-only"):
        lib.delete_template("standard")
    with pytest.raises(BrandError, match="read-only"):
        lib.rename_brand("default", "Mine")
    with pytest.raises(BrandError, match="no brand with id 'missing'"):
        lib.brand("missing")
    with pytest.raises(TemplateError, match="no template with id 'missing'"):
        lib.template("missing")


def test_duplicate_rename_delete_a_user_template(briefing_home: Path) -> None:
    lib = Library()
    copy = lib.duplicate_template("standard")
    assert (copy.id, copy.name, copy.origin) == (
        "standard-copy",
        "Standard briefing (copy)",
        "user",
    )
    file = paths.user_templates_dir() / "standard-copy.json"
    assert json.loads(file.read_text("utf-8"))["id"] == "standard-copy"
    assert "origin" not in json.loads(file.read_text("utf-8"))
    assert lib.duplicate_template("standard").id == "standard-copy-2"
    renamed = lib.rename_template("standard-copy", "Our weekly")
    assert lib.template("standard-copy").name == renamed.name == "Our weekly"
    edited = lib.template("standard-copy")
    edited.sections.append(SectionSpec(id="annex", title="Annex", fill=["none"]))
    lib.save_template(edited)
    assert [s.id for s in lib.template("standard-copy").sections][-1] == "annex"
    lib.delete_template("standard-copy")
    assert not file.exists()
    assert "standard-copy" not in [t.id for t in lib.templates()]
    with pytest.raises(TemplateError, match="already exists"):
        lib.duplicate_template("bluf", new_id="standard-copy-2")


def test_invalid_template_is_not_saved(briefing_home: Path) -> None:
    lib = Library()
    bad = Template(id="dup", name="Dup", sections=[SectionSpec("a", "A"), SectionSpec("a", "B")])
    with pytest.raises(TemplateError, match="duplicate section id 'a'"):
        lib.save_template(bad)
    assert not (paths.user_templates_dir() / "dup.json").exists()


def test_user_brand_with_png_logo_round_trips(briefing_home: Path) -> None:
    from test_brand_io import tiny_png, uri

    lib = Library()
    b = Brand(
        id="acme",
        name="Acme",
        logo=uri("image/png", tiny_png()),
        colors=BrandColors(primary="#003366"),
    )
    lib.save_brand(b)
    folder = paths.user_brands_dir() / "acme"
    assert (folder / "logo.png").read_bytes() == tiny_png()
    assert json.loads((folder / "brand.json").read_text())["logo"] is None
    loaded = lib.brand("acme")
    assert loaded.logo == b.logo and loaded.colors.primary == "#003366" and not loaded.read_only
    lib.save_brand(Brand(id="acme", name="Acme", logo=None))
    assert not (folder / "logo.png").exists() and lib.brand("acme").logo is None
    dup = lib.duplicate_brand("ministry", new_name="Our ministry")
    assert (
        dup.id == "ministry-copy" and lib.brand("ministry-copy").logo == lib.brand("ministry").logo
    )
    lib.delete_brand("acme")
    assert not folder.exists()


def test_damaged_user_file_is_reported_not_fatal(briefing_home: Path) -> None:
    folder = paths.user_templates_dir()
    folder.mkdir(parents=True)
    (folder / "broken.json").write_text('{"id": "broken", "name": "B", "sections": [{}]}')
    (folder / "wrong-name.json").write_bytes(template_to_json(Template(id="other", name="O")))
    lib = Library()
    ids = [t.id for t in lib.templates()]
    assert "broken" not in ids and "other" not in ids and "standard" in ids
    problems = lib.problems()
    assert any("broken.json: section 1 has no id" in p for p in problems)
    assert any("does not match the file name" in p for p in problems)


def test_team_folder_items_are_read_only_and_changes_show_up(tmp_path: Path) -> None:
    team = tmp_path / "team"
    lib = Library(team_dir=team)
    assert "house" not in [t.id for t in lib.templates()]
    path = _write_team_template(team, "house", "House weekly")
    team_t = lib.template("house")
    assert team_t.origin == "team" and team_t.read_only
    with pytest.raises(TemplateError, match="team and read-only"):
        lib.rename_template("house", "Mine")
    # A colleague edits the file: the next call sees it (even within the same second).
    t = Template(id="house", name="House weekly v2")
    path.write_bytes(template_to_json(t))
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 5_000_000))
    assert lib.template("house").name == "House weekly v2"
    copy = lib.duplicate_template("house")
    assert copy.origin == "user" and not copy.read_only
    path.unlink()
    assert "house" not in [t.id for t in lib.templates()]


def test_team_folder_comes_from_preferences(tmp_path: Path) -> None:
    team = tmp_path / "shared drive"
    _write_team_template(team, "teamnote", "Team note")
    lib = Library()
    assert "teamnote" not in [t.id for t in lib.templates()]
    set_team_library_dir(team)
    assert load_preferences().team_library == team
    assert lib.template("teamnote").origin == "team"
    set_team_library_dir(None)
    assert "teamnote" not in [t.id for t in lib.templates()]


def test_preferences_keep_unknown_keys_and_survive_damage() -> None:
    save_preferences(Preferences(team_library=Path("/srv/team"), other={"theme": "dark"}))
    set_team_library_dir(None)
    assert load_preferences() == Preferences(other={"theme": "dark"})
    saved = json.loads((paths.config_dir() / "preferences.json").read_text())
    assert saved == {"theme": "dark", "spell_check": True, "dictionary": "en-GB"}
    (paths.config_dir() / "preferences.json").write_text("{damaged")
    assert load_preferences() == Preferences()


def test_save_as_template_from_a_briefing(briefing_home: Path) -> None:
    lib = Library()
    base = lib.template("standard")
    briefing = Briefing(
        title="Cables",
        meta=Meta(handling="TLP:GREEN"),
        sections=[
            Section(id="background", title="Context", guidance="Keep it short.", word_budget=300),
            Section(id="annex", title="Annex", markdown="text"),
        ],
        template=base,
        brand=lib.brand("ministry"),
    )
    t = lib.template_from_briefing(briefing, id="cables", name="Cables note")
    assert t.origin == "user"
    assert [(s.id, s.title, s.word_budget) for s in t.sections] == [
        ("background", "Context", 300),
        ("annex", "Annex", None),
    ]
    assert t.sections[0].fill == base.sections[0].fill and t.sections[0].required
    assert t.sections[1].fill == ["none"]
    assert (t.handling, t.brand, t.page_budget) == ("TLP:GREEN", "ministry", base.page_budget)
    assert lib.template("cables").sections[0].guidance == "Keep it short."


def test_builtin_id_shadows_a_same_id_user_file(briefing_home: Path) -> None:
    folder = paths.user_templates_dir()
    folder.mkdir(parents=True)
    (folder / "standard.json").write_bytes(template_to_json(Template(id="standard", name="Fake")))
    assert Library().template("standard").name == "Standard briefing"


def test_packages_dropped_in_the_team_folder_appear(tmp_path: Path, fixtures_dir: Path) -> None:
    team = tmp_path / "team"
    team.mkdir()
    lib = Library(team_dir=team)
    (team / "shared.bftemplate").write_bytes(
        (fixtures_dir / "packages" / "good.bftemplate").read_bytes()
    )
    (team / "evil.bftemplate").write_bytes(
        (fixtures_dir / "packages" / "traversal.bftemplate").read_bytes()
    )
    shared = lib.template("shared")
    assert shared.origin == "team" and shared.read_only
    assert lib.brand("teamstyle").origin == "team"
    assert any("evil.bftemplate: path escaping" in p for p in lib.problems())
    (team / "shared.bftemplate").unlink()
    assert "shared" not in [t.id for t in lib.templates()]


def test_links_out_of_the_team_folder_are_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "elsewhere"
    _write_team_template(secret, "secret", "Not in the team folder")
    team = tmp_path / "team"
    (team / "templates").mkdir(parents=True)
    (team / "templates" / "secret.json").symlink_to(secret / "templates" / "secret.json")
    (team / "templates" / ".half-written.json").write_text("{")
    lib = Library(team_dir=team)
    assert "secret" not in [t.id for t in lib.templates()]
    assert lib.problems() == []


def test_unreachable_team_folder_is_harmless(tmp_path: Path) -> None:
    lib = Library(team_dir=tmp_path / "offline-share")
    assert [t.id for t in lib.templates()][:4] == ["standard", "bluf", "decision-memo", "sitrep"]


def test_save_as_template_without_a_template_snapshot() -> None:
    briefing = Briefing(title="Ad hoc", sections=[Section(id="notes", title="Notes")])
    t = Library().template_from_briefing(briefing, id="adhoc", name="Ad hoc", save=False)
    assert (t.brand, t.handling, t.sections[0].fill) == ("default", "TLP:CLEAR", ["none"])
    assert "adhoc" not in [x.id for x in Library().templates()]


def test_damaged_logo_in_a_brand_folder_is_reported(briefing_home: Path) -> None:
    lib = Library()
    lib.duplicate_brand("default", new_id="mine")
    logo = paths.user_brands_dir() / "mine" / "logo.svg"
    logo.write_text("<svg><script>alert(1)</script></svg>")
    assert "mine" not in [b.id for b in lib.brands()]
    assert any("logo.svg: the logo is an SVG with a <script>" in p for p in lib.problems())
