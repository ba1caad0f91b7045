"""A brand in a library folder: ``<id>/brand.json`` with its logo beside it as a file.

The logo travels inside a brand as a ``data:`` URI; on disk it is a plain ``logo.svg`` or
``logo.png`` so it can be looked at and replaced, and it is checked by its bytes on reading.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from briefing.core.errors import BrandError, BriefingError, LibraryError
from briefing.core.model.template import Brand
from briefing.core.storage import assets
from briefing.core.storage.atomic import atomic_write_bytes
from briefing.core.storage.safe_read import UntrustedFileError, read_untrusted
from briefing.core.storage.template_io import (
    brand_from_dict,
    brand_to_json,
    is_valid_id,
    read_json_file,
)

LOGO_FILES = (("logo.svg", "image/svg+xml"), ("logo.png", "image/png"))


def write_file(path: Path, data: bytes, *, backup: bool = False) -> None:
    """Write a library file atomically (``backup``: a file it replaces is kept as
    ``<name>~``); ``LibraryError`` names it on failure."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, data, backup=backup)
    except OSError as err:
        raise LibraryError(f"cannot write ({err.strerror or err})", path) from None
    except BriefingError as err:
        raise LibraryError(err.reason, path) from None


def remove_file(path: Path, *, missing_ok: bool = False) -> None:
    """Delete a library file; ``LibraryError`` names it on failure."""
    try:
        path.unlink(missing_ok=missing_ok)
    except FileNotFoundError:
        raise LibraryError("no such file", path) from None
    except OSError as err:
        raise LibraryError(f"cannot delete ({err.strerror or err})", path) from None


def read_brand_folder(file: Path) -> Brand:
    """The brand in ``<folder>/brand.json``, its logo file read back into it.

    Everything a brand folder holds must really be in the brands folder it was found in: a
    logo (or ``brand.json``) that is a link to a file elsewhere is refused, never embedded.
    """
    root = file.parent.parent
    data = read_json_file(file, BrandError, within=root)
    folder = file.parent
    if isinstance(data, dict):
        for logo_name, mime in LOGO_FILES:
            logo_path = folder / logo_name
            if not os.path.lexists(logo_path):
                continue
            try:
                blob = read_untrusted(logo_path, assets.MAX_LOGO_BYTES, within=root)
                assets.check_logo(mime, blob)
            except UntrustedFileError as err:
                raise BrandError(f"the logo {err.reason}", logo_path) from None
            except ValueError as err:
                raise BrandError(f"the logo {err}", logo_path) from None
            data["logo"] = assets.encode_data_uri(mime, blob)
            break
    b = brand_from_dict(data, name=str(file))
    if b.id != folder.name:
        raise BrandError(f"the brand id '{b.id}' does not match its folder name", file)
    return b


def write_brand_folder(root: Path, b: Brand) -> None:
    """Write ``<root>/<id>/brand.json`` with the logo stored beside it as a file."""
    if not is_valid_id(b.id):
        raise BrandError(f"invalid brand id {b.id!r}")
    folder = root / b.id
    logo_name = None
    blob = b""
    if b.logo:
        mime, blob = assets.decode_data_uri(b.logo, assets.LOGO_MIMES, assets.MAX_LOGO_BYTES)
        logo_name = "logo.svg" if mime == "image/svg+xml" else "logo.png"
    if logo_name:
        write_file(folder / logo_name, blob)
    for stale, _mime in LOGO_FILES:
        if stale != logo_name:
            remove_file(folder / stale, missing_ok=True)
    write_file(folder / "brand.json", brand_to_json(replace(b, logo=None)))
