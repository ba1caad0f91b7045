"""Ids read from a ``.briefing`` file made safe to use: slugs, unique, references kept."""

from __future__ import annotations

from briefing.core.model.document import Briefing
from briefing.core.safe_text import safe_id, unique_safe_ids


def make_ids_safe(b: Briefing) -> None:
    """Every id in the document, its previous edition's too, becomes a unique slug
    (``A-Z a-z 0-9 _ -``); prediction ids keep their own rule (see ``document_io``).

    Ids go into HTML anchors, footnote labels and citations; a file may hold anything there
    (``x"><script>...``). Safe ids are kept as they are; a renamed source id is renamed in
    the origins and predictions that point at it too.
    """
    for section, new in zip(
        b.sections,
        unique_safe_ids((s.id for s in b.sections), "section", keep_empty=False),
        strict=True,
    ):
        section.id = new
    renamed: dict[str, str] = {}
    for article, new in zip(
        b.sources, unique_safe_ids((a.id for a in b.sources), "source"), strict=True
    ):
        if article.id != new:
            renamed.setdefault(article.id, new)
        article.id = new
        for block, block_id in zip(
            article.blocks, unique_safe_ids((x.id for x in article.blocks), "block"), strict=True
        ):
            block.id = block_id
    predictions = list(b.predictions)
    if b.edition is not None:  # the previous edition kept in the file: the same rules
        edition = b.edition
        for section, new in zip(
            edition.sections,
            unique_safe_ids((s.id for s in edition.sections), "section", keep_empty=False),
            strict=True,
        ):
            section.id = new
        for ref in edition.sources:
            ref.id = _kept_id(renamed.get(ref.id, ref.id), "source")
        predictions += edition.predictions
    origins = [o for s in b.sections for o in s.origins]
    origins += [p.origin for p in predictions if p.origin is not None]
    for origin in origins:
        origin.source = _kept_id(renamed.get(origin.source, origin.source), "source")
        origin.block = _kept_id(origin.block, "block")
    for prediction in predictions:
        if prediction.source is not None:
            source = prediction.source
            prediction.source = _kept_id(renamed.get(source, source), "source")


def _kept_id(value: str, fallback: str) -> str:
    return safe_id(value, fallback) if value else value
