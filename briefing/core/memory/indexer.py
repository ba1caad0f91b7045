"""Putting documents into the index: sources, briefings (with where each source was used)
and their predictions. Every value goes in as a parameter; text from files is only data."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date
from pathlib import Path

from briefing.core.memory.index import MemoryIndex
from briefing.core.memory.keys import clean_text, source_key
from briefing.core.model.article import Article
from briefing.core.model.document import Briefing, Prediction
from briefing.core.model.ids import prediction_context, prediction_ids

_CITATION = re.compile(r"\[@([^\]\s]{1,64})\]")
MAX_FIELD = 2000  # characters of a title, author list or site kept for search


def briefing_key(path: Path) -> str:
    """The index key of a briefing file (its absolute path)."""
    return "doc:" + str(path.expanduser().absolute())


def file_stamp(path: Path) -> str:
    """``mtime_ns:size`` of a file (empty when it cannot be read): reindex skips unchanged."""
    try:
        st = path.stat()
    except OSError:
        return ""
    return f"{st.st_mtime_ns}:{st.st_size}"


def _short(text: str | None) -> str:
    return clean_text(" ".join((text or "").split()))[:MAX_FIELD]


def _upsert(con: sqlite3.Connection, key: str, columns: dict[str, object]) -> int:
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    updates = ", ".join(f"{n} = excluded.{n}" for n in columns)
    row = con.execute(
        f"INSERT INTO documents (key, {names}) VALUES (?, {marks}) "
        f"ON CONFLICT (key) DO UPDATE SET {updates} RETURNING id",
        (key, *columns.values()),
    ).fetchone()
    return int(row[0])


def _set_text(con: sqlite3.Connection, doc: int, fields: tuple[str, str, str, str]) -> None:
    con.execute("DELETE FROM documents_fts WHERE rowid = ?", (doc,))
    con.execute(
        "INSERT INTO documents_fts (rowid, title, body, authors, site) VALUES (?, ?, ?, ?, ?)",
        (doc, *fields),
    )


def put_source(con: sqlite3.Connection, article: Article, *, home: str, archived: bool) -> int:
    """Index ``article`` (once per content key) and return its document id.

    ``home`` is the file holding it; an archived copy (``archived``) or an article file is a
    better home than a briefing, because it stays when the briefing drops the source.
    """
    key = source_key(article)
    authors = _short("; ".join(article.authors))
    site, title = _short(article.site), _short(article.title)
    row = con.execute(
        "SELECT id, title, authors, site, path, origin FROM documents WHERE key = ?", (key,)
    ).fetchone()
    if row is not None:
        doc = int(row[0])
        if archived and row[4] != home:
            con.execute("UPDATE documents SET path = ? WHERE id = ?", (home, doc))
        if (row[1], row[2], row[3]) != (title, authors, site):
            con.execute(
                "UPDATE documents SET title = ?, authors = ?, site = ? WHERE id = ?",
                (title, authors, site, doc),
            )
            _set_text(con, doc, (title, clean_text(article.text), authors, site))
        return doc
    data = article.to_dict()
    data.pop("id", None)  # the id is the briefing's name for it, not the source's
    doc = _upsert(
        con,
        key,
        {
            "kind": "source",
            "path": home,
            "title": title,
            "authors": authors,
            "site": site,
            "url": _short(article.url),
            "date": _short(article.published),
            "origin": _short(article.origin),
            "imported": _short(article.imported),
            "data": json.dumps(data, ensure_ascii=False),
        },
    )
    _set_text(con, doc, (title, clean_text(article.text), authors, site))
    return doc


def _briefing_body(b: Briefing) -> str:
    parts = [b.subtitle]
    for s in b.sections:
        parts += [s.title, _CITATION.sub("", s.markdown)]
    parts += [p.statement for p in b.predictions]
    return clean_text("\n\n".join(p for p in parts if p))


def _citing_sections(b: Briefing) -> dict[str, list[str]]:
    """Source id -> titles of the sections that cite it or draw on its blocks."""
    out: dict[str, list[str]] = {}
    for s in b.sections:
        ids = set(_CITATION.findall(s.markdown)) | {o.source for o in s.origins}
        for sid in ids:
            out.setdefault(sid, []).append(s.title)
    for p in b.predictions:
        if p.source:
            out.setdefault(p.source, []).append("Predictions")
    return out


def _prediction_row(
    p: Prediction, pid: str, b: Briefing, doc: int, key: str, path: str, i: int
) -> tuple[object, ...]:
    return (
        pid,
        key,
        doc,
        i,
        _short(p.statement),
        p.probability,
        _short(p.term),
        _short(p.timeframe),
        _short(p.resolve_by),
        _short(p.criteria),
        json.dumps([_short(x) for x in p.indicators], ensure_ascii=False),
        p.confidence,
        _short(b.meta.analyst),
        _short(b.template.id if b.template else ""),
        _short(b.meta.date) or date.today().isoformat(),
        _short(b.title),
        path,
        b.edition.number if b.edition else 1,
    )


PREDICTION_COLUMNS = (
    "pid, holder, briefing, position, statement, probability, term, timeframe, resolve_by, "
    "criteria, indicators, confidence, analyst, template, made, title, path, edition"
)


def put_briefing(
    con: sqlite3.Connection, b: Briefing, path: Path, *, stamp: str = "", exported: str = ""
) -> int:
    """Index a briefing file's content, the sources it embeds and its predictions."""
    key = briefing_key(path)
    home = str(path.expanduser().absolute())
    previous = con.execute("SELECT id, exported FROM documents WHERE key = ?", (key,)).fetchone()
    sections = [{"id": s.id, "title": s.title, "markdown": s.markdown} for s in b.sections]
    doc = _upsert(
        con,
        key,
        {
            "kind": "briefing",
            "path": home,
            "title": _short(b.title),
            "authors": _short(b.meta.analyst),
            "site": _short(b.meta.organisation),
            "date": _short(b.meta.date),
            "handling": _short(b.meta.handling),
            "analyst": _short(b.meta.analyst),
            "template": _short(b.template.id if b.template else ""),
            "stamp": stamp,
            "data": json.dumps({"sections": sections}, ensure_ascii=False),
            "series": _short(b.edition.series if b.edition else ""),
            "edition": b.edition.number if b.edition else 1,
            "exported": exported or (previous[1] if previous else ""),
        },
    )
    fields = (_short(b.title), _briefing_body(b), _short(b.meta.analyst), "")
    _set_text(con, doc, fields)
    before = {int(r[0]) for r in con.execute("SELECT source FROM uses WHERE briefing = ?", (doc,))}
    con.execute("DELETE FROM uses WHERE briefing = ?", (doc,))
    citing = _citing_sections(b)
    now: set[int] = set()
    for article in b.sources:
        source = put_source(con, article, home=home, archived=False)
        now.add(source)
        con.execute(
            "INSERT OR REPLACE INTO uses (source, briefing, ref, sections) VALUES (?, ?, ?, ?)",
            (source, doc, article.id, "; ".join(dict.fromkeys(citing.get(article.id, [])))),
        )
    drop_orphans(con, before - now)
    con.execute("DELETE FROM predictions WHERE holder = ?", (key,))
    marks = ", ".join("?" for _ in PREDICTION_COLUMNS.split(","))
    ids = prediction_ids(b.predictions, prediction_context(b))  # the ids its file holds
    con.executemany(
        f"INSERT OR REPLACE INTO predictions ({PREDICTION_COLUMNS}) VALUES ({marks})",
        [
            _prediction_row(p, pid, b, doc, key, home, i)
            for i, (p, pid) in enumerate(zip(b.predictions, ids, strict=True))
        ],
    )
    return doc


def drop_orphans(con: sqlite3.Connection, sources: set[int]) -> None:
    """Forget sources no briefing uses any more, unless an article file or archive holds them."""
    for source in sources:
        row = con.execute(
            "SELECT d.path, (SELECT count(*) FROM uses u WHERE u.source = d.id), "
            "(SELECT count(*) FROM documents b WHERE b.kind = 'briefing' AND b.path = d.path) "
            "FROM documents d WHERE d.id = ?",
            (source,),
        ).fetchone()
        if row is None or row[1]:
            continue
        if row[2] or not Path(row[0]).is_file():
            con.execute("DELETE FROM documents_fts WHERE rowid = ?", (source,))
            con.execute("DELETE FROM documents WHERE id = ?", (source,))


def drop_path(con: sqlite3.Connection, path: Path) -> None:
    """Forget the briefing at ``path`` (its predictions go too; its sources if orphaned)."""
    row = con.execute("SELECT id FROM documents WHERE key = ?", (briefing_key(path),)).fetchone()
    if row is None:
        return
    doc = int(row[0])
    sources = {int(r[0]) for r in con.execute("SELECT source FROM uses WHERE briefing = ?", (doc,))}
    con.execute("DELETE FROM documents_fts WHERE rowid = ?", (doc,))
    con.execute("DELETE FROM documents WHERE id = ?", (doc,))
    drop_orphans(con, sources)


def index_briefing(
    index: MemoryIndex, b: Briefing, path: Path, *, stamp: str | None = None, exported: str = ""
) -> None:
    """Index (or re-index) the briefing saved at ``path`` in one transaction."""
    stamp = file_stamp(path) if stamp is None else stamp

    def go(idx: MemoryIndex) -> None:
        with idx.write() as con:
            put_briefing(con, b, path, stamp=stamp, exported=exported)

    index.run(go)


def index_source(index: MemoryIndex, article: Article, home: Path) -> None:
    """Index one source held by the file ``home`` (an archived copy or an article file)."""

    def go(idx: MemoryIndex) -> None:
        with idx.write() as con:
            doc = put_source(con, article, home=str(home), archived=True)
            con.execute("UPDATE documents SET stamp = ? WHERE id = ?", (file_stamp(home), doc))

    index.run(go)
