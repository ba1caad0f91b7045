"""Strings read from files, made safe to keep: ids as slugs, text as valid Unicode.

Every string in a ``.briefing`` file, a template, a brand or a package is hostile wherever it
goes. Ids end up in HTML attributes, anchors, footnote labels and file names, so on load they
are reduced to a slug (:func:`safe_id`); text must encode as UTF-8, or a document that loaded
could never be saved again, so lone surrogates become U+FFFD (:func:`valid_unicode`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

MAX_ID_CHARS = 64
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_UNSAFE_ID_CHARS = re.compile(r"[^A-Za-z0-9_-]+")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Decoded UTF-8 holds no surrogate: in JSON text one can only come from a \\uD8xx escape.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def is_safe_id(value: object) -> bool:
    """True for an id that may go anywhere as it is: 1-64 of ``A-Z a-z 0-9 _ -``."""
    return isinstance(value, str) and bool(_SAFE_ID.match(value))


def safe_id(value: str, fallback: str = "id") -> str:
    """``value`` as a slug of ``A-Z a-z 0-9 _ -`` (at most 64), or ``fallback`` if none is left.

    A safe id comes back unchanged, so ids a document was saved with keep working.
    """
    if _SAFE_ID.match(value):
        return value
    slug = _UNSAFE_ID_CHARS.sub("-", value).strip("-")[:MAX_ID_CHARS].strip("-")
    return slug or fallback


def unique_safe_ids(
    values: Iterable[str], fallback: str = "id", *, keep_empty: bool = True
) -> list[str]:
    """:func:`safe_id` of each value, with ``-2``, ``-3``... added where two would clash.

    Ids that were already safe and unique keep their value; only the others are renamed.
    With ``keep_empty`` an empty id (nothing assigned yet) stays empty.
    """
    values = list(values)
    taken = {v for v in values if _SAFE_ID.match(v)}
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        if not value and keep_empty:
            out.append(value)
            continue
        slug = safe_id(value, fallback)
        if slug == value and slug not in seen:
            seen.add(slug)
            out.append(slug)
            continue
        base, n = slug[: MAX_ID_CHARS - 6], 2
        candidate = slug
        while candidate in seen or (candidate != value and candidate in taken):
            candidate, n = f"{base}-{n}", n + 1
        seen.add(candidate)
        out.append(candidate)
    return out


def valid_unicode(text: str) -> str:
    """``text`` with lone surrogates (which no file can hold) replaced by U+FFFD.

    A surrogate pair written as two halves becomes the one character it stands for.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        paired = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        return _SURROGATE.sub("\ufffd", paired)
    return text


def json_may_hold_surrogates(text: str) -> bool:
    """True if JSON ``text`` escapes a surrogate (so its parsed strings need
    :func:`valid_unicode_tree`); plain text without such escapes never does."""
    return _SURROGATE_ESCAPE.search(text) is not None


def valid_unicode_tree(value: Any) -> Any:
    """Parsed JSON with every string (keys too) passed through :func:`valid_unicode`."""
    if isinstance(value, str):
        return valid_unicode(value)
    if isinstance(value, list):
        return [valid_unicode_tree(v) for v in value]
    if isinstance(value, dict):
        return {valid_unicode(str(k)): valid_unicode_tree(v) for k, v in value.items()}
    return value
