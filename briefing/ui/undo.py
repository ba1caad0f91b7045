"""Undo commands over the whole document.

Small edits (typing in a section, a metadata field, a prediction cell) are value commands that
merge while the user keeps typing in the same place; structural edits (add or move a section,
insert blocks, import, switch template) are snapshot commands holding the whole briefing before
and after. Both run a core editing operation and report the :class:`Changes` it made, on undo as
on redo, through ``notify``.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Hashable

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QMenu

from briefing.core.editing import Changes
from briefing.core.model.document import Briefing

MERGE_ID = 4711
MERGE_WINDOW_S = 1.5


class ValueCommand(QUndoCommand):
    """Set one value; consecutive sets of the same key within a short window merge."""

    def __init__(
        self,
        label: str,
        key: Hashable,
        old: object,
        new: object,
        apply: Callable[[object], Changes],
        notify: Callable[[Changes], None],
    ) -> None:
        super().__init__(label)
        self.key = key
        self.old = old
        self.new = new
        self._apply = apply
        self._notify = notify
        self.stamp = time.monotonic()
        self.closed = False  # a command (bold, a link, a box) ends the typing step

    def redo(self) -> None:
        self._notify(self._apply(self.new))

    def undo(self) -> None:
        self._notify(self._apply(self.old))

    def id(self) -> int:
        return MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt name)
        if not isinstance(other, ValueCommand) or other.key != self.key or self.closed:
            return False
        if other.stamp - self.stamp > MERGE_WINDOW_S:
            return False
        self.new = other.new
        self.stamp = other.stamp
        return True


class SnapshotCommand(QUndoCommand):
    """Replace the whole briefing; holds the briefing before and after the change."""

    def __init__(
        self,
        label: str,
        before: Briefing,
        after: Briefing,
        changes: Changes,
        restore: Callable[[Briefing, Changes], None],
    ) -> None:
        super().__init__(label)
        self._before = before
        self._after = after
        self._changes = changes
        self._restore = restore

    def redo(self) -> None:
        self._restore(copy.deepcopy(self._after), self._changes)

    def undo(self) -> None:
        self._restore(copy.deepcopy(self._before), self._changes)


def document_undo_menu(
    menu: QMenu,
    can_undo: Callable[[], bool],
    can_redo: Callable[[], bool],
    undo: SignalInstance,
    redo: SignalInstance,
) -> QMenu:
    """A text editor's standard context menu with its Undo and Redo acting on the whole
    document (the editor's own history is off)."""
    for action in menu.actions():
        if action.objectName() == "edit-undo":
            action.setEnabled(can_undo())
            action.triggered.connect(undo)
        elif action.objectName() == "edit-redo":
            action.setEnabled(can_redo())
            action.triggered.connect(redo)
    return menu
