"""Checks on the fields of a parsed file: each returns the value, of the right type, or raises
:class:`Bad` saying where and what is wrong (the reader turns it into a ``DocumentError``
naming the file). ``where`` names the part of the document, e.g. ``"prediction 2"``."""

from __future__ import annotations

from typing import Any


class Bad(ValueError):
    """A validation failure inside the document; becomes a DocumentError naming the file."""


def obj(value: Any, where: str) -> dict[str, Any]:
    """``value`` itself, which must be a JSON object."""
    if not isinstance(value, dict):
        raise Bad(f"{where} must be an object")
    return value


def items(d: dict[str, Any], key: str, where: str) -> list[Any]:
    """The list at ``key`` (missing or null: empty)."""
    value = d.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        raise Bad(f"{where}: {key} must be a list")
    return value


def text(d: dict[str, Any], key: str, where: str, default: str | None) -> str:
    """The text at ``key``; ``default`` when missing (``None``: it is required)."""
    value = d.get(key, default)
    if value is None and default is None and key not in d:
        raise Bad(f"{where}: {key} is missing")
    if not isinstance(value, str):
        raise Bad(f"{where}: {key} must be text")
    return value


def opt_text(d: dict[str, Any], key: str, where: str) -> str | None:
    """The text at ``key``, or ``None`` when missing or null."""
    value = d.get(key)
    if value is not None and not isinstance(value, str):
        raise Bad(f"{where}: {key} must be text")
    return value


def opt_int(d: dict[str, Any], key: str, where: str) -> int | None:
    """The whole number at ``key`` (``true`` is not one), or ``None``."""
    value = d.get(key)
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise Bad(f"{where}: {key} must be a whole number")
    return value


def choice(d: dict[str, Any], key: str, allowed: tuple[str, ...], where: str, default: str) -> str:
    """One of ``allowed`` at ``key``; ``default`` when missing."""
    value = d.get(key, default)
    if value not in allowed:
        names = ", ".join(a or "blank" for a in allowed)
        raise Bad(f"{where}: {key} must be one of {names}")
    return str(value)


def fraction(d: dict[str, Any], key: str, where: str) -> float:
    """A number from 0 to 1 at ``key``."""
    value = d.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise Bad(f"{where}: {key} must be a number from 0 to 1")
    return float(value)
