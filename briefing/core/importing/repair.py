"""Text repair: undo mojibake, keep typography, normalise to NFC and tidy whitespace.

Mojibake here means UTF-8 bytes that some program decoded with a single-byte code page
(sometimes twice, sometimes a code page that falls back to Windows-1252 or to C1 controls for
the bytes it leaves unassigned). For each supported code page we know which character each
byte became, so a run of characters that maps back to a valid UTF-8 sequence is a candidate
repair. A candidate is only applied when it decodes to assigned Unicode and the evidence is
strong: three- and four-byte sequences always are; a two-byte sequence needs a shape that
genuine text does not have (see :func:`_strong`) or a strong repair on the same line.
Genuine Cyrillic, Greek and accented Latin never form such runs, so they stay as written.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

# Each scheme: the code pages whose byte->char tables are merged (first wins for display,
# all are tried when mapping back). Unassigned bytes fall back to Windows-1252 and to the
# C1 control of the same number, as Windows and browsers do.
SCHEMES: dict[str, tuple[str, ...]] = {
    "cp1252": ("cp1252",),
    "latin-1": ("latin_1",),
    "cp1250": ("cp1250", "iso8859_2"),
    "iso-8859-2": ("iso8859_2",),
    "cp1251": ("cp1251",),
    "cp1253": ("cp1253", "iso8859_7"),
    "iso-8859-7": ("iso8859_7",),
    "cp1254": ("cp1254", "iso8859_9"),
    "cp1257": ("cp1257", "iso8859_13"),
    "mac_roman": ("mac_roman",),
}

_MAX_PASSES = 4  # text misread up to four times is repaired


def _decode_byte(codec: str, b: int) -> str | None:
    try:
        return bytes([b]).decode(codec)
    except UnicodeDecodeError:
        return None


@dataclass(frozen=True)
class _Scheme:
    name: str
    back: dict[str, tuple[int, ...]]  # char -> bytes >= 0x80 it may have come from
    pattern: re.Pattern[str]
    native: frozenset[str]  # what the primary code page itself gives (ISO: C1 controls too)


def _class(chars: set[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


@cache
def _scheme(name: str) -> _Scheme:
    codecs = SCHEMES[name]
    # char -> bytes it may have come from, the primary code page's byte first
    back: dict[str, list[int]] = {}
    for rank in range(len(codecs) + 1):
        for b in range(0x80, 0x100):
            if rank < len(codecs):
                c = _decode_byte(codecs[rank], b)
                # ISO code pages "assign" 0x80-0x9F to C1 controls: treat those as unassigned
                if c is None or (b < 0xA0 and c == chr(b)):
                    continue
                chars = [c]
            else:
                primary = _decode_byte(codecs[0], b)
                assigned = primary is not None and (b >= 0xA0 or primary != chr(b))
                fallback = None if assigned else _decode_byte("cp1252", b)
                chars = [fallback] if fallback else []
                if b < 0xA0 and not assigned:
                    chars.append(chr(b))  # the C1 control for the same byte
            for c in chars:
                if b not in back.setdefault(c, []):
                    back[c].append(b)

    def chars_for(lo: int, hi: int) -> set[str]:
        return {c for c, bs in back.items() if any(lo <= b <= hi for b in bs)}

    cont = _class(chars_for(0x80, 0xBF))
    lead2, lead3, lead4 = (
        _class(chars_for(0xC2, 0xDF)),
        _class(chars_for(0xE0, 0xEF)),
        _class(chars_for(0xF0, 0xF4)),
    )
    alternatives = f"{lead4}{cont}{{3}}|{lead3}{cont}{{2}}|{lead2}{cont}"
    if _decode_byte(codecs[0], 0xA0) == "\xa0":
        # Copying text often turns a no-break space into a plain one: "voilÃ  " for "voilà ".
        alternatives += f"|{lead2} "
    pattern = re.compile(alternatives)
    native = frozenset(
        c
        for b in range(0x80, 0x100)
        if (c := _decode_byte(codecs[0], b)) and (b >= 0xA0 or c != chr(b))
    )
    return _Scheme(name, {c: tuple(bs) for c, bs in back.items()}, pattern, native)


def _valid_char(ch: str) -> bool:
    # A C1 control is kept as a (weak) candidate: in text misread twice it is the middle
    # step of a quote whose last byte Windows-1252 leaves unassigned.
    if "\x80" <= ch <= "\x9f":
        return True
    return unicodedata.category(ch) not in ("Cn", "Cs", "Co", "Cc")


def _decode_run(scheme: _Scheme, run: str) -> str | None:
    """The one character ``run`` is the mojibake of, or ``None``."""
    options = [scheme.back.get(c) or (0xA0,) for c in run]  # only " " is missing
    for combo in itertools.product(*options):
        try:
            ch = bytes(combo).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if len(ch) == 1 and _valid_char(ch):
            return ch
    return None


def _script(ch: str) -> str:
    return unicodedata.name(ch, "?").split(" ")[0]


def _word_like(run: str) -> bool:
    """Letters of one script in a natural case pattern ("Èßß"), as real words have."""
    if not all(c.isalpha() for c in run) or len({_script(c) for c in run}) > 1:
        return False
    return not any(p.islower() and c.isupper() for p, c in zip(run, run[1:], strict=False))


def _strong(run: str, ch: str, prev: str, nxt: str) -> bool:
    """Whether a repair is evidence on its own (not a pair genuine text could contain)."""
    if len(run) == 4:
        return True  # four characters spelling a valid supplementary character (emoji)
    if len(run) == 3:
        return not _word_like(run)
    cp = ord(ch)
    # Two-byte sequences decoding to rare scripts (Syriac, Thaana, NKo...) are more likely
    # genuine text such as an accented capital before a closing quote.
    if not 0xA0 <= cp <= 0x6FF:
        return False
    a, b = run[0], run[1]
    if (
        unicodedata.category(a) == "Sm"
        and _script(ch) == "LATIN"
        and not b.isspace()
        and _script(b) not in ("GREEK", "MICRO", "DIGIT")
    ):
        # MacRoman's lead bytes for Latin letters are "√" and "¬": a math sign glued to a
        # letter or sign ("S√ºd", "Wei√ü") is not how genuine text uses them ("√π" is).
        return True
    if not a.isalpha():
        return False  # punctuation lead: “école in MacRoman, ×© and the like
    if b.isalpha():
        # Two letters are genuine at a word start (Ukrainian Він, all-caps ВІН, ΚΑΊ); two
        # capitals inside a lowercase word (StraÃŸe) are not.
        return (
            a.isupper()
            and b.isupper()
            and any(c.islower() and _script(c) == _script(a) for c in (prev, nxt))
        )
    return True


@dataclass
class _Repair:
    start: int
    end: int
    char: str
    strong: bool


def _candidates(text: str, scheme: _Scheme) -> list[_Repair]:
    out: list[_Repair] = []
    pos = 0
    while True:
        m = scheme.pattern.search(text, pos)
        if m is None:
            break
        run = m.group()
        ch = _decode_run(scheme, run)
        if ch is None:
            pos = m.start() + 1  # a later character may start a real sequence
            continue
        prev = text[m.start() - 1] if m.start() else ""
        nxt = text[m.end()] if m.end() < len(text) else ""
        if run.endswith(" "):
            # a space for a no-break space: never evidence on its own, and only for the
            # scripts misreads usually hit (à, Р, Π...)
            if "\xa0" <= ch <= "\u06ff":
                out.append(_Repair(m.start(), m.end(), ch, False))
            pos = m.end() - 1
            continue
        out.append(_Repair(m.start(), m.end(), ch, _strong(run, ch, prev, nxt)))
        pos = m.end()
    return out


def _accepted(text: str, repairs: list[_Repair]) -> list[_Repair]:
    """Strong repairs, plus weak ones on a line that has a strong one."""
    strong_lines = {text.count("\n", 0, r.start) for r in repairs if r.strong}
    return [r for r in repairs if r.strong or text.count("\n", 0, r.start) in strong_lines]


def _apply(text: str, repairs: list[_Repair]) -> str:
    parts: list[str] = []
    pos = 0
    for r in repairs:
        parts.append(text[pos : r.start])
        parts.append(r.char)
        pos = r.end
    parts.append(text[pos:])
    return "".join(parts)


_PREFILTER = re.compile(r"[\u0080-\uffff]{2}")


def _fix_line(text: str) -> str:
    for _ in range(_MAX_PASSES):
        if not _PREFILTER.search(text):
            return text
        best: list[_Repair] = []
        best_key = (0, 0)
        for name in SCHEMES:
            scheme = _scheme(name)
            found = _accepted(text, _candidates(text, scheme))
            cover = sum(r.end - r.start for r in found)
            # On equal cover, the code page that explains more of it by its own table wins;
            # then the order of SCHEMES (Windows pages first, as most misreads are).
            native = sum(c in scheme.native for r in found for c in text[r.start : r.end])
            if cover and (cover, native) > best_key:
                best, best_key = found, (cover, native)
        if not best:
            return text
        text = _apply(text, best)
    return text


def fix_mojibake(text: str) -> str:
    """Undo UTF-8 misread as any supported single-byte code page (or mix), repeatedly.

    Each line is judged on its own: a paste can mix text misread in different ways."""
    if not _PREFILTER.search(text):
        return text
    # split("\n"), not splitlines(): U+0085 and friends are misread bytes, not line ends
    return "\n".join(_fix_line(line) for line in text.split("\n"))


_CONTROLS = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufeff\u200b]")
_SPACES = re.compile(r"(?<=\S)[ \t\u2000-\u200a\u202f\u205f\u3000]+")
_TRAILING = re.compile(r"(?<![ \t])[ \t]+\n")  # from a run's start only: linear
_BLANKS = re.compile(r"\n{3,}")


def tidy_whitespace(text: str) -> str:
    """Unix line ends, no control characters, single spaces, at most one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROLS.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _TRAILING.sub("\n", text)
    text = _BLANKS.sub("\n\n", text)
    return text.strip()


def repair_text(text: str) -> str:
    """Repair mojibake, normalise to NFC and tidy whitespace; typography is kept as written.

    Curly quotes, dashes, ellipses, emoji and genuine non-Latin text are left alone; only
    character runs that are provably misread UTF-8 are replaced.
    """
    text = fix_mojibake(text)
    text = unicodedata.normalize("NFC", text)
    return tidy_whitespace(text)
