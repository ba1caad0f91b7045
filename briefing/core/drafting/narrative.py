"""The Background: condensed sentences written as a readable, cited narrative.

The sentences come in the condensation's reading order: story by story (in the order the
sources were given), by theme within a story across its sources, by the article's own order
within one source. Each theme is a paragraph (a long one breaks where the source's block
does); sentences drawn from callouts, quotes and lists keep that form. With several stories,
each opens under its lead article's title. Near-duplicates merged into one sentence cite all
their sources (``[@s1; @s3]``). Where the sources of a story disagree on a figure or a date, a
check note for the analyst follows the paragraph that states one side (or ends the story),
so the draft never picks one silently.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing.core.analysis import Disagreement, Selected, group_by_theme
from briefing.core.analysis.cohesion import leans_back
from briefing.core.analysis.records import unique_origins
from briefing.core.drafting.material import Material
from briefing.core.drafting.writing import Piece, chunk_markdown, chunks, plain
from briefing.core.model import markup
from briefing.core.model.document import Origin

__all__ = ["disagreement_note", "narrative_markdown"]

STORY_HEADING_LEVEL = 3


_WHAT = {"date": "a date", "%": "a percentage", "year": "a year"}
_CURRENCIES = {"USD", "EUR", "GBP", "JPY", "NOK", "SEK", "DKK", "CHF", "CNY"}


def _what(unit: str) -> str:
    """What kind of figure two sources disagree on, in words."""
    if unit in _WHAT:
        return _WHAT[unit]
    if unit in _CURRENCIES:
        return "an amount"
    return f"a number of {unit}s" if unit.isalpha() else "a figure"


def disagreement_note(d: Disagreement) -> str:
    """The check note for one disagreement: both figures, each cited to its sources."""
    first, second = d.sides
    return markup.check_note(
        f"Sources disagree on {_what(d.unit)}: “{first.figure}” "
        f"{markup.citation(*first.sources)} against “{second.figure}” "
        f"{markup.citation(*second.sources)}. Check which is right, correct the text, then "
        "delete this note."
    )


def _groups(items: Sequence[Selected], published: dict[str, str]) -> list[int]:
    """A theme number for each item (a sentence glued to the one it leans on shares its)."""
    theme_of: dict[int, int] = {}
    for n, theme in enumerate(group_by_theme(items, published=published)):
        for item in theme.items:
            theme_of[id(item)] = n
    out: list[int] = []
    for k, item in enumerate(items):
        s = item.sentence
        if k and leans_back(s.text):
            before = items[k - 1].sentence
            if (before.source, before.index) == (s.source, s.index - 1):
                out.append(out[-1])
                continue
        out.append(theme_of.get(id(item), -1))
    return out


def _story_title(material: Material, story: Sequence[str]) -> str:
    for source in story:
        article = material.article(source)
        if article is not None and article.title.strip():
            return plain(article.title)
    return story[0]


def _states(chunk: Sequence[Piece], d: Disagreement) -> bool:
    """Whether a chunk holds a sentence of either side of ``d``."""
    wanted = {(s.source, s.index) for side in d.sides for s in side.sentences}
    return any((p.sentence.source, p.sentence.index) in wanted for p in chunk)


def _story_parts(
    material: Material, items: Sequence[Selected], notes: list[Disagreement]
) -> list[str]:
    groups = _groups(items, material.published)
    pieces = [Piece(i.sentence, i.sources, g) for i, g in zip(items, groups, strict=True)]
    parts: list[str] = []
    pending = list(notes)
    for chunk in chunks(pieces):
        parts.append(chunk_markdown(chunk))
        for d in [d for d in pending if _states(chunk, d)]:
            parts.append(disagreement_note(d))
            pending.remove(d)
    parts += [disagreement_note(d) for d in pending]
    return parts


def narrative_markdown(material: Material, items: Sequence[Selected]) -> tuple[str, list[Origin]]:
    """Markdown for chosen narrative ``items`` (in reading order) and the origins they stand
    for; the story's check notes come with it (only for stories with sentences here)."""
    story_of = {src: n for n, group in enumerate(material.stories) for src in group}
    by_story: dict[int, list[Selected]] = {}
    for item in items:
        by_story.setdefault(story_of.get(item.sentence.source, len(story_of)), []).append(item)
    several = len(by_story) > 1
    parts: list[str] = []
    for n, story_items in sorted(by_story.items()):
        story = material.stories[n] if n < len(material.stories) else ()
        notes = [
            d for d in material.disagreements if {s for side in d.sides for s in side.sources}
            <= set(story)
        ]  # fmt: skip
        if several and story:
            parts.append(markup.heading(_story_title(material, story), STORY_HEADING_LEVEL))
        parts += _story_parts(material, story_items, notes)
    origins = list(unique_origins(o for item in items for o in item.origins))
    return ("\n\n".join(parts) + "\n" if parts else ""), origins
