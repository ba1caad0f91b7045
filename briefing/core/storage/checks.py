"""Validators for template and brand files: each refuses a bad value with one line naming
the file (``"team.json: section 3 has no id"``)."""

from __future__ import annotations

import json
import re
from typing import Any, cast

from briefing.core.errors import LibraryError, TemplateError
from briefing.core.model.estimative import SCALE_NAMES, SCALES
from briefing.core.storage import assets

FORMAT_VERSION = 1
HEADER_FIELDS = ("organisation", "handling", "date", "title", "page", "reference")
MARGIN_RANGE_MM = (5.0, 60.0)

ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
# Names Windows refuses as files whatever their extension.
RESERVED_NAMES = {"con", "prn", "aux", "nul"} | {
    f"{p}{n}" for p in ("com", "lpt") for n in range(10)
}
COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
# Family names end up in CSS, so they are kept to letters, digits, spaces and hyphens.
FAMILY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _-]{0,63}$")
_SCHEME = re.compile(r"(?i)(?<![a-z])(https?|ftp|file|javascript|vbscript)\s*:")
_PATHLIKE = re.compile(r"(^\s*(/|\\|~[/\\]|[a-zA-Z]:[\\/]))|(\.\.[/\\])")


class Checker:
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
        if not ID.match(value):
            self.fail(f"{what} {value!r} may only use a-z, 0-9, '-' and '_' (at most 64)")
        if value in RESERVED_NAMES:
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

    def colour(self, value: Any, what: str) -> str:
        if not isinstance(value, str) or not COLOR.match(value):
            self.fail(f"invalid {what} {value!r} (expected #RRGGBB)")
        return cast(str, value)

    def plain_data(self, value: Any, what: str, limit: int) -> dict[str, Any]:
        """A JSON object of plain data (kept, never rendered), at most ``limit`` bytes."""
        if not isinstance(value, dict):
            self.fail(f"{what} must be a JSON object")
        try:
            size = len(json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8"))
        except (TypeError, ValueError, RecursionError):
            self.fail(f"{what} holds something that is not plain data")
        if size > limit:
            self.fail(f"{what} is larger than {limit // 1024} KB")
        if _depth(value) > 24:
            self.fail(f"{what} is nested too deeply")
        return cast(dict[str, Any], value)

    def family(self, value: Any, what: str) -> str:
        if not isinstance(value, str) or not FAMILY.match(value):
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


def _depth(value: Any) -> int:
    """How deeply ``value`` nests (a scalar is 0), without recursing."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest
