"""The memory's own files: where they live, and JSON files shared safely between editors.

A JSON file here is read-modify-written under an exclusive lock (``<name>.lock`` beside it,
``flock`` on POSIX, ``msvcrt.locking`` on Windows), then written atomically with the previous
version kept as ``<name>~``; so two editors recording outcomes at the same moment both land.
A damaged file falls back to its ``~`` copy; when both are damaged the file is refused with
one line naming it (never overwritten: it may hold the analyst's outcomes).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from briefing.core import paths
from briefing.core.errors import DocumentError
from briefing.core.safe_text import json_may_hold_surrogates, valid_unicode_tree
from briefing.core.storage.atomic import atomic_write_text, backup_path
from briefing.core.storage.safe_read import UntrustedFileError, read_untrusted

MAX_JSON_BYTES = 64 * 1024 * 1024
T = TypeVar("T")


def memory_dir() -> Path:
    """The folder of the memory (index, places, archive, ledger) under the user data folder."""
    return paths.data_dir() / "memory"


def index_path() -> Path:
    """The SQLite search index (a cache)."""
    return memory_dir() / "index.sqlite"


def places_path() -> Path:
    """Briefings saved or exported, and folders the user pointed the library at."""
    return memory_dir() / "places.json"


def ledger_path() -> Path:
    """Recorded outcomes and predictions merged from colleagues."""
    return memory_dir() / "ledger.json"


def archive_dir() -> Path:
    """One JSON file per source imported in the editor."""
    return memory_dir() / "sources"


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``<path>.lock`` (blocks until other editors let go)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.with_name(path.name + ".lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if os.name == "nt":  # pragma: no cover - Windows only
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _parse(path: Path, fmt: str, within: Path | None) -> dict[str, Any] | None:
    """The file's object, ``None`` when absent; raises ``ValueError`` when damaged and
    :class:`UntrustedFileError` when it is no regular file (inside ``within``) to read."""
    try:
        data = read_untrusted(path, MAX_JSON_BYTES, within=within)
    except UntrustedFileError as err:
        if err.problem == "missing":
            return None
        if err.problem == "too-big":
            raise ValueError("it is too big") from None
        raise
    try:
        text = data.decode("utf-8")
        parsed = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
        raise ValueError("it is not valid JSON") from err
    if not isinstance(parsed, dict) or parsed.get("format") != fmt:
        raise ValueError(f'it is not a {fmt} file (no "format": "{fmt}")')
    if not isinstance(parsed.get("version"), int) or parsed["version"] > 1:
        raise ValueError("it was written by a newer Briefing")
    # A lone "\ud800" escape parses, but could never be written back (or stored in the index).
    return valid_unicode_tree(parsed) if json_may_hold_surrogates(text) else parsed


def read_json(path: Path, fmt: str, *, within: Path | None = None) -> dict[str, Any]:
    """The file's object (``{}`` when it does not exist yet); the ``~`` copy if it is damaged.

    The file is read as any file Briefing did not write (:func:`read_untrusted`: a regular file
    only, size capped; with ``within``, not a link out of that folder). Raises
    :class:`DocumentError` naming the file when it and its copy are both unusable.
    """
    try:
        return _parse(path, fmt, within) or {}
    except UntrustedFileError as err:
        raise DocumentError(f"could not read: {err.detail}", path) from err
    except ValueError as err:
        try:
            fallback = _parse(backup_path(path), fmt, within)
        except (UntrustedFileError, ValueError):
            fallback = None
        if fallback is None:
            raise DocumentError(f"the file is damaged ({err}); fix or move it", path) from err
        return fallback


def update_json(path: Path, fmt: str, change: Callable[[dict[str, Any]], T]) -> T:
    """Under the lock: read the file, let ``change`` edit the dict, write it back atomically."""
    with locked(path):
        data = read_json(path, fmt)
        data["format"], data["version"] = fmt, 1
        result = change(data)
        text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        atomic_write_text(path, text, backup=True)
    return result
