"""Window commands whose keys no text field may take, and the platform's redo keys.

A focused ``QLineEdit`` claims some keys for itself before the window's shortcuts see them:
on Linux Ctrl+E moves to the end of the line (an Emacs binding) and Ctrl+K deletes to it, so
Export never fired from the title, analyst or filter fields. :class:`WindowKeys` gives such keys
back to the window's actions, whichever widget inside the window has the focus. Fields that
edit the document itself (marked with :func:`mark_document_field`) give up Undo and Redo too:
their own little undo history would undo text the document's history knows nothing about.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget


def redo_keys() -> list[QKeySequence]:
    """The platform's Redo keys, with Ctrl+Y beside Ctrl+Shift+Z off macOS (on macOS Redo is
    Cmd+Shift+Z alone, as the standard key says)."""
    keys = list(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
    extra = [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")]
    if sys.platform != "darwin":
        keys += [k for k in extra if k not in keys]
    return keys


def event_keys(e: QKeyEvent) -> QKeySequence:
    """The key and modifiers of ``e`` as one key sequence."""
    return QKeySequence(e.keyCombination())


DOCUMENT_FIELD = "briefingDocumentField"


def mark_document_field(widget: QWidget) -> None:
    """``widget`` edits the document: Undo and Redo there act on the whole document."""
    widget.setProperty(DOCUMENT_FIELD, True)


class WindowKeys(QObject):
    """Lets ``actions`` fire on their keys from any widget inside ``window``, and
    ``document_actions`` from the fields marked with :func:`mark_document_field`."""

    def __init__(
        self, window: QWidget, actions: list[QAction], document_actions: list[QAction] | None = None
    ) -> None:
        super().__init__(window)
        self._window = window
        self._actions = list(actions)
        self._document_actions = list(document_actions or [])
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def _claims(self, widget: QWidget, pressed: QKeySequence) -> bool:
        actions = self._actions
        if widget.property(DOCUMENT_FIELD):
            actions = actions + self._document_actions
        return any(pressed in action.shortcuts() for action in actions)

    def eventFilter(self, watched: QObject, e: QEvent) -> bool:  # noqa: N802 (Qt name)
        if (
            e.type() == QEvent.Type.ShortcutOverride
            and isinstance(e, QKeyEvent)
            and isinstance(watched, QWidget)
            and watched.window() is self._window
            and self._claims(watched, event_keys(e))
        ):
            e.ignore()  # not the field's: the window's shortcut runs
            return True
        return False
