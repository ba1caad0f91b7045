"""Plain-text import: the real sample, the demo article and the fixture article."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.importing import import_file, import_text
from briefing.core.paths import resources_dir

SAMPLE_HEADINGS = [
    "The Shifting Sands of US Foreign Policy",
    "Defense Spending and Burden Sharing",
    "Economic Implications: Trade, Technology, and Supply Chains",
    "The Semiconductor Race and Technological Competition",
    "Navigating the China Factor",
    "The Taiwan Strait and Regional Security",
    "Preparing for a New Era",
]
CHROME = [
    "Home »",
    "You may also like",
    "Leave a Comment",
    "Akismet",
    "Adblock",
    "AdBlocker",
    "Share your thoughts in the comments",
]


def test_sample_comes_out_exactly_right(sample_path: Path) -> None:
    article = import_file(sample_path)
    assert article.title == "Takaichi & Trump Call: Possible Friday Talks 🇯🇵🇺🇸"
    assert article.authors == ["James Carter"]
    assert [b.text for b in article.blocks if b.kind == "heading"] == SAMPLE_HEADINGS
    callouts = [b.label for b in article.blocks if b.kind == "callout"]
    assert callouts == ["Did you know?", "Expert Insight", "Key Takeaway", "Pro Tip"]
    qa = [b for b in article.blocks if b.kind == "qa"]
    assert len(qa) == 4
    assert qa[0].question == "What is the biggest challenge facing the US-Japan alliance?"
    assert qa[0].answer is not None and qa[0].answer.startswith("The biggest challenge")
    assert "“America First.”" in article.text
    for chrome in CHROME:
        assert chrome not in article.text
    assert article.title not in article.text  # the repeated title is not content
    assert "James Carter" not in article.text  # neither is the byline
    assert [b.id for b in article.blocks] == [f"b{i}" for i in range(1, len(article.blocks) + 1)]
    expert = next(b for b in article.blocks if b.label == "Expert Insight")
    assert expert.text.startswith("Dr. Hiroshi Sato")
    assert expert.text.endswith("supply chain.”")
    assert "**US-Japan relations**" in article.text  # inline emphasis survives as Markdown
    # no mojibake left anywhere
    for marker in ("Β»", "β€", "πŸ", "â€", "Ã"):
        assert marker not in article.text and marker not in article.title


def test_demo_article_repairs_and_structures() -> None:
    article = import_file(resources_dir() / "demo" / "demo-article.txt")
    assert article.title == "Arctic Cables: Norway Weighs Seabed Patrols 🇳🇴"
    assert article.authors == ["Ingrid Solberg"]
    assert article.published == "2026-03-14"
    kinds = [b.kind for b in article.blocks]
    assert kinds.count("heading") == 6 and kinds.count("qa") == 3
    labels = [b.label for b in article.blocks if b.kind == "callout"]
    assert labels == ["Key Takeaway", "Did you know?", "Expert Insight", "Pro Tip"]
    text = article.text
    assert "Norway’s decision" in text and "Tromsø" in text
    assert "“We are no longer treating these as isolated accidents,”" in text
    assert "kroner over five years – modest" in text
    assert "“Sensors alone do not deter anyone." in text
    for chrome in ("Related Posts", "Leave a Comment", "cookies", "ad blocker", "©", "comments"):
        assert chrome not in text
    assert "â€" not in text and "\x9d" not in text


def test_fixture_article_structure(fixtures_dir: Path) -> None:
    article = import_file(fixtures_dir / "import" / "article-utf8.txt")
    assert article.title == "Grain Corridor Talks Resume"
    assert article.authors == ["Marta Kowalski", "Tomás Ferreira"]
    assert article.published == "2025-06-02"
    by_kind = {b.kind: b for b in article.blocks}
    assert by_kind["list"].text == (
        "- insurance for ships entering the corridor\n"
        "- inspections at the Bosphorus\n"
        "- payment channels for exporters"
    )
    assert by_kind["quote"].text.startswith("“Nobody wants a repeat")
    callouts = {b.label: b.text for b in article.blocks if b.kind == "callout"}
    assert callouts == {
        "Note": "Figures in this article are preliminary estimates.",
        "Bottom line": "A deal before the harvest is possible but far from certain.",
    }
    qa = [(b.question, b.answer) for b in article.blocks if b.kind == "qa"]
    assert qa == [
        (
            "Why does the corridor matter?",
            "It carries a large share of the region's wheat and maize exports.",
        ),
        (
            "When could shipments restart?",
            "Officials expect the first convoys within weeks of a signed deal.",
        ),
    ]
    for chrome in ("Share this", "Tags:", "©", "Home ›"):
        assert chrome not in article.text


@pytest.mark.parametrize(
    "name",
    [
        "article-utf8-bom.txt",
        "article-utf16le-bom.txt",
        "article-utf16be-bom.txt",
        "article-crlf.txt",
        "article-mojibake-cp1252.txt",
        "article-mojibake-double.txt",
        "article-mojibake-cp1253.txt",
    ],
)
def test_every_encoding_and_misread_gives_the_same_article(fixtures_dir: Path, name: str) -> None:
    expected = import_file(fixtures_dir / "import" / "article-utf8.txt")
    got = import_file(fixtures_dir / "import" / name)
    assert got.title == expected.title
    assert got.authors == expected.authors
    assert [b.to_dict() for b in got.blocks] == [b.to_dict() for b in expected.blocks]


def test_clipboard_text_and_html_sniffing() -> None:
    article = import_text(
        "Quick Note on Tariffs\n\nTariffs are likely to rise by March.\n\n"
        "Why it matters: exporters face higher costs.\n"
    )
    assert article.origin == "clipboard"
    assert article.title == "Quick Note on Tariffs"
    assert article.blocks[1].kind == "callout" and article.blocks[1].label == "Why it matters"


def test_paragraph_only_paste_gets_a_title() -> None:
    article = import_text("Officials expect the vote to pass. " * 5)
    assert article.title.startswith("Officials expect the vote")
    assert article.blocks[0].kind == "paragraph"


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "Wrapped Email Digest\n\n"
        "This paragraph was wrapped at a fixed width by a mail client so that\n"
        "its lines end early, but it is still a single paragraph of the digest.\n"
    )
    article = import_text(text)
    assert len(article.blocks) == 1
    assert article.blocks[0].text.startswith("This paragraph was wrapped at a fixed width by")


def test_short_question_heads_a_section_outside_faq() -> None:
    long = "This paragraph is long enough to be read as body text rather than as a heading. "
    article = import_text(f"Title Here\n\n{long}\n\nWhy Does It Matter?\n\n{long}\n\nOK?\n\nYes.")
    kinds = [(b.kind, b.text) for b in article.blocks]
    assert ("heading", "Why Does It Matter?") in kinds
    assert ("paragraph", "OK?") in kinds  # no paragraph follows it: not a heading


def test_genuine_text_survives_import() -> None:
    text = (
        "Северный флот and the Café Zürich\n\n"
        "Analysts in Gdańsk said the naïve plan for Северный флот is “unlikely” to pass – "
        "though Ελληνικά sources disagree… 🇬🇷\n"
    )
    article = import_text(text)
    assert article.title == "Северный флот and the Café Zürich"
    assert article.text == text.split("\n\n")[1].strip()


def test_messy_news_paste(fixtures_dir: Path) -> None:
    """A paste from a site the rules were not written for: menus, share bar, reading time,
    photo credit, advert, read-more link, newsletter prompt, topics, author box, comments."""
    article = import_file(fixtures_dir / "import" / "messy-news-paste.txt")
    assert article.title == "EU Gas Storage Hits Record as Winter Nears"
    assert article.authors == ["Jane Doe", "Pierre Martin"]
    assert article.published == "2024-10-14"
    assert [b.text for b in article.blocks if b.kind == "heading"] == [
        "Storage Levels by Country",
        "What Happens Next?",
    ]
    assert article.blocks[0].text.startswith("European gas storage reached 95 percent")
    assert article.blocks[-1].text.endswith("tougher rules on joint purchasing.")
    for chrome in ("Menu", "Share", "min read", "Photo", "Advertisement", "Read more", "Sign up"):
        assert chrome not in article.text
    for chrome in ("Topics", "About the author", "Comments", "nonsense", "Oil Prices Slip"):
        assert chrome not in article.text


def test_real_article_bodies_survive_a_text_import(shared_dir: Path) -> None:
    """The 120 hand-marked bodies of ../shared/article-benchmark, pasted as text: the chrome
    and header rules must not eat real article text written by other people."""
    import json
    import re
    from collections import Counter

    truth_path = shared_dir / "article-benchmark" / "ground-truth.json"
    if not truth_path.is_file():
        pytest.skip("the article benchmark is absent")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))

    def tokens(text: str) -> Counter[str]:
        return Counter(re.findall(r"\w+", text.lower()))

    recalls = []
    for entry in truth.values():
        body = entry["articleBody"]
        article = import_text(body.replace("\n", "\n\n"))
        got, want = tokens(article.title + " " + article.text), tokens(body)
        recalls.append(sum((got & want).values()) / max(1, sum(want.values())))
    assert len(recalls) == len(truth) >= 100
    assert sum(recalls) / len(recalls) > 0.995
    assert min(recalls) > 0.95


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Expert Insight:” Dr. Ada Lee says no.", ("Expert Insight", "Dr. Ada Lee says no.")),
        ("“Analyst View”: markets will fall.", ("Analyst View", "markets will fall.")),
        ("“Did you know?” Ports close in winter.", ("Did you know?", "Ports close in winter.")),
        ("Bottom line: talks resume.", ("Bottom line", "talks resume.")),
        ("“Why now?” asked one official, looking at the clock.", None),
        ("“Northern Fleet” exercises began on Monday.", None),
        ("Economic Implications: Trade and Supply Chains", None),
    ],
)
def test_callout_shapes(text: str, expected: tuple[str, str] | None) -> None:
    from briefing.core.importing.structure import callout

    assert callout(text) == expected


def test_clipboard_kind_is_sniffed(sample_path: Path, fixtures_dir: Path) -> None:
    pasted = import_text(sample_path.read_text(encoding="utf-8"))  # browser paste: text
    assert len([b for b in pasted.blocks if b.kind == "heading"]) == 7
    md = import_text((fixtures_dir / "import" / "article.md").read_text(encoding="utf-8"))
    assert md.url == "https://example.org/baltic-drones"  # front matter: read as Markdown
