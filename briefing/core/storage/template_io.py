"""Templates and brands to and from plain JSON-ready dicts, with strict validation.

A template or brand is DATA: it names no URL or path to fetch and carries no code. Logos and
user fonts travel inline as ``data:`` URIs and are checked by their bytes, not their labels.
Every problem becomes one ``TemplateError`` (for a brand, ``BrandError``) line naming the file
and what is wrong, e.g. ``"team.json: section 3 has no id"``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, cast, get_args

from briefing.core.errors import BrandError, LibraryError, TemplateError
from briefing.core.model.estimative import DEFAULT_SCALE, SCALE_NAMES, SCALES
from briefing.core.model.template import (
    Brand,
    BrandColors,
    BrandFonts,
    FillKind,
    SectionSpec,
    Template,
)
from briefing.core.safe_text import json_may_hold_surrogates, valid_unicode_tree
from briefing.core.storage import assets
from briefing.core.storage.safe_read import UntrustedFileError, read_untrusted

TEMPLATE_FORMAT = "briefing-template"
BRAND_FORMAT = "briefing-brand"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 40 * 1024 * 1024
MAX_FONT_TOTAL_BYTES = 24 * 1024 * 1024

FILL_KINDS: tuple[str, ...] = get_args(FillKind)
HEADER_FIELDS = ("organisation", "handling", "date", "title", "page", "reference")
PAGE_SIZES = ("A4", "Letter")
MARGIN_RANGE_MM = (5.0, 60.0)
COLOR_NAMES = ("primary", "accent", "text", "muted")

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
# Names Windows refuses as files whatever their extension.
_RESERVED_NAMES = {"con", "prn", "aux", "nul"} | {
    f"{p}{n}" for p in ("com", "lpt") for n in range(10)
}
_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
# Family names end up in CSS, so they are kept to letters, digits, spaces and hyphens.
_FAMILY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _-]{0,63}$")
_SCHEME = re.compile(r"(?i)(?<![a-z])(https?|ftp|file|javascript|vbscript)\s*:")
_PATHLIKE = re.compile(r"(^\s*(/|\\|~[/\\]|[a-zA-Z]:[\\/]))|(\.\.[/\\])")

_TEMPLATE_KEYS = {
    "format",
    "version",
    "id",
    "name",
    "description",
    "sections",
    "page_budget",
    "likelihood_scale",
    "handling",
    "brand",
    "builtin",
    "origin",
}
_SECTION_KEYS = {"id", "title", "guidance", "fill", "word_budget", "required"}
_BRAND_KEYS = {
    "format",
    "version",
    "id",
    "name",
    "description",
    "logo",
    "colors",
    "fonts",
    "page_size",
    "margins_mm",
    "header",
    "footer",
    "cover_page",
    "watermark",
    "builtin",
    "origin",
}


def is_valid_id(value: str) -> bool:
    """True for ids usable as file names: lowercase letters, digits, ``-`` and ``_``."""
    return bool(_ID.match(value)) and value not in _RESERVED_NAMES


# ---------------------------------------------------------------------------------------------
# Templates


def template_to_dict(t: Template) -> dict[str, Any]:
    """The JSON-ready form of a template (lossless: ``template_from_dict`` gives it back)."""
    data: dict[str, Any] = {
        "format": TEMPLATE_FORMAT,
        "version": FORMAT_VERSION,
        "id": t.id,
        "name": t.name,
        "description": t.description,
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "guidance": s.guidance,
                "fill": list(s.fill),
                "word_budget": s.word_budget,
                "required": s.required,
            }
            for s in t.sections
        ],
        "page_budget": t.page_budget,
        "likelihood_scale": t.likelihood_scale,
        "handling": t.handling,
        "brand": t.brand,
    }
    if t.builtin:
        data["builtin"] = True
    if t.origin:
        data["origin"] = t.origin
    return data


def template_from_dict(d: Any, *, name: str) -> Template:
    """Build and validate a template; ``name`` (usually the file name) prefixes every error."""
    v = _Checker(name)
    obj = v.obj(d, "the template", _TEMPLATE_KEYS)
    v.format(obj, TEMPLATE_FORMAT)
    raw_sections = obj.get("sections", [])
    if not isinstance(raw_sections, list):
        v.fail("'sections' must be a list")
    if len(raw_sections) > 100:
        v.fail("a template has at most 100 sections")
    sections: list[SectionSpec] = []
    seen: set[str] = set()
    for number, raw in enumerate(raw_sections, start=1):
        where = f"section {number}"
        sec = v.obj(raw, where, _SECTION_KEYS)
        if not sec.get("id"):
            v.fail(f"{where} has no id")
        sid = v.ident(sec["id"], f"{where} id")
        if sid in seen:
            v.fail(f"duplicate section id '{sid}'")
        seen.add(sid)
        where = f"section '{sid}'"
        fill = sec.get("fill", [])
        if not isinstance(fill, list) or not all(isinstance(f, str) for f in fill):
            v.fail(f"{where} 'fill' must be a list of fill kinds")
        for kind in fill:
            if kind not in FILL_KINDS:
                v.fail(f"{where} has unknown fill kind '{kind}' ({', '.join(FILL_KINDS)})")
        sections.append(
            SectionSpec(
                id=sid,
                title=v.text(sec.get("title"), f"{where} title", required=True, limit=200),
                guidance=v.text(sec.get("guidance", ""), f"{where} guidance", limit=5000),
                fill=list(fill),
                word_budget=v.count(sec.get("word_budget"), f"{where} word budget", 20000),
                required=v.flag(sec.get("required", False), f"{where} 'required'"),
            )
        )
    return Template(
        id=v.ident(obj.get("id"), "template id"),
        name=v.text(obj.get("name"), "template name", required=True, limit=200),
        description=v.text(obj.get("description", ""), "description", limit=2000),
        sections=sections,
        page_budget=v.count(obj.get("page_budget"), "page budget", 200, minimum=1),
        likelihood_scale=v.scale(obj.get("likelihood_scale", DEFAULT_SCALE)),
        handling=v.text(obj.get("handling", "TLP:CLEAR"), "handling label", limit=100),
        brand=v.ident(obj.get("brand", "default"), "brand id"),
        builtin=v.flag(obj.get("builtin", False), "'builtin'"),
        origin=v.origin(obj.get("origin", "")),
    )


# ---------------------------------------------------------------------------------------------
# Brands


def brand_to_dict(b: Brand) -> dict[str, Any]:
    """The JSON-ready form of a brand (lossless: ``brand_from_dict`` gives it back)."""
    data: dict[str, Any] = {
        "format": BRAND_FORMAT,
        "version": FORMAT_VERSION,
        "id": b.id,
        "name": b.name,
        "description": b.description,
        "logo": b.logo,
        "colors": {c: getattr(b.colors, c) for c in COLOR_NAMES},
        "fonts": {"heading": b.fonts.heading, "body": b.fonts.body, "files": dict(b.fonts.files)},
        "page_size": b.page_size,
        "margins_mm": list(b.margins_mm),
        "header": list(b.header),
        "footer": list(b.footer),
        "cover_page": b.cover_page,
        "watermark": b.watermark,
    }
    if b.builtin:
        data["builtin"] = True
    if b.origin:
        data["origin"] = b.origin
    return data


def brand_from_dict(d: Any, *, name: str) -> Brand:
    """Build and validate a brand; ``name`` (usually the file name) prefixes every error."""
    v = _Checker(name, BrandError)
    obj = v.obj(d, "the brand", _BRAND_KEYS)
    v.format(obj, BRAND_FORMAT)
    colors_raw = v.obj(obj.get("colors", {}), "'colors'", set(COLOR_NAMES))
    colors = BrandColors()
    for key in COLOR_NAMES:
        if key in colors_raw:
            value = colors_raw[key]
            if not isinstance(value, str) or not _COLOR.match(value):
                v.fail(f"invalid colour {value!r} for {key} (expected #RRGGBB)")
            setattr(colors, key, value)
    fonts_raw = v.obj(obj.get("fonts", {}), "'fonts'", {"heading", "body", "files"})
    fonts = BrandFonts()
    for key in ("heading", "body"):
        if key in fonts_raw:
            setattr(fonts, key, v.family(fonts_raw[key], f"{key} font"))
    files_raw = v.obj(fonts_raw.get("files", {}), "font files", None)
    if len(files_raw) > 8:
        v.fail("a brand carries at most 8 font files")
    font_bytes = 0
    for family, uri in files_raw.items():
        v.family(family, "font file family")
        if not isinstance(uri, str):
            v.fail(f"font '{family}' must be a data: URI")
        font_bytes += v.asset(
            uri, f"font '{family}'", assets.FONT_MIMES, assets.MAX_FONT_BYTES, font=True
        )
        if font_bytes > MAX_FONT_TOTAL_BYTES:
            v.fail("the brand's font files add up to more than 24 MB")
        fonts.files[family] = uri
    logo = obj.get("logo")
    if logo is not None:
        if not isinstance(logo, str):
            v.fail("logo must be a data: URI of a PNG or SVG image")
        v.asset(logo, "logo", assets.LOGO_MIMES, assets.MAX_LOGO_BYTES, font=False)
    page_size = obj.get("page_size", "A4")
    if page_size not in PAGE_SIZES:
        v.fail(f"page size {page_size!r} is not A4 or Letter")
    return Brand(
        id=v.ident(obj.get("id"), "brand id"),
        name=v.text(obj.get("name"), "brand name", required=True, limit=200),
        description=v.text(obj.get("description", ""), "description", limit=2000),
        logo=logo,
        colors=colors,
        fonts=fonts,
        page_size=page_size,
        margins_mm=v.margins(obj.get("margins_mm", [22.0, 20.0, 22.0, 20.0])),
        header=v.fields(obj.get("header", ["organisation", "handling"]), "header"),
        footer=v.fields(obj.get("footer", ["handling", "date", "page"]), "footer"),
        cover_page=v.flag(obj.get("cover_page", False), "'cover_page'"),
        watermark=v.flag(obj.get("watermark", True), "'watermark'"),
        builtin=v.flag(obj.get("builtin", False), "'builtin'"),
        origin=v.origin(obj.get("origin", "")),
    )


# ---------------------------------------------------------------------------------------------
# Files


def template_to_json(t: Template) -> bytes:
    """The template as pretty, diffable UTF-8 JSON."""
    return _dumps(template_to_dict(t))


def brand_to_json(b: Brand) -> bytes:
    """The brand as pretty, diffable UTF-8 JSON."""
    return _dumps(brand_to_dict(b))


def template_from_json(data: bytes, *, name: str) -> Template:
    """Parse and validate template JSON bytes."""
    return template_from_dict(_loads(data, name), name=name)


def brand_from_json(data: bytes, *, name: str) -> Brand:
    """Parse and validate brand JSON bytes."""
    return brand_from_dict(_loads(data, name, BrandError), name=name)


def read_json_file(
    path: Path, error: type[LibraryError] = TemplateError, *, within: Path | None = None
) -> Any:
    """Read a JSON file (size-capped) into Python data; failures raise ``error``.

    ``within`` (a library folder) refuses a file that is a link out of that folder.
    """
    try:
        data = read_untrusted(path, MAX_FILE_BYTES, within=within)
    except UntrustedFileError as err:
        if err.problem == "too-big":
            raise error("the file is larger than 40 MB", path) from None
        raise error(f"cannot read the file ({err.detail})", path) from None
    return _loads(data, str(path), error)


def _dumps(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _loads(data: bytes, name: str, error: type[LibraryError] = TemplateError) -> Any:
    if len(data) > MAX_FILE_BYTES:
        raise error("the file is larger than 40 MB", name)
    if not data.strip():
        raise error("the file is empty", name)
    try:
        text = data.decode("utf-8-sig")
        parsed = json.loads(text)
        return valid_unicode_tree(parsed) if json_may_hold_surrogates(text) else parsed
    except UnicodeDecodeError:
        raise error("the file is not UTF-8 text", name) from None
    except RecursionError:
        raise error("the file is nested too deeply", name) from None
    except json.JSONDecodeError as err:
        raise error(f"not valid JSON (line {err.lineno}: {err.msg})", name) from None


# ---------------------------------------------------------------------------------------------


class _Checker:
    """Small validators that raise ``error`` (a template's or a brand's) naming the file."""

    def __init__(self, name: str, error: type[LibraryError] = TemplateError) -> None:
        self.name = name
        self.error = error

    def fail(self, reason: str) -> Any:
        raise self.error(reason, self.name)

    def obj(self, value: Any, what: str, keys: set[str] | None) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(f"{what} must be a JSON object")
        for key in value:
            if not isinstance(key, str):
                self.fail(f"{what} has a non-text key")
            if keys is not None and key not in keys:
                self.fail(f"{what} has unknown key '{key}'")
        return cast(dict[str, Any], value)

    def format(self, obj: dict[str, Any], expected: str) -> None:
        fmt = obj.get("format", expected)
        if fmt != expected:
            self.fail(f"this is not a {expected.split('-')[1]} (format is {fmt!r})")
        version = obj.get("version", FORMAT_VERSION)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.fail(f"invalid format version {version!r}")
        if version > FORMAT_VERSION:
            self.fail(f"made by a newer Briefing (format version {version}); please update")

    def ident(self, value: Any, what: str) -> str:
        if not isinstance(value, str) or not value:
            self.fail(f"{what} is missing")
        if not _ID.match(value):
            self.fail(f"{what} {value!r} may only use a-z, 0-9, '-' and '_' (at most 64)")
        if value in _RESERVED_NAMES:
            self.fail(f"{what} {value!r} is a name Windows reserves; choose another")
        return cast(str, value)

    def text(self, value: Any, what: str, *, required: bool = False, limit: int) -> str:
        if value is None and not required:
            return ""
        if value is None:
            self.fail(f"{what} is missing")
        if not isinstance(value, str):
            self.fail(f"{what} must be text")
        if required and not value.strip():
            self.fail(f"{what} is empty")
        if len(value) > limit:
            self.fail(f"{what} is longer than {limit} characters")
        if _SCHEME.search(value):
            self.fail(f"{what} names a URL (templates are data and may not refer to the web)")
        if _PATHLIKE.search(value):
            self.fail(f"{what} names a file path (templates may not refer to files)")
        if any(ord(c) < 32 and c not in "\n\t" for c in value):
            self.fail(f"{what} contains control characters")
        return cast(str, value)

    def family(self, value: Any, what: str) -> str:
        if not isinstance(value, str) or not _FAMILY.match(value):
            self.fail(f"{what} {value!r} is not a font family name (letters, digits, spaces)")
        return cast(str, value)

    def count(self, value: Any, what: str, limit: int, *, minimum: int = 0) -> int | None:
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            self.fail(f"{what} must be a whole number")
        if value < 0:
            self.fail(f"{what} is negative ({value})")
        if value < minimum or value > limit:
            self.fail(f"{what} {value} is out of range ({minimum} to {limit})")
        return cast(int, value)

    def scale(self, value: Any) -> str:
        if not isinstance(value, str) or value not in SCALES:
            names = ", ".join(f"'{k}' ({n})" for k, n in SCALE_NAMES.items())
            self.fail(f"'likelihood_scale' must be one of {names}")
        return str(value)

    def flag(self, value: Any, what: str) -> bool:
        if not isinstance(value, bool):
            self.fail(f"{what} must be true or false")
        return cast(bool, value)

    def origin(self, value: Any) -> str:
        if value not in ("", "builtin", "user", "team"):
            self.fail(f"invalid origin {value!r}")
        return cast(str, value)

    def margins(self, value: Any) -> tuple[float, float, float, float]:
        if not isinstance(value, list | tuple) or len(value) != 4:
            self.fail("margins_mm must be 4 numbers (top, right, bottom, left)")
        low, high = MARGIN_RANGE_MM
        out: list[float] = []
        for side, m in zip(("top", "right", "bottom", "left"), value, strict=True):
            if not isinstance(m, int | float) or isinstance(m, bool) or m != m:
                self.fail(f"{side} margin must be a number of millimetres")
            if not low <= m <= high:
                self.fail(f"{side} margin {m} mm is out of range ({low:g} to {high:g} mm)")
            out.append(float(m))
        return (out[0], out[1], out[2], out[3])

    def fields(self, value: Any, what: str) -> list[str]:
        if not isinstance(value, list) or len(value) > len(HEADER_FIELDS):
            self.fail(f"{what} must be a list of at most {len(HEADER_FIELDS)} fields")
        for item in value:
            if item not in HEADER_FIELDS:
                self.fail(f"unknown {what} field {item!r} ({', '.join(HEADER_FIELDS)})")
        if len(set(value)) != len(value):
            self.fail(f"{what} lists a field twice")
        return list(value)

    def asset(self, uri: str, what: str, mimes: tuple[str, ...], limit: int, *, font: bool) -> int:
        if not uri.lstrip().lower().startswith("data:"):
            self.fail(f"{what} must be an inline data: URI, not a link or path")
        try:
            mime, data = assets.decode_data_uri(uri, mimes, limit)
            if font:
                assets.check_font(data)
            else:
                assets.check_logo(mime, data)
        except ValueError as err:
            self.fail(f"{what} {err}")
        return len(data)
