"""What the PDF (through HTML) and the Word file print the same way: dates, the running title,
the header and footer fields, the cover's facts, and which section is the key takeaway."""

from __future__ import annotations

import re
from datetime import date

from briefing.core.model.document import Briefing, Meta, Section

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")  # a date field that starts with a day
RUNNING_FIELDS = ("organisation", "handling", "date", "title", "page", "reference")
_TAKEAWAY_KINDS = {"key-takeaway", "bottom-line"}


def date_text(value: str) -> str:
    """An ISO date as a reader writes it (``"2025-03-05"`` -> ``"5 March 2025"``); any other
    text as it is."""
    if not ISO_DATE.match(value):
        return value
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{day.day} {day.strftime('%B %Y')}"


def running_title(title: str) -> str:
    """The title as the header or footer shows it: on one line of a third of the page."""
    title = " ".join(title.split())
    return title if len(title) <= 40 else title[:38].rsplit(" ", 1)[0] + " …"


def running_fields(fields: list[str], required: tuple[str, ...]) -> list[str]:
    """The brand's header or footer fields with the ``required`` ones added (at most 3).

    TLP asks for the handling label on every page, header and footer, and the footer
    always carries ``Page N of M``; a brand may choose the rest.
    """
    out = [f for f in dict.fromkeys(fields) if f in RUNNING_FIELDS]
    missing = [f for f in required if f not in out]
    optional = [f for f in out if f not in required]
    while len(out) + len(missing) > 3 and optional:
        out.remove(optional.pop())
    return (out + missing)[:3]


def required_fields(where: str) -> tuple[str, ...]:
    """The fields the ``"header"`` or ``"footer"`` always carries."""
    return ("handling", "page") if where == "footer" else ("handling",)


def cover_facts(meta: Meta) -> list[tuple[str, str]]:
    """The cover's ``(label, value)`` facts that have a value, in their order."""
    facts = [
        ("Date", date_text(meta.date)),
        ("Analyst", meta.analyst),
        ("Organisation", meta.organisation),
        ("Reference", meta.reference),
        ("Audience", meta.audience),
    ]
    return [(label, value) for label, value in facts if value]


def is_takeaway(briefing: Briefing, section: Section) -> bool:
    """Whether ``section`` is the one thing to remember (Key Takeaway, Bottom line up front),
    which stands out on the page."""
    if section.id in _TAKEAWAY_KINDS:
        return True
    spec = briefing.template and next(
        (s for s in briefing.template.sections if s.id == section.id), None
    )
    return bool(spec and spec.fill and set(spec.fill) <= _TAKEAWAY_KINDS)
