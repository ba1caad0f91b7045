"""Quarto's _brand.yml in and out: the mapping, the round trip, and hostile files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.cli import main
from briefing.core.errors import BrandError
from briefing.core.storage.brand_yml import brand_from_brand_yml, read_brand_yml
from briefing.core.storage.brand_yml_out import brand_yml_data, write_brand_yml
from briefing.core.storage.library import Library

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "brand-yml"


@pytest.fixture
def brand_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "house"
    shutil.copytree(FIXTURE, folder)
    return folder


def _refused(path: Path) -> str:
    with pytest.raises(BrandError) as err:
        read_brand_yml(path)
    message = str(err.value)
    assert message.startswith(str(path)) and "\n" not in message
    return message


def test_import_maps_names_palette_colours_fonts_logo_and_briefing_defaults(
    brand_dir: Path,
) -> None:
    found = read_brand_yml(brand_dir / "_brand.yml")
    brand = found.brand
    assert (brand.id, brand.name) == ("northbridge", "Northbridge Risk Advisory Ltd")
    # Colours named through the palette resolve to their values.
    assert vars(brand.colors) == {
        "primary": "#1B2A41",
        "accent": "#D9622B",
        "text": "#1B2A41",
        "muted": "#5C6B7A",
    }
    assert (brand.fonts.body, brand.fonts.heading) == ("Lato", "Raleway")
    assert brand.logo is not None and brand.logo.startswith("data:image/svg+xml;base64,")
    assert brand.logo_alt == "Northbridge wordmark"
    assert (brand.page_size, brand.cover_page, brand.citations) == ("Letter", True, "footnotes")
    notes = " | ".join(found.notes)
    assert "kept for export, not used by Briefing: meta.link, color.background" in notes
    assert "typography.monospace" in notes and "defaults.quarto" in notes
    assert "not in the brand.yml spec (kept): hierarchy" in notes


def test_export_then_import_gives_the_same_brand_and_keeps_what_briefing_does_not_use(
    brand_dir: Path, tmp_path: Path
) -> None:
    first = read_brand_yml(brand_dir / "_brand.yml").brand
    out = tmp_path / "out" / "_brand.yml"
    written = write_brand_yml(first, out)
    assert written[-1] == out and (out.parent / "northbridge-logo.svg") in written
    doc = yaml.safe_load(out.read_text("utf-8"))
    assert doc["color"]["primary"] == "ink"  # still the palette's name: nothing changed
    assert doc["color"]["success"] == "#2E7D32" and doc["hierarchy"] == "group"
    assert doc["defaults"]["quarto"] == {"format": {"html": {"toc": True}}}
    assert doc["typography"]["base"] == {"family": "Lato", "line-height": 1.4}
    assert doc["logo"]["images"]["northbridge"]["alt"] == "Northbridge wordmark"
    again = read_brand_yml(out).brand
    for field in ("name", "colors", "fonts", "logo", "logo_alt", "page_size", "margins_mm"):
        assert getattr(again, field) == getattr(first, field), field
    assert (again.header, again.footer, again.cover_page, again.citations) == (
        first.header,
        first.footer,
        first.cover_page,
        first.citations,
    )
    assert brand_yml_data(again)[0] == brand_yml_data(first)[0]  # a fixed point


def test_colours_in_any_css_form_and_unusable_ones_are_noted(tmp_path: Path) -> None:
    path = tmp_path / "_brand.yml"
    path.write_text(
        "color:\n  primary: rgb(20, 55, 43)\n  foreground: black\n  secondary: '#abc'\n"
        "  tertiary: hsl(10 20% 30%)\n",
        "utf-8",
    )
    found = read_brand_yml(path)
    assert (found.brand.colors.primary, found.brand.colors.text) == ("#14372B", "#000000")
    assert found.brand.colors.muted == "#AABBCC"
    notes = " | ".join(found.notes)
    assert "color.tertiary 'hsl(10 20% 30%)' is not a colour Briefing can use" in notes
    assert "Briefing's default accent is used" in notes


def test_a_changed_colour_is_written_as_its_value(brand_dir: Path) -> None:
    brand = read_brand_yml(brand_dir / "_brand.yml").brand
    brand.colors.primary = "#003366"
    doc, _files = brand_yml_data(brand)
    assert doc["color"]["primary"] == "#003366"
    assert doc["color"]["palette"]["ink"] == "#1B2A41"


def test_every_builtin_brand_round_trips_through_brand_yml(tmp_path: Path) -> None:
    for brand in Library().brands():
        path = tmp_path / brand.id / "_brand.yml"
        write_brand_yml(brand, path)
        back = read_brand_yml(path, brand_id=brand.id).brand
        for field in ("name", "colors", "fonts", "logo", "page_size", "margins_mm", "header"):
            assert getattr(back, field) == getattr(brand, field), (brand.id, field)
        assert (back.footer, back.cover_page, back.citations, back.toc_min_pages) == (
            brand.footer,
            brand.cover_page,
            brand.citations,
            brand.toc_min_pages,
        )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('a: &a ["x", "x"]\nb: &b [*a, *a]\nc: [*b, *b]\n', "uses YAML aliases"),
        ("a: " + "[" * 200 + "]" * 200, "nested more than"),
        ("color: 3\n", "'color' must be a mapping, not int"),
        ("color:\n  primary: [1, 2]\n", "color.primary must be text"),
        ("typography:\n  fonts: Lato\n", "typography.fonts must be a list"),
        ("typography:\n  base: 12\n", "typography.base must be a family name"),
        ("logo: 12\n", "'logo' must be a path or a mapping"),
        ("- just\n- a list\n", "must be a mapping"),
        ("x: !!binary aGVsbG8=\n", "binary data"),
        ("x: !!python/object:os.system [ls]\n", "not valid YAML"),
        ("color: {primary: '#123\n", "not valid YAML"),
        ("", "is empty"),
        ("defaults:\n  briefing:\n    margins_mm: lots\n", "margins_mm must be 4 numbers"),
    ],
)
def test_hostile_or_wrong_files_are_refused_in_one_line(
    tmp_path: Path, text: str, reason: str
) -> None:
    path = tmp_path / "_brand.yml"
    path.write_text(text, "utf-8")
    assert reason in _refused(path)


def test_huge_files_fifos_and_binary_are_refused(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yml"
    huge.write_bytes(b"a: " + b"x" * (2 * 1024 * 1024))
    assert "larger than 1024 KB" in _refused(huge)
    binary = tmp_path / "bin.yml"
    binary.write_bytes(b"\xff\xfe\x00\x01garbage")
    assert "not UTF-8 text" in _refused(binary)
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "fifo.yml"
        os.mkfifo(fifo)
        assert "not a regular file" in _refused(fifo)  # never opened: it would block


def test_logos_and_fonts_outside_the_folder_or_on_the_web_are_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.svg"
    secret.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', "utf-8")
    folder = tmp_path / "brand"
    folder.mkdir()
    (folder / "link.svg").symlink_to(secret)
    cases = {
        "logo: ../secret.svg\n": "outside the _brand.yml's folder",
        "logo: link.svg\n": "outside the _brand.yml's folder",
        "logo: https://example.com/logo.svg\n": "is a web address: not fetched",
        "logo: missing.svg\n": "cannot be read",
        "typography:\n  fonts:\n    - {family: X, source: file, files: [../x.ttf]}\n": "outside",
    }
    for text, note in cases.items():
        (folder / "_brand.yml").write_text(text, "utf-8")
        found = read_brand_yml(folder / "_brand.yml")
        assert found.brand.logo is None and not found.brand.fonts.files
        assert any(note in n for n in found.notes), (text, found.notes)


_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)
_keys = st.sampled_from(["meta", "logo", "color", "typography", "defaults", "other"])


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_keys, _values | st.dictionaries(st.text(max_size=10), _values)))
def test_any_mapping_gives_a_brand_or_one_line(doc: dict[str, object]) -> None:
    try:
        found = brand_from_brand_yml(doc, name="fuzz.yml", folder=None)
    except BrandError as err:
        assert str(err).startswith("fuzz.yml: ") and "\n" not in str(err)
        return
    brand_yml_data(found.brand)  # and it can be written back


def test_cli_imports_and_exports_brand_yml(
    brand_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["brands", "import", str(brand_dir / "_brand.yml")]) == 0
    captured = capsys.readouterr()
    assert "imported brand 'northbridge' (Northbridge Risk Advisory Ltd)" in captured.out
    assert "note: " in captured.err and "kept for export" in captured.err
    out = tmp_path / "exported" / "_brand.yml"
    assert main(["brands", "export", "northbridge", "-o", str(out)]) == 0
    assert "northbridge-logo.svg" in capsys.readouterr().out
    assert yaml.safe_load(out.read_text("utf-8"))["meta"]["name"]["short"] == "Northbridge"
    # Again: the yml is replaced only with --force, kept as _brand.yml~; a logo beside it
    # that the analyst changed is kept as <name>~ too, an unchanged one left alone.
    logo = out.parent / "northbridge-logo.svg"
    written = logo.read_bytes()
    assert main(["brands", "export", "northbridge", "-o", str(out)]) == 1
    assert "--force" in capsys.readouterr().err
    logo.write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert main(["brands", "export", "northbridge", "-o", str(out), "--force"]) == 0
    assert "northbridge-logo.svg" in capsys.readouterr().out
    assert logo.read_bytes() == written and Path(f"{logo}~").read_bytes().startswith(b"<svg")
    assert Path(f"{out}~").is_file()
    assert main(["brands", "export", "northbridge", "-o", str(out), "--force"]) == 0
    assert "northbridge-logo.svg" not in capsys.readouterr().out  # the same bytes: untouched
    bomb = tmp_path / "bomb.yml"
    bomb.write_text('a: &a ["x"]\nb: [*a, *a]\n', "utf-8")
    assert main(["brands", "import", str(bomb)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "aliases" in err
