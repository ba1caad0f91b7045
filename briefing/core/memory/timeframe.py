"""When a prediction resolves: its ISO date, or one read from its time frame's words."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18,
}  # fmt: skip
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WITHIN = re.compile(
    r"\b(?:within|in|over|during)\s+(?:the\s+)?(?:next\s+)?(\d+|[a-z]+)\s+(day|week|month|year)s?\b"
)
_NEXT = re.compile(r"\b(before\s+)?next\s+(week|month|year)\b")
_QUARTER = re.compile(r"\b(?:q([1-4])|([1-4])(?:st|nd|rd|th)\s+quarter)\s*(?:of\s+)?(\d{4})\b")
_HALF = re.compile(r"\b(first|second|1st|2nd)\s+half\s+(?:of\s+)?(\d{4})\b|\bh([12])\s*(\d{4})\b")
_MONTH_YEAR = re.compile(r"\b([a-z]{3,9})\.?\s+(\d{4})\b")
_YEAR = re.compile(r"\b(20\d{2}|19\d{2})\b")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add(start: date, n: int, unit: str) -> date:
    if unit == "day":
        return start + timedelta(days=n)
    if unit == "week":
        return start + timedelta(weeks=n)
    months = n * (12 if unit == "year" else 1)
    y, m = divmod(start.month - 1 + months, 12)
    year, month = start.year + y, m + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _next_period(start: date, unit: str, *, before: bool) -> date:
    """The end of the next week, month or year after ``start`` ("before next ..." : this one)."""
    if unit == "week":
        end_of_week = start + timedelta(days=6 - start.weekday())
        return end_of_week if before else end_of_week + timedelta(weeks=1)
    if unit == "month":
        nxt = _add(start.replace(day=1), 0 if before else 1, "month")
        return _month_end(nxt.year, nxt.month)
    return date(start.year + (0 if before else 1), 12, 31)


def parse_iso(text: str | None) -> date | None:
    """A ``YYYY-MM-DD`` date at the start of ``text``, or ``None``."""
    if not text:
        return None
    m = _ISO.match(text.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def resolution_date(resolve_by: str | None, timeframe: str, made: str | None) -> date | None:
    """When a prediction falls due: ``resolve_by`` if set, else the end of the period its
    time frame names ("by end of 2026", "by March 2027", "Q3 2026", "within six months" of
    ``made``); ``None`` when nothing can be read."""
    explicit = parse_iso(resolve_by)
    if explicit is not None:
        return explicit
    text = " ".join(timeframe.lower().split())
    if not text:
        return None
    iso = _ISO.search(text)
    if iso is not None and (found := parse_iso(iso[0])) is not None:
        return found
    start = parse_iso(made)
    if (m := _WITHIN.search(text)) and start is not None:
        n = int(m[1]) if m[1].isdigit() else _NUMBERS.get(m[1])
        if n is not None:
            return _add(start, n, m[2])
    if (m := _NEXT.search(text)) and start is not None:
        return _next_period(start, m[2], before=bool(m[1]))
    if m := _QUARTER.search(text):
        quarter = int(m[1] or m[2])
        return _month_end(int(m[3]), quarter * 3)
    if m := _HALF.search(text):
        first = (m[1] or "") in ("first", "1st") or m[3] == "1"
        return _month_end(int(m[2] or m[4]), 6 if first else 12)
    for m in _MONTH_YEAR.finditer(text):
        month = _MONTHS.get(m[1])
        if month:
            return _month_end(int(m[2]), month)
    if m := _YEAR.search(text):
        return date(int(m[1]), 12, 31)
    return None
