"""Sentences of an article: a rule-based splitter for English news prose.

Each :class:`Sentence` is a verbatim slice of its block's text (``block.text[start:end]``) and
carries where it came from (source id, block id, its index in the article and in the block), so
whatever is drafted from it can be cited and traced back.

The splitter never breaks inside a Markdown link, an inline code span, a citation (``[@s1]``),
a URL or an e-mail address, or an emphasis span that closes within the block; a citation that
follows a full stop stays with the sentence before it. A full stop ends a sentence unless it
follows an abbreviation or an initial ("Dr.", "U.S.", "J. K. Rowling"), and even then it does
when the next word can only start a sentence ("... in the U.S. The plan ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.core.analysis.labels import is_takeaway_label
from briefing.core.analysis.terms import word_set
from briefing.core.model.article import Article, Block, BlockKind

__all__ = ["Sentence", "narrative_sentences", "split_sentences", "split_text", "word_count"]

DEFAULT_KINDS: tuple[BlockKind, ...] = ("paragraph", "list", "quote", "callout")


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article, verbatim, with where it stands."""

    text: str  # verbatim: block.text[start:end]
    source: str  # the article's id, e.g. "s1"
    block: str  # the block's id
    index: int  # position among the article's sentences (0-based)
    position: int  # position within its block (0-based)
    start: int  # character offsets into block.text
    end: int
    kind: BlockKind = "paragraph"
    paragraph: int = 0  # ordinal of its block among the article's text blocks (0 = lead)
    heading: str = ""  # the nearest heading above it, "" before the first
    label: str = ""  # the callout's label, for sentences of callouts

    @property
    def words(self) -> int:
        """Words in the sentence, as a budget counts them."""
        return word_count(self.text)


_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
_CITATION = re.compile(r"\[@[^\]\n]*\]")


def word_count(text: str) -> int:
    """Words as a reader counts them: Markdown link targets and citations left out."""
    return len(_WORD.findall(_CITATION.sub(" ", _LINK_TARGET.sub("]", text))))


# Spans a boundary may not fall in: links, images, citations, code, URLs, e-mail addresses.
# Spans a boundary may not fall in, each with the character that must be present for it to
# occur (so most sentences skip most patterns): links, citations, code, URLs, e-mail addresses,
# emphasis.
_PROTECTED: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("](", re.compile(r"!?\[[^\]\n]*\]\([^)\s]*\)")),  # [text](url), ![alt](src)
    ("[@", re.compile(r"\[@[^\]\n]*\]")),  # [@s1; @s3]
    ("`", re.compile(r"`[^`\n]+`")),
    ("/", re.compile(r"\b(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)\]]")),
    ("www.", re.compile(r"\bwww\.[^\s<>\"]+[^\s<>\".,;:!?)\]]")),
    ("@", re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    ("*", re.compile(r"\*\*(?=\S)[^\n]*?\S\*\*|(?<![\w*])\*(?=[^\s*])[^*\n]*?[^\s*]\*(?![\w*])")),
    ("_", re.compile(r"__(?=\S)[^\n]*?\S__|(?<![\w_])_(?=[^\s_])[^_\n]*?[^\s_]_(?![\w_])")),
)
# A candidate end: terminal punctuation, then closing quotes/brackets/emphasis, then space.
_END = re.compile(r"(?:\.{3}|…|[.!?]+)[\"”’'»)\]*_]*(?=\s|$)")
_OPENERS = "\"“‘'«([*_"

# Abbreviations after which a full stop rarely ends a sentence (lower-case, without dots).
_TITLES = word_set(
    "mr mrs ms mx dr prof sen rep gov gen col lt sgt capt cmdr adm maj brig st mt jr sr rev "
    "hon pres supt insp det fr sr"
)
_ABBREVIATIONS = word_set(
    "no nos vs etc approx est dept univ inc ltd co corp plc llc bros assn ave blvd rd "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat "
    "sun fig figs vol vols pp ed eds cf al op ch art sec para govt intl natl"
)
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}$")  # U.S., e.g., a.m., U.K.
_NUMERIC_ABBREV = frozenset({"no", "nos", "fig", "figs", "vol", "vols", "pp", "art", "sec", "ch"})
# Words that begin sentences but hardly ever follow "U.S." or an initial inside one.
_STARTERS = word_set(
    "a an the it its he she they we i you this that these those there here his her their our "
    "my but and or so yet if when while after before as in on at for from by with without "
    "since although though however meanwhile still also then now later earlier today "
    "yesterday tomorrow last next some many most few several all both each every no not "
    "what who why how where which one two three officials analysts critics experts"
)


def _protected_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for hint, regex in _PROTECTED if hint in text for m in regex.finditer(text)]


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """True when a mark ``[start, end)`` sits in a span and the span goes on after it."""
    return any(a < start and end < b for a, b in spans)


def _next_word(text: str, pos: int) -> tuple[str, int]:
    """The next word after ``pos`` (openers skipped) and the index of its first character."""
    i = pos
    while i < len(text) and (text[i].isspace() or text[i] in _OPENERS):
        i += 1
    m = re.match(r"[\w’'-]+", text[i:])
    return (m.group(0) if m else ""), i


def _word_before(text: str, end: int) -> str:
    """The run of word characters, dots, apostrophes and hyphens that ends at ``end``."""
    i = end
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] in "_.’'-"):
        i -= 1
    return text[i:end]


def _is_boundary(text: str, mark_start: int, mark_end: int, spans: list[tuple[int, int]]) -> bool:
    if _inside(mark_start, mark_end, spans):
        return False
    after = mark_end + len(text[mark_end:]) - len(text[mark_end:].lstrip())
    cite = _CITATION.match(text, after)
    word, at = _next_word(text, cite.end() if cite else mark_end)
    if at >= len(text):
        return True
    first = text[at]
    if first == "<" and re.match(r"</?[A-Za-z!]", text[at : at + 3]):
        return True  # raw HTML pasted after a sentence is not part of it
    if not (first.isupper() or first.isdigit()):
        return False
    mark = text[mark_start:mark_end].rstrip("\"”’'»)]*_")
    if mark != ".":
        return True  # ? ! ... followed by a capital
    before = _word_before(text, mark_start + 1)  # includes the full stop
    bare = before.rstrip(".").lower()
    lower_next = word.lower()
    if bare in _TITLES:
        return False
    if bare in _NUMERIC_ABBREV and first.isdigit():
        return False
    unit = text[max(0, mark_start - 2) : mark_start - 1] in ("°", "º")  # "-30 °C."
    if len(bare) == 1 and bare.isalpha() and before[:1].isupper() and not unit:
        return lower_next in _STARTERS  # an initial: "John F. Kennedy"
    if _DOTTED.search(before) or bare in _ABBREVIATIONS:
        return lower_next in _STARTERS
    return True


def split_text(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of one piece of prose, leading/trailing space trimmed."""
    spans = _protected_spans(text)
    cuts: list[int] = []
    for m in _END.finditer(text):
        if not _is_boundary(text, m.start(), m.end(), spans):
            continue
        end = m.end()
        cite = _CITATION.match(text, end + len(text[end:]) - len(text[end:].lstrip()))
        if cite:  # "... in March. [@s2]" keeps its citation
            end = cite.end()
        cuts.append(end)
    out: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(text)]:
        a, b = start, cut
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
        start = max(start, cut)
    return out


_LIST_MARK = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+")
_QUOTE_MARK = re.compile(r"^[ \t]*(?:>[ \t]?)+")


def _pieces(block: Block) -> list[tuple[int, int]]:
    """Ranges of a block's text that are prose: one per list item / quote line / paragraph."""
    text = block.text
    if block.kind not in ("list", "quote"):
        return [(0, len(text))]
    out = []
    pos = 0
    for line in text.split("\n"):
        marker = (_LIST_MARK if block.kind == "list" else _QUOTE_MARK).match(line)
        skip = marker.end() if marker else 0
        out.append((pos + skip, pos + len(line)))
        pos += len(line) + 1
    return out


def split_sentences(
    article: Article, kinds: tuple[BlockKind, ...] = DEFAULT_KINDS
) -> list[Sentence]:
    """The article's sentences, in order, from blocks of ``kinds`` (headings are context)."""
    out: list[Sentence] = []
    heading = ""
    paragraph = 0
    for block in article.blocks:
        if block.kind == "heading":
            heading = " ".join(block.text.split())
            continue
        if block.kind not in kinds:
            continue
        position = 0
        for lo, hi in _pieces(block):
            for a, b in split_text(block.text[lo:hi]):
                out.append(
                    Sentence(
                        text=block.text[lo + a : lo + b],
                        source=article.id,
                        block=block.id,
                        index=len(out),
                        position=position,
                        start=lo + a,
                        end=lo + b,
                        kind=block.kind,
                        paragraph=paragraph,
                        heading=heading,
                        label=(block.label or "").strip() if block.kind == "callout" else "",
                    )
                )
                position += 1
        paragraph += 1
    return out


def narrative_sentences(
    article: Article, sentences: list[Sentence] | None = None
) -> list[Sentence]:
    """Sentences a Background may draw on: prose, lists, quotes and callouts that are not the
    article's own takeaway (those go to Key Takeaway). Pass ``sentences`` if already split."""
    return [
        s
        for s in (sentences if sentences is not None else split_sentences(article))
        if s.kind in DEFAULT_KINDS
        and (s.kind != "callout" or not is_takeaway_label(s.label.rstrip(":")))
    ]
