"""The live preview's renders in two stages: the pages in view first, then the whole document.

An edit on page 3 of a 40-page briefing cannot change pages 1 and 2, and the pages up to the
one being edited can be laid out from the document cut a little after it
(:mod:`briefing.core.rendering.blocks`). So :meth:`StagedRenderer.stages` first yields a
*partial* result: those pages laid out from the cut document, followed by blank placeholder
pages so the page count, the footers' "Page N of M" and the scroll range stay those of the
last complete render. Then it yields the complete render, laid out as export lays it out
(:func:`~briefing.core.rendering.pdf.lay_out_briefing`: table of contents, a tighter last
page), which replaces the partial. Only the pages a partial marks *exact* are shown as they
will be. A partial is made from the HTML the last complete render chose (tighter, with
contents or not); the contents' page numbers, like the page total, are the last complete
render's (:func:`~briefing.core.rendering.blocks.with_known_targets`).

Where to cut comes from the page map of the document's last complete render
(:mod:`briefing.core.rendering.page_map`): the edit is located by comparing the new HTML with
the old one, and the cut falls at the first block boundary that starts a little
(:data:`LOOKAHEAD`) after the page being edited or viewed, more after an edit that deletes
text (what follows moves up to fill the page). That the pages before the cut's last page
are exact does not depend on the plan being right: it is read from the cut document's own
layout.
"""

from __future__ import annotations

import io
import math
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass

from pypdf import PdfWriter

from briefing.core.model.document import Briefing
from briefing.core.model.template import Brand
from briefing.core.rendering import blocks
from briefing.core.rendering.blocks import SpineElement
from briefing.core.rendering.document_html import effective_brand, render_html_parts
from briefing.core.rendering.page_map import PageMap, Placed, page_map
from briefing.core.rendering.pdf import (
    Layout,
    estimated_pages,
    lay_out,
    lay_out_briefing,
    outline_of,
    rendering,
)
from briefing.core.worker.protocol import RenderResult

LOOKAHEAD = 0.1  # of a page: the cut's margin past the page shown, for an edit that adds
SHRINK_MARGIN = 1.5  # times the pages an edit removes, added to the margin (text moves up)
# A partial render is a second layout: worth it only when it saves a good part of the first.
MIN_SAVING = 0.75  # pages
MAX_SHARE = 0.75  # of the document
CHARS_PER_PAGE = 2400  # text per page assumed before the first complete render
PENDING_NOTE = "Updating this page…"
_KEPT_DOCUMENTS = 8
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass
class _Last:
    """What the last complete render of one document left for the next partial."""

    html: str
    css: str
    elements: list[SpineElement]
    map: PageMap
    fit: bool  # laid out a little tighter (to save a last page)
    contents: bool  # with a table of contents
    anchors: dict[str, int]  # anchor -> 0-based page


@dataclass(frozen=True)
class Cut:
    """Where a partial render cuts the document and how many pages it assumes in all."""

    after: SpineElement
    pages: int  # the page total the partial's footers show (the last complete one's)
    target: int  # 0-based page the partial must show exactly


def _allowed(elements: list[SpineElement], number: int, marks: list[Placed | None]) -> bool:
    """May the document be cut right after spine element ``number``?"""
    element = elements[number]
    if element.tag in _HEADINGS:
        return False  # a heading stays with its text (whatever the stylesheet says)
    mark = marks[number]
    if mark is not None and mark.keep_with_next:
        return False
    later = range(number + 1, len(elements))
    following = next((n for n in later if elements[n].start >= element.end), None)
    if following is not None:
        after = marks[following]
        if after is not None and after.avoid_before:
            return False
    return True


@dataclass(frozen=True)
class Edit:
    """Where a new version of a document differs from the last one laid out completely."""

    page: int  # 0-based page of the block the edit is in (0 when before any block)
    at: float  # that block's start in page units; -1 when the edit is not in the body text
    marks: list[Placed | None]  # the last layout's place of each block of the new version


def locate_edit(html: str, elements: list[SpineElement], last: _Last) -> Edit:
    """Find the edit in ``html`` against ``last`` and carry the old block places over.

    The edit is where the new HTML first differs from the old; blocks after it are matched
    to the old ones by their offset shifted by the edit's length.
    """
    edit = blocks.edit_offset(last.html, html)
    page, at = 0, -1.0
    by_start: dict[int, Placed] = {}
    for element, mark in zip(last.elements, last.map.placed, strict=True):
        if mark is None:
            continue
        by_start[element.start] = mark
        if element.start <= edit and not element.container:
            page = max(page, mark.last_page)
            at = mark.start if element.depth > 0 and edit < element.end else -1.0
    shift = len(html) - len(last.html)
    marks = [by_start.get(e.start if e.start <= edit else e.start - shift) for e in elements]
    return Edit(page, at, marks)


def plan_cut(
    html: str, elements: list[SpineElement], last: _Last | None, visible: int
) -> Cut | None:
    """Where to cut ``html`` for a partial render that shows page ``visible`` (0-based) and
    the page being edited; None when a partial would not save enough."""
    if not elements:
        return None
    margin = LOOKAHEAD
    if last is not None:
        edit = locate_edit(html, elements, last)
        target = max(visible, edit.page)
        total = last.map.pages
        marks = edit.marks
        starts = [None if m is None else m.start for m in marks]
        # Deleting text pulls what follows up: keep that much more beyond the page shown.
        removed = max(0, len(last.html) - len(html)) * total / max(1, len(last.html))
        margin += SHRINK_MARGIN * removed
    else:  # no layout known yet: positions from the text's length
        target = max(0, visible)
        starts = _estimated(elements)
        marks = [None] * len(elements)
        total = max(1, math.ceil(_estimated_end(elements)))
    wanted = target + 1 + margin
    if wanted > min(total - MIN_SAVING, MAX_SHARE * total):
        return None
    for number, start in enumerate(starts):
        if start is not None and start >= wanted and _allowed(elements, number, marks):
            return Cut(elements[number], total, target)
    return None


def _estimated(elements: list[SpineElement]) -> list[float | None]:
    """Start positions in page units from text length alone (no layout known yet)."""
    starts: list[float | None] = []
    seen = 0
    for element in elements:
        starts.append(seen / CHARS_PER_PAGE)
        if not element.container:
            seen += element.text
    return starts


def _estimated_end(elements: list[SpineElement]) -> float:
    return sum(e.text for e in elements if not e.container) / CHARS_PER_PAGE


class StagedRenderer:
    """Renders briefings for the live preview: a partial result first when it helps, then the
    complete one. Keeps, per document key, what the last complete render needs to plan."""

    def __init__(self, kept: int = _KEPT_DOCUMENTS) -> None:
        self._last: OrderedDict[str, _Last] = OrderedDict()
        self._kept = kept

    def stages(
        self, briefing: Briefing, *, key: str = "", visible: int = 0
    ) -> Iterator[RenderResult | None]:
        """Yield a partial result (when one helps), ``None`` as the complete stage starts, and
        the complete render; ``key`` names the document, ``visible`` is the page in view.

        Both results carry ``edited_at``, where the edited block starts (page units), so the
        view can bring it into sight.
        """
        brand = effective_brand(briefing, None)
        last = self._last.get(key)
        if last is not None and len(last.map.placed) != len(last.elements):
            last = None
        if last is not None:
            html, css = render_html_parts(
                briefing, brand=brand, contents=last.contents, fit=last.fit
            )
        else:
            html, css = render_html_parts(briefing, brand=brand)
        elements = blocks.spine(html)
        edited_at = locate_edit(html, elements, last).at if last is not None else -1.0
        # Before any complete render, a briefing that may get a table of contents has no
        # page numbers to give it (nor is it known to have one): no partial then.
        threshold = brand.toc_min_pages or 0
        contents = last is None and bool(threshold) and estimated_pages(briefing) > threshold / 2
        cut = None if contents else plan_cut(html, elements, last, visible)
        if cut is not None:
            anchors = last.anchors if last is not None else {}
            partial = self._partial(html, css, elements, cut, anchors, estimated=last is None)
            if partial is not None:
                partial.edited_at = edited_at
                yield partial
        yield None
        complete = self._complete(briefing, brand, key)
        complete.edited_at = edited_at
        yield complete

    def _partial(
        self,
        html: str,
        css: str,
        elements: list[SpineElement],
        cut: Cut,
        anchors: dict[str, int],
        *,
        estimated: bool,
    ) -> RenderResult | None:
        cut_html = blocks.cut_html(html, cut.after, PENDING_NOTE)
        cut_html, css = blocks.with_known_targets(cut_html, css, anchors)
        if blocks.refers_forward(cut_html, blocks.forward_selectors(css)):
            return None  # a cross-reference (contents, say) would point past the cut
        total = cut.pages
        with rendering():
            for _attempt in range(2):
                fixed = blocks.with_page_total(css, total)
                if fixed is None:
                    return None
                layout = lay_out(cut_html, fixed)
                exact, start = _exact_pages(layout, cut_html, cut.after)
                if not estimated or start <= 0:
                    break
                # Before any complete render the total is a guess from the text's length:
                # measure this document's text per page on the pages just laid out.
                before = sum(e.text for e in elements[: cut.after.index] if not e.container)
                everything = sum(e.text for e in elements if not e.container)
                remeasured = max(exact + 1, math.ceil(everything * start / max(1, before)))
                if remeasured == total:
                    break
                total = remeasured
            pending = [p for p in layout.document.pages[exact:] if _is_pending(p)]
            if exact <= cut.target or not pending:
                return None
            count = max(exact + 1, total)
            # One placeholder drawn, then repeated in the PDF: drawing 38 of them for a
            # 41-page briefing cost about 200 ms, repeating one costs about 15.
            pdf = _repeat_last_page(
                layout.write(layout.document.pages[:exact] + pending[:1]), count
            )
            marks = [m for m in outline_of(layout.document) if m[2] < exact]
        return RenderResult(pdf, count, marks, partial=True, exact_pages=exact)

    def _complete(self, briefing: Briefing, brand: Brand, key: str) -> RenderResult:
        with rendering():
            layout, choice = lay_out_briefing(briefing, brand)
            elements = blocks.spine(choice.html)
            mapped = page_map(layout.root, layout.document, elements) if elements else None
            pdf = layout.write()
            marks = outline_of(layout.document)
        pages = len(layout.document.pages)
        if key and mapped is not None:
            anchors: dict[str, int] = {}  # where each anchor starts (a section spans pages)
            for number, page in enumerate(layout.document.pages):
                for name in page.anchors:
                    anchors.setdefault(name, number)
            self._last[key] = _Last(
                choice.html, choice.css, elements, mapped, choice.fit, choice.contents, anchors
            )
            self._last.move_to_end(key)
            while len(self._last) > self._kept:
                self._last.popitem(last=False)
        return RenderResult(pdf, pages, marks)


def _repeat_last_page(pdf: bytes, pages: int) -> bytes:
    """``pdf`` with its last page repeated (the same content, shared) up to ``pages`` pages."""
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    if len(writer.pages) >= pages:
        return pdf
    last = writer.pages[-1]
    for _ in range(pages - len(writer.pages)):
        writer.add_page(last)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _is_pending(page: object) -> bool:
    """True for a placeholder page of a cut document."""
    box = getattr(page, "_page_box", None)
    return bool(box is not None and box.page_type.name == "briefing-pending")


def _exact_pages(layout: Layout, html: str, after: SpineElement) -> tuple[int, float]:
    """(how many leading pages of the cut document are final, where its last block starts
    in page units): the pages before the one where its last block starts are final (that
    block's place may still depend on what follows it)."""
    mapped = page_map(layout.root, layout.document, blocks.spine(html))
    if mapped is None or after.index >= len(mapped.placed):
        return 0, 0.0
    mark = mapped.placed[after.index]
    return (mark.first_page, mark.start) if mark is not None else (0, 0.0)
