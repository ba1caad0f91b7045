"""Choosing the article between two readings (trafilatura's and readability's) by agreement
and density, with neither trusted alone."""

from __future__ import annotations

from briefing.core.importing.web_choose import choose_blocks, settled
from briefing.core.model.article import Block

ARTICLE = [
    "The harbour authority said on Monday that the new terminal would open in the spring "
    "after two years of delays caused by the collapse of a contractor.",
    "Residents of the old town, who have campaigned against the project for a decade, said "
    "they would keep pressing the council to limit night-time traffic.",
    "The ministry expects the terminal to handle a third of the country's container traffic "
    "by the end of the decade, according to figures published with the plan.",
    "Fishermen moored along the old pier say the dredging has already changed the currents "
    "near the harbour mouth in ways that nobody had warned them about.",
    "Officials promised a curfew on heavy traffic from next month, although the operator "
    "says it has not yet been consulted on the details of the scheme.",
]


def paras(texts: list[str]) -> list[Block]:
    return [Block("paragraph", t) for t in texts]


def texts(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks]


def test_agreeing_readings_keep_the_first_readings_blocks() -> None:
    first = paras(ARTICLE)
    first[1].text = first[1].text.replace("decade", "*decade*")  # its markup is kept
    assert texts(choose_blocks(first, paras(ARTICLE))) == texts(first)


def test_a_reading_cut_short_is_completed_by_the_other() -> None:
    # trafilatura kept the first container of a story split around an advert
    got = choose_blocks(paras(ARTICLE[:2]), paras(ARTICLE))
    assert texts(got) == ARTICLE


def test_teasers_after_a_furniture_header_stay_out() -> None:
    teasers = [
        "Related stories",
        "Storm damage on the coast road will cost the council millions to repair this year.",
        "Ferry fares rise again as the operator blames the price of fuel and new rules.",
    ]
    got = choose_blocks(paras(ARTICLE + teasers), paras(ARTICLE))
    assert texts(got) == ARTICLE


def test_prose_beyond_the_agreed_stretch_needs_weight_to_count() -> None:
    about = "The Harbour Times is an independent newspaper founded in 1921 and read in print."
    got = choose_blocks(paras([*ARTICLE, about + " " + about]), paras(ARTICLE))
    assert texts(got) == ARTICLE  # a short boilerplate paragraph after the story


def test_disagreeing_readings_take_the_one_under_the_headline() -> None:
    title = "Terminal opens in spring"
    post = [Block("heading", title, level=1), *paras(ARTICLE[:2])]
    teasers = paras(
        [
            "Storm damage on the coast road will cost the council millions to repair this "
            "year, officials said, as the clean-up continued along the seafront.",
            "Ferry fares rise again as the operator blames the price of fuel and new rules on "
            "emissions that came into force across the region in January.",
            "The council budget row deepened on Friday when two members walked out of the "
            "meeting in protest at cuts to the library and the swimming pool.",
        ]
    )
    assert choose_blocks(post, teasers, title) == post
    assert choose_blocks(teasers, post, title) == post


def test_a_notice_is_not_chosen_over_the_story() -> None:
    notice = paras(
        [
            "This copy is for your personal, non-commercial use only. To order "
            "presentation-ready copies for distribution, use the Reprints tool."
        ]
    )
    assert texts(choose_blocks(notice, paras(ARTICLE))) == ARTICLE


def test_an_empty_reading_leaves_the_other() -> None:
    assert texts(choose_blocks([], paras(ARTICLE))) == ARTICLE
    assert texts(choose_blocks(paras(ARTICLE), [])) == ARTICLE


def test_settled_when_the_first_reading_holds_the_pages_paragraphs() -> None:
    assert settled(paras(ARTICLE), ARTICLE)
    assert not settled(paras(ARTICLE[:2]), ARTICLE)  # a container is missing
    menu = ["Home", "News", "Sport"]
    assert settled(paras(ARTICLE), ARTICLE + menu)  # short lines are not paragraphs
    assert not settled(paras(ARTICLE[:1]), ARTICLE[:1])  # too little text to be sure
