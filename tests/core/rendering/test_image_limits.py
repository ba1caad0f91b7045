"""Images are bounded by what they expand to, and exports by the worker's time and memory.

Findings 2 and 11 of the hardening review: a 2 KB brand logo of 8 nested groups, each with
10 ``<use>`` of the one before, made ``briefing export`` run for hours (the CLI had no limit
at all; the editor gave up after 180 s), and the same image arrived from a web page; a 490 KB
13,000 x 13,000 PNG logo made an export peak at 1.6 GB with Pillow's multi-line warning on
stderr. The class tests generate fan-outs, nestings and image sizes on both sides of the
limits.
"""

from __future__ import annotations

import base64
import io
import json
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from briefing.cli import main
from briefing.core.errors import RenderError
from briefing.core.model.document import Briefing, Section
from briefing.core.model.template import Brand
from briefing.core.rendering import image_limits
from briefing.core.rendering.image_limits import (
    MAX_IMAGE_PIXELS,
    MAX_SVG_ELEMENTS,
    ImageRefused,
    check_image,
    check_svg_bytes,
)
from briefing.core.rendering.pdf import html_to_pdf, render_pdf
from briefing.core.storage.assets import check_logo
from briefing.core.storage.document_io import dumps_briefing
from briefing.core.storage.library import Library
from briefing.core.worker.export_client import export_in_worker
from briefing.core.worker.protocol import RenderLimits

SVG_NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'


def svg_fanout(levels: int, fanout: int, *, xlink: bool = False) -> bytes:
    """``levels`` nested groups, each using the one before ``fanout`` times."""
    attr = "xlink:href" if xlink else "href"
    groups = ['<g id="l0"><rect width="1" height="1"/></g>']
    for level in range(1, levels + 1):
        uses = "".join(f'<use {attr}="#l{level - 1}" x="{i}"/>' for i in range(fanout))
        groups.append(f'<g id="l{level}">{uses}</g>')
    body = f'<defs>{"".join(groups)}</defs><use {attr}="#l{levels}"/>'
    return f'<svg {SVG_NS} width="10" height="10">{body}</svg>'.encode()


def drawn(levels: int, fanout: int) -> int:
    """Elements the fan-out SVG draws: the honest count the check must refuse by."""
    per_level = [2]  # <g> and its <rect>
    for _ in range(levels):
        per_level.append(1 + fanout * (1 + per_level[-1]))
    return sum(per_level) + 1 + per_level[-1] + 2  # defs, the last <use>'s copy, svg, use


def png_of(width: int, height: int) -> bytes:
    """A real 1-bit PNG of any size, a few kilobytes however many pixels it holds."""
    squeeze = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)
    data = b"".join(squeeze.compress(row) for _ in range(height)) + squeeze.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def uri(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


REVIEW_SVG = svg_fanout(8, 10)
REVIEW_PNG = png_of(13_000, 13_000)


def _brand_package(tmp_path: Path, logo_name: str, logo: bytes) -> Path:
    import zipfile

    package = tmp_path / "house.bfbrand"
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as zf:
        manifest = {
            "format": "briefing-package",
            "version": 1,
            "kind": "brand",
            "brands": {"house": {"logo": logo_name, "fonts": {}}},
        }
        zf.writestr("manifest.json", json.dumps(manifest))
        brand = {"format": "briefing-brand", "version": 1, "id": "house", "name": "House"}
        zf.writestr("brands/house/brand.json", json.dumps(brand))
        zf.writestr(f"brands/house/{logo_name}", logo)
    return package


@pytest.mark.parametrize(
    ("name", "logo", "reason"),
    [("logo.svg", REVIEW_SVG, "draws more than"), ("logo.png", REVIEW_PNG, "13,000 x 13,000")],
)
def test_review_bomb_logos_are_refused_at_import_and_in_the_team_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], time_bound: Any, name: str, logo: bytes,
    reason: str,
) -> None:  # fmt: skip
    assert len(logo) < 25_000  # small on disk
    package = _brand_package(tmp_path, name, logo)
    with time_bound(10, "importing a bomb logo"):
        assert main(["brands", "import", str(package)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and reason in err and "Traceback" not in err
    team = tmp_path / "team" / "brands" / "house"
    team.mkdir(parents=True)
    (team / "brand.json").write_text('{"id": "house", "name": "House"}')
    (team / name).write_bytes(logo)
    library = Library(user_dir=tmp_path / "user", team_dir=tmp_path / "team")
    with time_bound(10, "listing a team bomb logo"):
        assert "house" not in [b.id for b in library.brands()]
    assert reason in " ".join(library.problems())


def test_review_bomb_images_in_a_briefing_export_quickly_without_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], time_bound: Any
) -> None:
    images = f"![svg]({uri('image/svg+xml', REVIEW_SVG)})\n\n![png]({uri('image/png', REVIEW_PNG)})"
    note = tmp_path / "note.briefing"
    note.write_text(dumps_briefing(Briefing(title="Images", sections=[Section("a", "A", images)])))
    with time_bound(60, "exporting bomb images"):
        assert main(["export", str(note), "-o", str(tmp_path / "note.pdf")]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and "exported" in captured.out  # no Pillow warning on stderr
    html = tmp_path / "note.html"
    assert main(["export", str(note), "-o", str(html)]) == 0
    assert html.read_text().count('class="image-omitted"') == 2


def test_review_bomb_logo_in_a_briefing_snapshot_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], time_bound: Any
) -> None:
    doc = json.loads(dumps_briefing(Briefing(title="Logo")))
    doc["brand"] = {"id": "house", "name": "House", "logo": uri("image/svg+xml", REVIEW_SVG)}
    note = tmp_path / "note.briefing"
    note.write_text(json.dumps(doc))
    with time_bound(20, "exporting a snapshot bomb logo"):
        assert main(["export", str(note), "-o", str(tmp_path / "n.pdf")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "draws more than" in err


def test_pillow_refuses_an_image_over_the_limit_as_an_error_not_a_warning(
    capfd: pytest.CaptureFixture[str],
) -> None:
    """Defence in depth: an image that reached WeasyPrint unchecked is not decoded."""
    html = f'<html><body><p>text</p><img src="{uri("image/png", REVIEW_PNG)}"></body></html>'
    image_limits.guard_pillow()
    assert html_to_pdf(html)
    assert "DecompressionBomb" not in capfd.readouterr().err


def test_cli_export_runs_under_the_editors_time_and_memory_limits(tmp_path: Path) -> None:
    rows = "\n".join(f"| r{i} | {'cell text ' * 3} | {i} |" for i in range(2000))
    slow = Briefing(
        title="T", sections=[Section("a", "Data", f"| A | B | C |\n|---|---|---|\n{rows}")]
    )
    with pytest.raises(RenderError, match=r"took longer than 1 s"):
        export_in_worker(slow, tmp_path / "slow.pdf", limits=RenderLimits(time_limit_ms=1000))
    big = png_of(6000, 6000)  # 36 million pixels: allowed, but it needs memory to draw
    heavy = Briefing(title="T", sections=[Section("a", "A", f"![p]({uri('image/png', big)})")])
    with pytest.raises(RenderError, match=r"more memory than the 400 MB"):
        export_in_worker(heavy, tmp_path / "heavy.pdf", limits=RenderLimits(memory_mb=400))
    export_in_worker(Briefing(title="Fine"), tmp_path / "fine.pdf")  # a fresh worker takes over
    assert (tmp_path / "fine.pdf").read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "slow.pdf").exists() and not (tmp_path / "heavy.pdf").exists()


# ------------------------------------------------------------------------- the classes


@settings(max_examples=150, deadline=None)
@given(
    levels=st.integers(1, 9),
    fanout=st.integers(1, 14),
    xlink=st.booleans(),
)
def test_svg_fan_out_is_counted_as_drawn(levels: int, fanout: int, xlink: bool) -> None:
    data = svg_fanout(levels, fanout, xlink=xlink)
    too_many = drawn(levels, fanout) > MAX_SVG_ELEMENTS
    try:
        check_svg_bytes(data)
        check_logo("image/svg+xml", data)
    except ImageRefused as err:
        assert too_many or levels + 3 > image_limits.MAX_SVG_DEPTH, (levels, fanout, str(err))
        return
    except ValueError as err:  # the logo check's own reasons
        assert too_many, str(err)
        return
    assert not too_many, (levels, fanout)


@pytest.mark.parametrize(
    "svg",
    [
        f'<svg {SVG_NS}><g id="a"><use href="#a"/></g></svg>',  # refers to itself
        f'<svg {SVG_NS}><g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g></svg>',
        f'<svg {SVG_NS}><defs><marker id="m">'
        + "<rect/>" * 200
        + '</marker></defs><path marker-mid="url(#m)" d="'
        + " ".join(f"L{i} {i}" for i in range(500))
        + '"/></svg>',  # a marker drawn at 500 vertices
        f"<svg {SVG_NS}>" + "<g>" * 70 + "</g>" * 70 + "</svg>",  # nested too deeply
        f'<svg {SVG_NS}><image href="{uri("image/png", REVIEW_PNG)}"/></svg>',  # a bomb inside
    ],
    ids=["self", "cycle", "markers", "depth", "embedded png"],
)
def test_svg_that_draws_without_end_is_refused(svg: str) -> None:
    with pytest.raises(ImageRefused):
        check_svg_bytes(svg.encode())


def _patched(fmt: str, width: int, height: int) -> bytes:
    """A tiny real image whose header says ``width`` x ``height`` (what a bomb looks like)."""
    if fmt == "PNG":
        return png_of(width, height) if width * height < 400_000_000 else _png_header(width, height)
    buf = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buf, fmt)
    data = bytearray(buf.getvalue())
    if fmt == "GIF":
        data[6:10] = struct.pack("<HH", width, height)
    elif fmt == "JPEG":
        at = data.index(b"\xff\xc0")
        data[at + 5 : at + 9] = struct.pack(">HH", height, width)
    elif fmt == "WEBP":
        return _webp_header(width, height)
    return bytes(data)


def _png_header(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    ihdr = (
        struct.pack(">I", 13) + b"IHDR" + header + struct.pack(">I", zlib.crc32(b"IHDR" + header))
    )
    return b"\x89PNG\r\n\x1a\n" + ihdr


def _webp_header(width: int, height: int) -> bytes:
    bits = (width - 1) | ((height - 1) << 14)
    body = b"\x2f" + struct.pack("<I", bits) + b"\x00" * 8
    chunk = b"VP8L" + struct.pack("<I", len(body)) + body
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


@settings(max_examples=120, deadline=None)
@given(
    fmt=st.sampled_from(["PNG", "JPEG", "GIF", "WEBP"]),
    width=st.integers(1, 16_383),
    height=st.integers(1, 16_383),
)
def test_raster_images_are_measured_before_decoding(fmt: str, width: int, height: int) -> None:
    data = _patched(fmt, width, height)
    mime = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
    try:
        check_image(mime[fmt], data)
    except ImageRefused as err:
        assert width * height > MAX_IMAGE_PIXELS or "not a readable image" in str(err)
        return
    assert width * height <= MAX_IMAGE_PIXELS


def test_images_within_the_limits_still_render() -> None:
    small_svg = svg_fanout(3, 5)
    png = png_of(200, 100)
    body = f"![s]({uri('image/svg+xml', small_svg)}) ![p]({uri('image/png', png)})"
    brand = Brand(id="logo", name="Logo", logo=uri("image/svg+xml", small_svg), cover_page=True)
    pdf = render_pdf(Briefing(title="Fine", sections=[Section("a", "A", body)]), brand=brand)
    assert pdf.count(b"/Subtype /Image") >= 1 or b"/Image" in pdf
    with pytest.raises(ValueError, match="draws more than"):
        check_logo("image/svg+xml", REVIEW_SVG)


def _media(docx: bytes) -> list[str]:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return [n for n in z.namelist() if n.startswith("word/media/")]


def test_word_export_judges_images_and_logos_as_the_pdf_does(time_bound: Any) -> None:
    from briefing.core.rendering.docx import render_docx
    from briefing.core.rendering.logo import logo_png

    bombs = f"![png]({uri('image/png', REVIEW_PNG)})\n\n![svg]({uri('image/svg+xml', REVIEW_SVG)})"
    with time_bound(20, "Word export of bomb images"):
        docx = render_docx(Briefing(title="Images", sections=[Section("a", "A", bombs)]))
        # The rasteriser never sees a fan-out SVG or a PNG of too many pixels.
        assert logo_png(uri("image/svg+xml", REVIEW_SVG)) is None
        assert logo_png(uri("image/png", REVIEW_PNG)) is None
    assert _media(docx) == []
    fine = f"![p]({uri('image/png', png_of(200, 100))})"
    brand = Brand(id="logo", name="Logo", logo=uri("image/svg+xml", svg_fanout(3, 5)))
    docx = render_docx(Briefing(title="Fine", sections=[Section("a", "A", fine)]), brand=brand)
    assert len(_media(docx)) == 2  # the picture and the rasterised logo
