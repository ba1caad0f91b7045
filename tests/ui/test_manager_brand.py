"""Brand editor in the manager: colours, logo, fonts and page settings, valid and invalid."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from manager_helpers import capture_warnings, make_manager
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QFileDialog

from briefing.core.storage.library import Library

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
    b'<rect width="40" height="20" fill="#123456"/></svg>'
)
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@pytest.fixture
def window(qtbot):  # type: ignore[no-untyped-def]
    win = make_manager(qtbot)
    win.select("brand", "default")
    win.duplicate()
    assert win.current() == ("brand", "default-copy")
    return win


def test_colours_from_picker_and_typed_hex_are_saved(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    editor = window.brand_editor
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#336699"))
    editor.color_buttons["primary"].click()
    editor.color_edits["accent"].setText("#aa0011")
    editor.color_edits["accent"].editingFinished.emit()
    assert window.save()
    colors = Library().brand("default-copy").colors
    assert (colors.primary, colors.accent) == ("#336699", "#AA0011")


def test_invalid_colour_is_refused_with_a_message(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown = capture_warnings(monkeypatch)
    editor = window.brand_editor
    before = editor.brand().colors.text
    assert not editor.set_color("text", "#12345G")
    assert shown == ["“#12345G” is not a valid text colour: use #RRGGBB."]
    assert editor.brand().colors.text == before
    assert editor.color_edits["text"].text() == before  # the field shows the kept colour


def test_logo_svg_and_png_are_accepted(window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    svg = tmp_path / "logo.svg"
    svg.write_bytes(SVG)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(svg), ""))
    window.brand_editor.choose_logo()
    assert window.save()
    assert Library().brand("default-copy").logo.startswith("data:image/svg+xml;base64,")
    png = tmp_path / "logo.png"
    png.write_bytes(PNG)
    assert window.brand_editor.load_logo(png)
    assert window.save()
    assert Library().brand("default-copy").logo.startswith("data:image/png;base64,")
    window.brand_editor.remove_logo()
    assert window.save()
    assert Library().brand("default-copy").logo is None


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("gone.svg", None, "gone.svg: the logo does not exist."),
        (
            "fake.png",
            b"GIF89a not a png at all, really not",
            "fake.png: the logo is not a PNG image.",
        ),
        (
            "evil.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "evil.svg: the logo is an SVG with a <script> element (not allowed).",
        ),
        (
            "fetch.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><image href="https://example.org/x.png"/></svg>',
            "fetch.svg: the logo is an SVG that links to something outside it.",
        ),
        ("logo.gif", b"GIF89a", "logo.gif: the logo is not an SVG or PNG file."),
    ],
)
def test_bad_logos_are_refused_with_one_line(  # type: ignore[no-untyped-def]
    window, tmp_path: Path, monkeypatch, name: str, data: bytes | None, reason: str
) -> None:
    shown = capture_warnings(monkeypatch)
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    before = window.brand_editor.brand().logo
    assert not window.brand_editor.load_logo(path)
    assert shown == [reason]
    assert window.brand_editor.brand().logo == before


def test_bundled_and_user_fonts(window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from briefing.core.rendering.fonts import available_families, fonts_root

    editor = window.brand_editor
    bundled = [editor.heading_font.itemData(i) for i in range(editor.heading_font.count())]
    assert set(available_families()) <= set(bundled)
    editor.heading_font.setCurrentIndex(editor.heading_font.findData("Lato"))

    root = fonts_root()
    assert root is not None
    font = next(root.rglob("Mukta-Regular.ttf"))
    copy = tmp_path / "house.ttf"
    copy.write_bytes(font.read_bytes())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(copy), ""))
    editor.choose_font()
    assert editor.body_font.currentData() == "Mukta"
    assert window.save()
    fonts = Library().brand("default-copy").fonts
    assert (fonts.heading, fonts.body) == ("Lato", "Mukta")
    assert fonts.files["Mukta"].startswith("data:font/ttf;base64,")


def test_unreadable_font_is_refused(window, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    shown = capture_warnings(monkeypatch)
    junk = tmp_path / "broken.ttf"
    junk.write_bytes(b"this is not a font file at all")
    assert window.brand_editor.add_font_file(junk) is None
    damaged = tmp_path / "damaged.ttf"
    damaged.write_bytes(b"\x00\x01\x00\x00" + b"\x00" * 60)  # a TrueType header and nothing else
    assert window.brand_editor.add_font_file(damaged) is None
    assert window.brand_editor.add_font_file(tmp_path / "absent.otf") is None
    assert shown[0] == "broken.ttf: the file is not a font (TrueType, OpenType, WOFF or WOFF2)."
    assert shown[1] == "damaged.ttf: the font file is damaged or unreadable."
    assert shown[2].startswith("absent.otf: the font cannot be read")
    assert window.brand_editor.brand().fonts.files == {}


def test_page_header_footer_cover_and_watermark(window) -> None:  # type: ignore[no-untyped-def]
    editor = window.brand_editor
    editor.page_size.setCurrentText("Letter")
    editor.margins[0].setValue(30.0)
    editor.cover_box.setChecked(True)
    editor.watermark_box.setChecked(False)
    for fields, keys in ((editor.header_fields, {"title"}), (editor.footer_fields, {"page"})):
        for row in range(fields.count()):
            item = fields.item(row)
            wanted = item.data(0x0100) in keys
            item.setCheckState(item.checkState().Checked if wanted else item.checkState().Unchecked)
    assert window.save()
    brand = Library().brand("default-copy")
    assert brand.page_size == "Letter" and brand.margins_mm[0] == 30.0
    assert brand.cover_page and not brand.watermark
    assert (brand.header, brand.footer) == (["title"], ["page"])


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="FIFOs: POSIX")
def test_a_pipe_chosen_as_font_or_logo_is_refused_without_hanging(  # type: ignore[no-untyped-def]
    window, tmp_path: Path, monkeypatch, time_bound
) -> None:
    import os

    shown = capture_warnings(monkeypatch)
    for name in ("pipe.ttf", "pipe.svg"):
        os.mkfifo(tmp_path / name)
    with time_bound(10, "choosing a FIFO"):
        assert window.brand_editor.add_font_file(tmp_path / "pipe.ttf") is None
        assert not window.brand_editor.load_logo(tmp_path / "pipe.svg")
    assert "pipe" in shown[0] and len(shown) == 2


def test_citations_contents_and_logo_text_are_typed_and_saved(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    editor = window.brand_editor
    editor.logo_alt.setFocus()
    qtbot.keyClicks(editor.logo_alt, "House mark")
    editor.citations.setFocus()
    qtbot.keyClick(editor.citations, Qt.Key.Key_Down)  # the second choice: footnotes
    editor.toc_pages.setFocus()
    editor.toc_pages.selectAll()
    qtbot.keyClicks(editor.toc_pages, "5")
    assert window.is_dirty()
    assert window.save()
    brand = Library().brand("default-copy")
    assert (brand.logo_alt, brand.citations, brand.toc_min_pages) == ("House mark", "footnotes", 5)
    editor.toc_pages.selectAll()
    qtbot.keyClick(editor.toc_pages, Qt.Key.Key_Delete)
    qtbot.keyClicks(editor.toc_pages, "0")
    assert window.save()
    assert Library().brand("default-copy").toc_min_pages is None  # "Never"
