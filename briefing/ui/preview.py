"""The live, page-exact preview: the PDF that export writes, re-rendered as the analyst types.

API for the main window (stable)::

    pane = PreviewPane(parent)                # starts no process until the first request
    pane.request_render(briefing)             # snapshot now, render ~250 ms later, newest wins
    pane.rendered.connect(lambda pages: ...)  # a newer PDF is on screen; pages = its page count
    pane.partial_shown.connect(lambda n: ...) # its first n pages are new; the rest follow
    pane.failed.connect(lambda msg: ...)      # one line; the last good pages stay on screen
    pane.page_count() -> int                  # pages of the PDF on screen (0 before the first)
    pane.go_to_section(section_id) -> bool    # scroll to the page where that section starts
    pane.set_page_budget(n | None)            # None: use briefing.template.page_budget
    pane.pdf_bytes() -> bytes                 # the exact bytes on screen (what export writes)
    pane.zoom_in(); pane.zoom_out(); pane.fit_width()
    pane.is_idle() -> bool                    # nothing pending, debouncing or rendering
    pane.shutdown()                           # stop the worker process; call on window close

Rendering happens in render worker processes (``briefing.core.worker``) driven by
``RenderClient``: the UI thread only serialises the briefing (the snapshot) and swaps in the
finished PDF. A render that runs past the time limit or the worker's memory limit is stopped,
the worker restarted, and the status line says so.

Each request is a two-stage ``preview`` job (:mod:`briefing.core.rendering.staged`): when it
helps, the pages up to the one in view (or being edited) arrive first, exact, with blank
placeholders for the rest and the status line saying "Updating pages 4–40…"; the complete
PDF replaces them moments later. Only the complete PDF is reported by ``rendered`` and
``pdf_bytes()`` is what export writes once ``is_partial()`` is false. When the edited block
is off screen the view scrolls to it, as a text editor keeps its cursor in view.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing.core.editing import copy_briefing
from briefing.core.model.document import Briefing
from briefing.core.storage.document_io import dumps_briefing
from briefing.core.worker.protocol import OutlineEntry, RenderResult
from briefing.ui.pdf_loader import PdfLoader
from briefing.ui.plain import plain
from briefing.ui.render_client import RenderClient
from briefing.ui.render_worker import RenderWorker

SECTION_ROLE = Qt.ItemDataRole.UserRole
PAGE_ROLE = Qt.ItemDataRole.UserRole + 1
TOP_ROLE = Qt.ItemDataRole.UserRole + 2
ZOOM_STEP = 1.25
OUTLINE_MIN_PANE_WIDTH = 640  # narrower panes give the whole width to the page


def _norm(title: str) -> str:
    return " ".join(title.split()).casefold()


def match_sections(
    sections: list[tuple[str, str]], outline: list[OutlineEntry]
) -> dict[str, OutlineEntry]:
    """Section id -> its PDF bookmark, matching section titles to bookmarks in order."""
    pages: dict[str, OutlineEntry] = {}
    start = 0
    for section_id, title in sections:
        wanted = _norm(title)
        found = next((i for i in range(start, len(outline)) if _norm(outline[i][1]) == wanted), -1)
        if found < 0:
            found = next((i for i, e in enumerate(outline) if _norm(e[1]) == wanted), -1)
        if found >= 0:
            pages[section_id] = outline[found]
            start = found + 1
    return pages


class PreviewPane(QWidget):
    """Page view with zoom, page count, page-budget warning, outline and status line."""

    rendered = Signal(int)
    partial_shown = Signal(int)  # a partial result is on screen; its first n pages are final
    failed = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        client: RenderClient | None = None,
        worker: RenderWorker | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("PreviewPane")
        self._client = client or RenderClient(self, shared=worker)
        self._key = uuid.uuid4().hex  # names this document to the worker's page maps
        self._partial = False
        self._client.rendered.connect(self._on_rendered)
        self._client.failed.connect(self._on_failed)
        self._client.busy_changed.connect(self._on_busy)
        self._doc: QPdfDocument | None = None
        self._loader = PdfLoader(self._show, self)
        self._pdf = b""
        self._pages = 0
        self._budget: int | None = None
        self._template_budget: int | None = None
        self._sections: list[tuple[str, str]] = []
        self._section_marks: dict[str, OutlineEntry] = {}
        self._requested_at = 0.0
        self._build()
        # Warm the worker up while the window is being built and the first draft made.
        QTimer.singleShot(0, self._client, self._client.start)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.view = QPdfView(self)
        self.view.setAccessibleName("Page preview")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrows and Page Down scroll

        self.outline = QListWidget(self)
        self.outline.setAccessibleName("Preview outline")
        self.outline.setToolTip("Sections: click to jump to their page")
        self.outline.itemActivated.connect(self._on_outline_item)
        self.view.pageNavigator().currentPageChanged.connect(self._on_page_changed)
        self.outline.itemClicked.connect(self._on_outline_item)

        self.zoom_out_button = self._tool("−", "Zoom out (Ctrl+-)", self.zoom_out)
        self.zoom_in_button = self._tool("+", "Zoom in (Ctrl++)", self.zoom_in)
        self.fit_button = self._tool("Fit width", "Fit the page width to the pane", self.fit_width)
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
        ):
            action = QAction(self)
            action.setShortcuts(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        self.outline_button = self._tool("Outline", "Show or hide the outline", None)
        self.outline_button.setCheckable(True)
        self.outline_button.setChecked(True)
        self.outline_button.toggled.connect(self._outline_toggled)
        # None: the outline shows itself only when the pane is wide enough for it and a
        # readable page; a click on the button makes the choice stick.
        self._outline_choice: bool | None = None

        self.pages_label = QLabel("No pages yet", self)
        self.pages_label.setAccessibleName("Page count")
        self.budget_label = QLabel("", self)
        self.budget_label.setAccessibleName("Page budget warning")
        self.budget_label.setStyleSheet("color: #B45309; font-weight: 600;")
        self.budget_label.hide()
        self.status_label = QLabel("", self)
        self.status_label.setAccessibleName("Preview status")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # errors quote file names

        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        for w in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            bar.addWidget(w)
        bar.addSpacing(8)
        bar.addWidget(self.pages_label)
        bar.addWidget(self.budget_label)
        bar.addStretch(1)
        bar.addWidget(self.outline_button)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.outline)
        self.splitter.addWidget(self.view)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([140, 460])
        self.splitter.setCollapsible(1, False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status_label)

    def _outline_toggled(self, shown: bool) -> None:
        self._outline_choice = shown
        self.outline.setVisible(shown)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self._outline_choice is None:
            wide = self.width() >= OUTLINE_MIN_PANE_WIDTH
            self.outline.setVisible(wide)
            self.outline_button.blockSignals(True)
            self.outline_button.setChecked(wide)
            self.outline_button.blockSignals(False)

    def _tool(self, text: str, tip: str, slot: Any) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0])
        if slot is not None:
            button.clicked.connect(slot)
        return button

    # -- public API -----------------------------------------------------------------------

    @property
    def client(self) -> RenderClient:
        return self._client

    def request_render(self, briefing: Briefing) -> None:
        """Snapshot ``briefing`` now and render it soon; a newer request supersedes this one.

        The snapshot is a copy that shares the sources (:func:`copy_briefing`; about 1 ms for
        a 40-page briefing); it is serialised only if it is still the newest request when the
        worker is free.
        """
        snapshot = copy_briefing(briefing)
        self._sections = [(s.id, s.title) for s in briefing.sections]
        self._template_budget = briefing.template.page_budget if briefing.template else None
        self._requested_at = time.monotonic()
        # The worker gets the same text a .briefing file holds.
        options: dict[str, object] = {"key": self._key, "visible": self._visible_pages()[1]}
        self._client.request(lambda: dumps_briefing(snapshot, compact=True), options, op="preview")

    def page_count(self) -> int:
        return self._pages

    def pdf_bytes(self) -> bytes:
        return self._pdf

    def is_partial(self) -> bool:
        """True while a partial result is on screen (its later pages are placeholders)."""
        return self._partial

    def document(self) -> QPdfDocument | None:
        """The QPdfDocument on screen (read its text with ``getAllText(page)``)."""
        return self._doc

    def section_pages(self) -> dict[str, int]:
        """Section id -> 0-based page where it starts, for the PDF on screen."""
        return {sid: mark[2] for sid, mark in self._section_marks.items()}

    def go_to_section(self, section_id: str) -> bool:
        """Scroll so the section's heading is at the top; False if it is not on the pages."""
        mark = self._section_marks.get(section_id)
        if mark is None or self._doc is None:
            return False
        self.go_to_page(mark[2], mark[3])
        return True

    def go_to_page(self, page: int, top: float = 0.0) -> None:
        """Scroll to ``page`` (0-based), ``top`` points below its top edge."""
        # QPdfView's own jump ignores the position within the page and does nothing when the
        # page is already current, so scroll directly; the navigator follows the scroll bar.
        if not self._scroll_within(page, top):
            self.view.pageNavigator().jump(page, QPointF(0, top), 0)

    def current_page(self) -> int:
        return int(self.view.pageNavigator().currentPage())

    def set_page_budget(self, pages: int | None) -> None:
        self._budget = pages
        self._update_budget()

    def page_budget(self) -> int | None:
        return self._budget if self._budget is not None else self._template_budget

    def zoom_in(self) -> None:
        self._zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_by(1 / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def is_idle(self) -> bool:
        return self._client.is_idle() and self._loader.is_idle()

    def shutdown(self) -> None:
        """Stop the render worker process. Safe to call more than once."""
        self._client.shutdown()
        self._loader.close()

    # -- results --------------------------------------------------------------------------

    def _on_rendered(self, result: RenderResult) -> None:
        self._loader.load(result, result.pdf)  # opened off the UI thread, then _show

    def _show(self, token: object, doc: QPdfDocument | None) -> None:
        result = token
        assert isinstance(result, RenderResult)
        if doc is None:
            self._on_failed("Preview failed: the renderer produced an unreadable PDF")
            return
        doc.setParent(self)
        bar = self.view.verticalScrollBar()
        hbar = self.view.horizontalScrollBar()
        keep, keep_h = bar.value(), hbar.value()
        old = self._doc
        self.view.setDocument(doc)
        self._doc, self._pdf = doc, result.pdf
        if old is not None:
            old.deleteLater()
        bar.setValue(min(keep, bar.maximum()))
        hbar.setValue(min(keep_h, hbar.maximum()))
        self._pages = doc.pageCount()
        self._partial = result.partial
        if result.edited_at >= 0:
            self._reveal(result.edited_at)
        if result.partial:
            # The sections on later pages keep their last known pages until the complete
            # render; the status says which pages are still being laid out.
            self._on_page_changed(self.current_page())
            first, last = result.exact_pages + 1, self._pages
            span = f"page {first}" if first == last else f"pages {first}–{last}"
            self._set_status(f"Updating {span}…", error=False)
            self.partial_shown.emit(result.exact_pages)
            return
        self._section_marks = match_sections(self._sections, result.outline)
        self._fill_outline(result.outline)
        self._on_page_changed(self.current_page())
        self._update_budget()
        took = time.monotonic() - self._requested_at
        self._set_status(f"Up to date ({took:.1f} s)", error=False)
        self.rendered.emit(self._pages)

    def _visible_pages(self) -> tuple[int, int]:
        """(first, last) 0-based pages in the viewport; (0, 0) before any pages."""
        doc = self._doc
        if doc is None or doc.pageCount() == 0:
            return 0, 0
        page_px, spacing, top = self._page_geometry()
        bar = self.view.verticalScrollBar()
        stride = max(1.0, page_px + spacing)
        first = int(max(0.0, bar.value() - top) // stride)
        last = int(max(0.0, bar.value() + self.view.viewport().height() - top) // stride)
        return min(first, doc.pageCount() - 1), min(last, doc.pageCount() - 1)

    def _page_geometry(self) -> tuple[float, int, int]:
        """(page height in pixels, spacing, top margin) of the pages on screen."""
        doc = self._doc
        count = doc.pageCount() if doc is not None else 0
        bar = self.view.verticalScrollBar()
        margins = self.view.documentMargins()
        spacing = self.view.pageSpacing()
        total = bar.maximum() + self.view.viewport().height()
        page_px = (total - margins.top() - margins.bottom() - (count - 1) * spacing) / max(1, count)
        return page_px, spacing, margins.top()

    def _reveal(self, at: float) -> None:
        """Scroll so that ``at`` (page units) is in view, unless it already is."""
        if self._doc is None or self._doc.pageCount() == 0:
            return
        page = min(int(at), self._doc.pageCount() - 1)
        page_px, spacing, top = self._page_geometry()
        y = top + page * (page_px + spacing) + (at - page) * page_px
        bar = self.view.verticalScrollBar()
        height = self.view.viewport().height()
        if bar.value() <= y <= bar.value() + height - 40:
            return
        bar.setValue(max(bar.minimum(), min(bar.maximum(), round(y - height / 3))))

    def _on_failed(self, message: str) -> None:
        self._set_status(message, error=True)
        self.failed.emit(message)

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self._set_status("Rendering…", error=False)

    def _set_status(self, text: str, *, error: bool) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet("color: #B91C1C;" if error else "color: #6B7280;")

    def _fill_outline(self, outline: list[OutlineEntry]) -> None:
        by_page = {mark[2]: sid for sid, mark in self._section_marks.items()}
        titles = {_norm(t): sid for sid, t in self._sections}
        self.outline.clear()
        for level, title, page, top in outline:
            if level > 2:
                continue
            item = QListWidgetItem(f"{'    ' * (level - 1)}{title}  ·  p. {page + 1}")
            item.setData(PAGE_ROLE, page)
            item.setData(TOP_ROLE, top)
            sid = titles.get(_norm(title))
            item.setData(SECTION_ROLE, sid if sid is not None else by_page.get(page))
            item.setToolTip(plain(f"{title} (page {page + 1})"))
            self.outline.addItem(item)

    def _on_page_changed(self, page: int) -> None:
        """Show "Page N of M" and highlight the outline entry the page belongs to."""
        if self._pages == 0:
            return
        page = max(0, min(page, self._pages - 1))
        self.pages_label.setText(f"Page {page + 1} of {self._pages}")
        current = -1
        for row in range(self.outline.count()):
            if self.outline.item(row).data(PAGE_ROLE) <= page:
                current = row
        self.outline.blockSignals(True)
        self.outline.setCurrentRow(current)
        self.outline.blockSignals(False)

    def _on_outline_item(self, item: QListWidgetItem) -> None:
        page = item.data(PAGE_ROLE)
        if isinstance(page, int):
            self.go_to_page(page, float(item.data(TOP_ROLE) or 0.0))

    def _scroll_within(self, page: int, top: float) -> bool:
        """Scroll ``top`` points down from the top of ``page`` (pages share one size)."""
        doc = self._doc
        if doc is None or not 0 <= page < doc.pageCount():
            return False
        bar = self.view.verticalScrollBar()
        page_px, spacing, margin = self._page_geometry()
        scale = page_px / max(1.0, doc.pagePointSize(page).height())
        y = page * (page_px + spacing) + (top * scale + margin - 12 if top > 0 else 0)
        bar.setValue(max(bar.minimum(), min(bar.maximum(), round(y))))
        return True

    def _update_budget(self) -> None:
        budget = self.page_budget()
        if budget is not None and self._pages > budget:
            over = self._pages - budget
            self.budget_label.setText(f"⚠ {over} over the {budget}-page budget")
            self.budget_label.setToolTip(
                f"The briefing has {self._pages} pages; its template asks for at most {budget}."
            )
            self.budget_label.show()
        else:
            self.budget_label.hide()

    def _zoom_by(self, factor: float) -> None:
        current = self.view.zoomFactor()
        if self.view.zoomMode() != QPdfView.ZoomMode.Custom:
            current = self._effective_zoom()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, min(5.0, current * factor)))

    def _effective_zoom(self) -> float:
        """The zoom factor fit-to-width is showing, so +/- continue from what is on screen."""
        if self._doc is None or self._doc.pageCount() == 0:
            return 1.0
        width_pt = self._doc.pagePointSize(0).width()
        dpi = self.view.logicalDpiX() / 72.0
        usable = self.view.viewport().width() - 2 * self.view.documentMargins().left()
        return max(0.2, usable / max(1.0, width_pt * dpi))
