"""The library index: 10,000 sources and 1,000 briefings indexed; search; indexing on save.

Targets (issue 19): a search returns in under 50 ms (median and p95 over varied queries:
common and rare words, prefixes as typed, phrases, filters); indexing one saved briefing adds
under 20 ms to the save. The corpus is generated: words drawn from a 30,000-word vocabulary
with Zipf's law (as real text is, so common words match thousands of documents and rare ones
a few), sources of 300-1,100 words with authors, sites and dates, briefings of five sections
citing three sources each (so sources are shared). The save figure is the whole path the
editor runs after a save (places file, then the index) on the full index, against the save
itself (atomic write with fsync) measured in the same run.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import Figure, median, spread
from briefing.core.memory.index import MemoryIndex
from briefing.core.memory.indexer import put_briefing, put_source
from briefing.core.memory.search import Filters, search
from briefing.core.model.article import Article, Block
from briefing.core.model.document import Briefing, Meta, Prediction, Section
from briefing.core.model.template import Template
from briefing.core.storage.document_io import save_briefing

_SYLLABLES = [
    "ka",
    "ri",
    "to",
    "mu",
    "se",
    "la",
    "no",
    "vi",
    "de",
    "ran",
    "sol",
    "ber",
    "gen",
    "tor",
    "mar",
    "fin",
    "est",
    "ob",
    "ul",
    "ix",
]
_COMMON = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "on",
    "with",
    "as",
    "by",
    "was",
    "at",
    "from",
    "it",
    "be",
    "are",
    "this",
    "have",
    "an",
    "which",
    "has",
    "were",
    "not",
    "but",
    "their",
    "or",
    "its",
    "they",
    "been",
    "more",
    "also",
    "new",
    "after",
    "would",
    "who",
    "will",
    "than",
    "about",
    "cable",
    "seabed",
    "ministry",
    "defence",
    "security",
    "patrol",
    "arctic",
    "norway",
    "svalbard",
    "navy",
    "coast",
    "guard",
    "vessel",
    "shipping",
    "port",
    "sanctions",
    "minister",
    "talks",
    "election",
    "budget",
    "energy",
    "pipeline",
    "grid",
    "outage",
    "repair",
    "data",
    "satellite",
    "attack",
    "cyber",
    "investigation",
    "officials",
    "government",
    "parliament",
    "agreement",
]
SITES = ["Nordic Monitor", "Baltic Times", "Reuters", "Financial Daily", "Policy Review",
         "Arctic Today", "Defence News", "Energy Wire", "Sea Lanes", "Harbour Log"]  # fmt: skip
AUTHORS = [f"{f} {s}" for f in ("Ingrid", "Per", "Anna", "Jon", "Mei", "Omar", "Sara", "Lars")
           for s in ("Berg", "Holm", "Lind", "Okafor", "Tanaka", "Haddad", "Nilsen")]  # fmt: skip


def _vocabulary(rng: random.Random, size: int = 30000) -> list[str]:
    words = list(dict.fromkeys(_COMMON))
    seen = set(words)
    while len(words) < size:
        w = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


class Corpus:
    """Generated text with Zipf-distributed words."""

    def __init__(self, seed: int = 19) -> None:
        self.rng = random.Random(seed)
        self.words = _vocabulary(self.rng)
        weights = [1 / (rank + 1) ** 1.07 for rank in range(len(self.words))]
        self.cum = list(__import__("itertools").accumulate(weights))

    def text(self, n: int) -> str:
        words = self.rng.choices(self.words, cum_weights=self.cum, k=n)
        sentences, i = [], 0
        while i < len(words):
            k = self.rng.randint(8, 24)
            sentences.append(" ".join(words[i : i + k]).capitalize() + ".")
            i += k
        return " ".join(sentences)

    def source(self, n: int) -> Article:
        rng = self.rng
        paragraphs = [self.text(rng.randint(40, 90)) for _ in range(rng.randint(5, 14))]
        return Article(
            title=self.text(rng.randint(5, 10)).rstrip("."),
            blocks=[Block("paragraph", p, f"b{i}") for i, p in enumerate(paragraphs, 1)],
            authors=[rng.choice(AUTHORS)],
            published=f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            site=rng.choice(SITES),
            url=f"https://news.example/{n}",
            origin=f"article-{n}.html",
            imported=f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
        )

    def briefing(self, n: int, sources: list[Article]) -> Briefing:
        rng = self.rng
        picked = rng.sample(sources, 3)
        for i, a in enumerate(picked, 1):
            a.id = f"s{i}"
        sections = [
            Section(id=sid, title=sid.title(), markdown=f"{self.text(rng.randint(60, 160))} [@s1]")
            for sid in ("background", "key-takeaway", "faq", "outlook", "predictions")
        ]
        predictions = [
            Prediction(self.text(14), rng.choice([10, 25, 40, 55, 70, 85, 95]),
                       timeframe=f"by end of {rng.randint(2026, 2028)}")
            for _ in range(rng.randint(2, 6))
        ]  # fmt: skip
        return Briefing(
            title=f"Weekly {n}: " + self.text(6).rstrip("."),
            meta=Meta(analyst=rng.choice(AUTHORS), date=f"2026-{rng.randint(1, 11):02d}-01",
                      handling=rng.choice(["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER"])),
            sections=sections,
            predictions=predictions,
            sources=[Article(**{**vars(a), "blocks": list(a.blocks)}) for a in picked],
            template=Template(id="standard", name="Standard"),
        )  # fmt: skip


def _queries(corpus: Corpus) -> list[tuple[str, Filters]]:
    rng = random.Random(7)
    w = corpus.words
    out: list[tuple[str, Filters]] = []
    for _ in range(40):
        out.append((rng.choice(w[20:200]), Filters()))  # common word
        out.append((rng.choice(w[5000:30000]), Filters()))  # rare word
        word = rng.choice(w[100:3000])
        out.append((word[: rng.randint(2, 4)], Filters()))  # prefix as typed
        out.append((f"{rng.choice(w[50:500])} {rng.choice(w[200:2000])}", Filters()))
        out.append((f'"{rng.choice(w[10:100])} {rng.choice(w[10:100])}"', Filters()))
        out.append((rng.choice(w[30:600]), Filters(site=rng.choice(SITES), since="2025-06-01")))
        out.append((rng.choice(w[30:600]), Filters(kind="briefing", handling="TLP:AMBER")))
        out.append((rng.choice(w[50:900]) + " " + rng.choice(w[300:3000])[:3], Filters()))
    return out


def _index_corpus(index: MemoryIndex, folder: Path, n_sources: int, n_briefings: int) -> float:
    corpus = Corpus()
    start = time.perf_counter()
    sources = [corpus.source(i) for i in range(n_sources)]
    with index.write() as con:
        for i, a in enumerate(sources):
            put_source(con, a, home=str(folder / f"article-{i}.html"), archived=True)
    for chunk in range(0, n_briefings, 100):
        with index.write() as con:
            for i in range(chunk, min(chunk + 100, n_briefings)):
                b = corpus.briefing(i, sources)
                put_briefing(con, b, folder / f"weekly-{i}.briefing")
    return time.perf_counter() - start


def _import_cost() -> list[float]:
    code = (
        "import time; t = time.perf_counter(); "
        "from briefing.core.memory.chart import calibration_svg; "
        "import matplotlib.figure, matplotlib.backends.backend_svg; "
        "print(time.perf_counter() - t)"
    )
    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        runs.append(float(out.stdout.strip() or "nan"))
    return runs


def run(quick: bool) -> list[Figure]:
    n_sources, n_briefings = (300, 30) if quick else (10000, 1000)
    figures: list[Figure] = []
    old_home = os.environ.get("BRIEFING_HOME")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BRIEFING_HOME"] = tmp
        try:
            folder = Path(tmp)
            index = MemoryIndex(folder / "index.sqlite", rebuild=False)
            seconds = _index_corpus(index, folder, n_sources, n_briefings)
            size = (folder / "index.sqlite").stat().st_size / 1e6
            figures.append(Figure(
                f"library: index {n_sources:,} sources + {n_briefings:,} briefings",
                seconds, "s", note=f"generated text and indexing; index file {size:.0f} MB",
            ))  # fmt: skip
            corpus = Corpus()  # the indexed vocabulary: queries pick from its ranks
            queries = _queries(corpus)[: 16 if quick else None]
            for q, f in queries[:8]:
                search(index, q, f)  # warm the page cache
            runs = []
            found = 0
            for q, f in queries:
                start = time.perf_counter()
                found += len(search(index, q, f, limit=50))
                runs.append(time.perf_counter() - start)
            runs.sort()
            p95 = runs[int(len(runs) * 0.95) - 1] * 1000
            note = f"{len(runs)} varied queries, top 50 with snippets; p95 {p95:.1f} ms"
            med = median(runs) * 1000
            figures.append(Figure(
                "library: search (median)", med, "ms", "< 50 ms", med < 50,
                spread(runs, 1000, "ms"), note=note,
            ))  # fmt: skip
            figures.append(Figure(
                "library: search (p95)", p95, "ms", "< 50 ms", p95 < 50, note=f"{found} hits"
            ))  # fmt: skip
            figures += _save_figures(index, folder, corpus, 3 if quick else 25)
            index.close()
        finally:
            if old_home is None:
                os.environ.pop("BRIEFING_HOME", None)
            else:
                os.environ["BRIEFING_HOME"] = old_home
    imports = _import_cost() if not quick else _import_cost()[:1]
    figures.append(Figure(
        "chart: matplotlib import (fresh process)", median(imports) * 1000, "ms",
        spread=spread(imports, 1000, "ms"),
        note="paid only when a calibration chart is drawn, never at start-up",
    ))  # fmt: skip
    return figures


def _save_figures(index: MemoryIndex, folder: Path, corpus: Corpus, repeat: int) -> list[Figure]:
    from briefing.core.memory.record import record_saved

    sources = [corpus.source(10**6 + i) for i in range(6)]
    b = corpus.briefing(10**6, sources)
    path = folder / "saved.briefing"
    save_runs, index_runs, first = [], [], 0.0
    for n in range(repeat + 1):
        b.sections[0].markdown += f" Edit {n}."
        start = time.perf_counter()
        save_briefing(b, path)
        saved = time.perf_counter()
        record_saved(b, path, index)
        done = time.perf_counter()
        if n == 0:
            first = done - saved  # its sources are new to the index
            continue
        save_runs.append(saved - start)
        index_runs.append(done - saved)
    added = median(index_runs) * 1000
    return [
        Figure(
            "library: indexing a saved briefing (added to the save)", added, "ms", "< 20 ms",
            added < 20, spread(index_runs, 1000, "ms"),
            baseline=f"the save itself {median(save_runs) * 1000:.1f} ms",
            note=f"on the full index; first save with 3 new sources {first * 1000:.1f} ms",
        ),
    ]  # fmt: skip
