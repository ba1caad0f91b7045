"""Everything drafting needs from a set of sources, in one pass that splits each article once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.core.analysis.condense import Selection, condense
from briefing.core.analysis.disagreements import Disagreement, find_disagreements
from briefing.core.analysis.faq import FaqItem, merge_faq, qa_pairs
from briefing.core.analysis.predictions import Candidate, merge_candidates, prediction_candidates
from briefing.core.analysis.sentences import narrative_sentences, split_sentences
from briefing.core.analysis.sources import find_same_story
from briefing.core.analysis.takeaways import Takeaway, key_takeaways
from briefing.core.analysis.themes import Theme, group_by_theme
from briefing.core.model.article import Article

__all__ = ["Analysis", "analyse"]


@dataclass(frozen=True)
class Analysis:
    """The condensed Background and the other sections' material for a set of sources."""

    stories: tuple[tuple[str, ...], ...]  # source ids telling the same story
    background: Selection
    themes: tuple[Theme, ...]  # the Background by story (input order), then by theme
    disagreements: tuple[Disagreement, ...]
    takeaways: tuple[Takeaway, ...]
    faq: tuple[FaqItem, ...]
    candidates: tuple[Candidate, ...]


def analyse(
    articles: Sequence[Article],
    *,
    background_words: int = 600,
    takeaway_words: int = 120,
    faq_words: int = 400,
    scale: str = "icd203",
) -> Analysis:
    """Condense, synthesise and extract for ``articles`` (each with a unique ``id``).

    Disagreements are looked for among all the sentences of each story, not only the chosen
    ones, so a conflict is flagged even when one side was condensed away.
    """
    split = {a.id: split_sentences(a) for a in articles}
    narrative = [s for a in articles for s in narrative_sentences(a, split[a.id])]
    stories = find_same_story(articles, sentences=[s for a in articles for s in split[a.id]])
    title = " ".join(a.title for a in articles)
    headings = [b.text for a in articles for b in a.blocks if b.kind == "heading"]
    background = condense(narrative, background_words, title=title, headings=headings)
    published = {a.id: a.published for a in articles if a.published}
    themes: list[Theme] = []
    story_of = {src: n for n, group in enumerate(stories) for src in group}
    for n in range(len(stories)):
        mine = [i for i in background.items if story_of.get(i.sentence.source) == n]
        themes += group_by_theme(mine, published=published)
    disagreements: list[Disagreement] = []
    for group in stories:
        if len(group) > 1:
            disagreements += find_disagreements([s for i in group for s in split[i]])
    candidates = merge_candidates(
        [c for a in articles for c in prediction_candidates(a, scale, sentences=split[a.id])]
    )
    return Analysis(
        stories=tuple(tuple(g) for g in stories),
        background=background,
        themes=tuple(themes),
        disagreements=tuple(disagreements),
        takeaways=tuple(key_takeaways(articles, takeaway_words, stories=stories, sentences=split)),
        faq=tuple(merge_faq([p for a in articles for p in qa_pairs(a)], faq_words)),
        candidates=tuple(candidates),
    )
