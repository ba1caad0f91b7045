"""The second reading of a page: readability-lxml's choice of the article, as Blocks.

readability scores paragraphs by length and punctuation and walks up to the container that
holds most of them, with its sibling containers when they score alike, so it keeps an article
split over several containers (an advert or a newsletter box between them) that trafilatura
may cut short, and it fails differently from trafilatura elsewhere. ``web_choose`` weighs the
two readings against each other. (The copy of readability bundled inside trafilatura scores
candidates differently, so the package is used.) readability never fetches: it gets a copy of
our parsed tree and no URL.
"""

from __future__ import annotations

from copy import deepcopy
from functools import cache
from typing import Any

from briefing.core.importing.web_fallback import tree_blocks
from briefing.core.model.article import Block


@cache
def _reader() -> Any:
    from lxml.html import HtmlElement
    from readability import Document

    class Reading(Document):  # type: ignore[misc]
        """readability on a tree we already cleaned (no scripts, styles, comments or hidden
        elements left): it reads a copy of the tree instead of running its HTML cleaner over
        it, the slowest step of its set-up and one with nothing left to do."""

        def _parse(self, input: Any) -> Any:  # noqa: A002 - readability's own signature
            if isinstance(input, HtmlElement):
                self.encoding = "utf-8"
                return deepcopy(input)
            return super()._parse(input)

    return Reading


def readability_blocks(tree: Any, base: str | None = None) -> list[Block]:
    """readability-lxml's article for the parsed page, as Blocks ([] if it finds none).
    Relative links are resolved against ``base`` (a public http(s) URL) if given."""
    import lxml.html

    try:
        html = _reader()(tree).summary(html_partial=True)
        if not isinstance(html, str) or not html.strip():
            return []
        return tree_blocks(lxml.html.fragment_fromstring(html, create_parent="div"), base)
    except (Exception, RecursionError):
        return []
