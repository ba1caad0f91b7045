"""Brand serialisation and validation: colours, logos, fonts, page, header and footer."""

from __future__ import annotations

import base64
import json
import os
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest

from briefing.core import paths
from briefing.core.errors import BrandError
from briefing.core.model.template import Brand
from briefing.core.storage import assets
from briefing.core.storage.template_io import brand_from_dict, brand_from_json, brand_to_json


def tiny_png() -> bytes:
    """A real 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00\x1f\x3a\x5f")
    return assets.PNG_MAGIC + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4">'
    b'<rect width="4" height="4" style="fill:#123"/></svg>'
)
FONT = b"\x00\x01\x00\x00" + b"\x00" * 60


def _valid() -> dict[str, Any]:
    return {
        "id": "house",
        "name": "House style",
        "logo": uri("image/svg+xml", SVG),
        "colors": {"primary": "#0A2540", "accent": "#f5a623", "text": "#111", "muted": "#6B7280"},
        "fonts": {
            "heading": "Lato",
            "body": "EB Garamond",
            "files": {"House Sans": uri("font/ttf", FONT)},
        },
        "page_size": "Letter",
        "margins_mm": [20, 18.5, 20, 18.5],
        "header": ["organisation", "title"],
        "footer": ["reference", "page"],
        "cover_page": True,
        "watermark": False,
    }


def _error(data: Any) -> str:
    with pytest.raises(BrandError) as err:
        brand_from_dict(data, name="house.json")
    assert str(err.value).startswith("house.json: ")
    return str(err.value)


def test_valid_brand_round_trips() -> None:
    b = brand_from_dict(_valid(), name="house.json")
    assert b.page_size == "Letter" and b.margins_mm == (20.0, 18.5, 20.0, 18.5)
    assert b.fonts.files["House Sans"].startswith("data:font/ttf;base64,")
    assert brand_from_json(brand_to_json(b), name="x") == b
    png = dict(_valid(), logo=uri("image/png", tiny_png()))
    assert brand_from_dict(png, name="x").logo.startswith("data:image/png")


def test_builtin_brands_are_valid_with_logos_and_bundled_font_families() -> None:
    import rendercv_fonts

    families = set(os.listdir(os.path.dirname(rendercv_fonts.__file__)))
    folders = [p for p in (paths.resources_dir() / "brands").iterdir() if p.is_dir()]
    ids = {p.name for p in folders}
    assert {"default"} < ids and len(ids) >= 2
    for folder in folders:
        b = brand_from_dict(
            json.loads((folder / "brand.json").read_text("utf-8")), name=folder.name
        )
        assert b.id == folder.name
        assets.check_svg((folder / "logo.svg").read_bytes())
        assert b.fonts.heading in families and b.fonts.body in families, folder.name
    styles = {json.loads((f / "brand.json").read_text())["fonts"]["body"] for f in folders}
    assert len(styles) >= 2, "house styles should differ in type, not only colour"


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["colors"].update(primary="#12345G"), "invalid colour '#12345G' for primary"),
        (lambda d: d["colors"].update(accent="red"), "invalid colour 'red'"),
        (lambda d: d["colors"].update(glow="#fff"), "unknown key 'glow'"),
        (lambda d: d.update(page_size="A3"), "page size 'A3' is not A4 or Letter"),
        (lambda d: d.update(margins_mm=[20, 20, 20]), "margins_mm must be 4 numbers"),
        (lambda d: d.update(margins_mm=[20, 200, 20, 20]), "right margin 200 mm is out of range"),
        (lambda d: d.update(margins_mm=[-1, 20, 20, 20]), "top margin -1 mm is out of range"),
        (lambda d: d.update(header=["organisation", "weather"]), "unknown header field 'weather'"),
        (lambda d: d.update(footer=["page", "page"]), "footer lists a field twice"),
        (
            lambda d: d.update(logo="https://example.org/logo.png"),
            "logo must be an inline data: URI",
        ),
        (lambda d: d.update(logo="/home/me/logo.png"), "logo must be an inline data: URI"),
        (lambda d: d.update(logo=uri("image/gif", b"GIF89a")), "has type image/gif"),
        (lambda d: d.update(logo=uri("image/png", b"GIF89a" * 10)), "logo is not a PNG image"),
        (lambda d: d.update(logo="data:image/png;base64,@@@"), "logo is not a base64 data: URI"),
        (
            lambda d: d.update(
                logo=uri(
                    "image/svg+xml",
                    b"<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>",
                )
            ),
            "<script>",
        ),
        (
            lambda d: d.update(
                logo=uri(
                    "image/svg+xml",
                    b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(http://x/y)"/></svg>',
                )
            ),
            "refers outside it",
        ),
        (lambda d: d.update(logo=uri("image/svg+xml", b"<html/>")), "root element is not <svg>"),
        (
            lambda d: d["fonts"]["files"].update({"Fake": uri("font/ttf", b"MZ" + b"\0" * 40)}),
            "font 'Fake' is not a font",
        ),
        (lambda d: d["fonts"].update(body="Evil'; } body {"), "is not a font family name"),
        (
            lambda d: d["fonts"]["files"].update({"X": "file:///etc/fonts/x.ttf"}),
            "inline data: URI",
        ),
        (lambda d: d.update(cover_page="yes"), "'cover_page' must be true or false"),
        (lambda d: d.update(name="  "), "brand name is empty"),
    ],
)
def test_invalid_brands_are_refused_with_a_reason(mutate: Any, expected: str) -> None:
    data = _valid()
    mutate(data)
    assert expected in _error(data)


def test_fonts_are_recognised_by_their_magic() -> None:
    for magic in (b"\x00\x01\x00\x00", b"OTTO", b"true", b"wOFF", b"wOF2"):
        assets.check_font(magic + b"\0" * 40)
    with pytest.raises(ValueError):
        assets.check_font(b"<svg/>" + b"\0" * 40)


def test_svg_with_internal_references_is_accepted() -> None:
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        b'<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>'
        b'<rect fill="url(#g)" width="4" height="4"/><use xlink:href="#g"/></svg>'
    )
    assets.check_svg(svg)


def test_brand_file_written_is_json_a_person_can_read(tmp_path: Path) -> None:
    b = Brand(id="plain", name="Plain")
    (tmp_path / "b.json").write_bytes(brand_to_json(b))
    assert json.loads((tmp_path / "b.json").read_text())["colors"]["primary"] == "#1F3A5F"


def test_deeply_nested_or_huge_svg_is_refused() -> None:
    deep = b'<svg xmlns="http://www.w3.org/2000/svg">' + b"<g>" * 5000 + b"</g>" * 5000 + b"</svg>"
    with pytest.raises(ValueError, match="nested too deeply"):
        assets.check_svg(deep)
    with pytest.raises(ValueError, match="larger than 2 MB"):
        assets.check_svg(b"<svg>" + b" " * (3 * 1024 * 1024) + b"</svg>")


def test_font_files_have_a_total_budget() -> None:
    big = uri("font/ttf", b"\x00\x01\x00\x00" + b"\0" * (9 * 1024 * 1024))
    data = _valid()
    data["fonts"]["files"] = {"A": big, "B": big, "C": big}
    assert "add up to more than 24 MB" in _error(data)


def test_user_picked_logo_and_font_files(tmp_path: Path) -> None:
    import rendercv_fonts

    png = tmp_path / "logo.png"
    png.write_bytes(tiny_png())
    assert assets.logo_data_uri(png).startswith("data:image/png;base64,")
    svg = tmp_path / "logo.svg"
    svg.write_bytes(SVG)
    assert assets.logo_data_uri(svg).startswith("data:image/svg+xml;base64,")
    fake = tmp_path / "logo.jpg"
    fake.write_bytes(b"\xff\xd8\xff\xe0 jpeg")
    with pytest.raises(BrandError, match=r"logo.jpg: the logo is not a PNG or SVG image"):
        assets.logo_data_uri(fake)
    with pytest.raises(BrandError, match=r"gone.png: the logo file is missing"):
        assets.logo_data_uri(tmp_path / "gone.png")
    lato = Path(rendercv_fonts.__file__).parent / "Lato" / "Lato-Regular.ttf"
    family, data = assets.font_data_uri(lato)
    assert family == "Lato" and data.startswith("data:font/ttf;base64,")
    not_font = tmp_path / "font.ttf"
    not_font.write_text("this is a text file, not a font")
    with pytest.raises(BrandError, match=r"font.ttf: the file is not a font"):
        assets.font_data_uri(not_font)
