"""Editions: starting a briefing as the next edition of an earlier one."""

from __future__ import annotations

import copy
import uuid
from datetime import date
from pathlib import Path

from briefing.core.memory.keys import source_key
from briefing.core.model.document import Briefing, Edition, Section, SourceRef


def baseline_of(b: Briefing) -> tuple[list[Section], list[SourceRef]]:
    """What an edition keeps of its predecessor: sections (text only) and the source list."""
    sections = [Section(id=s.id, title=s.title, markdown=s.markdown) for s in b.sections]
    refs = [
        SourceRef(id=a.id, title=a.title, key=source_key(a), site=a.site, url=a.url)
        for a in b.sources
    ]
    return sections, refs


def next_edition(
    previous: Briefing, previous_path: Path | None, today: date | None = None
) -> Briefing:
    """A new briefing that continues ``previous``: same template and brand, its sections,
    sources and predictions carried over (predictions keep their ids, so the ledger follows
    them), dated today and back to draft, with the previous edition kept as the baseline of
    "what changed". The previous briefing is not modified."""
    new = copy.deepcopy(previous)
    old = previous.edition
    sections, refs = baseline_of(previous)
    new.edition = Edition(
        number=(old.number + 1) if old else 2,
        series=(old.series if old and old.series else uuid.uuid4().hex[:16]),
        previous_path=str(previous_path.absolute()) if previous_path else "",
        previous_title=previous.title,
        previous_date=previous.meta.date,
        sections=sections,
        predictions=copy.deepcopy(previous.predictions),
        sources=refs,
        show_changes=old.show_changes if old else True,
    )
    new.meta.date = (today or date.today()).isoformat()
    new.meta.status = "draft"
    new.calibration = None  # a frozen record belongs to the edition that showed it
    for p in new.predictions:
        p.status = "open"
    return new
