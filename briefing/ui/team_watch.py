"""Watching the team library folder so a colleague's change shows up without a restart."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal


class TeamWatcher(QObject):
    """Watches a team folder, its subfolders and files; ``changed`` fires (debounced) after
    anything in it is added, removed, replaced or edited in place."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None, *, debounce_ms: int = 300) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self, singleShot=True, interval=debounce_ms)
        self._timer.timeout.connect(self.changed)
        self._watcher.directoryChanged.connect(lambda _path: self._timer.start())
        self._watcher.fileChanged.connect(lambda _path: self._timer.start())

    def watch(self, team: Path | None) -> None:
        """Watch ``team`` (or nothing). Call again after each refresh: a replaced file and a
        new brand folder need watching afresh."""
        folders: list[str] = []
        files: list[str] = []
        if team is not None:
            for folder in (team, team / "templates", team / "brands"):
                if folder.is_dir():
                    folders.append(str(folder))
            with contextlib.suppress(OSError):
                files += [str(p) for p in (team / "templates").glob("*.json")]
                for brand in (team / "brands").glob("*"):
                    if brand.is_dir():
                        folders.append(str(brand))
                        files += [str(p) for p in brand.iterdir() if p.is_file()]
        self._rewatch(self._watcher.directories(), folders)
        self._rewatch(self._watcher.files(), files)

    def folders(self) -> list[Path]:
        """The folders being watched."""
        return [Path(p) for p in self._watcher.directories()]

    def _rewatch(self, current: list[str], wanted: list[str]) -> None:
        stale = [p for p in current if p not in wanted]
        if stale:
            self._watcher.removePaths(stale)
        fresh = [p for p in wanted if p not in current]
        if fresh:
            self._watcher.addPaths(fresh)
