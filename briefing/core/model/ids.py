"""Ids made from names: section ids from titles, template and brand ids, CSS class names."""

from __future__ import annotations

import re
from collections.abc import Container


def slug(text: str, fallback: str) -> str:
    """Lower-case letters and digits joined by hyphens (``"Key Takeaway"`` -> ``"key-takeaway"``);
    ``fallback`` when nothing is left."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or fallback


def unique_id(base: str, taken: Container[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is not ``taken``."""
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
