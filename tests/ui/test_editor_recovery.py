"""Nothing lost: autosave to a recovery copy, and restore after the editor process is killed."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from editor_support import close_quietly, make_editor, patch_boxes

from briefing.core.storage.document_io import load_briefing
from briefing.core.storage.recovery import list_recoveries

REPO = Path(__file__).resolve().parents[2]
DRIVER = REPO / "tests" / "support" / "editor_driver.py"


def test_autosave_writes_a_recovery_copy_only_when_there_is_new_work(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    assert not ed.autosaver.save_now()  # nothing unsaved
    ed.session.set_field("title", "Autosaved title")
    assert ed.autosaver.save_now()
    assert not ed.autosaver.save_now()  # nothing new since
    copies = list_recoveries()
    assert [c.title for c in copies] == ["Autosaved title"]
    assert ed.autosaver.timer.interval() == 30_000 and ed.autosaver.timer.isActive()
    close_quietly(ed)
    assert list_recoveries() == []  # a clean close leaves no copy behind


def test_a_running_editors_copy_is_not_offered(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from briefing.core.model.document import Briefing
    from briefing.core.storage.recovery import save_recovery

    boxes = patch_boxes(monkeypatch)
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        save_recovery(
            Briefing(title="Open elsewhere"), key=f"{alive.pid}:untitled-x", source_path=None
        )
        ed = make_editor(qtbot, start=False)
        assert not ed.controller.offer_restore()
        assert boxes.shown == []
    finally:
        alive.kill()
        alive.wait()
    boxes.answer = "Restore"
    assert ed.controller.offer_restore()  # once that editor is gone, its copy is offered
    assert ed.session.briefing.title == "Open elsewhere"
    close_quietly(ed)


def test_losing_focus_autosaves(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    ed.session.set_field("title", "Switching to the browser")
    ed.autosaver._state_changed(Qt.ApplicationState.ApplicationInactive)
    assert [c.title for c in list_recoveries()] == ["Switching to the browser"]
    close_quietly(ed)


def test_closing_releases_the_lock_beside_the_file(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    from briefing.core.storage.lock import lock_path

    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    target = tmp_path / "locked.briefing"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    assert ed.controller.save()
    assert lock_path(target).exists()
    assert ed.window.close()
    assert not lock_path(target).exists()


def test_saving_discards_the_recovery_copy(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    ed.session.set_field("title", "Soon saved")
    assert ed.controller.autosave() and list_recoveries()
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(tmp_path / "saved.briefing"), "")),
    )
    assert ed.controller.save()
    assert list_recoveries() == []
    close_quietly(ed)


def _run_until_autosaved(args: list[str], home: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, BRIEFING_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    hook = "crash-edit:CRASH-MARKER typed before the crash"
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), hook, *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # the editor and its render worker die together
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    line = ""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 1.0)
        if ready:
            line = proc.stdout.readline()
            if line.startswith("BRIEFING_"):
                break
        if proc.poll() is not None:
            break
    assert line.strip() == "BRIEFING_AUTOSAVED", f"editor said {line!r}"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(10)
    return proc


@pytest.mark.slow
def test_restore_after_the_editor_is_killed(qtbot, tmp_path, monkeypatch, briefing_home) -> None:  # type: ignore[no-untyped-def]
    # A saved file, opened by a child editor that edits, autosaves and is then SIGKILLed.
    boxes = patch_boxes(monkeypatch)
    first = make_editor(qtbot)
    first.session.set_field("title", "Saved before the crash")
    target = tmp_path / "crash.briefing"
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getSaveFileName",
        staticmethod(lambda *a, **k: (str(target), "")),
    )
    assert first.controller.save()
    close_quietly(first)

    proc = _run_until_autosaved([str(target)], briefing_home)
    assert proc.returncode == -signal.SIGKILL
    assert "CRASH-MARKER" not in target.read_text(encoding="utf-8")  # the file is untouched

    boxes.answer = "Restore"
    ed = make_editor(qtbot, start=False)
    ed.start(None)
    assert any("crash.briefing" in text for text in boxes.shown), boxes.shown
    b = ed.session.briefing
    assert b.title == "Saved before the crash"
    assert "CRASH-MARKER typed before the crash" in b.sections[0].markdown
    assert ed.session.path == target and ed.session.dirty
    assert not ed.session.read_only  # the dead editor's lock was recognised as stale
    assert ed.controller.save()
    assert "CRASH-MARKER" in load_briefing(target).sections[0].markdown
    close_quietly(ed)


@pytest.mark.slow
def test_restore_can_be_declined(qtbot, monkeypatch, briefing_home) -> None:  # type: ignore[no-untyped-def]
    boxes = patch_boxes(monkeypatch)
    _run_until_autosaved([], briefing_home)  # first run: the demo, never saved
    assert len(list_recoveries()) == 1
    boxes.answer = "Discard"
    ed = make_editor(qtbot, start=False)
    ed.start(None)
    assert "never saved" in boxes.texts()
    assert list_recoveries() == []
    assert all("CRASH-MARKER" not in s.markdown for s in ed.session.briefing.sections)
    close_quietly(ed)


def test_the_autosave_timer_fires(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    patch_boxes(monkeypatch)
    ed = make_editor(qtbot)
    ed.autosaver.timer.setInterval(20)
    ed.session.set_field("title", "Timed copy")
    qtbot.waitUntil(lambda: ed.autosaver.saves >= 1, timeout=5000)
    assert [c.title for c in list_recoveries()] == ["Timed copy"]
    close_quietly(ed)
