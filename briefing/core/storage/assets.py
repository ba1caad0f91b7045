"""Checks for the binary assets a brand carries: logos (PNG, SVG) and fonts.

Brands travel between machines (packages, team folders, briefing snapshots), so every asset is
treated as hostile: it must be what it claims to be, small, and unable to run code or fetch.
Each check raises ``ValueError`` with a short reason; callers wrap it in a ``BrandError``
that names the file.
"""

from __future__ import annotations

import base64
import binascii
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import cast

from briefing.core.errors import BrandError
from briefing.core.storage.safe_read import UntrustedFileError, read_untrusted

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_FONT_BYTES = 20 * 1024 * 1024  # CJK fonts run to 10-17 MB
MAX_SVG_DEPTH = 64
MAX_SVG_ELEMENTS = 20_000

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
FONT_MAGICS = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"wOFF", b"wOF2")
LOGO_MIMES = ("image/png", "image/svg+xml")
FONT_MIMES = (
    "font/ttf",
    "font/otf",
    "font/woff",
    "font/woff2",
    "font/sfnt",
    "application/font-sfnt",
    "application/font-woff",
    "application/x-font-ttf",
    "application/x-font-otf",
    "application/vnd.ms-opentype",
    "application/octet-stream",
)

_DATA_HEADER = re.compile(r"^data:([a-z0-9.+/-]+);base64$", re.IGNORECASE)
_SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# Elements that run code, embed foreign content or pull other documents in.
_FORBIDDEN_ELEMENTS = {
    "script",
    "foreignobject",
    "iframe",
    "object",
    "embed",
    "handler",
    "listener",
}
_EXTERNAL = re.compile(
    r"(?i)(url\s*\((?!\s*['\"]?\s*#)|@import|\b(?:https?|ftp|file|data|javascript|vbscript)\s*:)"
)


def decode_data_uri(uri: str, allowed_mimes: tuple[str, ...], max_bytes: int) -> tuple[str, bytes]:
    """Split a base64 ``data:`` URI into (mime type, bytes), checking the type and size."""
    header, comma, payload = uri.strip().partition(",")
    match = _DATA_HEADER.match(header)
    if not match or not comma:
        raise ValueError("is not a base64 data: URI")
    mime = match.group(1).lower()
    if mime not in allowed_mimes:
        raise ValueError(f"has type {mime}, expected one of {', '.join(allowed_mimes)}")
    if len(payload) > max_bytes * 4 // 3 + 1024:
        raise ValueError(f"is larger than {max_bytes // (1024 * 1024)} MB")
    if any(c in payload for c in " \t\r\n"):
        payload = re.sub(r"\s+", "", payload)
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("is not a base64 data: URI (damaged base64 data)") from None
    if len(data) > max_bytes:
        raise ValueError(f"is larger than {max_bytes // (1024 * 1024)} MB")
    return mime, data


def encode_data_uri(mime: str, data: bytes) -> str:
    """A base64 ``data:`` URI for these bytes."""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def check_png(data: bytes) -> None:
    """Refuse bytes that are not a PNG image, or one that decodes to too many pixels."""
    if not data.startswith(PNG_MAGIC) or len(data) < 33:
        raise ValueError("is not a PNG image")
    if len(data) > MAX_LOGO_BYTES:
        raise ValueError("is larger than 2 MB")
    # Imported here: the rendering package is heavy, and listing the library needs none of it.
    from briefing.core.rendering import image_limits

    image_limits.check_raster(data, image_limits.MAX_LOGO_PIXELS)


def check_font(data: bytes) -> None:
    """Refuse bytes that are not a TrueType, OpenType, WOFF or WOFF2 font."""
    if len(data) < 12 or data[:4] not in FONT_MAGICS:
        raise ValueError("is not a font (TrueType, OpenType, WOFF or WOFF2)")
    if len(data) > MAX_FONT_BYTES:
        raise ValueError("is larger than 20 MB")


def check_svg(data: bytes) -> None:
    """Refuse SVG that is malformed, uses DTDs/entities, scripts, event handlers or fetches."""
    if len(data) > MAX_LOGO_BYTES:
        raise ValueError("is larger than 2 MB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("is not UTF-8 SVG text") from None
    lowered = text.lower()
    # A DTD is where entity bombs and external entities live; SVG never needs one.
    if "<!doctype" in lowered or "<!entity" in lowered:
        raise ValueError("is an SVG with a DOCTYPE or entities (not allowed)")
    if "<?xml-stylesheet" in lowered:
        raise ValueError("is an SVG that loads a stylesheet")
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    depth = count = 0
    root: ET.Element | None = None
    try:
        parser.feed(text)
        parser.close()
        for pair in parser.read_events():
            event, item = cast(tuple[str, object], pair)
            if not isinstance(item, ET.Element):
                continue
            element = item
            if event == "end":
                depth -= 1
                # Text is complete only at the end tag.
                if str(element.tag).endswith("style") and _EXTERNAL.search(element.text or ""):
                    raise ValueError("is an SVG whose style refers to something outside it")
                continue
            depth, count = depth + 1, count + 1
            if depth > MAX_SVG_DEPTH or count > MAX_SVG_ELEMENTS:
                raise ValueError("is an SVG nested too deeply or with too many elements")
            if count == 1 and element.tag not in (f"{_SVG_NS}svg", "svg"):
                raise ValueError("is not an SVG image (root element is not <svg>)")
            root = root if root is not None else element
            _check_svg_element(element)
    except ET.ParseError as err:
        raise ValueError(f"is not well-formed SVG ({err})") from None
    if root is not None:  # what it draws once every <use> expands (ImageRefused)
        from briefing.core.rendering import image_limits  # heavy package: only when needed

        image_limits.check_svg_expansion(root, image_limits.MAX_LOGO_PIXELS)


def _check_svg_element(element: ET.Element) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    local = tag.rsplit("}", 1)[-1].lower()
    if local in _FORBIDDEN_ELEMENTS:
        raise ValueError(f"is an SVG with a <{local}> element (not allowed)")
    for attr, value in element.attrib.items():
        name = attr.rsplit("}", 1)[-1].lower()
        if name.startswith("on"):
            raise ValueError(f"is an SVG with an event handler ({name})")
        if (attr == _XLINK_HREF or name == "href") and not value.strip().startswith("#"):
            raise ValueError("is an SVG that links to something outside it")
        if _EXTERNAL.search(value):
            raise ValueError(f"is an SVG whose {name} attribute refers outside it")


def check_logo(mime: str, data: bytes) -> None:
    """Check a logo's bytes against its declared type (PNG or SVG)."""
    if mime == "image/png":
        check_png(data)
    elif mime == "image/svg+xml":
        check_svg(data)
    else:
        raise ValueError(f"has type {mime}, expected a PNG or SVG image")


# ---------------------------------------------------------------------------------------------
# Files the user picks in the brand editor


def logo_data_uri(path: Path) -> str:
    """Read a logo file (PNG or SVG, judged by its bytes) into a checked ``data:`` URI.

    Raises ``BrandError`` naming the file: missing, unreadable, too big or not an image.
    """
    data = _read_user_file(path, MAX_LOGO_BYTES, "logo")
    mime = "image/png" if data.startswith(PNG_MAGIC) else "image/svg+xml"
    try:
        check_logo(mime, data)
    except ValueError as err:
        looks_svg = b"<svg" in data[:4096]
        reason = str(err) if mime == "image/png" or looks_svg else "is not a PNG or SVG image"
        raise BrandError(f"the logo {reason}", path) from None
    return encode_data_uri(mime, data)


def font_data_uri(path: Path) -> tuple[str, str]:
    """Read a font file into (family name, checked ``data:`` URI).

    The family comes from the font's own name table when it can be read, else the file name.
    """
    data = _read_user_file(path, MAX_FONT_BYTES, "font")
    try:
        check_font(data)
    except ValueError as err:
        raise BrandError(f"the file {err}", path) from None
    mime = {b"wOFF": "font/woff", b"wOF2": "font/woff2", b"OTTO": "font/otf"}.get(
        data[:4], "font/ttf"
    )
    family = font_family_name(data) or path.stem.replace("_", " ")
    family = re.sub(r"[^A-Za-z0-9 _-]", "", family).strip()[:64] or "User font"
    return family, encode_data_uri(mime, data)


def font_family_name(data: bytes) -> str | None:
    """The family name in a TrueType/OpenType ``name`` table (ids 16 then 1), or ``None``."""
    try:
        if data[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
            return None
        num_tables = struct.unpack_from(">H", data, 4)[0]
        for i in range(min(num_tables, 64)):
            tag, _sum, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
            if tag != b"name":
                continue
            _fmt, count, strings = struct.unpack_from(">HHH", data, offset)
            names: dict[int, str] = {}
            for j in range(min(count, 512)):
                plat, enc, _lang, name_id, length, start = struct.unpack_from(
                    ">HHHHHH", data, offset + 6 + 12 * j
                )
                if name_id not in (1, 16) or name_id in names:
                    continue
                raw = data[offset + strings + start : offset + strings + start + length]
                if plat in (0, 3):
                    names[name_id] = raw.decode("utf-16-be", errors="ignore")
                elif plat == 1 and enc == 0:
                    names[name_id] = raw.decode("latin-1")
            return names.get(16) or names.get(1) or None
    except struct.error:
        return None
    return None


def _read_user_file(path: Path, limit: int, what: str) -> bytes:
    try:
        return read_untrusted(path, limit, allow_empty=False)
    except UntrustedFileError as err:
        if err.problem == "missing":
            raise BrandError(f"the {what} file is missing", path) from None
        if err.problem == "folder":
            raise BrandError(f"the {what} path is a folder, not a file", path) from None
        if err.problem == "too-big":
            reason = f"the {what} is larger than {limit // (1024 * 1024)} MB"
            raise BrandError(reason, path) from None
        if err.problem == "empty":
            raise BrandError(f"the {what} file is empty", path) from None
        raise BrandError(f"cannot read the {what} ({err.detail})", path) from None
