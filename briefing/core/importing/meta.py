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
    "critic blogger intern freelance freelancer in at for of the and fellow scholar professor "
    "lecturer economist strategist officer manager partner adviser advisor consultant "
    "specialist expert nonresident non-resident adjunct coordinator officer engineer designer "
    "developer scientist founder co-founder ceo cto president vice product software marketing "
    "communications spokesperson spokesman spokeswoman owner member "
    # words that are never part of a person's name (generator tags, site accounts)
    "version admin administrator webmaster moderator anonymous unknown user guest"
)
# Words of news organisations that a byline may name after the people ("Associated Press").
_ORG_TEXT = (
    "press agency agence media wire wires service services network newsroom times post "
    "journal daily tribune herald gazette review magazine online group company inc ltd "
    "reuters afp ap dpa bloomberg bbc cnn"
)
_ROLE_WORDS = frozenset(_ROLE_TEXT.split()) | frozenset(_ORG_TEXT.split())

# The words that make a line a person's role rather than a desk or region ("World").
_JOB_TEXT = (
    "editor correspondent reporter writer columnist contributor analyst producer journalist "
    "author fellow scholar professor lecturer economist strategist researcher director "
    "photographer commentator blogger chief head adviser advisor consultant"
)
_JOBS = frozenset(_JOB_TEXT.split())


def _is_job(word: str) -> bool:
    lower = word.lower()
    return lower in _JOBS or (lower.endswith("s") and lower[:-1] in _JOBS)


def _is_role(word: str) -> bool:
    """A job-title or organisation word, singular or plural ("Fellow", "Fellows")."""
    lower = word.lower()
    return lower in _ROLE_WORDS or (lower.endswith("s") and lower[:-1] in _ROLE_WORDS)


_BYLINE = re.compile(
    r"^\W*(?:written |posted |reported |story |words |text |texte )?"
    r"(by|from|von|par|por|door|di|av|af|του|της|των)\s+(.+)$",
    re.IGNORECASE,
)
_AUTHOR_LABEL = re.compile(
    r"^\W*(authors?|byline|writer|written by|autor(?:in|en|zy)?|auteure?s?|autore|auteur"
    r"|автор(?:ы)?|συντάκτης|συγγραφέας)\s*:\s*(.+)$",
    re.IGNORECASE,
)
# Runs of spaces and punctuation are taken whole ("*+"), and a split only starts where a run
# starts ("(?<!\s)"): the rules stay linear on a 100,000-space line.
_DATE_FIRST = re.compile(r"^(.{6,60}?\d{4})\s*+(?:[,|·•–—-]\s*+)?(by\s+\S.*)$", re.IGNORECASE)
# "Jane Doe | Staff Writer", "Jane Doe, Senior Analyst": a name, then only role words.
_NAME_ROLE = re.compile(r"^\W*+(.{3,60}?)\s*+(?:\||,|–|—|-|·|•)\s*+(.{3,80})$")
_LAST_FIRST = re.compile(r"^([A-Z][\w'’-]+),\s*([A-Z][\w'’.-]+(?: [A-Z]\.)?)$")
_NAME_SPLIT = re.compile(r"(?<!\s)\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\||·|•)\s*+")
_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÞĀ-ſА-ЯЁΑ-Ω][\w.'’-]*$")
_PARTICLES = frozenset({"de", "van", "von", "der", "den", "da", "di", "del", "la", "le", "bin"})

# Month names in English and the other languages analysts commonly read (full and
# abbreviated; Slavic and Greek genitives as dates use them).
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            "january jan januar janvier enero gennaio janeiro januari stycznia styczeń "
            "января январь ιανουαρίου ιανουάριος jänner",
            "february feb februar février fevrier febrero febbraio fevereiro februari "
            "lutego luty февраля февраль φεβρουαρίου φεβρουάριος",
            "march mar märz mars marzo março maart marca marzec марта март μαρτίου μάρτιος",
            "april apr avril abril aprile kwietnia kwiecień апреля апрель απριλίου απρίλιος",
            "may mai mayo maggio maio mei maja maj мая май μαΐου μάιος",
            "june jun juni juin junio giugno junho czerwca czerwiec июня июнь ιουνίου ιούνιος",
            "july jul juli juillet julio luglio julho lipca lipiec июля июль ιουλίου ιούλιος",
            "august aug août aout agosto augustus sierpnia sierpień августа август "
            "αυγούστου αύγουστος",
            "september sep sept septembre septiembre settembre setembro września wrzesień "
            "сентября сентябрь σεπτεμβρίου σεπτέμβριος",
            "october oct oktober octobre octubre ottobre outubro października październik "
            "октября октябрь οκτωβρίου οκτώβριος okt",
            "november nov novembre noviembre novembro listopada listopad ноября ноябрь "
            "νοεμβρίου νοέμβριος",
            "december dec dezember décembre decembre diciembre dicembre dezembro grudnia "
            "grudzień декабря декабрь δεκεμβρίου δεκέμβριος dez",
        ]
    )
    for m in names.split()
}
_MONTH = "(" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = (
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), "ymd"),
    (
        re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.IGNORECASE),
        "mdy",
    ),
    (
        re.compile(
            r"\b(\d{1,2})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?"
            + _MONTH
            + r",?\s+(?:de\s+)?(\d{4})",
            re.IGNORECASE,
        ),
        "dmy",
    ),
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), "dmy_num"),
    (re.compile(r"\b(\d{4})/(\d{1,2})/(\d{1,2})\b"), "ymd"),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), "slash"),
)
_DATE_WORDS = re.compile(
    r"\b(published|updated|posted|last|modified|on|at|am|pm|a\.m|p\.m|gmt|utc|cet|cest|est|edt"
    r"|et|pt|ct|mt|pst|pdt|cst|cdt|bst|ist|jst|msk|eet|eest|z|"
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
        elif order == "slash":
            # 07/03/2025: day first when the first number cannot be a month; otherwise the
            # US order, as English-language sites that write slashes mostly use it.
            first, second = int(g[0]), int(g[1])
            day, month = (first, second) if first > 12 else (second, first)
            found = _iso(int(g[2]), month, day)
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


# Words naming a newsroom desk or region before a role ("Nordic Affairs Editor", "Asia
# Correspondent"): region names and their adjectives (-ic, -an, -ean, -ese, -ish, -ern).
_DESK_TEXT = (
    "africa america americas arctic asia atlantic balkans baltics caribbean china europe gulf "
    "india japan korea latin middle nordic pacific russia scandinavia brussels washington london "
    "westminster whitehall city metro state capitol"
)
_DESKS = frozenset(_DESK_TEXT.split())
_DEMONYM = re.compile(r"^[A-Z][a-z]{2,}(?:ic|ean|ian|ese|ish|ern)$")


def _is_desk(word: str) -> bool:
    """A region or desk word of a role ("Nordic", "European", "Middle"), not part of a name."""
    return word.lower() in _DESKS or bool(_DEMONYM.match(word))


_WEEKDAY_TEXT = "monday tuesday wednesday thursday friday saturday sunday"
_WEEKDAYS = frozenset(_WEEKDAY_TEXT.split()) | frozenset(_MONTHS)
_HONORIFICS_TEXT = "dr dr. prof prof. professor mr mr. mrs mrs. ms ms. sir dame"
_HONORIFICS = frozenset(_HONORIFICS_TEXT.split())
# Words that start place names, not people's names ("North Korea", "New Caledonia").
_PLACE_TEXT = "north south east west northern southern eastern western new united republic "
_PLACE_TEXT += "central upper lower greater saint san santa los las el al"
_PLACE_WORDS = frozenset(_PLACE_TEXT.split())


def _name(part: str) -> str | None:
    words = part.split()
    while len(words) > 2 and words[0].lower() in _HONORIFICS:
        words = words[1:]  # names only: "Dr. Jane Doe" is Jane Doe
    name: list[str] = []
    for n, word in enumerate(words):
        bare = word.strip(".,:;()[]")
        if _is_role(bare) and name:
            if len(name) > 2 and _is_desk(name[-1]):
                name.pop()  # "Ingrid Haugen Nordic Affairs Editor": Nordic is the desk's
            break
        if len(name) >= 2 and _is_desk(bare) and n + 1 < len(words):
            following = words[n + 1].strip(".,:;()[]")
            if _is_role(following):
                break  # "Jane Doe Europe Correspondent"
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
    if all(_is_role(w) for w in name):
        return None
    joined = " ".join(name)
    return joined.title() if joined.isupper() and len(joined) > 3 else joined


# A one-word author in a byline's usual frame: "by jbat - October 19", "Posted by Sofia at
# 9:50", "by Atrios" alone. Only in that frame is one word taken for a person's handle.
_HANDLE = re.compile(
    r"^([A-Za-z][\w.'-]{1,29})\s*(?:$|\s(?:on|at|in)\s|\s*[-–—|·●•,]\s|\s\d)", re.IGNORECASE
)
_NOT_HANDLE_TEXT = (
    "the a an this that these those our my your their his her its all some many most more "
    "far now then today yesterday tomorrow default email e-mail"
)
_NOT_HANDLES = frozenset(_NOT_HANDLE_TEXT.split())


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
        first = part.split()[0].strip(".,:;()[]") if part.split() else ""
        if _is_role(first) and first.lower() not in _PARTICLES:
            continue  # "Jane Doe, Engineer, Photos team": a role, not another name
        name = _name(part)
        if name and name not in names:
            names.append(name)
    if not names and m is not None and m.group(1).lower() == "by":
        handle = _HANDLE.match(m.group(2))
        word = handle.group(1) if handle else ""
        if word and not _is_role(word) and word.lower() not in _NOT_HANDLES | _WEEKDAYS:
            names.append(word)  # "by kourteous on March 3": a blog's user name
    return names


def byline_authors(line: str) -> list[str] | None:
    """Authors if ``line`` is a byline ("by Name Role", "Author: Name",
    "Name | Staff Writer"), else ``None``."""
    if len(line) > 160:
        return None
    dated = _DATE_FIRST.match(line)
    if dated and is_date_line(dated.group(1)):
        line = dated.group(2)  # "March 3, 2025 by Jane Doe"
    if not (_BYLINE.match(line) or _AUTHOR_LABEL.match(line)):
        return _name_with_role(line)
    names = author_names(line)
    return names or None


def bare_name(line: str) -> str | None:
    """ "Jane Doe": a line that is only a person's name (two to four words), else ``None``."""
    words = line.split()
    if not 2 <= len(words) <= 4 or any(_is_role(w) for w in words):
        return None
    if words[0].lower() in _PLACE_WORDS:
        return None
    name = _name(line)
    return name if name and len(name.split()) == len(words) else None


def _name_with_role(line: str) -> list[str] | None:
    """ "Jane Doe | Staff Writer": a bare name and nothing but role words or a date."""
    m = _NAME_ROLE.match(line.strip())
    if not m:
        return None
    name = _name(m.group(1))
    if name is None or len(name.split()) != len(m.group(1).split()):
        return None
    rest = m.group(2)
    words = [w.strip(".,:;()[]") for w in rest.split()]
    if is_date_line(rest) or (
        all(_is_role(w) for w in words if w) and any(_is_job(w) for w in words)
    ):
        return [name]
    return None


def clean_authors(authors: list[str]) -> list[str]:
    """Names only, each once, from whatever an extractor found."""
    out: list[str] = []
    for raw in authors:
        for name in author_names(raw):
            if name not in out:
                out.append(name)
    return out
