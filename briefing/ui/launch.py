"""Starting the editor process: the application object and the render worker come first.

The render worker (a second Python process that imports WeasyPrint and loads its fonts,
about a second of work) is started before the editor imports its own modules or builds a
window, so both happen at once on two cores and the first pages follow the window closely.
``briefing`` calls :func:`start_process` before importing :mod:`briefing.ui.app`;
:func:`briefing.ui.app.run_editor` then finds the application and the worker ready.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from briefing import __version__
from briefing.core import paths
from briefing.ui.render_worker import RenderWorker
from briefing.ui.theme import follow_color_scheme

_WORKER = "_briefing_render_worker"


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
