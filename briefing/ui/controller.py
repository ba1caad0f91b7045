"""File flows over a document session: new, open, save, import, templates, recovery, locks.

The controller asks the user things only through its ``view`` (a narrow API, see
:class:`View`), so every flow can be tested with a fake view. Failures become one-line
messages shown by the view; the document in memory is never lost.
"""

from __future__ import annotations

import hashlib
import logging
import os
import uuid
from pathlib import Path
from typing import cast

from PySide6.QtCore import QFileSystemWatcher, QObject, Signal

from briefing.core import editing, services
from briefing.core.drafting import switch_summary
from briefing.core.errors import BriefingError
from briefing.core.model.article import Article
from briefing.core.model.document import Briefing
from briefing.core.storage.document_io import load_briefing, save_briefing
from briefing.core.storage.library import Library
from briefing.core.storage.lock import DocumentLock, LockedError, acquire_lock
from briefing.core.storage.recovery import (
    discard_recovery,
    list_recoveries,
    load_recovery,
    save_recovery,
)
from briefing.ui.import_runner import ImportResult, ImportRunner
from briefing.ui.session import DocumentSession
from briefing.ui.view import (
    View,
    describe_recovery,
    file_name_for,
    owner_running,
)

log = logging.getLogger(__name__)


def _source_label(sources: list[Article], source: Article) -> str:
    """``source 2, “Title”``: how the Sources pane and the PDF number a source."""
    number = next((i for i, a in enumerate(sources, 1) if a is source), 0)
    return f"source {number}, “{source.title}”" if number else f"“{source.title}”"


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


class Controller(QObject):
    """The document's file life: knows the core, the library and the view, not widgets."""

    recent_added = Signal(str)
    template_changed = Signal(object)  # Template | None
    changed_on_disk = Signal(str)  # the open file was changed by another program
    saved = Signal(str)  # a save succeeded (the library indexes the file off the UI thread)
    imported = Signal(list)  # list[Article]: sources just imported (the library keeps them)

    def __init__(
        self, session: DocumentSession, view: View, library: Library | None = None
    ) -> None:
        super().__init__(session)
        self.session = session
        self.view = view
        self.library = library
        self._lock: DocumentLock | None = None
        self._stamp: tuple[int, int] | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._file_changed)
        self._untitled_key = uuid.uuid4().hex[:12]
        self._autosaved_revision = -1
        self.imports = ImportRunner(self._imported, self)

    # --- helpers -----------------------------------------------------------------------
    def _fail(self, err: BaseException) -> None:
        message = str(err) if isinstance(err, BriefingError) else f"unexpected error: {err}"
        if not isinstance(err, BriefingError):
            log.exception("unexpected error", exc_info=err)
        self.view.show_error(message)

    def recovery_key(self) -> str:
        """``<pid>:<document>``: the pid tells a crashed editor's copy from a running one's."""
        path = self.session.path
        if path is None:
            return f"{os.getpid()}:untitled-{self._untitled_key}"
        digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:16]
        return f"{os.getpid()}:file-{digest}"

    def maybe_save_changes(self) -> bool:
        """Before the document goes away: True when it is safe to continue."""
        if not self.session.dirty:
            return True
        choice = self.view.ask_unsaved(self.session.display_name())
        if choice == "cancel":
            return False
        if choice == "save":
            return self.save()
        return True

    def _release_lock(self) -> None:
        if self._lock is not None:
            try:
                self._lock.release()
            except Exception as err:  # a lock we cannot remove must not block closing
                log.warning("could not release lock: %s", err)
            self._lock = None

    def _take_lock(
        self, path: Path, *, saving: bool = False
    ) -> tuple[DocumentLock | None, bool] | None:
        """Lock ``path`` for this editor: ``(lock or None, read_only)``; None on cancel.

        When ``saving`` over a file another editor holds, say so and refuse (None).
        """
        try:
            return acquire_lock(path), False
        except LockedError as err:
            detail = err.holder.describe()
            if saving:
                self.view.show_error(
                    f"{path}: the file is open in another editor ({detail}); "
                    "save under another name"
                )
                return None
            choice = self.view.ask_locked(path, f"Opened by {detail}.")
            if choice == "cancel":
                return None
            if choice == "read-only":
                return None, True
            try:
                return acquire_lock(path, force=True), False
            except Exception as err2:  # opening anyway without a lock still works
                log.warning("could not take over the lock: %s", err2)
                return None, False
        except (OSError, BriefingError) as err:  # e.g. a read-only folder: open without a lock
            log.warning("no lock beside %s: %s", path, err)
            return None, False

    def _discard_recovery(self) -> None:
        try:
            discard_recovery(self.recovery_key())
        except Exception as err:
            log.warning("could not discard recovery copy: %s", err)

    def _adopt(
        self,
        briefing: Briefing,
        path: Path | None,
        *,
        dirty: bool = False,
        lock: DocumentLock | None = None,
        read_only: bool = False,
    ) -> None:
        """Make ``briefing`` the open document (``lock``: the new file's lock, if any)."""
        self._discard_recovery()
        self._release_lock()
        self._lock = lock
        self._untitled_key = uuid.uuid4().hex[:12]
        self.session.replace(briefing, path, dirty=dirty, read_only=read_only)
        self._stamp = _stamp(path) if path else None
        self._watch(path)
        self._autosaved_revision = -1
        self.template_changed.emit(briefing.template)

    # --- new / open --------------------------------------------------------------------
    def _library(self) -> Library:
        if self.library is None:
            raise BriefingError("the template library is not available")
        return self.library

    def draft(self, articles: list[Article], template_id: str) -> Briefing:
        """A new briefing in the template: ``articles`` drafted into it, or its empty sections."""
        return services.new_briefing(self._library(), template_id, articles)

    def new_document(self, template_id: str | None = None) -> bool:
        if not self.maybe_save_changes():
            return False
        if template_id is None:
            template_id = self.view.choose_template()
            if template_id is None:
                return False
        try:
            briefing = self.draft([], template_id)
        except Exception as err:
            self._fail(err)
            return False
        self._adopt(briefing, None)
        return True

    def open_dialog(self) -> bool:
        path = self.view.open_path_dialog()
        return self.open_path(Path(path)) if path else False

    def open_path(self, path: Path, *, ask: bool = True) -> bool:
        """Open a ``.briefing`` (or a PDF exported with its source attached)."""
        if ask and not self.maybe_save_changes():
            return False
        path = Path(path)
        try:
            if path.suffix.lower() == ".pdf":
                briefing = services.load_document(path)  # the source attached to a PDF
                self._adopt(briefing, None, dirty=True)
                self.view.status(f"Opened the source attached to {path.name}; save it as .briefing")
                return True
            briefing = load_briefing(path)
        except Exception as err:
            self._fail(err)
            return False
        same = self.session.path is not None and self.session.path == path
        if same:
            self._release_lock()  # reopening our own file is not "open elsewhere"
        taken = self._take_lock(path)
        if taken is None:
            return False
        self._adopt(briefing, path, lock=taken[0], read_only=taken[1])
        self.recent_added.emit(str(path))
        return True

    # --- save --------------------------------------------------------------------------
    def save(self) -> bool:
        path = self.session.path
        if path is None or self.session.read_only:
            return self.save_as()
        changed = self._stamp is not None and _stamp(path) not in (self._stamp, None)
        if changed and not self.view.ask_overwrite_changed(path):
            return False
        return self._write(path)

    def save_as(self) -> bool:
        current = self.session.path
        suggested = (
            str(current) if current else file_name_for(self.session.briefing.title) + ".briefing"
        )
        chosen = self.view.save_path_dialog(suggested)
        if not chosen:
            return False
        path = Path(chosen)
        if path.suffix.lower() != ".briefing":
            path = path.with_name(path.name + ".briefing")
        if path != current:
            old_key = self.recovery_key()
            if not self._take_lock_for_save(path):
                return False
            ok = self._write(path)
            if ok:
                try:
                    discard_recovery(old_key)
                except Exception as err:
                    log.warning("could not discard recovery copy: %s", err)
            return ok
        return self._write(path)

    def _take_lock_for_save(self, path: Path) -> bool:
        taken = self._take_lock(path, saving=True)
        if taken is None:
            return False  # never overwrite a file another editor has open
        self._release_lock()
        self._lock = taken[0]
        self.session.read_only = False
        return True

    def _write(self, path: Path) -> bool:
        try:
            save_briefing(self.session.briefing, path)
        except Exception as err:
            self._fail(err)
            return False
        self.session.set_path(path)
        self.session.mark_saved()
        self._stamp = _stamp(path)
        self._watch(path)
        self._discard_recovery()
        self.recent_added.emit(str(path))
        self.saved.emit(str(path))
        self.view.status(f"Saved {path.name}")
        return True

    def _watch(self, path: Path | None) -> None:
        files = self._watcher.files()
        if files:
            self._watcher.removePaths(files)
        if path is not None and path.exists():
            self._watcher.addPath(str(path))

    def _file_changed(self, name: str) -> None:
        path = self.session.path
        if path is None or str(path) != name:
            return
        if path.exists() and name not in self._watcher.files():
            self._watcher.addPath(name)  # an atomic replace drops the watch: renew it
        if self.disk_changed():
            self.changed_on_disk.emit(name)

    def disk_changed(self) -> bool:
        """True when the open file was changed on disk by someone else since load/save."""
        path = self.session.path
        return bool(path and self._stamp is not None and _stamp(path) != self._stamp)

    def close_document(self) -> bool:
        """Before quitting or closing: prompt for unsaved work, then drop locks and copies."""
        if not self.maybe_save_changes():
            return False
        self._discard_recovery()
        self._release_lock()
        return True

    # --- import ------------------------------------------------------------------------
    def import_dialog(self) -> int:
        return self.import_paths([Path(p) for p in self.view.open_paths_dialog()])

    def import_paths(self, paths: list[Path]) -> int:
        """Start importing files as sources (off the UI thread); returns how many files.

        Bad ones are reported together when the import is done, good ones kept.
        """
        if not paths:
            return 0
        files = [Path(p) for p in paths]

        def job() -> ImportResult:
            # Imported here, not at the top: the importer is not needed to show the window.
            from briefing.core.importing import import_sources

            result = ImportResult()
            for path in files:
                try:
                    result.articles.extend(import_sources(path))  # a newsletter: one per story
                except Exception as err:
                    problem = str(err) if isinstance(err, BriefingError) else f"{path}: {err}"
                    result.problems.append(problem)
            return result

        self.view.status(f"Importing {len(files)} file{'s' * (len(files) != 1)}…")
        self.imports.start(job, "files")
        return len(files)

    def import_text(self, text: str, kind: str = "auto") -> bool:
        """Start importing pasted text as a source (off the UI thread); False when there is
        nothing to import."""
        if not text.strip():
            self.view.show_error("clipboard: there is no text to import")
            return False

        def job() -> ImportResult:
            from briefing.core.importing import Kind, import_text  # not needed at start-up

            return ImportResult([import_text(text, name="clipboard", kind=cast(Kind, kind))])

        self.view.status("Importing the pasted article…")
        self.imports.start(job, "clipboard")
        return True

    def _imported(self, result: ImportResult) -> None:
        """Back on the UI thread: add what was imported, asking before adding a copy of a
        source the briefing already has."""
        added: list[Article] = []
        for article in result.articles:
            known = [*self.session.briefing.sources, *added]
            twin = editing.duplicate_of(known, article)
            if twin is not None and not self.view.confirm_duplicate(
                article.title or "This article", _source_label(known, twin)
            ):
                continue
            added.append(article)
        if added:
            self.session.import_sources(added)  # the empty sections are drafted from them
            self.imported.emit(added)
            if result.origin == "clipboard":
                self.view.status(f"Pasted “{added[0].title}” as a new source")
            else:
                self.view.status(f"Imported {len(added)} source(s)")
        elif result.articles:
            self.view.status("Nothing new imported: the briefing already has that source")
        if result.problems:
            self.view.show_error("\n".join(result.problems))

    # --- template and brand ------------------------------------------------------------
    def switch_template(self, template_id: str) -> bool:
        current = self.session.briefing.template
        if current is not None and current.id == template_id:
            return False
        try:
            template = self._library().template(template_id)
            summary = switch_summary(self.session.briefing, template)
        except Exception as err:
            self._fail(err)
            return False
        lines = summary.lines()
        if lines and not self.view.confirm_switch(template.name, lines):
            return False
        try:
            self.session.switch_template(template)
        except Exception as err:
            self._fail(err)
            return False
        self.template_changed.emit(template)
        return True

    def switch_brand(self, brand_id: str) -> bool:
        current = self.session.briefing.brand
        if current is not None and current.id == brand_id:
            return False
        try:
            brand = self._library().brand(brand_id)
        except Exception as err:
            self._fail(err)
            return False
        self.session.switch_brand(brand)
        return True

    # --- recovery ----------------------------------------------------------------------
    def autosave(self) -> bool:
        """Write a recovery copy when there is unsaved work not yet autosaved."""
        if not self.session.dirty:
            return False
        revision = self.session.revision
        if revision == self._autosaved_revision:
            return False
        try:
            save_recovery(
                self.session.briefing,
                key=self.recovery_key(),
                source_path=str(self.session.path) if self.session.path else None,
            )
        except Exception as err:  # autosave failing must never interrupt typing
            log.warning("autosave failed: %s", err)
            self.view.status(f"Autosave failed: {err}")
            return False
        self._autosaved_revision = revision
        return True

    def offer_restore(self) -> bool:
        """At start: offer each recovery copy left by a crash; True when one was restored."""
        try:
            copies = list_recoveries()
        except Exception as err:
            log.warning("cannot list recovery copies: %s", err)
            return False
        for copy_ in copies:
            if owner_running(copy_.key):
                continue  # another editor that is still open is keeping this copy fresh
            choice = self.view.ask_restore(describe_recovery(copy_))
            if choice == "keep":
                continue
            if choice == "discard":
                discard_recovery(copy_.key)
                continue
            try:
                briefing = load_recovery(copy_)
            except Exception as err:
                self._fail(err)
                continue
            path = Path(copy_.source_path) if copy_.source_path else None
            taken = self._take_lock(path) if path is not None else (None, False)
            if taken is None:
                path, taken = None, (None, False)
            self._adopt(briefing, path, dirty=True, lock=taken[0], read_only=taken[1])
            discard_recovery(copy_.key)
            self.autosave()  # the restored work is at once protected under its new key
            return True
        return False
