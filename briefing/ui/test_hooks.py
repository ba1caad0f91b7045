"""Hooks that let benchmarks and crash tests drive a real editor process.

Set ``BRIEFING_TEST_HOOK`` to:

- ``startup``: print ``BRIEFING_EXPOSED <unix time>`` when the window is first exposed, quit.
- ``idle-report``: once the preview has rendered the opened document, print
  ``BRIEFING_IDLE pages=<n> peak_kb=<editor peak RSS> worker_peak_kb=<render worker peak RSS>``
  and quit (Linux: from ``/proc``).
- ``crash-edit:<text>``: once started, type ``<text>`` into the first section, autosave,
  print ``BRIEFING_AUTOSAVED`` and keep running (the test then kills the process).
"""

from __future__ import annotations

import contextlib
import sys
import time
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def install(editor: Any, hook: str) -> None:
    if hook == "startup":

        def exposed() -> None:
            print(f"BRIEFING_EXPOSED {time.time():.6f}", flush=True)
            QTimer.singleShot(0, lambda: _quit(editor))

        editor.window.exposed.connect(exposed)
        return
    if hook == "idle-report":
        QTimer.singleShot(100, lambda: _report_when_idle(editor))
        return
    if hook.startswith("crash-edit:"):
        text = hook.split(":", 1)[1]

        def edit() -> None:
            sections = editor.session.briefing.sections
            if not sections:
                editor.session.add_section("Notes")
                sections = editor.session.briefing.sections
            section = sections[0]
            editor.session.set_section_text(section.id, section.markdown + "\n\n" + text)
            saved = editor.controller.autosave()
            print("BRIEFING_AUTOSAVED" if saved else "BRIEFING_NOT_SAVED", flush=True)

        QTimer.singleShot(300, edit)
        return
    print(f"briefing: unknown test hook {hook!r}", file=sys.stderr)


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


def _report_when_idle(editor: Any) -> None:
    preview = editor.preview
    pages = 0
    worker = 0
    if preview is not None:
        preview.wait_until_idle(300_000)
        pages = preview.page_count()
        with contextlib.suppress(Exception):
            worker = peak_kb(preview.client.worker_pid())
    print(f"BRIEFING_IDLE pages={pages} peak_kb={peak_kb()} worker_peak_kb={worker}", flush=True)
    QTimer.singleShot(0, lambda: _quit(editor))


def _quit(editor: Any) -> None:
    """Close like a user would (locks released, nothing left behind), then leave the loop."""
    editor.session.mark_saved()
    editor.window.close()
    QApplication.quit()
