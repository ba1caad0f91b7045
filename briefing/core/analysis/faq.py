"""FAQ across sources: questions merged by meaning, answers de-duplicated, each one cited.

Two questions are the same when their content words match closely once question words,
stop words and word endings are set aside ("Who pays for seabed surveillance?" and "Who will
pay for surveillance of the seabed?"). Each merged question keeps every distinct answer with
the (source, block) origins that give it; an answer repeated by several sources is written
once and cites them all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.core.analysis.records import unique_origins
from briefing.core.analysis.sentences import word_count
from briefing.core.analysis.terms import content_terms, cosine, idf, tfidf
from briefing.core.model.article import Article
from briefing.core.model.document import Origin

__all__ = ["Answer", "FaqItem", "QAPair", "merge_faq", "qa_pairs"]

SAME_QUESTION = 0.5
SAME_ANSWER = 0.6
_Q_PREFIX = re.compile(r"(?i)^\s*(?:\*\*)?(?:q|question)\s*[:.](?:\*\*)?\s*")
_A_PREFIX = re.compile(r"(?i)^\s*(?:\*\*)?(?:a|answer)\s*[:.](?:\*\*)?\s*")


@dataclass(frozen=True)
class QAPair:
    """One question and its answer as an article gives them."""

    question: str
    answer: str
    source: str
    block: str


@dataclass(frozen=True)
class Answer:
    """A distinct answer and every (source, block) that gives it."""

    text: str
    origins: tuple[Origin, ...]


@dataclass(frozen=True)
class FaqItem:
    """A question asked by one or more sources, with its distinct answers."""

    question: str
    answers: tuple[Answer, ...]

    @property
    def origins(self) -> tuple[Origin, ...]:
        """Every origin of every answer, without repeats."""
        return unique_origins(o for a in self.answers for o in a.origins)

    @property
    def words(self) -> int:
        """Words of the question and its answers."""
        return word_count(self.question) + sum(word_count(a.text) for a in self.answers)


def qa_pairs(article: Article) -> list[QAPair]:
    """The article's Q&A pairs: ``qa`` blocks, and "Q: ..." / "A: ..." paragraph pairs."""
    out: list[QAPair] = []
    blocks = article.blocks
    i = 0
    while i < len(blocks):
        b = blocks[i]
        i += 1
        if b.kind == "qa":
            q, a = (b.question or "").strip(), (b.answer or "").strip()
            if not (q or a) and "\n" in b.text:
                q, a = (part.strip() for part in b.text.split("\n", 1))
            if q:
                out.append(QAPair(_Q_PREFIX.sub("", q), _A_PREFIX.sub("", a), article.id, b.id))
        elif b.kind == "paragraph" and _Q_PREFIX.match(b.text) and i < len(blocks):
            nxt = blocks[i]
            if nxt.kind == "paragraph" and _A_PREFIX.match(nxt.text):
                q, a = _Q_PREFIX.sub("", b.text.strip()), _A_PREFIX.sub("", nxt.text.strip())
                out.append(QAPair(q, a, article.id, b.id))
                i += 1
    return out


def _groups(texts: Sequence[str], threshold: float) -> list[list[int]]:
    """Indices grouped by similarity to the group's first member, in input order."""
    terms = [content_terms(t) for t in texts]
    weights = idf(terms)
    vectors = [tfidf(t, weights) for t in terms]
    groups: list[list[int]] = []
    for i, vec in enumerate(vectors):
        for g in groups:
            if cosine(vec, vectors[g[0]]) >= threshold or _norm(texts[i]) == _norm(texts[g[0]]):
                g.append(i)
                break
        else:
            groups.append([i])
    return groups


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def merge_faq(pairs: Sequence[QAPair], budget_words: int | None = None) -> list[FaqItem]:
    """Merge near-duplicate questions; answers de-duplicated and cited; within the budget.

    Questions asked by more sources come first, then in input order. With a budget, an item
    that does not fit keeps only its first answer, and is left out if even that does not fit.
    """
    usable = [p for p in pairs if p.question.strip()]
    items: list[tuple[int, int, FaqItem]] = []
    for n, group in enumerate(_groups([p.question for p in usable], SAME_QUESTION)):
        members = [usable[i] for i in group]
        answered = [p for p in members if p.answer.strip()]
        answers: list[Answer] = []
        for agroup in _groups([p.answer for p in answered], SAME_ANSWER):
            first = answered[agroup[0]]
            origins = unique_origins(Origin(answered[i].source, answered[i].block) for i in agroup)
            answers.append(Answer(first.answer, origins))
        sources = len({p.source for p in members})
        items.append((-sources, n, FaqItem(" ".join(members[0].question.split()), tuple(answers))))
    items.sort(key=lambda t: (t[0], t[1]))
    out: list[FaqItem] = []
    used = 0
    for _, _, item in items:
        if budget_words is not None and used + item.words > budget_words:
            item = FaqItem(item.question, item.answers[:1])
            if used + item.words > budget_words:
                continue
        out.append(item)
        used += item.words
    return out
