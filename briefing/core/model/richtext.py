"""A section's text as formatted content: what the editor shows instead of Markdown.

The editor's formatted view edits this neutral structure (no Qt here); :mod:`.richtext_read`
makes it from a section's Briefing Markdown and :mod:`.richtext_write` writes it back, so the
file format stays the dialect of :mod:`.markup`. Inline content is a flat run of pieces:

- :class:`Text`: characters with their marks (``bold``, ``italic``, ``strike``, ``code``) and
  the link they belong to, if any;
- :class:`Cite`: a citation ``[@s1; @s3]``, shown as one chip that is deleted whole;
- :class:`Break`: a line break inside a paragraph;
- :class:`RawInline`: Markdown the editor keeps as written (an image, a footnote mark).

Blocks are paragraphs, headings, bulleted and numbered lists (nested), quotes, callouts with
their label, question-and-answer pairs, the analyst's check notes, and :class:`RawBlock` for
what has no formatted form here (tables, code, footnote texts), kept exactly as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BOLD, ITALIC, STRIKE, CODE = "bold", "italic", "strike", "code"
MARKS = (BOLD, ITALIC, STRIKE, CODE)


@dataclass(frozen=True)
class Text:
    text: str
    marks: frozenset[str] = frozenset()
    link: str | None = None  # the target of the link the text belongs to


@dataclass(frozen=True)
class Cite:
    ids: tuple[str, ...]


@dataclass(frozen=True)
class Break:
    pass


@dataclass(frozen=True)
class RawInline:
    markdown: str


Inline = Text | Cite | Break | RawInline


@dataclass
class Paragraph:
    inlines: list[Inline] = field(default_factory=list)


@dataclass
class Heading:
    level: int
    inlines: list[Inline] = field(default_factory=list)


@dataclass
class ListItem:
    inlines: list[Inline] = field(default_factory=list)
    children: list[ListBlock] = field(default_factory=list)  # nested lists


@dataclass
class ListBlock:
    ordered: bool
    items: list[ListItem] = field(default_factory=list)
    start: int = 1


@dataclass
class Quote:
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass
class RawBlock:
    markdown: str


Flow = Paragraph | Heading | ListBlock | Quote | RawBlock  # what a container may hold


@dataclass
class Callout:
    label: str
    blocks: list[Flow] = field(default_factory=list)


@dataclass
class QA:
    question: list[Inline] = field(default_factory=list)
    blocks: list[Flow] = field(default_factory=list)  # the answer


@dataclass
class Check:
    """A note for the analyst (``::: check``): shown, never printed as content."""

    blocks: list[Flow] = field(default_factory=list)


Block = Flow | Callout | QA | Check


@dataclass
class Doc:
    blocks: list[Block] = field(default_factory=list)


def inline_text(inlines: list[Inline]) -> str:
    """The characters a reader sees (citations and kept Markdown left out)."""
    parts = []
    for piece in inlines:
        if isinstance(piece, Text):
            parts.append(piece.text)
        elif isinstance(piece, Break):
            parts.append("\n")
    return "".join(parts)


def _flow_text(block: Flow) -> list[str]:
    if isinstance(block, Paragraph | Heading):
        return [inline_text(block.inlines)]
    if isinstance(block, Quote):
        return [inline_text(p.inlines) for p in block.paragraphs]
    if isinstance(block, ListBlock):
        out: list[str] = []
        for item in block.items:
            out.append(inline_text(item.inlines))
            for child in item.children:
                out += _flow_text(child)
        return out
    return []  # raw Markdown: tables and code are not prose


def plain_text(doc: Doc) -> str:
    """The prose of ``doc``, block by block (callout labels, check notes, citations, tables
    and code are not prose)."""
    parts: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Check):
            continue
        if isinstance(block, Callout):
            for inner in block.blocks:
                parts += _flow_text(inner)
        elif isinstance(block, QA):
            parts.append(inline_text(block.question))
            for inner in block.blocks:
                parts += _flow_text(inner)
        else:
            parts += _flow_text(block)
    return "\n\n".join(p for p in parts if p)
