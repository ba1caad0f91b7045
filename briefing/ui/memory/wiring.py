"""The memory in the editor: its actions, the windows, and indexing after save and import.

Built by the composition root (``Editor``); changes the document only through the session (each
change a core editing operation, one undo step) and the controller (opening files, the
unsaved-work prompt). The windows are imported when first opened, like the editor's other
windows, so they cost nothing at start-up.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from briefing.core.editing import Changes
from briefing.core.errors import BriefingError
from briefing.core.model.article import Article
from briefing.core.services import load_document
from briefing.ui.memory.service import MemoryService

# The windows, and the parts of the core only they and New Edition Of… use (ledger, scores,
# editions: about 6 % of the editor's import time by `python -X importtime`), are imported
# when first used, so start-up does not pay for them.
if TYPE_CHECKING:
    from briefing.core.memory.ledger import LedgerEntry
    from briefing.ui.app import Editor
    from briefing.ui.memory.changes_view import ChangesView
    from briefing.ui.memory.ledger_window import LedgerWindow
    from briefing.ui.memory.library_window import LibraryWindow

log = logging.getLogger(__name__)


class MemoryFaces:
    """Library, Ledger, New Edition Of… and What Changed… for one editor window."""

    def __init__(self, editor: Editor) -> None:
        self.editor = editor
        self.service = MemoryService(editor.window)
        self.library: LibraryWindow | None = None
        self.ledger: LedgerWindow | None = None
        self.changes: ChangesView | None = None
        c, a = editor.controller, editor.actions
        c.saved.connect(self.service.index_saved)
        c.imported.connect(self.service.record_imported)
        a.library.triggered.connect(self.show_library)
        a.ledger.triggered.connect(self.show_ledger)
        a.new_edition.triggered.connect(lambda: self.new_edition())
        a.what_changed.triggered.connect(self.what_changed)
        self.service.notice.connect(editor.view.show_error)
        editor.session.changed.connect(self._document_changed)
        editor.briefing_pane.predictions.details_requested.connect(self.edit_resolution)

    # -- windows ---------------------------------------------------------------------------

    def show_library(self) -> LibraryWindow:
        from briefing.ui.memory.library_window import LibraryWindow

        if self.library is None:
            self.library = LibraryWindow(self.editor.window, self.service)
            self.library.add_source.connect(self.add_source)
            self.library.open_requested.connect(self._open)
        self.library.show()
        self.library.raise_()
        self.library.activateWindow()
        self.library.focus_search()
        self.library.search_now()
        return self.library

    def show_ledger(self) -> LedgerWindow:
        from briefing.ui.memory.ledger_window import LedgerWindow

        if self.ledger is None:
            self.ledger = LedgerWindow(self.editor.window, self.service)
            self.ledger.appendix_requested.connect(self.add_calibration)
        self.ledger.show()
        self.ledger.raise_()
        self.ledger.activateWindow()
        self.ledger.refresh()
        return self.ledger

    def what_changed(self) -> ChangesView:
        from briefing.ui.memory.changes_view import ChangesView

        session = self.editor.session
        if self.changes is None:
            self.changes = ChangesView(self.editor.window, session.briefing, session.show_changes)
        else:
            self.changes.show_for(session.briefing)
        self.changes.show()
        self.changes.raise_()
        return self.changes

    def _document_changed(self, _changes: Changes) -> None:
        if self.changes is not None and self.changes.isVisible():
            self.changes.show_for(self.editor.session.briefing)

    # -- document changes (each one undoable step) -----------------------------------------

    def add_source(self, article: Article) -> None:
        title = article.title[:80]
        if self.editor.session.add_library_source(article):
            self.editor.view.status(f"Added “{title}” to the sources")
        else:
            self.editor.view.status(f"“{title}” is already a source")

    def add_calibration(self, entries: list[LedgerEntry]) -> None:
        from briefing.core.memory.scores import calibration_for

        session = self.editor.session
        cal = calibration_for(entries, session.briefing.meta.analyst)
        session.set_calibration(cal)
        self.editor.view.status(f"Calibration appendix added ({cal.scope}, {cal.resolved} scored)")

    def edit_resolution(self, row: int) -> None:
        """Ask for the resolution date and criteria of prediction ``row`` (one undo step)."""
        from briefing.ui.memory.resolution_dialog import ResolutionDialog

        session = self.editor.session
        if not 0 <= row < len(session.briefing.predictions):
            return
        prediction = session.briefing.predictions[row]
        dialog = ResolutionDialog(self.editor.window, prediction, session.briefing.meta.date)
        if dialog.exec():
            session.set_resolution(row, *dialog.values())

    # -- editions --------------------------------------------------------------------------

    def new_edition(self, path: str | None = None) -> bool:
        """Start the next edition of a briefing file chosen by the user (or ``path``)."""
        editor = self.editor
        if path is None:
            current = editor.session.path
            start = str(current) if current else editor._start_dir()
            path, _ = QFileDialog.getOpenFileName(
                editor.window, "Start the next edition of", start, "Briefings (*.briefing)"
            )
        if not path or not editor.controller.maybe_save_changes():
            return False
        from briefing.core.memory.editions import next_edition

        try:
            previous = load_document(Path(path))
        except BriefingError as err:
            editor.view.show_error(str(err))
            return False
        new = next_edition(previous, Path(path))
        editor.controller._adopt(new, None, dirty=True)
        number = new.edition.number if new.edition else 2
        editor.view.status(f"Edition {number} of “{new.title[:80]}”: save it under a new name")
        return True

    def _open(self, path: str) -> None:
        self.editor.controller.open_path(Path(path))

    def shutdown(self) -> None:
        try:
            self.service.shutdown()
        except Exception as err:  # closing must never fail over the library
            log.warning("library shutdown: %s", err)
