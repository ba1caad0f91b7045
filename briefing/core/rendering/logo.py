"""A brand logo as PNG for formats that cannot show SVG (Word wants PNG, JPEG or EMF).

SVG logos are rasterised with resvg (through ``resvg_py``): no system libraries, no network,
and nothing loaded from the disk - references to anything but the SVG's own fragments and
``data:`` images are removed first, as is any DTD. PNG and JPEG logos pass through. Either is
first judged by what it expands to (:mod:`briefing.core.rendering.image_limits`, the logo
limit): a PNG of too many pixels or an SVG whose ``<use>`` fan-out draws too much never
reaches resvg or the Word file.
"""

from __future__ import annotations

import base64
import binascii
import re
import struct

import resvg_py

from briefing.core.rendering.fonts import fonts_root
from briefing.core.rendering.image_limits import MAX_LOGO_PIXELS, data_uri_refusal

MAX_LOGO_BYTES = 5 * 1024 * 1024
RASTER_HEIGHT = 360  # pixels: crisp at 9 mm high (about 1000 dpi) and small
_DATA_URI = re.compile(r"^data:image/(png|jpeg|svg\+xml);base64,([A-Za-z0-9+/=\s]+)$", re.I)
_HREF = re.compile(r"""\s(?:xlink:)?href\s*=\s*(["'])(?!#|data:)[^"']*\1""", re.IGNORECASE)
_DTD = re.compile(r"<!DOCTYPE[^>\[]*(\[.*?\])?\s*>", re.IGNORECASE | re.DOTALL)
_CSS_IMPORT = re.compile(r"@import[^;]*;|url\(\s*(?!['\"]?(#|data:))[^)]*\)", re.IGNORECASE)


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) in pixels of PNG or JPEG bytes, ``None`` if neither."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return (width, height) if width and height else None
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                return None
            marker = data[i + 1]
            length = struct.unpack(">H", data[i + 2 : i + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[i + 5 : i + 9])
                return (width, height) if width and height else None
            i += 2 + length
    return None


def inert_svg(svg: str) -> str:
    """The SVG with no DTD and no reference to files or the network."""
    svg = _DTD.sub("", svg)
    svg = _HREF.sub("", svg)
    return _CSS_IMPORT.sub("", svg)


def logo_png(uri: str | None) -> bytes | None:
    """PNG (or JPEG) bytes for a brand logo ``data:`` URI; ``None`` when there is none or it
    cannot be read."""
    m = _DATA_URI.match(uri or "")
    if not m or data_uri_refusal(uri or "", MAX_LOGO_PIXELS):
        return None
    try:
        data = base64.b64decode(m.group(2), validate=False)
    except (binascii.Error, ValueError):
        return None
    if not data or len(data) > MAX_LOGO_BYTES:
        return None
    if m.group(1).lower() != "svg+xml":
        return data if png_size(data) else None
    root = fonts_root()
    try:
        png = resvg_py.svg_to_bytes(
            svg_string=inert_svg(data.decode("utf-8", "replace")),
            height=RASTER_HEIGHT,
            font_dirs=[str(root)] if root else None,
        )
    except Exception:  # noqa: BLE001 - a logo resvg cannot draw is left out
        return None
    out = bytes(png) if png else b""
    return out if png_size(out) else None
