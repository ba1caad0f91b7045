"""Editing a briefing's sections: their text, the list itself, and source blocks inserted as
cited passages.

Every operation changes the briefing in place and returns the :class:`Changes` it made (empty
when there was nothing to do).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from briefing.core.analysis import split_sentences
from briefing.core.drafting.writing import block_passage, plain
from briefing.core.editing.changes import NOTHING, Changes
from briefing.core.model.document import Briefing, Origin, Section
from briefing.core.model.ids import slug, unique_id
from briefing.core.model.richtext import Doc
from briefing.core.model.richtext_read import read_markdown
from briefing.core.model.richtext_write import write_markdown


@dataclass(frozen=True)
class BlockRef:
    """Some blocks of one source, in order (what a drag from the Sources pane carries)."""

    source: str
    blocks: tuple[str, ...]


def set_section_text(briefing: Briefing, section_id: str, markdown: str) -> Changes:
    """Replace a section's Markdown."""
    section = briefing.section(section_id)
    if section is None or section.markdown == markdown:
        return NOTHING
    section.markdown = markdown
    return Changes(text=frozenset({section_id}))


def new_section_id(briefing: Briefing, title: str) -> str:
    """A section id made from ``title`` that no section of ``briefing`` has yet."""
    return unique_id(slug(title, "section"), {s.id for s in briefing.sections})


def add_section(
    briefing: Briefing, title: str, index: int | None = None, *, section_id: str | None = None
) -> Changes:
    """Insert a new empty section at ``index`` (``None``: at the end)."""
    sid = section_id or new_section_id(briefing, title)
    at = len(briefing.sections) if index is None else max(0, min(index, len(briefing.sections)))
    briefing.sections.insert(at, Section(id=sid, title=title.strip() or "New section"))
    return Changes(sections=True)


def remove_section(briefing: Briefing, section_id: str) -> Changes:
    kept = [s for s in briefing.sections if s.id != section_id]
    if len(kept) == len(briefing.sections):
        return NOTHING
    briefing.sections = kept
    return Changes(sections=True, origins=True)


def rename_section(briefing: Briefing, section_id: str, title: str) -> Changes:
    """Give a section a new title (blank titles are refused: nothing changes)."""
    section = briefing.section(section_id)
    if section is None or not title.strip() or title.strip() == section.title:
        return NOTHING
    section.title = title.strip()
    return Changes(sections=True)


def move_section(briefing: Briefing, section_id: str, delta: int) -> Changes:
    """Move a section ``delta`` places down (negative: up), stopping at either end."""
    ids = [s.id for s in briefing.sections]
    if section_id not in ids:
        return NOTHING
    old = ids.index(section_id)
    new = max(0, min(len(ids) - 1, old + delta))
    if new == old:
        return NOTHING
    briefing.sections.insert(new, briefing.sections.pop(old))
    return Changes(sections=True)


def block_offset(markdown: str, before_block: int) -> tuple[str, int]:
    """The section's Markdown as the formatted editor writes it, and the character offset at
    which its block number ``before_block`` starts (the end when there are fewer blocks)."""
    doc = read_markdown(markdown)
    normal = write_markdown(doc)
    if before_block >= len(doc.blocks):
        return normal, len(normal)
    return normal, len(write_markdown(Doc(doc.blocks[: max(0, before_block)])))


def insert_blocks(
    briefing: Briefing,
    section_id: str,
    refs: Iterable[BlockRef],
    position: int | None = None,
    *,
    before_block: int | None = None,
) -> Changes:
    """Insert source blocks as cited Markdown into a section and record their origins.

    Each block is written as drafting writes it (:func:`.writing.block_passage`), and a
    sentence already in the section is not written twice: a block a condensed draft used in
    part adds what was left out. ``position`` is a character offset in the section's Markdown
    (``None`` appends), or ``before_block`` the number of the formatted text's block the
    passages go before (the formatted editor's drop point; see :func:`block_offset`). The
    passages stand apart from the text around them as paragraphs of their own. Unknown sources
    and blocks are skipped; nothing changes when none is left.
    """
    section = briefing.section(section_id)
    if section is None:
        return NOTHING
    present = " ".join(section.markdown.split())
    passages: list[str] = []
    origins: list[Origin] = []
    for ref in refs:
        article = briefing.source(ref.source)
        if article is None:
            continue
        split = split_sentences(article)
        there = {plain(s.text) for s in split if plain(s.text) in present}
        for block_id in ref.blocks:
            block = article.block(block_id)
            if block is None:
                continue
            passage = block_passage(article, block, there, split)
            if passage:
                passages.append(passage)
                origins.append(Origin(article.id, block.id))
    if not passages:
        return NOTHING
    md = section.markdown
    if before_block is not None:
        md, position = block_offset(md, before_block)
    at = len(md) if position is None else max(0, min(position, len(md)))
    before, after = md[:at].rstrip("\n"), md[at:].lstrip("\n")
    joined = "\n\n".join(p for p in (before, "\n\n".join(passages), after) if p)
    section.markdown = joined + "\n" if md.endswith("\n") else joined  # as it ended
    known = {(o.source, o.block) for o in section.origins}
    section.origins += [o for o in origins if (o.source, o.block) not in known]
    return Changes(text=frozenset({section_id}), origins=True)


def used_blocks(briefing: Briefing) -> set[tuple[str, str]]:
    """(source id, block id) pairs some section already draws on."""
    return {(o.source, o.block) for s in briefing.sections for o in s.origins}


@dataclass(frozen=True)
class BlockUse:
    """How much of a source block the briefing uses: its sentences in some section."""

    used: int
    total: int
    left_out: tuple[str, ...] = ()  # the sentences not in any section, as written

    @property
    def partly(self) -> bool:
        return 0 < self.used < self.total


def block_usage(briefing: Briefing) -> dict[tuple[str, str], BlockUse]:
    """For each block a section draws on, how many of its sentences are in the text.

    A block recorded in a section's origins counts as used even when none of its own sentences
    is there: a near-duplicate from another source stands for it (corroboration). Blocks no
    section draws on are not listed."""
    used = used_blocks(briefing)
    text = " ".join(" ".join(s.markdown.split()) for s in briefing.sections)
    out: dict[tuple[str, str], BlockUse] = {}
    for article in briefing.sources:
        by_block: dict[str, list[str]] = {}
        for sentence in split_sentences(article):
            by_block.setdefault(sentence.block, []).append(plain(sentence.text))
        for block in article.blocks:
            key = (article.id, block.id)
            sentences = by_block.get(block.id, [])
            inside = [t for t in sentences if t in text]
            if not inside and key not in used:
                continue
            if not sentences or (not inside and key in used):
                out[key] = BlockUse(1, 1)
                continue
            left = tuple(t for t in sentences if t not in text)
            out[key] = BlockUse(len(inside), len(sentences), left)
    return out
