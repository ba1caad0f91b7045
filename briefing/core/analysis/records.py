"""Records the analysis hands out: a chosen sentence and what it stands for."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.core.analysis.sentences import Sentence
from briefing.core.document import Origin

__all__ = ["Selected"]


@dataclass(frozen=True)
class Selected:
    """A chosen sentence, its score, and every (source, block) it stands for."""

    sentence: Sentence
    score: float
    rank: int  # place in the pick order (0 = first chosen)
    origins: tuple[Origin, ...]  # its own origin first, then near-duplicates'

    @property
    def sources(self) -> tuple[str, ...]:
        """Source ids it is cited to, without repeats, its own first."""
        return tuple(dict.fromkeys(o.source for o in self.origins))
