"""Atomic file writes: a save either happens completely or not at all.

The new content is written to a temporary file beside the target, flushed and fsynced, then
moved over the target with ``os.replace`` (atomic on POSIX and Windows within one folder), and
finally the folder itself is fsynced so the rename survives a power cut. With ``backup=True``
the previous version is kept as ``<name>~`` (a hard link where possible, else a copy).

Every failure (disk full, no permission, read-only file system, the path is a folder...)
becomes a one-line :class:`DocumentError` naming the file; the temporary file is removed and
the original is left untouched. Temporary files that a killed save left behind are swept
away by the next successful save of the same file once they are a minute old.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import secrets
import shutil
import tempfile
import time
from pathlib import Path

from briefing.core.errors import DocumentError

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.EISDIR: "the path is a folder",
    errno.ENOTDIR: "a parent of the path is not a folder",
    errno.ENOENT: "the folder does not exist",
    errno.ENAMETOOLONG: "the file name is too long",
}


def backup_path(path: str | Path) -> Path:
    """Where the previous version of ``path`` is kept: ``<name>~`` beside it."""
    p = Path(path)
    return p.with_name(p.name + "~")


def os_reason(err: OSError) -> str:
    """A short human reason for an ``OSError``."""
    if err.errno in _REASONS:
        return _REASONS[err.errno]
    return err.strerror or str(err) or type(err).__name__


def _fsync_dir(folder: Path) -> None:
    # Directories cannot be opened for fsync on Windows; there the rename is already durable
    # enough (NTFS journals metadata).
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as err:
        if err.errno != errno.EINVAL:  # some file systems cannot fsync a folder
            raise
    finally:
        os.close(fd)


def _keep_backup(target: Path) -> None:
    """Make ``<name>~`` the current version of ``target`` (a hard link, else a copy).

    The link is made under a unique scratch name, then renamed over the backup: several
    processes saving the same file at once each make their own, and the last rename wins.
    The scratch name matches the save's own temporaries, so a killed save's is swept too.
    """
    if not target.is_file():
        return
    bak = backup_path(target)
    tmp_bak = target.with_name(f".{target.name}.{secrets.token_hex(8)}.bak.tmp")
    try:
        try:
            os.link(target, tmp_bak)
        except FileNotFoundError:
            return  # another save replaced the file a moment ago; its backup stands
        except OSError:
            shutil.copy2(target, tmp_bak)
        os.replace(tmp_bak, bak)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_bak)


STALE_TEMP_SECONDS = 60.0


def _sweep_temps(target: Path) -> None:
    """Remove temporary files left beside ``target`` by saves that were killed part-way."""
    now = time.time()
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > STALE_TEMP_SECONDS:
                leftover.unlink()


def atomic_write_bytes(path: str | Path, data: bytes, *, backup: bool = False) -> None:
    """Write ``data`` to ``path`` atomically and durably.

    Raises :class:`DocumentError` ("<path>: <reason>") on any failure; the original file (if
    any) is then unchanged and no temporary file is left behind.
    """
    target = Path(path)
    if target.is_symlink():  # save through the link, as editors do, rather than replace it
        target = target.resolve()
    folder = target.parent
    if target.is_dir():
        raise DocumentError("the path is a folder, not a file", target)
    if target.exists() and not os.access(target, os.W_OK):
        raise DocumentError("the file is read-only", target)
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        with contextlib.suppress(OSError):
            if target.exists():
                shutil.copymode(target, tmp_name)
            else:
                os.chmod(tmp_name, 0o644)  # mkstemp makes 0600; a document is an ordinary file
        if backup:
            _keep_backup(target)
        os.replace(tmp_name, target)
        tmp_name = None
        _fsync_dir(folder)
        _sweep_temps(target)
    except OSError as err:
        raise DocumentError(f"could not save: {os_reason(err)}", target) from err
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def atomic_write_text(
    path: str | Path, text: str, *, backup: bool = False, encoding: str = "utf-8"
) -> None:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode(encoding), backup=backup)
