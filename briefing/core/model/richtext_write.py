"""Formatted content (:mod:`.richtext`) -> Briefing Markdown, the file format of a section.

Written so that reading it back gives the same content (:mod:`.richtext_read`): characters
that Markdown would take for marks are escaped, a line that would start a heading, list,
quote or container is escaped at its start, and emphasis hugs its words (spaces go outside
the marks). Markdown first read from a file comes out normalised once (line breaks inside a
paragraph become spaces, lists are tight, bullets are ``-``) and is stable from then on.
"""

from __future__ import annotations

import re

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
    Paragraph,
    Quote,
    RawBlock,
    RawInline,
    Text,
)

_ESCAPE = re.compile(r"[\\*_`\[\]~]|<(?=[A-Za-z/!?])|&(?=#?\w+;)")
_LINE_START = re.compile(r"^(#|>|[-+=]|\d{1,9}(?=[.)])|:::|\|)")
_ORDER = (STRIKE, BOLD, ITALIC)  # outermost first
_DELIMITER = {BOLD: "**", ITALIC: "*", STRIKE: "~~"}


def escape_text(text: str) -> str:
    """Characters as Markdown text: the marks they would make are escaped."""
    return _ESCAPE.sub(lambda m: "\\" + m.group(0), text)


def _escape_line_start(line: str) -> str:
    """Escape what would make ``line`` a heading, list item, quote, rule or container."""
    stripped = line.lstrip()
    match = _LINE_START.match(stripped)
    if match is None:
        return stripped
    mark = match.group(1)
    if mark[0].isdigit():  # "1." or "1)" would start a numbered list
        return mark + "\\" + stripped[len(mark) :]
    return "\\" + stripped


def _code_span(text: str) -> str:
    """``text`` as an inline code span (backtick fences longer than any run inside)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    # One space each side is dropped on reading when the code has more than spaces in it.
    edges = text.startswith(("`", " ")) or text.endswith(("`", " "))
    pad = " " if edges and text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _link_target(url: str) -> str:
    if re.search(r"[\s()<>]", url):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


def write_inlines(inlines: list[Inline]) -> str:
    """Inline content as Markdown text on one logical line (breaks written ``\\``)."""
    out: list[str] = []
    open_marks: list[str] = []
    link: str | None = None

    def close(keep: int = 0, *, link_too: bool = False) -> None:
        nonlocal link
        while len(open_marks) > keep:
            out.append(_DELIMITER[open_marks.pop()])
        if link_too and link is not None:
            out.append(f"]({_link_target(link)})")
            link = None

    for piece in _with_spaces_outside(inlines):
        marks = piece.marks if isinstance(piece, Text) else frozenset()
        wanted = [m for m in _ORDER if m in marks]
        wanted_link = piece.link if isinstance(piece, Text) else None
        if wanted_link != link:
            close(link_too=True)
        keep = 0
        while keep < min(len(open_marks), len(wanted)) and open_marks[keep] == wanted[keep]:
            keep += 1
        close(keep)
        if wanted_link is not None and link is None:
            if out and out[-1].endswith(("!", "^")):  # escape_text leaves them be
                out[-1] = out[-1][:-1] + "\\" + out[-1][-1]  # "![" an image, "^[" a note
            out.append("[")
            link = wanted_link
        for mark in wanted[keep:]:
            out.append(_DELIMITER[mark])
            open_marks.append(mark)
        text = _piece(piece)
        if out and out[-1] == "[" and text.startswith(("@", "^")):
            text = "\\" + text  # "[@" would read as a citation, "[^" as a footnote
        if isinstance(piece, Cite):  # "text. [@s1]", as drafting writes it
            while out and out[-1].endswith(" "):
                out[-1] = out[-1].rstrip(" ")
                if not out[-1]:
                    out.pop()
            if out and not out[-1].endswith(("\n", "[")):
                out.append(" ")
        out.append(text)
    close(link_too=True)
    return "".join(out)


def _piece(piece: Inline) -> str:
    if isinstance(piece, Cite):
        return markup.citation(*piece.ids) or ""
    if isinstance(piece, Break):
        return "\\\n"
    if isinstance(piece, RawInline):
        return piece.markdown
    text = re.sub(r"[\r\n\u2028\u2029]", " ", piece.text)  # a line ends only at a Break
    if CODE in piece.marks:
        return _code_span(text)
    return escape_text(text)


def _with_spaces_outside(inlines: list[Inline]) -> list[Inline]:
    """Marked text split so that its leading and trailing spaces carry no marks (Markdown
    emphasis cannot open or close against a space); empty text dropped, neighbours with the
    same marks joined (two code spans in a row would read as one)."""
    out: list[Inline] = []
    for piece in _joined(inlines):
        if not isinstance(piece, Text):
            out.append(piece)
            continue
        if not piece.text:
            continue
        if not piece.text.strip() and CODE not in piece.marks:
            out.append(Text(piece.text))  # spaces alone are neither marked nor a link
            continue
        if not (piece.marks or piece.link) or CODE in piece.marks:
            out.append(piece)
            continue
        core = piece.text.strip()
        lead = piece.text[: len(piece.text) - len(piece.text.lstrip())]
        trail = piece.text[len(piece.text.rstrip()) :]
        if lead:
            out.append(Text(lead))
        out.append(Text(core, piece.marks, piece.link))
        if trail:
            out.append(Text(trail))
    return out


def _lines(inlines: list[Inline]) -> str:
    text = write_inlines(inlines)
    return "\n".join(_escape_line_start(line) for line in text.split("\n")).rstrip()


def _marked(inlines: list[Inline]) -> list[tuple[str, frozenset[str], str | None]]:
    return [
        (ch, p.marks, p.link)
        for p in inlines
        if isinstance(p, Text)
        for ch in p.text
        if not ch.isspace()
    ]


def _reads_back(inlines: list[Inline], text: str) -> bool:
    from briefing.core.model.richtext_read import read_markdown

    doc = read_markdown(text)
    first = doc.blocks[0] if len(doc.blocks) == 1 else None
    return isinstance(first, Paragraph) and _marked(first.inlines) == _marked(inlines)


def _unmarked_inside_words(inlines: list[Inline]) -> list[Inline]:
    """Marks that begin or end inside a word dropped from the text that carries them."""
    out = list(inlines)
    for i, piece in enumerate(out):
        if not isinstance(piece, Text) or not piece.marks:
            continue
        before = out[i - 1] if i else None
        after = out[i + 1] if i + 1 < len(out) else None
        glued = (
            isinstance(before, Text) and before.text[-1:].strip() and piece.text[:1].strip()
        ) or (isinstance(after, Text) and after.text[:1].strip() and piece.text[-1:].strip())
        if glued:
            out[i] = Text(piece.text, frozenset(), piece.link)
    return out


def _joined(inlines: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for piece in inlines:
        last = out[-1] if out else None
        if (
            isinstance(piece, Text)
            and isinstance(last, Text)
            and (last.marks, last.link) == (piece.marks, piece.link)
        ):
            out[-1] = Text(last.text + piece.text, piece.marks, piece.link)
        elif not isinstance(piece, Text) or piece.text:
            out.append(piece)
    return out


def _paragraph(inlines: list[Inline]) -> str:
    """Inline content as a paragraph's lines. Markdown cannot mark every run of characters
    (emphasis must open and close beside a word's edge, not between two marks inside a word);
    such marks are left out rather than written as stray asterisks."""
    pieces = _trimmed(inlines)
    text = _lines(pieces)
    if not any(isinstance(p, Text) and p.marks - {CODE} for p in pieces):
        return text
    if _reads_back(pieces, text):
        return text
    for fallback in (_unmarked_inside_words(pieces), _plain(pieces)):
        text = _lines(fallback)
        if _reads_back(fallback, text):
            return text
    return text


def _plain(inlines: list[Inline]) -> list[Inline]:
    return [Text(p.text, p.marks & {CODE}, p.link) if isinstance(p, Text) else p for p in inlines]


def _trimmed(inlines: list[Inline]) -> list[Inline]:
    """Without the spaces a Markdown block would drop at its start and end."""
    pieces = list(inlines)

    def blank(piece: Inline) -> bool:
        return isinstance(piece, Text) and not piece.text.strip() and CODE not in piece.marks

    while pieces and (blank(pieces[0]) or isinstance(pieces[0], Break)):
        pieces.pop(0)
    while pieces and (blank(pieces[-1]) or isinstance(pieces[-1], Break)):
        pieces.pop()
    if pieces and isinstance(pieces[0], Text) and CODE not in pieces[0].marks:
        first = pieces[0]
        pieces[0] = Text(first.text.lstrip(), first.marks, first.link)
    if pieces and isinstance(pieces[-1], Text) and CODE not in pieces[-1].marks:
        last = pieces[-1]
        pieces[-1] = Text(last.text.rstrip(), last.marks, last.link)
    return pieces


def _one_line(inlines: list[Inline]) -> str:
    """Inline content on one line (line breaks become spaces): a heading, a question."""
    return _paragraph([Text(" ") if isinstance(p, Break) else p for p in inlines])


def _heading(block: Heading) -> str:
    text = _one_line(block.inlines)
    if text.endswith("#"):
        text = text[:-1] + "\\#"  # a closing "#" sequence would be dropped
    level = max(1, min(6, block.level))
    return f"{'#' * level} {text}".rstrip() if text else ""


def _list(block: ListBlock, bullet: str = "-") -> str:
    lines: list[str] = []
    number = block.start
    delimiter = ")" if bullet == "*" else "."
    for item in block.items:
        marker = f"{number}{delimiter} " if block.ordered else f"{bullet} "
        number += 1
        indent = " " * len(marker)
        body = _paragraph(item.inlines).split("\n")
        lines.append((marker + body[0]).rstrip())
        lines += [(indent + line).rstrip() for line in body[1:]]
        for child in item.children:
            nested = _list(child, "*" if bullet == "-" else "-")
            lines += [(indent + line).rstrip() for line in nested.split("\n")]
    return "\n".join(lines)


def _quote(block: Quote) -> str:
    parts = [_paragraph(p.inlines) for p in block.paragraphs]
    text = "\n\n".join(p for p in parts if p)
    return "\n".join(f"> {line}".rstrip() for line in text.split("\n")) if text else ""


def _flow(blocks: list[Flow] | list[Block]) -> list[str]:
    out: list[str] = []
    previous: Block | None = None
    bullet = "-"
    for block in blocks:
        if isinstance(block, Paragraph):
            text = _paragraph(block.inlines)
        elif isinstance(block, Heading):
            text = _heading(block)
        elif isinstance(block, ListBlock):
            # Two lists in a row stay two lists: the second takes the other bullet.
            same = isinstance(previous, ListBlock) and previous.ordered == block.ordered
            bullet = ("*" if bullet == "-" else "-") if same else "-"
            text = _list(block, bullet)
        elif isinstance(block, Quote):
            text = _quote(block)
        elif isinstance(block, RawBlock):
            text = block.markdown.strip("\n")
        elif isinstance(block, Check):
            inner = "\n\n".join(_flow(block.blocks))
            text = f"::: {markup.CHECK}\n{inner}\n:::" if inner else f"::: {markup.CHECK}\n:::"
        elif isinstance(block, Callout):
            inner = "\n\n".join(_flow(block.blocks))
            label = markup.callout_label(block.label)
            text = f"::: {markup.CALLOUT} {label}\n{inner}\n:::" if inner else ""
            text = text or f"::: {markup.CALLOUT} {label}\n:::"
        else:
            question = _one_line(block.question)
            # The first paragraph is the question: an empty one still holds its place.
            has_head = bool(question or block.blocks)
            head = [f"**{markup.QUESTION_PREFIX}** {question}".rstrip()] if has_head else []
            body = "\n\n".join(head + _flow(block.blocks))
            text = f"::: {markup.QA}\n{body}\n:::" if body else f"::: {markup.QA}\n:::"
        if text:
            out.append(text)
            previous = block
    return out


def write_markdown(doc: Doc) -> str:
    """``doc`` as a section's Briefing Markdown (blocks apart by one blank line, a line end
    after the last, as drafting writes a section)."""
    text = "\n\n".join(_flow(doc.blocks))
    return text + "\n" if text else ""


def normalise(markdown: str) -> str:
    """A section's Markdown as the formatted editor writes it (stable: normalising twice
    gives the same text)."""
    from briefing.core.model.richtext_read import read_markdown

    return write_markdown(read_markdown(markdown))


__all__ = ["QA", "escape_text", "normalise", "write_inlines", "write_markdown"]
