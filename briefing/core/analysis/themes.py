"""Chosen sentences from several sources, grouped by theme and put in a readable order.

A theme is a group of sentences about the same thing, found by similarity of their words and
of the headings they stand under, whatever article they come from, so a Background reads by
subject rather than one article after another. The theme holding the best-ranked sentence
(usually the newest development) comes first; themes whose sentences all name dates well
before the rest ("In 2019 ...") are history and come last, oldest first. Within a theme,
leads come before details. A theme is labelled only when most of its sentences stand under
the same heading; otherwise it has no label rather than an invented one.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from briefing.core.analysis.figures import time_reference
from briefing.core.analysis.records import Selected
from briefing.core.analysis.terms import Vector, content_terms, cosine, idf, tfidf

__all__ = ["Theme", "group_by_theme", "theme_order"]

JOIN = 0.12  # average similarity to a theme needed to join it
HISTORY_DAYS = 365


@dataclass(frozen=True)
class Theme:
    """Sentences about one thing, in reading order, with a label when one is honest."""

    label: str | None
    items: tuple[Selected, ...]
    when: date | None = None  # the median date its sentences name, if they do


def _vectors(items: Sequence[Selected]) -> list[Vector]:
    terms = [content_terms(f"{i.sentence.text} {i.sentence.heading}") for i in items]
    weights = idf(terms)
    return [tfidf(t, weights) for t in terms]


def _cluster(items: Sequence[Selected], vectors: list[Vector]) -> list[list[int]]:
    groups: list[list[int]] = []
    for i in sorted(range(len(items)), key=lambda k: (items[k].rank, k)):
        best, best_sim = -1, 0.0
        for g, members in enumerate(groups):
            sim = sum(cosine(vectors[i], vectors[m]) for m in members) / len(members)
            if sim > best_sim:
                best, best_sim = g, sim
        if best >= 0 and best_sim >= JOIN:
            groups[best].append(i)
        else:
            groups.append([i])
    return groups


def _merge_singletons(groups: list[list[int]], vectors: list[Vector]) -> list[list[int]]:
    """A lone sentence joins the theme it is closest to, if it shares anything with one."""
    big = [g for g in groups if len(g) > 1]
    out = [list(g) for g in big]
    for g in groups:
        if len(g) > 1:
            continue
        i = g[0]
        best, best_sim = -1, 0.0
        for n, members in enumerate(big):
            sim = sum(cosine(vectors[i], vectors[m]) for m in members) / len(members)
            if sim > best_sim:
                best, best_sim = n, sim
        if best >= 0 and best_sim >= JOIN / 2:
            out[best].append(i)
        else:
            out.append([i])
    return out


def _sections(items: Sequence[Selected]) -> list[Theme]:
    """One source: its own sections, in article order, labelled by their headings."""
    ordered = sorted(items, key=lambda i: i.sentence.index)
    out: list[Theme] = []
    for item in ordered:
        if out and out[-1].items[-1].sentence.heading == item.sentence.heading:
            out[-1] = Theme(out[-1].label, (*out[-1].items, item))
        else:
            out.append(Theme(item.sentence.heading or None, (item,)))
    return out


def _label(items: Sequence[Selected]) -> str | None:
    if len(items) < 2:
        return None
    counts = Counter(" ".join(i.sentence.heading.split()) for i in items)
    heading, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    return heading if heading and n * 2 > len(items) else None


def group_by_theme(
    items: Sequence[Selected], *, published: Mapping[str, str] | None = None
) -> list[Theme]:
    """Group chosen sentences into themes, each in reading order, themes in reading order.

    Sentences of a single source keep the article's own order and sections (labelled by
    their headings); across sources they are clustered by similarity.

    ``published`` maps source ids to ISO publication dates (used to read partial dates such
    as "on 3 March" and to tell history from news).
    """
    if not items:
        return []
    if len({i.sentence.source for i in items}) == 1:
        return _sections(items)
    dates = published or {}
    vectors = _vectors(items)
    refs = [time_reference(i.sentence.text, dates.get(i.sentence.source)) for i in items]
    known = [d for d in refs if d is not None]
    newest = max(known) if known else None
    source_rank = {s: n for n, s in enumerate(dict.fromkeys(i.sentence.source for i in items))}
    themes: list[tuple[tuple[int, float, int], Theme]] = []
    for members in _merge_singletons(_cluster(items, vectors), vectors):
        dated = [d for d in (refs[m] for m in members) if d is not None]
        when = (
            date.fromordinal(round(statistics.median(d.toordinal() for d in dated)))
            if dated
            else None
        )
        history = (
            newest is not None
            and len(dated) * 2 >= len(members)
            and all((newest - d).days > HISTORY_DAYS for d in dated if newest is not None)
        )
        ordered = sorted(
            members,
            key=lambda m: (
                (refs[m] or date.min).toordinal() if history else 0,
                items[m].sentence.paragraph,
                source_rank[items[m].sentence.source],
                items[m].sentence.index,
            ),
        )
        best = min(items[m].rank for m in members)
        key = (1 if history else 0, float(when.toordinal()) if history and when else 0.0, best)
        chosen = tuple(items[m] for m in ordered)
        themes.append((key, Theme(_label(chosen), chosen, when)))
    themes.sort(key=lambda kv: kv[0])
    return [t for _, t in themes]


def theme_order(
    items: Sequence[Selected], published: Mapping[str, str] | None = None
) -> list[Selected]:
    """The items in theme reading order (what :func:`group_by_theme` gives, flattened)."""
    return [item for theme in group_by_theme(items, published=published) for item in theme.items]
