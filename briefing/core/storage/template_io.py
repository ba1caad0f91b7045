"""Templates and brands to and from plain JSON-ready dicts, with strict validation.

A template or brand is DATA: it names no URL or path to fetch and carries no code. Logos and
user fonts travel inline as ``data:`` URIs and are checked by their bytes, not their labels.
Every problem becomes one ``TemplateError`` (for a brand, ``BrandError``) line naming the file
and what is wrong, e.g. ``"team.json: section 3 has no id"``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args

from briefing.core.errors import BrandError, LibraryError, TemplateError
from briefing.core.model.estimative import DEFAULT_SCALE
from briefing.core.model.template import (
    Brand,
    BrandColors,
    BrandFonts,
    Classification,
    FillKind,
    SectionSpec,
    Template,
)
from briefing.core.safe_text import json_may_hold_surrogates, valid_unicode_tree
from briefing.core.storage import assets
from briefing.core.storage.checks import (
    COLOR,
    FORMAT_VERSION,
    ID,
    RESERVED_NAMES,
    Checker,
)
from briefing.core.storage.safe_read import UntrustedFileError, read_untrusted

TEMPLATE_FORMAT = "briefing-template"
BRAND_FORMAT = "briefing-brand"
MAX_FILE_BYTES = 40 * 1024 * 1024
MAX_FONT_TOTAL_BYTES = 24 * 1024 * 1024

FILL_KINDS: tuple[str, ...] = get_args(FillKind)
PAGE_SIZES = ("A4", "Letter")
COLOR_NAMES = ("primary", "accent", "text", "muted")


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
    "classifications",
    "portion_marks",
    "builtin",
    "origin",
}
_CLASSIFICATION_KEYS = {"label", "text_color", "background", "top", "bottom", "portion"}
_CLASSIFICATION_KEYS |= {"description"}
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
    "citations",
    "toc_min_pages",
    "logo_alt",
    "brand_yml",
    "builtin",
    "origin",
}
CITATION_STYLES = ("endnotes", "footnotes")
MAX_KEPT_BYTES = 64 * 1024


def is_valid_id(value: str) -> bool:
    """True for ids usable as file names: lowercase letters, digits, ``-`` and ``_``."""
    return bool(ID.match(value)) and value not in RESERVED_NAMES


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
    # Written only when used, so a template without them still opens in older versions.
    if t.classifications:
        data["classifications"] = [vars(c).copy() for c in t.classifications]
    if t.portion_marks:
        data["portion_marks"] = True
    if t.builtin:
        data["builtin"] = True
    if t.origin:
        data["origin"] = t.origin
    return data


def template_from_dict(d: Any, *, name: str) -> Template:
    """Build and validate a template; ``name`` (usually the file name) prefixes every error."""
    v = Checker(name)
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
        classifications=_classifications(v, obj.get("classifications", [])),
        portion_marks=v.flag(obj.get("portion_marks", False), "'portion_marks'"),
        builtin=v.flag(obj.get("builtin", False), "'builtin'"),
        origin=v.origin(obj.get("origin", "")),
    )


def _classifications(v: Checker, raw: Any) -> list[Classification]:
    if not isinstance(raw, list) or len(raw) > 20:
        v.fail("'classifications' must be a list of at most 20 markings")
    out = []
    for number, item in enumerate(raw, start=1):
        where = f"classification {number}"
        c = v.obj(item, where, _CLASSIFICATION_KEYS)
        out.append(
            Classification(
                label=v.text(c.get("label"), f"{where} label", required=True, limit=60),
                text_color=v.colour(c.get("text_color", "#FFFFFF"), f"{where} text colour"),
                background=v.colour(c.get("background", "#000000"), f"{where} background"),
                top=v.flag(c.get("top", True), f"{where} 'top'"),
                bottom=v.flag(c.get("bottom", True), f"{where} 'bottom'"),
                portion=v.text(c.get("portion", ""), f"{where} portion mark", limit=12),
                description=v.text(c.get("description", ""), f"{where} description", limit=300),
            )
        )
    return out


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
    # Written only when used, so a brand without them still opens in older versions.
    if b.citations != "endnotes":
        data["citations"] = b.citations
    if b.toc_min_pages is not None:
        data["toc_min_pages"] = b.toc_min_pages
    if b.logo_alt:
        data["logo_alt"] = b.logo_alt
    if b.brand_yml:
        data["brand_yml"] = b.brand_yml
    if b.builtin:
        data["builtin"] = True
    if b.origin:
        data["origin"] = b.origin
    return data


def brand_from_dict(d: Any, *, name: str) -> Brand:
    """Build and validate a brand; ``name`` (usually the file name) prefixes every error."""
    v = Checker(name, BrandError)
    obj = v.obj(d, "the brand", _BRAND_KEYS)
    v.format(obj, BRAND_FORMAT)
    colors_raw = v.obj(obj.get("colors", {}), "'colors'", set(COLOR_NAMES))
    colors = BrandColors()
    for key in COLOR_NAMES:
        if key in colors_raw:
            value = colors_raw[key]
            if not isinstance(value, str) or not COLOR.match(value):
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
    citations = obj.get("citations", "endnotes")
    if citations not in CITATION_STYLES:
        v.fail(f"citations {citations!r} is not endnotes or footnotes")
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
        citations=citations,
        toc_min_pages=v.count(obj.get("toc_min_pages"), "toc_min_pages", 200, minimum=1),
        logo_alt=v.text(obj.get("logo_alt", ""), "logo alternative text", limit=200),
        brand_yml=v.plain_data(obj.get("brand_yml", {}), "brand_yml", MAX_KEPT_BYTES),
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
