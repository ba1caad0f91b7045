"""Prediction candidates for a briefing: forward-looking statements quoted from the sources.

Only what :func:`briefing.core.analysis.prediction_candidates` proposes is drafted (no past
events, questions, counterfactuals or calls to comment). A likelihood is given only where the
sentence carries an estimative term, inside that term's band on the template's scale;
otherwise the candidate stays "not assessed" for the analyst. The time frame and resolve-by
date are read from the sentence, which is kept verbatim with its source and block.

Within the predictions section's word budget (statements counted), stories take turns, and
within a story the clearest forecasts (an estimative term, a time frame) come first; the
chosen ones are listed in the order the sources tell them.
"""

from __future__ import annotations

from briefing.core.analysis import Candidate
from briefing.core.drafting.material import Material
from briefing.core.drafting.writing import plain
from briefing.core.model.document import Prediction
from briefing.core.model.markup import count_words

__all__ = ["MAX_PREDICTIONS", "draft_predictions", "prediction_from"]

MAX_PREDICTIONS = 10


def _clarity(c: Candidate) -> int:
    return (2 if c.term else 0) + (1 if c.timeframe else 0)


def _lower_article(frame: str) -> str:
    """ "The coming months" (it began the sentence) -> "the coming months"."""
    return "the" + frame[3:] if frame.startswith("The ") else frame


def prediction_from(c: Candidate) -> Prediction:
    """A candidate as a prediction for the analyst to keep, rephrase or drop."""
    return Prediction(
        statement=plain(c.statement),
        probability=c.probability,
        term=c.term or "",
        timeframe=_lower_article(c.timeframe or ""),
        resolve_by=c.resolve_by,
        source=c.origin.source,
        origin=c.origin,
    )


def draft_predictions(
    material: Material, words: int, scale: str, limit: int = MAX_PREDICTIONS
) -> list[Prediction]:
    """Up to ``limit`` candidates whose statements fit ``words``, stories taking turns."""
    candidates = material.candidates(scale)
    story_of = {src: n for n, group in enumerate(material.stories) for src in group}
    position = {id(c): n for n, c in enumerate(candidates)}
    queues: dict[int, list[Candidate]] = {}
    for c in candidates:
        queues.setdefault(story_of.get(c.origin.source, len(story_of)), []).append(c)
    for queue in queues.values():
        queue.sort(key=lambda c: (-_clarity(c), position[id(c)]))
    turns = [queues[k] for k in sorted(queues)]
    chosen: list[Candidate] = []
    used = 0
    for rnd in range(max((len(q) for q in turns), default=0)):
        for queue in turns:
            if rnd >= len(queue) or len(chosen) >= limit:
                continue
            n = count_words(queue[rnd].statement)
            if used + n <= words:
                chosen.append(queue[rnd])
                used += n
    chosen.sort(key=lambda c: (story_of.get(c.origin.source, len(story_of)), position[id(c)]))
    return [prediction_from(c) for c in chosen]
