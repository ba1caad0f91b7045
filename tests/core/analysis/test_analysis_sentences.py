"""The sentence splitter: abbreviations, initials, decimals, quotes, Markdown and citations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.core.analysis.sentences import narrative_sentences, split_sentences, split_text
from briefing.core.model.article import Article, Block

GOLD = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "sentence-splits.jsonl"


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in split_text(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. Treasury said it would act. Officials gave no date.",
         ["The U.S. Treasury said it would act.", "Officials gave no date."]),
        ("Talks resumed in the U.S. The next round is in June.",
         ["Talks resumed in the U.S.", "The next round is in June."]),
        ("Dr. Lars Henriksen disagreed. He said so.",
         ["Dr. Lars Henriksen disagreed.", "He said so."]),
        ("J. K. Rowling met John F. Kennedy Jr. once. It was brief.",
         ["J. K. Rowling met John F. Kennedy Jr. once.", "It was brief."]),
        ("Growth slowed to 1.5 percent. Prices rose 3.2%.",
         ["Growth slowed to 1.5 percent.", "Prices rose 3.2%."]),
        ('"Is this deliberate?" she asked. Nobody answered.',
         ['"Is this deliberate?" she asked.', "Nobody answered."]),
        ("It was cut... and then repaired. Then it failed again.",
         ["It was cut... and then repaired.", "Then it failed again."]),
        ("See the [report by the U.S. Dept. of Energy](https://example.org/a.b). It is long.",
         ["See the [report by the U.S. Dept. of Energy](https://example.org/a.b).", "It is long."]),
        ("Output fell in March. [@s1] Prices rose. [@s2; @s3]",
         ["Output fell in March. [@s1]", "Prices rose. [@s2; @s3]"]),
        ("**He left. She stayed.** Then it rained.",
         ["**He left. She stayed.**", "Then it rained."]),
        ("Write to press@example.org. Replies take a week.",
         ["Write to press@example.org.", "Replies take a week."]),
    ],
)  # fmt: skip
def test_hard_boundaries(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


def test_gold_set_is_mostly_right() -> None:
    cases = [
        json.loads(line)["sentences"] for line in GOLD.read_text(encoding="utf-8").splitlines()
    ]
    right = sum(_split(" ".join(c)) == c for c in cases)
    assert right >= 0.9 * len(cases)


def test_sentences_carry_their_origin_and_are_verbatim() -> None:
    article = Article(
        "T",
        [
            Block("heading", "Why it matters", id="h1", level=2),
            Block("paragraph", "First one. Second one here.", id="p1"),
            Block("list", "- Item one is here.\n- Item two. With two sentences.", id="l1"),
            Block("qa", "Q?\nA.", id="q1", question="Q?", answer="A."),
        ],
        id="s1",
    )
    got = split_sentences(article)
    assert [(s.block, s.position, s.index) for s in got] == [
        ("p1", 0, 0), ("p1", 1, 1), ("l1", 0, 2), ("l1", 1, 3), ("l1", 2, 4)
    ]  # fmt: skip
    blocks = {b.id: b for b in article.blocks}
    for s in got:
        assert blocks[s.block].text[s.start : s.end] == s.text
        assert s.source == "s1" and s.heading == "Why it matters"
    assert got[2].text == "Item one is here."
    assert got[0].paragraph == 0 and got[2].paragraph == 1


def test_narrative_sentences_leave_out_the_articles_own_takeaway() -> None:
    article = Article(
        "T",
        [
            Block("paragraph", "Prose here is fine.", id="p1"),
            Block("callout", "The one thing to remember.", id="c1", label="Key Takeaway"),
            Block("callout", "Cables are few.", id="c2", label="Did you know?"),
        ],
        id="s1",
    )
    assert [s.block for s in narrative_sentences(article)] == ["p1", "c2"]


@given(st.text(alphabet=st.sampled_from(list("ab .?!\"'[]()@*_\nUS1")), max_size=200))
def test_spans_are_ordered_trimmed_slices(text: str) -> None:
    spans = split_text(text)
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip()
        last = b
    # nothing but whitespace is lost between spans
    covered = "".join(text[a:b] for a, b in spans)
    assert covered.replace(" ", "").replace("\n", "") == "".join(text.split())
