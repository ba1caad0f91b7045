"""Reuse the font programs WeasyPrint embeds, across renders in one process.

Before embedding a font, WeasyPrint "cleans" it: subsets it to the glyphs the document
uses and, for a colour emoji font, rebuilds it with empty outlines (its pictures are drawn
as images). The result depends only on the font file and the glyphs used, yet it is worked
out again on every render: a fifth of a second per minute of typing for one emoji font.
While :func:`reusing` is active, a font cleaned before for the same glyphs gets the same
program back. Renders outside it (anyone else's WeasyPrint use) are untouched.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

_PROGRAMS: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
_KEPT_BYTES = 24 * 1024 * 1024
_state = {"active": False, "installed": False}
_original: Any = None


def _identity(content: bytes) -> bytes:
    """A digest of the font file's table directory (it holds every table's checksum)."""
    tables = int.from_bytes(content[4:6], "big") if content[:4] != b"ttcf" else 0
    head = content[: 12 + 16 * tables] if tables else content[:4096] + content[-4096:]
    return hashlib.sha1(head, usedforsecurity=False).digest()


def _clean(font: Any, to_unicode: Any, hinting: Any, *args: Any, **kwargs: Any) -> Any:
    tables = getattr(font, "tables", None)
    if not _state["active"] or args or kwargs or tables is None or "fvar" in tables:
        # A variable font's cleaning also fixes its axes: always done by WeasyPrint itself.
        return _original(font, to_unicode, hinting, *args, **kwargs)
    content = font.file_content
    key = (
        font.index,
        len(content),
        _identity(content),
        tuple(sorted(to_unicode)),
        bool(hinting),
        bool(font.missing),
    )
    program = _PROGRAMS.get(key)
    if program is not None:
        _PROGRAMS.move_to_end(key)
        font.file_content = program
        return None
    result = _original(font, to_unicode, hinting)
    _PROGRAMS[key] = font.file_content
    while len(_PROGRAMS) > 1 and sum(map(len, _PROGRAMS.values())) > _KEPT_BYTES:
        _PROGRAMS.popitem(last=False)
    return result


def _install() -> bool:
    """Route WeasyPrint's font cleaning through :func:`_clean` (once; False if unavailable)."""
    global _original
    if _state["installed"]:
        return True
    try:
        from weasyprint.pdf.fonts import Font
    except ImportError:
        return False
    method = getattr(Font, "clean", None)
    if method is None:  # another WeasyPrint: leave it alone
        return False
    _original = method
    Font.clean = _clean
    _state["installed"] = True
    return True


@contextlib.contextmanager
def reusing() -> Iterator[None]:
    """Reuse cleaned font programs inside this block (call it with the render lock held)."""
    active = _install()
    _state["active"] = active
    try:
        yield
    finally:
        _state["active"] = False


def forget() -> None:
    """Drop every kept font program."""
    _PROGRAMS.clear()
