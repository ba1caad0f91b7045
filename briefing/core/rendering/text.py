"""Plain-text fields on the page: escaped, emoji in their font (or set as text), dates in words."""

from __future__ import annotations

from html import escape

from briefing.core.rendering.emoji import emoji_fallback, emoji_spans, strip_emoji
from briefing.core.rendering.fields import ISO_DATE, date_text
from briefing.core.rendering.fonts import emoji_font

__all__ = ["bare", "date_text", "emoji_html", "inline", "is_iso_date"]


def emoji_html(piece: str) -> str:
    """One emoji as HTML: in the colour emoji font where one is installed, else as text."""
    if emoji_font() is None:
        return emoji_fallback(piece)
    return f'<span class="emoji">{escape(piece)}</span>'


def inline(value: str) -> str:
    """Escaped HTML for a plain-text field (a title, a cell), emoji handled.

    Each run of emoji is held on one line with the word before it: WeasyPrint otherwise
    breaks such a line at its first break opportunity ("Takaichi / & Trump Call ...").
    """
    out: list[str] = []
    text = ""  # plain text not yet written
    emoji: list[str] = []

    def flush() -> None:
        nonlocal text, emoji
        if emoji:
            stripped = text.rstrip(" ")
            cut = stripped.rfind(" ") + 1
            head, word = text[:cut], text[cut:]
            out.append(escape(head))
            out.append(f'<span class="nobr">{escape(word)}{"".join(emoji)}</span>')
        else:
            out.append(escape(text))
        text, emoji = "", []

    for piece, is_emoji in emoji_spans(value):
        if is_emoji:
            emoji.append(emoji_html(piece))
            continue
        if emoji:
            flush()
        text += piece
    flush()
    return "".join(out)


def bare(value: str) -> str:
    """Escaped HTML for a field that carries no emoji at all (running header, references)."""
    return escape(strip_emoji(" ".join(value.split())))


def is_iso_date(value: str) -> bool:
    return bool(ISO_DATE.match(value))
