"""Searching the library: what the analyst types becomes a safe FTS5 query, filters become
SQL parameters, and each hit carries a snippet of the matched passage.

Query text is never FTS5 syntax: every word is quoted (FTS5's own escaping, quotes doubled),
so ``NEAR(``, ``title:``, ``*``, ``"`` or ``OR`` are searched as words, never obeyed. A phrase
in double quotes stays a phrase. The last word, while still being typed, matches as a prefix
("cabl" finds "cables"). Words are matched case- and accent-insensitively.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from typing import Literal

from briefing.core.errors import BriefingError
from briefing.core.memory.index import MemoryIndex
from briefing.core.memory.keys import MARK_OFF, MARK_ON, clean_text
from briefing.core.model.article import Article

Field = Literal["all", "title", "body"]
Kind = Literal["source", "briefing"]
_TERM = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w", re.UNICODE)
_SPACES = re.compile(r"\s+")
SNIPPET_WORDS = 18
CANDIDATES = 2000  # matches ranked at most (see search)
MAX_TERMS = 24


@dataclass
class Filters:
    """Narrowing a search (all optional); dates are ISO ``YYYY-MM-DD``."""

    field: Field = "all"
    kind: Kind | None = None
    author: str = ""
    site: str = ""
    since: str = ""
    until: str = ""
    handling: str = ""


@dataclass
class Hit:
    """One document found; ``snippet`` is ``(text, matched)`` runs of the matched passage."""

    doc: int
    kind: Kind
    title: str
    authors: str
    site: str
    date: str
    handling: str
    path: str
    url: str
    imported: str
    uses: int  # briefings that used this source (0 for a briefing)
    origin: str = ""  # the file name (or "clipboard") a source was imported from
    snippet: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def snippet_text(self) -> str:
        return "".join(text for text, _hit in self.snippet)


@dataclass
class Use:
    """A briefing that used a source: where, as which source id, cited in which sections."""

    briefing: int
    title: str
    path: str
    date: str
    ref: str
    sections: str


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def terms_of(text: str) -> list[tuple[str, bool]]:
    """``(term, is_phrase)`` pairs of what was typed (words without letters or digits dropped)."""
    out = []
    for m in _TERM.finditer(clean_text(text)):
        phrase, word = m.group(1), m.group(2)
        term = phrase if phrase is not None else word
        if term and _WORD.search(term):
            out.append((" ".join(term.split()), phrase is not None))
    return out[:MAX_TERMS]


def fts_query(text: str, field: Field = "all") -> str | None:
    """The FTS5 query for ``text`` (``None`` when there is nothing to search for)."""
    terms = terms_of(text)
    if not terms:
        return None
    parts = [_quote(t) for t, _phrase in terms]
    last, phrase = terms[-1]
    typing = not text[-1:].isspace() and not text.rstrip().endswith('"')
    if typing and not phrase and len(last) >= 2:
        parts[-1] += "*"
    query = " ".join(parts)
    if field != "all":
        query = f"{{{field}}} : ({query})"
    return query


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_DATE = "(CASE WHEN d.date != '' THEN d.date ELSE substr(d.imported, 1, 10) END)"


def _where(filters: Filters) -> tuple[list[str], list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if filters.kind:
        clauses.append("d.kind = ?")
        params.append(filters.kind)
    if filters.author.strip():
        clauses.append("d.authors LIKE ? ESCAPE '\\'")
        params.append(_like(filters.author.strip()))
    if filters.site.strip():
        clauses.append("(d.site LIKE ? ESCAPE '\\' OR d.url LIKE ? ESCAPE '\\')")
        params += [_like(filters.site.strip())] * 2
    if filters.since:
        clauses.append(f"{_DATE} >= ?")
        params.append(filters.since)
    if filters.until:
        clauses.append(f"{_DATE} <= ?")
        params.append(filters.until + "\uffff")  # a whole day: "2026-03-01T..." sorts before
    if filters.handling.strip():
        clauses.append("d.handling = ? COLLATE NOCASE")
        params.append(filters.handling.strip())
    return clauses, params


def _runs(snippet: str) -> list[tuple[str, bool]]:
    runs: list[tuple[str, bool]] = []
    for i, piece in enumerate(re.split(f"[{MARK_ON}{MARK_OFF}]", snippet)):
        if piece:
            runs.append((_SPACES.sub(" ", piece), i % 2 == 1))
    return runs


_COLUMNS = (
    "d.id, d.kind, d.title, d.authors, d.site, d.date, d.handling, d.path, d.url, d.imported, "
    "(SELECT count(*) FROM uses u WHERE u.source = d.id), d.origin"
)


def search(
    index: MemoryIndex, text: str, filters: Filters | None = None, *, limit: int = 50
) -> list[Hit]:
    """Documents matching ``text`` and ``filters``, best first (newest first with no text).

    When more than :data:`CANDIDATES` documents match, the most recently indexed
    :data:`CANDIDATES` of them are ranked (a longer word or a filter narrows the search)."""
    filters = filters or Filters()
    query = fts_query(text, filters.field)
    if query is None and text.strip():
        return []  # only punctuation typed: nothing can match
    clauses, params = _where(filters)
    where = "".join(f" AND {c}" for c in clauses)
    limit = max(1, min(limit, 1000))
    if query is None:
        sql = (
            f"SELECT {_COLUMNS}, substr(f.body, 1, 200) FROM documents d "
            f"JOIN documents_fts f ON f.rowid = d.id WHERE 1{where} "
            f"ORDER BY {_DATE} DESC, d.id DESC LIMIT ?"
        )
        run_args: list[object] = [*params, limit]
    else:
        # CROSS JOIN keeps the full-text index the outer loop: filters are checked per match
        # and only the matches that pass them are ranked.
        join = "FROM documents_fts CROSS JOIN documents d ON d.id = documents_fts.rowid"
        if where:  # the filters need the documents table: gather the matches first
            bound_sql = (
                "WITH m(id) AS MATERIALIZED (SELECT rowid FROM documents_fts "
                "WHERE documents_fts MATCH ?) "
                f"SELECT m.id FROM m CROSS JOIN documents d ON d.id = m.id WHERE 1{where} "
                "ORDER BY m.id DESC LIMIT 1 OFFSET ?"
            )
        else:  # newest first straight from the index, stopping at the last candidate
            bound_sql = (
                "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? "
                "ORDER BY rowid DESC LIMIT 1 OFFSET ?"
            )
        sql = (
            f"SELECT {_COLUMNS}, snippet(documents_fts, 1, ?, ?, '…', {SNIPPET_WORDS}) "
            f"{join} WHERE documents_fts MATCH ? AND documents_fts.rowid >= ?{where} "
            "ORDER BY rank LIMIT ?"
        )

    def go(idx: MemoryIndex) -> list[Hit]:
        con = idx.connection()
        try:
            if query is None:
                rows = con.execute(sql, run_args).fetchall()
            else:
                # Ranking costs time for every match: a query matching more than CANDIDATES
                # documents (two letters typed, a very common word) ranks the most recently
                # indexed CANDIDATES of them; counting them off in rowid order is cheap.
                found = con.execute(bound_sql, [query, *params, CANDIDATES - 1]).fetchone()
                floor = int(found[0]) if found else 0
                args = [MARK_ON, MARK_OFF, query, floor, *params, limit]
                rows = con.execute(sql, args).fetchall()
        except sqlite3.OperationalError as err:
            if "fts5" in str(err).lower() or "syntax" in str(err).lower():
                raise BriefingError(f"the search could not be read ({err})") from err
            raise
        return [_hit(r) for r in rows]

    return index.run(go)


def _hit(r: tuple[object, ...]) -> Hit:
    return Hit(
        doc=int(r[0]),  # type: ignore[call-overload]
        kind="source" if r[1] == "source" else "briefing",
        title=str(r[2]),
        authors=str(r[3]),
        site=str(r[4]),
        date=str(r[5]),
        handling=str(r[6]),
        path=str(r[7]),
        url=str(r[8]),
        imported=str(r[9]),
        uses=int(r[10]),  # type: ignore[call-overload]
        origin=str(r[11]),
        snippet=_runs(str(r[12] or "")),
    )


def used_in(index: MemoryIndex, doc: int) -> list[Use]:
    """The briefings that used source ``doc``, newest first."""
    rows = index.run(
        lambda idx: (
            idx.connection()
            .execute(
                "SELECT b.id, b.title, b.path, b.date, u.ref, u.sections FROM uses u "
                "JOIN documents b ON b.id = u.briefing WHERE u.source = ? "
                "ORDER BY b.date DESC, b.id DESC",
                (doc,),
            )
            .fetchall()
        )
    )
    return [Use(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5])) for r in rows]


def source_article(index: MemoryIndex, doc: int) -> Article | None:
    """The indexed source ``doc`` as an Article (``None`` if it is not a source)."""
    row = index.run(
        lambda idx: (
            idx.connection()
            .execute("SELECT data FROM documents WHERE id = ? AND kind = 'source'", (doc,))
            .fetchone()
        )
    )
    if row is None:
        return None
    try:
        return Article.from_dict(json.loads(str(row[0])))
    except (ValueError, TypeError):
        return None


def matching_blocks(article: Article, text: str, limit: int = 3) -> list[str]:
    """Ids of the blocks that contain the most of the typed words (the passages a hit is
    about): every word where some block has them all."""
    words = [t.casefold() for t, _p in terms_of(text)]
    if not words:
        return []
    counts = [(sum(w in b.text.casefold() for w in words), b.id) for b in article.blocks]
    best = max((n for n, _ in counts), default=0)
    return [bid for n, bid in counts if best and n == best][:limit]


@dataclass(frozen=True)
class Passage:
    """One passage of a hit: a source's block, or a briefing's section (title and text)."""

    id: str  # the block id, or the section id
    text: str
    matched: bool  # it holds the words searched for


@dataclass
class Detail:
    """What the Library shows of a selected hit: the source itself (``None`` for a
    briefing), its passages and the briefings that used it."""

    article: Article | None
    passages: list[Passage]
    uses: list[Use]


def hit_detail(index: MemoryIndex, doc: int, query: str) -> Detail:
    """The article, passages and uses of hit ``doc``; the passages about ``query`` marked."""
    article = source_article(index, doc)
    if article is not None:
        matched = set(matching_blocks(article, query, limit=50))
        passages = [Passage(b.id, b.text, b.id in matched) for b in article.blocks]
    else:
        passages = _section_passages(index, doc, query)
    return Detail(article, passages, used_in(index, doc))


def _section_passages(index: MemoryIndex, doc: int, query: str) -> list[Passage]:
    row = index.run(
        lambda idx: (
            idx.connection().execute("SELECT data FROM documents WHERE id = ?", (doc,)).fetchone()
        )
    )
    try:
        data = json.loads(str(row[0])) if row else {}
        sections = data.get("sections", []) if isinstance(data, dict) else []
    except ValueError:
        sections = []
    words = [w.casefold().strip('"') for w in query.split() if w.strip()]
    out = []
    for s in sections:
        if not isinstance(s, dict):
            continue
        text = f"{s.get('title', '')}\n{s.get('markdown', '')}".strip()
        out.append(
            Passage(
                str(s.get("id", "")), text, bool(words) and all(w in text.casefold() for w in words)
            )
        )
    return out


def counts(index: MemoryIndex) -> dict[str, int]:
    """How many sources, briefings and predictions the index holds."""

    def go(idx: MemoryIndex) -> dict[str, int]:
        con = idx.connection()
        out = {
            str(k): int(n)
            for k, n in con.execute("SELECT kind, count(*) FROM documents GROUP BY kind")
        }
        out["predictions"] = int(
            con.execute("SELECT count(DISTINCT pid) FROM predictions").fetchone()[0]
        )
        return out

    return index.run(go)
