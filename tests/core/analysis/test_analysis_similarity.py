"""The sentence similarity graph: which pairs it compares."""

from __future__ import annotations

from briefing.core.analysis.sentences import Sentence
from briefing.core.analysis.similarity import MIN_POSTING, Pool


def _sentence(text: str, n: int) -> Sentence:
    return Sentence(text, "s1", f"b{n}", n, 0, 0, len(text), paragraph=n)


def test_an_ordinary_article_compares_every_pair_that_shares_a_term() -> None:
    texts = [f"Cranes idle at the harbour, report {n}." for n in range(40)]
    texts.append("Tankers wait for a berth.")
    pool = Pool([_sentence(t, n) for n, t in enumerate(texts)])
    assert all(len(pool.edges[i]) == 39 for i in range(40))  # linked to every other crane line
    assert pool.edges[40] == {}


def test_terms_in_most_sentences_of_a_huge_pool_are_not_compared_pair_by_pair() -> None:
    # A 1 MB paste of one repeated paragraph: comparing every pair is quadratic (minutes).
    count = 4 * MIN_POSTING
    texts = [f"Cranes idle at the harbour near berth{n} and dock{n // 2}." for n in range(count)]
    pool = Pool([_sentence(t, n) for n, t in enumerate(texts)])
    # The shared words are left out; the rarer term each pair shares still links it.
    assert pool.similarity(0, 1) > 0 and pool.similarity(0, 2) == 0
    assert max(len(e) for e in pool.edges) == 1
