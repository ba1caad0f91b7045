"""Starting the editor process: the application object and the render worker come first.

The render worker (a second Python process that imports WeasyPrint and loads its fonts,
about a second of work) is started before the editor imports its own modules or builds a
window, so both happen at once on two cores and the first pages follow the window closely.
:func:`run_editor` starts both, then imports :mod:`briefing.ui.app` and builds the window.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from briefing import __version__
from briefing.core import paths
from briefing.ui.render_worker import RenderWorker
from briefing.ui.theme import follow_color_scheme

if TYPE_CHECKING:
    from briefing.ui.app import Editor

_WORKER = "_briefing_render_worker"
log = logging.getLogger("briefing.ui")


def make_app(argv: list[str] | None = None) -> QApplication:
    """The application object (made once), named and styled for Briefing."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication((argv or sys.argv)[:1])
    app.setApplicationName("Briefing")
    app.setApplicationDisplayName("Briefing")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Briefing")
    app.setDesktopFileName("briefing")
    app.setStyle("Fusion")  # Fusion follows the system light/dark scheme in Qt 6
    follow_color_scheme(app)
    icon = paths.resources_dir() / "icons" / "briefing.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def start_process() -> tuple[QApplication, RenderWorker]:
    """The application and its render worker, started now (each made once per process)."""
    logging.basicConfig(level=logging.WARNING, format="briefing: %(message)s")
    app = make_app()
    worker = getattr(app, _WORKER, None)
    if not isinstance(worker, RenderWorker):
        worker = RenderWorker(app)
        setattr(app, _WORKER, worker)
    worker.start()
    return app, worker


def run_editor(
    argv: list[str],
    *,
    offer_restore: bool = True,
    started: Callable[[Editor], None] | None = None,
) -> int:
    """Open the editor (on the files in ``argv``, each in a window) and run the event loop.

    ``offer_restore=False`` skips offering recovery copies; ``started`` is called with the
    editor once its window is shown (scripts and benchmarks drive a real editor through it).
    The application and the render worker may already exist (:func:`start_process`).
    """
    app, worker = start_process()
    # Imported now, once the worker is on its way: the editor's modules take a while.
    from briefing.ui.app import Editor
    from briefing.ui.dialogs import show_error
    from briefing.ui.workspace import Workspace

    try:
        workspace = Workspace(app, render_worker=worker)
        editor = Editor(workspace=workspace)
    except Exception as err:  # a broken install should say so, not dump a trace
        log.exception("the editor could not start")
        show_error(None, f"Briefing could not start: {err}")
        worker.shutdown()
        return 1
    editor.window.show()
    first = argv[0] if argv else None

    def begin() -> None:
        editor.start(first, offer_restore=offer_restore)
        for other in argv[1:]:  # each further file in a window of its own
            workspace.open_file(Path(other), editor)

    QTimer.singleShot(0, begin)
    if started is not None:
        started(editor)
    app._briefing_workspace = workspace  # type: ignore[attr-defined]  # alive for the loop
    return int(app.exec())
