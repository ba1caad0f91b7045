"""What the editor and the command line call when a briefing is saved or exported or a
source is imported: the file is remembered (places, archive) first, then indexed."""

from __future__ import annotations

from pathlib import Path

from briefing.core.memory import places
from briefing.core.memory.index import MemoryIndex
from briefing.core.memory.indexer import briefing_key, index_briefing, index_source
from briefing.core.model.article import Article
from briefing.core.model.document import Briefing


def _index(index: MemoryIndex | None) -> MemoryIndex:
    return index if index is not None else MemoryIndex()


def record_saved(briefing: Briefing, path: Path, index: MemoryIndex | None = None) -> None:
    """The briefing was saved at ``path``: remember the file and index it."""
    places.remember_file(path, "briefing")
    idx = _index(index)
    try:
        index_briefing(idx, briefing, path)
    finally:
        if index is None:
            idx.close()


def record_export(
    briefing: Briefing, output: Path, saved: Path | None, index: MemoryIndex | None = None
) -> None:
    """The briefing was exported to ``output``. A saved briefing notes the export; an unsaved
    one is indexed from the PDF (which carries its source) when the output is a PDF."""
    idx = _index(index)
    try:
        if saved is not None:
            places.remember_file(saved, "briefing")
            index_briefing(idx, briefing, saved, exported=str(output.absolute()))
        elif output.suffix.lower() == ".pdf":
            places.remember_file(output, "export")
            index_briefing(idx, briefing, output)
    finally:
        if index is None:
            idx.close()


def record_imported(articles: list[Article], index: MemoryIndex | None = None) -> int:
    """Sources were imported: keep a copy of each in the archive and index it."""
    idx = _index(index)
    try:
        for article in articles:
            home = places.archive_source(article)
            index_source(idx, article, home)
    finally:
        if index is None:
            idx.close()
    return len(articles)


def is_indexed(path: Path, index: MemoryIndex) -> bool:
    """True when the briefing at ``path`` is in the index."""
    con = index.connection()
    return (
        con.execute("SELECT 1 FROM documents WHERE key = ?", (briefing_key(path),)).fetchone()
        is not None
    )
