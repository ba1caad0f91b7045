"""A second extractor for pages where trafilatura's body looks truncated.

Some sites split one article over several sibling containers (an advert or a newsletter box
between them); trafilatura then keeps the first container only. When its body holds well under
half of the page's paragraph text, we ask readability-lxml for its reading of the page and
take it only if it *contains* what trafilatura found and adds at least half as much again: a
superset, not merely a different guess. (The copy of readability bundled inside trafilatura
scores candidates differently and keeps only one of the split containers, so the package is
used.) readability never fetches: it gets a copy of our parsed tree and no URL.
"""

from __future__ import annotations

import re
from collections import Counter
from copy import deepcopy
from typing import Any

from briefing.core.importing.web_fallback import stream_blocks
from briefing.core.model.article import Block

MIN_GAIN = 1.5  # readability must find at least this many times the words
MIN_CONTAINED = 0.9  # ...and contain this share of trafilatura's 4-word shingles
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text.lower())
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(0, len(tokens) - 3)))


def superset_blocks(tree: Any, found_text: str) -> list[Block] | None:
    """Readability's blocks when they contain ``found_text`` and much more, else ``None``."""
    from readability import Document

    try:
        html = Document(deepcopy(tree)).summary(html_partial=True)
    except (Exception, RecursionError):
        return None
    if not isinstance(html, str) or not html.strip():
        return None
    _, blocks = stream_blocks(html)
    text = _LINK_TARGET.sub("]", "\n".join(b.text for b in blocks))
    found_words = len(re.findall(r"\w+", found_text))
    if len(re.findall(r"\w+", text)) < MIN_GAIN * max(1, found_words):
        return None
    found, other = _shingles(found_text), _shingles(text)
    if not found or sum((found & other).values()) < MIN_CONTAINED * sum(found.values()):
        return None
    return blocks
