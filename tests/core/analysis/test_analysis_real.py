"""The analysis on real imported articles: the bundled demo and the real browser paste."""

from __future__ import annotations

from pathlib import Path

from briefing.core.analysis import analyse, is_call_to_action, word_count
from briefing.core.importing import import_file
from briefing.core.model.article import Article
from briefing.core.paths import demo_article_path
from briefing.core.storage.library import Library


def _budgets() -> dict[str, int]:
    """Word budgets of the standard template, by what fills each section."""
    out: dict[str, int] = {}
    for spec in Library().template("standard").sections:
        for kind in spec.fill:
            if spec.word_budget is not None:
                out.setdefault(kind, spec.word_budget)
    return out


def _sources(sample_path: Path) -> list[Article]:
    demo, sample = import_file(demo_article_path()), import_file(sample_path)
    demo.id, sample.id = "s1", "s2"
    return [demo, sample]


def test_sample_and_demo_fit_the_standard_templates_budgets(sample_path: Path) -> None:
    budgets = _budgets()
    assert (budgets["narrative"], budgets["key-takeaway"], budgets["qa"]) == (600, 120, 400)
    articles = _sources(sample_path)
    result = analyse(
        articles,
        background_words=budgets["narrative"],
        takeaway_words=budgets["key-takeaway"],
        faq_words=budgets["qa"],
    )
    assert 500 <= result.background.words <= 600  # the budget is used, not overrun
    assert sum(word_count(t.text) for t in result.takeaways) <= 120
    assert sum(item.words for item in result.faq) <= 400
    assert {s.source for s in result.background.sentences} == {"s1", "s2"}
    assert result.stories == (("s1",), ("s2",))  # two different stories
    blocks = {(a.id, b.id): b.text for a in articles for b in a.blocks}
    for s in result.background.sentences:
        assert s.text in blocks[(s.source, s.block)]
        assert not is_call_to_action(s.text)
    # the demo's call to comment never makes it
    assert not any("comments below" in s.text for s in result.background.sentences)
    # the articles' own takeaways are used, the demo's first
    assert [t.own for t in result.takeaways] == [True, True]
    assert result.takeaways[0].text.startswith("Undersea cables in the Arctic are few")


def test_prediction_candidates_of_the_sample_are_forward_looking(sample_path: Path) -> None:
    result = analyse(_sources(sample_path))
    statements = [c.statement for c in result.candidates]
    assert statements, "the sample and the demo make forecasts"
    for c in result.candidates:
        assert not c.statement.rstrip().endswith("?")
        assert not c.statement.startswith("Trump repeatedly called")
        assert not c.statement.startswith("Two months later")
        assert (c.probability is None) == (c.term is None)
    demo = [c for c in result.candidates if c.origin.source == "s1"]
    assert any(c.timeframe == "before the summer recess" for c in demo)
    by_start = {c.statement[:40]: c for c in demo}
    agreement = next(c for k, c in by_start.items() if k.startswith("A formal agreement"))
    assert agreement.term == "unlikely" and agreement.timeframe == "before next year"
    patrols = next(c for c in demo if "set to propose a permanent seabed" in c.statement)
    assert patrols.probability is None  # "is set to" is forward-looking but not estimative
