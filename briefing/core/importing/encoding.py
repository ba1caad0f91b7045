"""Bytes to text as browsers decide: byte-order marks, the declared charset, UTF-8 (with a
few bad bytes), Windows-1252, and a detector only where nothing is declared, with every
single-byte guess checked for plausibility."""

from __future__ import annotations

import codecs
import re
import unicodedata

from briefing.core.errors import ArticleImportError
from briefing.core.importing.charset import codec_for_label, decode_with, is_utf8

# File signatures of formats that are never article text (images, PDF, archives, programs...).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a zip archive (or an Office document)"),
    (b"PK\x05\x06", "a zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"\x7fELF", "a program"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"SQLite format 3\x00", "a database"),
    (b"wOFF", "a font"),
    (b"wOF2", "a font"),
    (b"OggS", "an audio file"),
    (b"ID3", "an audio file"),
    (b"fLaC", "an audio file"),
    (b"\x00\x00\x01\x00", "an icon image"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Single-byte code pages tried when Windows-1252 gives implausible text.
_FALLBACKS = (
    "cp1250",
    "iso8859-2",
    "cp1251",
    "koi8-r",
    "cp1253",
    "iso8859-7",
    "cp1254",
    "cp1257",
    "iso8859-15",
    "mac-roman",
)


def binary_kind(data: bytes) -> str | None:
    """What kind of non-text file ``data`` looks like (by signature), or ``None``."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "an image or media file"
    if data[4:8] == b"ftyp":
        return "a video or image file"
    return None


# Letters that Windows-1252 produces from other code pages' bytes but that real text
# rarely has outside Icelandic and Faroese (Turkish, Baltic text read as Windows-1252).
_RARE_LETTERS = frozenset("ÐÞÝðþýƒ")


def _script(ch: str) -> str:
    if ch < "\u0250":
        return "latin"
    if "\u0370" <= ch < "\u0400":
        return "greek"
    if "\u0400" <= ch < "\u0530":
        return "cyrillic"
    return "other"


def implausibility(text: str) -> int:
    """How unlike real writing a decoded text looks: symbols and C1 controls inside words,
    words mixing scripts or with a capital after a small letter, rare letters, and Latin
    words made mostly of accented letters (Cyrillic or Greek read as Windows-1252)."""
    text = text[:100_000]
    score = 0
    latin = accented = 0
    prev = ""
    n = len(text)
    for i, ch in enumerate(text):
        if ch < "\x80":
            if ch.isalpha():
                latin += 1
                if prev.isalpha() and (
                    prev >= "\x80" and _script(prev) != "latin" or ch.isupper() and prev.islower()
                ):
                    score += 1
            prev = ch
            continue
        cat = unicodedata.category(ch)
        if cat == "Cc":
            score += 3
        elif cat[0] == "L":
            if ch <= "\u024f":
                latin += 1
                accented += ch <= "\u00ff"
            if ch in _RARE_LETTERS:
                score += 1
            if prev.isalpha() and (_script(prev) != _script(ch) or ch.isupper() and prev.islower()):
                score += 1
        elif (
            (cat[0] == "S" or cat in ("No", "Co", "Cn"))
            and prev.isalpha()
            and i + 1 < n
            and text[i + 1].isalpha()
        ):
            score += 1  # "by³o": a symbol where a letter belongs (not "it’s", "war—and")
        prev = ch
    if latin >= 8 and accented * 2 > latin:
        score += accented
    return score + _foreign_words(text)


# The accented letters of Latin-script languages. A word whose accented letters no single
# language uses together ("điř", "ţemës") is a sign of the wrong code page.
_ALPHABETS = tuple(
    frozenset(letters)
    for letters in (
        "àâæçéèêëîïôœùûüÿ",  # French
        "äöüß",  # German
        "áéíñóúüï",  # Spanish, Catalan
        "ãõáâàçéêíóôú",  # Portuguese
        "àèéìíòóù",  # Italian
        "åäöæøé",  # Nordic
        "áðéíóúýþæö",  # Icelandic, Faroese
        "ąćęłńóśźż",  # Polish
        "áčďéěíňóřšťúůýž",  # Czech
        "áäčďéíĺľňóôŕšťúýž",  # Slovak
        "áéíóöőúüű",  # Hungarian
        "ăâîșțşţ",  # Romanian
        "čćđšž",  # Croatian, Bosnian, Serbian Latin, Slovene
        "ąčęėįšųūž",  # Lithuanian
        "āčēģīķļņšūž",  # Latvian
        "äöõüšž",  # Estonian
        "çğıöşüâî",  # Turkish
        "ëç",  # Albanian
        "ĉĝĥĵŝŭ",  # Esperanto
        "ạảãáàâấầẩẫậăắằẳẵặđẹẻẽéèêếềểễệịỉĩíìọỏõóòôốồổỗộơớờởỡợụủũúùưứừửữựỵỷỹýỳ",  # Vietnamese
    )
)
# Starts only where a word starts: from every letter of a long word it was quadratic.
_ACCENTED_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]*[\u00c0-\u024f\u1e00-\u1eff][^\W\d_]*")


def _foreign_words(text: str) -> int:
    score = 0
    for word in _ACCENTED_WORD.findall(text):
        accents = {c for c in word.lower() if "\u00c0" <= c <= "\u1eff"}
        if len(accents) > 1 and not any(accents <= alphabet for alphabet in _ALPHABETS):
            score += 1
    return score


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _detected(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    return codec_for_label(best.encoding) if best is not None else None


def _check_text(text: str, name: str) -> str:
    if "\x00" in text:
        raise ArticleImportError("contains NUL bytes (not a text file)", name)
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark (some Windows tools do): Latin-script
    text then has a NUL in nearly every other byte and none in the rest; binary data
    scatters its NULs."""
    head = data[:4096]
    if len(head) < 16:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    for zeros, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros >= 0.3 * half and others <= 0.01 * half:
            text = _try(data[: len(data) // 2 * 2], codec)
            sample = text[:4096] if text is not None else ""
            if (
                text is not None
                and "\x00" not in text
                and implausibility(sample) * 100 <= len(sample)
            ):
                return text
    return None


# Control bytes that text files do not hold (tab, line feed, form feed, carriage return and
# escape aside): binary data is full of them.
_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def _stray_nuls(data: bytes) -> bool:
    """A few NUL bytes in otherwise clean text (padding after ``</html>``, a stray one from
    a broken editor), as opposed to binary data: NULs only at the end, or at most one byte in
    a thousand, and other control bytes as rare."""
    body = data.rstrip(b"\x00")
    sample = body[:1_000_000]
    budget = len(sample) // 1000
    return sample.count(0) <= budget and len(_CONTROL_BYTES.findall(sample)) <= max(1, budget)


# Non-ASCII characters with a little context: plausibility is judged on these alone, so
# a page of markup costs no more to check than its accented words.
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_CONTEXT = 12
_MAX_SAMPLES = 3000


def _non_ascii_sample(text: str) -> str:
    parts: list[str] = []
    end = 0
    for i, m in enumerate(_NON_ASCII.finditer(text)):
        if i == _MAX_SAMPLES:
            break
        start = max(m.start() - _CONTEXT, end)
        piece = text[start : m.end() + _CONTEXT]
        if parts and start == end:
            parts[-1] += piece  # overlapping windows stay one piece of text
        else:
            parts.append(piece)
        end = m.end() + _CONTEXT
    return " ".join(parts)


def _plausible(text: str) -> int:
    return implausibility(_non_ascii_sample(text))


def _is_single_byte(codec: str) -> bool:
    return codec.startswith(("cp12", "iso8859", "koi8", "mac-", "cp874", "cp866"))


def decode_bytes(data: bytes, *, declared: str | None = None, name: str) -> str:
    """Decode a file's bytes to text, deciding the encoding the way browsers do.

    Order: a byte-order mark (UTF-8, UTF-16, UTF-32); then the ``declared`` charset (an
    HTTP/MIME, meta or XML declaration; labels as browsers read them, so ISO-8859-1 is
    Windows-1252), except that bytes which are UTF-8 beyond doubt are read as UTF-8 whatever
    a single-byte declaration says; a declared code page whose text is implausible (Cyrillic
    declared as Latin-1) is checked against the other candidates. With nothing declared:
    UTF-8, then Windows-1252, then charset-normalizer's guess and other code pages, keeping
    the most plausible. UTF-8 with a few invalid bytes stays UTF-8 (each stray byte read as
    Windows-1252). A few stray NUL bytes are dropped; binary data (file signatures, many NUL
    or control bytes) raises :class:`ArticleImportError` naming ``name``.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            if codec == "utf-8":
                return _check_text(decode_with(data[len(bom) :], codec), name)
            text = _try(data[len(bom) :], codec)
            if text is None:
                raise ArticleImportError(f"is not valid {codec.upper()} text", name)
            return _check_text(text, name)
    kind = binary_kind(data)
    if kind:
        raise ArticleImportError(f"is {kind}, not an article", name)
    if b"\x00" in data:
        unmarked = _utf16_without_bom(data)
        if unmarked is not None:
            return _check_text(unmarked, name)
        if not _stray_nuls(data):
            raise ArticleImportError("contains NUL bytes (not a text file)", name)
        data = data.replace(b"\x00", b"")
    if data.isascii():
        return data.decode("ascii")
    utf8 = _try(data, "utf-8")
    if utf8 is not None:
        return utf8
    chosen = codec_for_label(declared)
    if chosen is not None and chosen.startswith("utf-16"):
        chosen = "utf-8"  # an ASCII-compatible stream is not UTF-16, whatever it says
    if (chosen is None or chosen == "utf-8" or _is_single_byte(chosen)) and is_utf8(data):
        return decode_with(data, "utf-8")
    if chosen is not None and chosen != "utf-8":
        text = decode_with(data, chosen)
        if not _is_single_byte(chosen):
            return text  # a multi-byte declaration (GBK, Shift_JIS...) is taken as it is
        score = _plausible(text)
        if score <= 2:
            return text
        return _most_plausible(data, [(chosen, text, score)])
    # Nothing usable declared (or a UTF-8 declaration the bytes contradict).
    text = decode_with(data, "cp1252")
    score = _plausible(text)
    if score == 0:
        return text
    return _most_plausible(data, [("cp1252", text, score)])


def _most_plausible(data: bytes, candidates: list[tuple[str, str, int]]) -> str:
    """The most plausible of the candidates, charset-normalizer's guess and the common
    single-byte code pages; the first of equals wins (declared, Windows-1252, the guess)."""
    for label in (_detected(data), *_FALLBACKS):
        if label and all(label != c for c, _, _ in candidates):
            decoded = decode_with(data, label)
            candidates.append((label, decoded, _plausible(decoded)))
    return min(candidates, key=lambda c: c[2])[1]
