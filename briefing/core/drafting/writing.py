"""Chosen sentences as Briefing Markdown: paragraphs, lists, quotes and callouts, cited by run.

The one place that turns verbatim sentences into section text, for drafting, for condensing
and expanding a section again, and for source blocks sent to a section, so the three write
the same Markdown for the same sentences. A citation ends each run of consecutive sentences
that stand for the same sources (``A. B. [@s1] C. [@s1; @s3]``), so a reader's footnote marks
where the text of one source ends.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from briefing.core.analysis import Sentence, split_sentences
from briefing.core.model import markup
from briefing.core.model.article import Article, Block

__all__ = ["Piece", "block_passage", "chunk_markdown", "chunks", "plain", "run_text"]

PARAGRAPH_WORDS = 110  # a paragraph longer than this breaks where the source's block does
SHORT_WORDS = 25  # a paragraph shorter than this joins the one before it


@dataclass(frozen=True)
class Piece:
    """A sentence to write and the sources it is cited to (its own first)."""

    sentence: Sentence
    sources: tuple[str, ...]
    group: int = 0  # pieces of one group share a paragraph (a theme); a new group breaks it

    @property
    def kind(self) -> str:
        return self.sentence.kind


def plain(text: str) -> str:
    """A sentence on one line: its inner whitespace (soft line breaks) made single spaces."""
    return " ".join(text.split())


def _cited(pieces: Sequence[Piece]) -> list[str]:
    """Each piece's text, a citation after the last of each run of the same sources."""
    out: list[str] = []
    for n, piece in enumerate(pieces):
        out.append(plain(piece.sentence.text))
        last = n + 1 == len(pieces) or pieces[n + 1].sources != piece.sources
        mark = markup.citation(*piece.sources) if last else ""
        if mark:
            out[-1] = f"{out[-1]} {mark}"
    return out


def run_text(pieces: Sequence[Piece]) -> str:
    """Sentences in a row, a citation ending each run of the same sources."""
    return markup.escape(" ".join(_cited(pieces)))


def _breaks(previous: Piece, piece: Piece, words: int) -> bool:
    """Does ``piece`` start a new chunk after ``previous`` (``words`` already in the chunk)?"""
    if piece.group != previous.group or piece.kind != previous.kind:
        return True
    a, b = previous.sentence, piece.sentence
    same_block = (a.source, a.block) == (b.source, b.block)
    if piece.kind in ("callout", "quote", "list"):
        return not same_block
    return not same_block and words >= PARAGRAPH_WORDS


def chunks(pieces: Sequence[Piece]) -> list[list[Piece]]:
    """``pieces`` cut into chunks: a paragraph per group (broken when long), and a quote, a
    list or a callout per source block. A paragraph of a sentence or two that would stand
    alone joins the paragraph before it, so the text does not read as a list of one-liners."""
    out: list[list[Piece]] = []
    words = 0
    for piece in pieces:
        if out and not _breaks(out[-1][-1], piece, words):
            out[-1].append(piece)
            words += piece.sentence.words
        else:
            out.append([piece])
            words = piece.sentence.words
    merged: list[list[Piece]] = []
    for chunk in out:
        short = sum(p.sentence.words for p in chunk) < SHORT_WORDS
        if short and merged and chunk[0].kind == merged[-1][0].kind == "paragraph":
            merged[-1] = merged[-1] + chunk
        else:
            merged.append(chunk)
    return merged


def chunk_markdown(chunk: Sequence[Piece]) -> str:
    """One chunk as Markdown: a paragraph, a quote, a list (a line per sentence) or a callout."""
    kind = chunk[0].kind
    if kind == "list":
        return "\n".join(f"- {markup.escape(line)}" for line in _cited(chunk))
    if kind == "quote":
        return markup.quote(run_text(chunk))
    if kind == "callout":
        label = chunk[0].sentence.label
        return f"::: {markup.CALLOUT} {markup.callout_label(label)}\n{run_text(chunk)}\n:::"
    return run_text(chunk)


def block_passage(
    article: Article, block: Block, skip: Collection[str] = (), split: list[Sentence] | None = None
) -> str:
    """A source block as drafting writes its sentences (``""`` when nothing is left).

    Sentences whose :func:`plain` text is in ``skip`` (already in the section) are left out,
    so a block half used by a condensed draft adds only what was left out. Headings and Q&A
    pairs are written whole (see :func:`briefing.core.model.markup.block_markdown`).
    """
    if block.kind not in ("paragraph", "list", "quote", "callout"):
        return markup.block_markdown(block, article.id)
    sentences = [
        s for s in (split if split is not None else split_sentences(article)) if s.block == block.id
    ]
    pieces = [Piece(s, (article.id,)) for s in sentences if plain(s.text) not in skip]
    if not pieces:
        return "" if sentences else markup.block_markdown(block, article.id)
    return "\n\n".join(chunk_markdown(c) for c in chunks(pieces))
