"""Title and byline references for the web benchmarks, and how an extractor's metadata scores.

None of the benchmarks marks titles or authors, so the references are defined here, from what
people did mark where possible:

* **Title.** Dragnet and CleanEval: the first line of the hand-marked body, when it is 3-25
  words long and at least 60% of its words are in the page's ``<title>`` (annotators usually
  kept the headline as the body's first line; the check leaves out pages whose first line is a
  date or a site banner). Article benchmark (bodies without headlines): the page's first
  ``<h1>`` (2-30 words), else its ``og:title`` -- the headline as the page shows it, which is
  *not* independent of what an extractor reads, so treat that figure as a consistency check.
  Score: F1 of lower-cased word tokens against the reference; exact match of those tokens.
* **Byline.** Dragnet and CleanEval: a line among the first eight of the hand-marked body that
  starts "By ...", "Posted by ..." or "Written by ..." (at most 15 words). An extractor's
  authors are *right* when every word of them is in that line, *wrong* when some word is not,
  *missing* when it names none.

trafilatura's metadata is ``bare_extraction(html_bytes, with_metadata=True)`` (title, author).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from benchmarks.web_pages import Page

_WORD = re.compile(r"\w+")
_TITLE_TAG = re.compile(rb"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)
_H1 = re.compile(rb"<h1[^>]*>(.*?)</h1", re.IGNORECASE | re.DOTALL)
_OG_TITLE = re.compile(
    rb"<meta[^>]+property=[\"']og:title[\"'][^>]*content=[\"']([^\"']+)", re.IGNORECASE
)
_TAG = re.compile(r"<[^>]*>")
_BYLINE = re.compile(r"^\W*(?:posted |written )?by\s+\S", re.IGNORECASE)


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _markup_text(raw: bytes) -> str:
    import html

    text = raw.decode("utf-8", "replace")
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


def title_reference(page: Page, raw: bytes) -> str | None:
    """The reference headline of a page (see the module docstring), or ``None``."""
    if page.dataset == "article":
        m = _H1.search(raw)
        h1 = _markup_text(m.group(1)) if m else ""
        if 2 <= len(_tokens(h1)) <= 30:
            return h1
        og = _OG_TITLE.search(raw)
        return _markup_text(og.group(1)) if og else None
    first = next((line.strip() for line in page.gold.splitlines() if line.strip()), "")
    words = _tokens(first)
    m = _TITLE_TAG.search(raw[:200_000])
    tag = set(_tokens(_markup_text(m.group(1)))) if m else set()
    if 3 <= len(words) <= 25 and sum(w in tag for w in words) >= 0.6 * len(words):
        return first
    return None


def byline_reference(page: Page) -> str | None:
    """The byline line of a page's hand-marked body, or ``None``."""
    if page.dataset == "article":
        return None
    lines = [line.strip() for line in page.gold.splitlines() if line.strip()][:8]
    for line in lines:
        if _BYLINE.match(line) and len(_tokens(line)) <= 15:
            return line
    return None


def has_reference(page: Page, raw: bytes) -> bool:
    return bool(title_reference(page, raw) or byline_reference(page))


def token_f1(found: str, reference: str) -> float:
    a, b = _tokens(found), _tokens(reference)
    common = sum(min(a.count(w), b.count(w)) for w in set(a))
    if not common:
        return 0.0
    precision, recall = common / len(a), common / len(b)
    return 2 * precision * recall / (precision + recall)


@dataclass
class MetaScores:
    title_f1: list[float] = field(default_factory=list)
    title_exact: list[bool] = field(default_factory=list)
    byline: list[str] = field(default_factory=list)  # right, wrong, missing

    def add(self, page: Page, raw: bytes, title: str, authors: list[str]) -> None:
        reference = title_reference(page, raw)
        if reference:
            self.title_f1.append(token_f1(title, reference))
            self.title_exact.append(_tokens(title) == _tokens(reference))
        line = byline_reference(page)
        if line:
            words = set(_tokens(line))
            found = [w for a in authors for w in _tokens(a)]
            if not found:
                self.byline.append("missing")
            else:
                self.byline.append("right" if all(w in words for w in found) else "wrong")


def trafilatura_metadata(raw: bytes) -> tuple[str, list[str]]:
    """trafilatura's title and authors for the page (default settings, with metadata)."""
    from trafilatura import bare_extraction

    doc = bare_extraction(raw, with_metadata=True)
    if doc is None:
        return "", []
    author = getattr(doc, "author", None) or ""
    return getattr(doc, "title", None) or "", [a for a in author.split(";") if a.strip()]
