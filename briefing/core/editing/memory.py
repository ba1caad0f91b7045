"""Editing what the analyst's memory brings to a briefing: a source found in the library, the
"What changed" section of a later edition, the calibration appendix and when a prediction
resolves.

Like every editing operation, each changes the briefing in place and returns the
:class:`Changes` it made (empty when there was nothing to do), so the editor runs it as one undo
step and the command line calls it directly.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from briefing.core.editing.changes import NOTHING, Changes
from briefing.core.editing.sections import BlockRef, insert_blocks
from briefing.core.editing.sources import next_source_id
from briefing.core.memory.keys import source_key
from briefing.core.model.article import Article
from briefing.core.model.document import Briefing, Calibration


@dataclass(frozen=True)
class LibrarySource:
    """A source found in the library, not necessarily in the briefing yet, and the blocks of
    it wanted (all of them when ``blocks`` is empty): what a drag from the Library carries."""

    article: Article
    blocks: tuple[str, ...] = ()


def _own_copy(briefing: Briefing, article: Article) -> Article | None:
    """The briefing's source with the same content as ``article`` (see ``source_key``)."""
    key = source_key(article)
    return next((a for a in briefing.sources if source_key(a) == key), None)


def _adopt(briefing: Briefing, article: Article) -> tuple[Article, Changes]:
    """The briefing's copy of ``article``: the one it has, else a new source (its next id)."""
    own = _own_copy(briefing, article)
    if own is not None:
        return own, NOTHING
    own = copy.deepcopy(article)
    own.id = next_source_id(briefing)
    briefing.sources.append(own)
    return own, Changes(sources=True)


def add_library_source(briefing: Briefing, article: Article) -> Changes:
    """Add a copy of a source found in the library to the briefing's sources; nothing changes
    when the briefing already has a source with the same content."""
    return _adopt(briefing, article)[1]


def insert_library_source(
    briefing: Briefing,
    section_id: str,
    found: LibrarySource,
    position: int | None = None,
    *,
    before_block: int | None = None,
) -> Changes:
    """Insert blocks of a source found in the library into a section as cited passages (see
    :func:`~briefing.core.editing.sections.insert_blocks`), the source joining the briefing's
    sources in the same operation unless the briefing has it already (then its copy is cited).

    ``position`` and ``before_block`` say where, as for :func:`insert_blocks`. Nothing changes
    (no source added either) when the section is unknown or none of the wanted blocks exists.
    """
    wanted = [b.id for b in found.article.blocks if not found.blocks or b.id in found.blocks]
    if briefing.section(section_id) is None or not wanted:
        return NOTHING
    own, added = _adopt(briefing, found.article)
    refs = [BlockRef(own.id, tuple(wanted))]
    inserted = insert_blocks(briefing, section_id, refs, position, before_block=before_block)
    return added | inserted


def show_changes(briefing: Briefing, show: bool) -> Changes:
    """Put the "What changed since the last edition" section in the pages, or take it out;
    nothing changes for a briefing that is not a later edition."""
    edition = briefing.edition
    if edition is None or edition.show_changes == show:
        return NOTHING
    edition.show_changes = show
    return Changes(edition=True)


def set_calibration(briefing: Briefing, calibration: Calibration | None) -> Changes:
    """Freeze a calibration record into the briefing as its appendix (``None`` removes it)."""
    if briefing.calibration == calibration:
        return NOTHING
    briefing.calibration = copy.deepcopy(calibration)
    return Changes(calibration=True)


def set_resolution(briefing: Briefing, row: int, resolve_by: str | None, criteria: str) -> Changes:
    """Set when prediction ``row`` resolves (an ISO date, or ``None`` to read it from its time
    frame) and how the analyst will tell it happened."""
    if not 0 <= row < len(briefing.predictions):
        return NOTHING
    prediction = briefing.predictions[row]
    if (prediction.resolve_by, prediction.criteria) == (resolve_by, criteria):
        return NOTHING
    prediction.resolve_by, prediction.criteria = resolve_by, criteria
    return Changes(predictions=True)
