"""User-facing failures: one clear line naming the file and the reason."""

from __future__ import annotations

from pathlib import Path

from briefing.core.model.template import LibraryKind

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


class LibraryError(BriefingError):
    """Something in the template and brand library is malformed, missing or unsafe."""


class TemplateError(LibraryError):
    """A template is malformed, missing or unsafe."""


class BrandError(LibraryError):
    """A brand (or one of its logo and font files) is malformed, missing or unsafe."""


class PackageError(LibraryError):
    """A shared template or brand package file is damaged, hostile or holds the wrong thing."""


class IdConflictError(LibraryError):
    """An import's id is taken. ``replacing`` says the import asked to replace the item and was
    refused; ``existing_read_only`` whether the item holding the id may be replaced at all (a
    built-in or team item may not: importing a copy beside it is the way out)."""

    def __init__(
        self,
        kind: LibraryKind,
        item_id: str,
        path: str | Path | None,
        *,
        existing_read_only: bool,
        replacing: bool = False,
    ) -> None:
        if replacing:
            reason = f"the {kind} '{item_id}' is read-only; keep both instead"
        else:
            reason = f"a {kind} with id '{item_id}' already exists (replace it or keep both)"
        super().__init__(reason, path)
        self.kind = kind
        self.item_id = item_id
        self.existing_read_only = existing_read_only
        self.replacing = replacing


class PreferencesError(BriefingError):
    """The preferences could not be saved."""


class RenderError(BriefingError):
    """Rendering or exporting failed."""
