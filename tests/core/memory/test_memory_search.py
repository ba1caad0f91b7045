"""The library index: indexing briefings and sources, searching them safely, where used."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.core.memory import files
from briefing.core.memory.index import MemoryIndex
from briefing.core.memory.keys import MARK_ON
from briefing.core.memory.record import record_imported, record_saved
from briefing.core.memory.search import Filters, fts_query, search, source_article, used_in
from tests.core.memory.memory_data import article, briefing, save


@pytest.fixture
def index(tmp_path: Path) -> MemoryIndex:
    b1 = briefing("Arctic weekly")
    b2 = briefing(
        "Baltic brief",
        analyst="J. Lind",
        day="2026-05-10",
        handling="TLP:GREEN",
        sources=[
            article(
                "Ferry traffic resumes",
                "Ferries to Gotland run again after the storm.",
                site="Baltic Times",
                author="Per Holm",
                published="2026-05-01",
            )
        ],
        body="Ferries run again. [@s1]",
    )
    idx = MemoryIndex()
    record_saved(b1, save(b1, tmp_path, "arctic.briefing"), idx)
    record_saved(b2, save(b2, tmp_path, "baltic.briefing"), idx)
    return idx


def test_search_finds_sources_and_briefings_with_a_snippet(index: MemoryIndex) -> None:
    hits = search(index, "cable")
    kinds = {h.kind for h in hits}
    assert kinds == {"source", "briefing"}
    source = next(h for h in hits if h.kind == "source")
    assert source.title == "Seabed cables under watch"
    assert ("cable", True) in source.snippet  # the matched word is marked
    assert "examined the damaged" in source.snippet_text


def test_the_word_being_typed_matches_as_a_prefix(index: MemoryIndex) -> None:
    assert [h.title for h in search(index, "Gotla", Filters(kind="source"))] == [
        "Ferry traffic resumes"
    ]
    assert search(index, "Gotla ") == []  # a finished word must match whole
    assert fts_query("repair opera") == '"repair" "opera"*'


def test_filters(index: MemoryIndex) -> None:
    def titles(**kw: str) -> set[str]:
        return {h.title for h in search(index, "", Filters(**kw))}  # type: ignore[arg-type]

    assert titles(author="holm") == {"Ferry traffic resumes"}
    assert titles(site="baltic") == {"Ferry traffic resumes"}
    assert titles(handling="tlp:green") == {"Baltic brief"}
    assert titles(since="2026-05-01") == {"Baltic brief", "Ferry traffic resumes"}
    assert titles(until="2026-03-31") == {"Arctic weekly", "Seabed cables under watch"}
    assert {h.title for h in search(index, "weekly", Filters(field="title"))} == {"Arctic weekly"}
    assert search(index, "Arctic", Filters(field="body")) == []


def test_where_a_source_was_used(index: MemoryIndex) -> None:
    hit = next(h for h in search(index, "Repairs") if h.kind == "source")
    assert hit.uses == 1
    (use,) = used_in(index, hit.doc)
    assert use.title == "Arctic weekly" and use.ref == "s1" and use.sections == "Background"
    found = source_article(index, hit.doc)
    assert found is not None and found.blocks[1].text.startswith("Repairs")


def test_a_source_used_in_two_briefings_is_one_hit(index: MemoryIndex, tmp_path: Path) -> None:
    again = briefing("Arctic weekly, 2", day="2026-03-11")
    record_saved(again, save(again, tmp_path, "arctic-2.briefing"), index)
    sources = [h for h in search(index, "Repairs") if h.kind == "source"]
    assert len(sources) == 1 and sources[0].uses == 2


HOSTILE = [
    "'); DROP TABLE documents; --",
    'NEAR("a" "b", 2)',
    "title:secret OR body:*",
    '"unbalanced',
    "* ^ - + ( ) { } :",
    "AND OR NOT",
    "\x00\x01\u202e\ue000\ue001",
    "a" * 5000,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_are_words_never_syntax(index: MemoryIndex, query: str) -> None:
    search(index, query)  # never raises
    assert index.connection().execute("SELECT count(*) FROM documents").fetchone()[0] == 4


def test_hostile_source_text_is_data(tmp_path: Path) -> None:
    nasty = article(
        "'); DROP TABLE documents; --",
        f'Robert\'); DROP TABLE uses;-- {MARK_ON}forged{MARK_ON} NEAR(x y) "quoted" <script>',
        author="x' OR '1'='1",
    )
    index = MemoryIndex()
    record_imported([nasty], index)
    (hit,) = search(index, "robert")
    assert hit.title == "'); DROP TABLE documents; --"
    assert hit.authors == "x' OR '1'='1"
    assert "<script>" in hit.snippet_text
    assert [t for t, marked in hit.snippet if marked] == ["Robert"]  # no forged highlight
    assert [h.doc for h in search(index, "DROP TABLE", Filters(author="x' OR"))] == [hit.doc]


@given(st.text(max_size=60))
def test_any_typed_text_searches_without_error(text: str) -> None:
    index = MemoryIndex(files.memory_dir() / "fuzz.sqlite")
    try:
        search(index, text)
    finally:
        index.close()


def test_imported_sources_are_archived_and_found(tmp_path: Path) -> None:
    index = MemoryIndex()
    record_imported([article("Port strike", "Dockers in Bergen walk out over pay.")], index)
    assert len(list(files.archive_dir().glob("src-*.json"))) == 1
    (hit,) = search(index, "dockers")
    assert hit.imported == "2026-03-03"


def test_a_very_broad_query_ranks_the_most_recent_matches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from briefing.core.memory import search as search_module

    index = MemoryIndex()
    record_imported(
        [article(f"Harbour report {n}", f"Harbour traffic note {n}.") for n in range(5)], index
    )
    monkeypatch.setattr(search_module, "CANDIDATES", 3)
    titles = {h.title for h in search(index, "harbour")}
    assert titles == {"Harbour report 2", "Harbour report 3", "Harbour report 4"}
    assert [h.title for h in search(index, "harbour 1")] == ["Harbour report 1"]  # narrower
