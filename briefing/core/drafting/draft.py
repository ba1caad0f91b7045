"""Drafting: imported articles + a template -> a first-draft briefing that fits its budgets.

Each template section says which article content fills it (``SectionSpec.fill``, see
:data:`briefing.core.model.template.FillKind`); drafting is driven by those kinds, never by
template ids, and each kind fills the first section that asks for it:

- ``narrative``: an extractive condensation of all the sources to the section's word budget:
  whole sentences, verbatim, in reading order, by story and theme across sources
  (:mod:`.narrative`), near-duplicates merged and cited to every source, disagreements on a
  figure or a date flagged in a check note for the analyst. Callouts (Did you know?, Expert
  Insight...) belong to the narrative unless another section asks for them, and so do the
  articles' own takeaways when no section does.
- ``key-takeaway``: the articles' own takeaways, else each story's lead judgement.
- ``bottom-line``: the first sentence of each of those.
- ``qa``: Q&A pairs merged across sources, each answer cited.
- ``callouts``: other callouts, when a section other than the narrative's asks for them.
- ``predictions``: forward-looking candidates as :class:`Prediction` records (the renderer
  puts the table in that section; its Markdown stays empty); see :mod:`.predictions`.
- ``none``: left empty for the analyst (its guidance shows what to write).

Every section stays within its word budget, and the whole draft within the template's page
budget: when the sections' budgets cannot fit the pages (estimated from the brand's page
metrics, :mod:`.pages`), they are scaled down together until the draft fits. Calls to
comment, share or subscribe are never drafted. The same sources give the same draft, byte
for byte.

:func:`draft_briefing` makes a new briefing; :func:`draft_sections` (re)drafts some sections
of an existing one from its own sources, which is what the editor does on import, after a
template switch and on "Re-draft": the same function, so the same Markdown.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date

from briefing.core.analysis import Selection
from briefing.core.drafting import fills
from briefing.core.drafting.material import Material, material_for
from briefing.core.drafting.narrative import narrative_markdown
from briefing.core.drafting.pages import FILL, estimate_lines
from briefing.core.drafting.predictions import draft_predictions
from briefing.core.errors import BriefingError
from briefing.core.model.article import Article
from briefing.core.model.document import Briefing, Meta, Origin, Section
from briefing.core.model.ids import give_prediction_ids
from briefing.core.model.markup import count_words
from briefing.core.model.template import Brand, SectionSpec, Template

__all__ = [
    "Drafted",
    "claims_of",
    "draft_briefing",
    "draft_sections",
    "embed",
    "ensure_block_ids",
    "fill_section",
    "material_of",
    "narrative_within",
]

DEFAULT_WORDS = {"narrative": 600, "predictions": 300}
OTHER_WORDS = 150  # a section without a word budget that is filled by something else
# The share of a section's budget each kind may take when it shares the section with others.
SHARE = {"qa": 0.35, "callouts": 0.2, "key-takeaway": 0.3, "bottom-line": 0.15}
MIN_FACTOR = 0.12  # budgets are never scaled below this share to fit the pages


@dataclass(frozen=True)
class Drafted:
    """What :func:`draft_sections` wrote: section ids, and whether the predictions."""

    sections: frozenset[str]
    predictions: bool

    def __bool__(self) -> bool:
        return bool(self.sections) or self.predictions


def claims_of(template: Template | None) -> dict[str, str]:
    """Fill kind -> id of the first section that asks for it."""
    claims: dict[str, str] = {}
    for spec in template.sections if template else []:
        for kind in spec.fill:
            claims.setdefault(kind, spec.id)
    return claims


def ensure_block_ids(article: Article) -> None:
    """Give the article's blocks ids ``b1``, ``b2``... unless each already has its own."""
    ids = [b.id for b in article.blocks]
    if not all(ids) or len(set(ids)) != len(ids):
        for i, block in enumerate(article.blocks, start=1):
            block.id = f"b{i}"


def embed(articles: list[Article]) -> list[Article]:
    """Deep copies with source ids s1, s2... and unique block ids."""
    out = []
    for n, article in enumerate(articles, start=1):
        a = copy.deepcopy(article)
        a.id = f"s{n}"
        ensure_block_ids(a)
        out.append(a)
    return out


def material_of(briefing: Briefing) -> Material:
    """The briefing's sources analysed for its template's sections."""
    claims = claims_of(briefing.template)
    narrative = claims.get("narrative")
    return material_for(
        briefing.sources,
        callouts=claims.get("callouts", narrative) == narrative,
        takeaways="key-takeaway" not in claims and "bottom-line" not in claims,
    )


def _kinds(spec: SectionSpec, claims: dict[str, str]) -> list[str]:
    """The fill kinds ``spec`` drafts (those no earlier section took), narrative first."""
    mine = [k for k in spec.fill if claims.get(k) == spec.id and k not in ("none", "predictions")]
    if "narrative" in mine and "callouts" in mine:
        mine.remove("callouts")  # callouts stay inline in the narrative
    return sorted(mine, key=lambda k: k != "narrative")


def _budget(spec: SectionSpec) -> int:
    if spec.word_budget:
        return spec.word_budget
    return next((DEFAULT_WORDS[k] for k in spec.fill if k in DEFAULT_WORDS), OTHER_WORDS)


def narrative_within(
    material: Material, words: int, cut: Callable[[int], Selection] | None = None
) -> tuple[str, list[Origin]]:
    """The narrative at most ``words`` long as written (story headings count too); ``cut``
    gives the selection for a budget (default: the material's whole pick order)."""
    select = cut or material.background
    target = words
    for _ in range(4):
        markdown, origins = narrative_markdown(material, select(target).items)
        over = count_words(markdown) - words
        if over <= 0:
            return markdown, origins
        target -= over
    return narrative_markdown(material, select(max(0, target - 20)).items)


def fill_section(
    material: Material, spec: SectionSpec, claims: dict[str, str], words: int
) -> tuple[str, list[Origin]]:
    """The Markdown and origins of one section drafted to at most ``words``."""
    kinds = _kinds(spec, claims)
    others = [k for k in kinds if k != "narrative"]
    shares = (
        {k: int(words * SHARE.get(k, 0.2)) for k in others}
        if "narrative" in kinds
        else {k: words // max(1, len(others)) for k in others}
    )
    parts: list[str] = []
    origins: list[Origin] = []
    for kind in others:
        if kind == "key-takeaway":
            beside = claims.get("bottom-line", spec.id) != spec.id
            text, found = fills.takeaways(material, shares[kind], beside_bottom_line=beside)
        else:
            text, found = _FILLS[kind](material, shares[kind])
        if text:
            parts.append(text.rstrip("\n"))
            origins += [o for o in found if o not in origins]
    if "narrative" in kinds:
        used = sum(count_words(p) for p in parts)
        text, found = narrative_within(material, words - used)
        if text:
            parts.insert(0, text.rstrip("\n"))
            origins = [*found, *(o for o in origins if o not in found)]
    return ("\n\n".join(parts) + "\n" if parts else ""), origins


_FILLS = {
    "key-takeaway": fills.takeaways,
    "bottom-line": fills.bottom_line,
    "qa": fills.faq,
    "callouts": fills.callouts,
}


def _write(
    briefing: Briefing,
    material: Material,
    targets: list[SectionSpec],
    claims: dict[str, str],
    factor: float,
    predictions: bool,
) -> None:
    for spec in targets:
        section = briefing.section(spec.id)
        if section is None:
            continue
        words = max(20, round(_budget(spec) * factor))
        markdown, origins = fill_section(material, spec, claims, words)
        while not markdown.strip() and words < _budget(spec):
            # Scaled down, a section still keeps its first item rather than going empty.
            words = min(_budget(spec), round(words * 1.5) + 10)
            markdown, origins = fill_section(material, spec, claims, words)
        section.markdown, section.origins = markdown, origins
    if predictions and briefing.template is not None:
        holder = next(s for s in briefing.template.sections if s.id == claims["predictions"])
        scale = briefing.likelihood_scale
        words = max(20, round(_budget(holder) * factor))
        briefing.predictions = draft_predictions(material, words, scale) or draft_predictions(
            material, _budget(holder), scale, limit=1
        )


def draft_sections(
    briefing: Briefing, only: Collection[str] | None = None, *, predictions: bool = True
) -> Drafted:
    """(Re)draft sections of ``briefing`` from its own sources, in place.

    ``only`` names the sections to draft (default: every section its template fills); the
    prediction candidates are drafted too when ``predictions`` and the template has a
    predictions section. Budgets are those of the template, scaled down together when the
    whole briefing would not fit the template's page budget. Sections not drafted are kept
    as they are (and count against the pages).
    """
    template = briefing.template
    if template is None or not briefing.sources:
        return Drafted(frozenset(), False)
    claims = claims_of(template)
    wanted = None if only is None else set(only)
    targets = [
        s
        for s in template.sections
        if _kinds(s, claims) and (wanted is None or s.id in wanted)
        and briefing.section(s.id) is not None
    ]  # fmt: skip
    with_predictions = predictions and "predictions" in claims
    if not targets and not with_predictions:
        return Drafted(frozenset(), False)
    material = material_of(briefing)
    _write(briefing, material, targets, claims, 1.0, with_predictions)
    budget = template.page_budget
    if budget and not _fits(briefing, budget):
        factor = _largest_fitting(briefing, material, targets, claims, with_predictions, budget)
        _write(briefing, material, targets, claims, factor, with_predictions)
    if with_predictions:
        give_prediction_ids(briefing)  # derived: the same sources give the same draft
    return Drafted(frozenset(s.id for s in targets), with_predictions)


def _fits(briefing: Briefing, pages: int) -> bool:
    lines, per_page = estimate_lines(briefing, briefing.brand)
    return lines <= pages * per_page * FILL


def _largest_fitting(
    briefing: Briefing,
    material: Material,
    targets: list[SectionSpec],
    claims: dict[str, str],
    predictions: bool,
    pages: int,
) -> float:
    """The largest share of their budgets the drafted parts can keep and fit ``pages``
    (a bisection on the estimate; :data:`MIN_FACTOR` when even that does not fit)."""
    lines, per_page = estimate_lines(briefing, briefing.brand)
    fixed, _ = estimate_lines(_without(briefing, targets, predictions), briefing.brand)
    room = pages * per_page * FILL
    guess = (room - fixed) / max(1.0, lines - fixed)  # as if lines shrank with the budgets
    low, high = MIN_FACTOR, 1.0
    factor = min(0.95, max(MIN_FACTOR, guess))
    for _ in range(7):
        _write(briefing, material, targets, claims, factor, predictions)
        if _fits(briefing, pages):
            low = factor
        else:
            high = factor
        if high - low < 0.03:
            break
        factor = (low + high) / 2
    return low


def _without(briefing: Briefing, targets: list[SectionSpec], predictions: bool) -> Briefing:
    """A shallow copy of ``briefing`` with the drafted parts empty (what stays fixed)."""
    ids = {s.id for s in targets}
    return Briefing(
        title=briefing.title,
        subtitle=briefing.subtitle,
        meta=briefing.meta,
        sections=[Section(s.id, s.title) if s.id in ids else s for s in briefing.sections],
        predictions=[] if predictions else briefing.predictions,
        sources=briefing.sources,
        template=briefing.template,
        brand=briefing.brand,
    )


def skeleton(template: Template) -> list[Section]:
    """The template's sections, empty."""
    return [
        Section(id=s.id, title=s.title, guidance=s.guidance, word_budget=s.word_budget)
        for s in template.sections
    ]


def draft_briefing(
    articles: list[Article],
    template: Template,
    brand: Brand | None = None,
    *,
    meta: Meta | None = None,
) -> Briefing:
    """Draft ``articles`` into ``template`` (see the module docstring for what goes where).

    The title comes from the first article, the date is today, the handling label is the
    template's (unless ``meta`` is given). The template and brand are snapshotted; the
    caller's articles are copied, never changed.
    """
    if not articles:
        raise BriefingError("nothing to draft: give at least one article")
    sources = embed(articles)
    m = copy.deepcopy(meta) if meta is not None else Meta(handling=template.handling)
    if not m.date:
        m.date = date.today().isoformat()
    briefing = Briefing(
        title=sources[0].title.strip() or "Untitled briefing",
        meta=m,
        sections=skeleton(template),
        sources=sources,
        template=copy.deepcopy(template),
        brand=copy.deepcopy(brand),
    )
    draft_sections(briefing)
    return briefing
