"""Regression tests from pastes of kinds of sites the importer was not tuned on (QA round):
a think-tank blog, a wire story with a section label above its title, a "Name | Role" byline,
a Markdown export with raw HTML and a table, MacRoman mojibake, genuine non-English text and
clipboard HTML fragments."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.importing import import_file, import_text
from briefing.core.importing.chrome import is_chrome
from briefing.core.importing.meta import byline_authors, find_date, is_date_line
from briefing.core.importing.repair import repair_text


def _kinds(article_blocks: list) -> list[str]:  # type: ignore[type-arg]
    return [b.kind for b in article_blocks]


def test_think_tank_blog_paste(fixtures_dir: Path) -> None:
    article = import_file(fixtures_dir / "import" / "thinktank-paste.txt")
    assert article.title == "Energy Security After the Winter: Five Lessons for Europe"
    assert article.authors == ["Maria Kowalska", "Thomas Brenner"]  # no "Senior Fellows"
    assert article.published == "2025-02-03"
    labels = [b.label for b in article.blocks if b.kind == "callout"]
    assert labels == ["Note", "Bottom line", "Editor's note"]
    questions = [b.question for b in article.blocks if b.kind == "qa"]
    # "Question:/Answer:" and then a question line answered by the next line
    assert questions == [
        "Can LNG imports keep growing at the same pace?",
        "Will prices return to pre-crisis levels?",
    ]
    headings = [b.text for b in article.blocks if b.kind == "heading"]
    assert headings == ["Storage Is Not a Strategy", "The LNG Question"]
    text = article.text
    for chrome in ("Share this", "Subscribe", "cookies", "Tags:", "Posted in", "Previous Post",
                   "Related Articles", "Comments (3)", "Great analysis", "©", "Read more",
                   "Skip to content", "Twitter"):  # fmt: skip
        assert chrome not in text, chrome


def test_wire_story_with_section_label_and_credit_line(fixtures_dir: Path) -> None:
    article = import_file(fixtures_dir / "import" / "wire-news-paste.txt")
    assert article.title == "Kyiv Grid Hit Again as Winter Sets In"  # not the label "World"
    assert article.authors == ["Jane Doe", "John Roe"]
    assert article.published == "2025-01-12"  # "Jan. 12, 2025 10:45 AM ET"
    assert all(b.kind == "paragraph" for b in article.blocks)
    assert article.blocks[0].text.startswith("KYIV, Jan 12 (Reuters)")
    for chrome in ("Advertisement", "Follow us", "Sign up", "Reporting by", "Our Standards",
                   "Most Read", "Markets slide"):  # fmt: skip
        assert chrome not in article.text, chrome


def test_name_pipe_role_byline_and_iso_timestamp(fixtures_dir: Path) -> None:
    article = import_file(fixtures_dir / "import" / "name-role-byline.txt")
    assert article.authors == ["Jane Doe"]
    assert article.published == "2025-03-07"
    assert _kinds(article.blocks) == ["paragraph", "paragraph"]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Jane Doe | Staff Writer", ["Jane Doe"]),
        ("Jane Doe, Senior Analyst", ["Jane Doe"]),
        ("Written by Maria Kowalska and Thomas Brenner, Senior Fellows",
         ["Maria Kowalska", "Thomas Brenner"]),
        ("By Jane Doe and John Roe, Reuters", ["Jane Doe", "John Roe"]),
        ("Автор: Иван Петров", ["Иван Петров"]),
        ("Autor: Małgorzata Wiśniewska", ["Małgorzata Wiśniewska"]),
        ("Latin America | World", None),  # a desk, not a person
        ("A Quiet Shift in the Sahel", None),
    ],
)  # fmt: skip
def test_bylines_give_names_only(line: str, names: list[str] | None) -> None:
    assert byline_authors(line) == names


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Published 13/03/2025", "2025-03-13"),
        ("Published: 2025/03/07", "2025-03-07"),
        ("07 марта 2025", "2025-03-07"),
        ("7. März 2025", "2025-03-07"),
        ("12 de marzo de 2025", "2025-03-12"),
        ("3 lutego 2025", "2025-02-03"),
        ("Updated: Jan. 12, 2025 10:45 AM ET", "2025-01-12"),
        ("summar 12, 2025", None),
    ],
)
def test_dates_in_many_formats(text: str, iso: str | None) -> None:
    assert find_date(text) == iso
    if iso:
        assert is_date_line(text)


def test_markdown_export_keeps_html_words_tables_and_bold_q(fixtures_dir: Path) -> None:
    article = import_file(fixtures_dir / "import" / "markdown-export.md")
    assert article.title == "Grain Corridor: What Comes Next"
    assert article.authors == ["Jane Doe"]
    assert article.published == "2025-04-02"
    qa = [b for b in article.blocks if b.kind == "qa"]
    assert [b.question for b in qa] == [
        "Will the corridor survive a ceasefire?",  # no trailing "**"
        "Who insures the ships?",
    ]
    texts = [b.text for b in article.blocks]
    assert "Raw HTML block with a script." in texts  # words kept, tags and script gone
    assert "- Port: Odesa; Share: 60%" in texts
    assert "alert" not in article.text and "<" not in article.text
    assert "Share this article" not in article.text and "Tags:" not in article.text


def test_macroman_mojibake_is_repaired(fixtures_dir: Path) -> None:
    article = import_file(fixtures_dir / "import" / "macroman-mojibake-de.txt")
    assert article.title == "Die Energiewende stockt in Süddeutschland"
    assert article.authors == ["Jürgen Weiß"]
    assert article.language == "de"
    assert repair_text("x √π y") == "x √π y"  # genuine maths stays


@pytest.mark.parametrize(
    ("name", "language", "author"),
    [
        ("genuine-polish.txt", "pl", "Małgorzata Wiśniewska"),
        ("genuine-greek.txt", "el", "Γιώργου Παπαδόπουλου"),
        ("genuine-russian.txt", "ru", "Иван Петров"),
    ],
)
def test_genuine_text_stays_exactly(
    fixtures_dir: Path, name: str, language: str, author: str
) -> None:
    path = fixtures_dir / "import" / name
    source = path.read_text(encoding="utf-8")
    article = import_file(path)
    assert article.title in source
    assert all(b.text in source for b in article.blocks)
    assert article.language == language
    assert article.authors == [author]


def test_clipboard_html_fragment_keeps_emphasis() -> None:
    html = (
        '<meta charset="utf-8"><h2>Grid Under Strain</h2><p>Drones struck energy sites '
        "overnight, forcing <b>emergency</b> cuts in <em>the <strong>capital</strong></em>."
        '</p><p>See <a href="https://example.org/r">the report</a> for more.</p>'
    )
    article = import_text(html)
    assert article.title == "Grid Under Strain"
    assert [b.text for b in article.blocks] == [
        "Drones struck energy sites overnight, forcing **emergency** cuts in *the **capital***.",
        "See [the report](https://example.org/r) for more.",
    ]


def test_google_docs_wrapper_bold_is_not_applied_to_everything() -> None:
    html = (
        '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1">'
        "<p><span>First paragraph of the pasted note.</span></p>"
        "<p><span>Second paragraph of the pasted note.</span></p></b>"
    )
    article = import_text(html)
    assert [b.text for b in article.blocks] == [
        "First paragraph of the pasted note.",
        "Second paragraph of the pasted note.",
    ]


def test_one_sentence_paste_is_its_own_title_and_text() -> None:
    article = import_text("Drones struck energy facilities across Ukraine overnight.")
    assert article.title == "Drones struck energy facilities across Ukraine overnight."
    assert [b.text for b in article.blocks] == [article.title]


def test_pasted_paragraph_without_title_gets_its_first_words() -> None:
    article = import_text("<p>" + "word " * 30 + "end.</p>")
    assert article.title == " ".join(["word"] * 10) + "…"


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement - Scroll to continue",
        "Story continues below advertisement",
        "Click to share on Twitter (Opens in new window)",
        "Like this:",
        "Newsletter sign-up",
        "This article was originally published on The Conversation.",
        "Photo by Jane Doe / Reuters",
        "Join our WhatsApp channel",
        "Already a subscriber? Log in",
        "This content is for subscribers only.",
        "Posted by admin on March 3, 2025",
        "Posted in Energy, Europe",
        "Reprints & Permissions",
        "Was this article helpful?",
        "Support independent journalism",
        "Please enable JavaScript to view the comments powered by Disqus.",
        "Reporting by Jane Doe; Editing by John Roe",
        "Copyright 2025 Example Media",
        # newsletter platforms and live pages
        "Thanks for reading Policy Notes! Subscribe for free to receive new posts.",
        "This post is for paid subscribers",
        "Discussion about this post",
        "Sign up to First Edition, our free daily newsletter – every weekday at 7am",
        "Privacy Notice: Newsletters may contain info about charities and online ads.",
        "Explore more on these topics",
        "Show key events only",
    ],
)
def test_more_kinds_of_chrome(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell 3% on Monday after the announcement.",
        "Advertisement spending fell by a fifth in the first quarter.",
        "Photos by the agency showed damaged buildings across the city centre, officials said.",
        "Copyright law in the EU is being rewritten.",
        "Posted in Kabul since 2019, the diplomat knows the region well.",
        "Donate now, the charity urged, before the winter sets in.",
        "Topics discussed included energy and migration.",
        "Substack newsletters let writers charge readers who subscribe to their work.",
        "Thanks for reading the report, the minister told parliament, before leaving.",
        "Updated figures show a sharp rise in attacks.",
    ],
)
def test_sentences_that_only_look_like_chrome_stay(line: str) -> None:
    assert not is_chrome(line)


def test_numbered_and_capital_headings_label_lists_and_qa_forms(fixtures_dir: Path) -> None:
    article = import_file(fixtures_dir / "import" / "numbered-sections-paste.txt")
    headings = [b.text for b in article.blocks if b.kind == "heading"]
    assert headings == ["1. Energy", "2. Finance", "BACKGROUND"]
    callouts = [(b.label, b.text) for b in article.blocks if b.kind == "callout"]
    assert callouts[0] == (
        "Key points",
        "- Oil price cap tightened\n- More banks cut off\n- Shipping services restricted",
    )
    assert [c[0] for c in callouts[1:]] == ["Why it matters", "What to watch"]
    assert [b.question for b in article.blocks if b.kind == "qa"] == [
        "Will the package pass?",
        "How long will talks last?",
    ]
    assert not any(b.kind == "list" for b in article.blocks)


@pytest.mark.parametrize(
    "line",
    [
        "Partager : [X](https://x.com)",
        "Lire aussi",
        "Czytaj także:",
        "Читайте также",
        "Kommentare (12)",
        "© 2025 Le Site. Tous droits réservés.",
        "Anzeige",
    ],
)
def test_chrome_in_other_languages(line: str) -> None:
    assert is_chrome(line)


def test_undeclared_windows_1252_page_in_french(fixtures_dir: Path) -> None:
    article = import_file(fixtures_dir / "import" / "french-cp1252-undeclared.html")
    assert article.title == "Réforme contestée"
    assert article.language == "fr"
    assert "« inacceptable »" in article.text
    assert "Partager" not in article.text and "©" not in article.text


def test_utf16_without_byte_order_mark(fixtures_dir: Path) -> None:
    article = import_file(fixtures_dir / "import" / "article-utf16le-nobom.txt")
    assert article.title == "Café Culture in Zürich: A Naïve Guide"
    assert article.authors == ["Renée Müller"]
    assert "crème brûlée" in article.text and "…" in article.text


def test_wordpress_think_tank_page(fixtures_dir: Path) -> None:
    article = import_file(fixtures_dir / "import" / "thinktank-wordpress.html")
    assert article.title == "Energy Security After the Winter: Five Lessons for Europe"
    assert article.site == "Centre for Policy"
    assert article.url == "https://policy.example.org/energy-security-after-winter/"
    assert article.published == "2025-02-03"
    assert "Maria Kowalska" in article.authors
    assert [b.label for b in article.blocks if b.kind == "callout"] == ["Note", "Bottom Line"]
    assert len([b for b in article.blocks if b.kind == "qa"]) == 2
    assert "**thinner than the headline figures suggested**" in article.text
    for chrome in ("Share this", "cookies", "Tags", "Posted in", "Previous Post", "Related",
                   "Comments", "Great analysis", "Leave a Reply", "©", "Subscribe",
                   "Read more", "Skip to content"):  # fmt: skip
        assert chrome not in article.text, chrome


def test_web_callouts_use_the_same_labels_as_plain_text() -> None:
    filler = "Officials said the operator was restoring supply to the capital after the strikes. "
    html = (
        f"<html><body><article><h1>Grid</h1><p>{filler * 3}</p>"
        "<p><strong>Why it matters:</strong> Reserves are thin across the network.</p>"
        f"<p>{filler * 3}</p></article></body></html>"
    )
    article = import_text(html)
    callouts = [(b.label, b.text) for b in article.blocks if b.kind == "callout"]
    assert callouts == [("Why it matters", "Reserves are thin across the network.")]


_BODY = (
    "\n\nDrones struck energy facilities across the country overnight, officials said on "
    "Sunday, forcing emergency power cuts in the capital."
)


@pytest.mark.parametrize(
    ("header", "authors", "published"),
    [
        ("World\nKyiv Grid Hit Again as Winter Sets In\nBy Jane Doe", ["Jane Doe"], None),
        ("Kyiv Grid Hit Again\nBy Jane Doe | March 3, 2025 | 5 min read", ["Jane Doe"],
         "2025-03-03"),
        ("Kyiv Grid Hit Again\nJane Doe\nMarch 3, 2025", ["Jane Doe"], "2025-03-03"),
        ("Kyiv Grid Hit Again\nPosted by Jane Doe on March 3, 2025", ["Jane Doe"], "2025-03-03"),
        ("Kyiv Grid Hit Again\nMarch 3, 2025 by Jane Doe", ["Jane Doe"], "2025-03-03"),
        ("Kyiv Grid Hit Again\nAuthor: Dr. Jane Doe, PhD", ["Jane Doe"], None),
        ("Kyiv Grid Hit Again\nNorth Korea\nMarch 3, 2025", [], "2025-03-03"),
    ],
)  # fmt: skip
def test_header_forms(header: str, authors: list[str], published: str | None) -> None:
    article = import_text(header + _BODY)
    assert article.title.startswith("Kyiv Grid Hit Again")
    assert article.authors == authors
    assert article.published == published
    assert article.blocks[-1].text.startswith("Drones struck")
    assert "Jane" not in article.text and "March 3" not in article.text


def test_title_then_standfirst_then_byline() -> None:
    article = import_text(
        "Grid Crisis Deepens\nStrikes leave millions without power as temperatures fall\n"
        "By Jane Doe" + _BODY
    )
    assert article.title == "Grid Crisis Deepens"
    assert article.authors == ["Jane Doe"]
    assert article.blocks[0].text == "Strikes leave millions without power as temperatures fall"


@pytest.mark.parametrize(
    "paste",
    [
        "https://www.example.com/news/kyiv-grid-123\nKyiv Grid Hit Again\nBy Jane Doe" + _BODY,
        "Kyiv Grid Hit Again\nBy Jane Doe"
        + _BODY
        + "\n\nSource: https://www.example.com/news/kyiv-grid-123",
    ],
)
def test_a_pasted_page_address_becomes_the_url(paste: str) -> None:
    article = import_text(paste)
    assert article.url == "https://www.example.com/news/kyiv-grid-123"
    assert article.title == "Kyiv Grid Hit Again"
    assert "example.com" not in article.text


def test_a_private_address_is_never_the_url() -> None:
    article = import_text("Kyiv Grid Hit Again" + _BODY + "\n\nhttp://localhost/admin")
    assert article.url is None
