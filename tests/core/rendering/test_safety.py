"""Hostile content stays inert: nothing is fetched, no local file is read or attached.

A loopback listener and a secret file are named in every way an article, a briefing or a
brand could name them; the export must neither connect nor let the secret's content into
the PDF's text or attachments (or the standalone HTML).
"""

from __future__ import annotations

import base64
import secrets
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from render_helpers import coded_briefing, page_texts, pdf_reader

from briefing.core.model.article import Article, Block
from briefing.core.model.document import Briefing, Section
from briefing.core.model.template import Brand, BrandColors, BrandFonts
from briefing.core.rendering.document_html import render_html
from briefing.core.rendering.fetcher import SafeFetcher
from briefing.core.rendering.pdf import html_to_pdf, render_pdf


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.setblocking(False)
    yield server
    server.close()


def _accepted(server: socket.socket) -> int:
    count = 0
    while True:
        try:
            conn, _ = server.accept()
        except BlockingIOError:
            return count
        conn.close()
        count += 1


def _names(secret: Path, port: int) -> list[str]:
    http = f"http://127.0.0.1:{port}"
    return [secret.as_uri(), str(secret), f"../../{secret.name}", f"{http}/x.png", http]


def _hostile_markdown(secret: Path, port: int) -> str:
    lines = []
    for target in _names(secret, port):
        lines += [
            f"![image]({target})",
            f"[link]({target})",
            f"<{target}>",
            f'<img src="{target}">',
            f'<link rel="attachment" href="{target}">',
            f'<iframe src="{target}"></iframe>',
            f'<a rel="attachment" href="{target}">attach</a>',
            f'<object data="{target}"></object><embed src="{target}">',
            f"<style>@import url({target}); body {{ background: url({target}) }}</style>",
            f"[ref link][r{len(lines)}]\n\n[r{len(lines)}]: {target}",
            f"Note.[^n{len(lines)}]\n\n[^n{len(lines)}]: ![f]({target}) <{target}>",
        ]
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="10" height="10"><image href="{secret.as_uri()}" width="10" height="10"/>'
        f'<image xlink:href="http://127.0.0.1:{port}/svg.png" width="10" height="10"/></svg>'
    )
    lines.append(f"![svg](data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()})")
    lines.append("[js](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)")
    return "\n\n".join(lines)


def _hostile_briefing(secret: Path, port: int) -> Briefing:
    markdown = _hostile_markdown(secret, port)
    briefing = coded_briefing(paragraphs=1)
    briefing.sections.append(Section("hostile", "Hostile", markdown))
    briefing.title += f' <img src="{secret.as_uri()}">'
    briefing.sources.append(
        Article(
            f'<link rel="attachment" href="{secret.as_uri()}">',
            blocks=[Block("paragraph", markdown)],
            site=f"<img src='http://127.0.0.1:{port}/site.png'>",
            url=secret.as_uri(),
            id="s3",
        )
    )
    url = f"url(http://127.0.0.1:{port}/css.png)"
    briefing.brand = Brand(
        id="evil",
        name="Evil",
        logo=f"http://127.0.0.1:{port}/logo.png",
        colors=BrandColors(primary=f"red; background: {url}", accent=f"{url}"),
        fonts=BrandFonts(
            heading=f'X"; src: {url}; x: "',
            body="XCharter",
            files={"Evil": f"http://127.0.0.1:{port}/f.ttf", "Local": secret.as_uri()},
        ),
        margins_mm=(22.0, 20.0, 22.0, 20.0),
    )
    return briefing


@pytest.mark.enable_socket
def test_hostile_briefing_fetches_nothing_and_leaks_no_file(
    tmp_path: Path, listener: socket.socket
) -> None:
    secret_text = f"SECRET-{secrets.token_hex(8)}"
    secret = tmp_path / "secret.txt"
    secret.write_text(secret_text, encoding="utf-8")
    port = listener.getsockname()[1]
    briefing = _hostile_briefing(secret, port)

    data = render_pdf(briefing, attach_source=True)
    html = render_html(briefing, standalone=True)

    assert _accepted(listener) == 0
    reader = pdf_reader(data)
    assert secret_text not in " ".join(page_texts(reader))
    attachments = reader.attachments
    assert len(attachments) == 1 and next(iter(attachments)).endswith(".briefing")
    for contents in attachments.values():
        assert all(secret_text.encode() not in blob for blob in contents)
    assert secret_text.encode() not in data
    # The standalone HTML names no external resource at all.
    assert secret_text not in html
    for bad in ('src="file:', 'src="http', 'href="file:', "<iframe", "<object", "<link"):
        assert bad not in html, bad
    assert html.count("<style>") == 1
    css = html.split("<style>")[1].split("</style>")[0]
    assert css.count("url(") == css.count('url("data:'), "the stylesheet loads only data: URIs"
    assert 'rel="attachment"' not in html and 'href="javascript:' not in html
    assert 'href="data:' not in html


@pytest.mark.enable_socket
def test_fetcher_refuses_what_raw_html_names(tmp_path: Path, listener: socket.socket) -> None:
    """Defence in depth: even HTML that reached WeasyPrint unescaped loads nothing."""
    secret_text = f"SECRET-{secrets.token_hex(8)}"
    secret = tmp_path / "secret.txt"
    secret.write_text(secret_text, encoding="utf-8")
    port = listener.getsockname()[1]
    tags = []
    for target in _names(secret, port):
        tags += [
            f'<img src="{target}">',
            f'<link rel="attachment" href="{target}">',
            f'<a rel="attachment" href="{target}">a</a>',
            f'<link rel="stylesheet" href="{target}">',
            f'<object data="{target}"></object>',
            f"<div style=\"background: url('{target}')\">x</div>",
        ]
    html = (
        '<html lang="en"><head><title>t</title>'
        f"<style>@import url(http://127.0.0.1:{port}/i.css);</style></head>"
        f"<body><p>hello</p>{''.join(tags)}</body></html>"
    )
    data = html_to_pdf(html)
    assert _accepted(listener) == 0
    reader = pdf_reader(data)
    assert reader.attachments == {}
    assert secret_text.encode() not in data
    assert secret_text not in " ".join(page_texts(reader))


def test_fetcher_serves_bundled_fonts_and_data_uris_only(tmp_path: Path) -> None:
    from briefing.core.rendering.fonts import fonts_root

    fetcher = SafeFetcher()
    root = fonts_root()
    assert root is not None
    font = next(root.glob("XCharter/*.otf"))
    assert fetcher.fetch(font.as_uri()).read()[:4] == b"OTTO"
    assert fetcher.fetch("data:text/css;base64,cA==").read() == b"p"
    outside = tmp_path / "x.ttf"
    outside.write_bytes(b"\x00\x01\x00\x00")
    escape = font.parent.as_uri() + "/../../../../../../" + str(outside).lstrip("/")
    for url in (outside.as_uri(), escape, "http://example.com/", "ftp://x/", "relative.css"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 5


def test_brand_font_that_is_not_a_font_and_broken_logo_still_render() -> None:
    junk = base64.b64encode(b"\x00\x01\x00\x00" + secrets.token_bytes(2000)).decode()
    briefing = coded_briefing(paragraphs=1)
    briefing.brand = Brand(
        id="junk",
        name="Junk",
        logo="data:image/png;base64," + base64.b64encode(b"not a png").decode(),
        fonts=BrandFonts(heading="Junk", files={"Junk": f"data:font/ttf;base64,{junk}"}),
        margins_mm=(1e9, -5.0, float("nan"), 22.0),
        page_size="A0",  # type: ignore[arg-type]
    )
    reader = pdf_reader(render_pdf(briefing))
    text = " ".join(page_texts(reader))
    assert "BOTTOM LINE" in text and "Page 1 of" in text
    box = reader.pages[0].mediabox
    assert round(float(box.width)) == 595  # A4: absurd sizes fall back to the default
