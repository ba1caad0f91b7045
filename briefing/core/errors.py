"""User-facing failures: one clear line naming the file and the reason."""

from __future__ import annotations

from pathlib import Path


class BriefingError(Exception):
    """A failure the user should see as one line, never as a traceback.

    ``str(err)`` is the whole message, e.g. ``"notes.txt: the file is empty"``.
    """

    def __init__(self, reason: str, path: str | Path | None = None) -> None:
        # One line, always: a reason quoting text from a hostile file may hold line breaks.
        self.reason = " ".join(reason.split())
        self.path = " ".join(str(path).split()) if path is not None else None
        super().__init__(f"{self.path}: {self.reason}" if self.path else self.reason)


class ArticleImportError(BriefingError):
    """An article could not be imported (bad bytes, no article text, too big...)."""


class DocumentError(BriefingError):
    """A ``.briefing`` file could not be read or written."""


class TemplateError(BriefingError):
    """A template or brand is malformed, missing or unsafe."""


class RenderError(BriefingError):
    """Rendering or exporting failed."""
