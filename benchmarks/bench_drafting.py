"""Drafting speed and behaviour (issue 13): five long articles into the standard template,
condensing a drafted section again, determinism, and the page budget on a real render.

- Draft five long articles (the first five article-benchmark pages with 1,500 words of body,
  cut at about 1,500 words; see ``bench_analysis.long_articles``) into the standard template,
  analysis caches emptied before each run so every run drafts from scratch. Target < 300 ms,
  by CPU time (the process's own, less sensitive to the other engineers' load) and wall time;
  the same-run baseline is the analysis alone (``analyse``) on the same five.
- Condense one drafted section (the Background of one long article, 600 -> 150 words and back)
  through the core operation the editor and ``briefing condense`` call. Target < 50 ms, "warm"
  (the sources analysed once, as in the editor after drafting) and, for reference, "cold".
- Determinism: drafting the same five twice gives byte-identical ``.briefing`` text.
- A huge paste (full runs only): 1 MB of one paragraph repeated (6,500 paragraphs, every
  sentence sharing every term: the similarity graph's worst case) imported and drafted.
  Target < 5 s CPU; it took 104 s before common terms were left out of the pairwise graph.
- Pages (full runs only): the sample and the demo article drafted into standard, rendered to
  PDF; the template's budget is 4 pages.
"""

from __future__ import annotations

import copy
import io
import time

from benchmarks.bench_analysis import _cold, long_articles
from benchmarks.common import SHARED, Figure, median, spread, timed
from briefing.core.model.article import Article


def _clear() -> None:
    """Every analysis cache emptied: a run drafts as the first draft of these sources would."""
    _cold()


def _ms(
    name: str, runs: list[float], target: float | None, note: str, baseline: str = ""
) -> Figure:
    value = median(runs) * 1000
    return Figure(name, value, "ms", target=f"< {target:g} ms" if target else "",
                  met=value < target if target else None, spread=spread(runs, 1000, "ms"),
                  baseline=baseline, note=note)  # fmt: skip


def _condense(articles: list[Article], repeat: int) -> list[Figure]:
    from briefing.core.drafting import draft_briefing
    from briefing.core.editing import resize_section
    from briefing.core.storage.library import Library

    drafted = draft_briefing(articles[:1], Library().template("standard"))

    def there_and_back() -> None:
        b = copy.deepcopy(drafted)
        resize_section(b, "background", 150)
        resize_section(b, "background", 600)

    def cold() -> None:
        b = copy.deepcopy(drafted)
        _clear()
        resize_section(b, "background", 150)

    warm = [t / 2 for t in timed(there_and_back, repeat, clock=time.process_time)]
    first = timed(cold, repeat, clock=time.process_time)
    note = "Background of one long article, 600 -> 150 -> 600 words; CPU time per step"
    return [
        _ms("drafting: condense one section (warm)", warm, 50, note),
        _ms("drafting: condense one section (cold: its sources analysed again)", first, 50,
            "600 -> 150 words right after every analysis cache was emptied"),
    ]  # fmt: skip


def _pages() -> Figure:
    from pypdf import PdfReader

    from briefing.core.drafting import draft_briefing
    from briefing.core.importing import import_file
    from briefing.core.paths import demo_article_path
    from briefing.core.rendering.pdf import render_pdf
    from briefing.core.storage.library import Library

    library = Library()
    articles = [import_file(SHARED / "samples" / "takaichi-trump-call.txt"),
                import_file(demo_article_path())]  # fmt: skip
    b = draft_briefing(articles, library.template("standard"), library.brand("default"))
    pages = len(PdfReader(io.BytesIO(render_pdf(b))).pages)
    return Figure("drafting: sample + demo into standard, rendered", pages, "pages",
                  target="<= 4 (the template's page budget)", met=pages <= 4,
                  note="WeasyPrint render of the draft, default brand")  # fmt: skip


def _huge_paste() -> Figure:
    from briefing.core.drafting import draft_briefing
    from briefing.core.importing import import_text
    from briefing.core.storage.library import Library

    paragraph = (
        "Port operators reported slower unloading this week, with two of the five cranes "
        "idle for repairs and ships waiting at anchor for a berth near the outer harbour. "
    )
    count = 1024 * 1024 // len(paragraph)
    text = "Harbour cranes slow down\n\n" + "\n\n".join(
        f"{paragraph} Report {n}." for n in range(count)
    )
    standard = Library().template("standard")

    def draft() -> object:
        _clear()
        return draft_briefing([import_text(text)], standard)

    runs = timed(draft, 3, warmup=0, clock=time.process_time)
    value = median(runs)
    note = f"{count:,} paragraphs; import and draft, caches emptied each run"
    name = "drafting: a 1 MB paste of one repeated paragraph, CPU"
    return Figure(name, value, "s", target="< 5 s", met=value < 5, spread=spread(runs, 1, "s"),
                  note=note)  # fmt: skip


def run(quick: bool) -> list[Figure]:
    from briefing.core.analysis import analyse
    from briefing.core.drafting import draft_briefing
    from briefing.core.model.document import Meta
    from briefing.core.storage.document_io import dumps_briefing
    from briefing.core.storage.library import Library

    if not (SHARED / "article-benchmark" / "html").is_dir():
        return [Figure("drafting: speed", 0, "ms", note="../shared absent")]
    articles = long_articles(2 if quick else 5)
    repeat = 2 if quick else 15
    standard = Library().template("standard")

    def draft() -> object:
        _clear()
        return draft_briefing(articles, standard)

    cpu = timed(draft, repeat, clock=time.process_time)
    wall = timed(draft, repeat)
    base = timed(lambda: (_clear(), analyse(articles)), repeat,
                 clock=time.process_time)  # fmt: skip
    ratio = median(cpu) / max(1e-9, median(base))
    baseline = f"analyse() alone {median(base) * 1000:.3g} ms CPU (draft/analyse {ratio:.2f}x)"
    note = f"{len(articles)} articles of ~1,500 words; caches emptied each run"
    meta = Meta(date="2026-03-14")
    same = dumps_briefing(draft_briefing(articles, standard, meta=meta)) == dumps_briefing(
        draft_briefing(copy.deepcopy(articles), standard, meta=meta)
    )
    figures = [
        _ms(f"drafting: {len(articles)} long articles into standard, CPU", cpu, 300, note,
            baseline),
        _ms(f"drafting: {len(articles)} long articles into standard, wall", wall, 300,
            note + "; wall clock on a shared 2-core machine"),
        *_condense(articles, repeat),
        Figure("drafting: the same sources drafted twice are byte-identical", float(same),
               "yes=1", target="1", met=same),
    ]  # fmt: skip
    if not quick:
        figures.append(_huge_paste())
    if not quick and (SHARED / "samples" / "takaichi-trump-call.txt").is_file():
        figures.append(_pages())
    return figures


if __name__ == "__main__":
    for figure in run(quick=False):
        print(figure)
