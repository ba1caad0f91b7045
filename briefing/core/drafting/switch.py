"""Switching a briefing to another template without losing what the analyst wrote.

Sections of the new template take their content from the briefing's section with the same id,
else from a section that was filled by the same kind of content (its old template's
``SectionSpec.fill``, e.g. a standard "Background" becomes a sitrep's "Developments"). Each old
section moves at most once; sections that find no place are reported first by
:func:`sections_dropped_by`, and everything else that changes (the handling label, say) by
:func:`switch_summary`, so the editor can ask before anything is lost or relabelled.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from briefing.core.model.document import Briefing, Section
from briefing.core.model.template import Template


def _old_fills(briefing: Briefing) -> dict[str, set[str]]:
    if briefing.template is None:
        return {}
    return {s.id: set(s.fill) - {"none"} for s in briefing.template.sections}


def _mapping(briefing: Briefing, template: Template) -> dict[str, Section]:
    """New section id -> the old section whose content it takes."""
    fills = _old_fills(briefing)
    taken: set[str] = set()
    out: dict[str, Section] = {}
    by_id = {s.id: s for s in briefing.sections}
    for spec in template.sections:  # same id first, so fill matching cannot steal it
        if spec.id in by_id:
            out[spec.id] = by_id[spec.id]
            taken.add(spec.id)
    for spec in template.sections:
        if spec.id in out:
            continue
        wanted = set(spec.fill) - {"none"}
        for s in briefing.sections:
            if s.id not in taken and wanted & fills.get(s.id, set()):
                out[spec.id] = s
                taken.add(s.id)
                break
    return out


def sections_dropped_by(briefing: Briefing, template: Template) -> list[str]:
    """Titles of the briefing's non-empty sections that switching to ``template`` would lose."""
    kept = {id(s) for s in _mapping(briefing, template).values()}
    return [s.title or s.id for s in briefing.sections if s.markdown.strip() and id(s) not in kept]


@dataclass(frozen=True)
class SwitchSummary:
    """What switching a briefing to another template changes, worded for the analyst."""

    template: str  # the new template's name
    dropped: list[str]  # titles of sections whose content would be lost
    changes: list[str]  # one line per other change: handling label, sections, page budget

    def lines(self) -> list[str]:
        """Every change, the losses first."""
        lost = [f"drops the content of “{title}”" for title in self.dropped]
        return lost + self.changes


def switch_summary(briefing: Briefing, template: Template) -> SwitchSummary:
    """Everything switching ``briefing`` to ``template`` changes (see :func:`apply_template`):
    sections whose content is dropped, the handling label, content moved to a section of
    another name, sections that arrive empty, and the page budget. The editor asks with these
    lines; a command that switches templates can print them."""
    after = apply_template(briefing, template)
    changes: list[str] = []
    if after.meta.handling != briefing.meta.handling:
        changes.append(
            f"changes the handling label from {briefing.meta.handling} to {after.meta.handling}"
        )
    mapping = _mapping(briefing, template)
    titles = {s.id: s.title for s in template.sections}
    for new_id, old in mapping.items():
        if old.markdown.strip() and old.title != titles[new_id]:
            changes.append(f"moves “{old.title}” into “{titles[new_id]}”")
    empty = [s.title for s in after.sections if not s.markdown.strip() and s.id not in mapping]
    if empty:
        listed = ", ".join(f"“{t}”" for t in empty)
        changes.append(
            f"adds {'an empty section' if len(empty) == 1 else 'empty sections'} {listed}"
        )
    old_budget = briefing.template.page_budget if briefing.template else None
    if template.page_budget != old_budget:
        pages = template.page_budget
        changes.append(
            f"sets the page budget to {pages} page{'s' * (pages != 1)}"
            if pages
            else "removes the page budget"
        )
    return SwitchSummary(template.name, sections_dropped_by(briefing, template), changes)


def apply_template(briefing: Briefing, template: Template) -> Briefing:
    """A copy of ``briefing`` laid out in ``template``'s sections, content kept where it fits.

    Titles, guidance and word budgets come from the new template; the handling label follows
    the new template only if it was still the old template's default.
    """
    mapping = _mapping(briefing, template)
    out = copy.deepcopy(briefing)
    sections = []
    for spec in template.sections:
        old = mapping.get(spec.id)
        sections.append(
            Section(
                id=spec.id,
                title=spec.title,
                markdown=old.markdown if old else "",
                guidance=spec.guidance,
                word_budget=spec.word_budget,
                origins=copy.deepcopy(old.origins) if old else [],
            )
        )
    out.sections = sections
    if briefing.template is None or briefing.meta.handling == briefing.template.handling:
        out.meta.handling = template.handling
    out.template = copy.deepcopy(template)
    return out
