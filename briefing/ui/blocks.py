"""The drag-and-drop payload that carries source blocks into a section."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData

from briefing.core.editing import BlockRef
from briefing.core.model.markup import citation

BLOCKS_MIME = "application/x-briefing-blocks"


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
