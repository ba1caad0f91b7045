"""The shorter kinds of section content: key takeaways, a bottom line, FAQ pairs, callouts.

Each takes the analysed sources and a word budget and returns the section's Markdown with
the origins it stands for. Text is quoted verbatim from the sources and cited; the same text
from several sources is written once and cites them all.
"""

from __future__ import annotations

import re

from briefing.core.analysis import (
    Takeaway,
    is_call_to_action,
    is_takeaway_label,
    key_takeaways,
    merge_faq,
    split_text,
    word_count,
)
from briefing.core.analysis.records import unique_origins
from briefing.core.drafting.material import Material
from briefing.core.drafting.writing import plain
from briefing.core.model import markup
from briefing.core.model.document import Origin

__all__ = ["bottom_line", "callouts", "faq", "takeaways"]

Filled = tuple[str, list[Origin]]


def _sources(origins: tuple[Origin, ...] | list[Origin]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(o.source for o in origins))


def _joined(parts: list[str]) -> str:
    return "\n\n".join(parts) + "\n" if parts else ""


def _beside_bottom_line(material: Material, found: list[Takeaway]) -> list[Takeaway]:
    """A one-sentence takeaway is the bottom line word for word: beside a Bottom line
    section, the story's lead judgement takes its place (when it is another sentence)."""
    leads = key_takeaways(
        material.sources, 10**6, stories=material.stories, sentences=material.split, leads=True
    )
    story_of = {src: n for n, group in enumerate(material.stories) for src in group}
    lead_of = {story_of.get(t.origins[0].source): t for t in leads if t.origins}
    out: list[Takeaway] = []
    for t in found:
        if plain(_first_sentence(t.text)) != plain(t.text):
            out.append(t)
            continue
        lead = lead_of.get(story_of.get(t.origins[0].source)) if t.origins else None
        if lead is not None and plain(lead.text) != plain(t.text) and lead not in out:
            out.append(lead)
    return out


def _within(found: list[Takeaway], words: int) -> list[Takeaway]:
    out: list[Takeaway] = []
    used = 0
    for t in found:
        n = word_count(t.text)
        if used + n > words:
            t = Takeaway(_first_sentence(t.text), t.origins, t.own)
            n = word_count(t.text)
            if used + n > words:
                continue
        out.append(t)
        used += n
    return out


def takeaways(material: Material, words: int, *, beside_bottom_line: bool = False) -> Filled:
    """The articles' own takeaways, else each story's lead judgement, within ``words``.

    One takeaway is a paragraph; several are a list, one item each. ``beside_bottom_line``:
    another section states the bottom line, so it is not repeated here."""
    found = key_takeaways(
        material.sources, 10**6, stories=material.stories, sentences=material.split
    )
    if beside_bottom_line:
        found = _beside_bottom_line(material, found)
    found = _within(found, max(0, words))
    lines = [markup.cite(plain(t.text), *_sources(t.origins)) for t in found]
    origins = list(unique_origins(o for t in found for o in t.origins))
    if len(lines) > 1:
        return "\n".join(f"- {line}" for line in lines) + "\n", origins
    return _joined(lines), origins


def _first_sentence(text: str) -> str:
    spans = split_text(text)
    return text[spans[0][0] : spans[0][1]] if spans else text


def bottom_line(material: Material, words: int) -> Filled:
    """The first sentence of each takeaway (or story lead), in one paragraph, within ``words``."""
    found = key_takeaways(
        material.sources, 10 * max(words, 1), stories=material.stories, sentences=material.split
    )
    parts: list[str] = []
    origins: list[Origin] = []
    used = 0
    for t in found:
        first = plain(_first_sentence(t.text))
        if used + word_count(first) > words:
            continue
        used += word_count(first)
        parts.append(markup.cite(first, *_sources(t.origins)))
        origins += t.origins
    return (" ".join(parts) + "\n" if parts else ""), list(unique_origins(origins))


def faq(material: Material, words: int) -> Filled:
    """Questions merged across sources, each distinct answer cited, within ``words``."""
    items = merge_faq(
        [p for p in material.pairs if not is_call_to_action(p.question)], max(0, words)
    )
    parts = [
        markup.qa_pair(
            item.question,
            [markup.cite(plain(a.text), *_sources(a.origins)) for a in item.answers],
        )
        for item in items
    ]
    return _joined(parts), list(unique_origins(o for item in items for o in item.origins))


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def callouts(material: Material, words: int) -> Filled:
    """Callouts other than takeaways (Did you know?, Expert Insight...), within ``words``;
    the same callout in several sources is written once, citing them all."""
    groups: dict[str, list[tuple[str, str, Origin]]] = {}
    for article in material.sources:
        for b in article.blocks:
            label = (b.label or "").strip().rstrip(":").strip()
            text = b.text.strip()
            if b.kind != "callout" or not text or is_takeaway_label(label):
                continue
            if is_call_to_action(text):
                continue
            key = _norm(f"{label} {text}")
            groups.setdefault(key, []).append((label, text, Origin(article.id, b.id)))
    parts: list[str] = []
    origins: list[Origin] = []
    used = 0
    for group in groups.values():
        label, text, _ = group[0]
        n = word_count(text)
        if used + n > words:
            continue
        used += n
        found = [o for _, _, o in group]
        parts.append(markup.callout(label, plain(text), *_sources(found)))
        origins += found
    return _joined(parts), list(unique_origins(origins))
