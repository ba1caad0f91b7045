"""The drag-and-drop payloads that carry sources into a section.

Blocks of a source in the open briefing travel as ids (``BLOCKS_MIME``); a source found in the
library travels whole (``LIBRARY_MIME``: the article and the blocks wanted), and joins the
briefing's sources as it is dropped (:func:`briefing.core.editing.insert_library_source`).
"""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData

from briefing.core.editing import BlockRef, LibrarySource
from briefing.core.model.article import Article
from briefing.core.model.markup import citation

BLOCKS_MIME = "application/x-briefing-blocks"
LIBRARY_MIME = "application/x-briefing-library-source"
MAX_LIBRARY_BYTES = 20 * 1024 * 1024

Dropped = list[BlockRef] | LibrarySource  # what a drop on a section carries


def encode_refs(refs: list[BlockRef]) -> QMimeData:
    """Mime data for dragging blocks (plain text carries the ids for other apps)."""
    mime = QMimeData()
    payload = [{"source": r.source, "blocks": list(r.blocks)} for r in refs]
    mime.setData(BLOCKS_MIME, json.dumps(payload).encode("utf-8"))
    mime.setText(" ".join(citation(r.source) for r in refs))
    return mime


def decode_refs(mime: QMimeData) -> list[BlockRef]:
    """The block references in ``mime``; empty when it carries none (or garbage)."""
    if not mime.hasFormat(BLOCKS_MIME):
        return []
    try:
        payload = json.loads(bytes(mime.data(BLOCKS_MIME).data()).decode("utf-8"))
        return [
            BlockRef(str(item["source"]), tuple(str(b) for b in item["blocks"])) for item in payload
        ]
    except (ValueError, KeyError, TypeError):
        return []


def encode_library(article: Article, blocks: list[str]) -> QMimeData:
    """Mime data for dragging a library source (or some of its blocks) into a section."""
    mime = QMimeData()
    payload = {"article": article.to_dict(), "blocks": blocks}
    mime.setData(LIBRARY_MIME, json.dumps(payload).encode("utf-8"))
    chosen = [b for b in article.blocks if b.id in blocks] or article.blocks
    mime.setText("\n\n".join(b.text for b in chosen))
    return mime


def decode_library(mime: QMimeData) -> LibrarySource | None:
    """The library source in ``mime``; ``None`` when it carries none (or garbage)."""
    if not mime.hasFormat(LIBRARY_MIME):
        return None
    data = bytes(mime.data(LIBRARY_MIME).data())
    if len(data) > MAX_LIBRARY_BYTES:
        return None
    try:
        payload = json.loads(data.decode("utf-8"))
        article = Article.from_dict(payload["article"])
        wanted = tuple(str(b) for b in payload.get("blocks") or [])
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    return LibrarySource(article, wanted) if article.blocks else None


def can_drop(mime: QMimeData) -> bool:
    """Whether ``mime`` carries sources a section takes (checked on every drag move, so the
    library payload is not decoded here)."""
    return mime.hasFormat(LIBRARY_MIME) or bool(decode_refs(mime))


def decode_drop(mime: QMimeData) -> Dropped:
    """What a drop on a section carries: a library source, else block references (empty when
    neither)."""
    return decode_library(mime) or decode_refs(mime)
