"""Bytes to text: byte-order marks, strict UTF-8, the declared charset, Windows-1252, and a
detector only beyond that, with every guess checked for plausibility."""

from __future__ import annotations

import codecs
import re
import unicodedata

from briefing.core.errors import ArticleImportError

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
# Browsers read these labels as Windows-1252 (WHATWG Encoding); so do we.
_AS_CP1252 = {"ascii", "us-ascii", "latin1", "latin-1", "iso-8859-1", "iso8859-1", "l1"}
# Single-byte code pages tried when Windows-1252 gives implausible text.
_FALLBACKS = (
    "cp1250",
    "iso8859_2",
    "cp1251",
    "koi8_r",
    "cp1253",
    "iso8859_7",
    "cp1254",
    "cp1257",
    "iso8859_15",
    "mac_roman",
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


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
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
        elif cat[0] != "M" and prev.isalpha() and i + 1 < n and text[i + 1].isalpha():
            score += 1  # "by³o": a symbol where a letter belongs
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
    return _codec(best.encoding) if best is not None else None


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


def decode_bytes(data: bytes, *, declared: str | None = None, name: str) -> str:
    """Decode a file's bytes to text.

    Order: a byte-order mark (UTF-8, UTF-16, UTF-32), strict UTF-8, the ``declared`` charset
    (an HTML meta or XML declaration), Windows-1252, and only then other code pages and
    charset-normalizer's guess, keeping the most plausible result. Binary data (file
    signatures, NUL bytes) raises :class:`ArticleImportError` naming ``name``.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
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
        raise ArticleImportError("contains NUL bytes (not a text file)", name)
    utf8 = _try(data, "utf-8")
    if utf8 is not None:
        return utf8
    candidates: list[tuple[str, str]] = []
    declared_codec = _codec(declared)
    if declared_codec and declared_codec not in ("utf-8", "utf_8"):
        text = _try(data, declared_codec)
        if text is not None:
            if implausibility(text) == 0:
                return text
            candidates.append((declared_codec, text))
    text = _try(data, "cp1252")
    if text is not None:
        if implausibility(text) == 0:
            return text
        candidates.append(("cp1252", text))
    detected = _detected(data)
    for label in (detected, *_FALLBACKS):
        if label and all(label != c for c, _ in candidates):
            decoded = _try(data, label)
            if decoded is not None:
                candidates.append((label, decoded))
    if not candidates:
        raise ArticleImportError("is in an unknown text encoding", name)
    # min() keeps the first of equals: declared, then Windows-1252, then the detector.
    return min(candidates, key=lambda c: implausibility(c[1]))[1]
