"""A document that loaded can always be saved: text is made valid Unicode at load.

Finding 10 of the hardening review: ``"\\ud800"`` (a lone surrogate, legal in JSON text, not
in any file) in a title loaded, then save, autosave and export all failed; the editor could
no longer save the work and wrote no recovery copy.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.cli import main
from briefing.core.importing import import_file, import_text
from briefing.core.rendering.export import export_file
from briefing.core.safe_text import valid_unicode
from briefing.core.storage.document_io import (
    dumps_briefing,
    load_briefing,
    loads_briefing,
    save_briefing,
)
from briefing.core.storage.recovery import list_recoveries, load_recovery, save_recovery
from briefing.core.storage.template_io import brand_from_json, template_from_json

SURROGATE_DOC = (
    '{"format": "briefing", "version": 1, "title": "Talks \\ud800 resume",'
    ' "sections": [{"id": "s", "title": "\\udfff", "markdown": ["a \\udc80 b"]}],'
    ' "sources": [{"id": "s1", "title": "\\ud83d\\ude00 pair", "origin": "caf\\udce9.txt",'
    ' "blocks": [{"id": "b1", "kind": "paragraph", "text": "x\\ud800"}]}]}'
)


def test_lone_surrogate_document_saves_autosaves_and_exports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "odd.briefing"
    path.write_text(SURROGATE_DOC, encoding="utf-8")
    briefing = load_briefing(path)
    assert briefing.title == "Talks \ufffd resume"
    assert briefing.sources[0].title == "\U0001f600 pair"  # an escaped pair is one character
    save_briefing(briefing, tmp_path / "saved.briefing")
    assert load_briefing(tmp_path / "saved.briefing").title == briefing.title
    save_recovery(briefing, key="k", source_path=str(path))
    assert load_recovery(list_recoveries()[0]).title == briefing.title
    export_file(briefing, tmp_path / "odd.html")
    export_file(briefing, tmp_path / "odd.md")
    assert main(["export", str(path), "-o", str(tmp_path / "odd.pdf")]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_a_surrogate_that_reached_the_document_is_still_saved(tmp_path: Path) -> None:
    """Belt and braces: text set by other means (a paste, a file name) cannot block a save."""
    briefing = loads_briefing(SURROGATE_DOC.replace("\\ud800", "x"), name="x")
    briefing.title = "pasted \ud800 text"
    briefing.sources[0].origin = "caf\udce9.txt"
    save_briefing(briefing, tmp_path / "saved.briefing")
    save_recovery(briefing, key="k\udce9", source_path=str(tmp_path / "caf\udce9.briefing"))
    copy = list_recoveries()[0]
    assert copy.source_path == str(tmp_path / "caf\udce9.briefing")  # the real path, kept
    assert load_recovery(copy).title == "pasted \ufffd text"
    assert "\ufffd" in (tmp_path / "saved.briefing").read_text(encoding="utf-8")


@pytest.mark.skipif(os.name == "nt", reason="POSIX file names are bytes")
def test_article_whose_file_name_does_not_decode_can_be_saved(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")  # Latin-1 bytes: a lone surrogate in Python
    path = tmp_path / name
    path.write_text("A paragraph of article text that is long enough to import.\n")
    article = import_file(path)
    dumps_briefing(loads_briefing(SURROGATE_DOC, name="x"))
    assert valid_unicode(article.origin or "") == article.origin
    assert (article.origin or "").encode("utf-8")


def test_pasted_text_with_a_lone_surrogate_imports_as_valid_text() -> None:
    article = import_text("Pasted words \ud800 from a page, long enough to count as text.")
    assert all(b.text.encode("utf-8") for b in article.blocks)


def test_template_and_brand_files_with_surrogates_load_as_valid_text() -> None:
    template = template_from_json(
        b'{"id": "t", "name": "Weekly \\ud800", "sections": [{"id": "a", "title": "\\udc00"}]}',
        name="t.json",
    )
    brand = brand_from_json(b'{"id": "b", "name": "House \\udfff"}', name="b.json")
    assert template.name == "Weekly \ufffd" and template.sections[0].title == "\ufffd"
    assert brand.name == "House \ufffd"


# Text with lone surrogates sprinkled in, as a JSON file can carry them.
surrogate_text = st.lists(
    st.one_of(st.text(max_size=5), st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)),
    max_size=8,
).map("".join)


@settings(max_examples=100, deadline=None)
@given(title=surrogate_text, body=surrogate_text, name=surrogate_text, key=surrogate_text)
def test_any_loaded_text_can_be_saved_and_autosaved(
    tmp_path_factory: pytest.TempPathFactory, title: str, body: str, name: str, key: str
) -> None:
    doc = {
        "format": "briefing",
        "version": 1,
        "title": title,
        "meta": {"analyst": name, "handling": body},
        "sections": [{"id": name or "s", "title": title, "markdown": [body, name]}],
        "predictions": [{"statement": body, "indicators": [name]}],
        "sources": [
            {"id": "s1", "title": name, "authors": [title], "site": body, "origin": name,
             "blocks": [{"id": "b1", "kind": "callout", "text": body, "label": name}]}
        ],
    }  # fmt: skip
    briefing = loads_briefing(json.dumps(doc), name="fuzz.briefing")
    folder = tmp_path_factory.mktemp("save")
    save_briefing(briefing, folder / "x.briefing")
    again = load_briefing(folder / "x.briefing")
    assert again.title == briefing.title and again.sections[0].markdown.encode("utf-8")
    save_recovery(briefing, key=key, source_path=key)
