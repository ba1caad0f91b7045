"""No spelling of a link or image gets an unsafe target through an import.

Finding 3 of the hardening review: ``[x]&#8203;(http://127.0.0.1:8765/zw)`` and
``![m]&#xFEFF;(data:image/svg+xml;base64,…)`` in a page survived as a live link and a
rendered image (whitespace tidying ran after link neutralising and joined ``](`` again), long
``data:`` URIs split by ``\\x0c`` or ``\\x85`` passed the length cutter, and ``http://127.1/``
and ``http://0x7f.1/`` passed the private-host check. The class test writes links and images
with every invisible separator and every spelling of a private address, through every import
path, and checks both what the importer keeps and what the renderer makes of it.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from briefing.core.errors import ArticleImportError
from briefing.core.importing import import_file, import_text
from briefing.core.importing.web import article_from_html
from briefing.core.model.document import Briefing, Section
from briefing.core.rendering.document_html import render_html
from briefing.core.safe_urls import is_private_host, safe_link

SEPARATORS = ["", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\x0c", "\x85",
              "\u180e", "\x0b", "\x1f", "\u202e"]  # fmt: skip
PRIVATE = [
    "127.0.0.1:8765", "127.1", "0x7f.1", "0x7f000001", "2130706433", "0177.0.0.1", "017700000001",
    "127.0.1", "[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "localhost", "localhost.",
    "LOCALHOST", "sub.localhost", "10.1", "10.0.0.1", "192.168.1.1", "172.16.0.1",
    "169.254.169.254", "0.0.0.0", "0", "100.64.0.1", "[fe80::1]", "[fd00::1]", "printer",
    "nas.local", "files.internal", "router.lan", "intranet", "127。0。0。1",
]  # fmt: skip
PUBLIC = [
    "example.org",
    "93.184.216.34",
    "1.1.1.1",
    "xn--bcher-kva.example",
]  # IPv6 links: never kept
SVG = base64.b64encode(b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>').decode()
LONG_SVG = base64.b64encode(
    b'<svg xmlns="http://www.w3.org/2000/svg"><desc>' + b"x" * 3000 + b"</desc><rect/></svg>"
).decode()


def _split(data: str, separator: str) -> str:
    """``data`` cut into pieces under the web importer's 256-character cutter."""
    return separator.join(data[i : i + 200] for i in range(0, len(data), 200))


@pytest.mark.parametrize("host", PRIVATE)
def test_every_spelling_of_a_private_host_is_refused(host: str) -> None:
    assert safe_link(f"http://{host}/x") is None
    assert is_private_host(host.split(":")[0] if not host.startswith("[") else host)


@pytest.mark.parametrize("host", PUBLIC)
def test_public_hosts_stay_links(host: str) -> None:
    assert safe_link(f"https://{host}/x") == f"https://{host}/x"


def _page(body: str) -> str:
    words = " ".join(["The port authority said cranes slowed down this week."] * 12)
    article = f"<h1>Cranes</h1><p>{words}</p><p>{body}</p><p>{words}</p>"
    return f"<html><body><article>{article}</article></body></html>"


def _targets(text: str) -> list[tuple[str, str]]:
    """(kind, target) of every link and image markdown-it finds in ``text``."""
    md = MarkdownIt("commonmark")
    found: list[tuple[str, str]] = []
    for block in md.parse(text):
        for token in block.children or []:
            if token.type == "link_open":
                found.append(("link", str(token.attrGet("href") or "")))
            elif token.type == "image":
                found.append(("image", str(token.attrGet("src") or "")))
    return found


def _assert_clean(article_text: str) -> None:
    for kind, target in _targets(article_text):
        assert kind == "link" and safe_link(target) is not None, (kind, target, article_text)


def _assert_renders_inert(text: str) -> None:
    html = render_html(Briefing(title="t", sections=[Section("a", "A", text)]))
    body = html.split("<main>", 1)[1]
    assert "127.0.0.1" not in body.split("href=")[-1] or "href=" not in body
    for marker in ('src="data:image/svg', 'href="http://127', 'href="http://0x', "<img"):
        assert marker not in body, marker


@pytest.mark.parametrize(
    "body",
    [
        "[x]&#8203;(http://127.0.0.1:8765/zw)",
        f"![m]&#xFEFF;(data:image/svg+xml;base64,{SVG})",
        "[short](http://127.1/) and [hex](http://0x7f.1/)",
        "![split](data:image/svg+xml;base64," + _split(LONG_SVG, "\x0c") + ")",
        "![nel](data:image/svg+xml;base64," + _split(LONG_SVG, "\x85") + ")",
    ],
    ids=["zero-width link", "bom image", "short hosts", "form-feed image", "nel image"],
)
def test_review_bypasses_are_closed(tmp_path: Path, body: str) -> None:
    page = tmp_path / "page.html"
    page.write_text(_page(body), encoding="utf-8")
    for article in (import_file(page), import_text(_page(body), kind="html")):
        text = "\n\n".join(b.text for b in article.blocks)
        _assert_clean(text)
        _assert_renders_inert(text)


@pytest.mark.parametrize("separator", ["\x0c", "\x85", "\u2028", "\x0b", "\u00a0"])
def test_split_data_uris_are_cut_like_whole_ones(separator: str, time_bound: object) -> None:
    """8 MB of inline data, split under the cutter's length, is cut, not counted as text."""
    data = _split(base64.b64encode(b"x" * 6_000_000).decode(), separator)
    page = _page("words").replace("<p>words</p>", f'<img src="data:image/png;base64,{data}">')
    with time_bound(30, "a page with split inline data"):  # type: ignore[operator]
        article = import_text(page, kind="html")
    assert "cranes" in article.text


FORMS = [
    "[words]{sep}({url})",
    "![pic]{sep}({url})",
    "[words]({sep}{url})",
    "<{url}>",
    "[words][r]\n\n[r]:{sep} {url}",
    '[words]({url} "title")',
    "[a [nested] one]{sep}({url})",
]


@settings(max_examples=150, deadline=None)
@given(
    form=st.sampled_from(FORMS),
    sep=st.sampled_from(SEPARATORS),
    host=st.sampled_from(PRIVATE),
    scheme=st.sampled_from(["http://", "https://", "HTTP://", "javascript:", "file://", "data:"]),
    path=st.sampled_from(["markdown", "text", "html"]),
)
def test_no_spelling_of_an_unsafe_target_survives_any_import(
    form: str, sep: str, host: str, scheme: str, path: str
) -> None:
    url = f"{scheme}{host}/x" if scheme != "data:" else f"data:image/svg+xml;base64,{SVG}"
    snippet = form.format(sep=sep, url=url)
    words = "The port authority said cranes slowed down this week, and more were due."
    source = f"# Cranes\n\n{words}\n\n{snippet}\n\n{words}\n"
    try:
        if path == "html":
            article = article_from_html(_page(snippet.replace("\n", "<br>")), name="p.html")
            from briefing.core.importing import finish

            article = finish(article, name="p.html")
        else:
            article = import_text(source, kind=path)  # type: ignore[arg-type]
    except ArticleImportError:
        return  # refused whole: nothing unsafe kept
    text = "\n\n".join(b.text for b in article.blocks)
    _assert_renders_inert(text)
    for kind, target in _targets(text):
        assert kind == "link" and safe_link(target) is not None, (snippet, text)
