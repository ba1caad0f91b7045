"""Several sources: same story, merged duplicates with all citations, themes, disagreements."""

from __future__ import annotations

from support.stories import baltic_a, baltic_b, baltic_wire, harvest

from briefing.core.analysis import (
    analyse,
    condense,
    find_disagreements,
    find_same_story,
    group_by_theme,
    merge_duplicates,
    narrative_sentences,
    split_sentences,
)
from briefing.core.analysis.figures import find_figures


def test_same_story_from_two_sites_and_a_wire_copy_apart_from_another_story() -> None:
    groups = find_same_story([baltic_a(), harvest(), baltic_b(), baltic_wire()])
    assert groups == [["s1", "s2", "s3"], ["s4"]]


def test_unrelated_articles_stay_apart() -> None:
    assert find_same_story([baltic_a(), harvest()]) == [["s1"], ["s4"]]


def test_merged_sentence_lists_every_source_and_block_it_stands_for() -> None:
    merged = merge_duplicates(split_sentences(baltic_a()) + split_sentences(baltic_wire()))
    police = next(m for m in merged if m.sentence.text.startswith("Swedish police"))
    assert [(o.source, o.block) for o in police.origins] == [("s1", "b3"), ("s3", "w4")]
    assert police.sources == ("s1", "s3")
    singles = [m for m in merged if len(m.origins) == 1]
    assert singles  # the wire's new top is its own


def test_background_across_sources_is_grouped_by_theme_not_article_by_article() -> None:
    articles = [baltic_a(), baltic_b(), baltic_wire()]
    sel = condense([s for a in articles for s in narrative_sentences(a)], 120)
    sources = [s.source for s in sel.sentences]
    assert len(set(sources)) > 1
    # not one article after another: some source comes back after another one
    runs = [x for n, x in enumerate(sources) if n == 0 or sources[n - 1] != x]
    assert len(runs) > len(set(sources))
    assert any(len(i.origins) > 1 for i in sel.items)  # corroboration is visible


def test_themes_label_only_from_a_shared_heading() -> None:
    articles = [baltic_a(), baltic_b()]
    sel = condense([s for a in articles for s in narrative_sentences(a)], 10_000)
    themes = group_by_theme(sel.items, published={"s1": "2026-03-05", "s2": "2026-03-06"})
    assert sum(len(t.items) for t in themes) == len(sel.items)
    for t in themes:
        if t.label is not None:
            headings = [i.sentence.heading for i in t.items]
            assert headings.count(t.label) * 2 > len(headings)


def test_history_theme_comes_last() -> None:
    from briefing.core.analysis.records import Selected
    from briefing.core.analysis.sentences import Sentence
    from briefing.core.model.document import Origin

    def item(text: str, src: str, rank: int) -> Selected:
        s = Sentence(text, src, "b1", rank, 0, 0, len(text))
        return Selected(s, 1.0 - rank / 10, rank, (Origin(src, "b1"),))

    items = [
        item("In 2019 the old cable was laid across the strait by a Finnish firm.", "s2", 0),
        item("The new cable failed on 3 March 2026 and traffic was rerouted.", "s1", 1),
        item("Traffic was rerouted through Denmark after the new cable failed.", "s2", 2),
        item("In 2019 the firm that laid the old cable across the strait was sold.", "s1", 3),
    ]
    themes = group_by_theme(items, published={"s1": "2026-03-05", "s2": "2026-03-05"})
    assert "2019" in themes[-1].items[0].sentence.text
    assert "2019" not in themes[0].items[0].sentence.text


def test_disagreeing_figures_and_dates_are_flagged_with_both_sources() -> None:
    found = find_disagreements(split_sentences(baltic_a()) + split_sentences(baltic_b()))
    pairs = {(d.unit, d.first_figure, d.second_figure) for d in found}
    assert ("day", "four days", "five days") in pairs
    assert ("USD", "$2bn", "$2.4bn") in pairs
    assert ("date", "3 March", "4 March") in pairs
    delay = next(d for d in found if d.unit == "day")
    assert "delay" in delay.about
    assert {o.source for o in delay.origins} == {"s1", "s2"}
    assert delay.describe().startswith('s1 says "four days"; s2 says "five days"')


def test_a_wire_copy_stands_on_its_originals_side_and_each_conflict_is_listed_once() -> None:
    pool = [s for a in (baltic_a(), baltic_b(), baltic_wire()) for s in split_sentences(a)]
    found = find_disagreements(pool)
    assert sorted(d.unit for d in found) == ["USD", "date", "day"]
    day = next(d for d in found if d.unit == "day")
    assert day.sides[0].sources == ("s1", "s3") and day.sides[1].sources == ("s2",)
    assert day.describe().startswith('s1, s3 say "four days"; s2 says "five days"')


def test_sentences_that_disagree_on_a_figure_are_never_merged() -> None:
    pool = [s for a in (baltic_a(), baltic_b(), baltic_wire()) for s in narrative_sentences(a)]
    sel = condense(pool, 10_000)
    assert any(item.duplicates for item in sel.items)
    for item in sel.items:
        figures = find_figures(item.sentence.text)
        for other in item.duplicates:
            others = [f for f in find_figures(other.text) if f.unit != "year"]
            for f in figures:
                same_kind = [g for g in others if g.unit == f.unit]
                assert not same_kind or any(f.overlaps(g) for g in same_kind), item.sentence.text
    merged = merge_duplicates(pool)
    four = next(m for m in merged if "delay of four days" in m.sentence.text)
    assert {o.source for o in four.origins} == {"s1", "s3"}


def test_the_same_figure_twice_is_no_disagreement() -> None:
    found = find_disagreements(split_sentences(baltic_a()) + split_sentences(baltic_wire()))
    assert found == []


def test_figures_are_normalised() -> None:
    def one(text: str) -> tuple[float, str]:
        f = find_figures(text)[0]
        return f.value, f.unit

    assert one("a delay of four days") == one("4 days of delay") == (4.0, "day")
    assert one("It cost $2bn.") == one("It cost 2 billion dollars.") == (2e9, "USD")
    assert one("Prices rose three per cent.") == one("Prices rose 3%.") == (3.0, "%")
    assert one("It failed on 3 March.") == one("It failed on March 3rd.") == (303.0, "date")
    ranged = find_figures("between 2 and 4 billion kroner")[0]
    assert (ranged.value, ranged.high, ranged.unit) == (2e9, 4e9, "NOK")


def test_analyse_runs_everything_for_two_stories() -> None:
    result = analyse([baltic_a(), baltic_b(), baltic_wire(), harvest()], background_words=150)
    assert result.stories == (("s1", "s2", "s3"), ("s4",))
    assert result.background.words <= 150
    assert {d.unit for d in result.disagreements} >= {"day", "USD", "date"}
    assert [t.own for t in result.takeaways] == [True, False]
    assert result.takeaways[1].origins[0].source == "s4"
    repair = next(f for f in result.faq if "pay" in f.question.lower())
    assert {o.source for o in repair.origins} == {"s1", "s2"}
    assert len(repair.answers) == 1  # the same answer from two sources is written once


def test_the_same_forecast_from_several_sources_is_one_candidate() -> None:
    result = analyse([baltic_a(), baltic_b(), baltic_wire(), harvest()])
    patrols = [c for c in result.candidates if "patrol ships" in c.statement]
    assert len(patrols) == 1
    assert patrols[0].origin.source == "s1"
    assert [o.source for o in patrols[0].also] == ["s3"]
    statements = [c.statement for c in result.candidates]
    assert len(statements) == len(set(statements))
