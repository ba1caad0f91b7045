"""Records the analysis hands out: a chosen sentence and what it stands for."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from briefing.core.analysis.sentences import Sentence
from briefing.core.model.document import Origin

__all__ = ["Selected", "unique_origins"]


@dataclass(frozen=True)
class Selected:
    """A chosen sentence, its score, and every (source, block) it stands for."""

    sentence: Sentence
    score: float
    rank: int  # place in the pick order (0 = first chosen)
    origins: tuple[Origin, ...]  # its own origin first, then near-duplicates'
    duplicates: tuple[Sentence, ...] = ()  # the near-duplicates it stands for

    @property
    def sources(self) -> tuple[str, ...]:
        """Source ids it is cited to, without repeats, its own first."""
        return tuple(dict.fromkeys(o.source for o in self.origins))


def unique_origins(origins: Iterable[Origin]) -> tuple[Origin, ...]:
    """``origins`` without repeats, in first-seen order (``Origin`` itself is unhashable)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for o in origins:
        if (o.source, o.block) not in seen:
            seen.add((o.source, o.block))
            out.append(o)
    return tuple(out)
