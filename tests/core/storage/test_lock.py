"""Two editors, one file: the second is warned; stale locks from crashed editors are taken over."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from briefing.core.errors import DocumentError
from briefing.core.storage import lock as lock_mod
from briefing.core.storage.lock import (
    LockedError,
    LockInfo,
    acquire_lock,
    is_stale,
    lock_path,
    read_lock,
)


def _doc(tmp_path: Path) -> Path:
    path = tmp_path / "note.briefing"
    path.write_text("{}")
    return path


def _plant(path: Path, **fields: object) -> None:
    info = {"host": "other-host", "pid": 1, "user": "alice", "time": datetime.now(UTC).isoformat()}
    info.update(fields)
    lock_path(path).write_text(json.dumps(info))


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_lock_file_beside_document(tmp_path: Path) -> None:
    path = _doc(tmp_path)
    held = acquire_lock(path)
    assert lock_path(path) == tmp_path / ".~note.briefing.lock"
    info = read_lock(path)
    assert info is not None
    assert (info.host, info.pid) == (socket.gethostname(), os.getpid())
    assert info == held.info
    held.release()
    assert not lock_path(path).exists()
    held.release()  # twice is harmless


def test_second_editor_is_told_who_has_it(tmp_path: Path) -> None:
    path = _doc(tmp_path)
    with acquire_lock(path):
        with pytest.raises(LockedError) as info:
            acquire_lock(path)
        assert info.value.holder.pid == os.getpid()
        message = str(info.value)
        assert message.startswith(f"{path}: the file is already open: ")
        assert socket.gethostname() in message
        assert isinstance(info.value, DocumentError)
    assert not lock_path(path).exists()


def test_lock_held_by_live_process_on_other_host(tmp_path: Path) -> None:
    path = _doc(tmp_path)
    _plant(path, host="desk-7", pid=4242, user="alice")
    with pytest.raises(LockedError, match="alice on desk-7 \\(process 4242\\)"):
        acquire_lock(path)
    assert read_lock(path) is not None and read_lock(path).user == "alice"  # type: ignore[union-attr]


def test_stale_lock_of_dead_process_on_this_host(tmp_path: Path) -> None:
    path = _doc(tmp_path)
    pid = _dead_pid()
    _plant(path, host=socket.gethostname(), pid=pid)
    held = acquire_lock(path)
    assert read_lock(path) == held.info
    held.release()


def test_stale_lock_too_old(tmp_path: Path) -> None:
    path = _doc(tmp_path)
    old = (datetime.now(UTC) - timedelta(hours=30)).isoformat()
    _plant(path, host="desk-7", pid=4242, time=old)
    assert is_stale(read_lock(path))  # type: ignore[arg-type]
    acquire_lock(path).release()


def test_damaged_lock_is_stale_unless_brand_new(tmp_path: Path) -> None:
    path = _doc(tmp_path)
    lock_path(path).write_text("")
    with pytest.raises(LockedError, match="being opened by another editor right now"):
        acquire_lock(path)
    old = datetime.now().timestamp() - 60
    os.utime(lock_path(path), (old, old))
    acquire_lock(path).release()


def test_force_takes_over_and_original_does_not_remove_it(tmp_path: Path) -> None:
    path = _doc(tmp_path)
    first = acquire_lock(path)
    second = acquire_lock(path, force=True)
    assert read_lock(path) == second.info != first.info
    first.release()  # must not remove the lock the second editor now holds
    assert lock_path(path).exists()
    second.release()
    assert not lock_path(path).exists()


def test_lock_in_unwritable_folder_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulated: tests may run as root, which chmod cannot stop."""
    path = _doc(tmp_path)

    def denied(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(lock_mod.os, "open", denied)
    with pytest.raises(DocumentError, match="could not create the lock file: permission denied"):
        acquire_lock(path)


def test_is_stale_for_live_local_process() -> None:
    me = LockInfo(socket.gethostname(), os.getpid(), "me", datetime.now(UTC).isoformat())
    assert not is_stale(me)
    assert is_stale(me, max_age_hours=-1)


def test_hostile_lock_file_gives_one_line(tmp_path: Path) -> None:
    path = _doc(tmp_path)
    _plant(path, host="evil\nhost", user="x\r\ny" * 50, pid=7)
    with pytest.raises(LockedError) as info:
        acquire_lock(path)
    assert "\n" not in str(info.value) and "\r" not in str(info.value)
    assert "evil host" in str(info.value)


def test_refresh_renews_time_and_notices_takeover(tmp_path: Path) -> None:
    path = _doc(tmp_path)
    held = acquire_lock(path)
    old = (datetime.now(UTC) - timedelta(hours=30)).replace(microsecond=0).isoformat()
    info = json.loads(lock_path(path).read_text())
    info["time"] = old
    lock_path(path).write_text(json.dumps(info))
    held.info = read_lock(path)  # type: ignore[assignment]  # as if opened 30 hours ago
    assert held.refresh()
    renewed = read_lock(path)
    assert renewed is not None and renewed.time > old and not is_stale(renewed)
    other = acquire_lock(path, force=True)
    assert not held.refresh()  # taken over: do not write over the other editor's lock
    assert read_lock(path) == other.info
