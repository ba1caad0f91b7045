"""Share a template (with its brand) or a brand as one file: a zip with a manifest.

Layout of a package (``.bftemplate`` or ``.bfbrand``)::

    manifest.json                  {"format": "briefing-package", "version": 1, "kind": ...}
    template.json                  (template packages only)
    brands/<id>/brand.json         logo and font files stripped out, stored beside it:
    brands/<id>/logo.svg|logo.png
    brands/<id>/fonts/<n>.ttf|otf|woff|woff2

Reading treats the file as hostile: only the names above are accepted (so no ``../``,
absolute paths, drive letters or links), sizes are capped while reading (headers are never
trusted), every asset is checked by its bytes, and the whole package is validated in memory
before the caller writes anything.
"""

from __future__ import annotations

import io
import json
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from briefing.core.errors import LibraryError, PackageError
from briefing.core.model.template import Brand, BrandFonts, LibraryKind, Template
from briefing.core.safe_text import json_may_hold_surrogates, valid_unicode_tree
from briefing.core.storage import assets
from briefing.core.storage.safe_read import UntrustedFileError, read_untrusted
from briefing.core.storage.template_io import (
    brand_from_dict,
    brand_to_dict,
    is_valid_id,
    template_from_dict,
    template_to_dict,
)

PACKAGE_FORMAT = "briefing-package"
PACKAGE_VERSION = 1
TEMPLATE_SUFFIX = ".bftemplate"
BRAND_SUFFIX = ".bfbrand"

MAX_PACKAGE_BYTES = 64 * 1024 * 1024
MAX_ENTRIES = 64
MAX_TOTAL_BYTES = 48 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, for entries over 64 KB
MAX_JSON_BYTES = 1024 * 1024

_FONT_EXTS = {"ttf": "font/ttf", "otf": "font/otf", "woff": "font/woff", "woff2": "font/woff2"}
_LOGO_EXTS = {"svg": "image/svg+xml", "png": "image/png"}
_NAME = re.compile(
    r"^(manifest\.json|template\.json|brands/(?P<id>[a-z0-9][a-z0-9_-]{0,63})/"
    r"(?P<file>brand\.json|logo\.(svg|png)|fonts/[A-Za-z0-9][A-Za-z0-9_-]{0,63}\."
    r"(ttf|otf|woff|woff2)))$"
)
_DIR = re.compile(r"^brands/([a-z0-9][a-z0-9_-]{0,63}/(fonts/)?)?$")


# What a damaged zip can raise from the standard library (decompression, header parsing,
# "File is encrypted" as RuntimeError, undecodable names...): all mean "damaged package".
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    zlib.error,
    struct.error,
    KeyError,
    IndexError,
    OverflowError,
)


@dataclass
class Package:
    """A validated package, held in memory: nothing has been written yet."""

    kind: LibraryKind
    template: Template | None = None
    brands: list[Brand] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Writing


def package_bytes(kind: LibraryKind, template: Template | None, brands: list[Brand]) -> bytes:
    """The zip bytes of a package holding this template (if any) and these brands."""
    buf = io.BytesIO()
    manifest: dict[str, Any] = {
        "format": PACKAGE_FORMAT,
        "version": PACKAGE_VERSION,
        "kind": kind,
        "brands": {},
    }
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        if template is not None:
            manifest["template"] = template.id
            plain = replace(template, builtin=False, origin="")
            _put(zf, "template.json", _json(template_to_dict(plain)))
        for brand in brands:
            entry: dict[str, Any] = {"logo": None, "fonts": {}}
            base = f"brands/{brand.id}/"
            if brand.logo:
                mime, data = assets.decode_data_uri(
                    brand.logo, assets.LOGO_MIMES, assets.MAX_LOGO_BYTES
                )
                name = "logo.svg" if mime == "image/svg+xml" else "logo.png"
                _put(zf, base + name, data)
                entry["logo"] = name
            for number, (family, uri) in enumerate(sorted(brand.fonts.files.items())):
                _mime, data = assets.decode_data_uri(uri, assets.FONT_MIMES, assets.MAX_FONT_BYTES)
                name = f"fonts/font{number}.{_font_ext(data)}"
                _put(zf, base + name, data)
                entry["fonts"][family] = name
            stripped = replace(
                brand,
                logo=None,
                fonts=BrandFonts(heading=brand.fonts.heading, body=brand.fonts.body),
                builtin=False,
                origin="",
            )
            _put(zf, base + "brand.json", _json(brand_to_dict(stripped)))
            manifest["brands"][brand.id] = entry
        _put(zf, "manifest.json", _json(manifest))
    return buf.getvalue()


def _put(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    zf.writestr(info, data)


def _font_ext(data: bytes) -> str:
    magic = data[:4]
    return {b"wOFF": "woff", b"wOF2": "woff2", b"OTTO": "otf"}.get(magic, "ttf")


def _json(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------------------------
# Reading


def read_package(path: Path, *, within: Path | None = None) -> Package:
    """Read and fully validate a package file; raises ``PackageError`` naming the file.

    ``within`` (a library folder) refuses a package that is a link out of that folder.
    """
    try:
        raw = read_untrusted(path, MAX_PACKAGE_BYTES, within=within)
    except UntrustedFileError as err:
        if err.problem == "too-big":
            raise PackageError("the package is larger than 64 MB", path) from None
        if err.problem == "missing":
            raise PackageError("cannot read the file (no such file)", path) from None
        raise PackageError(err.reason, path) from None
    return read_package_bytes(raw, name=str(path))


def read_package_bytes(raw: bytes, *, name: str) -> Package:
    """Validate package bytes in memory (see :func:`read_package`)."""
    try:
        return _read_package_bytes(raw, name)
    except LibraryError:
        raise
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, RecursionError) as err:
        # Every field is checked above; should one slip through, it is still one line.
        reason = f"the package is damaged ({type(err).__name__}: {str(err)[:80]})"
        raise PackageError(reason, name) from None


def _read_package_bytes(raw: bytes, name: str) -> Package:
    files = _read_entries(raw, name)
    manifest = _json_entry(files, "manifest.json", name)
    if not isinstance(manifest, dict) or manifest.get("format") != PACKAGE_FORMAT:
        raise PackageError("not a Briefing package (manifest.json is missing its format)", name)
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise PackageError(f"invalid package version {version!r}", name)
    if version > PACKAGE_VERSION:
        raise PackageError(f"made by a newer Briefing (package version {version})", name)
    kind = manifest.get("kind")
    if kind not in ("template", "brand"):
        raise PackageError(f"unknown package kind {kind!r}", name)
    brands_meta = manifest.get("brands", {})
    if not isinstance(brands_meta, dict):
        raise PackageError("manifest 'brands' must be an object", name)
    used = {"manifest.json"}
    brands: list[Brand] = []
    for brand_id, meta in brands_meta.items():
        brands.append(_brand_from_entries(files, brand_id, meta, name, used))
    template: Template | None = None
    if kind == "template":
        template = template_from_dict(_json_entry(files, "template.json", name), name=name)
        used.add("template.json")
        if manifest.get("template") != template.id:
            raise PackageError("manifest and template.json disagree on the template id", name)
        if any(b.id != template.brand for b in brands):
            raise PackageError("a template package may only carry its own brand", name)
    elif len(brands) != 1:
        raise PackageError("a brand package must hold exactly one brand", name)
    unused = sorted(set(files) - used)
    if unused:
        raise PackageError(f"unexpected file in package: {unused[0]}", name)
    return Package(kind=kind, template=template, brands=brands)


def _brand_from_entries(
    files: dict[str, bytes], brand_id: Any, meta: Any, name: str, used: set[str]
) -> Brand:
    if not isinstance(brand_id, str) or not is_valid_id(brand_id):
        raise PackageError(f"invalid brand id {brand_id!r} in manifest", name)
    if not isinstance(meta, dict):
        raise PackageError(f"manifest entry for brand '{brand_id}' must be an object", name)
    base = f"brands/{brand_id}/"
    data = _json_entry(files, base + "brand.json", name)
    used.add(base + "brand.json")
    if not isinstance(data, dict):
        raise PackageError(f"{base}brand.json must be a JSON object", name)
    fonts_data = data.get("fonts", {})
    if not isinstance(fonts_data, dict):
        raise PackageError(f"{base}brand.json: 'fonts' must be a JSON object", name)
    if data.get("logo") is not None or fonts_data.get("files"):
        raise PackageError(f"{base}brand.json must not inline its logo or fonts", name)
    logo_name = meta.get("logo")
    if logo_name is not None:
        if logo_name not in ("logo.svg", "logo.png") or base + logo_name not in files:
            raise PackageError(f"brand '{brand_id}': logo {logo_name!r} is missing", name)
        blob = files[base + logo_name]
        used.add(base + logo_name)
        mime = _LOGO_EXTS[logo_name.rpartition(".")[2]]
        try:
            assets.check_logo(mime, blob)
        except ValueError as err:
            raise PackageError(f"{base}{logo_name} {err}", name) from None
        data["logo"] = assets.encode_data_uri(mime, blob)
    fonts_meta = meta.get("fonts", {})
    if not isinstance(fonts_meta, dict):
        raise PackageError(f"manifest fonts for brand '{brand_id}' must be an object", name)
    inline: dict[str, str] = {}
    for family, font_name in fonts_meta.items():
        entry = base + str(font_name)
        if (
            not isinstance(font_name, str)
            or entry not in files
            or not font_name.startswith("fonts/")
        ):
            raise PackageError(f"brand '{brand_id}': font file {font_name!r} is missing", name)
        blob = files[entry]
        used.add(entry)
        try:
            assets.check_font(blob)
        except ValueError as err:
            raise PackageError(f"{entry} {err}", name) from None
        inline[str(family)] = assets.encode_data_uri(_FONT_EXTS[entry.rpartition(".")[2]], blob)
    if inline:
        data["fonts"] = {**fonts_data, "files": inline}
    brand = brand_from_dict(data, name=name)
    if brand.id != brand_id:
        raise PackageError(f"{base}brand.json has id '{brand.id}', not '{brand_id}'", name)
    return brand


def _json_entry(files: dict[str, bytes], entry: str, name: str) -> Any:
    if entry not in files:
        raise PackageError(f"{entry} is missing from the package", name)
    blob = files[entry]
    if len(blob) > MAX_JSON_BYTES:
        raise PackageError(f"{entry} is larger than 1 MB", name)
    try:
        text = blob.decode("utf-8")
        parsed = json.loads(text)
        return valid_unicode_tree(parsed) if json_may_hold_surrogates(text) else parsed
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PackageError(f"{entry} is not valid JSON", name) from None


def _entry_limit(entry: str) -> int:
    if entry.endswith(".json"):
        return MAX_JSON_BYTES
    if entry.rpartition(".")[2] in _LOGO_EXTS:
        return assets.MAX_LOGO_BYTES
    return assets.MAX_FONT_BYTES


def _check_name(entry: str, name: str) -> None:
    if "\x00" in entry or "\\" in entry:
        raise PackageError(f"unsafe file name in package: {entry!r}", name)
    if entry.startswith("/") or re.match(r"^[A-Za-z]:", entry):
        raise PackageError(f"absolute path in package: {entry}", name)
    if ".." in entry.split("/"):
        raise PackageError(f"path escaping the package: {entry}", name)
    if not _NAME.match(entry) and not _DIR.match(entry):
        raise PackageError(f"unexpected file in package: {entry}", name)


def _read_entries(raw: bytes, name: str) -> dict[str, bytes]:
    """All file entries, read with hard caps; refuses anything unsafe before reading it."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except _ZIP_ERRORS:
        raise PackageError("not a Briefing package (not a zip file)", name) from None
    files: dict[str, bytes] = {}
    total = 0
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise PackageError(f"the package has too many files ({len(infos)})", name)
        seen: set[str] = set()
        for info in infos:
            entry = info.filename
            _check_name(entry, name)
            if entry in seen:
                raise PackageError(f"duplicate file in package: {entry}", name)
            seen.add(entry)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise PackageError(f"link in package: {entry}", name)
            if info.is_dir():
                continue
            if stat.S_IFMT(mode) and not stat.S_ISREG(mode):
                raise PackageError(f"special file in package: {entry}", name)
            if info.flag_bits & 0x1:
                raise PackageError(f"encrypted file in package: {entry}", name)
            limit = _entry_limit(entry)
            if info.file_size > limit:
                reason = f"{entry} declares {info.file_size} bytes (limit {limit})"
                raise PackageError(reason, name)
            if info.file_size > 65536 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise PackageError(f"{entry} is compressed suspiciously well (zip bomb?)", name)
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise PackageError("the package unpacks to more than 48 MB", name)
            files[entry] = _read_capped(zf, info, limit, name)
    return files


def _read_capped(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, name: str) -> bytes:
    """Read one entry, never more than ``limit`` bytes whatever its header says."""
    try:
        with zf.open(info) as fh:
            data = fh.read(limit + 1)
    except _ZIP_ERRORS as err:
        raise PackageError(f"{info.filename} is damaged ({err})", name) from None
    if len(data) > limit:
        raise PackageError(f"{info.filename} is larger than its limit", name)
    if len(data) != info.file_size:
        raise PackageError(f"{info.filename} is not the size its header declares", name)
    return data
