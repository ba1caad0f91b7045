"""Images are judged by what they expand to, not by their size on disk.

A 490 KB PNG can hold 13,000 x 13,000 pixels (1.6 GB once decoded); a 2 KB SVG of eight
nested groups, each using the one before ten times, draws 100 million shapes. So before an
image reaches WeasyPrint:

- a raster image (PNG, JPEG, GIF, WebP) is measured from its header, never decoded, and
  refused above :data:`MAX_IMAGE_PIXELS` (:data:`MAX_LOGO_PIXELS` for a logo);
- an SVG is counted as drawn: every ``<use>`` (and every other ``href="#id"`` or ``url(#id)``
  reference) counts the whole subtree it repeats, and nesting is measured through the
  references; over :data:`MAX_SVG_ELEMENTS` drawn elements, :data:`MAX_SVG_DEPTH` levels, or
  a reference to itself, it is refused. Raster images inside it are measured too.

:func:`guard_pillow` makes Pillow itself refuse, as an error (never a multi-line warning on
stderr), any image over the limit that reaches it some other way.
Each check raises :class:`ImageRefused` (a ``ValueError``) with a short reason.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import struct
import warnings
import xml.etree.ElementTree as ET
from collections import OrderedDict

MAX_IMAGE_PIXELS = 40_000_000  # a 48-megapixel phone photo is 8000 x 6000: scale it first
MAX_LOGO_PIXELS = 16_000_000  # a logo at print resolution is a few hundred thousand
MAX_SVG_ELEMENTS = 20_000  # drawn, with every reference expanded
MAX_SVG_DEPTH = 64
RASTER_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp")

_HREF = ("href", "{http://www.w3.org/1999/xlink}href")
_URL_REF = re.compile(r"url\(\s*['\"]?\s*#([^'\")\s]+)")
_DATA_IMAGE = re.compile(r"^\s*data:(image/[a-z0-9.+-]+);base64,(.*)$", re.IGNORECASE | re.DOTALL)
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_MARKERS = ("marker-start", "marker-mid", "marker-end", "marker")


class ImageRefused(ValueError):
    """An image that would expand beyond the limits (the message is a short reason)."""


def guard_pillow() -> None:
    """Pillow refuses images over :data:`MAX_IMAGE_PIXELS` with an error, not a warning
    (idempotent; called before each render)."""
    from PIL import Image

    if Image.MAX_IMAGE_PIXELS != MAX_IMAGE_PIXELS:
        Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
        warnings.filterwarnings("error", category=Image.DecompressionBombWarning)


def raster_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG, JPEG, GIF or WebP header (nothing is decoded, and
    Pillow's own limits and warnings play no part)."""
    try:
        if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
            width, height = struct.unpack(">II", data[16:24])
        elif data[:6] in (b"GIF87a", b"GIF89a"):
            width, height = struct.unpack("<HH", data[6:10])
        elif data.startswith(b"\xff\xd8"):
            width, height = _jpeg_size(data)
        elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            width, height = _webp_size(data)
        else:
            raise ImageRefused("is not a PNG, JPEG, GIF or WebP image")
    except (struct.error, IndexError, ValueError) as err:
        if isinstance(err, ImageRefused):
            raise
        raise ImageRefused("is not a readable image (its header is damaged)") from None
    if width <= 0 or height <= 0:
        raise ImageRefused("is not a readable image (it has no pixels)")
    return int(width), int(height)


def _jpeg_size(data: bytes) -> tuple[int, int]:
    at = 2
    while at + 9 < len(data):
        if data[at] != 0xFF:
            raise ValueError("not a marker")
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            at += 2
            continue
        length = struct.unpack(">H", data[at + 2 : at + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        at += 2 + length
    raise ValueError("no frame header")


def _webp_size(data: bytes) -> tuple[int, int]:
    kind = data[12:16]
    if kind == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    if kind == b"VP8L" and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if kind == b"VP8 ":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    raise ValueError("unknown WebP chunk")


def check_raster(data: bytes, max_pixels: int = MAX_IMAGE_PIXELS) -> None:
    """Refuse a raster image that decodes to more than ``max_pixels`` pixels."""
    width, height = raster_size(data)
    if width * height > max_pixels:
        raise ImageRefused(
            f"is an image of {width:,} x {height:,} pixels (the limit is "
            f"{max_pixels / 1e6:g} million; scale it down first)"
        )


def check_svg_expansion(root: ET.Element, max_pixels: int = MAX_IMAGE_PIXELS) -> None:
    """Refuse an SVG tree that draws too much once every reference is expanded."""
    ids = {el.get("id"): el for el in root.iter() if el.get("id")}
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def drawn(el: ET.Element, depth: int) -> int:
        """Elements drawn for ``el`` (its subtree with references expanded)."""
        if depth > MAX_SVG_DEPTH:
            raise ImageRefused("is an SVG nested too deeply once its <use> references expand")
        key = id(el)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise ImageRefused("is an SVG that refers to itself")
        active.add(key)
        total = 1
        for child in el:
            total += drawn(child, depth + 1)
            if total > MAX_SVG_ELEMENTS:
                raise _too_many()
        for ref, times in _references(el):
            target = ids.get(ref)
            if target is not None:
                total += times * drawn(target, depth + 1)
            if total > MAX_SVG_ELEMENTS:
                raise _too_many()
        _check_embedded(el, max_pixels)
        active.discard(key)
        sizes[key] = total
        return total

    drawn(root, 1)


def _too_many() -> ImageRefused:
    return ImageRefused(
        f"is an SVG that draws more than {MAX_SVG_ELEMENTS:,} elements once its <use> "
        "references expand"
    )


def _references(el: ET.Element) -> list[tuple[str, int]]:
    """(id, times drawn) for everything ``el`` draws by reference."""
    found: list[tuple[str, int]] = []
    for name in _HREF:
        value = (el.get(name) or "").strip()
        if value.startswith("#"):
            found.append((value[1:], 1))
    style = el.get("style") or ""
    for attr, value in [*el.attrib.items(), ("style", style)]:
        local = attr.rsplit("}", 1)[-1]
        for ref in _URL_REF.findall(value):
            times = 1
            if local in _MARKERS or "marker" in value.lower():
                # A marker is drawn at every vertex of the shape.
                points = el.get("d") or el.get("points") or ""
                times = max(1, len(_NUMBER.findall(points)) // 2)
            found.append((ref, times))
    return found


def _check_embedded(el: ET.Element, max_pixels: int) -> None:
    """A raster or SVG image carried inside the SVG as a data: URI is measured too."""
    if el.tag.rsplit("}", 1)[-1] not in ("image", "feImage"):
        return
    for name in _HREF:
        value = el.get(name) or ""
        if value.strip().lower().startswith("data:"):
            check_data_uri(value, max_pixels)


def check_svg_bytes(data: bytes, max_pixels: int = MAX_IMAGE_PIXELS) -> None:
    """Parse SVG bytes (no DTD, no entities) and :func:`check_svg_expansion` them."""
    lowered = data.lower()
    if b"<!doctype" in lowered or b"<!entity" in lowered:
        raise ImageRefused("is an SVG with a DOCTYPE or entities (not allowed)")
    try:
        root = ET.fromstring(data)
    except (ET.ParseError, ValueError) as err:
        raise ImageRefused(f"is not well-formed SVG ({err})") from None
    except RecursionError:
        raise ImageRefused("is an SVG nested too deeply") from None
    check_svg_expansion(root, max_pixels)


def check_image(mime: str, data: bytes, max_pixels: int = MAX_IMAGE_PIXELS) -> None:
    """Refuse image bytes of type ``mime`` that would expand beyond the limits."""
    mime = mime.lower()
    if mime == "image/svg+xml":
        check_svg_bytes(data, max_pixels)
    elif mime in RASTER_TYPES:
        check_raster(data, max_pixels)
    else:
        raise ImageRefused(f"has type {mime}, which is not drawn")


def check_data_uri(uri: str, max_pixels: int = MAX_IMAGE_PIXELS) -> None:
    """Refuse a base64 ``data:image/...`` URI whose image would expand beyond the limits."""
    match = _DATA_IMAGE.match(uri)
    if match is None:
        raise ImageRefused("is not a base64 data: image")
    try:
        data = base64.b64decode(re.sub(r"\s+", "", match[2]), validate=True)
    except (binascii.Error, ValueError):
        raise ImageRefused("is a damaged base64 image") from None
    check_image(match[1], data, max_pixels)


_VERDICTS: OrderedDict[bytes, str] = OrderedDict()  # digest of the URI -> "" or the reason


def data_uri_refusal(uri: str, max_pixels: int = MAX_IMAGE_PIXELS) -> str:
    """ "" if the ``data:`` image may be drawn, else the reason; remembered for the preview,
    which renders the same images on every keystroke."""
    key = hashlib.sha256(f"{max_pixels}:{uri}".encode("utf-8", "replace")).digest()
    verdict = _VERDICTS.get(key)
    if verdict is None:
        try:
            check_data_uri(uri, max_pixels)
            verdict = ""
        except ImageRefused as err:
            verdict = str(err)
        _VERDICTS[key] = verdict
        while len(_VERDICTS) > 256:
            _VERDICTS.popitem(last=False)
    return verdict
