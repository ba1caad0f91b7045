"""Editor state kept between runs: window layout and recent files (not preferences).

Stored as an INI file under ``briefing.core.paths.state_dir()`` so ``BRIEFING_HOME`` (tests)
relocates it and nothing lands in the platform's registry.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from briefing.core import paths

MAX_RECENT = 10
SCHEMA_VERSION = 1


class EditorSettings:
    """Window geometry, splitter sizes and the recent-files list."""

    def __init__(self, file: Path | None = None) -> None:
        self.file = file or paths.state_dir() / "editor.ini"
        with contextlib.suppress(OSError):  # unwritable: settings simply are not kept
            self.file.parent.mkdir(parents=True, exist_ok=True)
        self.qs = QSettings(str(self.file), QSettings.Format.IniFormat)
        if self.qs.value("schema_version") is None:
            self.qs.setValue("schema_version", SCHEMA_VERSION)

    def recent_files(self) -> list[str]:
        value = self.qs.value("recent/files", [])
        if isinstance(value, str):
            return [value] if value else []
        if not isinstance(value, list):
            return []
        return [str(v) for v in value if v]

    def add_recent(self, path: str) -> list[str]:
        path = str(Path(path).resolve())
        files = [path] + [f for f in self.recent_files() if f != path]
        files = files[:MAX_RECENT]
        self.qs.setValue("recent/files", files)
        self.qs.sync()
        return files

    def remove_recent(self, path: str) -> list[str]:
        files = [f for f in self.recent_files() if f != path]
        self.qs.setValue("recent/files", files)
        return files

    def clear_recent(self) -> None:
        self.qs.setValue("recent/files", [])

    def bytes_value(self, key: str) -> QByteArray | None:
        value = self.qs.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_value(self, key: str, value: object) -> None:
        self.qs.setValue(key, value)

    def value(self, key: str, default: object = None) -> object:
        return self.qs.value(key, default)

    def sync(self) -> None:
        self.qs.sync()
