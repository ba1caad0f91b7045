"""The Sources pane: imported articles, expandable to their blocks, dragged into sections."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from briefing.core.editing import BlockRef, BlockUse, SourceFields
from briefing.core.model.article import Article
from briefing.core.model.document import Briefing
from briefing.ui.blocks import BLOCKS_MIME, encode_refs
from briefing.ui.plain import plain

SOURCE_ROLE = Qt.ItemDataRole.UserRole + 1
BLOCK_ROLE = Qt.ItemDataRole.UserRole + 2
FILTER_ROLE = Qt.ItemDataRole.UserRole + 3  # the whole text the filter searches
EXCERPT = 90


class SourcesModel(QStandardItemModel):
    """Articles and their blocks; dragging yields the block-reference mime payload."""

    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt name)
        return [BLOCKS_MIME, "text/plain"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> Any:  # noqa: N802 (Qt name)
        return encode_refs(refs_for(indexes))

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 (Qt name)
        # Copy only: a "move" drag must never make the view drop the source's rows.
        return Qt.DropAction.CopyAction


def refs_for(indexes: Sequence[QModelIndex]) -> list[BlockRef]:
    """Block references for selected rows: a source row stands for all its blocks."""
    order: dict[str, list[str]] = {}
    seen: set[tuple[int, int, int]] = set()
    for index in indexes:
        first = index.siblingAtColumn(0)
        key = (first.row(), first.parent().row(), first.parent().column())
        if key in seen:
            continue
        seen.add(key)
        source = first.data(SOURCE_ROLE)
        block = first.data(BLOCK_ROLE)
        if source is None:
            continue
        blocks = order.setdefault(str(source), [])
        if block is not None:
            if block not in blocks:
                blocks.append(str(block))
        else:
            model = first.model()
            for row in range(model.rowCount(first)):
                child = model.index(row, 0, first).data(BLOCK_ROLE)
                if child is not None and child not in blocks:
                    blocks.append(str(child))
    return [BlockRef(s, tuple(b)) for s, b in order.items() if b]


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1] + "…"


def _use_note(use: BlockUse | None, used: bool) -> str:
    """The tooltip's word on how much of a block the briefing uses."""
    if use is not None and use.partly:
        left = "\n".join(f"• {_excerpt(t)}" for t in use.left_out[:6])
        more = f"\n… and {len(use.left_out) - 6} more" if len(use.left_out) > 6 else ""
        return (
            f"\n\n(partly used: {use.used} of {use.total} sentences; left out by condensing:\n"
            f"{left}{more}\nSend it to a section or drag it in to add what was left out)"
        )
    return "\n\n(used in the briefing)" if used else "\n\n(not used)"


class SourcesPane(QWidget):
    """Left pane. Emits requests; the session does the editing."""

    import_requested = Signal()
    paste_requested = Signal()
    send_requested = Signal(str, list)  # section id, list[BlockRef]
    remove_requested = Signal(str)
    edit_requested = Signal(str, dict)  # source id, SourceFields

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sections: list[tuple[str, str]] = []
        self._articles: dict[str, Article] = {}
        self._shown_once = False
        self.model = SourcesModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(["Source", "Site / kind", "Date"])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setAutoAcceptChildRows(True)  # a matching source shows all its blocks
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterRole(FILTER_ROLE)  # whole blocks, not the shown excerpts

        title = QLabel("<b>Sources</b>")
        self.import_button = QPushButton("Import…")
        self.import_button.setAccessibleName("Import articles")
        self.import_button.setToolTip("Import articles from files (text, Markdown, web pages)")
        self.import_button.clicked.connect(self.import_requested)
        self.paste_button = QPushButton("Paste")
        self.paste_button.setAccessibleName("Paste clipboard as a new source")
        self.paste_button.setToolTip("Paste the clipboard as a new source (Ctrl+Alt+V)")
        self.paste_button.clicked.connect(self.paste_requested)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter sources and blocks")
        self.filter.setAccessibleName("Filter sources")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)

        self.tree = QTreeView()
        self.tree.setAccessibleName("Sources and their blocks")
        self.tree.setModel(self.proxy)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        # The title column gets the room: the other two fit a block kind and an ISO date.
        metrics = self.tree.fontMetrics()
        header.resizeSection(1, metrics.horizontalAdvance("paragraph") + 14)
        header.resizeSection(2, metrics.horizontalAdvance("2026-12-31") + 14)
        self.tree.setIndentation(14)

        self.tree.installEventFilter(self)  # the Delete key removes the current source

        self.empty = QLabel(
            "No sources yet. Import articles, drop files here, or paste text (Ctrl+Shift+V)."
        )
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(placeholder-text); padding: 6px;")

        buttons = QHBoxLayout()
        buttons.addWidget(title)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.paste_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(buttons)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        # With no sources the hint takes the tree's place, where the eye goes first.
        layout.addWidget(self.empty, 1, Qt.AlignmentFlag.AlignTop)

    # --- filling -----------------------------------------------------------------------
    def refresh(
        self,
        briefing: Briefing,
        used: Mapping[tuple[str, str], BlockUse] | Collection[tuple[str, str]],
    ) -> None:
        """List the sources; ``used`` says which blocks the sections draw on, and (as
        :func:`~briefing.core.editing.block_usage` gives it) how much of each."""
        expanded = {
            self.model.item(r).data(SOURCE_ROLE)
            for r in range(self.model.rowCount())
            if self.tree.isExpanded(self.proxy.mapFromSource(self.model.index(r, 0)))
        }
        self._sections = [(s.id, s.title) for s in briefing.sections]
        self._articles = {a.id: a for a in briefing.sources}
        self.model.removeRows(0, self.model.rowCount())
        for article in briefing.sources:
            self.model.appendRow(self._article_row(article, used))
        if not self._shown_once and briefing.sources:
            self._shown_once = True  # a first look shows the first article's blocks
            expanded.add(briefing.sources[0].id)
        for r in range(self.model.rowCount()):
            if self.model.item(r).data(SOURCE_ROLE) in expanded:
                self.tree.expand(self.proxy.mapFromSource(self.model.index(r, 0)))
        self.empty.setVisible(not briefing.sources)
        self.tree.setVisible(bool(briefing.sources))

    def _article_row(
        self,
        article: Article,
        used: Mapping[tuple[str, str], BlockUse] | Collection[tuple[str, str]],
    ) -> list[QStandardItem]:
        title = QStandardItem(f"[{article.id}] {article.title or '(untitled)'}")
        title.setData(article.id, SOURCE_ROLE)
        bold = title.font()
        bold.setBold(True)
        title.setFont(bold)
        title.setToolTip(plain(article.title + (f"\n{article.url}" if article.url else "")))
        site = QStandardItem(article.site or Path(article.origin or "").name)
        site.setToolTip(plain(article.origin or site.text()))
        date = QStandardItem(article.published or "")
        date.setToolTip(plain(article.published or ""))
        title.setData(
            " ".join(filter(None, [article.title, site.text(), article.published or ""])),
            FILTER_ROLE,
        )
        n_used = n_partly = 0
        for block in article.blocks:
            key = (article.id, block.id)
            use = used.get(key) if isinstance(used, Mapping) else None
            is_used = key in used
            partly = use is not None and use.partly
            n_used += is_used and not partly
            n_partly += partly
            mark = "◐ " if partly else "✓ " if is_used else ""
            text = QStandardItem(mark + _excerpt(block.text))
            text.setData(article.id, SOURCE_ROLE)
            text.setData(block.id, BLOCK_ROLE)
            text.setToolTip(plain(block.text[:600] + _use_note(use, is_used)))
            kind = QStandardItem(block.label or block.kind)
            text.setData(f"{block.text} {block.label or block.kind}", FILTER_ROLE)
            kind.setToolTip(plain(block.label or block.kind))
            if is_used and not partly:
                font = text.font()
                font.setItalic(True)
                text.setFont(font)
                text.setForeground(self.palette().placeholderText())
            title.appendRow([text, kind, QStandardItem("")])
        if n_used or n_partly:
            counts = f"{n_used}/{len(article.blocks)} used"
            if n_partly:
                counts += f", {n_partly} in part"
            title.setText(f"{title.text()}  ({counts})")
        return [title, site, date]

    def focus_first(self) -> None:
        """Focus the tree, or the Import button while there is nothing to list."""
        (self.tree if self.tree.isVisibleTo(self) else self.import_button).setFocus()

    # --- selection and menus -----------------------------------------------------------
    def selected_refs(self) -> list[BlockRef]:
        indexes = [self.proxy.mapToSource(i) for i in self.tree.selectionModel().selectedRows()]
        return refs_for(indexes)

    def select_block(self, source_id: str, block_id: str | None = None) -> None:
        for r in range(self.model.rowCount()):
            item = self.model.item(r)
            if item.data(SOURCE_ROLE) != source_id:
                continue
            target = item.index()
            if block_id is not None:
                for c in range(item.rowCount()):
                    if item.child(c).data(BLOCK_ROLE) == block_id:
                        target = item.child(c).index()
            proxy_index = self.proxy.mapFromSource(target)
            self.tree.expand(proxy_index.parent())
            self.tree.selectionModel().select(
                proxy_index,
                self.tree.selectionModel().SelectionFlag.ClearAndSelect
                | self.tree.selectionModel().SelectionFlag.Rows,
            )
            self.tree.setCurrentIndex(proxy_index)

    def _context_menu(self, pos: Any) -> None:
        menu = self.build_menu(self.tree.indexAt(pos))
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def build_menu(self, index: QModelIndex | QPersistentModelIndex) -> QMenu:
        menu = QMenu(self)
        refs = self.selected_refs()
        send = menu.addMenu("Send to section")
        send.setEnabled(bool(refs) and bool(self._sections))
        for sid, title in self._sections:
            action = QAction(title, send)
            action.triggered.connect(lambda _c=False, s=sid, r=refs: self.send_requested.emit(s, r))
            send.addAction(action)
        source_id = index.data(SOURCE_ROLE) if index.isValid() else None
        menu.addSeparator()
        edit = menu.addAction("Edit source details…")
        remove = menu.addAction("Remove source")
        edit.setEnabled(source_id is not None)
        remove.setEnabled(source_id is not None)
        if source_id is not None:
            edit.triggered.connect(lambda: self.edit_source(str(source_id)))
            remove.triggered.connect(lambda: self.remove_requested.emit(str(source_id)))
        return menu

    def eventFilter(self, watched: QObject, e: QEvent) -> bool:  # noqa: N802 (Qt name)
        if (
            watched is self.tree
            and e.type() == QEvent.Type.KeyPress
            and isinstance(e, QKeyEvent)
            and e.matches(QKeySequence.StandardKey.Delete)
        ):
            self._remove_current()
            return True
        return super().eventFilter(watched, e)

    def _remove_current(self) -> None:
        index = self.tree.currentIndex()
        if index.isValid() and index.data(BLOCK_ROLE) is None and index.data(SOURCE_ROLE):
            self.remove_requested.emit(str(index.data(SOURCE_ROLE)))

    def edit_source(self, source_id: str) -> None:
        article = self._articles.get(source_id)
        if article is None:
            return
        dialog = SourceDetailsDialog(article, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.edit_requested.emit(source_id, dialog.values())


class SourceDetailsDialog(QDialog):
    """Correct a source's title, site, date, URL, authors and when it was read: everything the
    PDF's references show."""

    def __init__(self, article: Article, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Source {article.id}")
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        values = {
            "title": article.title,
            "site": article.site or "",
            "published": article.published or "",
            "url": article.url or "",
            "authors": ", ".join(article.authors),
            "accessed": article.accessed or "",
        }
        labels = {"published": "Date", "url": "URL", "accessed": "Accessed"}
        for name, value in values.items():
            edit = QLineEdit(value)
            edit.setAccessibleName(labels.get(name, name.title()))
            form.addRow(labels.get(name, name.title()) + ":", edit)
            self.fields[name] = edit
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> SourceFields:
        text = {k: e.text().strip() for k, e in self.fields.items()}
        return SourceFields(
            title=text["title"],
            site=text["site"] or None,
            published=text["published"] or None,
            url=text["url"] or None,
            authors=[a.strip() for a in text["authors"].split(",") if a.strip()],
            accessed=text["accessed"] or None,
        )
