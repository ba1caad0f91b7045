"""Quarto's ``_brand.yml`` (https://posit-dev.github.io/brand-yml/) to and from a Brand.

A house style defined once serves Briefing, Quarto and the other tools that read brand.yml.
What maps, both ways::

    meta.name (or name.full / name.short)   Brand.name (and the id, as a slug)
    color.primary                           colours: primary
    color.foreground                        colours: text
    color.secondary                         colours: muted
    color.palette.accent (else tertiary)    colours: accent
    typography.base / .headings (family)    fonts: body / heading
    typography.fonts (source: file)         font files (the regular face of each family)
    logo (medium, large, small, images)     the logo and its alt text (a "dark" variant first:
                                            the logo sits on the cover's coloured band)
    defaults.briefing                       page size, margins, header, footer, cover page,
                                            watermark, citation style, contents threshold

Colours may name palette entries or other theme colours, as the spec allows. Everything else
(``color.success``, ``typography.monospace``, ``defaults.quarto``...) is kept on the brand and
written back on export, and the import reports it, with keys the spec does not know.

A brand.yml is untrusted: read with :mod:`briefing.core.storage.yaml_in` (no aliases, 1 MB),
logo and font paths must stay inside the file's folder and be regular files, web addresses are
never fetched (Briefing works offline), and the result is validated as any brand file is.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

from briefing.core.errors import BrandError
from briefing.core.model.ids import slug
from briefing.core.model.template import Brand
from briefing.core.rendering.fonts import available_families, system_families
from briefing.core.storage import assets
from briefing.core.storage.safe_read import UntrustedFileError, read_untrusted
from briefing.core.storage.template_io import BRAND_FORMAT, brand_from_dict
from briefing.core.storage.yaml_in import YamlRefused, read_yaml_file

THEME_COLOURS = {
    "foreground",
    "background",
    "primary",
    "secondary",
    "tertiary",
    "success",
    "info",
    "warning",
    "danger",
    "light",
    "dark",
    "link",
}
SPEC_KEYS: dict[str, set[str] | None] = {
    "meta": None,  # open in the spec
    "logo": {"images", "small", "medium", "large"},
    "color": {"palette"} | THEME_COLOURS,
    "typography": {
        "fonts",
        "base",
        "headings",
        "monospace",
        "monospace-inline",
        "monospace-block",
        "link",
    },
    "defaults": None,
}
USED = {
    "meta.name",
    "color.palette",
    "color.primary",
    "color.foreground",
    "color.secondary",
    "color.tertiary",
    "typography.fonts",
    "typography.base",
    "typography.headings",
    "logo",
    "defaults.briefing",
}
BRIEFING_OPTIONS = (
    "page_size",
    "margins_mm",
    "header",
    "footer",
    "cover_page",
    "watermark",
    "citations",
    "toc_min_pages",
)
_HEX = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})([0-9a-fA-F]{2})?$")
_RGB = re.compile(r"^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(,[^)]*)?\)$")
_NAMED = {
    "black": "#000000",
    "white": "#FFFFFF",
    "gray": "#808080",
    "grey": "#808080",
    "silver": "#C0C0C0",
    "red": "#FF0000",
    "maroon": "#800000",
    "orange": "#FFA500",
    "yellow": "#FFFF00",
    "olive": "#808000",
    "lime": "#00FF00",
    "green": "#008000",
    "teal": "#008080",
    "aqua": "#00FFFF",
    "blue": "#0000FF",
    "navy": "#000080",
    "purple": "#800080",
    "fuchsia": "#FF00FF",
}
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


@dataclass
class BrandYmlImport:
    """A brand read from a _brand.yml, and one line for each thing worth knowing."""

    brand: Brand
    notes: list[str] = field(default_factory=list)


class _Reader:
    def __init__(self, doc: dict[str, Any], folder: Path | None, name: str) -> None:
        self.doc = doc
        self.folder = folder
        self.name = name
        self.notes: list[str] = []

    def fail(self, reason: str) -> Any:
        raise BrandError(reason, self.name)

    def section(self, key: str) -> dict[str, Any]:
        value = self.doc.get(key, {})
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(f"'{key}' must be a mapping, not {type(value).__name__}")
        return cast(dict[str, Any], value)

    # -- colours ---------------------------------------------------------------------------

    def colour(self, key: str, value: Any, depth: int = 0) -> str | None:
        """``value`` resolved through the palette and theme colours to ``#RRGGBB``."""
        color = self.section("color")
        palette = color.get("palette") or {}
        if not isinstance(value, str):
            self.fail(f"color.{key} must be text, not {type(value).__name__}")
        text = value.strip()
        if depth < 8 and isinstance(palette, dict) and text in palette:
            return self.colour(key, palette[text], depth + 1)
        if depth < 8 and text in THEME_COLOURS and text in color and text != key:
            return self.colour(key, color[text], depth + 1)
        hex_match = _HEX.match(text)
        if hex_match:
            digits = hex_match[1]
            if len(digits) == 3:
                digits = "".join(c * 2 for c in digits)
            return "#" + digits.upper()
        rgb = _RGB.match(text)
        if rgb and all(0 <= int(g) <= 255 for g in rgb.groups()[:3]):
            return "#" + "".join(f"{int(g):02X}" for g in rgb.groups()[:3])
        if text.lower() in _NAMED:
            return _NAMED[text.lower()]
        self.notes.append(f"color.{key} {value!r} is not a colour Briefing can use; kept as is")
        return None

    def colours(self) -> dict[str, str]:
        color = self.section("color")
        palette = color.get("palette", {})
        if palette is not None and not isinstance(palette, dict):
            self.fail("color.palette must be a mapping of names to colours")
        out: dict[str, str] = {}
        for ours, theirs in (
            ("primary", "primary"),
            ("text", "foreground"),
            ("muted", "secondary"),
        ):
            if theirs in color:
                found = self.colour(theirs, color[theirs])
                if found:
                    out[ours] = found
        accent = None
        if isinstance(palette, dict) and "accent" in palette:
            accent = self.colour("palette.accent", palette["accent"])
        elif "tertiary" in color:
            accent = self.colour("tertiary", color["tertiary"])
        if accent:
            out["accent"] = accent
        else:
            self.notes.append(
                "no accent colour (color.palette.accent or color.tertiary): "
                "Briefing's default accent is used"
            )
        return out

    # -- typography ------------------------------------------------------------------------

    def family(self, key: str) -> str | None:
        value = self.section("typography").get(key)
        if value is None:
            return None
        if isinstance(value, dict):
            value = value.get("family")
            if value is None:
                return None
        if not isinstance(value, str):
            self.fail(f"typography.{key} must be a family name or a mapping with 'family'")
        return " ".join(value.split())

    def font_files(self) -> dict[str, str]:
        fonts = self.section("typography").get("fonts", [])
        if fonts is None:
            return {}
        if not isinstance(fonts, list):
            self.fail("typography.fonts must be a list of font definitions")
        out: dict[str, str] = {}
        for number, entry in enumerate(fonts, start=1):
            if not isinstance(entry, dict):
                self.fail(f"typography.fonts entry {number} must be a mapping")
            family = entry.get("family")
            if not isinstance(family, str) or not family.strip():
                self.fail(f"typography.fonts entry {number} has no family")
            source = entry.get("source", "")
            if source != "file":
                continue
            files = entry.get("files", [])
            if not isinstance(files, list) or not files:
                self.fail(f"typography.fonts '{family}' (source: file) lists no files")
            paths = [f.get("path") if isinstance(f, dict) else f for f in files]
            chosen = next((p for p in paths if isinstance(p, str)), "")
            if not chosen:
                self.fail(f"typography.fonts '{family}' has a file entry without a path")
            data = self.local_file(chosen, f"font '{family}'", assets.MAX_FONT_BYTES)
            if data is None:
                continue
            try:
                assets.check_font(data)
            except ValueError as err:
                self.notes.append(f"font '{family}' file {chosen}: {err}; not used")
                continue
            mime = {b"wOFF": "font/woff", b"wOF2": "font/woff2", b"OTTO": "font/otf"}.get(
                data[:4], "font/ttf"
            )
            out[family.strip()] = assets.encode_data_uri(mime, data)
            if len(paths) > 1:
                self.notes.append(f"font '{family}': the first of {len(paths)} files is used")
        return out

    # -- logo ------------------------------------------------------------------------------

    def logo(self) -> tuple[str | None, str]:
        """(data: URI, alt text) of the logo; ``None`` when there is none Briefing can use."""
        logo = self.doc.get("logo")
        if logo is None:
            return None, ""
        if isinstance(logo, str):
            return self.logo_resource(logo, {})
        if not isinstance(logo, dict):
            self.fail("'logo' must be a path or a mapping")
        images = logo.get("images") or {}
        if not isinstance(images, dict):
            self.fail("logo.images must be a mapping of names to images")
        if "path" in logo:  # a single explicit resource
            return self.logo_resource(logo, images)
        given = [k for k in ("small", "medium", "large") if logo.get(k) is not None]
        for size in ("medium", "large", "small"):
            value = logo.get(size)
            if isinstance(value, dict) and "path" not in value:
                value = value.get("dark") or value.get("light")
            if value is not None:
                if len(given) > 1 or len(images) > 1:
                    self.notes.append(f"logo: the {size} logo is used (a brand has one logo)")
                return self.logo_resource(value, images)
        if images:
            return self.logo_resource(next(iter(images.values())), images)
        return None, ""

    def logo_resource(self, value: Any, images: dict[str, Any]) -> tuple[str | None, str]:
        if isinstance(value, str) and value in images:
            value = images[value]
        alt = ""
        if isinstance(value, dict):
            given = value.get("alt")
            alt = given if isinstance(given, str) else ""
            value = value.get("path")
        if not isinstance(value, str) or not value.strip():
            self.fail("a logo has no path")
        data = self.local_file(value, "logo", assets.MAX_LOGO_BYTES)
        if data is None:
            return None, alt
        mime = "image/png" if data.startswith(assets.PNG_MAGIC) else "image/svg+xml"
        try:
            assets.check_logo(mime, data)
        except ValueError as err:
            self.notes.append(f"logo {value}: {err}; the brand has no logo")
            return None, alt
        return assets.encode_data_uri(mime, data), " ".join(alt.split())[:200]

    def local_file(self, path: str, what: str, limit: int) -> bytes | None:
        """A file the brand.yml names, when it is inside its folder; a note when not."""
        if _URL.match(path.strip()):
            self.notes.append(
                f"{what} {path} is a web address: not fetched (Briefing works "
                "offline); put the file beside the _brand.yml"
            )
            return None
        if self.folder is None:
            self.notes.append(f"{what} {path}: no folder to read it from")
            return None
        root = self.folder.resolve()
        if not (root / path).resolve().is_relative_to(root):
            self.notes.append(f"{what} {path} is outside the _brand.yml's folder; not read")
            return None
        try:  # the one reader of untrusted files: links resolved and kept inside the folder
            return read_untrusted(root / path, limit, within=root)
        except UntrustedFileError as err:
            if err.problem == "outside":
                self.notes.append(f"{what} {path} is outside the _brand.yml's folder; not read")
            elif err.problem in ("special", "folder"):
                self.notes.append(f"{what} {path} is not a regular file; not read")
            elif err.problem == "too-big":
                self.notes.append(f"{what} {path} is larger than {limit // (1024 * 1024)} MB")
            else:
                self.notes.append(f"{what} {path} cannot be read ({err.detail})")
            return None


def resolve_colour(doc: dict[str, Any], key: str, value: Any) -> str | None:
    """``value`` (a colour, a palette name or a theme colour's name) as ``#RRGGBB``."""
    try:
        return _Reader(doc, None, "").colour(key, value)
    except BrandError:
        return None


def _unused_keys(doc: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(keys kept but not used by Briefing, keys brand.yml does not define)."""
    kept: list[str] = []
    unknown: list[str] = []
    for key, value in doc.items():
        if key not in SPEC_KEYS:
            unknown.append(key)
            continue
        allowed = SPEC_KEYS[key]
        if key in USED:
            continue
        if not isinstance(value, dict):
            kept.append(key)
            continue
        for sub in value:
            dotted = f"{key}.{sub}"
            if allowed is not None and sub not in allowed:
                unknown.append(dotted)
            elif dotted not in USED:
                kept.append(dotted)
    return kept, unknown


def _name(doc: dict[str, Any], fallback: str) -> tuple[str, str]:
    """(display name, id base) from meta.name."""
    meta = doc.get("meta") or {}
    name = meta.get("name") if isinstance(meta, dict) else None
    if isinstance(name, dict):
        full, short = name.get("full"), name.get("short")
        full = full if isinstance(full, str) else None
        short = short if isinstance(short, str) else None
        display = full or short or fallback
        return " ".join(display.split()), short or display
    if isinstance(name, str) and name.strip():
        return " ".join(name.split()), name
    return fallback, fallback


def brand_from_brand_yml(
    doc: Any, *, name: str, folder: Path | None, brand_id: str | None = None
) -> BrandYmlImport:
    """The brand a parsed _brand.yml describes; ``BrandError`` (one line) when it cannot be."""
    if not isinstance(doc, dict):
        raise BrandError("a _brand.yml must be a mapping (meta, color, typography, logo...)", name)
    reader = _Reader(doc, folder, name)
    stem = Path(name).stem.lstrip("_") or "brand"
    display, id_base = _name(doc, "Imported brand" if stem == "brand" else stem)
    defaults = reader.section("defaults")
    ours = defaults.get("briefing", {}) or {}
    if not isinstance(ours, dict):
        reader.fail("defaults.briefing must be a mapping")
    unknown_options = sorted(set(ours) - set(BRIEFING_OPTIONS))
    if unknown_options:
        reader.notes.append(f"defaults.briefing: ignored {', '.join(unknown_options)}")
    logo, alt = reader.logo()
    fonts: dict[str, Any] = {"files": reader.font_files()}
    for ours_key, theirs in (("body", "base"), ("heading", "headings")):
        family = reader.family(theirs)
        if family:
            fonts[ours_key] = family
            known = family in available_families() or family in fonts["files"]
            if not known and family not in system_families():
                reader.notes.append(
                    f"font '{family}' ({theirs}) is neither bundled nor installed here: "
                    "the PDF falls back to a bundled family"
                )
    kept = copy.deepcopy(doc)
    kept.pop("logo", None)
    if isinstance(kept.get("defaults"), dict):
        kept["defaults"].pop("briefing", None)
        if not kept["defaults"]:
            kept.pop("defaults")
    data: dict[str, Any] = {
        "format": BRAND_FORMAT,
        "id": brand_id or slug(id_base, "imported-brand")[:64].strip("-") or "imported-brand",
        "name": display[:200],
        "colors": reader.colours(),
        "fonts": fonts,
        "logo": logo,
        "logo_alt": alt,
        "brand_yml": kept,
        **{k: ours[k] for k in BRIEFING_OPTIONS if k in ours},
    }
    brand = brand_from_dict(data, name=name)
    kept_keys, unknown = _unused_keys(doc)
    if kept_keys:
        reader.notes.append(f"kept for export, not used by Briefing: {', '.join(kept_keys)}")
    if unknown:
        reader.notes.append(f"not in the brand.yml spec (kept): {', '.join(unknown)}")
    return BrandYmlImport(replace(brand, origin=""), reader.notes)


def read_brand_yml(path: Path, *, brand_id: str | None = None) -> BrandYmlImport:
    """Read a _brand.yml file (see the module docstring); ``BrandError`` names the file."""
    try:
        doc = read_yaml_file(path)
    except YamlRefused as err:
        raise BrandError(f"the file {err}", path) from None
    return brand_from_brand_yml(doc, name=str(path), folder=path.parent, brand_id=brand_id)
