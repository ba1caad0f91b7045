"""Autosave recovery copies, so a crash never costs more than the last few seconds of work.

The editor calls :func:`save_recovery` every 30 s and when it loses focus; on a clean close it
calls :func:`discard_recovery`. At start, :func:`list_recoveries` shows what is left over from
a crash and :func:`load_recovery` restores it. Each copy is one JSON file in
``paths.recovery_dir()`` named after a hash of its key, written atomically, holding the key,
the document's own path (``None`` for an unsaved one), the time and the whole briefing.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from briefing.core import paths
from briefing.core.errors import DocumentError
from briefing.core.model.document import Briefing
from briefing.core.safe_text import valid_unicode, valid_unicode_tree
from briefing.core.storage.atomic import atomic_write_text
from briefing.core.storage.document_io import briefing_from_dict, briefing_to_dict

FORMAT = "briefing-recovery"
SUFFIX = ".recovery.json"


@dataclass(frozen=True)
class RecoveryCopy:
    """One recovery copy left in the recovery folder."""

    key: str  # the editor's id for the open document
    source_path: str | None  # the .briefing file it belongs to; None if never saved
    time: str  # ISO 8601 UTC, when it was written
    title: str
    path: Path  # the recovery file itself


def _file_for(key: str) -> Path:
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return paths.recovery_dir() / f"{digest}{SUFFIX}"


def save_recovery(briefing: Briefing, *, key: str, source_path: str | None) -> Path:
    """Write (or replace) the recovery copy for ``key`` atomically; returns its path."""
    folder = paths.recovery_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise DocumentError(f"could not make the recovery folder ({err.strerror})", folder) from err
    target = _file_for(key)
    data = {
        "format": FORMAT,
        "version": 1,
        "key": key,
        "source_path": source_path,
        "time": datetime.now(UTC).isoformat(timespec="microseconds"),
        "title": briefing.title,
        "document": briefing_to_dict(briefing),
    }
    # ASCII JSON: a path with undecodable bytes (lone surrogates) is kept exactly, and no text
    # in the document can make the copy unwritable.
    atomic_write_text(target, json.dumps(data, ensure_ascii=True))
    return target


def _read_header(path: Path) -> RecoveryCopy | None:
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        return None
    key, source, when, title = (raw.get(k) for k in ("key", "source_path", "time", "title"))
    if not (isinstance(key, str) and isinstance(when, str) and isinstance(title, str)):
        return None
    if source is not None and not isinstance(source, str):
        return None
    return RecoveryCopy(
        key=key, source_path=source, time=when, title=valid_unicode(title), path=path
    )


def list_recoveries() -> list[RecoveryCopy]:
    """Recovery copies present, newest first (unreadable files are skipped)."""
    folder = paths.recovery_dir()
    if not folder.is_dir():
        return []
    copies = [c for p in folder.glob(f"*{SUFFIX}") if (c := _read_header(p)) is not None]
    return sorted(copies, key=lambda c: c.time, reverse=True)


def load_recovery(copy: RecoveryCopy) -> Briefing:
    """The briefing saved in a recovery copy; :class:`DocumentError` if it is damaged."""
    try:
        raw: Any = json.loads(copy.path.read_text(encoding="utf-8"))
    except OSError as err:
        raise DocumentError(
            f"could not read the recovery copy ({err.strerror})", copy.path
        ) from err
    except ValueError as err:
        raise DocumentError("the recovery copy is damaged", copy.path) from err
    if not isinstance(raw, dict) or "document" not in raw:
        raise DocumentError("the recovery copy is damaged", copy.path)
    return briefing_from_dict(valid_unicode_tree(raw["document"]), name=str(copy.path))


def discard_recovery(key: str) -> None:
    """Remove the recovery copy for ``key`` (nothing happens if there is none)."""
    with contextlib.suppress(FileNotFoundError):
        _file_for(key).unlink()
