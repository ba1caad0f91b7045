"""Composition root: builds the application, the window, the session and their wiring.

Dialogs opened on demand (New, Export, Find, Preferences, the template manager) are imported
where they open, so they cost nothing at start-up (together about a tenth of it). The preview
needs QtPdf, a Qt module some PySide6 builds leave out: without it the editor runs without a
preview and says so.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from briefing import __version__
from briefing.core.drafting.demo import demo_articles
from briefing.core.editing import Changes
from briefing.core.errors import BriefingError
from briefing.core.model.document import Briefing
from briefing.core.rendering.export import export_file_name
from briefing.core.spelling import SpellChecker
from briefing.core.storage.library import Library
from briefing.core.storage.preferences import load_preferences
from briefing.ui.autosave import Autosaver
from briefing.ui.briefing_pane import BriefingPane
from briefing.ui.controller import Controller
from briefing.ui.dialogs import DialogView
from briefing.ui.launch import make_app as make_app  # where scripts and tests look for them
from briefing.ui.launch import run_editor as run_editor
from briefing.ui.library_link import HarfbuzzCheck, LibraryLink
from briefing.ui.main_window import MainWindow
from briefing.ui.memory.wiring import MemoryFaces
from briefing.ui.plain import plain
from briefing.ui.session import DocumentSession
from briefing.ui.sources_pane import SourcesPane
from briefing.ui.spelling import install_spell_menu
from briefing.ui.switchers import Switchers
from briefing.ui.workspace import Workspace
from briefing.ui.writing import WritingTools

if TYPE_CHECKING:
    from briefing.ui.find_replace import FindReplaceDialog
    from briefing.ui.manager import ManagerWindow
    from briefing.ui.preview import PreviewPane

log = logging.getLogger("briefing.ui")
DOCUMENT_SUFFIXES = (".briefing", ".pdf")


def is_briefing_file(path: Path) -> bool:
    """A .briefing, or a PDF exported with its source attached (any other PDF is an article)."""
    suffix = path.suffix.lower()
    if suffix != ".pdf":
        return suffix in DOCUMENT_SUFFIXES
    # Imported here, not at the top: the renderer is not needed to show the window.
    from briefing.core.rendering.pdf import source_from_pdf

    try:
        return source_from_pdf(path) is not None
    except Exception:  # a PDF that cannot be read is reported by the importer
        return False


class Editor:
    """One editor window and everything behind it (its document, undo history, preview and
    autosave); the windows of one process share a :class:`Workspace`."""

    def __init__(
        self,
        *,
        library: Library | None = None,
        preview: bool = True,
        workspace: Workspace | None = None,
    ) -> None:
        self.workspace = workspace or Workspace(library=library, preview=preview)
        self.settings = self.workspace.settings
        self.library = self.workspace.library
        self.window = MainWindow()
        self.session = DocumentSession(parent=self.window)
        self.actions = self.window.commands
        self.spell = self._spell()
        self.view = DialogView(
            self.window,
            status=lambda m: self.window.statusBar().showMessage(m, 6000),
            choose_template=self._choose_template,
            start_dir=self._start_dir,
            files=self.workspace.file_dialogs,
        )
        self.controller = Controller(
            self.session, self.view, self.library, open_elsewhere=self._open_elsewhere
        )
        self.sources = SourcesPane()
        self.briefing_pane = BriefingPane(
            self.session, spell=self.spell, decorate_editor=self._decorate_editor
        )
        self.preview: PreviewPane | None = self._preview() if self.workspace.preview else None
        right = self.preview if self.preview is not None else self._placeholder()
        self.window.set_panes(self.sources, self.briefing_pane, right)
        self.writing = WritingTools(self.window, self.briefing_pane, self.session)
        self.autosaver = Autosaver(self.controller.autosave, parent=self.window)
        self._find: FindReplaceDialog | None = None
        self._manager: ManagerWindow | None = None
        self._followed: str | None = None
        self._refreshing_manager = False
        self.switchers = Switchers(
            self.window.template_box,
            self.window.brand_box,
            self.session,
            self.controller,
            self.library,
        )
        self.library_link = LibraryLink(
            self.window, self.library, self.workspace.library_changed, self.view.status
        )
        self.memory = MemoryFaces(self)
        self.harfbuzz_check = HarfbuzzCheck(self.window.statusBar())
        if not self.workspace.editors:  # the first window says it once
            QTimer.singleShot(0, self.harfbuzz_check.start)  # once the window is up
        self._wire()
        self.switchers.fill()
        self.window.restore_layout(self.settings)
        self.window.set_recent(self.settings.recent_files(), self.open_recent)
        self._update_title()
        self.workspace.add(self)

    # --- construction ------------------------------------------------------------------
    def _spell(self) -> SpellChecker | None:
        prefs = load_preferences()
        return SpellChecker(variant=prefs.dictionary) if prefs.spell_check else None

    def _decorate_editor(self, editor: QPlainTextEdit | QTextEdit) -> None:
        if self.spell is not None:
            editor._spell_menu = install_spell_menu(editor, self.spell)  # type: ignore[union-attr]

    def _preview(self) -> PreviewPane | None:
        try:  # QtPdf is a Qt module of its own, missing from some PySide6 builds
            from briefing.ui.preview import PreviewPane
        except ImportError as err:
            log.warning("preview unavailable: %s", err)
            return None
        return PreviewPane(worker=self.workspace.render_worker)

    def _placeholder(self) -> QWidget:
        label = QLabel("The page preview is not available in this installation.")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setAccessibleName("Preview unavailable")
        return label

    def _start_dir(self) -> str:
        if self.session.path is not None:
            return str(self.session.path.parent)
        recent = self.settings.recent_files()
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    # --- wiring ------------------------------------------------------------------------
    def _wire(self) -> None:
        a, s, c, w = self.actions, self.session, self.controller, self.window
        a.new.triggered.connect(lambda: self.workspace.new_briefing(self))
        a.open.triggered.connect(lambda: self.workspace.open_dialog(self))
        a.save.triggered.connect(lambda: c.save())
        a.save_as.triggered.connect(lambda: c.save_as())
        a.import_.triggered.connect(lambda: c.import_dialog())
        a.paste_source.triggered.connect(self.paste_source)
        a.export.triggered.connect(self.export)
        a.close.triggered.connect(self.close_document)
        a.quit.triggered.connect(self.workspace.quit)
        a.undo.triggered.connect(s.undo_stack.undo)
        a.redo.triggered.connect(s.undo_stack.redo)
        a.undo.setEnabled(False)
        a.redo.setEnabled(False)
        s.undo_stack.canUndoChanged.connect(a.undo.setEnabled)
        s.undo_stack.canRedoChanged.connect(a.redo.setEnabled)
        s.undo_stack.undoTextChanged.connect(self._undo_text)
        s.undo_stack.redoTextChanged.connect(self._redo_text)
        a.find.triggered.connect(self.find)
        a.replace.triggered.connect(self.find)
        a.add_section.triggered.connect(self.briefing_pane.ask_add_section)
        a.preferences.triggered.connect(self.preferences)
        a.manager.triggered.connect(self.manager)
        a.save_as_template.triggered.connect(
            lambda: self.library_link.save_as_template(self.session.briefing)
        )
        a.focus_sources.triggered.connect(self.sources.focus_first)
        a.focus_briefing.triggered.connect(self._focus_briefing)
        a.focus_preview.triggered.connect(self._focus_preview)
        a.about.triggered.connect(self.about)

        s.changed.connect(self._changed)
        s.dirty_changed.connect(lambda _d: self._update_title())
        s.path_changed.connect(lambda _p: self._update_title())
        c.recent_added.connect(self._add_recent)
        c.changed_on_disk.connect(self._changed_on_disk)
        c.template_changed.connect(lambda _t: self.switchers.fill())

        self.sources.import_requested.connect(lambda: c.import_dialog())
        self.sources.paste_requested.connect(self.paste_source)
        self.sources.send_requested.connect(lambda sid, refs: s.insert_blocks(sid, refs))
        self.sources.remove_requested.connect(s.remove_source)
        self.briefing_pane.notice.connect(lambda text: self.view.status(text))
        self.sources.edit_requested.connect(s.edit_source)
        w.files_dropped.connect(self.drop_files)
        w.can_close = self.can_close
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.applicationStateChanged.connect(self._app_state)
        if self.preview is not None:
            self.preview.failed.connect(lambda m: log.info("preview: %s", m))
            self.briefing_pane.section_focused.connect(self._follow_section)
            # Clicking a section in the preview's outline brings its editor into view too.
            self.preview.outline.itemClicked.connect(self._outline_clicked)

    def _undo_text(self, text: str) -> None:
        with contextlib.suppress(RuntimeError):  # the window may be going away
            self.actions.undo.setToolTip(plain(f"Undo {text}".strip()))  # quotes titles
            self.actions.undo.setStatusTip(f"Undo {text}".strip())

    def _redo_text(self, text: str) -> None:
        with contextlib.suppress(RuntimeError):
            self.actions.redo.setToolTip(plain(f"Redo {text}".strip()))
            self.actions.redo.setStatusTip(f"Redo {text}".strip())

    def _changed(self, changes: Changes) -> None:
        if changes.sources or changes.origins or changes.sections:
            self.sources.refresh(self.session.briefing, self.session.block_usage())
        if changes.template or changes.brand:
            self.switchers.sync()
        self._update_title()
        self.request_render()

    def request_render(self) -> None:
        if self.preview is not None:
            try:
                self.preview.request_render(self.session.briefing)
            except Exception as err:  # the preview failing must never stop editing
                log.warning("preview request failed: %s", err)

    def _follow_section(self, section_id: str) -> None:
        if self.preview is not None and self._followed != section_id:
            self._followed = section_id
            self.preview.go_to_section(section_id)

    def _outline_clicked(self, item: QListWidgetItem) -> None:
        section_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(section_id, str):
            self.briefing_pane.reveal_section(section_id)

    def _update_title(self) -> None:
        s = self.session
        flags = " [read-only]" if s.read_only else ""
        self.window.setWindowTitle(f"{s.display_name()}[*]{flags} — Briefing")
        self.window.setWindowModified(s.dirty)
        self.actions.save.setEnabled(True)

    def _add_recent(self, path: str) -> None:
        self.workspace.recent_changed(self.settings.add_recent(path))

    def _app_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive and self.controller.disk_changed():
            self._changed_on_disk(str(self.session.path))

    def _changed_on_disk(self, name: str) -> None:
        self.window.statusBar().showMessage(
            f"{Path(name).name} was changed on disk by another program; saving will ask first.",
            15000,
        )

    # --- commands ----------------------------------------------------------------------
    def paste_source(self) -> bool:
        mime = QApplication.clipboard().mimeData()
        if mime is not None and mime.hasHtml() and mime.html().strip():
            return self.controller.import_text(mime.html(), kind="html")
        text = mime.text() if mime is not None else ""
        return self.controller.import_text(text, kind="auto")

    def drop_files(self, files: list[Path]) -> None:
        documents = [f for f in files if is_briefing_file(f)]
        articles = [f for f in files if f not in documents]
        if articles:
            self.controller.import_paths(articles)
        for document in documents:  # each in its own window (an untouched one takes the first)
            self.workspace.open_path(document, self)

    def open_recent(self, name: str) -> None:
        if not Path(name).exists():
            self.view.show_error(f"{name}: the file no longer exists")
            self.workspace.recent_changed(self.settings.remove_recent(name))
            return
        self.workspace.open_path(Path(name), self)

    # --- the window among the others ---------------------------------------------------
    def is_untouched(self) -> bool:
        """True for a new or demo briefing nobody has edited: Open may replace it."""
        s = self.session
        return s.path is None and not s.dirty and not s.read_only and s.undo_stack.count() == 0

    def window_menu_name(self) -> str:
        """This window in the Window menu: the document's name, starred while unsaved."""
        return self.session.display_name() + (" *" if self.session.dirty else "")

    def refresh_window_menu(self) -> None:
        menu = self.window.window_menu
        menu.clear()
        for action in self.workspace.fill_window_menu(self, self.window.window_group):
            menu.addAction(action)

    def _open_elsewhere(self, path: Path) -> bool:
        other = self.workspace.editor_for(path)
        return other is not None and other is not self

    def _choose_template(self) -> str | None:
        if self.workspace.choose_template is not None:
            return self.workspace.choose_template(self.window, self.library)
        from briefing.ui.new_dialog import NewBriefingDialog  # opened on demand (start-up)

        dialog = NewBriefingDialog(self.window, self.library)
        if not dialog.exec():
            return None
        chosen = dialog.selected_template_id()
        return str(chosen) if chosen else None

    def export(self) -> None:
        from briefing.ui.export_dialog import ExportDialog  # opened on demand (start-up)

        s = self.session
        if s.path:
            base = s.path.with_name(export_file_name(s.briefing, ".pdf", stem=s.path.stem))
        else:
            base = Path(self._start_dir()) / export_file_name(s.briefing, ".pdf")
        try:
            dialog = ExportDialog(self.window, s.briefing, str(base), pages=self._pages_shown())
            dialog.exported.connect(self.window.export_notice.show_for)
            dialog.exec()
        except Exception as err:
            log.exception("export failed")
            self.view.show_error(str(err))

    def _pages_shown(self) -> int | None:
        """The page count of the preview when it shows the briefing as it is now."""
        if self.preview is None or not self.preview.is_idle():
            return None
        return self.preview.page_count() or None

    def find(self) -> None:
        if self._find is None:
            from briefing.ui.find_replace import FindReplaceDialog  # opened on demand (start-up)

            self._find = FindReplaceDialog(
                self.window, self.briefing_pane.text_editors, self.session.undo_stack
            )
        focus = QApplication.focusWidget()
        selected = ""
        if isinstance(focus, QPlainTextEdit | QTextEdit):
            selected = focus.textCursor().selectedText()
        self._find.show_for(selected or None)

    def preferences(self) -> None:
        from briefing.ui.preferences import PreferencesDialog  # opened on demand (start-up)

        PreferencesDialog(self.window, spell=self.spell).exec()
        self.library_link.library_changed()  # the team folder may have changed

    def library_changed(self) -> None:
        """Re-list templates and brands in the switchers (and in an open manager)."""
        self.switchers.fill()
        manager = self._manager
        if manager is not None and manager.isVisible() and not self._refreshing_manager:
            self._refreshing_manager = True
            try:
                manager.refresh()
            finally:
                self._refreshing_manager = False

    def manager(self) -> None:
        from briefing.ui.manager import ManagerWindow  # opened on demand (start-up)

        if self._manager is None:
            self._manager = ManagerWindow(self.window, self.library)
            self._manager.library_changed.connect(self._manager_changed)
        self._manager.show()
        self._manager.raise_()
        self._manager.activateWindow()

    def _manager_changed(self) -> None:
        if not self._refreshing_manager:
            self.library_link.watch_team()
            self.workspace.library_changed()

    def about(self) -> None:
        QMessageBox.about(
            self.window,
            "About Briefing",
            f"Briefing {__version__}\nTurn the articles you read into short, branded briefings.",
        )

    def _focus_briefing(self) -> None:
        editors = list(self.briefing_pane.editors.values())
        if editors:
            self.briefing_pane.focus_section(editors[0].section_id)
        else:
            self.briefing_pane.form.title.setFocus()

    def _focus_preview(self) -> None:
        if self.preview is not None:
            self.preview.setFocus()

    def close_document(self) -> None:
        """File ▸ Close: this window goes when others stay open; the last one keeps a blank
        briefing (Quit leaves the editor)."""
        if len(self.workspace.editors) > 1:
            self.window.close()
        elif self.controller.close_document():
            self.start_blank()

    # --- start and stop ----------------------------------------------------------------
    def start(self, file: str | None = None, *, offer_restore: bool = True) -> None:
        """What the editor shows first: a restored copy, the file, the demo or a blank page."""
        if offer_restore and self.controller.offer_restore(
            elsewhere=self.workspace.restore_elsewhere(self)
        ):
            return
        if file and not is_briefing_file(Path(file)):
            if self.start_drafted(Path(file), report=True):  # an article: draft it
                return
        elif file and self.controller.open_path(Path(file), ask=False):
            return
        if not self.settings.recent_files() and not file and self.start_demo():
            return
        self.start_blank()

    def start_demo(self) -> bool:
        """First run: the bundled demo article drafted into the standard template."""
        articles = demo_articles()
        try:
            briefing = self.controller.draft(articles, "standard") if articles else None
        except BriefingError as err:
            log.warning("no demo briefing: %s", err)
            briefing = None
        if briefing is None:
            return False
        self.controller._adopt(briefing, None)
        self.view.status("A demo briefing: edit it, or start your own with File ▸ New")
        return True

    def start_drafted(self, article_path: Path, *, report: bool) -> bool:
        """A new briefing drafted from one article into the standard template."""
        from briefing.core.importing import import_file  # not needed to show the window

        try:
            briefing = self.controller.draft([import_file(article_path)], "standard")
        except BriefingError as err:
            log.warning("could not draft %s: %s", article_path, err)
            if report:
                self.view.show_error(str(err))
            return False
        self.controller._adopt(briefing, None)
        return True

    def start_blank(self) -> None:
        try:
            briefing = self.controller.draft([], "standard")
        except BriefingError as err:
            log.warning("no standard template: %s", err)
            briefing = Briefing(title="Untitled briefing")
        self.controller._adopt(briefing, None)

    def can_close(self) -> bool:
        if not self.controller.close_document():
            return False
        self.autosaver.stop()
        self.save_layout()
        self.memory.shutdown()
        if self.preview is not None:
            self.preview.shutdown()
        self.workspace.closed(self)
        return True

    def save_layout(self) -> None:
        self.window.save_layout(self.settings)
