"""Web-page import: body F1 on ../shared/article-benchmark and time per page.

Each page is decompressed to a temporary ``.html`` file and imported through
``briefing.core.importing.import_file`` (so decoding, text repair and chrome filtering are
included), falling back to ``article_from_html`` if the importer is absent. Scoring follows
the benchmark's README: lower-cased ``\\w+`` tokens, multiset of 4-token shingles, F1 per page,
averaged. The text scored is the body as plain text (blocks joined by blank lines, Markdown
link targets removed, as a reader sees it). trafilatura alone (default settings, ``extract``
on the same string) is scored in the same run as the baseline.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import SHARED, Figure, spread

BENCH = SHARED / "article-benchmark"
QUICK_PAGES = 3
_LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")


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


def _importer() -> Callable[[Path, str], str]:
    try:
        from briefing.core.importing import import_file
    except ImportError:
        from briefing.core.importing.web import article_from_html

        return lambda path, html: article_from_html(html, name=path.name).text
    return lambda path, html: import_file(path).text


def run(quick: bool) -> list[Figure]:
    truth_path = BENCH / "ground-truth.json"
    if not truth_path.is_file():
        return [Figure("web import: benchmark pages", 0, "pages", note="../shared absent")]
    import trafilatura

    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    ids = sorted(truth)[:QUICK_PAGES] if quick else sorted(truth)
    ours_import = _importer()
    times: list[float] = []
    cpu: list[float] = []
    ours: list[float] = []
    base: list[float] = []
    base_times: list[float] = []
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        # warm-up, unmeasured: first imports of trafilatura, readability, compiled patterns
        warm = Path(tmp) / "warm-up.html"
        warm.write_bytes(gzip.decompress((BENCH / "html" / f"{ids[0]}.html.gz").read_bytes()))
        ours_import(warm, warm.read_text(encoding="utf-8"))
        trafilatura.extract(warm.read_text(encoding="utf-8"))
        for page_id in ids:
            raw = gzip.decompress((BENCH / "html" / f"{page_id}.html.gz").read_bytes())
            path = Path(tmp) / f"{page_id}.html"
            path.write_bytes(raw)
            html = raw.decode("utf-8")
            gold = truth[page_id]["articleBody"]
            start, start_cpu = time.perf_counter(), time.process_time()
            try:
                text = ours_import(path, html)
            except Exception:  # a refused page scores zero
                text = ""
                failures += 1
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            ours.append(f1(plain(text), gold))
            start = time.perf_counter()
            baseline = trafilatura.extract(html) or ""
            base_times.append(time.perf_counter() - start)
            base.append(f1(baseline, gold))
    ms = statistics.median(times) * 1000
    cpu_ms = statistics.median(cpu) * 1000
    base_ms = statistics.median(base_times) * 1000
    avg, avg_base = statistics.mean(ours), statistics.mean(base)
    pages = f"{len(ids)} pages"
    return [
        Figure(
            "web import: time per page",
            ms,
            "ms",
            target="< 30 ms",
            met=ms < 30,
            spread=spread(times, 1000, "ms"),
            baseline=f"trafilatura alone {base_ms:.3g} ms",
            note=f"{pages}, through import_file (read, decode, extract, repair, chrome); "
            f"wall clock, so other load on the machine counts",
        ),
        Figure(
            "web import: CPU time per page",
            cpu_ms,
            "ms",
            target="< 30 ms",
            met=cpu_ms < 30,
            spread=spread(cpu, 1000, "ms"),
            baseline=f"ours / trafilatura alone (wall): {ms / base_ms:.2f}x",
            note="the process's own CPU time: less sensitive to other load than wall clock",
        ),
        Figure(
            "web import: average body F1",
            avg,
            "F1",
            target=">= 0.960",
            met=avg >= 0.960,
            spread=f"min {min(ours):.3f}, pages < 0.9: {sum(s < 0.9 for s in ours)}",
            baseline=f"trafilatura alone {avg_base:.4f}",
            note=f"{pages}, {failures} refused",
        ),
    ]


if __name__ == "__main__":
    for figure in run(quick=False):
        print(figure)
