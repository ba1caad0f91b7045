"""Condensing a section to a chosen length, or expanding it again, as one operation.

A section drafted from the sources and not edited since (every sentence still verbatim from
a source, nothing of the analyst's own) is simply drafted again at the new length: for the
narrative that is a cut of the same pick order (:mod:`briefing.core.analysis.condense`), so
condensing to 150 words gives exactly the 150-word draft, and expanding walks further down
the order. A section the analyst has written in is changed sentence by sentence instead:
condensing takes out the drafted sentences that rank lowest and never the analyst's own;
expanding (narrative sections) brings in the next sentences of the pick order, each after
the sentence it follows in reading order. Citations are recomputed for what is left.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.core.analysis import Selected, Selection, Sentence, rank
from briefing.core.drafting.draft import claims_of, fill_section, material_of, narrative_within
from briefing.core.drafting.material import Material
from briefing.core.drafting.writing import plain
from briefing.core.editing.changes import NOTHING, Changes
from briefing.core.editing.section_text import Chunk, Unit, parse, sentence_key, write
from briefing.core.errors import BriefingError
from briefing.core.model.document import Briefing, Origin, Section
from briefing.core.model.markup import count_words
from briefing.core.model.template import SectionSpec

__all__ = ["MIN_WORDS", "Capacity", "resize_section", "section_capacity"]

MIN_WORDS = 10


@dataclass(frozen=True)
class Capacity:
    """How long a section is, may be, and can become."""

    words: int  # now
    budget: int | None  # the template's word budget
    most: int  # the longest it can be made (all the sources' narrative, or what is there)
    drafted: bool  # every sentence is still the sources' own (condensing redrafts it)


def _spec(briefing: Briefing, section_id: str) -> SectionSpec | None:
    specs = briefing.template.sections if briefing.template else []
    return next((s for s in specs if s.id == section_id), None)


def _narrative(briefing: Briefing, spec: SectionSpec | None) -> bool:
    return spec is not None and claims_of(briefing.template).get("narrative") == spec.id


def _source_keys(material: Material) -> set[str]:
    """Keys of every sentence the sources hold (prose, callouts, questions and answers)."""
    keys = {sentence_key(s.text) for split in material.split.values() for s in split}
    for pair in material.pairs:
        for text in (pair.question, pair.answer):
            keys |= {u.key for c in parse(text) for u in c.units}
    return keys


_Q = "**Q:**"


def _container_units(chunk: Chunk) -> list[Unit]:
    """The sentences inside a callout or a Q&A pair (the "**Q:**" mark set aside)."""
    inner = "\n".join(chunk.raw.split("\n")[1:-1]).replace(_Q, "", 1)
    return [u for c in parse(inner) for u in c.units]


def _own(chunks: Sequence[Chunk], known: set[str], headings: set[str]) -> list[Unit | Chunk]:
    """What the analyst wrote: sentences found in no source, and headings and other blocks
    drafting would not have written (check notes are drafting's)."""
    own: list[Unit | Chunk] = []
    for chunk in chunks:
        if chunk.kind == "heading":
            if plain(chunk.raw.lstrip("#")) not in headings:
                own.append(chunk)
        elif chunk.kind == "container":
            if chunk.name != "check":
                own += [u for u in _container_units(chunk) if u.key not in known]
        elif chunk.kind == "other":
            own.append(chunk)
        else:
            own += [u for u in chunk.units if u.key not in known]
    return own


def _story_titles(material: Material) -> set[str]:
    return {plain(a.title) for a in material.sources if a.title.strip()}


def section_capacity(briefing: Briefing, section_id: str) -> Capacity:
    """The section's length now, its budget, and the longest it can be made."""
    section = briefing.section(section_id)
    if section is None:
        raise BriefingError(f"there is no section '{section_id}'")
    words = count_words(section.markdown)
    spec = _spec(briefing, section_id)
    if not briefing.sources:
        return Capacity(words, section.word_budget, words, False)
    material = material_of(briefing)
    chunks = parse(section.markdown)
    drafted = bool(section.markdown.strip()) and not _own(
        chunks, _source_keys(material), _story_titles(material)
    )
    most = words
    if _narrative(briefing, spec):
        present = {u.key for c in chunks for u in c.units}
        extra = sum(
            i.sentence.words for i in material.order.order if sentence_key(i.sentence.text)
            not in present
        )  # fmt: skip
        most = words + extra
    return Capacity(words, section.word_budget, most, drafted)


def _present(material: Material, chunks: Sequence[Chunk]) -> list[Selected]:
    keys = {u.key for c in chunks for u in c.units}
    return [i for i in material.order.order if sentence_key(i.sentence.text) in keys]


def _selection(material: Material, items: Sequence[Selected]) -> Selection:
    """``items`` as a selection of the material's pick order (in reading order)."""
    words = sum(i.sentence.words for i in items)
    return Selection(tuple(items), words, material.order.order, material.stories).condense(words)


def _redraft(
    briefing: Briefing, section: Section, spec: SectionSpec, material: Material, words: int
) -> tuple[str, list[Origin]]:
    claims = claims_of(briefing.template)
    if _narrative(briefing, spec) and [k for k in spec.fill if claims.get(k) == spec.id] in (
        ["narrative"],
        ["narrative", "callouts"],
    ):
        current = _selection(material, _present(material, parse(section.markdown)))
        return narrative_within(material, words, current.condense)
    return fill_section(material, spec, claims, words)


def _drafted_units(chunks: Sequence[Chunk], by_key: dict[str, Selected]) -> None:
    for chunk in chunks:
        for unit in chunk.units:
            item = by_key.get(unit.key)
            if item is not None:
                unit.sources = item.sources


def _in_place(
    briefing: Briefing, section: Section, spec: SectionSpec | None, material: Material, words: int
) -> tuple[str, list[Origin]]:
    chunks = parse(section.markdown)
    known = _source_keys(material)
    narrative = _narrative(briefing, spec)
    order = material.order.order
    by_key = {sentence_key(i.sentence.text): i for i in order}
    if narrative:
        _drafted_units(chunks, by_key)
        movable = [u for c in chunks for u in c.units if u.key in by_key]
    else:  # only the section's own sentences to choose from: rank them among themselves
        movable = [u for c in chunks for u in c.units if u.key in known]
    fixed = count_words(write(chunks, keep=lambda c: c.kind in ("heading", "container", "other")))
    moving_ids = {id(u) for u in movable}
    fixed += sum(count_words(u.raw) for c in chunks for u in c.units if id(u) not in moving_ids)
    budget = max(0, words - fixed)
    now = sum(count_words(u.raw) for u in movable)
    if budget >= now and not narrative:
        return section.markdown, list(section.origins)
    if narrative:
        present = _present(material, chunks)
        selection = _selection(material, present)
        chosen = list(selection.condense(budget).items) if budget < now else present
        if budget > now:
            chosen = _extend(present, order, budget)
        kept = {sentence_key(i.sentence.text) for i in chosen}
        for chunk in chunks:
            chunk.units = [u for u in chunk.units if u.key not in by_key or u.key in kept]
        there = {id(i) for i in present}
        _insert(chunks, material, [i for i in chosen if id(i) not in there], chosen)
    else:
        best = _best(movable, budget, briefing.title)
        moving = {id(u) for u in movable}
        for chunk in chunks:
            chunk.units = [u for u in chunk.units if id(u) not in moving or id(u) in best]
    markdown = write(chunks)
    return markdown, _origins(section, material, markdown)


def _extend(present: list[Selected], order: Sequence[Selected], budget: int) -> list[Selected]:
    """``present`` and the next sentences of the pick order, while they fit ``budget``."""
    chosen = list(present)
    used = sum(i.sentence.words for i in present)
    taken = {id(i) for i in present}
    for item in order:
        if id(item) in taken:
            continue
        if used + item.sentence.words > budget:
            break
        chosen.append(item)
        used += item.sentence.words
    return chosen


def _insert(
    chunks: list[Chunk], material: Material, new: list[Selected], chosen: list[Selected]
) -> None:
    """Put each new sentence right after the one before it in reading order."""
    if not new:
        return
    reading = list(_selection(material, chosen).items)
    fresh = {id(i) for i in new}
    for n, item in enumerate(reading):
        if id(item) not in fresh:
            continue
        unit = Unit(item.sentence.text, sentence_key(item.sentence.text), item.sources)
        before = next(
            (sentence_key(r.sentence.text) for r in reversed(reading[:n]) if id(r) not in fresh),
            None,
        )
        placed = False
        if before is not None:
            for chunk in chunks:
                keys = [u.key for u in chunk.units]
                if before in keys:
                    chunk.units.insert(keys.index(before) + 1, unit)
                    placed = True
                    break
        if not placed:
            at = next((k for k, c in enumerate(chunks) if c.kind == "paragraph"), len(chunks))
            chunks.insert(at, Chunk("paragraph", units=[unit]))
        fresh.discard(id(item))


def _best(units: list[Unit], budget: int, title: str) -> set[int]:
    """Ids of the best-ranked ``units`` whose words fit ``budget``."""
    sentences = [Sentence(u.key, "s", str(n), n, n, 0, len(u.key)) for n, u in enumerate(units)]
    keep: set[int] = set()
    used = 0
    for sentence, _score in rank(sentences, title=title):
        unit = units[sentence.index]
        n = count_words(unit.raw)
        if used + n <= budget:
            keep.add(id(unit))
            used += n
    return keep


def _origins(section: Section, material: Material, markdown: str) -> list[Origin]:
    """The section's origins that its text still draws on, then those of sentences added."""
    flat = " ".join(markdown.split())
    live: list[Origin] = []
    for item in material.order.order:
        if plain(item.sentence.text) in flat:
            live += [o for o in item.origins if o not in live]
    pooled = {(o.source, o.block) for i in material.order.order for o in i.origins}
    kept = [o for o in section.origins if (o.source, o.block) not in pooled or o in live]
    return kept + [o for o in live if o not in kept]


def resize_section(briefing: Briefing, section_id: str, words: int) -> Changes:
    """Condense or expand a section to about ``words`` words (never more).

    Raises :class:`BriefingError` for an unknown section or a length below
    :data:`MIN_WORDS`. Nothing changes when the section is already that length or has
    nothing to take out or add."""
    section = briefing.section(section_id)
    if section is None:
        raise BriefingError(f"there is no section '{section_id}'")
    if words < MIN_WORDS:
        raise BriefingError(f"a section is condensed to at least {MIN_WORDS} words")
    if not briefing.sources or not section.markdown.strip():
        return NOTHING
    spec = _spec(briefing, section_id)
    material = material_of(briefing)
    chunks = parse(section.markdown)
    drafted = not _own(chunks, _source_keys(material), _story_titles(material))
    if drafted and spec is not None and spec.fill and set(spec.fill) != {"none"}:
        markdown, origins = _redraft(briefing, section, spec, material, words)
    else:
        markdown, origins = _in_place(briefing, section, spec, material, words)
    if markdown == section.markdown and origins == section.origins:
        return NOTHING
    section.markdown, section.origins = markdown, origins
    return Changes(text=frozenset({section_id}), origins=True)
