"""A field of the wrong type in a template or brand is refused in one line, never a crash.

Finding 4 of the hardening review: ``"fonts": "abc"`` (or a list, or a number) in a package's
``brand.json`` made ``brands import`` print a traceback, and the same brand in the team folder
made ``templates list``, ``brands list``, ``draft`` and ``export --brand`` all fail. The class
test puts every JSON type into every field (at any depth) of a valid template and brand and
reads them the four ways Briefing does: as data, from a package, from a team folder as files,
and from a package dropped in the team folder.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.cli import main
from briefing.core.errors import LibraryError
from briefing.core.model.document import Briefing, Section
from briefing.core.storage.document_io import save_briefing
from briefing.core.storage.library import Library
from briefing.core.storage.packages import read_package_bytes
from briefing.core.storage.preferences import set_team_library_dir
from briefing.core.storage.template_io import brand_from_dict, template_from_dict

BRAND: dict[str, Any] = {
    "format": "briefing-brand",
    "version": 1,
    "id": "teamstyle",
    "name": "Team style",
    "description": "House style",
    "colors": {"primary": "#223344", "accent": "#C8102E", "text": "#111111", "muted": "#666666"},
    "fonts": {"heading": "Source Sans 3", "body": "XCharter"},
    "page_size": "A4",
    "margins_mm": [22, 20, 22, 20],
    "header": ["organisation", "handling"],
    "footer": ["handling", "date", "page"],
    "cover_page": False,
    "watermark": True,
}
TEMPLATE: dict[str, Any] = {
    "format": "briefing-template",
    "version": 1,
    "id": "shared",
    "name": "Shared template",
    "description": "Team template",
    "sections": [
        {
            "id": "summary",
            "title": "Summary",
            "guidance": "g",
            "fill": ["narrative"],
            "word_budget": 100,
            "required": True,
        },
    ],  # fmt: skip
    "page_budget": 2,
    "handling": "TLP:AMBER",
    "brand": "teamstyle",
}
LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5"/></svg>'


def _package(template: Any, brand: Any, *, kind: str = "template") -> bytes:
    manifest: dict[str, Any] = {
        "format": "briefing-package",
        "version": 1,
        "kind": kind,
        "brands": {"teamstyle": {"logo": "logo.svg", "fonts": {}}},
    }
    if kind == "template":
        manifest["template"] = "shared"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        if kind == "template":
            zf.writestr("template.json", json.dumps(template))
        zf.writestr("brands/teamstyle/brand.json", json.dumps(brand))
        zf.writestr("brands/teamstyle/logo.svg", LOGO)
    return buf.getvalue()


def _team_folder(root: Path, template: Any, brand: Any) -> Path:
    team = root / "team"
    (team / "templates").mkdir(parents=True)
    (team / "brands" / "teamstyle").mkdir(parents=True)
    (team / "templates" / "shared.json").write_text(json.dumps(template), encoding="utf-8")
    (team / "brands" / "teamstyle" / "brand.json").write_text(json.dumps(brand), encoding="utf-8")
    (team / "brands" / "teamstyle" / "logo.svg").write_bytes(LOGO)
    return team


REVIEW_FONTS = ["abc", ["a", "b"], 12, 1.5, True, None, {"files": "x"}, {"heading": 5}]


@pytest.mark.parametrize("fonts", REVIEW_FONTS, ids=repr)
def test_malformed_brand_fonts_are_refused_at_import_and_skipped_in_the_team_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fonts: Any
) -> None:
    brand = {**BRAND, "fonts": fonts}
    package = tmp_path / "house.bfbrand"
    package.write_bytes(_package(None, brand, kind="brand"))
    code = main(["brands", "import", str(package)])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert err.count("\n") == 1 and str(package) in err and "fonts" in err.lower()

    team = _team_folder(tmp_path, TEMPLATE, brand)
    (team / "house.bfbrand").write_bytes(package.read_bytes())
    set_team_library_dir(team)
    source = tmp_path / "note.briefing"
    save_briefing(Briefing(title="Note", sections=[Section("a", "A", "Text.")]), source)
    article = tmp_path / "article.txt"
    article.write_text("A short article about harbour cranes, long enough to draft from.\n")
    commands = [
        ["templates", "list"],
        ["brands", "list"],
        ["draft", str(article), "-t", "shared"],
        ["export", str(source), "-o", str(tmp_path / "n.html"), "--brand", "default"],
    ]
    for command in commands:
        assert main(command) == 0, command
        err = capsys.readouterr().err
        assert "Traceback" not in err
        warnings = [line for line in err.splitlines() if "teamstyle" in line or "house" in line]
        assert warnings and all("warning" in line for line in warnings), (command, err)
    assert main(["export", str(source), "-o", str(tmp_path / "n.md"), "--brand", "teamstyle"]) == 1
    assert "no brand with id 'teamstyle'" in capsys.readouterr().err


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["", "abc", "#12345", "A4", "teamstyle", "../x", "http://x", "data:"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON value a field (or list item) could be replaced."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            found += _paths(inner, (*prefix, i))
    return found


def _replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy: Any = json.loads(json.dumps(value))
    inner = copy
    for step in path[:-1]:
        inner = inner[step]
    inner[path[-1]] = new
    return copy


def _mutations(base: dict[str, Any]) -> st.SearchStrategy[Any]:
    paths = _paths(base)
    return st.lists(st.tuples(st.sampled_from(paths), json_values), min_size=1, max_size=3).map(
        lambda changes: _apply(base, changes)
    )


def _apply(base: Any, changes: list[tuple[tuple[Any, ...], Any]]) -> Any:
    for path, new in changes:
        try:
            base = _replaced(base, path, new)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed the place this one names
    return base


def _one_line(err: LibraryError, name: str) -> None:
    assert str(err).startswith(name) and "\n" not in str(err), str(err)


@pytest.mark.fuzz
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(template=_mutations(TEMPLATE), brand=_mutations(BRAND))
def test_any_field_of_any_type_is_read_or_refused_in_one_line(template: Any, brand: Any) -> None:
    for read, data in ((template_from_dict, template), (brand_from_dict, brand)):
        try:
            read(data, name="x.json")
        except LibraryError as err:
            _one_line(err, "x.json")
    for kind in ("template", "brand"):
        try:
            read_package_bytes(_package(template, brand, kind=kind), name="p.bftemplate")
        except LibraryError as err:
            _one_line(err, "p.bftemplate")


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(template=_mutations(TEMPLATE), brand=_mutations(BRAND))
def test_team_folder_with_any_field_type_lists_and_reports_in_one_line(
    tmp_path_factory: pytest.TempPathFactory, template: Any, brand: Any
) -> None:
    root = tmp_path_factory.mktemp("team")
    team = _team_folder(root, template, brand)
    (team / "dropped.bftemplate").write_bytes(_package(template, brand))
    library = Library(user_dir=root / "user", team_dir=team)
    templates, brands = library.templates(), library.brands()
    assert any(t.id == "standard" for t in templates) and any(b.id == "default" for b in brands)
    for problem in library.problems():
        assert "\n" not in problem and str(team) in problem
