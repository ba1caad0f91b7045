"""The editor's link to the template library: "Save as Template", the team folder watched
live for the toolbar switchers, and the start-up check for fast font subsetting."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

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
        library: Any,
        refresh: Callable[[], None],
        status: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.library = library
        self.refresh = refresh
        self.status = status
        self.watcher: Any = None
        self._team: object = None
        from briefing.ui.manager.team_watch import TeamWatcher

        self.watcher = TeamWatcher(self)
        self.watcher.changed.connect(self.library_changed)
        self.watch_team()

    def watch_team(self) -> None:
        """Watch the team folder now set in Preferences (or stop watching)."""
        team = None
        if self.library is not None and hasattr(self.library, "team_dir"):
            try:
                team = self.library.team_dir()
            except Exception as err:  # a bad preferences file must not stop the editor
                log.warning("team library folder unavailable: %s", err)
        self.watcher.watch(team)

    def library_changed(self) -> None:
        """Something in the library changed: re-list it and re-watch the team folder."""
        self.watch_team()
        self.refresh()

    def save_as_template(self, briefing: Any) -> Any:
        """Store the briefing's structure as a user template; the switcher lists it after."""
        if self.library is None:
            self.status("The template library is not available in this installation")
            return None
        from briefing.ui.manager import save_briefing_as_template

        template = save_briefing_as_template(self.window, self.library, briefing)
        if template is not None:
            self.library_changed()
            self.status(f"Saved the template “{template.name}”: File ▸ New offers it now")
        return template


def warn_if_no_harfbuzz_subset(status_bar: QStatusBar) -> QLabel | None:
    """A quiet, permanent status-bar note (and a log line) when fonts subset slowly.

    Not a dialog: a first run must not start with a box to dismiss.
    """
    try:
        from briefing.core.rendering import harfbuzz_subset_available

        available = harfbuzz_subset_available()
    except Exception as err:
        log.warning("cannot check for HarfBuzz's subset library: %s", err)
        return None
    if available:
        return None
    log.warning(HARFBUZZ_HINT)
    label = QLabel("⚠ Slow PDF export")
    label.setObjectName("harfbuzzWarning")
    label.setToolTip(HARFBUZZ_HINT)
    label.setAccessibleName("Warning")
    label.setAccessibleDescription(HARFBUZZ_HINT)
    status_bar.addPermanentWidget(label)
    status_bar.showMessage(HARFBUZZ_HINT, 20000)
    return label
