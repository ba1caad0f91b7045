"""Key takeaways: the articles' own, or else the lead judgement of each story, to a budget.

An article's own takeaway is a callout labelled as one ("Key Takeaway", "Bottom line",
"TL;DR"...). A story (articles grouped by :func:`~briefing.core.analysis.sources.find_same_story`)
without one is represented by its lead judgement: the best-ranked sentence among the first
paragraphs of its articles, preferring a sentence that judges (estimative or evaluative
wording) over one that only reports. Each takeaway cites every source that says the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefing.core.analysis.condense import rank
from briefing.core.analysis.labels import is_takeaway_label
from briefing.core.analysis.likelihood import estimative_term
from briefing.core.analysis.records import unique_origins
from briefing.core.analysis.sentences import Sentence, split_sentences, split_text, word_count
from briefing.core.analysis.similarity import DUPLICATE, text_similarity
from briefing.core.analysis.sources import find_same_story
from briefing.core.model.article import Article
from briefing.core.model.document import Origin

__all__ = ["Takeaway", "key_takeaways"]

LEAD_PARAGRAPHS = 3  # a story's lead judgement is looked for in its first paragraphs


@dataclass(frozen=True)
class Takeaway:
    """A takeaway, verbatim, with where it came from."""

    text: str
    origins: tuple[Origin, ...]
    own: bool  # True: the article's own takeaway; False: a lead sentence chosen for it


def _own(article: Article) -> list[Takeaway]:
    out = []
    for b in article.blocks:
        label = (b.label or "").strip().rstrip(":")
        if b.kind == "callout" and is_takeaway_label(label) and b.text.strip():
            out.append(Takeaway(b.text.strip(), (Origin(article.id, b.id),), True))
    return out


def _judges(s: Sentence) -> bool:
    return estimative_term(s.text) is not None


def _lead(articles: Sequence[Article], split: Mapping[str, list[Sentence]]) -> Takeaway | None:
    lead = [
        s
        for a in articles
        for s in split[a.id]
        if s.kind == "paragraph" and s.paragraph < LEAD_PARAGRAPHS
    ]
    ranked = rank(lead, title=" ".join(a.title for a in articles))
    if not ranked:
        return None
    top_score = ranked[0][1]
    # A judging sentence close to the top beats a reporting one at the top.
    best = next(
        (s for s, score in ranked if _judges(s) and score >= 0.85 * top_score), ranked[0][0]
    )
    origins = [Origin(best.source, best.block)]
    for s in lead:
        if s.source != best.source and text_similarity(s.text, best.text) >= DUPLICATE:
            o = Origin(s.source, s.block)
            if o not in origins:
                origins.append(o)
    return Takeaway(best.text, tuple(origins), False)


def _merge(items: list[Takeaway]) -> list[Takeaway]:
    out: list[Takeaway] = []
    for t in items:
        for n, kept in enumerate(out):
            if text_similarity(t.text, kept.text) >= DUPLICATE:
                out[n] = Takeaway(kept.text, unique_origins(kept.origins + t.origins), kept.own)
                break
        else:
            out.append(t)
    return out


def _first_sentence(text: str) -> str:
    spans = split_text(text)
    return text[spans[0][0] : spans[0][1]] if spans else text


def key_takeaways(
    articles: Sequence[Article],
    budget_words: int,
    *,
    stories: Sequence[Sequence[str]] | None = None,
    sentences: Mapping[str, list[Sentence]] | None = None,
    leads: bool = False,
) -> list[Takeaway]:
    """Takeaways for ``articles`` within ``budget_words``, one story after another.

    ``stories`` are groups of article ids telling the same story (computed when not given).
    A takeaway that does not fit is cut to its first sentence, or left out. ``sentences``
    maps article ids to their sentences when they are already split. With ``leads``, each
    story gives its lead judgement even where the articles have takeaways of their own.
    """
    split = dict(sentences) if sentences is not None else {}
    for a in articles:
        if a.id not in split:
            split[a.id] = split_sentences(a)
    by_id = {a.id: a for a in articles}
    groups = (
        stories
        if stories is not None
        else find_same_story(articles, sentences=[s for a in articles for s in split[a.id]])
    )
    picked: list[Takeaway] = []
    for group in groups:
        members = [by_id[i] for i in group if i in by_id]
        own = [] if leads else _merge([t for a in members for t in _own(a)])
        if own:
            picked.extend(own)
        else:
            lead = _lead(members, split)
            if lead is not None:
                picked.append(lead)
    out: list[Takeaway] = []
    used = 0
    for t in picked:
        if used + word_count(t.text) > budget_words:
            t = Takeaway(_first_sentence(t.text), t.origins, t.own)
            if used + word_count(t.text) > budget_words:
                continue
        out.append(t)
        used += word_count(t.text)
    return out
