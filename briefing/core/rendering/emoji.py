"""Emoji where no colour emoji font is installed: honest text instead of boxes.

In plain text (:func:`plain_emoji`) a flag (two regional-indicator letters) becomes its
country code in brackets, e.g. ``[JP]``; on the page (:func:`emoji_fallback`) the code is set
in small capitals without brackets. Another pictograph becomes its Unicode name in brackets;
joiners and presentation selectors that only glue emoji together are dropped. Running headers
and references drop emoji altogether (:func:`strip_emoji`).
"""

from __future__ import annotations

import re
import unicodedata
from html import escape

_FLAG = re.compile("([\U0001f1e6-\U0001f1ff])([\U0001f1e6-\U0001f1ff])")
_PICTO = re.compile("[\U0001f000-\U0001faff]")
_GLUE = re.compile("[\u200d\ufe0f\U0001f3fb-\U0001f3ff]")
_RI_BASE = 0x1F1E6


def _flag(match: re.Match[str]) -> str:
    letters = "".join(chr(ord("A") + ord(c) - _RI_BASE) for c in match.group(0))
    return f"[{letters}]"


def _picto(match: re.Match[str]) -> str:
    name = unicodedata.name(match.group(0), "")
    return f"[{name.lower()}]" if name else ""


def plain_emoji(text: str) -> str:
    """``text`` with flags as ``[JP]`` and other emoji as ``[their name]``."""
    if not any(ord(c) >= 0x1F000 or c in "\u200d\ufe0f" for c in text):
        return text
    text = _FLAG.sub(_flag, text)
    text = _GLUE.sub("", text)
    # A lone regional indicator (half a flag) becomes its letter.
    text = re.sub("[\U0001f1e6-\U0001f1ff]", lambda m: chr(ord("A") + ord(m[0]) - _RI_BASE), text)
    return _PICTO.sub(_picto, text)


# One emoji as the reader sees it: a flag, or a pictograph with its modifiers and joins.
_ONE = (
    "(?:[\U0001f1e6-\U0001f1ff]{2}"
    "|[\U0001f000-\U0001faff\u2600-\u27bf\u2b50\u2b55\u2300-\u23ff](?:\ufe0f|[\U0001f3fb-\U0001f3ff])?"
    ")"
)
EMOJI = re.compile(f"{_ONE}(?:\u200d{_ONE})*")


def emoji_spans(text: str) -> list[tuple[str, bool]]:
    """``text`` split into (piece, is_emoji) runs, for wrapping emoji in their own font."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for match in EMOJI.finditer(text):
        piece = match.group(0)
        # Text-style symbols (U+2600-U+27BF without VS16) stay in the text font.
        if len(piece) == 1 and ord(piece) < 0x1F000:
            continue
        if match.start() > pos:
            out.append((text[pos : match.start()], False))
        out.append((piece, True))
        pos = match.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def strip_emoji(text: str) -> str:
    """``text`` without any emoji (flags, pictographs, their joiners), spaces tidied.

    For the places a pictograph never belongs, with or without a colour font: running
    headers, reference lists and file names.
    """
    if not any(ord(c) >= 0x2300 for c in text):
        return text
    kept = [piece for piece, is_emoji in emoji_spans(text) if not is_emoji]
    return " ".join(_GLUE.sub("", "".join(kept)).split())


def emoji_fallback(piece: str) -> str:
    """The HTML for one emoji where no colour emoji font is installed.

    A flag becomes its country code set in small capitals (``JP``), as a print designer would
    set it; another pictograph its Unicode name in brackets. ``piece`` is one match of
    :data:`EMOJI`.
    """
    flag = _FLAG.fullmatch(piece)
    if flag is not None:
        return f'<span class="flag-code">{_flag(flag)[1:-1]}</span>'
    return f'<span class="emoji-name">{escape(plain_emoji(piece))}</span>'
