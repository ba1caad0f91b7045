"""Word counts of a whole briefing, as a word budget counts a section (:func:`.markup.count_words`:
prose only, not Markdown, labels, citations or check notes)."""

from __future__ import annotations

from briefing.core.model.document import Briefing
from briefing.core.model.markup import count_words


def briefing_word_count(briefing: Briefing) -> int:
    """Words of prose in every section of ``briefing`` (the predictions table aside)."""
    return sum(count_words(section.markdown) for section in briefing.sections)


__all__ = ["briefing_word_count", "count_words"]
