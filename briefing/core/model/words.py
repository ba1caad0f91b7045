"""Word counts as the reader of the PDF counts: prose only, not Markdown, labels or citations."""

from __future__ import annotations

import re
from functools import lru_cache

from briefing.core.model.document import Briefing
from briefing.core.model.richtext import Doc, plain_text
from briefing.core.model.richtext_read import read_markdown

_WORDS = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def doc_words(doc: Doc) -> int:
    """Words of prose in formatted content (what :func:`count_words` counts)."""
    return len(_WORDS.findall(plain_text(doc)))


@lru_cache(maxsize=1024)
def count_words(markdown: str) -> int:
    """Words of prose in a section's Markdown (callout labels, citations, tables, code and
    link targets are not counted)."""
    return doc_words(read_markdown(markdown))


def briefing_word_count(briefing: Briefing) -> int:
    """Words of prose in every section of ``briefing`` (the predictions table aside)."""
    return sum(count_words(section.markdown) for section in briefing.sections)
