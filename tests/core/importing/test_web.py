"""Saved web pages and MHTML snapshots -> Article: structure, metadata, chrome, charsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.errors import ArticleImportError
from briefing.core.importing.mhtml import article_from_mhtml
from briefing.core.importing.web import article_from_html, declared_charset
from briefing.core.importing.web_blocks import safe_link
from briefing.core.importing.web_meta import clean_authors, clean_title


@pytest.fixture
def web_dir(fixtures_dir: Path) -> Path:
    return fixtures_dir / "web"


@pytest.fixture
def page(web_dir: Path):  # type: ignore[no-untyped-def]
    path = web_dir / "article.html"
    return article_from_html(path.read_text(encoding="utf-8"), name=path.name)


def test_metadata(page) -> None:  # type: ignore[no-untyped-def]
    assert page.title == "Harbour Cranes Return to Port Alder"
    assert page.authors == ["Mira Okafor"]
    assert page.published == "2024-03-18"
    assert page.site == "The Coastal Ledger"
    assert page.url == "https://coastal-ledger.example/news/harbour-cranes"
    assert page.language == "en"


def test_structure(page) -> None:  # type: ignore[no-untyped-def]
    kinds = [b.kind for b in page.blocks]
    headings = [(b.text, b.level) for b in page.blocks if b.kind == "heading"]
    assert headings == [
        ("Why the cranes stopped", 2),
        ("What changes now", 2),
        ("Frequently asked questions", 2),
    ]
    assert kinds[0] == "paragraph"
    assert page.blocks[0].text.startswith("After eighteen months of silence")
    lists = [b for b in page.blocks if b.kind == "list"]
    assert len(lists) == 1
    assert lists[0].text.splitlines()[0] == "- weekly feeder calls from the end of April;"
    assert len(lists[0].text.splitlines()) == 3
    quotes = [b for b in page.blocks if b.kind == "quote"]
    assert [q.text for q in quotes] == [
        "The repairs themselves took six weeks. Agreeing who would pay for them took sixteen "
        "months."
    ]
    callouts = [b for b in page.blocks if b.kind == "callout"]
    assert [c.label for c in callouts] == ["Key Takeaway"]
    assert callouts[0].text.startswith("the shutdown was caused by a contractual dispute")
    qas = [b for b in page.blocks if b.kind == "qa"]
    assert [q.question for q in qas] == [
        "Will the port take larger ships?",
        "Are the old cranes safe?",
    ]
    assert qas[0].answer and qas[0].answer.startswith("Not yet.")
    assert all(b.id == "" for b in page.blocks)


def test_inline_markdown(page) -> None:  # type: ignore[no-untyped-def]
    text = page.text
    assert "**four hundred jobs**" in text
    assert "*cautiously optimistic*" in text
    assert "[the published arbitration record](https://records.example/arbitration/2023-114)" in (
        text
    )
    assert "“We have been waiting for this day for a very long time,”" in text


def test_chrome_and_title_left_out(page) -> None:  # type: ignore[no-untyped-def]
    text = page.text
    for chrome in (
        "cookies",
        "Home",
        "Share on",
        "You may also like",
        "Ferry timetable",
        "Subscribe",
        "Leave a Comment",
        "Great news for the town",
        "All rights reserved",
        "INJECTED-SCRIPT",
        "SECRET-TRACKER",
        "By Mira Okafor",
    ):
        assert chrome not in text, chrome
    assert page.title not in text


def test_mhtml_snapshot_matches_the_page(web_dir: Path, page) -> None:  # type: ignore[no-untyped-def]
    path = web_dir / "article.mhtml"
    snap = article_from_mhtml(path.read_bytes(), name=path.name)
    assert snap.text == page.text
    assert [b.kind for b in snap.blocks] == [b.kind for b in page.blocks]
    assert snap.title == page.title
    assert snap.url == page.url


def test_declared_charset() -> None:
    assert declared_charset(b'<html><head><meta charset="windows-1252">') == "cp1252"
    assert declared_charset(b"<meta charset=ISO-8859-2>") == "iso8859-2"
    assert (
        declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">')
        == "koi8-r"
    )
    assert declared_charset(b'<?xml version="1.0" encoding="Windows-1251"?><html>') == "cp1251"
    assert declared_charset(b"<html><head><title>none</title>") is None
    assert declared_charset(b'<meta charset="no-such-thing">') is None
    # as in browsers, a meta tag declaring UTF-16 means UTF-8 (the bytes scanned were ASCII)
    assert declared_charset(b'<meta charset="utf-16">') == "utf-8"


def test_charset_declared_in_mhtml_part_is_honoured(web_dir: Path) -> None:
    path = web_dir / "hostile" / "bogus-parts.mhtml"
    article = article_from_mhtml(path.read_bytes(), name=path.name)
    assert "“a fair deal”" in article.text
    assert "naïve" in article.text


def test_clipboard_fragment() -> None:
    html = (
        "<p>The ferry timetable changes on Monday, when the winter service begins and two "
        "crossings a day are cut.</p><p>Passengers with <b>advance tickets</b> will be moved "
        "to the nearest sailing at no extra cost.</p>"
    )
    article = article_from_html(html, name="clipboard")
    assert [b.kind for b in article.blocks] == ["paragraph", "paragraph"]
    assert "**advance tickets**" in article.blocks[1].text


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n\t ",
        "<html><head><title>Only a title</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>",
        "<html><body><script>var x = 'all script, no text';</script></body></html>",
    ],
)
def test_no_article_text_is_an_error(html: str) -> None:
    with pytest.raises(ArticleImportError) as err:
        article_from_html(html, name="empty.html")
    assert str(err.value).startswith("empty.html: ")
    assert "\n" not in str(err.value)


def test_clean_authors() -> None:
    assert clean_authors("By James Carter Senior News Editor") == ["James Carter"]
    assert clean_authors("Mira Okafor; Tom Reyes") == ["Mira Okafor", "Tom Reyes"]
    assert clean_authors("By Ana Silva, Staff Writer") == ["Ana Silva"]
    assert clean_authors("news@example.com") == []
    assert clean_authors(None) == []


def test_clean_title() -> None:
    assert clean_title("Harbour Cranes | The Coastal Ledger", "The Coastal Ledger") == (
        "Harbour Cranes"
    )
    assert clean_title("Harbour Cranes - example.com", None) == "Harbour Cranes"
    assert clean_title("Left - Right: a story", None) == "Left - Right: a story"


@pytest.mark.parametrize(
    ("target", "kept"),
    [
        ("https://example.org/a", True),
        ("mailto:desk@example.org", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("data:text/html,hi", False),
        ("/relative/path", False),
        ("http://127.0.0.1:8080/x", False),
        ("http://localhost/x", False),
        ("http://[::1]/x", False),
        ("http://192.168.1.10/router", False),
        ("http://2130706433/", False),
        ("http://printer.local/", False),
    ],
)
def test_safe_link(target: str, kept: bool) -> None:
    assert (safe_link(target) is not None) is kept


def test_authors_lose_dates_and_the_publication() -> None:
    assert clean_authors("Jeff Foust Monday, November 18, 2019") == ["Jeff Foust"]
    assert clean_authors("May Smith") == ["May Smith"]
    assert clean_authors("Telegraph", site="The Telegraph") == []
    assert clean_authors("Ana Silva; The Ledger", site="The Ledger") == ["Ana Silva"]


def test_title_loses_a_site_name_that_has_a_separator_in_it() -> None:
    site = "Remember 80/90 - Memorabilia anni 80/90"
    assert clean_title(f"Cartoon remake news - {site}", site) == "Cartoon remake news"
    assert clean_title(f"{site} | Cartoon remake news", site) == "Cartoon remake news"


def test_adjacent_emphasis_spans_merge() -> None:
    html = (
        "<article><p>The harbour authority will publish its full inspection report next week, "
        "the operations manager said, after the three cranes passed their load tests and the "
        "insurer agreed to cover the cost of the repairs to the oldest unit.</p><p>Hauliers "
        "said road access to the quay still needs work before volumes can return.</p>"
        "<p><em>Have a tip? Write to </em><em>desk@example.org</em><em> or call the "
        "newsroom.</em></p></article>"
    )
    article = article_from_html(html, name="clip.html")
    assert "*Have a tip? Write to desk@example.org or call the newsroom.*" in article.text


LINKED = (
    "<html><head>{head}<title>Ferry timetable</title></head><body><article><p>The winter "
    "timetable starts on Monday, with two crossings a day cut from the schedule, as set out "
    'in <a href="/reports/winter">the operator\'s notice</a> and <a href="#table">the table '
    "below</a>, which passengers are asked to read before travelling to the harbour.</p><p>"
    "Passengers holding advance tickets for cancelled sailings will be moved to the nearest "
    "remaining crossing at no extra cost, the operator said in its statement.</p></article>"
    "</body></html>"
)


def test_relative_links_resolve_against_the_canonical_url() -> None:
    head = '<link rel="canonical" href="https://ferries.example/news/winter">'
    article = article_from_html(LINKED.format(head=head), name="ferry.html")
    assert "[the operator's notice](https://ferries.example/reports/winter)" in article.text
    assert "the table below" in article.text and "#table" not in article.text


def test_relative_links_without_a_page_url_keep_only_their_words() -> None:
    article = article_from_html(LINKED.format(head=""), name="ferry.html")
    assert "the operator's notice and the table below" in article.text
    assert "](" not in article.text
