"""The template and brand manager window: library lists, editors and a live preview."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QImage,
    QKeySequence,
    QPixmap,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QWidget,
)

from briefing.core.drafting.demo import demo_briefing
from briefing.core.model.template import Brand, LibraryKind, SectionSpec, Template
from briefing.core.storage.library import Library
from briefing.ui.plain import plain
from briefing.ui.team_watch import TeamWatcher

from . import transfer
from .brand_editor import BrandEditor
from .commands import LibraryCommands
from .delegate import (
    DESCRIPTION_ROLE,
    DETAIL_ROLE,
    NAME_ROLE,
    ORIGIN_ROLE,
    LibraryItemDelegate,
)
from .page import EditorPage
from .template_editor import TemplateEditor
from .thumbs import WIDTH, ThumbnailLoader, placeholder

if TYPE_CHECKING:
    from briefing.ui.preview import PreviewPane

KEY_ROLE = Qt.ItemDataRole.UserRole
ORIGIN_LABELS = {"builtin": "Built-in", "user": "Yours", "team": "Team library"}


def _item_key(kind: LibraryKind, item_id: str) -> str:
    return f"{kind}:{item_id}"


class ManagerWindow(LibraryCommands, QMainWindow):
    """Lists built-in, user and team templates and brands, edits them, previews them live.

    ``library_changed`` fires after anything in the library changed (saved, duplicated,
    renamed, deleted, imported, or the team folder changed), so the editor's template and
    brand switchers can refresh.
    """

    library_changed = Signal()

    def __init__(
        self,
        parent: QWidget | Library | None = None,
        library: Library | None = None,
        *,
        thumbnails: bool = True,
        preview: bool = True,
    ) -> None:
        if isinstance(parent, Library):  # ManagerWindow(library) is accepted too
            parent, library = None, library or parent
        super().__init__(parent)
        self.setWindowTitle("Templates and Brands[*]")
        self.setObjectName("ManagerWindow")
        self.library = library or Library()
        self.thumbs = ThumbnailLoader(self, enabled=thumbnails)
        self.thumbs.ready.connect(self._thumbnail_ready)
        self._kind: LibraryKind | None = None
        self._id: str | None = None
        self._dirty = False
        self._shown: Template | Brand | None = None
        self._build(preview)
        self.team_watcher = TeamWatcher(self)
        self.team_watcher.changed.connect(self.refresh)
        self._preview_timer = QTimer(self, singleShot=True, interval=350)
        self._preview_timer.timeout.connect(self.update_preview)
        self.setAcceptDrops(True)
        for key, slot in (
            (QKeySequence.StandardKey.Delete, self.delete),
            (QKeySequence(Qt.Key.Key_F2), self.rename),
        ):
            QShortcut(
                QKeySequence(key), self.tabs, slot, Qt.ShortcutContext.WidgetWithChildrenShortcut
            )
        # A tool window closes as one expects: Esc, and the platform's Close (Ctrl+W, Cmd+W).
        for key in (
            QKeySequence(Qt.Key.Key_Escape),
            *QKeySequence.keyBindings(QKeySequence.StandardKey.Close),
        ):
            QShortcut(key, self, self.close, Qt.ShortcutContext.WindowShortcut)
        self.resize(1440, 900)
        self.refresh()
        if self.template_list.count():
            self.template_list.setCurrentRow(0)  # never open on an empty page

    # -- layout ----------------------------------------------------------------------------
    def _build(self, preview: bool) -> None:
        self.template_list = self._list("Templates")
        self.brand_list = self._list("Brands")
        self.tabs = QTabWidget()
        self.tabs.addTab(self.template_list, "Templates")
        self.tabs.addTab(self.brand_list, "Brands")
        self.tabs.setMinimumWidth(340)
        self.tabs.currentChanged.connect(self._tab_changed)

        self.template_editor = TemplateEditor()
        self.brand_editor = BrandEditor()
        self.template_editor.edited.connect(self._edited)
        self.brand_editor.edited.connect(self._edited)
        self.template_page = EditorPage(self.template_editor, self.duplicate)
        self.brand_page = EditorPage(self.brand_editor, self.duplicate)
        empty = QLabel("Choose a template or brand on the left to see and edit it.")
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setForegroundRole(empty.foregroundRole().PlaceholderText)
        self.stack = QStackedWidget()
        self.stack.addWidget(empty)
        self.stack.addWidget(self.template_page)
        self.stack.addWidget(self.brand_page)

        self.preview: PreviewPane | None = None
        self._preview_enabled = preview
        self._preview_closed = False
        splitter = QSplitter()
        self.splitter = splitter
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.stack)
        if preview:
            self.preview = self._new_preview()
            splitter.addWidget(self.preview)
            splitter.setSizes([360, 580, 500])
        else:
            splitter.setSizes([320, 900])
        self.setCentralWidget(splitter)
        self._actions()
        self.status = self.statusBar()
        self.team_label = QLabel()
        self.team_label.setAccessibleName("Team library")
        self.team_label.setTextFormat(Qt.TextFormat.PlainText)  # a folder path
        self.status.addPermanentWidget(self.team_label)

    def _new_preview(self) -> PreviewPane:
        from briefing.ui.preview import PreviewPane  # QtPdf is loaded only for a preview

        pane = PreviewPane(self)
        pane.setMinimumWidth(360)
        return pane

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # Closing stops the render worker; showing the window again needs a fresh preview.
        if self._preview_closed and self.preview is not None:
            old = self.preview
            self.preview = self._new_preview()
            self.splitter.replaceWidget(self.splitter.indexOf(old), self.preview)
            # Kept (hidden) rather than deleted: its stopped worker may still report.
            old.setParent(self)
            old.hide()
            self._preview_closed = False
            self.update_preview()
        super().showEvent(event)

    def _list(self, name: str) -> QListWidget:
        widget = QListWidget()
        widget.setAccessibleName(name)
        widget.setIconSize(QSize(WIDTH // 2, int(WIDTH // 2 * 1.414)))
        widget.setUniformItemSizes(True)
        widget.setItemDelegate(LibraryItemDelegate(widget))
        widget.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        widget.currentItemChanged.connect(self._selection_changed)
        return widget

    def _actions(self) -> None:
        bar = QToolBar("Library")
        bar.setObjectName("ManagerToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)

        def action(text: str, slot: object, tip: str, key: QKeySequence | None = None) -> QAction:
            act = QAction(text, self)
            act.setToolTip(tip)
            act.setStatusTip(tip)
            # triggered(bool) must not reach a slot's first parameter (import_file(path)).
            act.triggered.connect(lambda _checked=False, run=slot: run())
            if key is not None:
                act.setShortcut(key)
            bar.addAction(act)
            return act

        self.new_action = action("New", self.new_item, "Create a new template or brand")
        self.duplicate_action = action("Duplicate", self.duplicate, "Copy the selected item")
        self.rename_action = action("Rename…", self.rename, "Rename the selected item")
        self.delete_action = action("Delete", self.delete, "Delete the selected item")
        bar.addSeparator()
        # A lambda: triggered(bool) would otherwise arrive as the path (False).
        self.import_action = action("Import…", lambda: self.import_file(), "Import a shared file")
        self.export_action = action("Export…", self.export, "Export the item as one file")
        bar.addSeparator()
        self.save_action = action(
            "Save", self.save, "Save the changes", QKeySequence(QKeySequence.StandardKey.Save)
        )
        self.revert_action = action("Revert", self.revert, "Discard unsaved changes")
        bar.addSeparator()
        self.preferences_action = action(
            "Team Folder…", self.open_preferences, "Choose the team library folder"
        )

    # -- listing ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the library (built-in, user, team) and refresh the lists."""
        templates = self.library.templates()
        brands = self.library.brands()
        self._brands = {b.id: b for b in brands}
        self._templates = {t.id: t for t in templates}
        self._fill(self.template_list, "template", templates)
        self._fill(self.brand_list, "brand", brands)
        self.template_editor.set_brands(brands)
        self.team_watcher.watch(self.library.team_dir())
        self._show_team(templates, brands)
        if self._id is not None and not self._dirty and self.current_item() != self._shown:
            self._load_current()  # it changed on disk (e.g. in the team folder)
        self._update_actions()
        problems = self.library.problems()
        if problems:
            self.status.showMessage(f"Skipped a damaged library file: {problems[0]}")
        self.library_changed.emit()

    def _fill(
        self, widget: QListWidget, kind: LibraryKind, items: list[Template] | list[Brand]
    ) -> None:
        selected = self._id if self._kind == kind else None
        widget.blockSignals(True)
        widget.clear()
        for item in items:
            origin = ORIGIN_LABELS.get(item.origin, "Yours")
            if isinstance(item, Template):
                detail = f"{len(item.sections)} sections"
                if item.page_budget:
                    pages = item.page_budget
                    detail += f" · {pages} page{'s' * (pages != 1)}"
            else:
                detail = f"{item.page_size} · {item.fonts.heading}"
            entry = QListWidgetItem(f"{item.name}\n{origin} · {detail}")
            entry.setData(KEY_ROLE, item.id)
            entry.setData(NAME_ROLE, item.name)
            entry.setData(ORIGIN_ROLE, item.origin or "user")
            entry.setData(DETAIL_ROLE, detail)
            entry.setData(DESCRIPTION_ROLE, item.description)
            entry.setToolTip(plain(item.description or item.name))
            entry.setIcon(self._icon(kind, item))
            widget.addItem(entry)
            if item.id == selected:
                widget.setCurrentItem(entry)
        widget.blockSignals(False)
        if selected is not None and self._find_item(kind, selected) is None and not self._dirty:
            self._select(None, None)

    def _icon(self, kind: LibraryKind, item: Template | Brand) -> QIcon:
        if isinstance(item, Template):
            template, brand = item, self._brands.get(item.brand)
        else:
            template, brand = self._preview_template(), item
        image = self.thumbs.request(_item_key(kind, item.id), template, brand)
        return QIcon(QPixmap.fromImage(image if image is not None else placeholder()))

    def _thumbnail_ready(self, key: str, image: QImage) -> None:
        kind, _, item_id = key.partition(":")
        entry = self._find_item(kind, item_id)  # type: ignore[arg-type]
        if entry is not None:
            entry.setIcon(QIcon(QPixmap.fromImage(image)))

    def _find_item(self, kind: LibraryKind, item_id: str) -> QListWidgetItem | None:
        widget = self.template_list if kind == "template" else self.brand_list
        for row in range(widget.count()):
            if widget.item(row).data(KEY_ROLE) == item_id:
                return widget.item(row)
        return None

    def _preview_template(self) -> Template:
        return self._templates.get("standard") or next(
            iter(self._templates.values()),
            Template(id="standard", name="Standard", sections=[SectionSpec("body", "Body")]),
        )

    # -- team library -----------------------------------------------------------------------
    def _show_team(self, templates: list[Template], brands: list[Brand]) -> None:
        team = self.library.team_dir()
        if team is None:
            self.team_label.setText("No team library (choose one with Team Folder…)")
            return
        shared_t = sum(1 for t in templates if t.origin == "team")
        shared_b = sum(1 for b in brands if b.origin == "team")
        where = f"Team library: {team}"
        if not team.is_dir():
            self.team_label.setText(f"{where} (not reachable)")
            return
        self.team_label.setText(
            f"{where} · {shared_t} template{'s' * (shared_t != 1)}, "
            f"{shared_b} brand{'s' * (shared_b != 1)}"
        )

    def watched_folders(self) -> list[Path]:
        return self.team_watcher.folders()

    # -- selection and editing ---------------------------------------------------------------
    def current(self) -> tuple[LibraryKind | None, str | None]:
        return self._kind, self._id

    def _tab_changed(self, index: int) -> None:
        widget = self.template_list if index == 0 else self.brand_list
        item = widget.currentItem()
        if item is not None:
            self._selection_changed(item, None)
        elif widget.count():
            widget.setCurrentRow(0)  # show something rather than the other tab's item

    def _selection_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is None:
            return
        kind: LibraryKind = "template" if item.listWidget() is self.template_list else "brand"
        item_id = item.data(KEY_ROLE)
        if (kind, item_id) == (self._kind, self._id):
            return
        if not self.maybe_save():
            self._reselect()
            return
        self._select(kind, item_id)

    def _reselect(self) -> None:
        if self._kind is None or self._id is None:
            return
        entry = self._find_item(self._kind, self._id)
        if entry is not None:
            entry.listWidget().blockSignals(True)
            entry.listWidget().setCurrentItem(entry)
            entry.listWidget().blockSignals(False)
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(0 if self._kind == "template" else 1)
            self.tabs.blockSignals(False)

    def select(self, kind: LibraryKind, item_id: str) -> None:
        """Show the template or brand ``item_id`` (switching tabs as needed)."""
        self.tabs.setCurrentIndex(0 if kind == "template" else 1)
        entry = self._find_item(kind, item_id)
        if entry is not None:
            entry.listWidget().setCurrentItem(entry)
        if (kind, item_id) != (self._kind, self._id):
            self._select(kind, item_id)

    def _select(self, kind: LibraryKind | None, item_id: str | None) -> None:
        self._kind, self._id = kind, item_id
        self._set_dirty(False)
        self._load_current()
        self._update_actions()

    def _load_current(self) -> None:
        item = self.current_item()
        self._shown = item
        if item is None:
            self.stack.setCurrentIndex(0)
            return
        read_only = item.read_only
        where = "built-in" if item.origin == "builtin" or item.builtin else "from the team library"
        what = "template" if isinstance(item, Template) else "brand"
        banner = f"This {what} is {where} and read-only." if read_only else None
        if isinstance(item, Template):
            self.template_editor.set_template(item, read_only=read_only)
            self.template_page.show_banner(banner)
            self.stack.setCurrentWidget(self.template_page)
        else:
            self.brand_editor.set_brand(item, read_only=read_only)
            self.brand_page.show_banner(banner)
            self.stack.setCurrentWidget(self.brand_page)
        self.update_preview()

    def current_item(self) -> Template | Brand | None:
        if self._kind == "template" and self._id in self._templates:
            return self._templates[self._id]
        if self._kind == "brand" and self._id in self._brands:
            return self._brands[self._id]
        return None

    def _edited(self) -> None:
        item = self.current_item()
        if item is None or item.read_only:
            return
        self._set_dirty(True)
        self._preview_timer.start()

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.setWindowModified(dirty)
        self._update_actions()

    def is_dirty(self) -> bool:
        return self._dirty

    def _update_actions(self) -> None:
        item = self.current_item()
        writable = item is not None and not item.read_only
        self.duplicate_action.setEnabled(item is not None)
        self.export_action.setEnabled(item is not None)
        self.rename_action.setEnabled(writable)
        self.delete_action.setEnabled(writable)
        self.save_action.setEnabled(writable and self._dirty)
        self.revert_action.setEnabled(writable and self._dirty)

    def edited_item(self) -> Template | Brand | None:
        """The item as it stands in the editor."""
        if self._kind == "template" and self.current_item() is not None:
            return self.template_editor.template()
        if self._kind == "brand" and self.current_item() is not None:
            return self.brand_editor.brand()
        return None

    # -- preview ---------------------------------------------------------------------------
    def update_preview(self) -> None:
        """Draft the demo article into the edited template (or brand) and render it."""
        if self.preview is None:
            return
        item = self.edited_item()
        if isinstance(item, Template):
            briefing = demo_briefing(item, self._brands.get(item.brand))
            self.preview.set_page_budget(item.page_budget)
        elif isinstance(item, Brand):
            briefing = demo_briefing(self._preview_template(), item)
            self.preview.set_page_budget(None)
        else:
            return
        self.preview.request_render(briefing)

    # -- commands --------------------------------------------------------------------------
    @staticmethod
    def _dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        suffixes = transfer.SUFFIXES
        return [
            Path(url.toLocalFile())
            for url in event.mimeData().urls()
            if url.isLocalFile() and url.toLocalFile().lower().endswith(suffixes)
        ]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self._dropped_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        files = self._dropped_files(event)
        if files:
            event.acceptProposedAction()
            for path in files:
                self.import_file(path)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.maybe_save():
            event.ignore()
            return
        self.thumbs.shutdown()
        if self.preview is not None:
            self.preview.shutdown()
            self._preview_closed = True
        super().closeEvent(event)
