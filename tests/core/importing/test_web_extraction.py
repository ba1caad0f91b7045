"""Web extraction faults measured on unseen pages, one small page per class of fault:
inline spacing, loose text around links, boxes kept as callouts (and furniture kept out),
reprint notices, bylines with roles, junk authors, section-name titles, blog front pages,
photo posts, layout tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.core.importing import import_file, import_text


@pytest.fixture
def pages(fixtures_dir: Path) -> Path:
    return fixtures_dir / "web" / "extraction"


def test_spaces_around_inline_elements(pages: Path) -> None:
    article = import_file(pages / "inline-spacing.html")
    text = article.text
    assert text.startswith("(Harbour Wire) The port said")  # credit glued to the sentence
    assert "[reported](https://news.example.com/r) that week" in text  # space inside the link
    assert "[interactive map](https://port.example.com/map) of the works" in text


def test_a_paragraph_opening_with_a_link_keeps_its_words(pages: Path) -> None:
    article = import_file(pages / "inline-spacing.html")
    third = article.blocks[2].text
    assert third.startswith("[The harbour authority](https://port.example.com/) launched an")
    assert len(article.blocks) == 3  # paragraphs split at <br><br>, not at every link


def test_boxes_inside_the_story_are_callouts(pages: Path) -> None:
    article = import_file(pages / "boxed-callout.html")
    kinds = [(b.kind, b.label) for b in article.blocks]
    assert ("callout", "Key facts") in kinds
    facts = next(b for b in article.blocks if b.label == "Key facts")
    assert facts.text.splitlines()[0] == "- Cost: 1.2 billion euros over six years"
    # in its place: after the second paragraph, before the third
    at = article.blocks.index(facts)
    assert article.blocks[at - 1].text.startswith("Residents of the old town")
    assert article.blocks[at + 1].text.startswith("The ministry expects")
    assert not any(b.kind == "heading" and b.text == "Key facts" for b in article.blocks)
    note = next(b for b in article.blocks if b.kind == "callout" and b.label == "Note")
    assert note.text.startswith("This story was updated on Tuesday")


def test_furniture_beside_the_story_is_not_a_callout(pages: Path) -> None:
    article = import_file(pages / "boxed-callout.html")
    for chrome in ("Most read", "Storm hits coast", "Cranes at the new quay", "All rights"):
        assert chrome not in article.text


def test_reprint_notice_is_not_the_article(pages: Path) -> None:
    article = import_file(pages / "reprint-notice.html")
    assert "non-commercial use" not in article.text
    assert "presentation-ready" not in article.text
    assert article.text.startswith("The harbour authority said on Monday")
    assert article.blocks[-1].text.startswith("The ministry expects")
    assert len(article.blocks) == 6


def test_byline_role_and_desk_are_not_the_name(pages: Path) -> None:
    article = import_file(pages / "byline-role.html")
    assert article.authors == ["Ingrid Haugen"]
    assert "Ingrid Haugen" not in article.text  # the byline is metadata, not body


def test_title_is_the_headline_not_the_section(pages: Path) -> None:
    article = import_file(pages / "byline-role.html")
    assert article.title == "Nordic ports brace for a harder winter"
    assert article.site == "Harbour Times"


def test_generator_tag_is_not_an_author() -> None:
    filler = "The council approved the harbour plan after a long debate on Monday evening. " * 6
    html = (
        '<html><head><meta name="author" content="Rfcmarkup Version 1.129">'
        "<title>Harbour plan</title></head><body><article><h1>Harbour plan</h1>"
        f"<p>{filler}</p><p>{filler}</p></article></body></html>"
    )
    assert import_text(html, kind="html").authors == []


def test_every_post_of_a_blog_front_page(pages: Path) -> None:
    article = import_file(pages / "blog-front-page.html")
    text = article.text
    for start in ("The first cranes arrived", "Fishermen moored", "The council met on Thursday"):
        assert start in text
    assert "Officials promised a curfew" in text  # the last post's last paragraph
    assert "3 comments" not in text and "Archives" not in text


def test_a_photo_post_is_imported_not_refused(pages: Path) -> None:
    article = import_file(pages / "photo-post.html")
    assert article.title == "Cranes at dawn"
    assert article.text == "by Ingrid Haugen on March 3, 2025"
    assert article.authors == ["Ingrid Haugen"]


def test_layout_table_cells_are_read_as_sections() -> None:
    para = "Emissions are directly related to your car's fuel use, so choosing well helps. "
    html = (
        "<html><body><table><tr><td><a href='/'>Home</a><br><a href='/x'>Cars</a></td><td>"
        f"<h2>What you can do</h2><p>{para * 2}</p><p>Some tips for driving:</p>"
        "<ul><li>Keep the tyres inflated to the right pressure</li>"
        "<li>Remove roof racks when they are not needed</li></ul>"
        f"<p>{para * 2}</p></td></tr></table></body></html>"
    )
    article = import_text(html, kind="html")
    kinds = [b.kind for b in article.blocks]
    assert "list" in kinds  # the list inside the cell survives as a list
    assert any(b.text.startswith("- Keep the tyres") for b in article.blocks)
    assert sum(k == "paragraph" for k in kinds) >= 3  # not one flattened row
