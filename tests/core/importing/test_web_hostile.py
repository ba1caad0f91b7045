"""Hostile web pages and MHTML files: each is refused with a clear error or neutralised.

Neutralised means: no script, frame or template text in the blocks, no ``javascript:``,
``file:``, ``data:`` or loopback links, no images, no entity expansion, no hang on absurd
nesting, and nothing fetched (a loopback listener proves no connection was attempted).
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.core.errors import ArticleImportError
from briefing.core.importing.mhtml import article_from_mhtml
from briefing.core.importing.web import article_from_html
from briefing.core.model.article import Article

PARAGRAPH = (
    "<p>The council approved the coastal defence budget after a long debate about how to "
    "share the cost between the districts that would benefit most from the new sea wall.</p>"
)


@pytest.fixture
def hostile(fixtures_dir: Path) -> Path:
    return fixtures_dir / "web" / "hostile"


def load(path: Path) -> Article:
    if path.suffix == ".mhtml":
        return article_from_mhtml(path.read_bytes(), name=path.name)
    return article_from_html(path.read_text(encoding="utf-8"), name=path.name)


def everything(article: Article) -> str:
    """All text a user could ever see from the article, metadata included."""
    parts = [article.title, article.site or "", article.url or "", *article.authors]
    for block in article.blocks:
        parts += [block.text, block.label or "", block.question or "", block.answer or ""]
    return "\n".join(parts)


def test_scripts_and_handlers_are_dropped(hostile: Path) -> None:
    article = load(hostile / "scripts.html")
    text = everything(article)
    assert "The council approved the coastal defence budget" in text
    assert "Residents will be able to comment" in text
    markers = ("SCRIPT", "ONLOAD", "CLICK", "STYLE-TEXT", "NOSCRIPT", "TEMPLATE", "SVG", "HIDDEN")
    for marker in markers:
        assert marker not in text, marker
    assert "alert" not in text
    assert "tracker.example" not in text


def test_frames_and_objects_are_dropped(hostile: Path) -> None:
    text = everything(load(hostile / "iframes.html"))
    assert "Engineers told the meeting" in text
    for marker in ("IFRAME", "SRCDOC", "OBJECT", "evil.example"):
        assert marker not in text, marker


def test_local_and_loopback_resources_are_dropped(hostile: Path) -> None:
    article = load(hostile / "local-resources.html")
    text = everything(article)
    assert "The council approved" in text
    for marker in ("file:", "/etc/", "127.0.0.1", "localhost", "::1", "FILE-IMAGE-ALT", "!["):
        assert marker not in text, marker
    # the link text survives, only the public link stays a link
    assert "on the shared drive" in text and "on the intranet" in text
    assert "[on the council site](https://council.example/summary)" in text


def test_script_links_lose_their_target_but_keep_their_words(hostile: Path) -> None:
    text = everything(load(hostile / "javascript-links.html"))
    for marker in ("javascript", "JaVaScRiPt", "vbscript", "data:", "alert", "base64"):
        assert marker not in text, marker
    assert "Read the minutes, the appendix, the annex, the summary and" in text
    assert "[the official record](https://council.example/minutes)" in text


def test_data_uris_are_cut(hostile: Path) -> None:
    text = everything(load(hostile / "data-uri.html"))
    assert "The diagram is attached here" in text
    assert "data:" not in text and "base64" not in text and "DATA-IMAGE-ALT" not in text


def test_huge_data_uri_page_is_neutralised_not_refused() -> None:
    blob = "A" * 40_000_000  # 40 MB of base64 in one attribute: above the page size limit
    html = f'<html><body><img src="data:image/png;base64,{blob}">{PARAGRAPH * 3}</body></html>'
    article = article_from_html(html, name="big.html")
    assert "coastal defence budget" in article.text
    assert "AAAA" not in everything(article)


def test_oversized_page_is_refused_with_the_limit() -> None:
    html = "<html><body>" + PARAGRAPH * 200_000 + "</body></html>"  # ~35 MB of text
    with pytest.raises(ArticleImportError, match=r"^huge\.html: .*too large.*limit is \d+ MB"):
        article_from_html(html, name="huge.html")


def test_page_bloated_by_scripts_and_styles_still_imports() -> None:
    script = "<script>var tracker = '" + "x" * 3_000_000 + "';</script>"
    style = "<style>.a { color: red } " + ".b{}" * 1_000_000 + "</style>"
    html = f"<html><head>{style}</head><body>{script}{PARAGRAPH * 3}{script}</body></html>"
    article = article_from_html(html, name="bloated.html")
    assert "coastal defence budget" in article.text
    assert "tracker" not in article.text


def test_entity_bomb_is_not_expanded(hostile: Path) -> None:
    article = load(hostile / "entity-bomb.xhtml")
    text = everything(article)
    assert "The council approved" in text
    assert "lol" not in text
    assert "root:" not in text and "&ext;" not in text and "&remote;" not in text
    assert len(text) < 5_000


def test_nesting_deeper_than_lxml_builds_still_finds_the_text(hostile: Path) -> None:
    article = load(hostile / "deep-300.html")
    assert article.title == "Sea Wall Budget Approved"
    assert "The council approved the coastal defence budget" in article.text


@pytest.mark.timeout(60)
@pytest.mark.parametrize("depth", [3_000, 200_000])
def test_absurd_nesting_does_not_hang_or_crash(depth: int) -> None:
    html = "<html><body>" + "<div>" * depth + PARAGRAPH * 2 + "</div>" * depth + "</body></html>"
    article = article_from_html(html, name="deep.html")
    assert "coastal defence budget" in article.text


@pytest.mark.timeout(60)
def test_absurd_nesting_without_text_is_refused() -> None:
    html = "<html><body>" + "<div><span>" * 100_000 + "</span></div>" * 100_000 + "</body></html>"
    with pytest.raises(ArticleImportError, match=r"^deep\.html: no article text"):
        article_from_html(html, name="deep.html")


def test_mhtml_bogus_parts_are_ignored(hostile: Path) -> None:
    article = load(hostile / "bogus-parts.mhtml")
    text = everything(article)
    assert article.title == "Sea Wall Budget Approved"
    assert "The council approved" in text
    assert "FRAME-PART-TEXT" not in text  # a second HTML part (a frame) is not the page
    assert "MHTML-SCRIPT" not in text
    assert article.url is None  # its Content-Location names a loopback address


def test_mhtml_with_unknown_charset_still_imports(hostile: Path) -> None:
    article = load(hostile / "bad-charset.mhtml")
    assert "The harbour master said the new cranes arrived on schedule" in article.text


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("no-html-part.mhtml", "no web page part"),
        ("not-mime.mhtml", "not an MHTML file"),
        ("truncated.mhtml", "no web page part"),
    ],
)
def test_broken_mhtml_is_refused_clearly(hostile: Path, name: str, reason: str) -> None:
    with pytest.raises(ArticleImportError) as err:
        load(hostile / name)
    message = str(err.value)
    assert message.startswith(f"{name}: ") and reason in message and "\n" not in message


@pytest.mark.fuzz
@given(st.binary(max_size=2_000))
def test_random_bytes_as_mhtml_fail_only_cleanly(data: bytes) -> None:
    try:
        article = article_from_mhtml(b"MIME-Version: 1.0\r\n" + data, name="fuzz.mhtml")
    except ArticleImportError as err:
        assert str(err).startswith("fuzz.mhtml: ")
    else:
        assert article.blocks


@pytest.mark.fuzz
@given(
    st.lists(
        st.sampled_from(
            ["<div>", "</div>", "<p>", "</p>", "<a href='javascript:x'>", "</a>", "<script>",
             "</script>", "<h2>", "</h2>", "<li>", "<!DOCTYPE x [<!ENTITY a 'b'>]>", "&a;",
             "<![CDATA[", "]]>", "<?xml version='1.0'?>", "<table><tr><td>", "\x00", "<svg>"]
        )
        | st.text(max_size=40),
        max_size=60,
    )
)  # fmt: skip
def test_random_markup_fails_only_cleanly(pieces: list[str]) -> None:
    try:
        article = article_from_html("".join(pieces), name="fuzz.html")
    except ArticleImportError as err:
        assert str(err).startswith("fuzz.html: ")
    else:
        assert article.blocks
        # words the page shows are kept as text; what must never appear is a link to them
        targets = re.findall(r"\]\(([^)]*)\)", article.text)
        assert all(t.startswith(("https://", "http://", "mailto:")) for t in targets)


# -- nothing is fetched ----------------------------------------------------------------------


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.setblocking(False)
    yield server
    server.close()


def naming_every_way(host: str) -> str:
    """A page that points at ``host`` from every place a browser or parser might fetch."""
    u = f"http://{host}"
    return f"""<?xml version="1.0"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "{u}/dtd" [
  <!ENTITY remote SYSTEM "{u}/entity"> <!ENTITY % pe SYSTEM "{u}/pe"> %pe;
]>
<html xmlns:xi="http://www.w3.org/2001/XInclude"><head>
<title>Sea Wall Budget Approved</title><base href="{u}/base/">
<link rel="stylesheet" href="{u}/style.css"><link rel="preload" href="{u}/preload">
<link rel="canonical" href="{u}/canonical"><link rel="icon" href="{u}/favicon.ico">
<meta http-equiv="refresh" content="0; url={u}/refresh">
<meta property="og:image" content="{u}/og.png"><meta property="og:url" content="{u}/og">
<script src="{u}/script.js"></script>
<style>@import url("{u}/import.css"); body {{ background: url({u}/bg.png); }}</style>
</head><body background="{u}/body.png"><article>
<img src="{u}/img.png" srcset="{u}/img2.png 2x"><picture><source srcset="{u}/src.webp"></picture>
<iframe src="{u}/frame"></iframe><object data="{u}/object"></object><embed src="{u}/embed">
<video src="{u}/video" poster="{u}/poster"></video><audio src="{u}/audio"></audio>
<xi:include href="{u}/xinclude"/><svg><image href="{u}/svg.png"/></svg>
<p style="background:url({u}/inline.png)">&remote; The council approved the coastal defence
budget after a long debate about how to share the cost between the districts that would
benefit most from the new <a href="{u}/link">sea wall</a>.</p>
<p>Engineers told the meeting that the first section could be finished before the autumn
storms if the contract is signed this month, and that delays would raise the price.</p>
<form action="{u}/form"><input src="{u}/input.png" type="image"></form>
</article></body></html>"""


@pytest.mark.enable_socket
def test_nothing_is_fetched(listener: socket.socket, monkeypatch: pytest.MonkeyPatch) -> None:
    host, port = listener.getsockname()
    attempts: list[object] = []

    real_connect = socket.socket.connect

    def spy_connect(self: socket.socket, address: object) -> None:
        attempts.append(address)
        real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", spy_connect)
    imported = 0
    for target in (f"{host}:{port}", f"localhost:{port}"):
        page = naming_every_way(target)
        article = article_from_html(page, name="listener.html", url=f"http://{target}/page")
        assert "The council approved the coastal defence" in article.text
        assert str(port) not in everything(article)
        mhtml = (
            f"MIME-Version: 1.0\r\nSnapshot-Content-Location: http://{target}/page\r\n"
            'Content-Type: multipart/related; type="text/html"; boundary="B"\r\n\r\n'
            f"--B\r\nContent-Type: text/html\r\nContent-Location: http://{target}/page\r\n\r\n"
            f"{page}\r\n--B\r\nContent-Type: image/png\r\nContent-Location: http://{target}/i.png\r\n"
            "\r\nxx\r\n--B--\r\n"
        )
        article = article_from_mhtml(mhtml.encode(), name="listener.mhtml")
        assert "Engineers told the meeting" in article.text
        imported += 2
    assert imported == 4
    assert attempts == []
    with pytest.raises(BlockingIOError):
        listener.accept()  # no connection ever reached the listener
