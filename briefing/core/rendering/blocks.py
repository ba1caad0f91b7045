"""The block structure of a rendered briefing's HTML: where it can be cut, and how to cut it.

A page of a paginated document depends only on what comes before it and on nothing after it,
except page totals ("Page N of M") and forward references. So the pages up to the one being
edited can be laid out from the document cut after them. This module finds the places where
the HTML can be cut without breaking its structure (after a block-level element whose
ancestors are all plain flow containers such as ``body``, ``main``, ``section`` and ``div``)
and builds the cut document. It knows nothing about the briefing's own markup, so it keeps
working when the HTML or its stylesheet change.

The element list it makes, the *spine*, is in document order; the layout side
(:mod:`briefing.core.rendering.page_map`) walks the parsed tree the same way, so the two lists
correspond one to one (and a document where they do not is simply never cut).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import cssselect2
import tinycss2
import tinyhtml5

# Elements whose children are candidate cut points (plain flow containers).
CONTAINERS = frozenset({"body", "main", "section", "article", "div", "aside", "nav"})
# Elements that never hold content (so they end where they start).
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
# The placeholder page of a cut document: no running header or footer, one muted line.
PENDING_CLASS = "briefing-pending-page"
_MARGIN_BOXES = [
    "top-left-corner",
    "top-left",
    "top-center",
    "top-right",
    "top-right-corner",
    "right-top",
    "right-middle",
    "right-bottom",
    "bottom-right-corner",
    "bottom-right",
    "bottom-center",
    "bottom-left",
    "bottom-left-corner",
    "left-bottom",
    "left-middle",
    "left-top",
]
PENDING_STYLE = (
    "<style>@page briefing-pending {"
    + "".join(f"@{box} {{ content: none; }}" for box in _MARGIN_BOXES)
    + "}"
    f".{PENDING_CLASS} {{ page: briefing-pending; break-before: page; margin: 0;"
    " padding-top: 40%; text-align: center; color: #9CA3AF; font: italic 11pt sans-serif; }"
    "</style>"
)


@dataclass(frozen=True)
class SpineElement:
    """One element of the spine: a flow container or a block directly inside one."""

    index: int  # position in the spine, document order
    tag: str
    depth: int  # 0 for children of the outermost container
    start: int  # offset of its start tag in the HTML
    end: int  # offset just after its end tag
    text: int  # characters of text inside it
    closers: tuple[str, ...]  # end tags of its open ancestors, innermost first
    container: bool


class _Scanner(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self._lines = [0]
        position = html.find("\n")
        while position >= 0:
            self._lines.append(position + 1)
            position = html.find("\n", position + 1)
        # Open elements: (tag, spine index or None, is a spine container).
        self._stack: list[tuple[str, int | None, bool]] = []
        self._in_body = 0
        self._off_spine = 0  # open elements inside body that are not spine containers
        self._containers = 0  # open spine containers below body
        self.elements: list[dict[str, object]] = []
        self.broken = False

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        index: int | None = None
        if self._in_body and not self._off_spine:
            index = len(self.elements)
            self.elements.append(
                {
                    "tag": tag,
                    "depth": self._containers,
                    "start": start,
                    "end": start,
                    "text": 0,
                    "closers": tuple(t for t, _i, _c in reversed(self._stack) if t != "html"),
                }
            )
        if tag in _VOID:
            if index is not None:
                self.elements[index]["end"] = start + len(self.get_starttag_text() or "")
            return
        container = index is not None and tag in CONTAINERS
        self._stack.append((tag, index, container))
        if tag == "body":
            self._in_body += 1
        elif self._in_body:
            if container:
                self._containers += 1
            else:
                self._off_spine += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if not self._stack or self._stack[-1][0] != tag:
            # Not the well-formed HTML this module expects: never cut such a document.
            self.broken = True
            return
        _tag, index, container = self._stack.pop()
        if tag == "body":
            self._in_body -= 1
        elif self._in_body:
            if container:
                self._containers -= 1
            else:
                self._off_spine -= 1
        if index is not None:
            self.elements[index]["end"] = self._offset() + len(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        for _tag, index, _container in self._stack:
            if index is not None:
                element = self.elements[index]
                element["text"] = int(str(element["text"])) + len(data)


def spine(html: str) -> list[SpineElement]:
    """The spine of ``html`` in document order; empty when the HTML is not well formed."""
    scanner = _Scanner(html)
    scanner.feed(html)
    scanner.close()
    if scanner.broken or scanner._stack:
        return []
    return [
        SpineElement(
            index=number,
            tag=str(e["tag"]),
            depth=int(str(e["depth"])),
            start=int(str(e["start"])),
            end=int(str(e["end"])),
            text=int(str(e["text"])),
            closers=tuple(str(c) for c in e["closers"]),  # type: ignore[attr-defined]
            container=str(e["tag"]) in CONTAINERS,
        )
        for number, e in enumerate(scanner.elements)
    ]


def edit_offset(old: str, new: str) -> int:
    """Offset of the first character where ``new`` differs from ``old`` (``len`` of the
    shorter one when one is a prefix of the other)."""
    low, high = 0, min(len(old), len(new))
    while low < high:  # bisect on equal prefixes: each comparison is one memcmp
        middle = (low + high + 1) // 2
        if old[:middle] == new[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def cut_html(html: str, after: SpineElement, note: str = "") -> str:
    """``html`` cut just after ``after``, its open containers closed, then one blank page
    (without running header or footer) that the preview repeats for the pages still to come.

    ``note`` is written, muted, on the blank page (e.g. "Updating…").
    """
    closers = "".join(f"</{tag}>" for tag in after.closers if tag != "body")
    text = note.replace("&", "&amp;").replace("<", "&lt;")
    pending = f'<div class="{PENDING_CLASS}">{text}</div>'
    return f"{html[: after.end]}{closers}{PENDING_STYLE}{pending}</body></html>"


_PAGES_COUNTER = re.compile(r"\bcounter\(\s*pages\s*(?:,\s*decimal\s*)?\)", re.IGNORECASE)
_FORWARD = re.compile(r"\b(?:target-counters?|target-text|counters?\(\s*pages\b)", re.IGNORECASE)


def with_page_total(css: str, total: int) -> str | None:
    """``css`` with the page total (``counter(pages)``) fixed at ``total``, for a document
    cut short that must still say "of 40"; None when the stylesheet refers forward in a way
    a cut document cannot reproduce outside a style rule (a page total in another numbering
    style in the page margins, say). Forward references in style rules (cross-references
    with ``target-counter`` or ``target-text``) are for :func:`refers_forward` to judge:
    they matter only where an element of the document takes them."""
    fixed = _PAGES_COUNTER.sub(f'"{int(total)}"', css)
    if not _FORWARD.search(fixed):
        return fixed
    rules = tinycss2.parse_stylesheet(fixed, skip_comments=True, skip_whitespace=True)
    for rule in rules:
        if rule.type != "qualified-rule" and _FORWARD.search(tinycss2.serialize([rule])):
            return None
    return fixed


_TARGET_PAGE = re.compile(r"target-counter\(\s*attr\(\s*href\s*\)\s*,\s*page\s*\)", re.I)
_LINK = re.compile(r'<a\b[^>]*?\bhref="#([^"]+)"')


def with_known_targets(html: str, css: str, pages: dict[str, int]) -> tuple[str, str]:
    """(``html``, ``css``) with each link's page reference (``target-counter(attr(href),
    page)``, as the contents' page numbers are written) taken from ``pages`` (anchor ->
    0-based page, of the last complete layout) instead of the layout: a document cut short
    then still names the pages of what it no longer holds, as its page total does."""
    fixed = _TARGET_PAGE.sub("attr(data-page)", css)
    if fixed == css:
        return html, css

    def known(match: re.Match[str]) -> str:
        page = pages.get(match.group(1))
        return match.group(0) if page is None else f'{match.group(0)} data-page="{page + 1}"'

    return _LINK.sub(known, html), fixed


def forward_selectors(css: str) -> list[str]:
    """The selectors of ``css``'s style rules that refer forward (``target-counter``...;
    a page total :func:`with_page_total` fixes is not one)."""
    css = _PAGES_COUNTER.sub('"0"', css)
    if not _FORWARD.search(css):
        return []
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return [
        tinycss2.serialize(rule.prelude).strip()
        for rule in rules
        if rule.type == "qualified-rule" and _FORWARD.search(tinycss2.serialize(rule.content))
    ]


def refers_forward(html: str, selectors: list[str]) -> bool:
    """True if an element of ``html`` takes one of the rules ``selectors`` name (a selector
    that cannot be read counts as taken)."""
    if not selectors:
        return False
    try:
        compiled = [c for s in selectors for c in cssselect2.compile_selector_list(s)]
    except cssselect2.SelectorError:
        return True
    root = cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(html))
    return any(c.test(element) for element in root.iter_subtree() for c in compiled)
