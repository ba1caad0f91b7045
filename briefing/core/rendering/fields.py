"""What the PDF (through HTML) and the Word file print the same way: dates, the running title,
the header and footer fields, the cover's facts, and which section is the key takeaway."""

from __future__ import annotations

import re
from datetime import date

from briefing.core.model.document import Briefing, Meta, Section
from briefing.core.model.handling import Marking
from briefing.core.rendering.emoji import strip_emoji

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")  # a date field that starts with a day
RUNNING_FIELDS = ("organisation", "handling", "date", "title", "page", "reference")
_TAKEAWAY_KINDS = {"key-takeaway", "bottom-line"}


def date_text(value: str | None) -> str:
    """An ISO date as a reader writes it (``"2025-03-05"`` -> ``"5 March 2025"``); any other
    text as it is."""
    if not value or not ISO_DATE.match(value):
        return value or ""
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{day.day} {day.strftime('%B %Y')}"


def running_title(title: str, limit: int | None = None) -> str:
    """The title as a header or footer shows it: on one line, without emoji (a flag in a
    running head reads as clutter); cut at a word before ``limit`` characters when given
    (Word cannot fade a long title out; the PDF's header gives it the room left)."""
    title = " ".join(strip_emoji(title).split())
    if limit is None or len(title) <= limit:
        return title
    return title[: limit - 2].rsplit(" ", 1)[0] + " …"


def running_fields(
    fields: list[str], required: tuple[str, ...], limit: int | None = None
) -> list[str]:
    """The brand's header or footer fields (known ones, each once) with the ``required`` ones
    added; at most ``limit`` (the brand's own choices give way first).

    TLP asks for the handling label on every page, header and footer, right-justified: it
    always comes last. The footer always carries ``Page N of M``.
    """
    out = [f for f in dict.fromkeys(fields) if f in RUNNING_FIELDS]
    out += [f for f in required if f not in out]
    if limit is not None:
        optional = [f for f in out if f not in required]
        while len(out) > limit and optional:
            out.remove(optional.pop())
    if "handling" in out:
        out.remove("handling")
        out.append("handling")
    return out


def required_fields(where: str) -> tuple[str, ...]:
    """The fields the ``"header"`` or ``"footer"`` always carries."""
    return ("handling", "page") if where == "footer" else ("handling",)


def cover_facts(meta: Meta, marking: Marking | None = None) -> list[tuple[str, str]]:
    """The cover's ``(label, value)`` facts that have a value, in their order.

    The status and the handling label are always among them, so the strip never holds a
    lone date; the label is named in words here (the badge is in header and footer).
    """
    facts = [
        ("Analyst", meta.analyst),
        ("Organisation", meta.organisation),
        ("Date", date_text(meta.date)),
        ("Reference", meta.reference),
        ("Audience", meta.audience),
        ("Status", "Final" if meta.status == "final" else "Draft"),
        ("Handling", marking.label if marking else ""),
    ]
    return [(label, " ".join(value.split())) for label, value in facts if value.strip()]


def is_takeaway(briefing: Briefing, section: Section) -> bool:
    """Whether ``section`` is the one thing to remember (Key Takeaway, Bottom line up front),
    which stands out on the page."""
    if section.id in _TAKEAWAY_KINDS:
        return True
    spec = briefing.template and next(
        (s for s in briefing.template.sections if s.id == section.id), None
    )
    return bool(spec and spec.fill and set(spec.fill) <= _TAKEAWAY_KINDS)


def summary_section(briefing: Briefing) -> Section | None:
    """The section the cover's summary box shows: the first key takeaway or bottom line with
    text in it (it then is not repeated among the sections)."""
    return next(
        (s for s in briefing.sections if s.markdown.strip() and is_takeaway(briefing, s)), None
    )
