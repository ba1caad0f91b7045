"""What the index is a cache of: the places file and the archive of imported sources.

``places.json`` lists every briefing saved or exported (with its kind) and every folder the
user pointed the library at; the index rebuilds from exactly these. ``sources/<key>.json``
holds each source imported in the editor with its provenance, so a source read but never
used in a saved briefing is still found (and the index is not its only copy).
"""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from briefing.core.errors import BriefingError, DocumentError
from briefing.core.memory import files
from briefing.core.memory.keys import source_key
from briefing.core.model.article import Article
from briefing.core.storage.atomic import atomic_write_text

PLACES = "briefing-places"
ARCHIVED = "briefing-source"
FileKind = Literal["briefing", "export"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def absolute(path: Path) -> str:
    return str(path.expanduser().absolute())


def load_places() -> dict[str, Any]:
    """``{"files": {path: {"kind", "seen"}}, "folders": [path, ...]}`` (empty when new)."""
    data = files.read_json(files.places_path(), PLACES)
    known = data.get("files")
    folders = data.get("folders")
    return {
        "files": {
            str(k): v
            for k, v in (known if isinstance(known, dict) else {}).items()
            if isinstance(v, dict)
        },
        "folders": [str(f) for f in (folders if isinstance(folders, list) else [])],
    }


def remember_file(path: Path, kind: FileKind) -> None:
    """Add a saved briefing or an exported PDF to the places file (no write if known)."""
    known = load_places()["files"].get(absolute(path))
    if known is not None and known.get("kind") == kind:
        return

    def change(data: dict[str, Any]) -> None:
        known = data.setdefault("files", {})
        if not isinstance(known, dict):
            known = data["files"] = {}
        known[absolute(path)] = {"kind": kind, "seen": _now()}

    files.update_json(files.places_path(), PLACES, change)


def forget_files(paths: list[str]) -> None:
    """Drop files that no longer exist from the places file."""
    if not paths:
        return

    def change(data: dict[str, Any]) -> None:
        known = data.get("files")
        if isinstance(known, dict):
            for p in paths:
                known.pop(p, None)

    files.update_json(files.places_path(), PLACES, change)


def remember_folder(folder: Path) -> None:
    """Add a folder the library indexes (and rebuilds from)."""

    def change(data: dict[str, Any]) -> None:
        folders = data.get("folders")
        folders = [str(f) for f in folders] if isinstance(folders, list) else []
        if absolute(folder) not in folders:
            folders.append(absolute(folder))
        data["folders"] = folders

    files.update_json(files.places_path(), PLACES, change)


# ---------------------------------------------------------------- the archive


def archive_source(article: Article) -> Path:
    """Keep a copy of an imported source (idempotent: one file per content key)."""
    folder = files.archive_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{source_key(article)}.json"
    if target.exists():
        return target
    data = {"format": ARCHIVED, "version": 1, "archived": _now(), "article": article.to_dict()}
    atomic_write_text(target, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return target


def read_archived(path: Path) -> Article:
    """An archived source; :class:`DocumentError` naming the file when it is damaged."""
    try:
        data = files.read_json(path, ARCHIVED, within=files.archive_dir())  # no link out of it
        return Article.from_dict(data.get("article"))  # type: ignore[arg-type]  # it checks
    except (ValueError, TypeError) as err:
        raise DocumentError(f"the archived source is damaged ({err})", path) from err


def archived_files() -> list[Path]:
    """Every archived source file."""
    with contextlib.suppress(OSError):
        return sorted(files.archive_dir().glob("src-*.json"))
    return []


def safe_places() -> tuple[dict[str, Any], list[str]]:
    """The places file, or nothing and the reason (so a damaged file never stops a rebuild)."""
    try:
        return load_places(), []
    except BriefingError as err:
        return {"files": {}, "folders": []}, [str(err)]
