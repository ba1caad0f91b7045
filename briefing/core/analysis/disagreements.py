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

from briefing.core.analysis.figures import Figure, conflicting, find_figures
from briefing.core.analysis.records import unique_origins
from briefing.core.analysis.sentences import Sentence
from briefing.core.analysis.similarity import Pool
from briefing.core.analysis.terms import content_terms
from briefing.core.model.document import Origin

__all__ = ["Disagreement", "Side", "find_disagreements"]

ABOUT_THE_SAME = 0.2  # sentence cosine needed to compare two sentences' figures
CONTEXT_WORDS = 4  # content words either side of a figure that say what it counts


@dataclass(frozen=True)
class Side:
    """One of the figures in a disagreement and the sentences that state it."""

    figure: str  # as written first, e.g. "four days"
    sentences: tuple[Sentence, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        """Source ids stating this figure, in input order, without repeats."""
        return tuple(dict.fromkeys(s.source for s in self.sentences))


@dataclass(frozen=True)
class Disagreement:
    """Sources giving different figures for the same thing: two sides, each with its sources."""

    unit: str  # what both count: "day", "USD", "%", "date"...
    about: tuple[str, ...]  # words the figures share context on, e.g. ("delay",)
    sides: tuple[Side, Side]

    @property
    def first(self) -> Sentence:
        """The first sentence of the first side."""
        return self.sides[0].sentences[0]

    @property
    def second(self) -> Sentence:
        """The first sentence of the second side."""
        return self.sides[1].sentences[0]

    @property
    def first_figure(self) -> str:
        return self.sides[0].figure

    @property
    def second_figure(self) -> str:
        return self.sides[1].figure

    @property
    def origins(self) -> tuple[Origin, ...]:
        """Where every sentence on either side came from."""
        return unique_origins(
            Origin(s.source, s.block) for side in self.sides for s in side.sentences
        )

    def describe(self) -> str:
        """One line for the analyst: ``s1, s3 say "four days"; s2 says "five days" (delay)``."""

        def part(side: Side) -> str:
            verb = "says" if len(side.sources) == 1 else "say"
            return f'{", ".join(side.sources)} {verb} "{side.figure}"'

        about = f" ({', '.join(self.about)})" if self.about else ""
        return f"{part(self.sides[0])}; {part(self.sides[1])}{about}"


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
    found: dict[tuple[str, float, float], _Conflict] = {}
    done: set[tuple[int, int]] = set()
    for a in range(len(figured)):
        _, sa, figs_a = figured[a]
        for b, sim in sorted(pool.edges[a].items()):
            _, sb, figs_b = figured[b]
            if b <= a or sa.source == sb.source or sim < ABOUT_THE_SAME or (a, b) in done:
                continue
            for fa, fb in conflicting(figs_a, figs_b):
                shared = _context(sa.text, fa) & _context(sb.text, fb)
                if not shared and sim < 2 * ABOUT_THE_SAME:
                    continue
                done.add((a, b))
                low, high = sorted((fa.value, fb.value))
                entry = found.setdefault((fa.unit, low, high), _Conflict())
                entry.about |= shared - set(content_terms(f"{fa.text} {fb.text}"))
                entry.add(fa, sa)
                entry.add(fb, sb)
                break
    out: list[Disagreement] = []
    for (unit, _, _), entry in found.items():
        first, second = (Side(text, tuple(members)) for text, members in entry.sides.values())
        about = _surface(first.sentences[0].text, entry.about)
        out.append(Disagreement(unit, about, (first, second)))
    return out


class _Conflict:
    """A disagreement being gathered: for each value, its wording and who states it."""

    def __init__(self) -> None:
        self.about: set[str] = set()
        self.sides: dict[float, tuple[str, list[Sentence]]] = {}

    def add(self, figure: Figure, sentence: Sentence) -> None:
        _, members = self.sides.setdefault(figure.value, (figure.text, []))
        if sentence not in members:
            members.append(sentence)
