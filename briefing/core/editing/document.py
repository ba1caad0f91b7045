"""Editing what a briefing says about itself: title, subtitle, metadata, template and brand."""

from __future__ import annotations

import copy

from briefing.core.drafting import draft_sections
from briefing.core.drafting.switch import apply_template
from briefing.core.editing.changes import NOTHING, Changes
from briefing.core.model.document import Briefing
from briefing.core.model.template import Brand, Template

TOP_FIELDS = ("title", "subtitle")
META_FIELDS = ("analyst", "organisation", "date", "audience", "handling", "reference", "status")


def field_value(briefing: Briefing, name: str) -> str:
    """The title, subtitle or a ``Meta`` field; ``KeyError`` for any other name."""
    if name in TOP_FIELDS:
        return str(getattr(briefing, name))
    if name in META_FIELDS:
        return str(getattr(briefing.meta, name))
    raise KeyError(name)


def set_field(briefing: Briefing, name: str, value: str) -> Changes:
    """Set the title, subtitle or a ``Meta`` field; ``KeyError`` for any other name."""
    if field_value(briefing, name) == value:
        return NOTHING
    setattr(briefing if name in TOP_FIELDS else briefing.meta, name, value)
    return Changes(meta=True)


def switch_template(briefing: Briefing, template: Template) -> Changes:
    """Lay the briefing out in ``template``'s sections, keeping what was written where it fits
    (see :func:`~briefing.core.drafting.switch.apply_template`); sections of the new template
    that find nothing to keep are drafted from the sources, as ``briefing draft`` would."""
    switched = apply_template(briefing, template)
    kept = {s.id for s in switched.sections if s.markdown.strip()}
    briefing.sections = switched.sections
    briefing.meta = switched.meta
    briefing.template = switched.template
    fresh = [s.id for s in briefing.sections if s.id not in kept]
    done = draft_sections(briefing, fresh, predictions=not briefing.predictions)
    return Changes(
        sections=True, meta=True, origins=True, template=True, predictions=done.predictions
    )


def switch_brand(briefing: Briefing, brand: Brand) -> Changes:
    """Render the briefing in another house style (a snapshot of ``brand`` is kept)."""
    briefing.brand = copy.deepcopy(brand)
    return Changes(brand=True)
