"""Hooks that let benchmarks and crash tests drive a real editor process.

Set ``BRIEFING_TEST_HOOK`` to:

- ``startup``: print ``BRIEFING_EXPOSED <unix time>`` when the window is first exposed, quit.
- ``crash-edit:<text>``: once started, type ``<text>`` into the first section, autosave,
  print ``BRIEFING_AUTOSAVED`` and keep running (the test then kills the process).
"""

from __future__ import annotations

import sys
import time
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def install(editor: Any, hook: str) -> None:
    if hook == "startup":

        def exposed() -> None:
            print(f"BRIEFING_EXPOSED {time.time():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)

        editor.window.exposed.connect(exposed)
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
