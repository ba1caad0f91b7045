"""Which character encoding a page declares, read the way browsers read it.

Labels follow the WHATWG Encoding Standard: ``ISO-8859-1``, ``US-ASCII`` and ``latin1`` all
mean Windows-1252, ``ISO-8859-9`` means Windows-1254, ``gb2312`` means GBK (decoded as GB18030),
``Shift_JIS`` means Windows-31J, and so on; an unknown label counts as no declaration. The
declaration of an HTML page comes from HTML5's prescan of its first 1,024 bytes (``<meta
charset>``, or ``<meta http-equiv="Content-Type" content="...; charset=...">``, comments
skipped); like Chromium, a page that declares nothing there is looked at further while still in
its ``<head>``. An XML declaration counts when no meta tag declares anything.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["PRESCAN_BYTES", "codec_for_label", "declared_charset", "decode_with", "is_utf8"]

PRESCAN_BYTES = 1024  # HTML5's prescan window
HEAD_BYTES = 65_536  # how far a page's <head> is looked through when the prescan found nothing

# WHATWG encoding name -> its labels (lower case). The Python codec is in _CODECS.
_LABELS = {
    "utf-8": "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8",
    "ibm866": "866 cp866 csibm866 ibm866",
    "iso-8859-2": "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 "
    "iso_8859-2:1987 l2 latin2",
    "iso-8859-3": "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 "
    "iso_8859-3:1988 l3 latin3",
    "iso-8859-4": "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 "
    "iso_8859-4:1988 l4 latin4",
    "iso-8859-5": "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 "
    "iso_8859-5 iso_8859-5:1988",
    "iso-8859-6": "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 "
    "iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 "
    "iso_8859-6:1987",
    "iso-8859-7": "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 "
    "iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek",
    "iso-8859-8": "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 "
    "iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual csiso88598i iso-8859-8-i logical",
    "iso-8859-10": "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6",
    "iso-8859-13": "iso-8859-13 iso8859-13 iso885913",
    "iso-8859-14": "iso-8859-14 iso8859-14 iso885914",
    "iso-8859-15": "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9",
    "iso-8859-16": "iso-8859-16",
    "koi8-r": "cskoi8r koi koi8 koi8-r koi8_r",
    "koi8-u": "koi8-ru koi8-u",
    "macintosh": "csmacintosh mac macintosh x-mac-roman",
    "windows-874": "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874",
    "windows-1250": "cp1250 windows-1250 x-cp1250",
    "windows-1251": "cp1251 windows-1251 x-cp1251",
    "windows-1252": "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 "
    "iso-ir-100 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii "
    "windows-1252 x-cp1252 x-user-defined",
    "windows-1253": "cp1253 windows-1253 x-cp1253",
    "windows-1254": "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 "
    "iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254",
    "windows-1255": "cp1255 windows-1255 x-cp1255",
    "windows-1256": "cp1256 windows-1256 x-cp1256",
    "windows-1257": "cp1257 windows-1257 x-cp1257",
    "windows-1258": "cp1258 windows-1258 x-cp1258",
    "x-mac-cyrillic": "x-mac-cyrillic x-mac-ukrainian",
    "gbk": "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk",
    "gb18030": "gb18030",
    "big5": "big5 big5-hkscs cn-big5 csbig5 x-x-big5",
    "euc-jp": "cseucpkdfmtjapanese euc-jp x-euc-jp",
    "iso-2022-jp": "csiso2022jp iso-2022-jp",
    "shift_jis": "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis",
    "euc-kr": "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 "
    "ks_c_5601-1989 ksc5601 ksc_5601 windows-949",
    "utf-16be": "unicodefffe utf-16be",
    "utf-16le": "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le",
}
# The Python codec closest to each WHATWG decoder (GBK is decoded as GB18030, Big5 with
# the HKSCS extensions, Shift_JIS and EUC-KR as the Windows code pages browsers use).
_CODECS = {
    "macintosh": "mac_roman",
    "x-mac-cyrillic": "mac_cyrillic",
    "windows-874": "cp874",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "euc-kr": "cp949",
} | {f"windows-125{i}": f"cp125{i}" for i in range(9)}
# Encodings browsers refuse to decode (the WHATWG "replacement" labels).
_REPLACEMENT = frozenset(
    ["csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr"]
)
_AS_WINDOWS = {"iso8859-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254"}
_BY_LABEL = {label: name for name, labels in _LABELS.items() for label in labels.split()}

_COMMENT = re.compile(rb"<!--.*?(?:-->|$)", re.DOTALL)
_META = re.compile(rb"<meta[\s/]([^>]*)", re.IGNORECASE)
_ATTR = re.compile(rb"""([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
_CHARSET_IN_CONTENT = re.compile(rb"""charset\s*=\s*["']?([^\s"';]+)""", re.IGNORECASE)
_HEAD_END = re.compile(rb"</head\s*>|<body[\s>]", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def codec_for_label(label: str | None) -> str | None:
    """The Python codec for an encoding label as browsers read it, or ``None`` if unknown.

    ``"ISO-8859-1"`` and ``"us-ascii"`` give ``"cp1252"``; ``"utf-16"`` gives
    ``"utf-16-le"``. A Python codec name (``"latin_1"``, ``"mac_roman"``) is accepted too, with
    the same Windows mapping; anything else gives ``None``.
    """
    if not label:
        return None
    label = label.strip(" \t\n\f\r\"'").lower()
    name = _BY_LABEL.get(label)
    if label in _REPLACEMENT:
        return None
    if name is not None:
        return codecs.lookup(_CODECS.get(name, name)).name
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    return _AS_WINDOWS.get(codec, codec)


def declared_charset(data: bytes) -> str | None:
    """The Python codec a page's bytes declare (meta prescan, then the head, then an XML
    declaration), or ``None``. A meta tag declaring UTF-16 is read as UTF-8, as browsers do
    (a byte stream that can be scanned as ASCII is not UTF-16)."""
    found = _meta_charset(_COMMENT.sub(b" ", data[:PRESCAN_BYTES]))
    if found is None and len(data) > PRESCAN_BYTES:
        head = data[:HEAD_BYTES]
        end = _HEAD_END.search(head)
        found = _meta_charset(_COMMENT.sub(b" ", head[: end.start() if end else len(head)]))
    if found is None:
        m = _XML_DECL.match(data[:PRESCAN_BYTES])
        found = codec_for_label(m.group(1).decode("ascii", "replace")) if m else None
    if found is not None and found.startswith("utf-16"):
        return "utf-8"
    return found


def _meta_charset(head: bytes) -> str | None:
    for meta in _META.finditer(head):
        attrs: dict[bytes, bytes] = {}
        for m in _ATTR.finditer(meta.group(1)):
            key = m.group(1).lower()
            if key not in attrs:  # the first of repeated attributes counts
                attrs[key] = (m.group(2) or b"").strip(b"\"'")
        label: bytes | None = None
        if b"charset" in attrs:
            label = attrs[b"charset"]
        elif attrs.get(b"http-equiv", b"").lower() == b"content-type":
            found = _CHARSET_IN_CONTENT.search(attrs.get(b"content", b""))
            label = found.group(1) if found else None
        codec = codec_for_label(label.decode("ascii", "replace")) if label else None
        if codec is not None:
            return codec
    return None


def _windows_fallback(err: UnicodeError) -> tuple[str, int]:
    """Bytes a Windows code page leaves unassigned become the C1 control of the same number
    (as the WHATWG decoders do), others U+FFFD."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    b = err.object[err.start]
    return (chr(b) if 0x80 <= b < 0xA0 else "\ufffd"), err.start + 1


def _utf8_fallback(err: UnicodeError) -> tuple[str, int]:
    """An invalid byte in UTF-8 text is read as Windows-1252 (a page assembled from a UTF-8
    template and a Windows-1252 snippet has exactly these)."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    b = err.object[err.start : err.start + 1]
    return b.decode("cp1252", "briefing-windows"), err.start + 1


codecs.register_error("briefing-windows", _windows_fallback)
codecs.register_error("briefing-utf8", _utf8_fallback)


def decode_with(data: bytes, codec: str) -> str:
    """``data`` in ``codec``, never failing: browsers' handling of unassigned bytes in the
    Windows code pages, Windows-1252 for stray bytes in UTF-8, U+FFFD elsewhere."""
    if codec in ("utf-8", "utf_8"):
        return data.decode("utf-8", "briefing-utf8")
    if codec.startswith("cp12") or codec == "cp874":
        return data.decode(codec, "briefing-windows")
    return data.decode(codec, "replace")


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH = re.compile(rb"[\x80-\xff]")


def is_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 apart from a few invalid bytes: its well-formed multi-byte
    sequences outnumber the bytes left over by at least four to one (text in a single-byte
    code page almost never forms them)."""
    sample = data[:1_000_000]
    sequences = _UTF8_SEQUENCE.findall(sample)
    if not sequences:
        return False
    in_sequences = sum(len(s) for s in sequences)
    stray = len(_HIGH.findall(sample)) - in_sequences
    return len(sequences) >= 4 * stray
