"""Extractive condensation: whole sentences, chosen for centrality and coverage, to a word budget.

Sentences are ranked by LexRank (PageRank on the TF-IDF cosine graph) personalised by priors
for the lead of each article and for overlap with the title and the sentence's own heading.
The pick order is MMR (maximal marginal relevance): the best-ranked sentence first, then each
next one scored down by its similarity to those already taken; near-duplicates of a taken
sentence are never taken and instead become extra origins of it (corroboration), unless
the two disagree on a figure or a date. Separate stories take turns in the order.

That order does not depend on the budget, and a budget takes the longest run of it that fits
(stepping over only a sentence too long for that budget on its own), so the 150-word
selection is the top of the 300-word one: ``condense(selection_300, 150)`` gives exactly
``condense(sentences, 150)``, and expanding again walks further down the same order.
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from briefing.core.analysis.calls import is_call_to_action
from briefing.core.analysis.cohesion import is_fragment, leans_back
from briefing.core.analysis.records import Selected
from briefing.core.analysis.sentences import Sentence
from briefing.core.analysis.similarity import DUPLICATE, Pool
from briefing.core.analysis.sources import story_groups
from briefing.core.analysis.terms import cosine
from briefing.core.analysis.themes import theme_order
from briefing.core.model.document import Origin

__all__ = ["Selected", "Selection", "condense", "rank"]

DAMPING = 0.85
MMR_LAMBDA = 0.7
MIN_WORDS = 4
LONG_SHARE = 0.3  # a sentence over this share of the budget is skipped rather than stopping at
_CITE_TAIL = re.compile(r"\s*\[@[^\]]*\]$")
# Links, images and raw tags after a sentence's last word do not make it a headline.
_DEBRIS_TAIL = re.compile(r"(?:\s*(?:!?\[[^\]\n]*\]\([^)\s]*\)|<[^<>\n]*>))+\s*$")


@dataclass(frozen=True)
class Selection:
    """The result of :func:`condense`: chosen sentences in reading order, within a budget."""

    items: tuple[Selected, ...]  # reading order
    budget: int
    order: tuple[Selected, ...] = field(default=(), repr=False)  # the whole pick order
    stories: tuple[tuple[str, ...], ...] = ()  # source ids telling the same story

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """The chosen sentences in reading order."""
        return tuple(item.sentence for item in self.items)

    @property
    def words(self) -> int:
        """Words used, as a budget counts them."""
        return sum(item.sentence.words for item in self.items)

    def condense(self, budget_words: int) -> Selection:
        """This selection cut to a new budget with its own ranking.

        A smaller budget keeps the best-ranked of this selection's sentences; a larger one
        walks the whole pick order again (so expanding after condensing gives back more).
        """
        if budget_words <= self.budget:
            mine = {id(item) for item in self.items}
            kept = [item for item in self.order if id(item) in mine]
            return _cut(kept, budget_words, self.stories, self.order)
        return _cut(self.order, budget_words, self.stories)


def eligible(sentence: Sentence) -> bool:
    """Sentences condensation may choose: prose with a verb, long enough, not a question, a
    headline or a call to comment."""
    text = _DEBRIS_TAIL.sub("", _CITE_TAIL.sub("", sentence.text)).rstrip('*_"”’)] ')
    headline = sentence.kind != "list" and not text.endswith((".", "!", "…"))
    return (
        not headline
        and sentence.words >= MIN_WORDS
        and not text.endswith("?")
        and not text.endswith(":")
        and not is_call_to_action(sentence.text)
        and not is_fragment(text)
    )


def _priors(pool: Pool, title: str, headings: Sequence[str]) -> list[float]:
    title_vec = pool.vector(title)
    heading_text = " ".join(headings)
    heading_vec = pool.vector(heading_text) if heading_text else {}
    own_heading: dict[str, dict[str, float]] = {}
    out = []
    for s, vec in zip(pool.sentences, pool.vectors, strict=True):
        lead = 1.0 / math.sqrt(1.0 + s.paragraph) + (0.3 if s.position == 0 else 0.0)
        if s.heading not in own_heading:
            own_heading[s.heading] = pool.vector(s.heading) if s.heading else {}
        overlap = cosine(vec, title_vec) + 0.5 * cosine(vec, own_heading[s.heading])
        if heading_vec:
            overlap += 0.3 * cosine(vec, heading_vec)
        callout = 0.7 if s.kind == "callout" else 1.0  # asides rank below the narrative
        # "However, ...", "This shared threat ...": leans on the sentence before it.
        dangling = 0.7 if leans_back(s.text) else 1.0
        out.append(callout * dangling * (0.2 + lead + overlap))
    return out


def _lexrank(pool: Pool, priors: list[float], iterations: int = 40) -> list[float]:
    """PageRank on the similarity graph, teleporting by the priors (power iteration)."""
    total = sum(priors) or 1.0
    teleport = [p / total for p in priors]
    # Each row's out-edges with weights already divided by the row's total.
    rows: list[tuple[int, list[tuple[int, float]]]] = []
    dangling_rows = []
    for i, row in enumerate(pool.edges):
        weight = sum(row.values())
        if weight:
            rows.append((i, [(j, w / weight) for j, w in row.items()]))
        else:
            dangling_rows.append(i)
    score = list(teleport)
    for _ in range(iterations):
        dangling = DAMPING * sum(score[i] for i in dangling_rows)
        nxt = [(1 - DAMPING) * t + dangling * t for t in teleport]
        for i, edges in rows:
            share = DAMPING * score[i]
            for j, w in edges:
                nxt[j] += share * w
        delta = sum(abs(a - b) for a, b in zip(nxt, score, strict=True))
        score = nxt
        if delta < 1e-5:
            break
    return score


def rank(
    sentences: Sequence[Sentence], *, title: str = "", headings: Sequence[str] = ()
) -> list[tuple[Sentence, float]]:
    """Every eligible sentence with its score (centrality x priors), best first, stable."""
    pool = Pool([s for s in sentences if eligible(s)], extra_docs=[title, *headings])
    scores = _scores(pool, title, headings)
    order = sorted(range(len(pool.sentences)), key=lambda i: (-scores[i], i))
    return [(pool.sentences[i], scores[i]) for i in order]


def _scores(pool: Pool, title: str, headings: Sequence[str]) -> list[float]:
    if not pool.sentences:
        return []
    priors = _priors(pool, title, headings)
    central = _lexrank(pool, priors)
    top_c, top_p = max(central) or 1.0, max(priors) or 1.0
    return [0.6 * c / top_c + 0.4 * p / top_p for c, p in zip(central, priors, strict=True)]


def antecedents(pool: Pool) -> dict[int, int | None]:
    """Pool index of each sentence that leans back -> the sentence it leans on.

    The value is ``None`` when that sentence is not in the pool (a question, a headline...):
    such a sentence cannot be read without it and is never chosen. The first sentence of an
    article leans on nothing."""
    at = {(s.source, s.index): i for i, s in enumerate(pool.sentences)}
    out: dict[int, int | None] = {}
    for i, s in enumerate(pool.sentences):
        if s.index and leans_back(s.text):
            out[i] = at.get((s.source, s.index - 1))
    return out


def pick_order(pool: Pool, scores: list[float]) -> list[Selected]:
    """MMR order over the pool; near-duplicates fold into the sentence they repeat, and a
    sentence that leans back comes right after the one it leans on (taken first)."""
    n = len(pool.sentences)
    taken: list[int] = []
    absorbed: dict[int, list[int]] = {}
    redundancy = [0.0] * n
    leaning = antecedents(pool)
    alive = {i for i in range(n) if leaning.get(i, i) is not None}

    def value(i: int) -> float:
        return MMR_LAMBDA * scores[i] - (1 - MMR_LAMBDA) * redundancy[i]

    def take(i: int) -> None:
        alive.discard(i)
        taken.append(i)
        absorbed[i] = []
        for j, sim in pool.edges[i].items():
            if j not in alive:
                continue
            if sim >= DUPLICATE and pool.same_claim(i, j):
                alive.discard(j)
                absorbed[i].append(j)
            elif sim > redundancy[j]:
                redundancy[j] = sim

    def chain(i: int) -> list[int]:
        """``i`` and the sentences it leans on that are still to take, earliest first."""
        out = [i]
        while out[0] in leaning:
            before = leaning[out[0]]
            if before is None or before not in alive:
                break
            out.insert(0, before)
        return out

    # Lazy greedy: a sentence's value only falls as others are taken, so a popped entry whose
    # value is still current is the best; ties go to the earlier sentence.
    heap = [(-value(i), i) for i in range(n)]
    heapq.heapify(heap)
    while heap:
        neg, best = heapq.heappop(heap)
        if best not in alive:
            continue
        if -neg != value(best):
            heapq.heappush(heap, (-value(best), best))
            continue
        for i in chain(best):
            if i in alive:
                take(i)
    out = []
    for place, i in enumerate(taken):
        s = pool.sentences[i]
        dupes = sorted(absorbed[i])
        origins = [Origin(s.source, s.block)]
        for j in dupes:
            o = Origin(pool.sentences[j].source, pool.sentences[j].block)
            if o not in origins:
                origins.append(o)
        duplicates = tuple(pool.sentences[j] for j in dupes)
        out.append(Selected(s, scores[i], place, tuple(origins), duplicates))
    return out


def _interleave(order: list[Selected], stories: Sequence[Sequence[str]]) -> list[Selected]:
    """Separate stories take turns (in the order the sources were given), so a long article
    does not crowd out a short one; within a story the pick order stands."""
    if len(stories) < 2:
        return order
    story_of = {src: n for n, group in enumerate(stories) for src in group}
    queues: dict[int, list[Selected]] = {}
    for item in order:
        queues.setdefault(story_of.get(item.sentence.source, len(stories)), []).append(item)
    turns = [queues[k] for k in sorted(queues)]
    merged: list[Selected] = []
    for n in range(max(len(q) for q in turns)):
        merged.extend(q[n] for q in turns if n < len(q))
    return [replace(item, rank=place) for place, item in enumerate(merged)]


def _reading(chosen: list[Selected], stories: Sequence[Sequence[str]]) -> list[Selected]:
    """Story by story, in the order the sources were given; within a story, by theme; a
    sentence that leans back stays right after the one it leans on."""
    story_of = {src: n for n, group in enumerate(stories) for src in group}
    by_story: dict[int, list[Selected]] = {}
    for item in chosen:
        key = story_of.get(item.sentence.source, len(story_of))
        by_story.setdefault(key, []).append(item)
    out: list[Selected] = []
    for _, items in sorted(by_story.items()):
        if len({i.sentence.source for i in items}) > 1:
            out.extend(_glued(theme_order(items)))
        else:
            out.extend(sorted(items, key=lambda i: i.sentence.index))
    return out


def _glued(items: list[Selected]) -> list[Selected]:
    """``items`` with each sentence that leans back moved right after the one it leans on."""
    at = {(i.sentence.source, i.sentence.index): i for i in items}
    follows: dict[int, Selected] = {}
    for item in items:
        s = item.sentence
        before = at.get((s.source, s.index - 1))
        if before is not None and leans_back(s.text):
            follows[id(before)] = item
    moved = {id(item) for item in follows.values()}
    out: list[Selected] = []
    for item in items:
        if id(item) in moved:
            continue
        out.append(item)
        while id(out[-1]) in follows:
            out.append(follows[id(out[-1])])
    return out


def _cut(
    order: Sequence[Selected],
    budget_words: int,
    stories: Sequence[Sequence[str]],
    full: Sequence[Selected] | None = None,
) -> Selection:
    # The longest run of the pick order that fits, so a shorter budget always keeps the top
    # of a longer one; only a sentence too long for this budget on its own is stepped over.
    chosen: list[Selected] = []
    used = 0
    for item in order:
        w = item.sentence.words
        if used + w <= budget_words:
            chosen.append(item)
            used += w
        elif w > LONG_SHARE * budget_words:
            continue
        else:
            break
    return Selection(
        tuple(_reading(chosen, stories)),
        budget_words,
        tuple(order if full is None else full),
        tuple(tuple(g) for g in stories),
    )


def condense(
    sentences: Sequence[Sentence] | Selection,
    budget_words: int,
    *,
    title: str = "",
    headings: Sequence[str] = (),
) -> Selection:
    """Whole sentences, verbatim, chosen for centrality and coverage within ``budget_words``.

    ``sentences`` may come from several articles (their ``source`` tells them apart); the
    result reads in article order for one source, and grouped by theme across sources.
    ``title`` and ``headings`` (the article titles and section headings) bias the choice
    towards what the piece is about. Given a :class:`Selection`, its own pick order is cut.
    """
    if isinstance(sentences, Selection):
        return sentences.condense(budget_words)
    pool = Pool([s for s in sentences if eligible(s)], extra_docs=[title, *headings])
    scores = _scores(pool, title, headings)
    stories = story_groups(pool)
    return _cut(_interleave(pick_order(pool, scores), stories), budget_words, stories)
