"""Prediction candidates: forward-looking judgements only, honest probabilities, time frames."""

from __future__ import annotations

import pytest

from briefing.core.analysis import find_timeframe, prediction_candidates
from briefing.core.analysis.forward import is_forward_looking
from briefing.core.analysis.likelihood import estimative_term
from briefing.core.model.article import Article, Block
from briefing.core.model.estimative import ICD203, PHIA, band_at, check_term

PUBLISHED = "2026-03-14"


def _candidates(text: str, scale: str = "icd203", published: str | None = PUBLISHED) -> list:
    article = Article("T", [Block("paragraph", text, id="b1")], published=published, id="s1")
    return prediction_candidates(article, scale)


@pytest.mark.parametrize(
    "text",
    [
        # the issue's own examples
        "Two months later, he died of natural causes, most likely a heart attack.",
        "This seemed improbable.",
        "Trump repeatedly called on Japan to pay more for its defense.",
        "It was likely the longest outage in the archipelago's history.",
        "The fault was probably caused by a dragged anchor.",
        "Had the cable been laid further north, it would have escaped the trawlers.",
        "Share your experience below.",
        # and the other kinds of hard negative
        "Will Norway act alone?",
        "Is a deal likely before the summer?",
        "If the warnings had been heeded, the outage could have been avoided.",
        "In 2019 the company said it planned to build a factory in Ohio.",
        "He had intended to retire in 2020 but stayed on.",
        "The minister said last week that she would resign, but she later changed her mind.",
        "The vote was widely expected to pass, and it did.",
        "She would later become the first woman to lead the party.",
        "In 2010, officials predicted that the project would be finished by 2015.",
        "Subscribe now and you will never miss a story.",
        "You will need a passport to board the ferry.",
        "In this article, we will look at how cables are repaired.",
        "The crash was likely the result of pilot error.",
        "Anchors and trawl gear damage cables every year.",
    ],
)
def test_not_a_prediction(text: str) -> None:
    assert _candidates(text) == []


@pytest.mark.parametrize(
    ("text", "term", "timeframe", "resolve_by"),
    [
        ("Regulators are expected to publish rules in the spring.", None, "in the spring", None),
        ("The plan is likely to go to parliament before the summer recess.", "likely",
         "before the summer recess", None),
        ("It is unlikely that the strait reopens to commercial traffic before March 2027.",
         "unlikely", "before March 2027", "2027-03-01"),
        ("The operator will almost certainly lay a third cable within the next two years.",
         "almost certain", "within the next two years", "2028-03-14"),
        ("Ministers will very likely approve the funding by the end of the year.", "very likely",
         "by the end of the year", "2026-12-31"),
        ("The ministry plans to open the new monitoring centre next spring.", None,
         "next spring", None),
        ("The government intends to hold a referendum on the treaty in 2027.", None, "in 2027",
         "2027-12-31"),
        ("There is a roughly even chance that the talks collapse.", "roughly even chance", None,
         None),
        ("A ceasefire is highly unlikely while both sides believe they can still gain ground.",
         "very unlikely", None, None),
        ("Norway will not act alone.", None, None, None),
    ],
)  # fmt: skip
def test_forward_looking_with_term_and_timeframe(
    text: str, term: str | None, timeframe: str | None, resolve_by: str | None
) -> None:
    (c,) = _candidates(text)
    assert c.statement == text  # verbatim
    assert c.term == term
    assert c.timeframe == timeframe
    assert c.resolve_by == resolve_by
    assert (c.origin.source, c.origin.block) == ("s1", "b1")
    if term is None:
        assert c.probability is None and c.band is None  # not assessed
    else:
        assert c.probability is not None and check_term(term, c.probability) is None


def test_no_estimative_term_means_not_assessed() -> None:
    (c,) = _candidates("Regulators are expected to publish rules in the spring.")
    assert c.probability is None and c.term is None and c.wording is None


def test_probability_inside_the_band_on_either_scale() -> None:
    text = "Beijing is highly likely to retaliate against Japanese firms next year."
    (icd,) = _candidates(text, "icd203")
    (phia,) = _candidates(text, "phia")
    assert icd.term == "very likely" and 80 <= (icd.probability or 0) <= 95
    assert phia.term == "highly likely" and 80 <= (phia.probability or 0) <= 90
    assert phia.band == (80, 90) and phia.scale == "phia"


def test_phia_bands_are_the_yardstick() -> None:
    assert [(b.term, b.low, b.high) for b in PHIA] == [
        ("remote chance", 0, 5),
        ("highly unlikely", 10, 20),
        ("unlikely", 25, 35),
        ("realistic possibility", 40, 50),
        ("likely", 55, 75),
        ("highly likely", 80, 90),
        ("almost certain", 95, 100),
    ]
    assert band_at(5, "icd203") == ICD203[4]
    with pytest.raises(ValueError):
        band_at(8, "phia")


def test_estimative_wording_maps_to_the_right_degree() -> None:
    def term(text: str, scale: str = "icd203") -> str | None:
        found = estimative_term(text, scale)
        return found[0] if found else None

    assert term("It is highly unlikely to pass.") == "very unlikely"
    assert term("There is a remote chance of a deal.", "phia") == "remote chance"
    assert term("There is a realistic possibility that it fails.", "phia") == (
        "realistic possibility"
    )
    assert term("It will probably fail.") == "likely"
    assert term("Officials will almost certainly refuse.") == "almost certain"
    assert term("The talks may resume.") is None  # "may" is not an estimative term


def test_questions_and_calls_in_a_real_paragraph_are_skipped() -> None:
    text = (
        "The defence ministry is set to propose a seabed surveillance programme. "
        "Will parliament agree? What do you think Arctic states should do? Tell us below. "
        "The coming months are likely to bring more cable-laying, not less."
    )
    got = [c.statement for c in _candidates(text)]
    assert got == [
        "The defence ministry is set to propose a seabed surveillance programme.",
        "The coming months are likely to bring more cable-laying, not less.",
    ]


def test_reported_future_is_forward_looking_but_a_past_plan_is_not() -> None:
    assert is_forward_looking("The minister said she will visit Washington soon.", PUBLISHED)
    assert not is_forward_looking("The council had planned to close the library.", PUBLISHED)


@pytest.mark.parametrize(
    ("text", "published", "phrase", "resolve_by"),
    [
        ("The talks resume in March.", "2026-01-10", "in March", "2026-03-31"),
        ("They will meet next week.", "2026-11-20", "next week", "2026-11-29"),
        ("Parliament will vote on Monday.", "2026-11-20", "on Monday", "2026-11-23"),
        ("It opens on 3 June.", "2026-03-14", "on 3 June", "2026-06-03"),
        ("A decision is due within 30 days.", "2026-03-14", "within 30 days", "2026-04-13"),
        ("Voters go to the polls tomorrow.", "2026-03-14", "tomorrow", "2026-03-15"),
        ("It will be done by mid-2027.", "2026-03-14", "by mid-2027", None),
        ("The line reopens later this year.", None, "later this year", None),
        ("It was agreed on 3 March and will apply from next year.", "2026-03-14", "from next year",
         "2027-12-31"),
    ],
)  # fmt: skip
def test_timeframes(text: str, published: str | None, phrase: str, resolve_by: str | None) -> None:
    tf = find_timeframe(text, published)
    assert tf is not None and tf.text == phrase and tf.resolve_by == resolve_by


@pytest.mark.parametrize(
    "text",
    [
        # rules, contracts and verse: "shall" prescribes, it does not forecast
        "The Committee shall have the power to make regulations and by-laws.",
        "In the event of cancellation a cancellation charge shall become payable.",
        # "today" and "tonight" are now
        "Today is a time for lessons, and the nation looks back on its history.",
        "We are preparing the pupils for today's jobs, not tomorrow's jobs.",
        # the writer talking about the text
        "We will now enquire into the history of the institution.",
        "Today, we're going to explain five great strategies for building links.",
        # what a kind of thing does, or people at large
        "A red filter will bring out the blue features within the equatorial zone.",
        "About 80% of people will experience back pain at some point in their lives.",
        "Each vendor of camera lenses will use a set of initials to mark full-frame lenses.",
        "Campaigns set to rotate evenly will automatically begin to optimise for clicks.",
        # routines, story time and hypotheticals are not dates ahead
        "The boys fill the classrooms from Sunday through Thursday, sitting on worn mats.",
        "Refrigerating the soup till the next day will result in a thick soup.",
        "A short lapse that the new Congress addresses in January would do less damage.",
        "The Ford Escape is new for 2013, and this time it is no carryover.",
        # decisions and noun uses are not plans
        "The minister has decided that the reform requires deeper concessions.",
        "Here is a simple project to answer that question for the whole team.",
        "They should not, however, expect to earn nearly as much money as before.",
    ],
)
def test_not_a_prediction_on_new_material(text: str) -> None:
    """Kinds of false candidate found on pages no labelled set uses (the fresh dev pages)."""
    assert not is_forward_looking(text, "2012-11-12")


@pytest.mark.parametrize(
    "text",
    [
        "South Africa face the Pacific Islanders in Gosford on July 17, before heading home.",
        "The new treaty enters into force in January 2027.",
        "Norway's own operators plan a third, redundant link to Svalbard.",
        "However, they said they don't expect to take action until at least 2027.",
        "According to people familiar with the draft, the ministry is set to propose patrols.",
        "The priority of all six countries at the talks next week will be their own security.",
    ],
)
def test_still_forward_looking(text: str) -> None:
    assert is_forward_looking(text, "2026-03-14")
