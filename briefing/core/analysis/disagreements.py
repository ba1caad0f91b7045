"""Where sources disagree: different figures or dates stated about the same thing.

Two sentences from different sources are compared when they are about the same thing (their
words overlap, and the words around each figure share a content word: "a delay of four days"
and "five days of delay" both speak of a delay). When they give the same kind of figure
(days, USD, %, a date...) with values that cannot both be true, the pair is reported for
the analyst, with both sentences and sources, rather than one being picked silently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.core.analysis.figures import Figure, find_figures
from briefing.core.analysis.sentences import Sentence
from briefing.core.analysis.similarity import Pool
from briefing.core.analysis.terms import content_terms
from briefing.core.document import Origin

__all__ = ["Disagreement", "find_disagreements"]

ABOUT_THE_SAME = 0.2  # sentence cosine needed to compare two sentences' figures
CONTEXT_WORDS = 4  # content words either side of a figure that say what it counts


@dataclass(frozen=True)
class Disagreement:
    """Two sources giving different figures for the same thing."""

    first: Sentence
    second: Sentence
    first_figure: str  # as written, e.g. "four days"
    second_figure: str  # e.g. "five days"
    unit: str  # what both count: "day", "USD", "%", "date"...
    about: tuple[str, ...]  # the content words the figures share context on, e.g. ("delay",)

    @property
    def origins(self) -> tuple[Origin, Origin]:
        """Where each of the two sentences came from."""
        return (
            Origin(self.first.source, self.first.block),
            Origin(self.second.source, self.second.block),
        )

    def describe(self) -> str:
        """One line for the analyst, e.g. ``s1 says "four days", s2 says "five days" (delay)``."""
        about = f" ({', '.join(self.about)})" if self.about else ""
        return (
            f'{self.first.source} says "{self.first_figure}", '
            f'{self.second.source} says "{self.second_figure}"{about}'
        )


def _context(text: str, fig: Figure) -> set[str]:
    before = content_terms(text[: fig.start])[-CONTEXT_WORDS:]
    after = content_terms(text[fig.end :])[:CONTEXT_WORDS]
    inside = [t for t in content_terms(fig.text) if not t[0].isdigit()]
    return {t for t in [*before, *after, *inside] if not t[0].isdigit()}


def _surface(text: str, stems: set[str]) -> tuple[str, ...]:
    """The words of ``text`` whose stems are in ``stems``, as written, in order, once each."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return tuple(dict.fromkeys(w.lower() for w in words if set(content_terms(w)) & stems))


def _comparable(a: Figure, b: Figure) -> bool:
    if a.unit != b.unit:
        return False
    if a.unit == "year":
        return False  # a bare year is usually when, not what: too weak to call a conflict
    return not a.overlaps(b)


def find_disagreements(sentences: Sequence[Sentence]) -> list[Disagreement]:
    """Pairs of sentences from different sources that state conflicting figures or dates.

    ``sentences`` are typically the candidates of one story group (see
    :func:`~briefing.core.analysis.sources.find_same_story`); the result is in input order,
    each pair reported once.
    """
    figured = [(i, s, find_figures(s.text)) for i, s in enumerate(sentences)]
    figured = [(i, s, f) for i, s, f in figured if f]
    if len(figured) < 2:
        return []
    pool = Pool([s for _, s, _ in figured])
    out: list[Disagreement] = []
    seen: set[tuple[int, int]] = set()
    for a in range(len(figured)):
        _, sa, figs_a = figured[a]
        for b, sim in sorted(pool.edges[a].items()):
            _, sb, figs_b = figured[b]
            if b <= a or sa.source == sb.source or sim < ABOUT_THE_SAME:
                continue
            for fa in figs_a:
                ctx_a = _context(sa.text, fa)
                for fb in figs_b:
                    if (a, b) in seen or not _comparable(fa, fb):
                        continue
                    if any(fa.overlaps(other) for other in figs_b if other.unit == fa.unit):
                        continue  # the other source also gives this figure: no conflict
                    shared = ctx_a & _context(sb.text, fb)
                    if not shared and sim < 2 * ABOUT_THE_SAME:
                        continue
                    seen.add((a, b))
                    about = _surface(sa.text, shared - set(content_terms(f"{fa.text} {fb.text}")))
                    out.append(Disagreement(sa, sb, fa.text, fb.text, fa.unit, about))
    return out
