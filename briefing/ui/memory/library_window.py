"""The Library window: search everything read and written as you type, see where a source
was used, and drag a found source or passage into the open briefing.

The search runs on the memory worker (newest query wins); results come back by signal. Every
string from a file is shown as plain text (the results are painted by :class:`HitDelegate`,
labels and lists are plain-text widgets)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QMimeData, QModelIndex, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from briefing.core.memory.search import Detail, Field, Filters, Hit, Kind, Use, hit_detail
from briefing.core.model.article import Article
from briefing.ui.blocks import LIBRARY_MIME, encode_library
from briefing.ui.memory.delegate import HIT_ROLE, HitDelegate, facts_of
from briefing.ui.memory.service import MemoryService
from briefing.ui.plain import plain, plain_labels

DEBOUNCE_MS = 90
BLOCK_ROLE = Qt.ItemDataRole.UserRole + 11
TEXT_ROLE = Qt.ItemDataRole.UserRole + 12
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CITE = re.compile(r"\s*\[@[^\]\s]{1,64}\]")


def plain_label(text: str = "") -> QLabel:
    """A wrapping, selectable label that shows file-derived text as plain text."""
    label = QLabel(text)
    plain_labels(label)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ResultsModel(QStandardItemModel):
    """Hits; dragging one carries the source whole (or a briefing's text as plain text)."""

    def __init__(self, owner: LibraryWindow) -> None:
        super().__init__(owner)
        self.owner = owner

    def mimeTypes(self) -> list[str]:  # noqa: N802 (Qt name)
        return [LIBRARY_MIME, "text/plain"]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802 (Qt name)
        hit = indexes[0].data(HIT_ROLE) if indexes else None
        return self.owner.drag_payload(hit, [])

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 (Qt name)
        return Qt.DropAction.CopyAction


class PassageList(QListWidget):
    """The passages of the selected hit; a dragged passage carries its blocks."""

    def __init__(self, owner: LibraryWindow) -> None:
        super().__init__()
        self.owner = owner
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setWordWrap(True)
        self.setSpacing(3)
        self.setAlternatingRowColors(True)
        self.setAccessibleName("Passages")

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:  # noqa: N802 (Qt name)
        blocks = [str(i.data(BLOCK_ROLE)) for i in items if i.data(BLOCK_ROLE) is not None]
        return self.owner.drag_payload(self.owner.current_hit, blocks)


class LibraryWindow(QWidget):
    """Search box, filters, results; the selected hit's passages and where it was used."""

    add_source = Signal(object)  # Article: add to the open briefing's sources
    open_requested = Signal(str)  # a briefing file to open

    def __init__(self, parent: QWidget | None, service: MemoryService) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Library — Briefing")
        self.setObjectName("LibraryWindow")
        self.service = service
        self.current_hit: Hit | None = None
        self._article: Article | None = None
        self._asked = 0
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.search_now)
        self._build()
        service.results.connect(self._results)
        service.done.connect(self._done)
        service.failed.connect(self._failed)
        self.resize(1100, 720)

    # -- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.query = QLineEdit()
        self.query.setPlaceholderText("Search everything you have read and written…")
        self.query.setAccessibleName("Search the library")
        self.query.setClearButtonEnabled(True)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.kind = QComboBox()
        self.kind.addItems(["Everything", "Sources", "Briefings"])
        self.kind.setAccessibleName("Kind")
        self.field = QComboBox()
        self.field.addItems(["Titles and text", "Titles only", "Text only"])
        self.field.setAccessibleName("Search in")
        self.author = self._filter_edit("Author or analyst")
        self.site = self._filter_edit("Site")
        self.since = self._filter_edit("From (YYYY-MM-DD)")
        self.until = self._filter_edit("To (YYYY-MM-DD)")
        self.handling = self._filter_edit("Handling, e.g. TLP:AMBER")
        for box in (self.kind, self.field):
            box.currentIndexChanged.connect(lambda _i: self._timer.start())
        filters = QHBoxLayout()
        for w in (self.kind, self.field, self.author, self.site, self.since, self.until,
                  self.handling):  # fmt: skip
            filters.addWidget(w)
        self.status = plain_label("Type to search your sources and briefings.")
        self.status.setAccessibleName("Search status")
        self.model = ResultsModel(self)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setAccessibleName("Results")
        self.results.setDragEnabled(True)
        self.results.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setUniformItemSizes(True)
        self.results.selectionModel().currentChanged.connect(self._selected)
        self.results.doubleClicked.connect(lambda _i: self._open())

        self.title = plain_label()
        bold = self.title.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.title.setFont(bold)
        self.facts = plain_label()
        self.where = plain_label()
        self.passages = PassageList(self)
        self.used = QListView()
        self.used.setAccessibleName("Where it was used")
        self.used_model = QStringListModel(self)
        self.used.setModel(self.used_model)
        self.used.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.used.setWordWrap(True)
        self.add_button = QPushButton("Add to Sources")
        self.add_button.setToolTip("Add this source to the open briefing's sources")
        self.add_button.clicked.connect(self._add)
        self.open_button = QPushButton("Open Briefing")
        self.open_button.clicked.connect(self._open)
        for b in (self.add_button, self.open_button):
            b.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        detail = QWidget()
        side = QVBoxLayout(detail)
        side.addWidget(self.title)
        side.addWidget(self.facts)
        side.addWidget(self.where)
        side.addWidget(plain_label("Passages — drag one (or a result) into a section:"))
        side.addWidget(self.passages, 3)
        side.addWidget(plain_label("Where it was used:"))
        side.addWidget(self.used, 1)
        side.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.results)
        split.addWidget(detail)
        split.setSizes([560, 540])
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addLayout(filters)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)

    def _filter_edit(self, hint: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(hint)
        edit.setAccessibleName(hint)
        edit.setClearButtonEnabled(True)
        edit.textChanged.connect(lambda _t: self._timer.start())
        return edit

    # -- searching -------------------------------------------------------------------------

    def filters(self) -> Filters:
        """The filters as set in the window (a date not yet complete is left out)."""
        kinds: list[Kind | None] = [None, "source", "briefing"]
        fields: list[Field] = ["all", "title", "body"]
        dates = []
        for edit in (self.since, self.until):
            text = edit.text().strip()
            ok = not text or bool(_DATE.fullmatch(text))
            edit.setStyleSheet("" if ok else "color: #C62828;")
            dates.append(text if ok else "")
        return Filters(
            field=fields[self.field.currentIndex()],
            kind=kinds[self.kind.currentIndex()],
            author=self.author.text(),
            site=self.site.text(),
            since=dates[0],
            until=dates[1],
            handling=self.handling.text(),
        )

    def search_now(self) -> None:
        self.status.setText("Searching…")
        self.service.search(self.query.text(), self.filters())

    def focus_search(self) -> None:
        self.query.setFocus()
        self.query.selectAll()

    def _results(self, serial: int, hits: list[Hit]) -> None:
        if serial != self.service.latest:
            return
        self.model.clear()
        for hit in hits:
            item = QStandardItem()
            item.setData(hit, HIT_ROLE)
            item.setData(f"{hit.title}\n{facts_of(hit)}", Qt.ItemDataRole.AccessibleTextRole)
            item.setToolTip(plain(hit.path))
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled
            )  # fmt: skip
            self.model.appendRow(item)
        n = len(hits)
        self.status.setText(
            f"{n} result{'s' if n != 1 else ''}" if n else "Nothing found. Try fewer words."
        )
        if hits:
            self.results.setCurrentIndex(self.model.index(0, 0))
        else:
            self._selected(QModelIndex(), QModelIndex())  # no hit: no details left over

    def _failed(self, message: str) -> None:
        if self.isVisible():
            self.status.setText(message)

    # -- the selected hit ------------------------------------------------------------------

    def _selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        hit = current.data(HIT_ROLE) if current.isValid() else None
        self.current_hit = hit
        self._asked += 1  # details still on their way are for another hit now
        asked = self._asked
        self._article = None
        self.passages.clear()
        self.used_model.setStringList([])
        self.add_button.setEnabled(False)
        self.open_button.setEnabled(bool(hit and hit.kind == "briefing"))
        if hit is None:
            self.title.setText("")
            self.facts.setText("")
            self.where.setText("")
            return
        self.title.setText(hit.title)
        self.facts.setText(facts_of(hit))
        self.where.setText(_provenance(hit))
        doc, query = hit.doc, self.query.text()
        self.service.run("detail", lambda idx: (asked, hit_detail(idx, doc, query)))

    def _done(self, name: str, result: object) -> None:
        if name != "detail" or not isinstance(result, tuple) or result[0] != self._asked:
            return  # another job's result, or an older selection's details
        detail: Detail = result[1]
        self.passages.clear()
        self._article = detail.article
        self.add_button.setEnabled(self._article is not None)
        self.used_model.setStringList([_use(u) for u in detail.uses])
        for block_id, text, matched in ((p.id, p.text, p.matched) for p in detail.passages):
            item = QListWidgetItem(text if len(text) < 600 else text[:597] + "…")
            item.setData(BLOCK_ROLE, block_id)
            item.setData(TEXT_ROLE, text)
            item.setToolTip(plain(text[:2000]))
            if matched:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.passages.addItem(item)

    def drag_payload(self, hit: Hit | None, blocks: list[str]) -> QMimeData:
        """What a drag of ``hit`` (or of some of its passages) carries."""
        if hit is not None and hit.kind == "source" and self._article is not None:
            return encode_library(self._article, blocks)
        mime = QMimeData()
        texts = [self.passages.item(i) for i in range(self.passages.count())]
        chosen = [
            str(i.data(TEXT_ROLE)) for i in texts if not blocks or i.data(BLOCK_ROLE) in blocks
        ]
        mime.setText(_CITE.sub("", "\n\n".join(chosen)))
        return mime

    def _add(self) -> None:
        if self._article is not None:
            self.add_source.emit(self._article)

    def _open(self) -> None:
        hit = self.current_hit
        if hit is not None and hit.kind == "briefing":
            self.open_requested.emit(hit.path)


def _use(u: Use) -> str:
    return f"{u.title} — {u.date or 'no date'} · as [{u.ref}]" + (
        f" · in {u.sections}" if u.sections else ""
    )


def _provenance(hit: Hit) -> str:
    if hit.kind == "briefing":
        return f"File: {hit.path}"
    parts = [f"Imported {hit.imported}" if hit.imported else "Imported"]
    if hit.origin:
        parts.append(f"from {hit.origin}")
    if hit.url:
        parts.append(f"({hit.url})")
    return " ".join(parts)
