"""Drive a real editor process for benchmarks and crash tests; prints what it measured.

    python tests/support/editor_driver.py startup                # BRIEFING_EXPOSED <unix time>
    python tests/support/editor_driver.py idle-report FILE       # BRIEFING_IDLE pages=N ...
    python tests/support/editor_driver.py crash-edit:TEXT [FILE] # BRIEFING_AUTOSAVED, keeps running

- ``startup``: print the time the window is first exposed (on screen), then quit.
- ``idle-report``: once the preview has rendered the opened document, print
  ``BRIEFING_IDLE pages=<n> peak_kb=<editor peak RSS> worker_peak_kb=<render worker peak RSS>``
  and quit (Linux: from ``/proc``).
- ``crash-edit:<text>``: once started, type ``<text>`` into the first section, autosave, print
  ``BRIEFING_AUTOSAVED`` and keep running (the test then kills the process).

It runs the editor as ``briefing`` does (:func:`briefing.ui.app.run_editor`), handing it the
hook through the ``started`` parameter; recovery copies are not offered.
"""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for support.waiting

from briefing.ui.app import Editor, run_editor  # noqa: E402
from support.waiting import wait_until  # noqa: E402


class _FirstExpose(QObject):
    """Calls ``then`` when the window first reaches the screen (an Expose of its native window)."""

    def __init__(self, window: QWindow, then: object) -> None:
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, e: QEvent) -> bool:  # noqa: N802 (Qt name)
        if e.type() == QEvent.Type.Expose and isinstance(watched, QWindow) and watched.isExposed():
            watched.removeEventFilter(self)
            self._then()  # type: ignore[operator]
        return False


def peak_kb(pid: int | str = "self") -> int:
    """Peak resident memory (VmHWM) of a process in KiB; 0 where /proc is unavailable."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _quit(editor: Editor) -> None:
    """Close like a user would (locks released, nothing left behind), then leave the loop."""
    editor.session.mark_saved()
    editor.window.close()
    QApplication.quit()


def _report_when_idle(editor: Editor) -> None:
    preview = editor.preview
    pages = worker = 0
    if preview is not None:
        wait_until(preview.is_idle, 300_000)
        pages = preview.page_count()
        with contextlib.suppress(Exception):
            worker = peak_kb(preview.client.worker_pid())
    print(f"BRIEFING_IDLE pages={pages} peak_kb={peak_kb()} worker_peak_kb={worker}", flush=True)
    QTimer.singleShot(0, lambda: _quit(editor))


def _crash_edit(editor: Editor, text: str) -> None:
    sections = editor.session.briefing.sections
    if not sections:
        editor.session.add_section("Notes")
        sections = editor.session.briefing.sections
    section = sections[0]
    editor.session.set_section_text(section.id, section.markdown + "\n\n" + text)
    saved = editor.controller.autosave()
    print("BRIEFING_AUTOSAVED" if saved else "BRIEFING_NOT_SAVED", flush=True)


def install(editor: Editor, hook: str) -> None:
    if hook == "startup":

        def exposed() -> None:
            print(f"BRIEFING_EXPOSED {time.time():.6f}", flush=True)
            QTimer.singleShot(0, lambda: _quit(editor))

        handle = editor.window.windowHandle()
        assert handle is not None, "the window is shown before the hook is installed"
        _FirstExpose(handle, exposed)
    elif hook == "idle-report":
        QTimer.singleShot(100, lambda: _report_when_idle(editor))
    elif hook.startswith("crash-edit:"):
        text = hook.split(":", 1)[1]
        QTimer.singleShot(300, lambda: _crash_edit(editor, text))
    else:
        raise SystemExit(f"editor_driver: unknown hook {hook!r}")


def main(argv: list[str] | None = None) -> int:
    hook, *files = sys.argv[1:] if argv is None else argv
    return run_editor(files, offer_restore=False, started=lambda editor: install(editor, hook))


if __name__ == "__main__":
    sys.exit(main())
