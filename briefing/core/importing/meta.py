"""Metadata from loose text: bylines (author names without roles), publication dates."""

from __future__ import annotations

import datetime as dt
import re

# Words of job titles that follow a name in a byline ("James Carter Senior News Editor").
_ROLE_TEXT = (
    "senior junior chief deputy associate assistant executive managing contributing staff "
    "editor editors correspondent correspondents reporter reporters writer writers columnist "
    "contributor analyst producer journalist author news political foreign business technology "
    "tech economics economy science health sports security defence defense diplomatic "
    "investigative "
    "bureau head director fellow researcher research desk team international national world "
    "global europe asia africa americas middle east affairs editor-in-chief special lead "
    "principal visiting data digital photographer video audio host presenter anchor commentator "
    "critic blogger intern freelance freelancer in at for of the and "
)
# Words of news organisations that a byline may name after the people ("Associated Press").
_ORG_TEXT = (
    "press agency agence media wire wires service services network newsroom times post "
    "journal daily tribune herald gazette review magazine online group company inc ltd "
    "reuters afp ap dpa bloomberg bbc cnn"
)
_ROLE_WORDS = frozenset(_ROLE_TEXT.split()) | frozenset(_ORG_TEXT.split())
_BYLINE = re.compile(
    r"^\W*(?:written |posted |reported |story |words )?(by|von|par|por|door|di|av|af)\s+(.+)$",
    re.IGNORECASE,
)
_AUTHOR_LABEL = re.compile(r"^\W*(authors?|byline|writer)\s*:\s*(.+)$", re.IGNORECASE)
_LAST_FIRST = re.compile(r"^([A-Z][\w'’-]+),\s*([A-Z][\w'’.-]+(?: [A-Z]\.)?)$")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\||·|•)\s*")
_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÞĀ-ſА-ЯЁΑ-Ω][\w.'’-]*$")
_PARTICLES = frozenset({"de", "van", "von", "der", "den", "da", "di", "del", "la", "le", "bin"})

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ]
    )
    for m in names.split()
}
_MONTH = (
    r"(january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_DATE_PATTERNS = (
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.IGNORECASE), "mdy"),
    (
        re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+" + _MONTH + r",?\s+(\d{4})", re.IGNORECASE),
        "dmy",
    ),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), "dmy_num"),
)
_DATE_WORDS = re.compile(
    r"\b(published|updated|posted|last|modified|on|at|am|pm|gmt|utc|cet|est|edt|pst|bst|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"date|time|read|min|minutes?|reading)\b|\d{1,2}:\d{2}",
    re.IGNORECASE,
)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def find_date(text: str) -> str | None:
    """The first date in ``text`` as ``YYYY-MM-DD``, or ``None``."""
    for pattern, order in _DATE_PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        g = m.groups()
        if order == "ymd":
            found = _iso(int(g[0]), int(g[1]), int(g[2]))
        elif order == "mdy":
            found = _iso(int(g[2]), _MONTHS[g[0].lower()], int(g[1]))
        elif order == "dmy":
            found = _iso(int(g[2]), _MONTHS[g[1].lower()], int(g[0]))
        else:
            found = _iso(int(g[2]), int(g[1]), int(g[0]))
        if found:
            return found
    return None


def normalize_date(value: str | None) -> str | None:
    """Any date string (ISO timestamp, "March 14, 2026"...) as ``YYYY-MM-DD``."""
    return find_date(value) if value else None


def is_date_line(text: str) -> bool:
    """A short line that is only a date (with words like "Published", times, zones)."""
    if len(text) > 100 or not find_date(text):
        return False
    rest = text
    for pattern, _ in _DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    rest = _DATE_WORDS.sub(" ", rest)
    return not re.search(r"[^\W\d_]{2,}", rest)


def _name(part: str) -> str | None:
    words = part.split()
    name: list[str] = []
    for word in words:
        bare = word.strip(".,:;()[]")
        if bare.lower() in _ROLE_WORDS and name:
            break
        if bare.lower() in _PARTICLES and name:
            name.append(bare)
            continue
        if not _NAME_TOKEN.match(bare) or find_date(word):
            break
        name.append(bare)
        if len(name) == 4:
            break
    while name and name[-1].lower() in _PARTICLES:
        name.pop()
    if len(name) < 2:
        return None  # "By Friday, ..." is a sentence, not a byline
    if all(w.lower() in _ROLE_WORDS for w in name):
        return None
    joined = " ".join(name)
    return joined.title() if joined.isupper() and len(joined) > 3 else joined


def author_names(raw: str) -> list[str]:
    """Names only from a byline or author field: "By James Carter Senior News Editor"
    gives ``["James Carter"]``; roles, "By", dates and site names are dropped."""
    m = _BYLINE.match(raw) or _AUTHOR_LABEL.match(raw)
    text = m.group(2) if m else raw
    inverted = _LAST_FIRST.match(text.strip())
    if inverted:  # "Carter, James" from page metadata
        text = f"{inverted.group(2)} {inverted.group(1)}"
    text = re.split(r"\s[|–—-]\s|\s\(|\bupdated\b|\bpublished\b", text, flags=re.IGNORECASE)[0]
    names: list[str] = []
    for part in _NAME_SPLIT.split(text):
        name = _name(part)
        if name and name not in names:
            names.append(name)
    return names


def byline_authors(line: str) -> list[str] | None:
    """Authors if ``line`` is a byline ("by Name Role", "Author: Name"), else ``None``."""
    if len(line) > 160:
        return None
    if not (_BYLINE.match(line) or _AUTHOR_LABEL.match(line)):
        return None
    names = author_names(line)
    return names or None


def clean_authors(authors: list[str]) -> list[str]:
    """Names only, each once, from whatever an extractor found."""
    out: list[str] = []
    for raw in authors:
        for name in author_names(raw):
            if name not in out:
                out.append(name)
    return out
