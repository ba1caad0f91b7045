"""The index database: its schema, migrations between schema versions, and safe opening.

The schema version is SQLite's ``user_version``. A new file gets the current schema; an older
one is migrated step by step inside one write transaction (so a crash mid-migration leaves the
old version intact); a newer one is refused. Every connection uses WAL mode (readers never
wait for the writer), a busy timeout (writers from several editors queue instead of failing)
and foreign keys. Writers take the lock up front (``BEGIN IMMEDIATE``).

A damaged file (SQLite says "malformed" or "not a database") is renamed aside, never deleted,
and a fresh index is made; the caller then rebuilds it from the files (the index is a cache).

Schema history:

- 1: the library: ``documents`` (sources and briefings), ``documents_fts`` (FTS5 over title,
  body, authors, site) and ``uses`` (which briefing used which source).
- 2: editions and the ledger: ``documents.series``/``edition``/``exported``, ``predictions``,
  ``outcomes`` and ``state``; the full-text index gains prefix indexes (2 and 3 characters) so
  search-as-you-type stays fast. Predictions are read from the briefings on disk, so the
  migration asks for a rescan (``state.rescan``).
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from briefing.core.errors import DocumentError

SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 15000
_DAMAGE_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
TOKENIZE = "unicode61 remove_diacritics 2"
RANK = "bm25(6.0, 1.0, 3.0, 2.0)"  # title, body, authors, site

_DOCUMENTS = """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('source', 'briefing')),
    key TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    authors TEXT NOT NULL DEFAULT '',
    site TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    handling TEXT NOT NULL DEFAULT '',
    analyst TEXT NOT NULL DEFAULT '',
    template TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT '',
    imported TEXT NOT NULL DEFAULT '',
    stamp TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL DEFAULT ''
);
CREATE INDEX documents_kind_date ON documents (kind, date);
CREATE TABLE uses (
    source INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    briefing INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ref TEXT NOT NULL,
    sections TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (source, briefing, ref)
) WITHOUT ROWID;
CREATE INDEX uses_briefing ON uses (briefing);
"""

_LEDGER = """
ALTER TABLE documents ADD COLUMN series TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN edition INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN exported TEXT NOT NULL DEFAULT '';
CREATE INDEX documents_series ON documents (series, edition);
CREATE TABLE predictions (
    pid TEXT NOT NULL,
    holder TEXT NOT NULL,
    briefing INTEGER REFERENCES documents (id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    statement TEXT NOT NULL DEFAULT '',
    probability INTEGER,
    term TEXT NOT NULL DEFAULT '',
    timeframe TEXT NOT NULL DEFAULT '',
    resolve_by TEXT NOT NULL DEFAULT '',
    criteria TEXT NOT NULL DEFAULT '',
    indicators TEXT NOT NULL DEFAULT '[]',
    confidence TEXT NOT NULL DEFAULT '',
    analyst TEXT NOT NULL DEFAULT '',
    template TEXT NOT NULL DEFAULT '',
    made TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    path TEXT NOT NULL DEFAULT '',
    edition INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (pid, holder)
);
CREATE INDEX predictions_briefing ON predictions (briefing);
CREATE TABLE outcomes (
    pid TEXT PRIMARY KEY,
    outcome TEXT NOT NULL CHECK (outcome IN ('happened', 'not', 'unknown')),
    note TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    recorded TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL DEFAULT ''
);
CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def _fts(name: str, prefix: bool) -> str:
    option = ", prefix='2 3'" if prefix else ""
    return (
        f"CREATE VIRTUAL TABLE {name} USING fts5(title, body, authors, site, "
        f"tokenize='{TOKENIZE}'{option})"
    )


def _script(con: sqlite3.Connection, script: str) -> None:
    # Not executescript(): that commits first, and migrations must stay in one transaction.
    for statement in script.split(";"):
        if statement.strip():
            con.execute(statement)


def _create(con: sqlite3.Connection) -> None:
    """The current schema, on an empty database."""
    _script(con, _DOCUMENTS + _LEDGER)
    con.execute(_fts("documents_fts", prefix=True))
    con.execute("INSERT INTO documents_fts (documents_fts, rank) VALUES ('rank', ?)", (RANK,))


def _v1_to_v2(con: sqlite3.Connection) -> None:
    _script(con, _LEDGER)
    con.execute(_fts("documents_fts_v2", prefix=True))
    con.execute(
        "INSERT INTO documents_fts_v2 (rowid, title, body, authors, site) "
        "SELECT rowid, title, body, authors, site FROM documents_fts"
    )
    con.execute("DROP TABLE documents_fts")
    con.execute("ALTER TABLE documents_fts_v2 RENAME TO documents_fts")
    con.execute("INSERT INTO documents_fts (documents_fts, rank) VALUES ('rank', ?)", (RANK,))
    con.execute("INSERT OR REPLACE INTO state (key, value) VALUES ('rescan', '1')")


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _v1_to_v2}


def is_damage(err: BaseException) -> bool:
    """True when SQLite reports the file itself as damaged (not merely busy)."""
    if not isinstance(err, sqlite3.DatabaseError):
        return False
    code = getattr(err, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _DAMAGE_CODES:
        return True
    text = str(err).lower()
    return "malformed" in text or "not a database" in text


def set_aside(path: Path) -> Path:
    """Rename a damaged index (and its WAL files) to ``<stem>.damaged-<time>.sqlite``."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    n = 2
    while aside.exists():
        aside = path.with_name(f"{path.stem}.damaged-{stamp}-{n}{path.suffix}")
        n += 1
    for extra in ("-wal", "-shm"):
        side = path.with_name(path.name + extra)
        with contextlib.suppress(OSError):
            side.rename(aside.with_name(aside.name + extra))
    path.rename(aside)
    return aside


def _configure(con: sqlite3.Connection) -> None:
    con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = con.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":  # e.g. a file system without shared memory
        con.execute("PRAGMA journal_mode = DELETE")
    con.execute("PRAGMA synchronous = NORMAL")
    con.execute("PRAGMA foreign_keys = ON")


def _prepare(con: sqlite3.Connection, path: Path) -> None:
    """Create or migrate the schema (inside one write transaction); refuse a newer one."""
    version = con.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        con.execute("SELECT id FROM documents LIMIT 1").fetchall()  # reads the schema
        return
    if version > SCHEMA_VERSION:
        raise DocumentError(
            f"the library index was made by a newer Briefing (schema {version}; this one "
            f"knows up to {SCHEMA_VERSION}); update Briefing or delete the index to rebuild it",
            path,
        )
    con.execute("BEGIN IMMEDIATE")
    try:
        version = con.execute("PRAGMA user_version").fetchone()[0]  # another editor may have won
        if version == 0:
            tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise sqlite3.DatabaseError("not a Briefing index (file is not a database)")
            _create(con)
        else:
            while version < SCHEMA_VERSION:
                MIGRATIONS[version](con)
                version += 1
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def connect(path: Path) -> tuple[sqlite3.Connection, str | None]:
    """Open the index at ``path`` (made or migrated as needed).

    Returns the connection and, when the old file was damaged and set aside, a one-line
    notice to show the user. Raises :class:`DocumentError` when the index cannot be used.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    notice = None
    for attempt in (1, 2):
        con = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        try:
            _configure(con)
            _prepare(con, path)
            return con, notice
        except sqlite3.DatabaseError as err:
            con.close()
            if not is_damage(err) or attempt == 2:
                raise DocumentError(f"the library index cannot be opened ({err})", path) from err
            aside = set_aside(path)
            notice = (
                f"{path}: the library index was damaged; it was set aside as {aside.name} "
                "and is rebuilt from your files"
            )
        except BaseException:
            con.close()
            raise
    raise AssertionError("unreachable")
