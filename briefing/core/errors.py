"""User-facing failures: one clear line naming the file and the reason."""

from __future__ import annotations

from pathlib import Path

_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _one_line(text: str) -> str:
    """Escape line breaks (a reason may quote text from a hostile file) so the message
    stays one line and still shows what was there."""
    for char in _LINE_BREAKS:
        if char in text:
            text = text.replace(char, char.encode("unicode_escape").decode("ascii"))
    return text


class BriefingError(Exception):
    """A failure the user should see as one line, never as a traceback.

    ``str(err)`` is the whole message, e.g. ``"notes.txt: the file is empty"``.
    """

    def __init__(self, reason: str, path: str | Path | None = None) -> None:
        self.reason = _one_line(reason)
        self.path = _one_line(str(path)) if path is not None else None
        super().__init__(f"{self.path}: {self.reason}" if self.path else self.reason)


class ArticleImportError(BriefingError):
    """An article could not be imported (bad bytes, no article text, too big...)."""


class DocumentError(BriefingError):
    """A ``.briefing`` file could not be read or written."""


class TemplateError(BriefingError):
    """A template or brand is malformed, missing or unsafe."""


class RenderError(BriefingError):
    """Rendering or exporting failed."""
