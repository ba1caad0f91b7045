"""Atomic writes: complete or untouched, with a backup, and one-line errors."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from briefing.core.errors import DocumentError
from briefing.core.storage import atomic
from briefing.core.storage.atomic import atomic_write_bytes, atomic_write_text, backup_path


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_new_file(tmp_path: Path) -> None:
    target = tmp_path / "a.briefing"
    atomic_write_text(target, "héllo")
    assert target.read_text(encoding="utf-8") == "héllo"
    assert _leftovers(tmp_path) == []
    assert not backup_path(target).exists()


def test_backup_keeps_previous_version(tmp_path: Path) -> None:
    target = tmp_path / "a.briefing"
    atomic_write_bytes(target, b"one", backup=True)
    assert not backup_path(target).exists()  # nothing to back up the first time
    atomic_write_bytes(target, b"two", backup=True)
    assert target.read_bytes() == b"two"
    assert backup_path(target).read_bytes() == b"one"
    atomic_write_bytes(target, b"three", backup=True)
    assert backup_path(target).read_bytes() == b"two"
    assert _leftovers(tmp_path) == []


def test_keeps_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old")
    target.chmod(0o640)
    atomic_write_text(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640


def test_path_is_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "doc.briefing"
    folder.mkdir()
    with pytest.raises(DocumentError) as info:
        atomic_write_text(folder, "x")
    assert str(folder) in str(info.value)
    assert "folder" in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "nope" / "a.briefing"
    with pytest.raises(DocumentError, match="does not exist"):
        atomic_write_text(target, "x")


def test_disk_full_during_write_leaves_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.briefing"
    target.write_text("original")

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "write", full)
    with pytest.raises(DocumentError) as info:
        atomic_write_text(target, "new content", backup=True)
    monkeypatch.undo()
    assert str(info.value) == f"{target}: could not save: the disk is full"
    assert target.read_text() == "original"
    assert _leftovers(tmp_path) == []
    assert not backup_path(target).exists()


def test_disk_full_during_fsync_leaves_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.briefing"
    target.write_text("original")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(DocumentError, match="disk is full"):
        atomic_write_text(target, "new")
    monkeypatch.undo()
    assert target.read_text() == "original"
    assert _leftovers(tmp_path) == []


def test_partial_writes_are_completed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write

    def short(fd: int, data: bytes) -> int:
        return real_write(fd, bytes(data[:3]))

    monkeypatch.setattr(atomic.os, "write", short)
    target = tmp_path / "a.txt"
    atomic_write_bytes(target, b"0123456789" * 10)
    monkeypatch.undo()
    assert target.read_bytes() == b"0123456789" * 10


def test_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder we may not write to. Tests may run as root, whom chmod does not stop, so the
    refusal the OS would give is simulated at the temp-file step."""
    target = tmp_path / "a.briefing"
    target.write_text("original")

    def denied(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    with pytest.raises(DocumentError) as info:
        atomic_write_text(target, "new")
    monkeypatch.undo()
    assert str(info.value) == f"{target}: could not save: permission denied"
    assert target.read_text() == "original"


def test_read_only_file_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.briefing"
    target.write_text("original")

    def erofs(src: object, dst: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(atomic.os, "replace", erofs)
    with pytest.raises(DocumentError, match="read-only"):
        atomic_write_text(target, "new")
    monkeypatch.undo()
    assert target.read_text() == "original"
    assert _leftovers(tmp_path) == []


def test_read_only_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only file is not replaced behind the user's back. ``os.access`` is simulated
    because root can write to any file."""
    target = tmp_path / "a.briefing"
    target.write_text("original")
    target.chmod(0o444)
    monkeypatch.setattr(atomic.os, "access", lambda p, mode: False)
    with pytest.raises(DocumentError, match="read-only"):
        atomic_write_text(target, "new")
    monkeypatch.undo()
    assert target.read_text() == "original"


def test_folder_is_fsynced_after_replace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_replace, real_fsync_dir = os.replace, atomic._fsync_dir

    def replace(src: str, dst: str) -> None:
        calls.append("replace")
        real_replace(src, dst)

    def fsync_dir(folder: Path) -> None:
        calls.append(f"fsync-dir {folder.name}")
        real_fsync_dir(folder)

    monkeypatch.setattr(atomic.os, "replace", replace)
    monkeypatch.setattr(atomic, "_fsync_dir", fsync_dir)
    atomic_write_text(tmp_path / "a.txt", "x")
    assert calls == ["replace", f"fsync-dir {tmp_path.name}"]


def test_leftovers_of_killed_saves_are_swept(tmp_path: Path) -> None:
    target = tmp_path / "a.briefing"
    old = tmp_path / ".a.briefing.abc123.tmp"
    fresh = tmp_path / ".a.briefing.def456.tmp"  # maybe a save in progress elsewhere
    other = tmp_path / ".b.briefing.abc123.tmp"
    for p in (old, fresh, other):
        p.write_text("partial")
    past = os.path.getmtime(old) - 3600
    os.utime(old, (past, past))
    os.utime(other, (past, past))
    atomic_write_text(target, "x")
    assert not old.exists()
    assert fresh.exists() and other.exists()


def test_saves_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.briefing"
    real.write_text("old")
    link = tmp_path / "link.briefing"
    link.symlink_to(real)
    atomic_write_text(link, "new", backup=True)
    assert link.is_symlink()
    assert real.read_text() == "new"
    assert backup_path(real).read_text() == "old"
