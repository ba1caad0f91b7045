"""Chrome rules generalise; Markdown keeps structure and inline Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.importing import import_file
from briefing.core.importing.chrome import is_chrome, trailing_cut

CHROME = [
    "Home › Business › Markets",
    "News | Sport | Weather | Culture",
    "Share on Facebook",
    "Follow us on Twitter",
    "Subscribe to our newsletter",
    "Sign up for our daily newsletter to get the latest news in your inbox",
    "Leave a Reply",
    "12 Comments",
    "Your email address will not be published. Required fields are marked *",
    "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
    "Ad Blocker Detected",
    "Please disable your ad blocker to support independent journalism.",
    "We use cookies to give you the best experience on our website.",
    "Accept all cookies",
    "Related Articles",
    "You might also like",
    "© 2024 Some Publisher Inc.",
    "Copyright 2023 Example News. All rights reserved.",
    "Tags: politics, elections",
    "Filed under: Europe",
    "Previous article: Markets fall again",
    "Next Post",
    "What do you think? Let us know in the comments below.",
    "Advertisement",
    "Facebook",
    "WhatsApp",
    "Save for later",
    "Gift this article",
    "Listen to this article",
]
CONTENT = [
    "The central bank is likely to raise rates in March, analysts said.",
    "Home prices rose 4% in the year to June.",
    "Related talks between the two ministries stalled last year.",
    "Follow-up negotiations are expected in the autumn.",
    "Comments by the minister drew criticism from the opposition.",
    "The Shifting Balance of Power",
    "Share prices in Tokyo rose sharply after the announcement.",
    "Facebook said it would appeal the ruling.",
    "Save the Children warned of shortages.",
]


@pytest.mark.parametrize("line", CHROME)
def test_chrome_lines(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize("line", CONTENT)
def test_content_lines_are_not_chrome(line: str) -> None:
    assert not is_chrome(line)


def test_trailing_cut_keeps_the_article() -> None:
    body = ["A long paragraph of the article. " * 10, "Conclusion", "Final words. " * 10]
    tail = ["You may also like", "Other story title", "Another story title"]
    assert trailing_cut(body + tail) == len(body)
    assert trailing_cut(body) == len(body)


def test_markdown_article(fixtures_dir: Path) -> None:
    article = import_file(fixtures_dir / "import" / "article.md")
    assert article.title == "Drone Rules Tighten Across the Baltic 🇱🇻"
    assert article.authors == ["Anna Berzina"]
    assert article.published == "2025-09-03"
    first = article.blocks[0]
    assert first.kind == "paragraph"
    assert "**remote identification**" in first.text
    assert "[draft rules](https://example.org/rules)" in first.text
    lists = [b.text for b in article.blocks if b.kind == "list"]
    assert lists == [
        "1. Registration for drones over 250 g\n2. Remote ID broadcast\n"
        "  - retrofit kits allowed\n3. No-fly zones near ports"
    ]
    labels = [b.label for b in article.blocks if b.kind == "callout"]
    assert labels == ["Key Takeaway", "Note", "Did you know?"]
    qa = [b for b in article.blocks if b.kind == "qa"]
    assert [(b.question, b.answer) for b in qa] == [
        (
            "Who enforces the rules?",
            "National aviation authorities, with police support near ports.",
        )
    ]
    assert "Advertisement" not in article.text and "<div" not in article.text
    assert "You may also like" not in article.text and "Another story" not in article.text


def test_markdown_raw_html_keeps_only_its_words() -> None:
    from briefing.core.importing import import_text

    text = (
        "# Title\n\nSome <b>bold</b> words <script>alert(1)</script> and "
        "<https://example.org> with <img src=x onerror=alert(1)> and 3 < 4 > 2.\n\n"
        "<div onclick='x()'>A raw HTML block.</div>\n"
    )
    article = import_text(text, kind="markdown")
    assert [b.text for b in article.blocks] == [
        "Some bold words and <https://example.org> with and 3 < 4 > 2.",
        "A raw HTML block.",
    ]
