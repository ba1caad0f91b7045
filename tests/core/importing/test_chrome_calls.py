"""Furniture in Markdown and text imports: footer bars of links, calls to action, reprint
notices; and a front page's repeated item footers are not where the article ends."""

from __future__ import annotations

import pytest

from briefing.core.importing import import_text
from briefing.core.importing.chrome import is_chrome, trailing_cut

BODY = (
    "The harbour authority said on Monday that the new terminal would open in the spring, "
    "after two years of delays caused by the collapse of a contractor.\n\n"
    "Residents of the old town said they would keep pressing the council to limit night-time "
    "traffic on the coast road through the village.\n\n"
)


@pytest.mark.parametrize(
    "line",
    [
        "*Share this article* · *Related Posts*",
        "**Share this article** | **Related Posts**",
        "Share this article · Related Posts",
        "Follow us for more updates on Japan politics.",
        "Follow us on Telegram for the latest news from the region!",
        "For more updates, follow us on X and WhatsApp.",
        "Stay tuned for more updates.",
        "Like and share this post!",
        "This copy is for your personal, non-commercial use only. To order presentation-ready "
        "copies for distribution to your colleagues, clients or customers, use the Reprints tool.",
        "For non-personal use or to order multiple copies, please contact our reprints desk.",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "The party will follow us for more than a year, the minister said.",
        "Follow our live coverage for more updates on the storm.",
        "Tokyo · Osaka",
        "The ministry copies the format used by its neighbours for personal data.",
        "Share prices rose in Tokyo · Related stocks fell in Seoul after the vote on Friday.",
    ],
)
def test_article_lines_are_not_furniture(line: str) -> None:
    assert not is_chrome(line)


def test_markdown_export_footer_and_call_to_action_are_dropped() -> None:
    md = (
        "# Harbour plan approved\n\n"
        + BODY
        + "Follow us for more updates on the harbour works.\n\n"
        + "*Share this article* · *Related Posts*\n"
    )
    article = import_text(md, kind="markdown")
    assert "Share this article" not in article.text
    assert "Follow us" not in article.text
    assert article.text.endswith("through the village.")


def test_pasted_text_call_to_action_is_dropped() -> None:
    text = "Harbour plan approved\n\n" + BODY + "Follow us for more updates on the harbour works."
    article = import_text(text, kind="text")
    assert "Follow us" not in article.text
    assert article.title == "Harbour plan approved"


def test_repeated_item_footer_does_not_end_the_article() -> None:
    posts = [
        "The first cranes arrived at the quay this week, towed across the bay.",
        "3 comments",
        "Fishermen say the dredging has already changed the currents near the harbour.",
        "3 comments",
        "The council met on Thursday to hear complaints about lorries at night.",
        "3 comments",
    ]
    assert trailing_cut(posts) == len(posts)
    assert trailing_cut([posts[0], posts[2], "Comments", "Great post!"]) == 2
