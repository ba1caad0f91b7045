"""Hostile template and brand packages, watched: each fixture package (``tests/fixtures/
packages``: ``../`` and absolute paths, links, zip bombs, fonts that are not fonts, SVG with
scripts and entities...) plus big ones generated here is refused with one line naming the file,
and while it is read Python opens nothing but the package, Briefing's home and its own code,
writes nothing outside Briefing's home, and makes no connection."""

from __future__ import annotations

import io
import json
import os
import site
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from reliability_watch import Audit, outside, scratch

from briefing.core.errors import LibraryError
from briefing.core.model.document import Briefing, Section
from briefing.core.model.template import Template
from briefing.core.rendering.pdf import render_pdf
from briefing.core.storage.library import Library

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "packages"
TEMPLATE = {"format": "briefing-template", "version": 1, "id": "t", "name": "T", "brand": "b"}
TEMPLATE["sections"] = [{"id": "s", "title": "S", "fill": ["narrative"]}]  # type: ignore[assignment]
BRAND = {"format": "briefing-brand", "version": 1, "id": "b", "name": "B"}


def _package(path: Path, fonts: dict[str, str], extra: dict[str, bytes]) -> None:
    manifest = {"format": "briefing-package", "version": 1, "kind": "template", "template": "t"}
    manifest["brands"] = {"b": {"fonts": fonts}}  # type: ignore[assignment]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        zf.writestr("template.json", json.dumps(TEMPLATE))
        zf.writestr("brands/b/brand.json", json.dumps(BRAND))
        for name, data in extra.items():
            zf.writestr(name, data)


def _honest_bomb(path: Path) -> None:
    """A 300 MB font of zeros (300 KB zipped) whose headers tell the truth."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("manifest.json", json.dumps({"format": "briefing-package", "version": 1}))
        with zf.open("brands/b/fonts/Body.ttf", "w", force_zip64=True) as entry:
            zeros = bytes(1024 * 1024)
            for _ in range(300):
                entry.write(zeros)


def _random_font(path: Path) -> None:
    """A brand whose font is 4 MB of random bytes behind a TrueType signature."""
    junk = b"\x00\x01\x00\x00" + os.urandom(4 * 1024 * 1024)
    _package(path, {"Body": "fonts/Body.ttf"}, {"brands/b/fonts/Body.ttf": junk})


def _nested_zip(path: Path) -> None:
    """A package inside a package, named like a font."""
    inner = path.with_suffix(".inner")
    _package(inner, {}, {})
    _package(path, {"Body": "fonts/Body.ttf"}, {"brands/b/fonts/Body.ttf": inner.read_bytes()})
    inner.unlink()


GENERATED: dict[str, Callable[[Path], None]] = {
    "honest-bomb.bftemplate": _honest_bomb,
    "random-font.bftemplate": _random_font,
    "nested-zip.bftemplate": _nested_zip,
}
CASES = sorted(p.name for p in FIXTURES.glob("*.bftemplate") if p.name != "good.bftemplate")
CASES += sorted(GENERATED)


# Font files are checked by their signature only; random bytes behind a TrueType signature are
# accepted, and the renderer (fontconfig) skips the unreadable face and uses the fallback font.
NEUTRALISED = {("template", "random-font.bftemplate")}


def _renders_with_fallback_fonts(library: Library, template: Template) -> None:
    brand = library.brand(template.brand or "")
    assert brand.fonts.files, "the junk font was imported"
    briefing = Briefing(title="Sea Wall", sections=[Section("s", "S", "The council approved.")])
    reader = PdfReader(io.BytesIO(render_pdf(briefing, brand=brand)))
    assert "The council approved." in (reader.pages[0].extract_text() or "")


def _code_roots() -> list[Path]:
    roots = [Path(p) for p in (sys.prefix, sys.base_prefix, *site.getsitepackages())]
    roots += [Path(__file__).resolve().parents[2] / d for d in ("briefing", "resources")]
    roots += [Path(p) for p in ("/usr/share", "/usr/lib", "/etc/fonts", "/etc/mime.types")]
    return roots


@pytest.mark.enable_socket
@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("kind", ["template", "brand"])
def test_hostile_package_is_refused_touching_nothing_else(
    tmp_path: Path, briefing_home: Path, name: str, kind: str
) -> None:
    source = tmp_path / name
    if name in GENERATED:
        GENERATED[name](source)
    else:
        source.write_bytes((FIXTURES / name).read_bytes())
    library = Library()
    load = library.import_template if kind == "template" else library.import_brand
    with Audit().recording() as audit:
        if (kind, name) in NEUTRALISED:
            _renders_with_fallback_fonts(library, load(source))  # type: ignore[arg-type]
        else:
            with pytest.raises(LibraryError) as err:
                load(source)
            message = str(err.value)
            assert message.startswith(f"{source}: ") and "\n" not in message, message
    # Reading back WeasyPrint's own scratch copies of fonts (made by this render) is allowed.
    reads = outside(audit.reads, [source, briefing_home, *_code_roots()])
    assert [p for p in reads if not scratch(p)] == []
    assert [p for p in outside(audit.writes, [briefing_home]) if not scratch(p)] == []
    assert audit.network == []
    programs = {Path(p.split("'")[1]).name for p in audit.processes}
    assert programs <= {"fc-list", "ldconfig", "gcc", "cc", "ld", "objdump"}, audit.processes
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_generated_packages_are_what_they_claim(tmp_path: Path) -> None:
    for name, make in GENERATED.items():
        make(tmp_path / name)
    with zipfile.ZipFile(tmp_path / "honest-bomb.bftemplate") as zf:
        assert zf.getinfo("brands/b/fonts/Body.ttf").file_size == 300 * 1024 * 1024
    assert (tmp_path / "honest-bomb.bftemplate").stat().st_size < 2 * 1024 * 1024
