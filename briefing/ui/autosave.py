"""Autosave: a recovery copy every 30 seconds and whenever the editor loses focus."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

INTERVAL_MS = 30_000


class Autosaver(QObject):
    """Calls ``save`` (which decides whether anything is unsaved) on a timer and on focus loss."""

    def __init__(
        self,
        save: Callable[[], bool],
        interval_ms: int = INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.saves = 0
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)
        self.timer.start()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.applicationStateChanged.connect(self._state_changed)

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.save_now()

    def save_now(self) -> bool:
        try:
            saved = self._save()
        except Exception:  # autosave must never take the editor down
            log.exception("autosave failed")
            return False
        if saved:
            self.saves += 1
        return saved

    def stop(self) -> None:
        self.timer.stop()
