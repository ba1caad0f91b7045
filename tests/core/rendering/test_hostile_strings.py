"""Every string in a .briefing file is hostile: ids, names, labels, links, file names.

Finding 1 of the hardening review: a section id carrying markup went unescaped through the
footnote plugin (``env["docId"]``) into exported HTML (a script and a beacon image) and into
the PDF (``file:`` and ``javascript:`` links). The class test puts hostile strings into every
string field of a document file, loads it as the editor and the CLI do, renders it, and
checks that the output runs nothing, loads nothing and links nowhere private.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from render_helpers import (
    HOSTILE_STRINGS,
    assert_inert_docx,
    assert_inert_html,
    assert_inert_pdf,
    docx_targets,
    pdf_reader,
)

from briefing.cli import main
from briefing.core.model.document import Briefing, Section
from briefing.core.rendering.document_html import render_html
from briefing.core.rendering.docx import render_docx
from briefing.core.rendering.pdf import render_pdf
from briefing.core.safe_text import is_safe_id
from briefing.core.storage.document_io import dumps_briefing, load_briefing, loads_briefing

REVIEW_ID = (
    'x"><script>alert(1)</script><img src="http://127.0.0.1:8765/s.png">'
    '<a href="file:///tmp/secret.txt">F</a><i id="'
)


def _review_file(tmp_path: Path) -> Path:
    briefing = Briefing(
        title="Note",
        sections=[Section(id=REVIEW_ID, title="Part", markdown="Body[^1].\n\n[^1]: note")],
    )
    path = tmp_path / "hostile.briefing"
    path.write_text(dumps_briefing(briefing), encoding="utf-8")
    return path


def test_review_section_id_exports_no_script_beacon_or_file_link(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _review_file(tmp_path)
    html_out, pdf_out = tmp_path / "note.html", tmp_path / "note.pdf"
    assert main(["export", str(source), "-o", str(html_out)]) == 0
    assert main(["export", str(source), "-o", str(pdf_out)]) == 0
    html = html_out.read_text(encoding="utf-8")
    assert "<script" not in html and "127.0.0.1" not in html and "file:" not in html
    assert_inert_html(html)
    reader = pdf_reader(pdf_out)
    assert_inert_pdf(reader)
    # The footnote still works: reference and note share one safe anchor.
    assert 'href="#fn-x-script-alert-1-' in html
    # The source the PDF carries, reopened, holds the safe id too.
    assert main(["export", str(pdf_out), "-o", str(tmp_path / "again.html")]) == 0
    assert "<script" not in (tmp_path / "again.html").read_text(encoding="utf-8")
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("hostile", HOSTILE_STRINGS + ("", "a" * 300, "ü-ñ", "--", "s1"))
def test_ids_become_unique_slugs_on_load(hostile: str) -> None:
    doc = _document(hostile)
    doc["sections"].append(dict(doc["sections"][0]))  # the same id twice
    briefing = loads_briefing(json.dumps(doc), name="x.briefing")
    section_ids = [s.id for s in briefing.sections]
    assert len(set(section_ids)) == 2
    ids = section_ids + [a.id for a in briefing.sources]
    ids += [b.id for a in briefing.sources for b in a.blocks]
    ids += [o.source for s in briefing.sections for o in s.origins]
    ids += [o.block for s in briefing.sections for o in s.origins]
    ids += [p.source or "" for p in briefing.predictions]
    assert all(is_safe_id(i) or i == "" for i in ids), ids  # "" is an id not yet given
    # The renamed source is renamed where it is pointed at too.
    assert briefing.sections[0].origins[0].source == briefing.sources[0].id
    assert briefing.predictions[0].source == briefing.sources[0].id
    if is_safe_id(hostile):
        assert briefing.sections[0].id == hostile  # safe ids are kept as they are


def _document(value: str, **fields: str) -> dict[str, Any]:
    """A .briefing document (as a file holds it) with ``value`` in every id field and
    ``fields`` overriding single text fields."""
    text = fields.get("text", "Text")
    return {
        "format": "briefing",
        "version": 1,
        "title": fields.get("title", text),
        "subtitle": fields.get("subtitle", text),
        "meta": {
            "analyst": text,
            "organisation": text,
            "date": text,
            "audience": text,
            "handling": text,
            "reference": text,
            "status": "draft",
        },
        "sections": [
            {
                "id": value,
                "title": text,
                "markdown": [fields.get("markdown", f"{text}[^1]. [@{value}]"), "", "[^1]: n"],
                "guidance": text,
                "origins": [{"source": value, "block": value}],
            }
        ],
        "predictions": [
            {"statement": text, "probability": 60, "term": text, "source": value, "indicators": []}
        ],
        "template": None,
        "brand": None,
        "sources": [
            {
                "id": value,
                "title": text,
                "authors": [text],
                "site": text,
                "url": fields.get("url", text),
                "origin": text,
                "blocks": [{"id": value, "kind": "paragraph", "text": text}],
            }
        ],
    }


hostile_text = st.one_of(
    st.sampled_from(HOSTILE_STRINGS),
    st.lists(st.sampled_from(HOSTILE_STRINGS), min_size=1, max_size=3).map("".join),
    st.lists(
        st.sampled_from([*"<>\"'&=/:;()[]!#*_ \n\\`{}", "javascript:", "file:", "http://", "^1"])
    ).map("".join),
)


@settings(max_examples=60, deadline=None)
@given(ident=hostile_text, text=hostile_text, markdown=hostile_text, url=hostile_text)
def test_hostile_strings_in_every_field_render_to_inert_html(
    ident: str, text: str, markdown: str, url: str
) -> None:
    doc = _document(ident, text=text, markdown=markdown, url=url)
    briefing = loads_briefing(json.dumps(doc), name="hostile.briefing")
    assert_inert_html(render_html(briefing, standalone=True))
    assert_inert_html(render_html(briefing))


@pytest.mark.parametrize("hostile", HOSTILE_STRINGS[:6])
def test_hostile_strings_in_every_field_render_to_inert_pdf(hostile: str) -> None:
    doc = _document(hostile, text=hostile, markdown=hostile, url=hostile)
    briefing = loads_briefing(json.dumps(doc), name="hostile.briefing")
    assert_inert_pdf(pdf_reader(render_pdf(briefing, attach_source=True)))


@pytest.mark.parametrize("hostile", HOSTILE_STRINGS[:6] + HOSTILE_STRINGS[10:12])
def test_hostile_strings_in_every_field_make_an_inert_word_file(hostile: str) -> None:
    doc = _document(hostile, text=hostile, markdown=hostile, url=hostile)
    briefing = loads_briefing(json.dumps(doc), name="hostile.briefing")
    assert_inert_docx(render_docx(briefing))


def test_word_export_keeps_only_public_links_live() -> None:
    private = "[a](http://127.1/a) [b](http://0x7f.1/b) [c](javascript:alert(1)) [d](file:///x)"
    doc = _document(
        "s1", markdown=f"{private} [ok](https://example.org/ok)", url="http://10.0.0.1/"
    )
    targets = docx_targets(render_docx(loads_briefing(json.dumps(doc), name="links.briefing")))
    assert [t for _kind, t in targets] == ["https://example.org/ok"]


def test_a_loaded_hostile_file_keeps_its_text(tmp_path: Path) -> None:
    """Escaping is the renderer's job: the words themselves are kept, not stripped."""
    path = _review_file(tmp_path)
    briefing = load_briefing(path)
    html = render_html(briefing)
    assert "Body" in html and is_safe_id(briefing.sections[0].id)


@pytest.mark.parametrize("font", [None, "Noto Color Emoji"])
def test_emoji_written_as_text_never_makes_new_markdown_syntax(
    monkeypatch: pytest.MonkeyPatch, font: str | None
) -> None:
    """Without a colour emoji font a flag is written as its country code (JP) and joiners are
    dropped: after parsing, so "🇯🇵(url)" and "![p]\\u200d(data:...)" stay text."""
    monkeypatch.setattr("briefing.core.rendering.text.emoji_font", lambda: font)
    svg = "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciPjxyZWN0Lz48L3N2Zz4="
    text = (
        "\U0001f1ef\U0001f1f5(https://example.org/a) and ![p]\u200d(data:image/svg+xml;base64,"
        f"{svg})\n\n\U0001f1ef\U0001f1f5: https://example.org/b\n\n[x][\U0001f1ef\U0001f1f5]"
    )
    html = render_html(Briefing(title="t", sections=[Section("a", "A", text)]))
    body = html.split("<main>", 1)[1]
    assert "<a " not in body and "<img" not in body
    if font is None:
        assert '<span class="flag-code">JP</span></span>(https://example.org/a)' in body


@pytest.mark.parametrize("hostile", HOSTILE_STRINGS[:4] + ("", "p-1 2", "a" * 300))
def test_ids_in_a_previous_edition_and_prediction_ids_are_made_safe_on_load(hostile: str) -> None:
    """Format 2's new fields hold ids too: the previous edition's sections, sources and
    predictions, and every prediction's own id (the ledger's key)."""
    doc = _document(hostile)
    doc["version"] = 2
    doc["predictions"][0]["id"] = hostile
    previous = {"statement": "Old", "id": hostile, "source": hostile,
                "origin": {"source": hostile, "block": hostile}}  # fmt: skip
    doc["edition"] = {
        "number": 2,
        "show_changes": True,  # rendered as "What changed"
        "sections": [{"id": hostile, "title": "T", "markdown": ["x"]}] * 2,
        "sources": [{"id": hostile, "title": "S", "key": "k"}],
        "predictions": [previous, dict(previous)],
    }
    briefing = loads_briefing(json.dumps(doc), name="edition.briefing")
    edition = briefing.edition
    assert edition is not None
    section_ids = [s.id for s in edition.sections]
    assert len(set(section_ids)) == 2 and all(is_safe_id(i) for i in section_ids)
    assert all(is_safe_id(r.id) or r.id == "" for r in edition.sources)
    for p in [*briefing.predictions, *edition.predictions]:
        assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}", p.id), p.id
        assert p.source is None or is_safe_id(p.source) or p.source == ""
    assert len({p.id for p in edition.predictions}) == 2  # a repeated id is derived anew
    assert_inert_html(render_html(briefing, standalone=True))
