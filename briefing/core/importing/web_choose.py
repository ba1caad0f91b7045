"""Choosing the article between two extractors' readings of a page, by agreement and density.

trafilatura and readability-lxml fail in different ways: trafilatura sometimes keeps one of
several containers, a teaser list, a sidebar or a notice; readability sometimes takes the
comments, a link list or only one post. Neither is trusted alone. Each reading is split into
blocks and every block is checked against the other reading (how many of its 4-word shingles
the other found too); then:

* where the two agree, trafilatura's blocks are kept (its markup is the more careful);
* text that only one of them found is kept if it is *article-like* (prose: long blocks, few
  links) and, when it stands outside the stretch both agree on, only if it is a substantial
  run of prose rather than a teaser, a notice or a list of links;
* where they do not agree at all, the reading with more prose wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.core.importing import chrome
from briefing.core.model.article import Block

AGREE = 0.5  # a block is confirmed when the other reading holds this share of its shingles
LINKY = 0.5  # a block with more of its words in links than this is navigation
PROSE_WORDS = 12  # a block of prose has at least this many words
MAX_PENDING = 3  # more short lines in a row than this end the article's text
TITLED_ODDS = 5  # the reading under the headline wins unless the other has 5x the prose
OUTSIDE_SHARE = 0.7  # prose found beyond the agreed stretch must be this big beside it
# trafilatura's reading stands alone when it holds this share of the page's paragraph text
# and at most this much text in all (pages with less paragraph text are always compared).
SETTLED_COVER = 0.6
SETTLED_EXTRA = 1.2
SETTLED_MIN_WORDS = 100
_LINK = re.compile(r"\[([^\[\]]*)\]\([^)\s]*\)")  # no "[" inside: linear on "[[[..."
_WORD = re.compile(r"\w+")


@dataclass
class _Info:
    block: Block
    words: int
    link_words: int
    shingles: frozenset[tuple[str, ...]]
    agreed: bool = False

    @property
    def prose(self) -> bool:
        return (
            self.block.kind in ("paragraph", "quote", "callout", "qa")
            and self.words >= PROSE_WORDS
            and self.link_words <= LINKY * self.words
        )


def _tokens(text: str) -> list[str]:
    return _WORD.findall(_LINK.sub(r"\1", text).lower())


def _shingle_set(tokens: Sequence[str]) -> frozenset[tuple[str, ...]]:
    if len(tokens) < 4:
        return frozenset({tuple(tokens)}) if tokens else frozenset()
    return frozenset(zip(tokens, tokens[1:], tokens[2:], tokens[3:], strict=False))


def _info(block: Block) -> _Info:
    tokens = _tokens(block.text)
    link_words = sum(len(_WORD.findall(m.group(1))) for m in _LINK.finditer(block.text))
    return _Info(block, len(tokens), link_words, _shingle_set(tokens))


def _mark(infos: list[_Info], other: frozenset[tuple[str, ...]]) -> None:
    for info in infos:
        if info.shingles:
            info.agreed = len(info.shingles & other) >= AGREE * len(info.shingles)


def _prose_words(infos: list[_Info]) -> int:
    return sum(i.words for i in infos if i.prose)


def settled(first: list[Block], paragraphs: list[str]) -> bool:
    """Whether trafilatura's reading needs no second opinion: it holds nearly all of the
    page's paragraph text (``<p>`` elements of some length) and little else, so there is no
    missing container to find and no furniture around it to weigh. (A paragraph counts as
    held when its opening words are in the reading: a cheap test, run on every page.)"""
    page = [(p, n) for p in paragraphs if (n := len(p.split())) >= PROSE_WORDS]
    page_words = sum(n for _, n in page)
    if page_words < SETTLED_MIN_WORDS:
        return False
    found = " ".join(_tokens(" ".join(b.text for b in first)))
    found_words = found.count(" ") + 1 if found else 0
    held = sum(n for p, n in page if " ".join(_tokens(p[:200])[:8]) in found)
    return held >= SETTLED_COVER * page_words and found_words <= SETTLED_EXTRA * page_words


def choose_blocks(first: list[Block], second: list[Block], title: str = "") -> list[Block]:
    """The article's blocks from trafilatura's reading (``first``) and readability's
    (``second``), by agreement and density (see the module docstring); ``title`` is the
    page's headline, if known."""
    a, b = [_info(x) for x in first], [_info(x) for x in second]
    all_a = frozenset().union(*(i.shingles for i in a)) if a else frozenset()
    all_b = frozenset().union(*(i.shingles for i in b)) if b else frozenset()
    if not all_a or not all_b:
        return first if all_a else second
    _mark(a, all_b)
    _mark(b, all_a)
    agreed_words = sum(i.words for i in a if i.agreed)
    if agreed_words < 0.2 * min(sum(i.words for i in a), sum(i.words for i in b)):
        # Two different readings of the page: the one under the headline, else the one
        # with more prose.
        prose_a, prose_b = _prose_words(a), _prose_words(b)
        a_titled, b_titled = _has_title(a, title), _has_title(b, title)
        if a_titled and not b_titled and prose_b <= TITLED_ODDS * max(prose_a, PROSE_WORDS):
            return first
        if b_titled and not a_titled and prose_a <= TITLED_ODDS * max(prose_b, PROSE_WORDS):
            return second
        return first if prose_a >= prose_b else second
    kept = _keep(a)
    extra = [i for i in _keep(b) if not i.agreed]
    if not extra:
        return [i.block for i in kept]
    return _interleave(kept, b, {id(i) for i in extra})


def _has_title(infos: list[_Info], title: str) -> bool:
    """Whether one of the first blocks is the headline."""
    key = " ".join(_tokens(title))
    return bool(key) and any(" ".join(_tokens(i.block.text)) == key for i in infos[:3])


def _keep(infos: list[_Info]) -> list[_Info]:
    """The agreed blocks, what article-like text lies between them, and prose that
    continues the agreed stretch before or after it (up to the first block that is not)."""
    agreed = [n for n, i in enumerate(infos) if i.agreed and i.block.kind != "heading"]
    if not agreed:
        return [i for i in infos if i.agreed]
    lo, hi = agreed[0], agreed[-1]
    keep = [False] * len(infos)
    for n in range(lo, hi + 1):
        info = infos[n]
        keep[n] = (
            info.agreed
            or info.prose
            or (info.block.kind in ("heading", "list") and not _linky(info))
        )
    agreed_words = sum(i.words for i in infos if i.agreed)
    # A furniture line that recurs ("3 comments", "Read more" under each post of a blog's
    # front page) closes an item, not the article: the posts after it are read on.
    seen: dict[str, int] = {}
    for info in infos:
        if not info.prose:
            key = " ".join(_tokens(info.block.text))
            seen[key] = seen.get(key, 0) + 1
    repeated = {key for key, count in seen.items() if count > 1}
    for outward in (range(lo - 1, -1, -1), range(hi + 1, len(infos))):
        run = _outward_run(infos, outward, repeated)
        if sum(infos[n].words for n in run) >= OUTSIDE_SHARE * agreed_words:
            for n in run:
                keep[n] = True
    return [info for n, info in enumerate(infos) if keep[n]]


def _outward_run(infos: list[_Info], outward: range, repeated: set[str]) -> list[int]:
    """The prose continuing the agreed stretch in one direction: up to a barrier (a
    furniture line, unless it is one of the ``repeated`` item footers), with the short lines
    and headings between its paragraphs, and no trailing short lines."""
    run: list[int] = []
    pending: list[int] = []  # short lines and headings, kept only if prose follows
    for n in outward:
        info = infos[n]
        if _barrier(info) and " ".join(_tokens(info.block.text)) not in repeated:
            break
        if not info.prose:
            pending.append(n)
            if len(pending) > MAX_PENDING:
                break
            continue
        run += [*pending, n]
        pending = []
    return run


def _barrier(info: _Info) -> bool:
    """Where the article's text ends: a link list, a chrome line, a "Related"/"Comments"
    header."""
    text = info.block.text
    return _linky(info) or chrome.is_end_marker(text) or chrome.is_chrome(text)


def _linky(info: _Info) -> bool:
    return info.link_words > LINKY * max(1, info.words)


def _interleave(kept: list[_Info], other: list[_Info], extra: set[int]) -> list[Block]:
    """``kept`` in order, with the other reading's extra blocks placed after the kept block
    that matches the other reading's last agreed block before them."""
    where: dict[tuple[str, ...], int] = {}  # shingle -> first kept block holding it
    for n, info in enumerate(kept):
        for shingle in info.shingles:
            where.setdefault(shingle, n)
    inserts: dict[int, list[Block]] = {}
    last = -1  # the kept block the next extra block follows (-1: the start)
    for info in other:
        if info.agreed:
            votes: dict[int, int] = {}
            for shingle in info.shingles:
                found = where.get(shingle)
                if found is not None:
                    votes[found] = votes.get(found, 0) + 1
            if votes:
                last = max(votes, key=lambda k: (votes[k], -k))
        elif id(info) in extra:
            inserts.setdefault(last, []).append(info.block)
    result = list(inserts.get(-1, []))
    for n, info in enumerate(kept):
        result.append(info.block)
        result.extend(inserts.get(n, []))
    return result
