"""A depth-proof structure pass over raw HTML, for pages trafilatura cannot read.

lxml stops building the tree a few hundred (or, with ``huge_tree``, 2,048) levels down and
trafilatura then finds nothing. This pass streams the tags with the standard library's
tokenizer instead of building a tree, so nesting depth costs nothing: it keeps headings,
paragraphs, list items and quotes, skips scripts, styles, forms, navigation and elements whose
class or id names boilerplate (menus, share bars, comments, cookie banners...), and drops
blocks that are mostly link text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from html.parser import HTMLParser
from typing import Any

from briefing.core.importing.web_blocks import safe_link, tidy, wrap_emphasis
from briefing.core.model.article import Block

SKIP_TAGS = {
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "select", "button", "form", "nav", "aside", "footer",
    "header", "head", "title", "textarea", "figure", "picture", "dialog", "menu",
}  # fmt: skip
VOID_TAGS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
}  # fmt: skip
BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
    "ul", "ol", "blockquote", "pre", "table", "tr", "td", "th", "dd", "dt", "dl", "body",
    "center", "address",
}  # fmt: skip
BOILERPLATE = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|breadcrumbs?|share|sharing|social|related|recommend\w*|"
    r"comments?|disqus|cookie\w*|consent|gdpr|newsletter|subscribe|signup|promo|advert\w*|ads?|"
    r"sponsor\w*|footer|header|sidebar|widget|popup|modal|banner|masthead|pagination|tags?|"
    r"byline|author-bio|outbrain|taboola)($|[\s_-])",
    re.IGNORECASE,
)
MIN_WORDS = 6
MAX_LINK_DENSITY = 0.5
# Emphasis is marked with private-use characters while streaming and becomes Markdown once a
# block's text is complete; a mark whose partner is in another block is dropped.
_EMPHASIS = {"b": ("\ue000", "\ue001"), "strong": ("\ue000", "\ue001")}
_EMPHASIS |= {"i": ("\ue002", "\ue003"), "em": ("\ue002", "\ue003")}
_PAIRS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("\ue000([^\ue000-\ue003]*)\ue001"), "**"),
    (re.compile("\ue002([^\ue000-\ue003]*)\ue003"), "*"),
)
_MARKS = re.compile("[\ue000-\ue003]")


def _wrap_match(m: re.Match[str], mark: str) -> str:
    return wrap_emphasis(m.group(1), mark)


def _markdown_emphasis(text: str) -> str:
    for _ in range(3):  # nested emphasis, innermost first
        for pattern, mark in _PAIRS:
            text = pattern.sub(partial(_wrap_match, mark=mark), text)
    return _MARKS.sub("", text)


@dataclass
class _Piece:
    kind: str  # heading, paragraph, item, quote
    level: int | None = None
    parts: list[str] = field(default_factory=list)
    link_chars: int = 0
    main: bool = False  # inside <article> or <main>


class _Streamer(HTMLParser):
    def __init__(self, use_names: bool, base: str | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.use_names = use_names
        self.base = base  # resolves relative links, when given
        self.pieces: list[_Piece] = []
        self.current: _Piece | None = None
        self.skip_tag: str | None = None
        self.skip_depth = 0
        self.kind_stack: list[tuple[str, str, int | None]] = []  # (tag, kind, level)
        self.link: str | None = None
        self.link_text: list[str] = []
        self.main_depth = 0
        self.title_parts: list[str] = []
        self.in_title = False

    # -- tags ---------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth += 1
            return
        if tag in VOID_TAGS:
            if tag == "br" and self.current is not None:
                self.current.parts.append("\n")
            return
        names = ""
        if self.use_names and tag not in ("html", "body", "main", "article"):
            names = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        hidden = any(k == "hidden" or (k == "aria-hidden" and v == "true") for k, v in attrs)
        if tag in SKIP_TAGS or hidden or (names and BOILERPLATE.search(names)):
            self.skip_tag, self.skip_depth = tag, 1
            return
        if tag in ("article", "main"):
            self.main_depth += 1
        if tag == "a":
            self.link = dict(attrs).get("href")
            self.link_text = []
            return
        if tag in _EMPHASIS:
            self._mark(_EMPHASIS[tag][0])
            return
        if tag in BLOCK_TAGS:
            self._close()
            kind, level = "paragraph", None
            if re.fullmatch(r"h[1-6]", tag):
                kind, level = "heading", int(tag[1])
            elif tag == "li":
                kind = "item"
            elif tag == "blockquote":
                kind = "quote"
            elif self.kind_stack and self.kind_stack[-1][1] in ("item", "quote"):
                kind = self.kind_stack[-1][1]
            self.kind_stack.append((tag, kind, level))
            self._open()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth -= 1
                if self.skip_depth == 0:
                    self.skip_tag = None
            return
        if tag in ("article", "main") and self.main_depth:
            self.main_depth -= 1
        if tag == "a":
            self._end_link()
            return
        if tag in _EMPHASIS:
            self._mark(_EMPHASIS[tag][1])
            return
        if tag in BLOCK_TAGS:
            self._close()
            # pop back to the matching tag (tolerates unclosed children)
            for i in range(len(self.kind_stack) - 1, -1, -1):
                if self.kind_stack[i][0] == tag:
                    del self.kind_stack[i:]
                    break
            self._open()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        if self.skip_tag is not None:
            return
        if self.link is not None:
            self.link_text.append(data)
            return
        if self.current is None:
            self._open()
        assert self.current is not None
        self.current.parts.append(data)

    def _mark(self, mark: str) -> None:
        if self.link is not None:
            self.link_text.append(mark)
        elif self.current is not None:
            self.current.parts.append(mark)

    # -- pieces -------------------------------------------------------------------------------
    def _open(self) -> None:
        kind, level = ("paragraph", None)
        if self.kind_stack:
            _, kind, level = self.kind_stack[-1]
        self.current = _Piece(kind=kind, level=level, main=self.main_depth > 0)

    def _end_link(self) -> None:
        text = "".join(self.link_text)
        target = safe_link(_resolved(self.link, self.base))
        self.link = None
        if self.current is None:
            self._open()
        assert self.current is not None
        label = " ".join(text.split())
        self.current.link_chars += len(label)
        if target and label:
            lead = " " if text[:1].isspace() else ""
            trail = " " if text[-1:].isspace() else ""
            label = label.replace("[", "(").replace("]", ")")
            self.current.parts.append(f"{lead}[{label}]({target}){trail}")
        else:
            self.current.parts.append(text)

    def _close(self) -> None:
        if self.link is not None:
            self._end_link()
        if self.current is not None and "".join(self.current.parts).strip():
            self.pieces.append(self.current)
        self.current = None

    def finish(self) -> None:
        self.close()
        self._close()


def stream_blocks(html: str, *, filters: bool = True) -> tuple[str, list[Block]]:
    """The page ``<title>`` and the body blocks found by streaming the tags (no tree).

    Elements whose class or id names boilerplate are skipped; if that leaves nothing (a
    page-wide wrapper called ``has-sidebar``, say), the pass runs again without that rule.
    With ``filters`` off (markup another extractor already chose), every block is kept.
    """
    if not filters:
        return _stream(html, use_names=False, filters=False)
    title, blocks = _stream(html, use_names=True)
    if not blocks:
        title, blocks = _stream(html, use_names=False)
    return title, blocks


def tree_blocks(root: Any, base: str | None = None) -> list[Block]:
    """The blocks of an lxml element another extractor chose, every block kept (as
    ``stream_blocks(..., filters=False)``, but walking the parsed tree instead of the markup);
    relative links are resolved against ``base``."""
    from lxml import etree

    streamer = _Streamer(use_names=False, base=base)
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag:
                streamer.handle_starttag(tag.lower(), list(el.attrib.items()))
            if tag and el.text:
                streamer.handle_data(el.text)
        else:
            if tag:
                streamer.handle_endtag(tag.lower())
            if el.tail and el is not root:
                streamer.handle_data(el.tail)
    streamer._close()
    return _blocks(streamer, filters=False)[1]


def _resolved(href: str | None, base: str | None) -> str | None:
    if not href or not base or "://" in href[:12] or href.startswith(("#", "mailto:")):
        return href
    from urllib.parse import urljoin

    try:
        return urljoin(base, href.strip())
    except ValueError:
        return None


def _stream(html: str, use_names: bool, filters: bool = True) -> tuple[str, list[Block]]:
    streamer = _Streamer(use_names)
    streamer.feed(html)
    streamer.finish()
    return _blocks(streamer, filters)


def _blocks(streamer: _Streamer, filters: bool) -> tuple[str, list[Block]]:
    pieces = streamer.pieces
    if filters and any(p.main for p in pieces):
        main = [p for p in pieces if p.main]
        if sum(_words(p) for p in main) >= 50:
            pieces = main
    if filters:
        pieces = [p for p in pieces if p.kind == "heading" or not _linky(p)]
    long_page = filters and sum(_words(p) for p in pieces if p.kind != "heading") >= 50
    blocks: list[Block] = []
    for piece in pieces:
        text = tidy(_markdown_emphasis("".join(piece.parts)))
        if not text:
            continue
        # On a page with real paragraphs, short loose lines are furniture ("Share", "Menu").
        if long_page and piece.kind == "paragraph" and _words(piece) < MIN_WORDS:
            continue
        if piece.kind == "heading":
            blocks.append(Block(kind="heading", text=text.replace("\n", " "), level=piece.level))
        elif piece.kind == "item":
            item = "- " + text.replace("\n", " ")
            if blocks and blocks[-1].kind == "list":
                blocks[-1].text += "\n" + item
            else:
                blocks.append(Block(kind="list", text=item))
        elif piece.kind == "quote":
            blocks.append(Block(kind="quote", text=text))
        else:
            blocks.append(Block(kind="paragraph", text=text))
    # Headings with nothing after them are page furniture, not section titles.
    while blocks and blocks[-1].kind == "heading":
        blocks.pop()
    return tidy("".join(streamer.title_parts)).replace("\n", " "), blocks


def _linky(piece: _Piece) -> bool:
    text = " ".join("".join(piece.parts).split())
    return piece.link_chars > MAX_LINK_DENSITY * max(1, len(text))


def _words(piece: _Piece) -> int:
    return len(re.findall(r"\w+", "".join(piece.parts)))
