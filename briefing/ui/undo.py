"""Undo commands over the whole document.

Small edits (typing in a section, a metadata field, a prediction cell) are value commands that
merge while the user keeps typing in the same place; structural edits (add or move a section,
insert blocks, import, switch template) are snapshot commands holding the whole briefing before
and after.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Hashable
from typing import Any

from PySide6.QtGui import QUndoCommand

from briefing.core.model.document import Briefing

MERGE_ID = 4711
MERGE_WINDOW_S = 1.5


class ValueCommand(QUndoCommand):
    """Set one value; consecutive sets of the same key within a short window merge."""

    def __init__(
        self,
        label: str,
        key: Hashable,
        old: Any,
        new: Any,
        apply: Callable[[Any], None],
    ) -> None:
        super().__init__(label)
        self.key = key
        self.old = old
        self.new = new
        self._apply = apply
        self.stamp = time.monotonic()

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)

    def id(self) -> int:
        return MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt name)
        if not isinstance(other, ValueCommand) or other.key != self.key:
            return False
        if other.stamp - self.stamp > MERGE_WINDOW_S:
            return False
        self.new = other.new
        self.stamp = other.stamp
        return True


class SnapshotCommand(QUndoCommand):
    """Replace the whole briefing; holds deep copies before and after the change."""

    def __init__(
        self, label: str, before: Briefing, after: Briefing, apply: Callable[[Briefing], None]
    ) -> None:
        super().__init__(label)
        self._before = before
        self._after = after
        self._apply = apply

    def redo(self) -> None:
        self._apply(copy.deepcopy(self._after))

    def undo(self) -> None:
        self._apply(copy.deepcopy(self._before))
