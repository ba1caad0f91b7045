"""Condensation: budget, verbatim sentences, coverage, calls to action, re-condensing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from support.stories import baltic_a, baltic_b, baltic_wire, harvest

from briefing.core.analysis import (
    condense,
    is_call_to_action,
    narrative_sentences,
    split_sentences,
)
from briefing.core.analysis.condense import LONG_SHARE
from briefing.core.analysis.sentences import Sentence
from briefing.core.model.article import Article, Block

_WORDS = ["cable", "ship", "anchor", "Baltic", "repair", "police", "minister", "plan", "patrol",
          "sea", "port", "data"]  # fmt: skip


def _all() -> list[Sentence]:
    return [
        s for a in (baltic_a(), baltic_b(), baltic_wire(), harvest()) for s in split_sentences(a)
    ]


def test_fits_the_budget_with_whole_verbatim_sentences() -> None:
    articles = (baltic_a(), baltic_b(), harvest())
    blocks = {(a.id, b.id): b.text for a in articles for b in a.blocks}
    sel = condense([s for a in articles for s in narrative_sentences(a)], 80)
    assert 0 < sel.words <= 80
    for item in sel.items:
        assert item.sentence.text in blocks[(item.sentence.source, item.sentence.block)]


def test_calls_to_comment_are_never_chosen() -> None:
    sel = condense(_all(), 10_000)
    texts = [s.text for s in sel.sentences]
    assert "Share your experience below." not in texts
    assert "Follow us for more updates." not in texts
    assert not any(is_call_to_action(t) for t in texts)


def test_call_to_action_grammar() -> None:
    for text in (
        "Share your experience below.",
        "Follow us for more updates",
        "Sign up for our newsletter",
        "Tell us what you think in the comments.",
        "Don't forget to like and share this article.",
        "If you enjoyed this post, subscribe to our weekly briefing.",
    ):
        assert is_call_to_action(text), text
    for text in (
        "Share prices fell 3% on Monday.",
        "Follow the money, investigators said.",
        "The government will tell us more next week, officials said.",
        "Join talks with the EU, the minister urged Oslo.",
    ):
        assert not is_call_to_action(text), text


def test_one_source_reads_in_article_order() -> None:
    sel = condense(narrative_sentences(baltic_a()), 60)
    indices = [s.index for s in sel.sentences]
    assert indices == sorted(indices)


def test_near_duplicates_become_one_sentence_with_every_origin() -> None:
    sel = condense([s for a in (baltic_a(), baltic_wire()) for s in split_sentences(a)], 10_000)
    texts = [s.text for s in sel.sentences]
    assert len(texts) == len(set(texts))
    police = next(i for i in sel.items if i.sentence.text.startswith("Swedish police"))
    assert {o.source for o in police.origins} == {"s1", "s3"}
    assert police.sources[0] == police.sentence.source


def test_lead_and_title_overlap_win_a_tight_budget() -> None:
    sel = condense(narrative_sentences(baltic_a()), 25, title=baltic_a().title)
    assert any(
        "cut near Gotland" in s.text or "delay of four days" in s.text for s in sel.sentences
    )


def test_condensing_a_selection_keeps_its_best_and_expanding_gives_more_back() -> None:
    pool = _all()
    big = condense(pool, 120)
    small = condense(big, 50)
    assert {id(i) for i in small.items} <= {id(i) for i in big.items}
    assert [s.text for s in small.sentences] == [s.text for s in condense(pool, 50).sentences]
    again = small.condense(120)
    assert [s.text for s in again.sentences] == [s.text for s in big.sentences]


def test_deterministic() -> None:
    a = [s.text for s in condense(_all(), 90).sentences]
    b = [s.text for s in condense(list(_all()), 90).sentences]
    assert a == b


@st.composite
def articles(draw: st.DrawFn) -> Article:
    paragraphs = []
    for n in range(draw(st.integers(1, 6))):
        sentences = []
        for _ in range(draw(st.integers(1, 4))):
            words = draw(st.lists(st.sampled_from(_WORDS), min_size=3, max_size=14))
            sentences.append(" ".join(words).capitalize() + ".")
        paragraphs.append(Block("paragraph", " ".join(sentences), id=f"b{n}"))
    return Article("Title", paragraphs, id="s1")


@settings(max_examples=60)
@given(articles(), st.integers(1, 150))
def test_property_condensing_twice_is_condensing_once(article: Article, budget: int) -> None:
    sentences = split_sentences(article)
    bigger = condense(sentences, 2 * budget)
    via = condense(bigger, budget)
    assert {id(i) for i in via.items} <= {id(i) for i in bigger.items}
    assert via.words <= budget
    if all(s.words <= LONG_SHARE * budget for s in sentences):
        # nothing is too long to step over, so the cut is the top of the same order: exact
        direct = condense(sentences, budget)
        assert [s.text for s in via.sentences] == [s.text for s in direct.sentences]


@settings(max_examples=60)
@given(articles(), st.integers(0, 120))
def test_properties_budget_verbatim_order(article: Article, budget: int) -> None:
    sentences = split_sentences(article)
    sel = condense(sentences, budget, title=article.title)
    assert sel.words <= budget
    blocks = {b.id: b.text for b in article.blocks}
    for s in sel.sentences:
        assert blocks[s.block][s.start : s.end] == s.text
    assert [s.index for s in sel.sentences] == sorted(s.index for s in sel.sentences)
    assert [s.text for s in condense(sentences, budget, title=article.title).sentences] == [
        s.text for s in sel.sentences
    ]
