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
from briefing.core.storage.atomic import atomic_write_text, backup_path, os_reason

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


def _parse(path: Path, fmt: str) -> dict[str, Any] | None:
    """The file's object, ``None`` when absent; raises ``ValueError`` when damaged."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_JSON_BYTES + 1)
    except FileNotFoundError:
        return None
    if len(data) > MAX_JSON_BYTES:
        raise ValueError("it is too big")
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
        raise ValueError("it is not valid JSON") from err
    if not isinstance(parsed, dict) or parsed.get("format") != fmt:
        raise ValueError(f'it is not a {fmt} file (no "format": "{fmt}")')
    if not isinstance(parsed.get("version"), int) or parsed["version"] > 1:
        raise ValueError("it was written by a newer Briefing")
    return parsed


def read_json(path: Path, fmt: str) -> dict[str, Any]:
    """The file's object (``{}`` when it does not exist yet); the ``~`` copy if it is damaged.

    Raises :class:`DocumentError` naming the file when it and its copy are both unusable.
    """
    try:
        return _parse(path, fmt) or {}
    except OSError as err:
        raise DocumentError(f"could not read: {os_reason(err)}", path) from err
    except ValueError as err:
        try:
            fallback = _parse(backup_path(path), fmt)
        except (OSError, ValueError):
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
