"""Two editors, one file, the first one crashing: a real process takes the lock, the second
editor is warned while it lives, and once it is SIGKILLed (no clean-up ran) its lock is
recognised as stale and taken over silently."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefing.core.storage.lock import LockedError, acquire_lock, lock_path, read_lock

HOLDER = textwrap.dedent(
    """
    import sys, time
    from briefing.core.storage.lock import acquire_lock
    held = acquire_lock(sys.argv[1])
    print("held", flush=True)
    time.sleep(600)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.timeout(60)
def test_lock_of_a_killed_editor_is_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "note.briefing"
    path.write_text("{}")
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        holder = read_lock(path)
        assert holder is not None and holder.pid == child.pid
        with pytest.raises(LockedError) as err:  # the first editor is alive: warn
            acquire_lock(path)
        assert f"process {child.pid}" in str(err.value) and "\n" not in str(err.value)
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert read_lock(path) == holder, "a SIGKILLed editor cannot remove its lock"
    held = acquire_lock(path)  # the dead editor's lock is stale: taken over, no question
    assert read_lock(path) == held.info and held.info.pid == os.getpid()
    held.release()
    assert not lock_path(path).exists()
