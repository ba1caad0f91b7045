"""Analysis speed and sentence splitting: condensing a section, analysing five long articles.

- Sentence splitting on ``benchmarks/data/sentence-splits.jsonl`` (paragraphs split exactly
  as written; the splitter was developed against this set) and its speed on the five long
  articles, against pysbd in the same run when pysbd is installed (it is not a dependency).
- Condensing one section: the narrative sentences of one long article (about 1,500 words in)
  to 600 words. Target < 50 ms.
- The whole analysis (``analyse``: split, same-story groups, condensation, themes,
  disagreements, takeaways, FAQ, prediction candidates) of five long articles (about 1,500
  words each, the first five benchmark pages that long, cut at 1,500 words). Target well
  under 300 ms; the same-run baseline is today's ``draft_briefing`` on the same five.
- Condense/expand consistency: how often condensing the 2B-word selection to B words gives
  exactly the B-word selection, over B = 50, 100, ... 600.
"""

from __future__ import annotations

import copy
import gzip
import json
import tempfile
import time
from pathlib import Path

from benchmarks.common import REPO, SHARED, Figure, median, spread, timed
from briefing.core.model.article import Article

LONG_WORDS = 1500
SPLITS = REPO / "benchmarks" / "data" / "sentence-splits.jsonl"


def long_articles(n: int = 5) -> list[Article]:
    """The first ``n`` article-benchmark pages with 1,500 words of body, cut to about that."""
    from briefing.core.analysis import word_count
    from briefing.core.importing import import_file

    out: list[Article] = []
    pages = sorted((SHARED / "article-benchmark" / "html").glob("*.html.gz"))
    with tempfile.TemporaryDirectory() as tmp:
        for page in pages:
            path = Path(tmp) / page.name.removesuffix(".gz")
            path.write_bytes(gzip.decompress(page.read_bytes()))
            try:
                article = import_file(path)
            except Exception:  # a page the importer refuses is not a long article
                continue
            if word_count(article.text) < LONG_WORDS:
                continue
            kept, words = [], 0
            for block in article.blocks:
                if words >= LONG_WORDS:
                    break
                kept.append(block)
                words += word_count(block.text)
            article.blocks = kept
            article.id = f"s{len(out) + 1}"
            out.append(article)
            if len(out) == n:
                break
    return out


def _split_scores() -> tuple[float, float | None]:
    from briefing.core.analysis import split_text

    cases = [json.loads(line)["sentences"] for line in SPLITS.read_text().splitlines() if line]

    def mine(text: str) -> list[str]:
        return [text[a:b] for a, b in split_text(text)]

    ours = sum(mine(" ".join(c)) == c for c in cases) / len(cases)
    try:
        import pysbd
    except ImportError:
        return ours, None
    seg = pysbd.Segmenter(language="en", clean=False)
    theirs = sum(
        [s.strip() for s in seg.segment(" ".join(c)) if s.strip()] == c for c in cases
    ) / len(cases)
    return ours, theirs


def run(quick: bool) -> list[Figure]:
    from briefing.core.analysis import analyse, condense, narrative_sentences, split_sentences

    ours, theirs = _split_scores()
    figures = [
        Figure("analysis: sentence splits exactly right", ours, "share",
               baseline=f"pysbd {theirs:.3f}" if theirs is not None else "pysbd not installed",
               note="68 hand-written hard paragraphs; a development set for our splitter"),
    ]  # fmt: skip
    if not (SHARED / "article-benchmark" / "html").is_dir():
        return [*figures, Figure("analysis: speed", 0, "ms", note="../shared absent")]
    articles = long_articles(2 if quick else 5)
    repeat = 2 if quick else 15
    one = narrative_sentences(articles[0])
    words_in = sum(s.words for s in one)
    t_condense = timed(lambda: (_cold(), condense(one, 600, title=articles[0].title)), repeat)
    t_all = timed(lambda: (_cold(), analyse(articles)), repeat)
    cpu_all = timed(lambda: (_cold(), analyse(articles)), repeat, clock=time.process_time)
    t_split = timed(lambda: [split_sentences(a) for a in articles], repeat)
    figures += [
        Figure("analysis: condense one section", median(t_condense) * 1000, "ms",
               target="< 50 ms", met=median(t_condense) < 0.05,
               spread=spread(t_condense, 1000, "ms"),
               note=f"{len(one)} sentences, {words_in} words in, to 600"),
        Figure(f"analysis: whole analysis of {len(articles)} long articles",
               median(t_all) * 1000, "ms", target="< 150 ms (half of drafting's 300)",
               met=median(t_all) < 0.15, spread=spread(t_all, 1000, "ms"),
               baseline=_draft_baseline(articles, repeat),
               note=f"{sum(len(split_sentences(a)) for a in articles)} sentences; "
               f"wall clock on a shared 2-core machine"),
        Figure(f"analysis: whole analysis of {len(articles)} long articles, CPU time",
               median(cpu_all) * 1000, "ms", target="< 150 ms", met=median(cpu_all) < 0.15,
               spread=spread(cpu_all, 1000, "ms"),
               note="the process's own CPU time: less sensitive to other load"),
        Figure("analysis: sentence splitting, same articles", median(t_split) * 1000, "ms",
               spread=spread(t_split, 1000, "ms"), baseline=_pysbd_baseline(articles)),
        _consistency(articles),
    ]  # fmt: skip
    return figures


def _cold() -> None:
    """Empty the analysis caches so each timed run starts as a first draft would."""
    from briefing.core.analysis.terms import content_terms
    from briefing.core.analysis.timeframes import find_timeframe
    from briefing.core.drafting import material

    content_terms.cache_clear()
    find_timeframe.cache_clear()
    material._CACHE.clear()  # the analysed-sources cache (not public: only timing needs it)


def _draft_baseline(articles: list[Article], repeat: int) -> str:
    from briefing.core.drafting import draft_briefing
    from briefing.core.storage.library import Library

    template = Library().template("standard")
    t = timed(lambda: (_cold(), draft_briefing(copy.deepcopy(articles), template)), repeat)
    return f"draft_briefing {median(t) * 1000:.3g} ms"


def _pysbd_baseline(articles: list[Article]) -> str:
    try:
        import pysbd
    except ImportError:
        return "pysbd not installed"
    seg = pysbd.Segmenter(language="en", clean=False)
    texts = [b.text for a in articles for b in a.blocks if b.kind != "heading"]
    t = timed(lambda: [seg.segment(x) for x in texts], 3)
    return f"pysbd {median(t) * 1000:.3g} ms"


def _consistency(articles: list[Article]) -> Figure:
    from briefing.core.analysis import condense, narrative_sentences

    pool = [s for a in articles for s in narrative_sentences(a)]
    budgets = range(50, 650, 50)
    same = 0
    for b in budgets:
        direct = [s.text for s in condense(pool, b).sentences]
        via = [s.text for s in condense(condense(pool, 2 * b), b).sentences]
        same += direct == via
    note = f"{same} of {len(budgets)} budgets 50-600 words, {len(articles)} articles"
    return Figure("analysis: condense(2B) then B equals condense(B)", same / len(budgets),
                  "share", note=note)  # fmt: skip


if __name__ == "__main__":
    for figure in run(quick=False):
        print(figure)
