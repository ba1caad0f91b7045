"""Drafting and document I/O: draft the sample and the demo article; load and save 40 pages.

Targets (issue 4): drafting the sample < 50 ms; loading or saving a 40-page briefing < 100 ms.
The 40-page briefing is generated: about 20,000 words of sections plus the embedded sources
they cite, saved with fsync and a backup as the editor saves.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from benchmarks.bench_drafting import _clear
from benchmarks.common import SHARED, Figure, median, spread, timed
from briefing.core.drafting import draft_briefing
from briefing.core.importing import import_file
from briefing.core.model.article import Article, Block
from briefing.core.model.document import Briefing, Meta, Origin, Prediction, Section
from briefing.core.paths import demo_article_path
from briefing.core.storage.document_io import dumps_briefing, load_briefing, save_briefing
from briefing.core.storage.library import Library

_VOCABULARY = """cable seabed patrol Arctic ministry budget shipping insurers fleet inspection port
agreement exercise sensor drone coast guard parliament likely expect data satellite outage
repair route resilience operator investigators anchor vessel Norway Svalbard"""
WORDS = _VOCABULARY.split()


def _paragraph(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def forty_page_briefing(seed: int = 40) -> Briefing:
    """A briefing of about 20,000 words (40 pages at ~500 words a page) with its sources."""
    rng = random.Random(seed)
    sources = []
    for s in range(1, 9):
        blocks = [Block("heading", f"Part {i}", f"h{i}", level=2) for i in range(1, 6)]
        blocks += [Block("paragraph", _paragraph(rng, 120), f"p{i}") for i in range(1, 41)]
        sources.append(
            Article(
                title=f"Source {s}",
                blocks=blocks,
                authors=["A. Writer"],
                site="Example",
                published="2026-03-14",
                id=f"s{s}",
            )
        )
    sections = []
    for n in range(1, 21):  # 20 sections x 10 paragraphs x 100 words = 20,000 words
        paras = [f"{_paragraph(rng, 100)} [@s{rng.randint(1, 8)}]" for _ in range(10)]
        sections.append(
            Section(
                id=f"section-{n}",
                title=f"Section {n}",
                markdown=f"### Part {n}\n\n" + "\n\n".join(paras) + "\n",
                origins=[Origin(f"s{rng.randint(1, 8)}", f"p{i}") for i in range(1, 11)],
            )
        )
    predictions = [
        Prediction(statement=_paragraph(rng, 20), probability=65, term="likely", source="s1")
        for _ in range(12)
    ]
    library = Library()
    return Briefing(
        title="Forty pages",
        meta=Meta(analyst="Bench", date="2026-03-14"),
        sections=sections,
        predictions=predictions,
        sources=sources,
        template=library.template("standard"),
        brand=library.brand("default"),
    )


def _figure(name: str, runs: list[float], target_ms: float, note: str = "") -> Figure:
    value = median(runs) * 1000
    return Figure(
        name=name,
        value=value,
        unit="ms",
        target=f"< {target_ms:g} ms",
        met=value < target_ms,
        spread=spread(runs, 1000, "ms"),
        note=note,
    )


def run(quick: bool) -> list[Figure]:
    repeat = 3 if quick else 30
    figures = []
    library = Library()
    standard = library.template("standard")
    sample = SHARED / "samples" / "takaichi-trump-call.txt"
    if sample.is_file():
        article = import_file(sample)
        # Each run drafts from scratch: the analysed-sources cache is emptied first.
        runs = timed(lambda: (_clear(), draft_briefing([article], standard)), repeat)
        figures.append(_figure("draft: sample into standard (imported once)", runs, 50))
        runs = timed(lambda: (_clear(), draft_briefing([import_file(sample)], standard)), repeat)
        value = median(runs) * 1000
        note = "whole path, for reference"
        whole = Figure("import + draft: sample", value, "ms", spread=spread(runs, 1000, "ms"))
        whole.note = note
        figures.append(whole)
    demo = import_file(demo_article_path())
    runs = timed(lambda: (_clear(), draft_briefing([demo], standard)), repeat)
    figures.append(_figure("draft: demo article into standard", runs, 50))

    big = forty_page_briefing()
    text = dumps_briefing(big)
    words = sum(len(s.markdown.split()) for s in big.sections)
    note = f"{words:,} words in sections, {len(text.encode()) // 1024} KB file"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "forty.briefing"
        save_briefing(big, path)
        runs = timed(lambda: save_briefing(big, path), repeat)
        figures.append(_figure("save: 40-page briefing (atomic, fsync, backup)", runs, 100, note))
        runs = timed(lambda: load_briefing(path), repeat)
        figures.append(_figure("load: 40-page briefing (parse + validate)", runs, 100, note))
    return figures


if __name__ == "__main__":
    for f in run(quick=False):
        print(f)
