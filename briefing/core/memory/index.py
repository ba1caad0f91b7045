"""The library index: one SQLite connection with write transactions and damage recovery.

:class:`MemoryIndex` is what the editor's worker and the command line hold. Writes run in
``BEGIN IMMEDIATE`` transactions, so a process killed mid-way leaves the last committed state.
When SQLite reports the file as damaged during any call, the file is set aside, a fresh index
is made and rebuilt from the files (see :mod:`briefing.core.memory.scan`), and the call runs
again; the one-line notice is kept in :attr:`MemoryIndex.notices` for the face to show.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from briefing.core.errors import DocumentError
from briefing.core.memory import files, schema

T = TypeVar("T")


class MemoryIndex:
    """The search index at ``path`` (default: under the user data folder)."""

    def __init__(self, path: Path | None = None, *, rebuild: bool = True) -> None:
        """``rebuild=False`` leaves a fresh index empty after damage (tests, benchmarks)."""
        self.path = path or files.index_path()
        self.notices: list[str] = []
        self._rebuild = rebuild
        self._con: sqlite3.Connection | None = None
        self._lock = threading.RLock()  # one connection; the editor's workers take turns

    # -- connection ------------------------------------------------------------------------

    def connection(self) -> sqlite3.Connection:
        """The open connection (opened, created, migrated or recovered on first use)."""
        with self._lock:
            if self._con is None:
                fresh = not self.path.exists()
                con, notice = schema.connect(self.path)
                self._con = con
                if notice:
                    self.notices.append(notice)
                if (notice or fresh) and self._rebuild:
                    self._after_open(rebuild=True)
                elif self._state("rescan") == "1":
                    self._after_open(rebuild=False)
            return self._con

    def _after_open(self, *, rebuild: bool) -> None:
        from briefing.core.memory import scan  # scan imports this module

        if rebuild:
            scan.rebuild(self)
        else:
            scan.refresh(self)
        with self.write() as con:
            con.execute("DELETE FROM state WHERE key = 'rescan'")

    def _state(self, key: str) -> str | None:
        assert self._con is not None
        row = self._con.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def close(self) -> None:
        """Close the connection (the next call opens it again)."""
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    def __enter__(self) -> MemoryIndex:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------------------

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``): committed on success, else rolled back."""
        with self._lock:
            con = self.connection()
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    def run(self, fn: Callable[[MemoryIndex], T]) -> T:
        """``fn(self)``; when the file turns out damaged, set it aside, rebuild and run again."""
        with self._lock:
            try:
                return fn(self)
            except sqlite3.DatabaseError as err:
                if not schema.is_damage(err):
                    raise DocumentError(f"the library index failed ({err})", self.path) from err
                self._recover()
            try:
                return fn(self)
            except sqlite3.DatabaseError as err:
                raise DocumentError(f"the library index failed ({err})", self.path) from err

    def _recover(self) -> None:
        self.close()
        aside = schema.set_aside(self.path)
        self.notices.append(
            f"{self.path}: the library index was damaged; it was set aside as {aside.name} "
            "and is rebuilt from your files"
        )
        self.connection()  # a fresh file: rebuilt from the files when rebuild is on

    def take_notices(self) -> list[str]:
        """The notices gathered so far (then forgotten)."""
        out, self.notices = self.notices, []
        return out
