"""Time frames of forward-looking sentences, and the date they resolve by.

``find_timeframe("... before March 2027.", "2026-03-14")`` gives the phrase as written
("before March 2027") and, where the phrase is definite, an ISO resolve-by date read against
the article's publication date ("2027-03-01": the window closes when March begins). Vague
frames ("soon", "in the coming months", "next spring") keep their phrase and no date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from briefing.core.analysis.figures import MONTHS, number_value

__all__ = ["Timeframe", "find_timeframe", "future_marker", "years_named"]

_MONTH = "|".join(sorted((m for m in MONTHS if len(m) > 3 or m == "may"), key=len, reverse=True))
_MONTH_ABBR = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_SEASON = "spring|summer|autumn|fall|winter"
_UNIT = "days?|weeks?|months?|years?|decades?|quarters?"
_NUMW = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|couple of)"
_SOON = r"(?:as early as|as soon as|no later than)"
_PREP = (
    r"(?:no later than|as early as|as soon as|by|before|until|till|in|within|during|from|after"
    r"|through|throughout|over|for|at|on|around|starting|beginning|ahead of|up to)"
)
_YEAR = r"(?:19|20)\d\d"

# Most specific first; the first pattern that matches wins, its longest match is taken.
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("end-of", rf"(?:by|before|until|at|towards?)\s+the\s+end\s+of\s+(?:the\s+|this\s+|next\s+)?"
               rf"(?:{_YEAR}|year|month|week|decade|quarter|summer|spring|autumn|winter|"
               rf"(?:{_MONTH})(?:\s+{_YEAR})?)"),
    ("day-date", rf"(?:{_PREP}\s+)(?:(?:{_WEEKDAY}),?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?"
                 rf"(?:{_MONTH_ABBR})\.?(?:,?\s+{_YEAR})?|(?:{_MONTH_ABBR})\.?\s+\d{{1,2}}"
                 rf"(?:st|nd|rd|th)?(?:\s+(?:and|-|–|to)\s+\d{{1,2}}(?:st|nd|rd|th)?)?"
                 rf"(?:,?\s+{_YEAR})?)\b"),
    ("month-year", rf"(?:{_PREP}\s+)(?:(?:early|late|mid-?)\s*)?(?:{_MONTH})\s+{_YEAR}\b"),
    ("half", rf"(?:{_PREP}\s+)?the\s+(?:first|second|last)\s+(?:half|quarter)\s+of\s+"
             rf"(?:the\s+year|this\s+year|next\s+year|{_YEAR})"),
    ("quarter", rf"(?:{_PREP}\s+)?(?:the\s+)?(?:Q[1-4]|(?:first|second|third|fourth)\s+quarter)"
                rf"(?:\s+(?:of\s+)?{_YEAR})?\b"),
    ("year", rf"(?:{_PREP}(?:\s+at\s+least)?\s+)(?:(?:early|late|mid-?)\s*)?{_YEAR}\b"),
    ("within", rf"(?:within|in|over|during|for)\s+(?:the\s+)?(?:next|coming|following)\s+"
               rf"(?:{_NUMW}\s+)?(?:{_UNIT})(?:\s+or\s+(?:two|so))?"
               rf"|within\s+(?:{_NUMW}\s+)?(?:{_UNIT})"),
    ("coming", rf"(?:in\s+|over\s+|during\s+)?the\s+(?:coming|upcoming)\s+"
               rf"(?:{_UNIT}|{_NUMW}\s+(?:{_UNIT}))|in\s+(?:future|later|coming)\s+(?:{_UNIT})"),
    ("next", rf"(?:(?:by|before|until|from|in|during|{_SOON})\s+)?(?:this\s+time\s+)?next\s+"
             rf"(?:{_SEASON}|{_UNIT}|{_WEEKDAY}|{_MONTH}|election|meeting|season|summit)"),
    ("this", rf"(?:(?:{_SOON}|later|early|by|before|until|in|during)\s+)?(?:later\s+)?this\s+"
             rf"(?:{_SEASON}|week|weekend|month|year|decade|quarter|evening|afternoon)"),
    ("recess", r"(?:before|by|until|after|ahead of)\s+the\s+[a-z]+\s+(?:recess|election|summit|"
               r"deadline|holidays?|break)"),
    ("season", rf"(?:in|by|before|until|during)\s+the\s+(?:{_SEASON})\b"),
    ("month", rf"(?:in|by|before|until|from)\s+(?:early\s+|late\s+|mid-?)?(?:{_MONTH})\b"),
    ("weekday", rf"(?:on|by|before|until|from|next)\s+(?:{_WEEKDAY})\b"),
    ("day", r"(?<!earlier )\b(?:later\s+today|today|tonight|tomorrow|overnight)\b(?!['’]s)"),
    ("vague", r"\b(?:in the (?:near |distant )?future|shortly|soon|eventually|imminently"
              r"|in due course)\b"),
)  # fmt: skip
# A word each kind of frame cannot do without: most sentences skip most patterns.
_NEEDS: dict[str, str] = {
    "end-of": r"\bend\b", "day-date": r"\d", "month-year": r"\d{4}", "half": r"half|quarter",
    "quarter": r"quarter|\bQ[1-4]", "year": r"\d{4}", "within": r"within|next|coming|following",
    "coming": r"coming|future|later", "next": r"\bnext\b", "this": r"\bthis\b",
    "recess": r"recess|election|summit|deadline|holiday|break", "season": _SEASON,
    "month": rf"\b(?:{_MONTH})\b", "weekday": _WEEKDAY,
    "day": r"today|tonight|tomorrow|overnight",
    "vague": r"future|shortly|soon|eventually|imminently|due course",
}  # fmt: skip
_COMPILED = tuple(
    (kind, re.compile(rf"(?i){_NEEDS[kind]}"), re.compile(rf"(?i)\b(?:{p})"))
    for kind, p in _PATTERNS
)
_HINT = re.compile(
    rf"(?i)\d|\b(?:{_MONTH_ABBR}|{_WEEKDAY}|{_SEASON}|next|this|coming|upcoming|within|today|"
    r"tonight|tomorrow|overnight|soon|shortly|eventually|imminently|future|end|half|quarter|"
    r"recess|election|summit|deadline|holidays?|break|due course|following)\b"
)
_RECENT_PAST = 183  # days: a date without a year this far back is read as next year's
_FUTURE_KINDS = frozenset({"within", "coming", "next", "day", "vague", "end-of", "half"})


@dataclass(frozen=True)
class Timeframe:
    """A time frame as written in a sentence, with its resolve-by date when definite."""

    text: str
    kind: str  # which pattern found it, e.g. "month-year", "within", "vague"
    resolve_by: str | None = None  # ISO date
    start: int = 0
    end: int = 0


def _published(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add(when: date, n: int, unit: str) -> date:
    unit = unit.rstrip("s")
    if unit == "day":
        return when + timedelta(days=n)
    if unit == "week":
        return when + timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}[unit] * n
    y, m = divmod(when.month - 1 + months, 12)
    year, month = when.year + y, m + 1
    return date(year, month, min(when.day, calendar.monthrange(year, month)[1]))


def _month_of(text: str) -> int | None:
    m = re.search(rf"(?i)\b({_MONTH_ABBR})\b", text)
    return MONTHS[m.group(1).lower()] if m else None


def _resolve(kind: str, phrase: str, now: date | None) -> date | None:
    low = phrase.lower()
    years = [int(y) for y in re.findall(rf"\b({_YEAR})\b", phrase)]
    year = years[-1] if years else None
    before = low.startswith(("before", "ahead of"))
    if kind == "end-of":
        if year and _month_of(low) is None:
            return date(year, 12, 31)
        if now is None:
            return None
        if "month" in low:
            return _month_end(now.year, now.month)
        if "year" in low:
            return date(now.year + (1 if "next" in low else 0), 12, 31)
        month = _month_of(low)
        if month:
            return _month_end(year or (now.year if month >= now.month else now.year + 1), month)
        return None
    if kind == "day-date":
        days = re.findall(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", re.sub(rf"\b{_YEAR}\b", "", phrase))
        month = _month_of(low)
        if not days or month is None:
            return None
        y = year or (now.year if now else None)
        if y is None:
            return None
        try:
            when = date(y, month, int(days[-1]))
        except ValueError:
            return None
        if year is None and now is not None and (now - when).days > _RECENT_PAST:
            when = date(y + 1, month, int(days[-1]))  # "on 3 January" in a December article
        return when - timedelta(days=1) if before else when
    if kind == "month-year" and year:
        month = _month_of(low)
        if month is None:
            return None
        if before:
            return date(year, month, 1)
        return (
            None if "mid" in low or "early" in low and "by" not in low else _month_end(year, month)
        )
    if kind == "year" and year:
        if "mid" in low or "early" in low or "late" in low or "at least" in low:
            return None
        if low.startswith(("from", "after", "since", "starting", "beginning")):
            return None
        return date(year, 1, 1) if before else date(year, 12, 31)
    if now is None:
        return None
    if kind == "within":
        m = re.search(rf"(?i)\b({_NUMW})\s+({_UNIT})\b", phrase)
        if m and m.group(1).lower() not in ("few", "couple of"):
            n = number_value(m.group(1)) or (1.0 if m.group(1).lower() in ("a", "an") else None)
            if n:
                return _add(now, int(n), m.group(2).lower())
        m = re.search(rf"(?i)\bnext\s+({_UNIT})\b", phrase)
        if m and not re.search(rf"(?i)\b{_NUMW}\s+{_UNIT}", phrase):
            return _add(now, 1, m.group(1).lower())
        return None
    if kind == "next":
        if re.search(r"(?i)\bnext\s+year\b", phrase):
            return date(now.year + 1, 1, 1) if before else date(now.year + 1, 12, 31)
        if re.search(r"(?i)\bnext\s+month\b", phrase):
            nxt = _add(date(now.year, now.month, 1), 1, "month")
            return nxt if before else _month_end(nxt.year, nxt.month)
        if re.search(r"(?i)\bnext\s+week\b", phrase):
            monday = now + timedelta(days=7 - now.weekday())
            return monday if before else monday + timedelta(days=6)
        return None
    if kind == "this":
        if re.search(r"(?i)\bthis\s+year\b", phrase):
            return date(now.year, 12, 31)
        if re.search(r"(?i)\bthis\s+month\b", phrase):
            return _month_end(now.year, now.month)
        if re.search(r"(?i)\bthis\s+week\b", phrase):
            return now + timedelta(days=6 - now.weekday())
        return None
    if kind == "month":
        month = _month_of(low)
        if month is None or "mid" in low or "early" in low or "late" in low:
            return None
        y = now.year
        if (now - _month_end(y, month)).days > _RECENT_PAST:
            y += 1  # "in January" in a November article; in a March one it is history
        return date(y, month, 1) if before else _month_end(y, month)
    if kind == "weekday":
        wd = [d for d in _WEEKDAY.split("|") if d in low]
        if not wd:
            return None
        ahead = (_WEEKDAY.split("|").index(wd[0]) - now.weekday()) % 7 or 7
        return now + timedelta(days=ahead)
    if kind == "day":
        if "tomorrow" in low:
            return now + timedelta(days=1)
        return now
    return None


@lru_cache(maxsize=4096)
def find_timeframe(sentence: str, published: str | None = None) -> Timeframe | None:
    """The time frame a sentence names, or ``None``; see the module docstring.

    Cached (a pure function of its arguments): prediction checks ask it more than once."""
    if not _HINT.search(sentence):
        return None  # no digit and no time word: skip the seventeen patterns
    now = _published(published)
    for kind, needs, regex in _COMPILED:
        if not needs.search(sentence):
            continue
        found = []
        for m in regex.finditer(sentence):
            when = _resolve(kind, m.group(0).strip(), now)
            if when is not None and now is not None and when < now:
                continue  # a date already past is history, not the forecast's time frame
            found.append((m, when))
        if not found:
            continue
        m, when = max(found, key=lambda mw: (len(mw[0].group(0)), -mw[0].start()))
        phrase = m.group(0).strip()
        return Timeframe(phrase, kind, when.isoformat() if when else None, m.start(), m.end())
    return None


def future_marker(sentence: str, published: str | None = None) -> bool:
    """True when the sentence names an unmistakably future time (next year, within weeks...).

    Explicit years count when they are after the publication year.
    """
    tf = find_timeframe(sentence, published)
    if tf is not None and tf.kind == "day":  # "today" and "tonight" are now, not ahead
        return tf.text.lower() in ("tomorrow", "later today", "later tonight")
    if tf is not None and tf.kind in _FUTURE_KINDS:
        return True
    now = _published(published)
    if now is not None:
        return any(y > now.year for y in years_named(sentence))
    return False


def years_named(sentence: str) -> list[int]:
    """Every four-digit year (1900-2099) the sentence names."""
    return [int(y) for y in re.findall(rf"\b({_YEAR})\b", sentence)]
