"""Reading meaning out of article text: sentences, estimative language, time frames, chrome."""

from __future__ import annotations

import pytest

from briefing.core.drafting.extract import (
    estimate,
    is_chrome,
    is_takeaway_label,
    passages,
    prediction_candidates,
    sentences,
    timeframe,
)
from briefing.core.model.article import Article, Block
from briefing.core.model.estimative import check_term


def test_sentences_do_not_split_after_abbreviations() -> None:
    text = "Dr. Lars Berg spoke. The U.S. Navy agreed! Was it “planned?” Nobody said. 3 ships left."
    assert sentences(text) == [
        "Dr. Lars Berg spoke.",
        "The U.S. Navy agreed!",
        "Was it “planned?”",
        "Nobody said.",
        "3 ships left.",
    ]


@pytest.mark.parametrize(
    ("sentence", "term"),
    [
        ("Funding is likely to be folded into the plan.", "likely"),
        ("Repairs will probably take weeks.", "likely"),
        ("Officials expect closer data sharing.", "likely"),
        ("Expect authorities to tighten inspections.", "likely"),
        ("The plan is expected to go to parliament.", "likely"),
        ("The ministry is set to propose a programme.", "very likely"),
        ("An agreement is unlikely before next year, but drills could begin.", "unlikely"),
        ("A deal is highly unlikely this year.", "very unlikely"),
        ("Prices will almost certainly rise.", "almost certain"),
        ("Shipping companies could see longer clearance times.", "roughly even chance"),
        ("Could the talks fail? Perhaps they might stall.", "roughly even chance"),
    ],
)
def test_estimative_cues(sentence: str, term: str) -> None:
    got = estimate(sentence)
    assert got is not None
    assert got[0] == term
    assert check_term(got[0], got[1]) is None  # the guessed percentage agrees with the term


@pytest.mark.parametrize(
    "sentence",
    [
        "In May the cables failed.",
        "Investigators have not named a culprit.",
        "The ship could not anchor.",
        "They may have dragged an anchor.",
    ],
)
def test_not_estimative(sentence: str) -> None:
    assert estimate(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "frame"),
    [
        ("It is expected before the summer recess.", "before the summer recess"),
        ("A deal is unlikely before next year.", "before next year"),
        ("Drills could begin as early as this autumn.", "as early as this autumn"),
        ("The coming months are likely to bring more.", "the coming months"),
        ("Costs will likely rise by end of 2027.", "by end of 2027"),
        ("Costs will likely rise.", ""),
    ],
)
def test_timeframe(sentence: str, frame: str) -> None:
    assert timeframe(sentence) == frame


def test_labels_and_chrome() -> None:
    assert is_takeaway_label("Key Takeaway")
    assert is_takeaway_label("key takeaways:")
    assert is_takeaway_label("TL;DR")
    assert not is_takeaway_label("Did you know?")
    assert not is_takeaway_label(None)
    assert is_chrome("What do you think? Tell us in the comments below!")
    assert is_chrome("Sign up for our newsletter")
    assert not is_chrome("Governments are likely to share the burden.")


def test_plain_q_and_a_paragraphs_become_pairs() -> None:
    article = Article(
        title="T",
        blocks=[
            Block("paragraph", "Q: Who pays?", "1"),
            Block("paragraph", "A: Governments, mostly.", "2"),
            Block("paragraph", "Q: left without an answer", "3"),
        ],
        id="s1",
    )
    got = passages(article)
    assert [(p.kind, p.question, p.answer, p.block) for p in got[:1]] == [
        ("qa", "Who pays?", "Governments, mostly.", "1")
    ]
    assert got[1].kind == "text"


def test_candidates_skip_questions_callouts_and_chrome() -> None:
    article = Article(
        title="T",
        blocks=[
            Block(
                "paragraph", "Will prices likely rise? Prices are likely to rise next year.", "1"
            ),
            Block("callout", "This is likely to matter.", "2", label="Pro Tip"),
            Block("list", "- Ports are expected to tighten checks\n- Nothing here", "3"),
            Block("paragraph", "Subscribe: our newsletter is likely the best.", "4"),
        ],
        id="s1",
    )
    got = prediction_candidates(article)
    assert [(p.statement, p.timeframe) for p in got] == [
        ("Prices are likely to rise next year.", "next year"),
        ("Ports are expected to tighten checks", ""),
    ]
