"""Briefing Markdown -> formatted content (:mod:`.richtext`), read with the dialect's parser.

The reader walks markdown-it's tokens (:func:`.markup_parser.make_parser`), so a section reads
exactly as the renderer reads it. What the formatted editor cannot show as such is kept as
written (:class:`~.richtext.RawBlock`): tables, code and footnote texts. Deeper structure than
the editor holds is flattened to its words, never dropped: a quote inside a list item becomes
the item's text, a second paragraph of an item joins it after a line break, a container inside
a list or another container gives its blocks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeGuard

from briefing.core.model import markup
from briefing.core.model.richtext import (
    BOLD,
    CODE,
    ITALIC,
    QA,
    STRIKE,
    Block,
    Break,
    Callout,
    Check,
    Cite,
    Doc,
    Flow,
    Heading,
    Inline,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    RawBlock,
    RawInline,
    Text,
)

if TYPE_CHECKING:  # markdown-it loads with the first section read, not at start-up
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_PARSER: MarkdownIt | None = None
_MARK_TOKENS = {"strong": BOLD, "em": ITALIC, "s": STRIKE}


def _parser() -> MarkdownIt:
    global _PARSER
    if _PARSER is None:
        from briefing.core.model.markup_parser import make_parser

        _PARSER = make_parser()
    return _PARSER


def read_markdown(markdown: str) -> Doc:
    """The formatted content of a section's Markdown."""
    lines = markdown.split("\n")
    tokens = _parser().parse(markdown)
    reader = _Reader(tokens, lines)
    return Doc(reader.blocks(0, len(tokens)))


def read_inlines(markdown: str) -> list[Inline]:
    """The inline content of one line of Markdown (a heading's or a label's words)."""
    doc = read_markdown(markdown)
    first = doc.blocks[0] if doc.blocks else None
    return list(first.inlines) if isinstance(first, Paragraph | Heading) else []


def _closing(tokens: list[Token], start: int) -> int:
    """The index of the token that closes ``tokens[start]``."""
    depth = 0
    for i in range(start, len(tokens)):
        depth += tokens[i].nesting
        if depth == 0:
            return i
    return len(tokens) - 1


def inlines_of(token: Token, notes: dict[int, str] | None = None) -> list[Inline]:
    """An ``inline`` token's children as formatted pieces (``notes``: the source of inline
    footnotes ``^[...]`` by their id)."""
    out: list[Inline] = []
    marks: list[str] = []
    links: list[str | None] = []

    def text(value: str, extra: frozenset[str] = frozenset()) -> None:
        if not value:
            return
        link = links[-1] if links else None
        out.append(Text(value, frozenset(marks) | extra, link))

    for child in token.children or []:
        kind = child.type
        if kind == "text":
            text(child.content)
        elif kind == "softbreak":
            text(" ")
        elif kind == "hardbreak":
            out.append(Break())
        elif kind == "code_inline":
            text(child.content, frozenset({CODE}))
        elif kind.endswith("_open") and kind[:-5] in _MARK_TOKENS:
            marks.append(_MARK_TOKENS[kind[:-5]])
        elif kind.endswith("_close") and kind[:-6] in _MARK_TOKENS:
            mark = _MARK_TOKENS[kind[:-6]]
            if mark in marks:
                marks.reverse()
                marks.remove(mark)
                marks.reverse()
        elif kind == "link_open":
            links.append(str(child.attrGet("href") or ""))
        elif kind == "link_close":
            if links:
                links.pop()
        elif kind == "citation":
            out.append(Cite(tuple(child.meta["ids"])))
        elif kind == "footnote_ref":
            label = child.meta.get("label")
            if label is None:  # an inline footnote: kept as written
                out.append(RawInline(f"^[{(notes or {}).get(child.meta.get('id', -1), '')}]"))
            else:
                out.append(RawInline(f"[^{label}]"))
        elif kind == "image":
            alt = "".join(c.content for c in child.children or [])
            src = str(child.attrGet("src") or "")
            title = child.attrGet("title")
            quoted = ' "' + str(title).replace('"', '\\"') + '"' if title else ""
            out.append(RawInline(f"![{_escape_label(alt)}](<{src}>{quoted})"))
        else:  # html_inline cannot occur (HTML is off); anything else keeps its words
            text(child.content)
    return _merge(out)


def _escape_label(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _merge(pieces: list[Inline]) -> list[Inline]:
    """Neighbouring text with the same marks and link as one piece."""
    out: list[Inline] = []
    for piece in pieces:
        last = out[-1] if out else None
        if (
            isinstance(piece, Text)
            and isinstance(last, Text)
            and last.marks == piece.marks
            and last.link == piece.link
        ):
            out[-1] = Text(last.text + piece.text, last.marks, last.link)
        else:
            out.append(piece)
    return out


def _strip_question_prefix(inlines: list[Inline]) -> list[Inline]:
    """A question without its leading **Q:** (the renderer drops it too)."""
    first = inlines[0] if inlines else None
    if (
        isinstance(first, Text)
        and BOLD in first.marks
        and first.text.strip() == markup.QUESTION_PREFIX
    ):
        rest = inlines[1:]
        if rest and isinstance(rest[0], Text):
            rest[0] = Text(rest[0].text.lstrip(), rest[0].marks, rest[0].link)
            if not rest[0].text:
                rest = rest[1:]
        return rest
    return inlines


class _Reader:
    def __init__(self, tokens: list[Token], lines: list[str]) -> None:
        self.tokens = tokens
        self.lines = lines
        self.notes: dict[int, str] = {}  # inline footnotes: id -> their source
        for i, token in enumerate(tokens):
            if token.type == "footnote_open" and token.meta.get("label") is None:
                inner = next((t for t in tokens[i:] if t.type == "inline"), None)
                self.notes[int(token.meta.get("id", -1))] = inner.content if inner else ""

    def inlines(self, token: Token) -> list[Inline]:
        return inlines_of(token, self.notes)

    def raw(self, token: Token) -> RawBlock:
        start, end = token.map or (0, 0)
        return RawBlock("\n".join(self.lines[start:end]).strip("\n"))

    def blocks(self, start: int, end: int, *, nested: bool = False) -> list[Block]:
        out: list[Block] = []
        i = start
        while i < end:
            token = self.tokens[i]
            close = _closing(self.tokens, i) if token.nesting == 1 else i
            kind = token.type
            if kind == f"container_{markup.CALLOUT}_open" and not nested:
                label = markup.fence_info(token.info).label or markup.DEFAULT_LABEL
                out.append(Callout(label, self.flow(i + 1, close)))
            elif kind == f"container_{markup.QA}_open" and not nested:
                out.append(self.qa(i + 1, close))
            elif kind == f"container_{markup.CHECK}_open" and not nested:
                out.append(Check(self.flow(i + 1, close)))
            elif kind.startswith("container_"):  # a container in a container: its blocks
                out += self.blocks(i + 1, close, nested=True)
            elif kind == "footnote_block_open":
                out += self.footnotes(i + 1, close)
            else:
                out += self.flow(i, close + 1)
            i = close + 1
        return out

    def flow(self, start: int, end: int) -> list[Flow]:
        """Blocks that may stand in a container (containers inside give their blocks)."""
        out: list[Flow] = []
        i = start
        while i < end:
            token = self.tokens[i]
            close = _closing(self.tokens, i) if token.nesting == 1 else i
            kind = token.type
            if kind == "paragraph_open":
                out.append(Paragraph(self.inlines(self.tokens[i + 1])))
            elif kind == "heading_open":
                level = int(token.tag[1]) if token.tag[1:].isdigit() else 1
                out.append(Heading(level, self.inlines(self.tokens[i + 1])))
            elif kind in ("bullet_list_open", "ordered_list_open"):
                out.append(self.list_block(i, close))
            elif kind == "blockquote_open":
                out.append(Quote(self.quote_paragraphs(i + 1, close)))
            elif kind.startswith("container_"):
                out += [b for b in self.blocks(i + 1, close, nested=True) if _is_flow(b)]
            elif kind in ("fence", "code_block", "table_open", "hr", "html_block"):
                out.append(self.raw(token))
            i = close + 1
        return out

    def qa(self, start: int, end: int) -> QA:
        blocks = self.flow(start, end)
        first = blocks[0] if blocks else None
        if isinstance(first, Paragraph):
            return QA(_strip_question_prefix(first.inlines), blocks[1:])
        return QA([], blocks)

    def list_block(self, start: int, end: int) -> ListBlock:
        token = self.tokens[start]
        ordered = token.type == "ordered_list_open"
        first = token.attrGet("start")
        block = ListBlock(ordered, [], int(first) if ordered and first is not None else 1)
        i = start + 1
        while i < end:
            if self.tokens[i].type == "list_item_open":
                close = _closing(self.tokens, i)
                block.items.append(self.list_item(i + 1, close))
                i = close
            i += 1
        return block

    def list_item(self, start: int, end: int) -> ListItem:
        item = ListItem()
        for block in self.flow(start, end):
            if isinstance(block, ListBlock):
                item.children.append(block)
            elif item.children:  # words after a nested list end up in its last item
                last = item.children[-1].items[-1] if item.children[-1].items else None
                if last is not None:
                    _join(last.inlines, _words_of(block))
            else:
                _join(item.inlines, _words_of(block))
        return item

    def quote_paragraphs(self, start: int, end: int) -> list[Paragraph]:
        return [Paragraph(_words_of(block)) for block in self.flow(start, end)]

    def footnotes(self, start: int, end: int) -> list[Block]:
        """Footnote texts kept as written (``[^1]: ...``); the renderer lists them at the end."""
        out: list[Block] = []
        i = start
        while i < end:
            token = self.tokens[i]
            if token.type == "footnote_open":
                close = _closing(self.tokens, i)
                label = token.meta.get("label")
                if label is None:  # an inline footnote stays where it was written
                    i = close + 1
                    continue
                spans = [t.map for t in self.tokens[i + 1 : close] if t.map]
                if spans:
                    first, last = spans[0][0], max(m[1] for m in spans)
                    text = "\n".join(self.lines[first:last]).strip("\n")
                    prefix = f"[^{label}]:"
                    if not text.lstrip().startswith(prefix):
                        text = f"{prefix} {text.strip()}"
                    out.append(RawBlock(text))
                i = close
            i += 1
        return out


def _is_flow(block: Block) -> TypeGuard[Flow]:
    return not isinstance(block, Callout | QA | Check)


def _words_of(block: Flow) -> list[Inline]:
    """A block's words as inline content (for places that hold only words)."""
    if isinstance(block, Paragraph | Heading):
        return list(block.inlines)
    if isinstance(block, Quote):
        out: list[Inline] = []
        for paragraph in block.paragraphs:
            _join(out, paragraph.inlines)
        return out
    if isinstance(block, ListBlock):
        out = []
        for item in block.items:
            _join(out, item.inlines)
            for child in item.children:
                _join(out, _words_of(child))
        return out
    return [Text(block.markdown)] if block.markdown else []


def _join(into: list[Inline], more: list[Inline]) -> None:
    """Append ``more`` to ``into`` after a line break (when both hold something)."""
    if into and more:
        into.append(Break())
    into.extend(more)
