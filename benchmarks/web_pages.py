"""The web-extraction benchmark pages, their hand-marked bodies and the fixed dev/held-out split.

Three datasets: ``article`` (../shared/article-benchmark, 120 news and blog pages), and
``cleaneval`` and ``dragnet`` (../shared/web-benchmark). Each page belongs to the
development part or the held-out part by a rule fixed before any tuning on these pages:

* the page's *site* is its host name without a leading ``www.`` -- from the ground truth's
  ``url`` (article benchmark) or from the page's own ``<link rel=canonical>`` / ``og:url``
  (web benchmark); a page naming neither is its own site (its id stands in);
* a site is held out when the first 8 hex digits of ``sha256(site)``, as a number, are
  divisible by 3 (about a third of the sites, and every page of a held-out site).

Holding out whole sites matters: Dragnet has up to 13 pages of one blog, and a rule tuned on
one of them would otherwise be "tested" on its siblings. Extraction rules are tuned on the
development part only; the held-out figure is the one that says how the importer does on
pages it has never seen.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.common import SHARED

ARTICLE = SHARED / "article-benchmark"
WEB = SHARED / "web-benchmark"
DATASETS = ("article", "cleaneval", "dragnet")
_CANONICAL = re.compile(
    rb"<link[^>]+rel=[\"']?canonical[\"']?[^>]*href=[\"']?(https?://[^\"'\s>]+)"
    rb"|<meta[^>]+og:url[\"'][^>]*content=[\"'](https?://[^\"'\s>]+)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Page:
    dataset: str  # article, cleaneval, dragnet
    page_id: str
    path: Path  # the gzip-compressed page
    gold: str  # the hand-marked body
    site: str
    held_out: bool

    def html(self) -> bytes:
        """The page bytes, as an importer receives them."""
        return gzip.decompress(self.path.read_bytes())


def host(url: str) -> str | None:
    """``example.com`` from ``https://www.example.com/a``; ``None`` when there is no host."""
    try:
        name = urlsplit(url).hostname
    except ValueError:
        return None
    return name.lower().removeprefix("www.") if name else None


def is_held_out(site: str) -> bool:
    """The fixed split rule: a third of the sites, by hash."""
    return int(hashlib.sha256(site.encode("utf-8")).hexdigest()[:8], 16) % 3 == 0


def page_site(raw: bytes, fallback: str) -> str:
    """The site a web-benchmark page names for itself (canonical URL), else ``fallback``."""
    m = _CANONICAL.search(raw)
    if m:
        found = host((m.group(1) or m.group(2)).decode("latin-1"))
        if found:
            return found
    return fallback


def available() -> bool:
    return (ARTICLE / "ground-truth.json").is_file() or (WEB / "ground-truth.json").is_file()


def pages(datasets: tuple[str, ...] = DATASETS, part: str = "all") -> Iterator[Page]:
    """The pages of ``datasets`` in a stable order; ``part`` is ``dev``, ``held-out`` or ``all``."""
    for page in _all_pages(datasets):
        if part == "all" or (part == "held-out") == page.held_out:
            yield page


def _all_pages(datasets: tuple[str, ...]) -> Iterator[Page]:
    truth_path = ARTICLE / "ground-truth.json"
    if "article" in datasets and truth_path.is_file():
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        for page_id in sorted(truth):
            site = host(truth[page_id].get("url") or "") or page_id
            path = ARTICLE / "html" / f"{page_id}.html.gz"
            gold = truth[page_id]["articleBody"]
            yield Page("article", page_id, path, gold, site, is_held_out(site))
    truth_path = WEB / "ground-truth.json"
    wanted = {"cleaneval-final": "cleaneval", "dragnet": "dragnet"}
    if not truth_path.is_file() or not any(d in datasets for d in wanted.values()):
        return
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    for key in sorted(truth):
        dataset = wanted.get(truth[key]["dataset"])
        if dataset not in datasets:
            continue
        path = WEB / "html" / f"{key}.html.gz"
        site = page_site(gzip.decompress(path.read_bytes())[:200_000], key)
        yield Page(dataset, key, path, truth[key]["articleBody"], site, is_held_out(site))
