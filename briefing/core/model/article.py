"""An imported article: metadata plus an ordered list of typed blocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

BlockKind = Literal["heading", "paragraph", "list", "quote", "callout", "qa"]
BLOCK_KINDS: tuple[BlockKind, ...] = ("heading", "paragraph", "list", "quote", "callout", "qa")


@dataclass
class Block:
    """One piece of an article's body.

    ``text`` is always Markdown-flavoured plain text (inline emphasis and links kept as
    Markdown). A ``list`` block holds ``- item`` lines; a ``qa`` block has ``question`` and
    ``answer`` and its ``text`` is the two joined by a newline. ``id`` is stable within
    its article so drafted passages can point back at the block they came from.
    """

    kind: BlockKind
    text: str
    id: str = ""
    level: int | None = None  # heading level 1-6
    label: str | None = None  # callout label, e.g. "Key Takeaway"
    question: str | None = None
    answer: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict; keys that do not apply are left out."""
        out: dict[str, Any] = {"id": self.id, "kind": self.kind, "text": self.text}
        for key in ("level", "label", "question", "answer"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        """Inverse of :meth:`to_dict`; raises ``ValueError`` on a malformed dict."""
        kind = data.get("kind")
        if kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind {kind!r}")
        text = data.get("text")
        if not isinstance(text, str):
            raise ValueError("block text must be a string")
        level = data.get("level")
        if level is not None and not isinstance(level, int):
            raise ValueError("block level must be an integer")
        opt: dict[str, str | None] = {}
        for key in ("label", "question", "answer"):
            value = data.get(key)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"block {key} must be a string")
            opt[key] = value
        return cls(
            kind=kind,
            text=text,
            id=str(data.get("id", "")),
            level=level,
            label=opt["label"],
            question=opt["question"],
            answer=opt["answer"],
        )


@dataclass
class Article:
    """A cleaned article: metadata and body blocks (no title, byline or site chrome)."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO date, YYYY-MM-DD
    site: str | None = None
    url: str | None = None
    language: str | None = None
    id: str = ""  # source id within a briefing, e.g. "s1"
    origin: str | None = None  # file name or "clipboard" it was imported from
    imported: str | None = None  # ISO date it was imported (the library lists it)
    accessed: str | None = None  # ISO date the analyst read it (imported it), for references

    @property
    def text(self) -> str:
        """The body as plain text: block texts joined by blank lines."""
        return "\n\n".join(b.text for b in self.blocks)

    def block(self, block_id: str) -> Block | None:
        """The block with this id, or ``None``."""
        return next((b for b in self.blocks if b.id == block_id), None)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {
            "id": self.id,
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published,
            "site": self.site,
            "url": self.url,
            "language": self.language,
            "origin": self.origin,
            "imported": self.imported,
            **({"accessed": self.accessed} if self.accessed else {}),
            "blocks": [b.to_dict() for b in self.blocks],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Inverse of :meth:`to_dict`; raises ``ValueError`` on a malformed dict."""
        if not isinstance(data, dict):
            raise ValueError("article must be an object")
        title = data.get("title")
        if not isinstance(title, str):
            raise ValueError("article title must be a string")
        authors = data.get("authors", [])
        if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
            raise ValueError("article authors must be a list of strings")
        blocks = data.get("blocks", [])
        if not isinstance(blocks, list):
            raise ValueError("article blocks must be a list")

        def opt(key: str) -> str | None:
            value = data.get(key)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"article {key} must be a string")
            return value

        return cls(
            title=title,
            blocks=[Block.from_dict(b) for b in blocks],
            authors=list(authors),
            published=opt("published"),
            site=opt("site"),
            url=opt("url"),
            language=opt("language"),
            id=str(data.get("id", "")),
            origin=opt("origin"),
            imported=opt("imported"),
            accessed=opt("accessed"),
        )
