"""Drafting: imported articles + a template -> a first-draft briefing, content placed by meaning.

Each template section says which article content fills it (``SectionSpec.fill``, see
:data:`briefing.core.model.template.FillKind`); drafting is driven by those kinds, never by template
ids, so user templates draft as sensibly as the built-ins:

- ``narrative``: the running text, article headings kept one level down (below the section's
  own heading); with several articles each gets a sub-heading with its title.
- ``key-takeaway``: the articles' "Key Takeaway" (key points, bottom line, TL;DR) callouts.
- ``bottom-line``: the first sentence of each key takeaway, or of each article's lede.
- ``qa``: Q&A pairs; the same question in several articles (compared case-, space- and
  punctuation-insensitively) becomes one pair with each distinct answer cited.
- ``callouts``: other callouts (Did you know?, Expert Insight, Pro Tip...). In the narrative's
  own section they stay where they stood in the article; when no section asks for them they
  also stay inline, and so do key takeaways when no section asks for those.
- ``predictions``: forward-looking sentences in estimative language ("likely", "expect",
  "is set to", "could see"...) become :class:`Prediction` candidates on the briefing, quoted
  verbatim with their source, term and a guessed percentage (ICD 203 midpoints), for the
  analyst to keep, rephrase or drop. The section's Markdown stays empty; the renderer places
  the predictions table there.
- ``none``: left empty for the analyst (its guidance shows what to write).

Each kind fills the first section that asks for it. Calls to comment and site chrome are never
drafted.

The Markdown it writes is the Briefing dialect (:mod:`briefing.core.model.markup`: callouts,
Q&A pairs, citations), so the renderer, the editor and the block inserter read it the same way.

Sources are embedded as ``s1``, ``s2``... in the order given; every drafted passage ends with a
citation ``[@s1]`` and is recorded in ``Section.origins`` (source id + block id).
"""

from __future__ import annotations

import copy
import re
from datetime import date

from briefing.core.drafting.extract import (
    Passage,
    passages,
    prediction_candidates,
    sentences,
    strength,
)
from briefing.core.errors import BriefingError
from briefing.core.model import markup
from briefing.core.model.article import Article
from briefing.core.model.document import Briefing, Meta, Origin, Prediction, Section
from briefing.core.model.ids import give_prediction_ids
from briefing.core.model.template import Brand, Template

MAX_PREDICTIONS = 12  # candidates proposed per briefing (at least 3 per article)


class _Builder:
    """Markdown chunks of one section and the origins of what was drafted into it."""

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.origins: list[Origin] = []

    def add(self, markdown: str, *origins: Origin) -> None:
        self.chunks.append(markdown)
        for o in origins:
            if o not in self.origins:
                self.origins.append(o)

    def markdown(self) -> str:
        return "\n\n".join(self.chunks) + ("\n" if self.chunks else "")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _claims(template: Template) -> dict[str, str]:
    """Fill kind -> id of the first section that asks for it."""
    claims: dict[str, str] = {}
    for spec in template.sections:
        for kind in spec.fill:
            claims.setdefault(kind, spec.id)
    return claims


def _narrative(b: _Builder, sources: list[Article], extracted: list[list[Passage]], here: str,
               claims: dict[str, str]) -> None:  # fmt: skip
    inline_callouts = claims.get("callouts", here) == here
    inline_takeaways = "key-takeaway" not in claims and "bottom-line" not in claims
    several = len(sources) > 1
    seen: set[str] = set()  # a paragraph syndicated in several articles is drafted once
    for article, items in zip(sources, extracted, strict=True):
        chunks: list[tuple[int | None, str, Origin | None]] = []  # (heading level, md, origin)
        for p in items:
            origin = Origin(p.source, p.block)
            if p.kind == "heading":
                level = markup.heading_level(p.level, several=several)
                chunks.append((level, markup.heading(p.text, level), None))
            elif p.kind == "text" and _norm(p.text) not in seen:
                seen.add(_norm(p.text))
                chunks.append((None, markup.cite(p.text, p.source), origin))
            elif (p.kind == "callout" and inline_callouts) or (
                p.kind == "takeaway" and inline_takeaways
            ):
                chunks.append((None, markup.callout(p.label, p.text, p.source), origin))
        chunks = _without_empty_headings(chunks)
        if several and chunks:
            b.add(markup.heading(article.title if article.title.strip() else article.id, 3))
        for _level, md, where in chunks:
            b.add(md, *([where] if where else []))


def _without_empty_headings(
    chunks: list[tuple[int | None, str, Origin | None]],
) -> list[tuple[int | None, str, Origin | None]]:
    """Drop headings whose content went to other sections (or was chrome)."""
    keep: list[tuple[int | None, str, Origin | None]] = []
    for i, chunk in enumerate(chunks):
        level = chunk[0]
        if level is None:
            keep.append(chunk)
            continue
        for later in chunks[i + 1 :]:
            if later[0] is None:
                keep.append(chunk)
                break
            if later[0] <= level:
                break
    return keep


def _grouped(extracted: list[list[Passage]], kind: str) -> list[list[Passage]]:
    """Passages of ``kind``, the same text from several articles grouped together."""
    groups: dict[str, list[Passage]] = {}
    for items in extracted:
        for p in items:
            if p.kind == kind:
                groups.setdefault(_norm(f"{p.label} {p.text}"), []).append(p)
    return list(groups.values())


def _takeaways(b: _Builder, extracted: list[list[Passage]]) -> None:
    groups = _grouped(extracted, "takeaway")
    for group in groups:
        text = group[0].text if len(groups) == 1 else f"- {' '.join(group[0].text.split())}"
        sources = [p.source for p in group]
        b.add(markup.cite(text, *sources), *(Origin(p.source, p.block) for p in group))
    if len(groups) > 1:  # one list, not one list per item
        b.chunks[-len(groups) :] = ["\n".join(b.chunks[-len(groups) :])]


def _bottom_line(b: _Builder, extracted: list[list[Passage]]) -> None:
    picked = [p for items in extracted for p in items if p.kind == "takeaway"]
    if not picked:  # no takeaway: the lede of each article
        picked = [next(p for p in items if p.kind == "text") for items in extracted
                  if any(p.kind == "text" for p in items)][:3]  # fmt: skip
    parts = []
    for p in picked:
        first = sentences(" ".join(p.text.split()))
        if first:
            parts.append(markup.cite(first[0], p.source))
    if parts:
        b.add(" ".join(parts), *(Origin(p.source, p.block) for p in picked))


def _qa(b: _Builder, extracted: list[list[Passage]]) -> None:
    merged: dict[str, list[Passage]] = {}
    for items in extracted:
        for p in items:
            if p.kind == "qa":
                merged.setdefault(_norm(p.question), []).append(p)
    for group in merged.values():
        # The same answer in several articles is written once and cites each of them.
        answers: dict[str, tuple[str, list[str]]] = {}
        for p in group:
            if p.answer:
                text, cited = answers.setdefault(_norm(p.answer), (p.answer, []))
                if p.source not in cited:
                    cited.append(p.source)
        cited_answers = [markup.cite(text, *cited) for text, cited in answers.values()]
        pair = markup.qa_pair(group[0].question, cited_answers)
        b.add(pair, *(Origin(p.source, p.block) for p in group))


def _callouts(b: _Builder, extracted: list[list[Passage]]) -> None:
    for group in _grouped(extracted, "callout"):
        first = group[0]
        box = markup.callout(first.label, first.text, *(p.source for p in group))
        b.add(box, *(Origin(p.source, p.block) for p in group))


def _predictions(sources: list[Article]) -> list[Prediction]:
    """Candidates from every article (a fair share each, clearest forecasts first), in order."""
    share = max(3, MAX_PREDICTIONS // len(sources))
    out: list[Prediction] = []
    seen: set[str] = set()
    for article in sources:
        fresh = []
        for candidate in prediction_candidates(article):
            key = _norm(candidate.statement)
            if key not in seen:
                seen.add(key)
                fresh.append(candidate)
        best = sorted(range(len(fresh)), key=lambda i: -strength(fresh[i]))[:share]
        out.extend(fresh[i] for i in sorted(best))
    return out


def _embed(articles: list[Article]) -> list[Article]:
    """Deep copies with source ids s1, s2... and unique block ids."""
    out = []
    for n, article in enumerate(articles, start=1):
        a = copy.deepcopy(article)
        a.id = f"s{n}"
        ids = [b.id for b in a.blocks]
        if not all(ids) or len(set(ids)) != len(ids):
            for i, block in enumerate(a.blocks, start=1):
                block.id = f"b{i}"
        out.append(a)
    return out


def draft_briefing(
    articles: list[Article],
    template: Template,
    brand: Brand | None = None,
    *,
    meta: Meta | None = None,
) -> Briefing:
    """Draft ``articles`` into ``template`` (see the module docstring for what goes where).

    The title comes from the first article, the date is today, the handling label is the
    template's (unless ``meta`` is given). The template and brand are snapshotted.
    """
    if not articles:
        raise BriefingError("nothing to draft: give at least one article")
    sources = _embed(articles)
    extracted = [passages(a) for a in sources]
    claims = _claims(template)
    sections: list[Section] = []
    for spec in template.sections:
        b = _Builder()
        for kind in spec.fill:
            if claims.get(kind) != spec.id:
                continue
            if kind == "narrative":
                _narrative(b, sources, extracted, spec.id, claims)
            elif kind == "key-takeaway":
                _takeaways(b, extracted)
            elif kind == "bottom-line":
                _bottom_line(b, extracted)
            elif kind == "qa":
                _qa(b, extracted)
            elif kind == "callouts" and claims.get("narrative") != spec.id:
                _callouts(b, extracted)
        sections.append(
            Section(
                id=spec.id,
                title=spec.title,
                markdown=b.markdown(),
                guidance=spec.guidance,
                word_budget=spec.word_budget,
                origins=b.origins,
            )
        )
    m = copy.deepcopy(meta) if meta is not None else Meta(handling=template.handling)
    if not m.date:
        m.date = date.today().isoformat()
    briefing = Briefing(
        title=sources[0].title.strip() or "Untitled briefing",
        meta=m,
        sections=sections,
        predictions=_predictions(sources) if "predictions" in claims else [],
        sources=sources,
        template=copy.deepcopy(template),
        brand=copy.deepcopy(brand),
    )
    give_prediction_ids(briefing)  # derived: the same articles give the same draft
    return briefing
