"""A pool of sentences with their TF-IDF vectors and the sparse graph of their similarities.

Built once per analysis and shared by ranking, de-duplication and theme grouping. Pairwise
similarities come from an inverted index, so only sentences that share a term are compared.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from briefing.core.analysis.figures import Figure, conflicting, find_figures
from briefing.core.analysis.sentences import Sentence
from briefing.core.analysis.terms import Vector, content_terms, cosine, idf, tfidf

__all__ = ["DUPLICATE", "Pool", "text_similarity"]

MIN_EDGE = 0.05  # similarities below this are noise and left out of the graph
DUPLICATE = 0.6  # cosine at or above which two sentences say the same thing
# Terms in more than this share of the sentences (and more than MIN_POSTING of them) are left
# out of the pairwise comparison; an ordinary article (under MIN_POSTING sentences) keeps all.
COMMON_SHARE = 0.1
MIN_POSTING = 150


class Pool:
    """Sentences, their vectors and the similarity of every pair that shares a term."""

    def __init__(self, sentences: Sequence[Sentence], extra_docs: Sequence[str] = ()) -> None:
        self.sentences: list[Sentence] = list(sentences)
        self.terms: list[tuple[str, ...]] = [content_terms(s.text) for s in self.sentences]
        extra = [content_terms(d) for d in extra_docs]
        self.weights: dict[str, float] = idf([*self.terms, *extra])
        self.vectors: list[Vector] = [tfidf(t, self.weights) for t in self.terms]
        self.edges: list[dict[int, float]] = self._graph()
        self._figures: dict[int, list[Figure]] = {}

    def vector(self, text: str) -> Vector:
        """A vector for any text (a title, a heading) in this pool's term space."""
        return tfidf(content_terms(text), self.weights)

    def figures(self, i: int) -> list[Figure]:
        """The figures and dates of sentence ``i`` (found once, on first use)."""
        if i not in self._figures:
            self._figures[i] = find_figures(self.sentences[i].text)
        return self._figures[i]

    def same_claim(self, i: int, j: int, threshold: float = DUPLICATE) -> bool:
        """Near-duplicates that do not disagree on a figure or a date: one may stand for both."""
        if self.similarity(i, j) < threshold:
            return False
        return not conflicting(self.figures(i), self.figures(j))

    def similarity(self, i: int, j: int) -> float:
        """Cosine similarity of sentences ``i`` and ``j`` (0 when below :data:`MIN_EDGE`)."""
        if i == j:
            return 1.0
        return self.edges[i].get(j, 0.0)

    def _graph(self) -> list[dict[int, float]]:
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, vec in enumerate(self.vectors):
            for term, weight in vec.items():
                postings[term].append((i, weight))
        dots: list[dict[int, float]] = [defaultdict(float) for _ in self.vectors]
        # A term in very many sentences tells few of them apart, and comparing every pair
        # that shares it is quadratic: a 1 MB paste of one repeated paragraph took minutes.
        common = max(MIN_POSTING, int(COMMON_SHARE * len(self.vectors)))
        for plist in postings.values():
            if len(plist) > common:
                continue
            for a in range(len(plist)):
                i, wi = plist[a]
                row = dots[i]
                for b in range(a + 1, len(plist)):
                    j, wj = plist[b]
                    row[j] += wi * wj
        edges: list[dict[int, float]] = [{} for _ in self.vectors]
        for i, row in enumerate(dots):
            for j, sim in row.items():
                if sim >= MIN_EDGE:
                    edges[i][j] = sim
                    edges[j][i] = sim
        return edges


def text_similarity(a: str, b: str, weights: dict[str, float] | None = None) -> float:
    """Cosine similarity of two texts' content terms (with ``weights`` as IDF, if given)."""
    w = weights or {}
    return cosine(tfidf(content_terms(a), w), tfidf(content_terms(b), w))
