"""The manager's commands: save, revert, new, duplicate, rename, delete, import, export.

A mixin of :class:`ManagerWindow`, kept apart so the window module holds layout and selection
and this one what the toolbar does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from briefing.core.errors import BriefingError
from briefing.core.model.template import Brand, LibraryKind, SectionSpec, Template
from briefing.core.storage.library import Library
from briefing.ui.plain import plain
from briefing.ui.preferences import PreferencesDialog

from . import transfer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar, QTabWidget


class LibraryCommands:
    """Commands over the library for the item the manager shows."""

    if TYPE_CHECKING:  # provided by ManagerWindow
        library: Library
        status: QStatusBar
        tabs: QTabWidget
        _kind: LibraryKind | None
        _id: str | None
        _dirty: bool
        _templates: dict[str, Template]
        _brands: dict[str, Brand]

        def refresh(self) -> None: ...
        def select(self, kind: LibraryKind, item_id: str) -> None: ...
        def current_item(self) -> Template | Brand | None: ...
        def edited_item(self) -> Template | Brand | None: ...
        def _set_dirty(self, dirty: bool) -> None: ...
        def _select(self, kind: LibraryKind | None, item_id: str | None) -> None: ...
        def _load_current(self) -> None: ...

    @property
    def _me(self) -> QWidget:
        """This window, as the parent of its dialogs."""
        return cast("QWidget", self)

    def save(self) -> bool:
        """Validate and save the edited item; a clear message when it is refused."""
        item = self.edited_item()
        if item is None or not self._dirty:
            return True
        try:
            if isinstance(item, Template):
                saved: Template | Brand = self.library.save_template(item)
            else:
                saved = self.library.save_brand(item)
        except BriefingError as err:
            transfer.show_error(self._me, str(err))
            return False
        self._set_dirty(False)
        self.refresh()
        self.select(self._kind or "template", saved.id)
        self.status.showMessage(f"Saved “{saved.name}”.", 4000)
        return True

    def revert(self) -> None:
        self._set_dirty(False)
        self._load_current()

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False means the user cancelled."""
        if not self._dirty:
            return True
        answer = QMessageBox.question(
            self._me,
            transfer.TITLE,
            "Save the changes you made?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self._set_dirty(False)
            return True
        return False

    def _active_kind(self) -> LibraryKind:
        return "template" if self.tabs.currentIndex() == 0 else "brand"

    def new_item(self) -> None:
        """A new user template (a single narrative section) or a brand from the default."""
        if not self.maybe_save():
            return
        kind = self._active_kind()
        try:
            if kind == "template":
                taken = set(self._templates)
                new_id = transfer.free_id("my-template", taken)
                created: Template | Brand = self.library.save_template(
                    Template(
                        id=new_id,
                        name="New template",
                        sections=[SectionSpec("background", "Background", fill=["narrative"])],
                    )
                )
            else:
                source = "default" if "default" in self._brands else next(iter(self._brands))
                created = self.library.duplicate_brand(source, new_name="New brand")
        except (BriefingError, StopIteration) as err:
            transfer.show_error(self._me, str(err) or "There is no brand to start from.")
            return
        self.refresh()
        self.select(kind, created.id)

    def duplicate(self) -> None:
        item = self.current_item()
        if item is None or not self.maybe_save():
            return
        try:
            if isinstance(item, Template):
                copy: Template | Brand = self.library.duplicate_template(item.id)
            else:
                copy = self.library.duplicate_brand(item.id)
        except BriefingError as err:
            transfer.show_error(self._me, str(err))
            return
        self.refresh()
        self.select(self._kind or "template", copy.id)
        self.status.showMessage(f"Made “{copy.name}”: yours to edit.", 4000)

    def rename(self) -> None:
        item = self.current_item()
        if item is None or item.read_only:
            return
        name, ok = QInputDialog.getText(self._me, "Rename", "New name:", text=item.name)
        name = name.strip()
        if not ok or not name or name == item.name:
            return
        try:
            if isinstance(item, Template):
                self.library.rename_template(item.id, name)
            else:
                self.library.rename_brand(item.id, name)
        except BriefingError as err:
            transfer.show_error(self._me, str(err))
            return
        self._set_dirty(False)
        self.refresh()
        self._load_current()

    def delete(self) -> None:
        item = self.current_item()
        if item is None or item.read_only:
            return
        what = "template" if isinstance(item, Template) else "brand"
        answer = QMessageBox.question(
            self._me,
            transfer.TITLE,
            plain(f"Delete the {what} “{item.name}”? This cannot be undone."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            if isinstance(item, Template):
                self.library.delete_template(item.id)
            else:
                self.library.delete_brand(item.id)
        except BriefingError as err:
            transfer.show_error(self._me, str(err))
            return
        self._select(None, None)
        self.refresh()

    def import_file(self, path: Path | None = None) -> Template | Brand | None:
        """Import a template or brand file (asking for one when ``path`` is ``None``)."""
        if path is None:
            imported = transfer.choose_and_import(self._me, self.library)
        else:
            imported = transfer.import_item(self._me, self.library, path)
        if imported is None:
            return None
        self.refresh()
        self.select("template" if isinstance(imported, Template) else "brand", imported.id)
        self.status.showMessage(f"Imported “{imported.name}”.", 4000)
        return imported

    def export(self) -> Path | None:
        if self._kind is None or self._id is None or not self.maybe_save():
            return None
        path = transfer.export_item(self._me, self.library, self._kind, self._id)
        if path is not None:
            self.status.showMessage(f"Exported to {path}.", 6000)
        return path

    def open_preferences(self) -> None:
        dialog = PreferencesDialog(self._me)
        dialog.changed.connect(lambda _prefs: self.refresh())
        dialog.exec()
