"""Web-page import: body F1 per benchmark, dev and held-out, against trafilatura and readability.

Pages come from ``benchmarks/web_pages.py`` (article benchmark, CleanEval, Dragnet) with
its fixed site split. Each page's bytes are written to a temporary ``.html`` file and imported
through ``briefing.core.importing.import_file`` (decoding, extraction, repair and chrome
filtering included). In the same run and on the same bytes:

* trafilatura with default settings: ``trafilatura.extract(html_bytes)``;
* readability-lxml: ``Document(html_bytes).summary()``, as text (block elements on lines).

Scoring follows both READMEs: the body as plain text (Markdown links reduced to their words),
lower-cased ``\\w+`` tokens, multisets of 4-token shingles, F1 per page averaged per dataset; an
error or empty result scores 0. Time per page is ours against trafilatura alone (wall clock,
per page; mean and median), measured page by page in the same loop.

``python -m benchmarks.bench_web --part dev --dataset dragnet --worst 20`` lists the weakest
pages of one part for development (``--ours-only`` skips the two baselines).
"""

from __future__ import annotations

import argparse
import contextlib
import re
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from benchmarks.common import Figure
from benchmarks.web_metadata import MetaScores, has_reference, trafilatura_metadata
from benchmarks.web_pages import DATASETS, Page, available, pages
from briefing.core.model.article import Article

QUICK_PAGES = 2
_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")
_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "blockquote")


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text.lower())
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(0, len(tokens) - 3)))


def f1(predicted: str, gold: str) -> float:
    p, g = shingles(predicted), shingles(gold)
    common = sum((p & g).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def plain(text: str) -> str:
    """Body text as a reader sees it: Markdown links reduced to their words."""
    return _LINK.sub(r"\1", text)


def ours(path: Path) -> Callable[[bytes], Article]:
    """Our importer on the page file at ``path`` (written before the clock starts)."""
    from briefing.core.importing import import_file

    return lambda raw: import_file(path)


def trafilatura_default(raw: bytes) -> str:
    import trafilatura

    return trafilatura.extract(raw) or ""


def readability_text(raw: bytes) -> str:
    import lxml.html
    from readability import Document

    summary = Document(raw).summary()
    if not summary.strip():
        return ""
    tree = lxml.html.fromstring(summary)
    for el in tree.iter(*_BLOCK_TAGS):  # a reader sees block elements on their own lines
        el.tail = "\n" + (el.tail or "")
    return str(tree.text_content())


@dataclass
class Scores:
    f1: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    failed: int = 0
    meta: MetaScores = field(default_factory=MetaScores)


def _score(fn: Callable[[bytes], object], raw: bytes, gold: str, into: Scores) -> object:
    """Run one extractor on one page, timed; its F1 goes into ``into``; returns its result."""
    start, start_cpu = time.perf_counter(), time.process_time()
    try:
        result = fn(raw)
    except Exception:  # an error or a refused page scores 0
        result = None
    into.seconds.append(time.perf_counter() - start)
    into.cpu.append(time.process_time() - start_cpu)
    text = plain(result.text) if isinstance(result, Article) else str(result or "")
    into.failed += not text.strip()
    into.f1.append(f1(text, gold))
    return result


Key = tuple[str, str, str]  # (extractor, dataset, part)


def measure(
    chosen: list[Page], baselines: bool = True, on_page: Callable[[Page, float], None] | None = None
) -> dict[Key, Scores]:
    """Scores per (extractor, dataset, part) for the chosen pages, all measured in one loop."""
    import logging

    for name in ("trafilatura", "htmldate", "readability", "courlan"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    results: dict[Key, Scores] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        extractors: dict[str, Callable[[bytes], object]] = {"ours": ours(path)}
        if baselines:
            extractors |= {"trafilatura": trafilatura_default, "readability": readability_text}
        warm = chosen[0].html()  # unmeasured: first imports, compiled patterns
        path.write_bytes(warm)
        for fn in extractors.values():
            with contextlib.suppress(Exception):  # warm-up only
                fn(warm)
        for page in chosen:
            raw = page.html()
            path.write_bytes(raw)
            part = "held-out" if page.held_out else "dev"
            for name, fn in extractors.items():
                scores = results.setdefault((name, page.dataset, part), Scores())
                result = _score(fn, raw, page.gold, scores)
                if name == "ours":
                    article = result if isinstance(result, Article) else None
                    title, authors = (article.title, article.authors) if article else ("", [])
                    scores.meta.add(page, raw, title, authors)
                    if on_page is not None:
                        on_page(page, scores.f1[-1])
                elif name == "trafilatura" and has_reference(page, raw):
                    with contextlib.suppress(Exception):
                        scores.meta.add(page, raw, *trafilatura_metadata(raw))
    return results


def _mean(values: list[float]) -> float:
    return statistics.mean(values) if values else 0.0


def _pooled(results: dict[Key, Scores], name: str, dataset: str | None, part: str | None) -> Scores:
    out = Scores()
    for (who, ds, pt), s in results.items():
        if who == name and dataset in (None, ds) and part in (None, pt):
            out.f1 += s.f1
            out.seconds += s.seconds
            out.cpu += s.cpu
            out.failed += s.failed
            out.meta.title_f1 += s.meta.title_f1
            out.meta.title_exact += s.meta.title_exact
            out.meta.byline += s.meta.byline
    return out


def figures(results: dict[Key, Scores]) -> list[Figure]:
    """One F1 row per dataset and part, the all-datasets rows and the time ratio."""
    rows: list[Figure] = []
    for dataset in [*DATASETS, None]:
        for part in ("dev", "held-out", None):
            mine = _pooled(results, "ours", dataset, part)
            if not mine.f1:
                continue
            traf = _mean(_pooled(results, "trafilatura", dataset, part).f1)
            read = _mean(_pooled(results, "readability", dataset, part).f1)
            value = _mean(mine.f1)
            label = dataset or "all datasets"
            target, met = f">= best baseline ({max(traf, read):.3f})", value >= max(traf, read)
            if dataset is None:
                target, met = "> 0.90 and >= best baseline", met and value > 0.90
            elif dataset == "article" and part is None:
                target, met = ">= 0.965 and >= best baseline", met and value >= 0.965
            rows.append(
                Figure(
                    f"web import F1: {label}, {part or 'dev + held-out'}",
                    value,
                    "F1",
                    target=target,
                    met=met,
                    spread=f"mean {value:.4f}; pages < 0.5: {sum(v < 0.5 for v in mine.f1)}",
                    baseline=f"trafilatura {traf:.3f}, readability {read:.3f}",
                    note=f"{len(mine.f1)} pages, {mine.failed} refused or empty",
                )
            )
    rows += _meta_figures(results)
    mine, base = _pooled(results, "ours", None, None), _pooled(results, "trafilatura", None, None)
    if base.seconds:
        wall = "mean of per-page wall clock, through import_file (read, decode, extract, "
        wall += "repair, chrome); machine shared"
        rows.append(_time_figure("time", mine.seconds, base.seconds, wall))
        cpu = "the process's own CPU time, page by page: less sensitive to the other work on "
        cpu += "a shared machine than wall clock"
        rows.append(_time_figure("CPU time", mine.cpu, base.cpu, cpu))
    return rows


def _time_figure(what: str, ours: list[float], base: list[float], note: str) -> Figure:
    """Our time per page against trafilatura's, pages measured in the same loop."""
    ratio = sum(ours) / max(1e-9, sum(base))
    median = statistics.median(ours) / max(1e-9, statistics.median(base))
    return Figure(
        f"web import: {what} per page / trafilatura alone",
        ratio,
        "x",
        target="<= 1.3x",
        met=ratio <= 1.3,
        spread=f"median page {median:.2f}x",
        baseline=f"trafilatura {1000 * _mean(base):.1f} ms/page, ours {1000 * _mean(ours):.1f} ms",
        note=f"{len(ours)} pages, {note}",
    )


def _meta_figures(results: dict[Key, Scores]) -> list[Figure]:
    """Title token F1 and byline rates per part, ours against trafilatura's metadata."""
    rows: list[Figure] = []
    for part in ("dev", "held-out"):
        mine = _pooled(results, "ours", None, part).meta
        base = _pooled(results, "trafilatura", None, part).meta
        if mine.title_f1 and base.title_f1:
            value, other = _mean(mine.title_f1), _mean(base.title_f1)
            exact = sum(mine.title_exact) / len(mine.title_exact)
            base_exact = sum(base.title_exact) / len(base.title_exact)
            rows.append(
                Figure(
                    f"web import title: token F1, {part}",
                    value,
                    "F1",
                    target=">= trafilatura",
                    met=value >= other,
                    spread=f"exact {exact:.2f} (trafilatura {base_exact:.2f})",
                    baseline=f"trafilatura {other:.3f}",
                    note=f"{len(mine.title_f1)} pages with a reference title "
                    "(see benchmarks/web_metadata.py)",
                )
            )
        if mine.byline and base.byline:
            right = mine.byline.count("right") / len(mine.byline)
            base_right = base.byline.count("right") / len(base.byline)
            rows.append(
                Figure(
                    f"web import byline: right, {part}",
                    right,
                    "share",
                    target=">= trafilatura",
                    met=right >= base_right,
                    spread=f"wrong {mine.byline.count('wrong') / len(mine.byline):.2f}, "
                    f"missing {mine.byline.count('missing') / len(mine.byline):.2f}",
                    baseline=f"trafilatura right {base_right:.2f}, wrong "
                    f"{base.byline.count('wrong') / len(base.byline):.2f}",
                    note=f"{len(mine.byline)} pages with a byline in the marked body",
                )
            )
    return rows


def run(quick: bool) -> list[Figure]:
    if not available():
        return [Figure("web import: benchmark pages", 0, "pages", note="../shared absent")]
    if quick:  # the first page of the first datasets, read lazily
        chosen = [p for d in DATASETS[:QUICK_PAGES] for p in islice(pages((d,)), 1)]
    else:
        chosen = list(pages())
    return figures(measure(chosen))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_web")
    parser.add_argument("--part", choices=("dev", "held-out", "all"), default="dev")
    parser.add_argument("--dataset", action="append", choices=DATASETS)
    parser.add_argument("--worst", type=int, default=0, help="list the N weakest pages")
    parser.add_argument("--ours-only", action="store_true")
    args = parser.parse_args(argv)
    chosen = list(pages(tuple(args.dataset or DATASETS), args.part))
    per_page: list[tuple[float, Page]] = []
    results = measure(chosen, not args.ours_only, lambda p, v: per_page.append((v, p)))
    for figure in figures(results):
        print(
            f"{figure.name}: {figure.value:.4f} {figure.unit} ({figure.baseline}; "
            f"{figure.spread}; {figure.note})"
        )
    for value, page in sorted(per_page, key=lambda x: x[0])[: args.worst]:
        print(f"{value:.3f} {page.dataset} {page.page_id} {page.site}")


if __name__ == "__main__":
    main()
