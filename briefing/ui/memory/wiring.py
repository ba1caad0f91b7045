"""The memory in the editor: its actions, the windows, and indexing after save and import.

Built by the composition root (``Editor``); talks to the document only through the session
(every change an undoable step) and the controller (opening files, the unsaved-work prompt).
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog

from briefing.core.document import Briefing
from briefing.ui.memory.service import MemoryService

log = logging.getLogger(__name__)


class MemoryFaces:
    """Library, Ledger, New Edition Of… and What Changed… for one editor window."""

    def __init__(self, editor: Any) -> None:
        self.editor = editor
        self.service = MemoryService(editor.window)
        self.library: Any = None
        self.ledger: Any = None
        self.changes: Any = None
        c, a = editor.controller, editor.actions
        c.saved.connect(self.service.index_saved)
        c.imported.connect(self.service.record_imported)
        a.library.triggered.connect(self.show_library)
        a.ledger.triggered.connect(self.show_ledger)
        a.new_edition.triggered.connect(lambda: self.new_edition())
        a.what_changed.triggered.connect(self.what_changed)
        self.service.notice.connect(editor.view.show_error)
        self.service.done.connect(self._done)
        editor.session.changed.connect(self._document_changed)
        table = getattr(editor.briefing_pane, "predictions", None)
        if table is not None and hasattr(table, "details_requested"):
            table.details_requested.connect(self.edit_resolution)

    # -- windows ---------------------------------------------------------------------------

    def show_library(self) -> Any:
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

    def show_ledger(self) -> Any:
        from briefing.ui.memory.ledger_window import LedgerWindow

        if self.ledger is None:
            self.ledger = LedgerWindow(self.editor.window, self.service)
            self.ledger.appendix_requested.connect(self.add_calibration)
        self.ledger.show()
        self.ledger.raise_()
        self.ledger.activateWindow()
        self.ledger.refresh()
        return self.ledger

    def what_changed(self) -> Any:
        from briefing.ui.memory.changes_view import ChangesView

        if self.changes is None:
            self.changes = ChangesView(
                self.editor.window, self.editor.session.briefing, self.set_show
            )
        else:
            self.changes.show_for(self.editor.session.briefing)
        self.changes.show()
        self.changes.raise_()
        return self.changes

    def _document_changed(self, _what: str) -> None:
        if self.changes is not None and self.changes.isVisible():
            self.changes.show_for(self.editor.session.briefing)

    # -- document changes (each one undoable step) -----------------------------------------

    def set_show(self, show: bool) -> None:
        def mutate(b: Briefing) -> None:
            if b.edition is not None:
                b.edition.show_changes = show

        label = "Show what changed in the PDF" if show else "Leave what changed out of the PDF"
        self.editor.session.structural(label, mutate)

    def add_source(self, article: Any) -> None:
        from briefing.core.memory.keys import source_key

        session = self.editor.session
        key = source_key(article)
        if any(source_key(a) == key for a in session.briefing.sources):
            self.editor.view.status(f"“{article.title[:80]}” is already a source")
            return
        session.add_sources([copy.deepcopy(article)])
        self.editor.view.status(f"Added “{article.title[:80]}” to the sources")

    def add_calibration(self, entries: list[Any]) -> None:
        from briefing.core.memory.scores import calibration_for

        session = self.editor.session
        cal = calibration_for(entries, session.briefing.meta.analyst)

        def mutate(b: Briefing) -> None:
            b.calibration = cal

        session.structural("Add calibration appendix", mutate)
        self.editor.view.status(f"Calibration appendix added ({cal.scope}, {cal.resolved} scored)")

    def edit_resolution(self, row: int) -> Any:
        """Ask for the resolution date and criteria of prediction ``row`` (one undo step)."""
        from briefing.ui.memory.resolution_dialog import ResolutionDialog

        session = self.editor.session
        if not 0 <= row < len(session.briefing.predictions):
            return None
        prediction = session.briefing.predictions[row]
        dialog = ResolutionDialog(self.editor.window, prediction, session.briefing.meta.date)
        self.dialog = dialog
        if dialog.exec():
            resolve_by, criteria = dialog.values()

            def mutate(b: Briefing) -> None:
                if row < len(b.predictions):
                    b.predictions[row].resolve_by = resolve_by
                    b.predictions[row].criteria = criteria

            session.structural("Edit prediction resolution", mutate)
        return dialog

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
        from briefing.core.memory.scan import load_document

        try:
            previous = load_document(Path(path))
        except Exception as err:
            editor.view.show_error(str(err))
            return False
        new = next_edition(previous, Path(path))
        editor.controller._adopt(new, None, dirty=True)
        number = new.edition.number if new.edition else 2
        editor.view.status(f"Edition {number} of “{new.title[:80]}”: save it under a new name")
        return True

    def _open(self, path: str) -> None:
        self.editor.controller.open_path(Path(path))

    def _done(self, name: str, result: Any) -> None:
        if name == "indexed":
            log.debug("library: indexed %s", result)

    def shutdown(self) -> None:
        try:
            self.service.shutdown()
        except Exception as err:  # closing must never fail over the library
            log.warning("library shutdown: %s", err)
