"""Drafting into a briefing being edited: on import, after a template switch, on request.

The same core function as ``briefing draft`` (:func:`briefing.core.drafting.draft_sections`)
writes the sections, so a section drafted in the editor reads exactly as the command line
drafts it from the same sources.
"""

from __future__ import annotations

from briefing.core.drafting import draft_sections
from briefing.core.drafting.draft import claims_of
from briefing.core.editing.changes import NOTHING, Changes
from briefing.core.editing.sources import add_sources, is_untitled
from briefing.core.errors import BriefingError
from briefing.core.model.article import Article
from briefing.core.model.document import UNTITLED, Briefing

__all__ = ["UNTITLED", "draft_empty_sections", "import_sources", "redraft_section"]


def _drafted(briefing: Briefing, only: list[str], predictions: bool) -> Changes:
    done = draft_sections(briefing, only, predictions=predictions)
    if not done:
        return NOTHING
    return Changes(
        text=frozenset(done.sections), origins=bool(done.sections), predictions=done.predictions
    )


def draft_empty_sections(briefing: Briefing) -> Changes:
    """Draft, from the briefing's sources, every section its template fills that is still
    empty, and the prediction candidates if there are none yet."""
    claims = claims_of(briefing.template)
    empty = [s.id for s in briefing.sections if not s.markdown.strip()]
    predictions = not briefing.predictions and "predictions" in claims
    return _drafted(briefing, empty, predictions)


def import_sources(briefing: Briefing, articles: list[Article]) -> Changes:
    """Embed ``articles`` as sources and draft the sections still empty from all the sources
    (see :func:`draft_empty_sections`); an untitled briefing takes the first article's title."""
    changes = add_sources(briefing, articles)
    if not changes:
        return NOTHING
    if is_untitled(briefing) and briefing.sources[0].title.strip():
        briefing.title = briefing.sources[0].title.strip()
        changes |= Changes(meta=True)
    return changes | draft_empty_sections(briefing)


def redraft_section(briefing: Briefing, section_id: str) -> Changes:
    """Draft one section again from all the briefing's sources (what it holds is replaced)."""
    if briefing.section(section_id) is None:
        raise BriefingError(f"there is no section '{section_id}'")
    return _drafted(briefing, [section_id], False)
