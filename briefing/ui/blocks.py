"""Source blocks as Markdown passages, and the drag-and-drop payload that carries them."""

from __future__ import annotations

import json
from dataclasses import dataclass

from PySide6.QtCore import QMimeData

from briefing.core.model.article import Block

BLOCKS_MIME = "application/x-briefing-blocks"


@dataclass(frozen=True)
class BlockRef:
    """Some blocks of one source, in order."""

    source: str
    blocks: tuple[str, ...]


def block_markdown(block: Block, source_id: str) -> str:
    """The block as a Markdown passage ending in a ``[@sN]`` citation."""
    cite = f" [@{source_id}]" if source_id else ""
    text = block.text.strip()
    if block.kind == "heading":
        level = min(max(block.level or 2, 2), 6)
        return f"{'#' * level} {text}"
    if block.kind == "list":
        return f"{text}{cite}"
    if block.kind == "quote":
        quoted = "\n".join(f"> {line}" if line else ">" for line in text.splitlines())
        return f"{quoted}{cite}"
    if block.kind == "callout":
        label = f"**{block.label}:** " if block.label else ""
        return f"> {label}{text}{cite}"
    if block.kind == "qa" and block.question is not None:
        return f"**{block.question.strip()}**\n\n{(block.answer or '').strip()}{cite}"
    return f"{text}{cite}"


def encode_refs(refs: list[BlockRef]) -> QMimeData:
    """Mime data for dragging blocks (plain text carries the ids for other apps)."""
    mime = QMimeData()
    payload = [{"source": r.source, "blocks": list(r.blocks)} for r in refs]
    mime.setData(BLOCKS_MIME, json.dumps(payload).encode("utf-8"))
    mime.setText(" ".join(f"[@{r.source}]" for r in refs))
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
