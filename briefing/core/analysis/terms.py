"""Words as the analysis compares them: content terms, TF-IDF vectors and cosine similarity.

Pure Python on sparse dicts: a section's candidates are a few hundred sentences, where this is
faster than building matrices, and it keeps the package free of numeric dependencies.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

__all__ = ["STOPWORDS", "Vector", "content_terms", "cosine", "idf", "tfidf", "word_set"]

Vector = dict[str, float]


def word_set(words: str) -> frozenset[str]:
    """A set of words written as one space-separated string (for long word lists)."""
    return frozenset(words.split())


STOPWORDS = word_set(
    """a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in into is
    it its itself just me more most my myself no nor not now of off on once only or other ought
    our ours ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    said says say according told would may might must shall one two also new mr mrs ms dr its
    it's he's she's they're we're i'm don't doesn't didn't won't can't isn't wasn't weren't
    haven't hasn't hadn't he'll she'll they'll we'll it'll i'll you'll we've they've i've
    you've that's there's here's what's s t via per"""
)
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d+(?:[.,]\d+)*", re.UNICODE)
_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")
_CITE = re.compile(r"\[@[^\]]*\]")
# Suffixes stripped so "cables"/"cable", "delayed"/"delay" meet; crude but stable.
_SUFFIXES = ("ational", "ations", "ation", "ments", "ment", "ings", "ing", "edly", "ies", "ied",
             "ers", "er", "ed", "es", "ly", "s")  # fmt: skip


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= (3 if suffix == "s" else 4):
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            stem = word[: -len(suffix)]
            return stem + "y" if suffix in ("ies", "ied") else stem
    return word


@lru_cache(maxsize=8192)
def content_terms(text: str) -> tuple[str, ...]:
    """Lower-cased, lightly stemmed words of ``text`` without stop words or Markdown targets.

    Cached: the same sentences are compared by several steps of one analysis."""
    plain = _CITE.sub(" ", _LINK.sub(r"\1", text))
    out = []
    for token in _TOKEN.findall(plain.lower()):
        token = token.strip("'’-").replace("’", "'")
        if not token or token in STOPWORDS:
            continue
        if token.endswith("'s"):
            token = token[:-2]
        out.append(_stem(token) if not token[0].isdigit() else token)
    return tuple(out)


def idf(documents: Iterable[Sequence[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency of each term over ``documents`` (term lists)."""
    df: Counter[str] = Counter()
    n = 0
    for terms in documents:
        n += 1
        df.update(set(terms))
    return {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}


def tfidf(terms: Sequence[str], weights: dict[str, float]) -> Vector:
    """Unit-length TF-IDF vector (sub-linear term frequency); unknown terms weigh 1."""
    counts = Counter(terms)
    vec = {t: (1.0 + math.log(c)) * weights.get(t, 1.0) for t, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / norm for t, v in vec.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    """Cosine similarity of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[t] for t, v in a.items() if t in b)
