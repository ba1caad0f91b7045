"""The editor's open windows and what they share: one briefing per window, like a word processor.

Each window is an :class:`~briefing.ui.app.Editor` with its own document session, controller,
undo history, preview and autosave. The workspace holds what they share: the template
library, the recent-files list, the file dialogs and one render worker process for every
preview (a second WeasyPrint process would cost 150–250 MB for no gain on a 2-core machine:
the worker serves the window being typed in first and stops a complete render of another
window's pages to do so).

* Open (Ctrl+O), a dropped ``.briefing`` and Open Recent open the file in a new window,
  unless the window asked is an untouched new or demo briefing, which takes the file; a file
  already open brings its window to the front.
* New (Ctrl+N) opens a new window with a briefing from the chosen template.
* The Window menu of every window lists them all; Quit asks about each unsaved one.
* At start, every recovery copy left by a crash can come back, each in its own window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QWidget

from briefing.core.storage.library import Library
from briefing.core.storage.recovery import RecoveryCopy
from briefing.ui.dialogs import FileDialogs
from briefing.ui.render_worker import RenderWorker
from briefing.ui.settings import EditorSettings

if TYPE_CHECKING:
    from briefing.ui.app import Editor

log = logging.getLogger("briefing.ui")
CASCADE = 32  # pixels between a new window and the one it was opened from
TemplateChooser = Callable[[QWidget, Library], "str | None"]


class Workspace(QObject):
    """The editor windows of this process; see the module docstring."""

    windows_changed = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        library: Library | None = None,
        preview: bool = True,
        render_worker: RenderWorker | None = None,
        file_dialogs: FileDialogs | None = None,
        choose_template: TemplateChooser | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library if library is not None else Library()
        self.settings = EditorSettings()
        self.preview = preview
        self.file_dialogs = file_dialogs or FileDialogs()
        self.choose_template = choose_template
        self.render_worker = render_worker
        if preview and render_worker is None:
            self.render_worker = RenderWorker(self)
        self.editors: list[Editor] = []
        self._quitting = False
        app = QApplication.instance()
        if app is not None and self.render_worker is not None:
            app.aboutToQuit.connect(self.render_worker.shutdown)

    # --- windows -----------------------------------------------------------------------
    def new_window(self, origin: Editor | None = None) -> Editor:
        """A new editor window (not yet shown), cascaded from ``origin``."""
        from briefing.ui.app import Editor  # the composition root imports this module

        editor = Editor(workspace=self)
        if origin is not None:
            editor.window.resize(origin.window.size())
            editor.window.move(origin.window.pos().x() + CASCADE, origin.window.pos().y() + CASCADE)
        return editor

    def add(self, editor: Editor) -> None:
        """Called by each editor as it is built."""
        self.editors.append(editor)
        editor.session.dirty_changed.connect(lambda _d: self.windows_changed.emit())
        editor.session.path_changed.connect(lambda _p: self.windows_changed.emit())
        editor.session.changed.connect(lambda _c: self._title_may_have_changed(editor))
        self.windows_changed.connect(editor.refresh_window_menu)
        self.windows_changed.emit()

    def closed(self, editor: Editor) -> None:
        """Called by an editor whose window closed for good."""
        if editor in self.editors:
            self.editors.remove(editor)
            self.windows_changed.disconnect(editor.refresh_window_menu)
            self.windows_changed.emit()

    def _title_may_have_changed(self, editor: Editor) -> None:
        name = editor.window_menu_name()
        if getattr(editor, "_menu_name", None) != name:
            editor._menu_name = name  # type: ignore[attr-defined]
            self.windows_changed.emit()

    def show(self, editor: Editor) -> None:
        """Bring ``editor``'s window to the front."""
        window = editor.window
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()

    def fill_window_menu(self, editor: Editor, menu_actions: QActionGroup) -> list[QAction]:
        """Actions for ``editor``'s Window menu: one per window, its own checked."""
        actions = []
        for number, other in enumerate(self.editors, start=1):
            prefix = f"&{number} " if number < 10 else ""
            action = QAction(prefix + other.window_menu_name(), menu_actions)
            action.setCheckable(True)
            action.setChecked(other is editor)
            action.triggered.connect(lambda _c=False, e=other: self.show(e))
            actions.append(action)
        return actions

    # --- opening -----------------------------------------------------------------------
    def editor_for(self, path: Path) -> Editor | None:
        """The window that has ``path`` open, if any."""
        wanted = _resolved(path)
        return next(
            (e for e in self.editors if e.session.path and _resolved(e.session.path) == wanted),
            None,
        )

    def open_path(self, path: Path, origin: Editor) -> Editor | None:
        """Open ``path`` (a ``.briefing``, or a PDF with its source attached): its window if
        it is open already, ``origin`` if that is untouched, else a new window."""
        path = Path(path)
        shown = self.editor_for(path)
        if shown is not None:
            self.show(shown)
            return shown
        if origin.is_untouched():
            return origin if origin.controller.open_path(path, ask=False) else None
        editor = self.new_window(origin)
        if not editor.controller.open_path(path, ask=False):
            self.discard(editor)
            return None
        self.show(editor)
        return editor

    def open_file(self, path: Path, origin: Editor) -> Editor | None:
        """A file named on the command line: a briefing opens, an article is drafted into a
        new briefing, each in a window of its own."""
        from briefing.ui.app import is_briefing_file

        if is_briefing_file(path):
            return self.open_path(path, origin)
        editor = self.new_window(origin)
        if not editor.start_drafted(path, report=True):
            self.discard(editor)
            return None
        self.show(editor)
        return editor

    def open_dialog(self, origin: Editor) -> Editor | None:
        chosen = origin.view.open_path_dialog()
        return self.open_path(Path(chosen), origin) if chosen else None

    def new_briefing(self, origin: Editor) -> Editor | None:
        """File ▸ New: a new window holding a briefing from the template the user picks."""
        template_id = origin.view.choose_template()
        if template_id is None:
            return None
        editor = self.new_window(origin)
        if not editor.controller.new_document(template_id):
            self.discard(editor)
            return None
        self.show(editor)
        return editor

    def discard(self, editor: Editor) -> None:
        """Throw away a window that never showed a document (opening it failed)."""
        editor.session.mark_saved()
        editor.window.close()

    # --- quitting and recovery ---------------------------------------------------------
    def quit(self) -> bool:
        """Close every window, asking about each unsaved one; False if the user cancels."""
        self._quitting = True
        try:
            for editor in list(self.editors):
                if not editor.window.close():
                    return False
        finally:
            self._quitting = False
        return True

    def restore_elsewhere(self, origin: Editor) -> Callable[[RecoveryCopy], bool]:
        """How ``origin``'s controller restores a second and later recovery copy: each in a
        new window."""

        def restore(copy_: RecoveryCopy) -> bool:
            editor = self.new_window(origin)
            if not editor.controller.restore(copy_):
                self.discard(editor)
                return False
            self.show(editor)
            return True

        return restore

    def library_changed(self) -> None:
        """Templates or brands changed: every window re-lists them."""
        for editor in list(self.editors):
            editor.library_changed()

    def recent_changed(self, files: list[str]) -> None:
        for editor in list(self.editors):
            editor.window.set_recent(files, editor.open_recent)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()
