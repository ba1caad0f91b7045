"""Source blocks as Markdown passages, and the drag-and-drop payload that carries them.

Blocks of a source in the open briefing travel as ids (``BLOCKS_MIME``); a source found in the
library travels whole (``LIBRARY_MIME``: the article and the blocks wanted), and is added to
the briefing's sources as it is dropped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from PySide6.QtCore import QMimeData

from briefing.core.article import Article, Block

BLOCKS_MIME = "application/x-briefing-blocks"
LIBRARY_MIME = "application/x-briefing-library-source"
MAX_LIBRARY_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class BlockRef:
    """Some blocks of one source, in order; ``article`` is set for a source from the library
    (not yet in the briefing)."""

    source: str
    blocks: tuple[str, ...]
    article: Article | None = field(default=None, compare=False)


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


def encode_library(article: Article, blocks: list[str]) -> QMimeData:
    """Mime data for dragging a library source (or some of its blocks) into a section."""
    mime = QMimeData()
    payload = {"article": article.to_dict(), "blocks": blocks}
    mime.setData(LIBRARY_MIME, json.dumps(payload).encode("utf-8"))
    chosen = [b for b in article.blocks if b.id in blocks] or article.blocks
    mime.setText("\n\n".join(b.text for b in chosen))
    return mime


def _decode_library(mime: QMimeData) -> list[BlockRef]:
    data = bytes(mime.data(LIBRARY_MIME).data())
    if len(data) > MAX_LIBRARY_BYTES:
        return []
    try:
        payload = json.loads(data.decode("utf-8"))
        article = Article.from_dict(payload["article"])
        wanted = [str(b) for b in payload.get("blocks") or []]
    except (ValueError, KeyError, TypeError, RecursionError):
        return []
    ids = [b.id for b in article.blocks if not wanted or b.id in wanted]
    return [BlockRef("", tuple(ids), article)] if ids else []


def decode_refs(mime: QMimeData) -> list[BlockRef]:
    """The block references in ``mime``; empty when it carries none (or garbage)."""
    if mime.hasFormat(LIBRARY_MIME):
        return _decode_library(mime)
    if not mime.hasFormat(BLOCKS_MIME):
        return []
    try:
        payload = json.loads(bytes(mime.data(BLOCKS_MIME).data()).decode("utf-8"))
        return [
            BlockRef(str(item["source"]), tuple(str(b) for b in item["blocks"])) for item in payload
        ]
    except (ValueError, KeyError, TypeError):
        return []
