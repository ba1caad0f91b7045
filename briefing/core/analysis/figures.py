"""Figures and dates in a sentence, normalised so two sources can be compared.

"$2bn", "2 billion dollars" and "US$2,000m" are all 2e9 USD; "four days", "4 days" and
"a four-day delay" are 4 of "day"; "3%", "three per cent" are 3 of "%"; "on 3 March",
"March 3rd, 2026" are dates. Ranges ("between 2 and 4 billion kroner") keep both ends.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from briefing.core.analysis.terms import word_set

__all__ = [
    "Figure",
    "MONTHS",
    "conflicting",
    "find_figures",
    "number_value",
    "time_reference",
]

MONTHS = {
    m: i
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for m in names
}  # fmt: skip
_UNITS_0_19 = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
               "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
               "seventeen", "eighteen", "nineteen")  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_WORDS: dict[str, float] = {w: float(i) for i, w in enumerate(_UNITS_0_19)}
NUMBER_WORDS.update({w: float(20 + 10 * i) for i, w in enumerate(_TENS)})
NUMBER_WORDS.update({"a dozen": 12.0, "dozen": 12.0, "half a": 0.5, "a hundred": 100.0,
                     "a thousand": 1e3, "a million": 1e6, "a billion": 1e9, "a": 1.0,
                     "an": 1.0})  # fmt: skip
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6,
          "bn": 1e9, "b": 1e9, "billion": 1e9, "tn": 1e12, "trillion": 1e12,
          "hundred": 1e2}  # fmt: skip
_CURRENCY_SIGN = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
                  "gbp": "GBP", "¥": "JPY", "jpy": "JPY", "nok": "NOK", "kr": "NOK",
                  "sek": "SEK", "dkk": "DKK", "chf": "CHF", "cny": "CNY", "rmb": "CNY"}  # fmt: skip
_CURRENCY_WORD = {"dollar": "USD", "euro": "EUR", "pound": "GBP", "sterling": "GBP",
                  "yen": "JPY", "kroner": "NOK", "krone": "NOK", "crown": "NOK",
                  "yuan": "CNY", "renminbi": "CNY", "franc": "CHF"}  # fmt: skip

_NUMBER_TOKENS = frozenset(
    w for key in NUMBER_WORDS if key not in ("a", "an") for w in key.split()
) | frozenset(f"{t}-{u}" for t in _TENS for u in _UNITS_0_19[1:10])
_WORDNUM = (
    r"(?:(?:" + "|".join(_TENS) + r")(?:[- ](?:" + "|".join(_UNITS_0_19[1:10]) + r"))?"
    r"|" + "|".join(sorted(_UNITS_0_19, key=len, reverse=True)) + r"|a dozen|dozen|half a)"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUM = rf"(?:{_DIGITS}|{_WORDNUM})"
_SCALE_RE = r"(?:thousand|million|billion|trillion|mln|mn|bn|tn|k|m|b)\b"
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

_DATE = re.compile(
    rf"(?i)\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH_RE})\.?"
    rf"(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<m2>{_MONTH_RE})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>(?:19|20)\d\d))?"
    rf"|(?P<m3>{_MONTH_RE})\s+(?P<y3>(?:19|20)\d\d))\b"
)
_YEAR = re.compile(r"(?i)\b(?:in|since|by|from|until|of|during|before|after)\s+((?:19|20)\d\d)\b")
_MONEY_SIGN = re.compile(
    rf"(?i)(?P<cur>US\$|\$|€|£|¥|\b(?:USD|EUR|GBP|JPY|NOK|SEK|DKK|CHF|CNY|RMB)\s?|\bkr\.?\s?)"
    rf"(?P<n>{_DIGITS})(?:\s?(?P<s>{_SCALE_RE}))?"
)
_MONEY_WORD = re.compile(
    rf"(?i)\b(?P<n>{_NUM})(?:\s?(?P<s>{_SCALE_RE}))?\s+(?:(?:US|Norwegian|Japanese|Swedish|"
    rf"Danish|Swiss|Chinese)\s+)?(?P<w>dollars?|euros?|pounds?|sterling|yen|kroner|krone|"
    rf"crowns?|yuan|renminbi|francs?)\b"
)
_PERCENT = re.compile(
    rf"(?i)\b(?P<n>{_NUM})\s?(?:%|per\s?cent\b|percent\b|percentage points?\b|pct\b)|"
    rf"(?P<n2>\d+(?:\.\d+)?)%"
)
_RANGE_GLUE = r"\s*(?:-|–|to|and)\s*"
_COUNT = re.compile(
    rf"(?i)\b(?P<n>{_NUM})(?:\s?(?P<s>{_SCALE_RE}))?(?:-|\s+)(?:(?:more|extra|additional|"
    rf"further|new|other)\s+)?(?P<u>[a-z][a-z-]{{1,}})\b"
)
_NOT_UNITS = word_set(
    "and or of the to in on at for per percent cent times a an as than more less by from with "
    "was were is are has have had will would who which that this these those it its am pm"
)


@dataclass(frozen=True)
class Figure:
    """A quantity or date found in a sentence."""

    value: float  # for dates: year*10000 + month*100 + day, year 0 when not given
    unit: str  # "USD", "%", "day", "date", "year", a counted noun ("ship", "people")...
    text: str  # verbatim
    start: int
    end: int
    high: float | None = None  # the other end of a range

    def overlaps(self, other: Figure) -> bool:
        """True when the two figures could be the same value (ranges overlap, dates agree)."""
        if self.unit == "date" and other.unit == "date":
            ya, yb = int(self.value) // 10000, int(other.value) // 10000
            if ya and yb and ya != yb:
                return False
            return int(self.value) % 10000 == int(other.value) % 10000
        lo_a, hi_a = self.value, self.high if self.high is not None else self.value
        lo_b, hi_b = other.value, other.high if other.high is not None else other.value
        tolerance = 0.005 * max(abs(hi_a), abs(hi_b), 1e-9)
        return lo_a <= hi_b + tolerance and lo_b <= hi_a + tolerance


def number_value(token: str) -> float | None:
    """The value of a number in digits or words ("1,500", "2.4", "four", "twenty-five")."""
    t = token.lower().strip()
    if re.fullmatch(_DIGITS, t):
        return float(t.replace(",", ""))
    t = t.replace("-", " ")
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t]
    parts = t.split()
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None


def _scaled(n: str, scale: str | None) -> float | None:
    value = number_value(n)
    if value is None:
        return None
    return value * _SCALE.get((scale or "").lower(), 1.0)


def _singular(word: str) -> str:
    w = word.lower()
    if w in ("people", "news", "series", "species"):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def _free(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    return all(b <= x or a >= y for x, y in spans)


def find_figures(text: str) -> list[Figure]:
    """Every figure in ``text``: dates, money, percentages and counted things, in order."""
    if not any(c.isdigit() for c in text) and not set(text.lower().split()) & _NUMBER_TOKENS:
        return []  # no digit and no number word: nothing to find
    out: list[Figure] = []
    taken: list[tuple[int, int]] = []

    def add(fig: Figure) -> None:
        out.append(fig)
        taken.append((fig.start, fig.end))

    for m in _DATE.finditer(text):
        month = MONTHS[(m.group("m1") or m.group("m2") or m.group("m3")).lower()]
        day = int(m.group("d1") or m.group("d2") or 0)
        year = int(m.group("y1") or m.group("y2") or m.group("y3") or 0)
        if day > 31 or (not day and not year):
            continue
        add(Figure(year * 10000 + month * 100 + day, "date", m.group(0), m.start(), m.end()))
    for m in _YEAR.finditer(text):
        if _free(taken, m.start(1), m.end(1)):
            add(Figure(float(m.group(1)), "year", m.group(1), m.start(1), m.end(1)))
    for regex, kind in ((_MONEY_SIGN, "sign"), (_MONEY_WORD, "word")):
        for m in regex.finditer(text):
            if not _free(taken, m.start(), m.end()):
                continue
            value = _scaled(m.group("n"), m.group("s"))
            if value is None:
                continue
            if kind == "sign":
                unit = _CURRENCY_SIGN[m.group("cur").strip().rstrip(".").lower()]
            else:
                unit = _CURRENCY_WORD[_singular(m.group("w"))]
            add(Figure(value, unit, m.group(0).strip(), m.start(), m.end()))
    for m in _PERCENT.finditer(text):
        if not _free(taken, m.start(), m.end()):
            continue
        value = number_value(m.group("n") or m.group("n2"))
        if value is not None:
            add(Figure(value, "%", m.group(0), m.start(), m.end()))
    for m in _COUNT.finditer(text):
        unit = m.group("u").lower()
        if not _free(taken, m.start(), m.end()) or unit in _NOT_UNITS or unit in MONTHS:
            continue
        if m.group("n").lower() in ("a", "an"):
            continue
        value = _scaled(m.group("n"), m.group("s"))
        if value is None:
            continue
        add(Figure(value, _singular(unit), m.group(0), m.start(), m.end()))
    out.sort(key=lambda f: f.start)
    return _ranges(text, out)


def _ranges(text: str, figures: list[Figure]) -> list[Figure]:
    """Join "2 and 4 billion kroner", "4-5 days" into one figure with both ends."""
    out: list[Figure] = []
    for fig in figures:
        prev = out[-1] if out else None
        if prev is not None and prev.unit == fig.unit and prev.high is None:
            glue = text[prev.end : fig.start]
            between = text[: prev.start].rstrip().lower().endswith("between")
            if re.fullmatch(_RANGE_GLUE, glue) and ("and" not in glue or between):
                out[-1] = Figure(prev.value, fig.unit, text[prev.start : fig.end], prev.start,
                                 fig.end, high=fig.value)  # fmt: skip
                continue
        bare = re.match(rf"(?i)(?:between\s+)?({_NUM}){_RANGE_GLUE}$", text[: fig.start][-40:])
        if bare and fig.high is None and fig.unit not in ("date", "year"):
            low = number_value(bare.group(1))
            scale = fig.value / (number_value(re.split(r"\s", fig.text.lstrip("$€£¥"))[0]) or 1)
            if low is not None and low * scale <= fig.value:
                start = fig.start - len(bare.group(0))
                out.append(Figure(low * scale, fig.unit, text[start : fig.end], start, fig.end,
                                  high=fig.value))  # fmt: skip
                continue
        out.append(fig)
    return out


def time_reference(text: str, published: str | None = None) -> date | None:
    """The earliest explicit date or year a sentence names (day 1 / 1 January when partial)."""
    found: list[date] = []
    year_now = int(published[:4]) if published and published[:4].isdigit() else None
    for fig in find_figures(text):
        if fig.unit == "date":
            v = int(fig.value)
            year, month, day = v // 10000 or year_now, (v // 100) % 100, v % 100 or 1
            if year:
                try:
                    found.append(date(year, month, day))
                except ValueError:
                    continue
        elif fig.unit == "year":
            found.append(date(int(fig.value), 1, 1))
    return min(found) if found else None


def conflicting(a: Sequence[Figure], b: Sequence[Figure]) -> list[tuple[Figure, Figure]]:
    """Pairs of figures of the same kind that cannot both be true (bare years aside).

    A figure of ``a`` conflicts when ``b`` gives the same kind of figure but none that could
    be the same value ("four days" against "five days", not against "four or five days").
    """
    out = []
    for fa in a:
        if fa.unit == "year":
            continue
        same_kind = [fb for fb in b if fb.unit == fa.unit]
        if same_kind and not any(fa.overlaps(fb) for fb in same_kind):
            out.append((fa, same_kind[0]))
    return out
