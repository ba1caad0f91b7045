"""Document properties (OOXML ``docProps/core.xml``, OpenDocument ``meta.xml``, PDF XMP)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from briefing.core.importing import meta

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
# Titles programs write for a document nobody named.
_NO_TITLE = re.compile(
    r"^(untitled|document\d*|microsoft word - .*|.*\.(docx?|odt|pdf|rtf|indd|txt))$", re.I
)
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass
class Properties:
    title: str = ""
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    language: str | None = None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def iso_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from an ISO 8601 stamp (``2025-03-01T09:00:00Z``), else ``None``."""
    m = _ISO.match((value or "").strip())
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def clean_title(value: str | None) -> str:
    title = " ".join((value or "").split())
    return "" if not title or _NO_TITLE.match(title) else title[:300]


def split_authors(value: str) -> list[str]:
    """Names from an author field ("A. Smith; B. Jones", "Smith, Jane")."""
    value = " ".join(value.split())
    if not value:
        return []
    if ";" in value:
        parts = value.split(";")
    elif re.fullmatch(r"[^,]+,\s*[^,\s]+(\s+[A-Z]\.)?", value):
        last, first = (p.strip() for p in value.split(",", 1))
        parts = [f"{first} {last}"]  # "Smith, Jane"
    else:
        parts = meta.author_names(value) or [value]
    return [p.strip() for p in parts if p.strip()][:20]


def core_properties(root: Any | None) -> Properties:
    """Title, authors, creation date and language from core.xml or meta.xml."""
    props = Properties()
    if root is None:
        return props
    values: dict[str, list[str]] = {}
    for el in root.iter():
        name = _local(el.tag)
        text = " ".join("".join(el.itertext()).split()) if name else ""
        if text:
            values.setdefault(name, []).append(text[:1000])
    props.title = clean_title((values.get("title") or [""])[0])
    creators = values.get("initial-creator") or values.get("creator") or []
    for creator in creators[:1]:
        props.authors = split_authors(creator)
    for key in ("created", "creation-date", "date", "modified"):
        date = iso_date((values.get(key) or [""])[0])
        if date:
            props.date = date
            break
    lang = (values.get("language") or [""])[0]
    props.language = lang if _LANG.match(lang) else None
    return props
