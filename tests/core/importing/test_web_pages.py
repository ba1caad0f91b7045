"""Real saved pages from ../shared/article-benchmark: the article comes out, the chrome does not.

Expectations come from the benchmark's hand-marked bodies (ground-truth.json), never from our
own output: the first and last paragraphs a person marked must appear, nearly everything we
return must be part of the marked body (precision), and comment sections, share bars and
"related" lists on these pages stay out.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from briefing.core.importing.web import article_from_html

# A handful of pages with different shapes, each one where trafilatura's defaults let chrome
# through or lost text: an open thread with a long comment section, a magazine story split
# over several containers between adverts, a blog post with a list and a comment section, and
# news pages with reader comments and link boxes.
PAGES = [
    "ac3c035520",
    "d48aeb9cf2",
    "0e014df693",
    "fde930b018",
    "d90bda7ed1",
    "ef2b3f268a",
]


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = re.findall(r"\w+", re.sub(r"\]\([^)\s]*\)", "]", text).lower())
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(0, len(tokens) - 3)))


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+", re.sub(r"\]\([^)\s]*\)", "]", text).lower()))


@pytest.fixture
def bench(shared_dir: Path) -> tuple[Path, dict[str, dict[str, str]]]:
    root = shared_dir / "article-benchmark"
    truth = root / "ground-truth.json"
    if not truth.is_file():
        pytest.skip("the article benchmark is absent")
    return root, json.loads(truth.read_text(encoding="utf-8"))


def page(bench: tuple[Path, dict[str, dict[str, str]]], prefix: str) -> tuple[str, str]:
    root, truth = bench
    page_id = next(k for k in truth if k.startswith(prefix))
    html = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8")
    return html, truth[page_id]["articleBody"]


@pytest.mark.parametrize("prefix", PAGES)
def test_real_page_body(bench: tuple[Path, dict[str, dict[str, str]]], prefix: str) -> None:
    html, gold = page(bench, prefix)
    article = article_from_html(html, name=f"{prefix}.html")
    ours = words(article.text)
    paragraphs = [p for p in gold.split("\n") if len(p.split()) >= 8]
    assert words(paragraphs[0]) in ours  # the start of the article
    assert words(paragraphs[-1]) in ours  # and its end
    got, want = shingles(article.text), shingles(gold)
    precision = sum((got & want).values()) / sum(got.values())
    recall = sum((got & want).values()) / sum(want.values())
    assert precision > 0.8, "chrome or comments came through"
    assert recall > 0.9, "part of the article went missing"
    assert article.title and words(article.title) not in words(article.blocks[0].text)


def test_comment_section_stays_out(bench: tuple[Path, dict[str, dict[str, str]]]) -> None:
    html, gold = page(bench, "ac3c035520")  # an open thread: a short post, many comments
    article = article_from_html(html, name="thread.html")
    assert len(article.text) < 2 * len(gold)
    assert not any(b.text.strip().lower() == "comments" for b in article.blocks)


def test_metadata_of_a_real_page(bench: tuple[Path, dict[str, dict[str, str]]]) -> None:
    html, _ = page(bench, "04a6711caa")  # a newspaper opinion column with full metadata
    article = article_from_html(html, name="column.html")
    assert article.authors and all(len(a.split()) in (2, 3) for a in article.authors)
    assert article.published and re.fullmatch(r"\d{4}-\d{2}-\d{2}", article.published)
    assert article.url and article.url.startswith("https://")
    assert article.language == "en"
    assert article.site
