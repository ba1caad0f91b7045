"""A lock file beside an open document, so a second editor warns instead of overwriting.

Opening ``notes.briefing`` creates ``.~notes.briefing.lock`` next to it holding who opened it
(host, process id, user, time) as JSON. The lock is created with ``O_EXCL``, so of two editors
racing to open the same file exactly one wins. A lock is *stale* (left by an editor that
crashed) when it names this host and a process that no longer runs, when it is older than
``max_age_hours`` (the editor renews its lock with each autosave), or when it is unreadable
and not brand new; a stale lock is taken over
silently. ``force=True`` takes over a live lock (the editor's "open anyway").
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import secrets
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from briefing.core.errors import BriefingError, DocumentError
from briefing.core.storage.atomic import atomic_write_text, os_reason
from briefing.core.storage.safe_read import read_untrusted

MAX_AGE_HOURS = 24.0
_FRESH_SECONDS = 5.0  # an unreadable lock this young may be one being written right now


@dataclass(frozen=True)
class LockInfo:
    """Who holds a document open."""

    host: str
    pid: int
    user: str
    time: str  # ISO 8601, UTC
    token: str = ""  # random, tells two locks of the same process and second apart

    def describe(self) -> str:
        """E.g. ``"alice on desk-7 (process 4242) since 2026-03-02 09:15 UTC"``."""
        try:
            when = datetime.fromisoformat(self.time).strftime("%Y-%m-%d %H:%M UTC")
        except ValueError:
            when = " ".join(self.time.split())[:40] or "an unknown time"
        who = " ".join(self.user.split())[:64] or "someone"
        host = " ".join(self.host.split())[:64] or "another computer"
        return f"{who} on {host} (process {self.pid}) since {when}"


class LockedError(DocumentError):
    """The document is open in another editor; ``holder`` says who has it."""

    def __init__(self, path: str | Path, holder: LockInfo) -> None:
        self.holder = holder
        if holder.pid == 0:  # a lock file still being written by the other editor
            super().__init__("the file is being opened by another editor right now", path)
        else:
            super().__init__(f"the file is already open: {holder.describe()}", path)


def lock_path(path: str | Path) -> Path:
    """The lock file for ``path``: ``.~<name>.lock`` beside it."""
    p = Path(path)
    return p.with_name(f".~{p.name}.lock")


def _me() -> LockInfo:
    try:
        user = getpass.getuser()
    except Exception:  # no user name in some sandboxes and services
        user = ""
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    return LockInfo(
        host=socket.gethostname(), pid=os.getpid(), user=user, time=now, token=secrets.token_hex(8)
    )


def read_lock(path: str | Path) -> LockInfo | None:
    """Who holds ``path`` open according to its lock file, or ``None`` (no or unreadable lock)."""
    try:
        # Beside the document, in a folder others may write to: a FIFO there must not hang us.
        raw: Any = json.loads(read_untrusted(lock_path(path), 64 * 1024).decode("utf-8"))
        return LockInfo(
            host=str(raw["host"]),
            pid=int(raw["pid"]),
            user=str(raw["user"]),
            time=str(raw["time"]),
            token=str(raw.get("token", "")),
        )
    except (BriefingError, OSError, ValueError, KeyError, TypeError):
        return None


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs here (on Windows, where it cannot be asked safely,
    it is assumed to)."""
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError, ValueError):  # it runs as another user, or cannot be asked
        return True
    return True


def is_stale(info: LockInfo, *, max_age_hours: float = MAX_AGE_HOURS) -> bool:
    """True when the editor that made this lock has surely gone."""
    if info.host == socket.gethostname() and not process_alive(info.pid):
        return True
    try:
        made = datetime.fromisoformat(info.time)
    except ValueError:
        return True
    if made.tzinfo is None:
        made = made.replace(tzinfo=UTC)
    return (datetime.now(UTC) - made).total_seconds() > max_age_hours * 3600


class DocumentLock:
    """A held lock; release it when the document is closed (or use as a context manager)."""

    def __init__(self, path: Path, info: LockInfo) -> None:
        self.path = path
        self.lock_file = lock_path(path)
        self.info = info
        self.held = True

    def release(self) -> None:
        """Remove the lock file if it is still ours (another editor may have forced it)."""
        if not self.held:
            return
        self.held = False
        if read_lock(self.path) == self.info:
            with contextlib.suppress(OSError):
                self.lock_file.unlink()

    def refresh(self) -> bool:
        """Renew the lock's time (call it with each autosave) so a long-open document is not
        taken for a crashed editor's. False if another editor has taken the lock over."""
        if not self.held or read_lock(self.path) != self.info:
            return False
        now = datetime.now(UTC).replace(microsecond=0).isoformat()
        info = LockInfo(self.info.host, self.info.pid, self.info.user, now, self.info.token)
        try:
            atomic_write_text(self.lock_file, json.dumps(info.__dict__))
        except DocumentError:
            return False
        self.info = info
        return True

    def __enter__(self) -> DocumentLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def _create(lock_file: Path, info: LockInfo) -> bool:
    """Create the lock file exclusively; False if it already exists."""
    try:
        fd = os.open(lock_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    try:
        os.write(fd, json.dumps(info.__dict__).encode("utf-8"))
    finally:
        os.close(fd)
    return True


def acquire_lock(
    path: str | Path, *, force: bool = False, max_age_hours: float = MAX_AGE_HOURS
) -> DocumentLock:
    """Lock ``path`` for this editor.

    Raises :class:`LockedError` when another live editor holds it (unless ``force``), and
    :class:`DocumentError` when the lock file cannot be made (e.g. a read-only folder); the
    editor may then still open the document, read-only.
    """
    target = Path(path)
    lock_file = lock_path(target)
    info = _me()
    for _ in range(3):
        try:
            if _create(lock_file, info):
                return DocumentLock(target, info)
        except OSError as err:
            raise DocumentError(
                f"could not create the lock file: {os_reason(err)}", target
            ) from err
        holder = read_lock(target)
        if holder is None:
            with contextlib.suppress(OSError):
                if time.time() - lock_file.stat().st_mtime < _FRESH_SECONDS and not force:
                    raise LockedError(target, LockInfo("", 0, "", ""))
        elif not force and not is_stale(holder, max_age_hours=max_age_hours):
            raise LockedError(target, holder)
        with contextlib.suppress(FileNotFoundError):
            lock_file.unlink()
    raise DocumentError("could not take the lock: another editor keeps taking it", target)
