"""Bylines and headlines measured on unseen pages: roles and desks are not names, one-word
blog handles count only in a byline's frame, a site name is not a headline."""

from __future__ import annotations

import pytest

from briefing.core.importing import import_text
from briefing.core.importing.meta import author_names

FILLER = "The council approved the harbour plan after a long debate on Monday evening. " * 5


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("by Ingrid Haugen Nordic Affairs Editor", ["Ingrid Haugen"]),
        ("By Anna Lindqvist European Affairs Correspondent", ["Anna Lindqvist"]),
        ("By Jane Doe Europe Correspondent", ["Jane Doe"]),
        ("by Kate Gaffney Middle East Editor", ["Kate Gaffney"]),
        ("By Mary Ann Smith Staff Writer", ["Mary Ann Smith"]),
        ("Posted by Dave Cohen, Engineer, Photos team", ["Dave Cohen"]),
        ("From Haje Jan Kamps", ["Haje Jan Kamps"]),
        ("Rfcmarkup Version", []),
        ("by kourteous on March 3, 2012", ["kourteous"]),
        ("Posted by ddish81 on Aug 7, 2012 in New Post", ["ddish81"]),
        ("by Atrios at 09:53", ["Atrios"]),
        ("By Friday, officials expect a deal", []),
        ("By email", []),
        ("By the way, it rained", []),
    ],
)
def test_author_names(raw: str, names: list[str]) -> None:
    assert author_names(raw) == names


def test_byline_at_the_top_of_the_body_gives_the_author() -> None:
    html = (
        "<html><head><title>Harbour plan</title></head><body><article><h1>Harbour plan</h1>"
        f"<p>Posted by Tom Naughton at 9:12 PM</p><p>{FILLER}</p><p>{FILLER}</p>"
        "</article></body></html>"
    )
    article = import_text(html, kind="html")
    assert article.authors == ["Tom Naughton"]
    assert "Posted by" not in article.text


def test_byline_markup_gives_the_author_but_comment_authors_do_not() -> None:
    html = (
        "<html><head><title>Harbour plan</title></head><body><article><h1>Harbour plan</h1>"
        f"<p>{FILLER}</p><p>{FILLER}</p></article>"
        '<div class="comments"><span class="comment-author">Mark Smith</span>'
        "<p>Great post, thanks for writing it.</p></div></body></html>"
    )
    assert import_text(html, kind="html").authors == []
    marked = html.replace(
        "<h1>Harbour plan</h1>", '<h1>Harbour plan</h1><span class="byline">Ingrid Haugen</span>'
    )
    assert import_text(marked, kind="html").authors == ["Ingrid Haugen"]


def test_a_site_name_is_not_the_headline() -> None:
    html = (
        '<html><head><title>Harbour Times</title><meta property="og:site_name" '
        'content="Harbour Times"></head><body><article><h1>Harbour plan approved after '
        f"long debate</h1><p>{FILLER}</p><p>{FILLER}</p></article></body></html>"
    )
    assert import_text(html, kind="html").title == "Harbour plan approved after long debate"


def test_a_title_part_with_dots_is_not_the_site_name() -> None:
    html = (
        "<html><head><title>Harbour Diary - Going...Going...Gone!</title></head><body>"
        f"<article><h1>Going...Going...Gone!</h1><p>{FILLER}</p><p>{FILLER}</p>"
        "</article></body></html>"
    )
    assert "Going...Going...Gone!" in import_text(html, kind="html").title
