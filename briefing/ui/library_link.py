"""The editor's link to the template library: "Save as Template", the team folder watched
live for the toolbar switchers, and the start-up check for fast font subsetting."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from briefing.core.model.document import Briefing
from briefing.core.model.template import Template
from briefing.core.storage.library import Library
from briefing.ui.team_watch import TeamWatcher

log = logging.getLogger("briefing.ui")

HARFBUZZ_HINT = (
    "HarfBuzz's subset library (libharfbuzz-subset0) is not installed: "
    "the preview and PDF export work, but more slowly."
)


class LibraryLink(QObject):
    """Keeps the editor's switchers in step with the library, including a team folder that
    a colleague changes while the editor is open."""

    def __init__(
        self,
        window: QWidget,
        library: Library,
        refresh: Callable[[], None],
        status: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.library = library
        self.refresh = refresh
        self.status = status
        self.watcher = TeamWatcher(self)
        self.watcher.changed.connect(self.library_changed)
        self.watch_team()

    def watch_team(self) -> None:
        """Watch the team folder now set in Preferences (or stop watching)."""
        self.watcher.watch(self.library.team_dir())

    def library_changed(self) -> None:
        """Something in the library changed: re-list it and re-watch the team folder."""
        self.watch_team()
        self.refresh()

    def save_as_template(self, briefing: Briefing) -> Template | None:
        """Store the briefing's structure as a user template; the switcher lists it after."""
        from briefing.ui.manager import save_briefing_as_template  # on demand (start-up)

        template = save_briefing_as_template(self.window, self.library, briefing)
        if template is not None:
            self.library_changed()
            self.status(f"Saved the template “{template.name}”: File ▸ New offers it now")
        return template


class HarfbuzzCheck(QObject):
    """Checks for HarfBuzz's subset library off the UI thread (importing the renderer to ask
    costs a tenth of a second of start-up), then shows a quiet, permanent status-bar note
    and logs a line when it is missing. Not a dialog: a first run must not start with a box
    to dismiss."""

    result = Signal(bool)

    def __init__(self, status_bar: QStatusBar) -> None:
        super().__init__(status_bar)
        self.status_bar = status_bar
        self.label: QLabel | None = None
        self.done = False
        self.result.connect(self._show)

    def start(self) -> None:
        threading.Thread(target=self._check, name="harfbuzz-check", daemon=True).start()

    def _check(self) -> None:
        try:
            from briefing.core.rendering.fonts import harfbuzz_subset_available

            available = bool(harfbuzz_subset_available())
        except Exception as err:
            log.warning("cannot check for HarfBuzz's subset library: %s", err)
            available = True  # nothing useful to tell the user
        with contextlib.suppress(RuntimeError):  # the window may have closed meanwhile
            self.result.emit(available)

    def _show(self, available: bool) -> None:
        self.done = True
        if available:
            return
        log.warning(HARFBUZZ_HINT)
        label = QLabel("⚠ Slow PDF export")
        label.setObjectName("harfbuzzWarning")
        label.setToolTip(HARFBUZZ_HINT)
        label.setAccessibleName("Warning")
        label.setAccessibleDescription(HARFBUZZ_HINT)
        self.status_bar.addPermanentWidget(label)
        self.status_bar.showMessage(HARFBUZZ_HINT, 20000)
        self.label = label
