"""What a briefing's sources offer each kind of section, analysed once per set of sources.

:func:`material_for` splits the sources into sentences, groups them into stories, ranks the
narrative sentences once (the pick order does not depend on the budget, so every length of
Background is a cut of the same order), and finds disagreements, Q&A pairs and prediction
candidates. Drafting, condensing a section again and the Sources pane's "partly used" marks
all read from it; it is kept for the last few sets of sources so that condensing a section
in the editor does not analyse them again.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefing.core.analysis import (
    Candidate,
    Disagreement,
    QAPair,
    Selection,
    Sentence,
    condense,
    find_disagreements,
    find_same_story,
    is_takeaway_label,
    merge_candidates,
    narrative_sentences,
    prediction_candidates,
    qa_pairs,
    split_sentences,
)
from briefing.core.analysis.labels import is_advice_label
from briefing.core.model.article import Article

__all__ = ["Material", "material_for"]

_CACHE_SIZE = 4
_LOCK = threading.Lock()
_CACHE: OrderedDict[tuple[object, ...], Material] = OrderedDict()


@dataclass
class Material:
    """The analysed sources (each with a unique ``id``), read-only once made."""

    sources: tuple[Article, ...]
    split: dict[str, list[Sentence]]
    stories: tuple[tuple[str, ...], ...]
    order: Selection  # every narrative sentence, in pick order (cut it with .condense(n))
    disagreements: tuple[Disagreement, ...]
    pairs: tuple[QAPair, ...]
    callouts: bool  # whether callout sentences are in the narrative pool
    _candidates: dict[str, tuple[Candidate, ...]] = field(default_factory=dict)

    @property
    def published(self) -> dict[str, str]:
        return {a.id: a.published for a in self.sources if a.published}

    def article(self, source_id: str) -> Article | None:
        return next((a for a in self.sources if a.id == source_id), None)

    def background(self, words: int) -> Selection:
        """The narrative condensed to ``words`` (a cut of the one pick order)."""
        return self.order.condense(max(0, words))

    def candidates(self, scale: str) -> tuple[Candidate, ...]:
        """Prediction candidates on ``scale``, the same forecast from several sources merged."""
        with _LOCK:
            found = self._candidates.get(scale)
        if found is None:
            found = tuple(
                merge_candidates(
                    [
                        c
                        for a in self.sources
                        for c in prediction_candidates(a, scale, sentences=self.split[a.id])
                    ]
                )
            )
            with _LOCK:
                self._candidates[scale] = found
        return found

    @property
    def total_words(self) -> int:
        """Words of every narrative sentence (the longest a Background can be)."""
        return sum(item.sentence.words for item in self.order.order)


def _key(sources: Sequence[Article], callouts: bool, takeaways: bool) -> tuple[object, ...]:
    return (
        callouts,
        takeaways,
        tuple(
            (
                a.id,
                a.title,
                a.published,
                tuple((b.id, b.kind, b.text, b.label, b.question, b.answer) for b in a.blocks),
            )
            for a in sources
        ),
    )


def _narrative(
    article: Article, split: list[Sentence], callouts: bool, takeaways: bool
) -> list[Sentence]:
    if takeaways:  # no section takes the articles' own takeaways: they stay in the story
        pool = [s for s in split if s.kind in ("paragraph", "list", "quote", "callout")]
    else:
        pool = narrative_sentences(article, split)
    if not callouts:  # another section takes them (takeaways stay, if they are the story's)
        pool = [s for s in pool if s.kind != "callout" or is_takeaway_label(s.label.rstrip(":"))]
    # Advice to the article's readers ("Pro Tip: ...") is not the story.
    return [s for s in pool if s.kind != "callout" or not is_advice_label(s.label)]


def _make(given: Sequence[Article], callouts: bool, takeaways: bool) -> Material:
    sources = copy.deepcopy(list(given))  # kept: the caller's articles may change later
    split = {a.id: split_sentences(a) for a in sources}
    every = [s for a in sources for s in split[a.id]]
    stories = find_same_story(sources, sentences=every)
    pool = [s for a in sources for s in _narrative(a, split[a.id], callouts, takeaways)]
    title = " ".join(a.title for a in sources)
    headings = [b.text for a in sources for b in a.blocks if b.kind == "heading"]
    total = sum(s.words for s in pool)
    order = condense(pool, total, title=title, headings=headings)
    disagreements: list[Disagreement] = []
    for group in stories:
        if len(group) > 1:  # looked for in all of a story's sentences, chosen or not
            disagreements += find_disagreements([s for i in group for s in split[i]])
    return Material(
        sources=tuple(sources),
        split=split,
        stories=tuple(tuple(g) for g in stories),
        order=order,
        disagreements=tuple(disagreements),
        pairs=tuple(p for a in sources for p in qa_pairs(a)),
        callouts=callouts,
    )


def material_for(
    sources: Sequence[Article], *, callouts: bool = True, takeaways: bool = False
) -> Material:
    """The analysed ``sources`` (cached by their content).

    ``callouts``: callouts other than takeaways belong to the narrative (no other section
    takes them). ``takeaways``: the articles' own takeaways do too (no section takes them).
    """
    key = _key(sources, callouts, takeaways)
    with _LOCK:
        found = _CACHE.get(key)
        if found is not None:
            _CACHE.move_to_end(key)
            return found
    made = _make(sources, callouts, takeaways)
    with _LOCK:
        _CACHE[key] = made
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return made
