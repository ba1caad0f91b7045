"""The narrow view API the controller talks to (dialogs live behind it), and the small
helpers for what it shows: file names suggested from a title, recovery-copy descriptions."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal, Protocol

from briefing.core.rendering.export import file_stem
from briefing.core.storage.lock import process_alive
from briefing.core.storage.recovery import RecoveryCopy

UnsavedChoice = Literal["save", "discard", "cancel"]
LockChoice = Literal["read-only", "anyway", "cancel"]
RestoreChoice = Literal["restore", "discard", "keep"]


class View(Protocol):
    """What the controller may ask of the window (dialogs live behind this)."""

    def show_error(self, message: str) -> None: ...
    def status(self, message: str) -> None: ...
    def ask_unsaved(self, name: str) -> UnsavedChoice: ...
    def ask_locked(self, path: Path, detail: str) -> LockChoice: ...
    def ask_overwrite_changed(self, path: Path) -> bool: ...
    def confirm_switch(self, template_name: str, changes: list[str]) -> bool: ...
    def confirm_duplicate(self, title: str, existing: str) -> bool: ...
    def ask_restore(self, description: str) -> RestoreChoice: ...
    def open_paths_dialog(self) -> list[str]: ...
    def open_path_dialog(self) -> str | None: ...
    def save_path_dialog(self, suggested: str) -> str | None: ...
    def choose_template(self) -> str | None: ...


def file_name_for(title: str) -> str:
    """A file name (no suffix) from a briefing title (see :func:`file_stem`)."""
    return file_stem(title)


def owner_running(key: str) -> bool:
    """True when a recovery copy's key names a live editor process other than this one."""
    head = key.split(":", 1)[0]
    if not head.isdigit() or int(head) == os.getpid():
        return False
    return process_alive(int(head))


def describe_recovery(copy_: RecoveryCopy) -> str:
    """One line naming a recovery copy: title, where it was saved, when it was autosaved."""
    title = copy_.title or "an untitled briefing"
    source = copy_.source_path
    when = copy_.time[:16].replace("T", " ")
    where = f" ({source})" if source else " (never saved)"
    stamp = f", autosaved {when}" if when else ""
    return f"“{title}”{where}{stamp}"
