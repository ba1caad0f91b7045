"""Prediction candidates: forward-looking judgements in an article, never just 'likely'.

A sentence is proposed only when :func:`~briefing.core.analysis.forward.is_forward_looking`
says it looks forward (see that module for what is rejected: past events, hedged
explanations, questions, counterfactuals, reported past intentions, calls to comment...).

A probability is given only when the sentence carries an estimative term, inside that term's
band on the chosen scale (ICD 203 or the PHIA yardstick); otherwise it is ``None``, "not
assessed", for the analyst to judge. The time frame and resolve-by date come from
:mod:`briefing.core.analysis.timeframes`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from briefing.core.analysis.forward import is_forward_looking
from briefing.core.analysis.likelihood import estimative_term
from briefing.core.analysis.records import unique_origins
from briefing.core.analysis.sentences import Sentence, split_sentences
from briefing.core.analysis.similarity import Pool
from briefing.core.analysis.timeframes import find_timeframe
from briefing.core.model.article import Article
from briefing.core.model.document import Origin

__all__ = ["Candidate", "candidate_from", "merge_candidates", "prediction_candidates"]


@dataclass(frozen=True)
class Candidate:
    """A proposed prediction, quoted verbatim from its source sentence."""

    statement: str  # the sentence, verbatim
    term: str | None  # the scale's term for its estimative wording, None when it has none
    wording: str | None  # the estimative words as written ("will probably")
    probability: int | None  # inside the term's band; None = not assessed
    band: tuple[int, int] | None  # the term's band on the scale, percent
    timeframe: str | None  # as written ("before March 2027")
    resolve_by: str | None  # ISO date, when the time frame is definite
    origin: Origin
    sentence: Sentence
    scale: str = "icd203"
    also: tuple[Origin, ...] = ()  # other sources making the same forecast (see merge_candidates)


def candidate_from(
    sentence: Sentence, published: str | None = None, scale: str = "icd203"
) -> Candidate | None:
    """A :class:`Candidate` for one sentence, or ``None`` when it is not forward-looking."""
    if not is_forward_looking(sentence.text, published, list_item=sentence.kind == "list"):
        return None
    plain = " ".join(sentence.text.split())
    found = estimative_term(plain, scale)
    tf = find_timeframe(plain, published)
    return Candidate(
        statement=sentence.text,
        term=found[0] if found else None,
        wording=found[1] if found else None,
        probability=found[3] if found else None,
        band=found[2] if found else None,
        timeframe=tf.text if tf else None,
        resolve_by=tf.resolve_by if tf else None,
        origin=Origin(sentence.source, sentence.block),
        sentence=sentence,
        scale=scale,
    )


def prediction_candidates(
    article: Article,
    scale: str = "icd203",
    *,
    sentences: Sequence[Sentence] | None = None,
) -> list[Candidate]:
    """Forward-looking statements of ``article``, in article order, with terms and frames.

    ``scale`` is ``"icd203"`` (default) or ``"phia"``; pass ``sentences`` when the article is
    already split. Questions, past events, counterfactuals and calls to comment are never
    proposed (see the module docstring).
    """
    pool = sentences if sentences is not None else split_sentences(article)
    out = []
    for s in pool:
        if s.kind not in ("paragraph", "list", "quote"):
            continue
        c = candidate_from(s, article.published, scale)
        if c is not None:
            out.append(c)
    return out


def merge_candidates(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Candidates from several sources with the same forecast merged into the first.

    The kept one lists the others' origins in ``also``; forecasts that differ on a figure or
    a date are kept apart (that is a disagreement, not corroboration).
    """
    pool = Pool([c.sentence for c in candidates])
    kept: list[int] = []
    also: dict[int, list[Origin]] = {}
    for i, c in enumerate(candidates):
        for k in kept:
            if candidates[k].origin.source != c.origin.source and pool.same_claim(k, i):
                also[k].append(c.origin)
                break
        else:
            kept.append(i)
            also[i] = []
    return [replace(candidates[k], also=unique_origins(also[k])) for k in kept]
