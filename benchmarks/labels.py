"""The labelled prediction sentences: load them and resolve page references to their text.

Rows that come from the benchmark pages hold a page id and the SHA-1 of the sentence, not the
text (see ``benchmarks/data/README.md``); the text is found again by importing the page from
``../shared`` and hashing its sentences. When the splitter or the importer has changed since
the set was made, spans between any two candidate sentence ends are tried too.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import REPO, SHARED

LABELS = REPO / "benchmarks" / "data" / "prediction-labels.jsonl"
# The fresh held-out set (benchmarks/fresh.py chose its pages and sentences; part "fresh").
FRESH = REPO / "benchmarks" / "data" / "prediction-labels-fresh.jsonl"
_CUT = re.compile(r"(?<=[.!?…\"”’)])\s+")


@dataclass
class Labelled:
    id: str
    part: str  # "dev" or "held-out"
    text: str
    published: str | None
    label: str  # "P" or the kind of negative
    term: str | None
    phia: str | None
    timeframe: str | None
    resolve_by: str | None
    kind: str = "paragraph"  # block kind the sentence came from

    @property
    def positive(self) -> bool:
        return self.label == "P"


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _page_sentences(page: str, tmp: Path) -> list[tuple[str, str]]:
    """(text, block kind) of every sentence and candidate span of a benchmark page."""
    from briefing.core.analysis.sentences import split_sentences
    from briefing.core.importing import import_file

    bench, page_id = page.split("/", 1)
    src = SHARED / bench / "html" / f"{page_id}.html.gz"
    path = tmp / f"{page_id}.html"
    path.write_bytes(gzip.decompress(src.read_bytes()))
    article = import_file(path)
    article.id = "s1"
    out = [(s.text, s.kind) for s in split_sentences(article)]
    for block in article.blocks:  # fallback spans
        for line in block.text.split("\n"):
            line = re.sub(r"^\s*(?:[-*+>]|\d+[.)])\s+", "", line)
            cuts = [0, *(m.end() for m in _CUT.finditer(line)), len(line)]
            for i in range(len(cuts)):
                for j in range(i + 1, min(len(cuts), i + 6)):
                    out.append((line[cuts[i] : cuts[j]].strip(), block.kind))
    return out


def load(
    resolve: bool = True, limit: int | None = None, *, fresh: bool = True
) -> tuple[list[Labelled], list[str]]:
    """The labelled rows (the first ``limit`` of them), and a line for each not resolved.

    With ``fresh``, the fresh held-out rows (part "fresh") come after the first set's."""
    files = [LABELS, *([FRESH] if fresh and FRESH.is_file() else [])]
    rows = [
        json.loads(line)
        for path in files
        for line in path.read_text(encoding="utf-8").splitlines()
        if line
    ]
    rows = rows[:limit] if limit is not None else rows
    problems: list[str] = []
    out: list[Labelled] = []
    cache: dict[str, dict[str, tuple[str, str]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for row in rows:
            text, kind = row.get("text"), "paragraph"
            if text is None:
                page = row["page"]
                if not resolve or not SHARED.is_dir():
                    problems.append(f"{row['id']}: ../shared absent")
                    continue
                if page not in cache:
                    try:
                        found = _page_sentences(page, Path(tmp))
                    except Exception as exc:  # a page that no longer imports is skipped
                        problems.append(f"{row['id']}: {page} does not import ({exc})")
                        cache[page] = {}
                        continue
                    cache[page] = {_sha1(t): (t, k) for t, k in reversed(found)}
                hit = cache[page].get(row["sha1"])
                if hit is None:
                    problems.append(f"{row['id']}: sentence not found in {page}")
                    continue
                text, kind = hit
            out.append(
                Labelled(
                    id=row["id"],
                    part=row["part"],
                    text=text,
                    published=row.get("published"),
                    label=row["label"],
                    term=row.get("term"),
                    phia=row.get("phia"),
                    timeframe=row.get("timeframe"),
                    resolve_by=row.get("resolve_by"),
                    kind=kind,
                )
            )
    return out, problems
