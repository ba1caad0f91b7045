"""Several sources at once: the same story told twice, and sentences that say the same thing.

Two articles are the same story when their words overlap strongly as wholes (TF-IDF cosine
of the articles, weighted by how rare each word is among all their sentences), or when a
good share of the shorter one's sentences reappear in the other nearly word for word (a
wire story republished with a new top, or trimmed). Near-duplicate sentences are merged into
the first of them, which then stands for all their (source, block) origins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.core.analysis.sentences import Sentence, split_sentences
from briefing.core.analysis.similarity import DUPLICATE, Pool
from briefing.core.analysis.terms import Vector, cosine, tfidf
from briefing.core.model.article import Article
from briefing.core.model.document import Origin

__all__ = [
    "MergedSentence",
    "find_same_story",
    "merge_duplicates",
    "story_groups",
    "story_similarity",
]

SAME_STORY = 0.3  # article cosine at or above which two articles tell the same story
SHARED_SENTENCES = 0.25  # or this share of the shorter article's sentences repeated


@dataclass(frozen=True)
class MergedSentence:
    """A sentence kept for several near-identical ones, with every origin it stands for."""

    sentence: Sentence
    origins: tuple[Origin, ...]  # its own first, then the others' in input order
    duplicates: tuple[Sentence, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        """Source ids that carry it, its own first, without repeats."""
        return tuple(dict.fromkeys(o.source for o in self.origins))


def merge_duplicates(
    sentences: Sequence[Sentence], threshold: float = DUPLICATE
) -> list[MergedSentence]:
    """Merge near-duplicates (cosine >= ``threshold``) into the first of each, in input order."""
    pool = Pool(sentences)
    merged_into: dict[int, int] = {}
    groups: dict[int, list[int]] = {}
    for i in range(len(pool.sentences)):
        if i in merged_into:
            continue
        groups[i] = []
        for j, sim in sorted(pool.edges[i].items()):
            if (
                j > i
                and j not in merged_into
                and sim >= threshold
                and pool.same_claim(i, j, threshold)
            ):
                merged_into[j] = i
                groups[i].append(j)
    out = []
    for i, dupes in groups.items():
        s = pool.sentences[i]
        origins = [Origin(s.source, s.block)]
        for j in dupes:
            o = Origin(pool.sentences[j].source, pool.sentences[j].block)
            if o not in origins:
                origins.append(o)
        out.append(MergedSentence(s, tuple(origins), tuple(pool.sentences[j] for j in dupes)))
    return out


def _article_vectors(pool: Pool, ids: list[str]) -> dict[str, Vector]:
    terms: dict[str, list[str]] = {i: [] for i in ids}
    for s, t in zip(pool.sentences, pool.terms, strict=True):
        if s.source in terms:
            terms[s.source].extend(t)
    return {i: tfidf(terms[i], pool.weights) for i in ids}


def story_similarity(
    pool: Pool, a: str, b: str, vectors: dict[str, Vector] | None = None
) -> tuple[float, float]:
    """(article cosine, share of the shorter article's sentences repeated in the other)."""
    vectors = vectors if vectors is not None else _article_vectors(pool, [a, b])
    idx_a = [i for i, s in enumerate(pool.sentences) if s.source == a]
    idx_b = {i for i, s in enumerate(pool.sentences) if s.source == b}
    shorter, other = (idx_a, idx_b) if len(idx_a) <= len(idx_b) else (sorted(idx_b), set(idx_a))
    repeated = sum(
        1 for i in shorter if any(w >= DUPLICATE and j in other for j, w in pool.edges[i].items())
    )
    return cosine(vectors[a], vectors[b]), repeated / max(1, len(shorter))


def story_groups(pool: Pool) -> list[list[str]]:
    """Groups of the pool's source ids that tell the same story, in first-seen order."""
    ids = list(dict.fromkeys(s.source for s in pool.sentences))
    parent = {i: i for i in ids}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    vectors = _article_vectors(pool, ids)
    for n, a in enumerate(ids):
        for b in ids[n + 1 :]:
            if root(a) == root(b):
                continue
            close = cosine(vectors[a], vectors[b]) >= SAME_STORY
            if close or story_similarity(pool, a, b, vectors)[1] >= SHARED_SENTENCES:
                parent[root(b)] = root(a)
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def find_same_story(
    articles: Sequence[Article], *, sentences: Sequence[Sentence] | None = None
) -> list[list[str]]:
    """Groups of source ids that tell the same story, in input order; singletons included.

    Pass ``sentences`` (all the articles' sentences) when they are already split.
    """
    pool = Pool(
        sentences if sentences is not None else [s for a in articles for s in split_sentences(a)],
        extra_docs=[a.title for a in articles],
    )
    groups = story_groups(pool)
    found = {i for group in groups for i in group}
    groups += [[a.id] for a in articles if a.id not in found]
    rank = {a.id: n for n, a in enumerate(articles)}
    return sorted(groups, key=lambda g: min(rank.get(i, len(rank)) for i in g))
