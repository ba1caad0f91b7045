"""A Brand written as Quarto's ``_brand.yml``, its logo and font files beside it.

The mapping is :mod:`briefing.core.storage.brand_yml`'s, in reverse. What an imported
_brand.yml held that Briefing does not use comes back as it was; a colour that still names a
palette entry of the same value keeps the name, so a round trip changes only what the analyst
changed. Briefing's own settings go under ``defaults.briefing``, where brand.yml keeps each
tool's settings.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from briefing.core.model.ids import slug
from briefing.core.model.template import Brand
from briefing.core.storage import assets
from briefing.core.storage.brand_folder import write_file
from briefing.core.storage.brand_yml import resolve_colour

_FONT_SUFFIX = {"font/woff": ".woff", "font/woff2": ".woff2", "font/otf": ".otf"}


def _mapping(parent: dict[str, Any], key: str) -> dict[str, Any]:
    value = parent.get(key)
    if not isinstance(value, dict):
        value = parent[key] = {}
    return value


def _set_colour(doc: dict[str, Any], holder: dict[str, Any], key: str, value: str) -> None:
    """``holder[key] = value`` unless what is there already resolves to ``value``."""
    existing = holder.get(key)
    if existing is not None and (resolve_colour(doc, key, existing) or "").upper() == value.upper():
        return
    holder[key] = value


def _set_family(typography: dict[str, Any], key: str, family: str) -> None:
    current = typography.get(key)
    if isinstance(current, dict):
        current["family"] = family
    else:
        typography[key] = family


def brand_yml_data(brand: Brand) -> tuple[dict[str, Any], dict[str, bytes]]:
    """(the _brand.yml document, files to write beside it by relative path)."""
    doc: dict[str, Any] = copy.deepcopy(brand.brand_yml) if brand.brand_yml else {}
    files: dict[str, bytes] = {}
    meta = _mapping(doc, "meta")
    if isinstance(meta.get("name"), dict):
        meta["name"]["full"] = brand.name
    else:
        meta["name"] = brand.name

    color = _mapping(doc, "color")
    palette = _mapping(color, "palette")
    _set_colour(doc, color, "primary", brand.colors.primary)
    _set_colour(doc, color, "foreground", brand.colors.text)
    _set_colour(doc, color, "secondary", brand.colors.muted)
    _set_colour(doc, palette, "accent", brand.colors.accent)

    typography = _mapping(doc, "typography")
    _set_family(typography, "base", brand.fonts.body)
    _set_family(typography, "headings", brand.fonts.heading)
    fonts = typography.get("fonts")
    entries = [f for f in fonts if isinstance(f, dict)] if isinstance(fonts, list) else []
    entries = [
        f
        for f in entries
        if not (f.get("source") == "file" and f.get("family") in brand.fonts.files)
    ]
    for family, uri in brand.fonts.files.items():
        try:
            mime, data = assets.decode_data_uri(uri, assets.FONT_MIMES, assets.MAX_FONT_BYTES)
        except ValueError:
            continue
        path = f"fonts/{slug(family, 'font')}{_FONT_SUFFIX.get(mime, '.ttf')}"
        files[path] = data
        entries.append({"family": family, "source": "file", "files": [path]})
    if entries:
        typography["fonts"] = entries
    else:
        typography.pop("fonts", None)

    if brand.logo:
        mime, data = assets.decode_data_uri(brand.logo, assets.LOGO_MIMES, assets.MAX_LOGO_BYTES)
        path = f"{brand.id}-logo{'.svg' if mime == 'image/svg+xml' else '.png'}"
        files[path] = data
        alt = " ".join(brand.logo_alt.split()) or f"{brand.name} logo"
        doc["logo"] = {"images": {brand.id: {"path": path, "alt": alt}}, "medium": brand.id}

    defaults = _mapping(doc, "defaults")
    options: dict[str, Any] = {
        "page_size": brand.page_size,
        "margins_mm": list(brand.margins_mm),
        "header": list(brand.header),
        "footer": list(brand.footer),
        "cover_page": brand.cover_page,
        "watermark": brand.watermark,
        "citations": brand.citations,
    }
    if brand.toc_min_pages is not None:
        options["toc_min_pages"] = brand.toc_min_pages
    defaults["briefing"] = options
    order = ["meta", "logo", "color", "typography", "defaults"]
    ordered = {k: doc[k] for k in order if k in doc}
    ordered.update((k, v) for k, v in doc.items() if k not in ordered)
    return ordered, files


def brand_yml_text(brand: Brand) -> str:
    """The _brand.yml text (its files are not included; see :func:`write_brand_yml`)."""
    doc, _files = brand_yml_data(brand)
    name = " ".join(brand.name.split())
    header = f"# {name}: written by Briefing (brand.yml, https://posit-dev.github.io/brand-yml/)\n"
    body: str = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)
    return header + body


def write_brand_yml(brand: Brand, path: Path) -> list[Path]:
    """Write ``path`` and its logo and font files beside it; the paths written, the yml last.

    A logo or font file already there with other bytes is replaced and kept as ``<name>~``
    (the analyst named the yml, not them). Raises ``LibraryError`` naming the file that could
    not be written.
    """
    _doc, files = brand_yml_data(brand)
    text = brand_yml_text(brand)
    written = []
    for relative, data in files.items():
        beside = path.parent / relative
        if _holds(beside, data):
            continue
        write_file(beside, data, backup=True)
        written.append(beside)
    write_file(path, text.encode("utf-8"), backup=True)
    return [*written, path]


def _holds(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a regular file (not a link) with exactly ``data`` in it."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False
