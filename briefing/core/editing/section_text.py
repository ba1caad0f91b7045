"""A section's Markdown read back as chunks and sentences, so whole sentences can be taken out
of it or put into it without touching the rest.

Headings and containers (callouts, Q&A pairs, check notes) are chunks kept as written;
paragraphs, list items and quote lines are read as sentences. A sentence keeps its own
trailing citation; :func:`write` gives a paragraph back with the citations of drafted
sentences recomputed by run (see :mod:`briefing.core.drafting.writing`), and the analyst's
own sentences exactly as they were.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from briefing.core.analysis import split_text
from briefing.core.drafting.writing import plain
from briefing.core.model import markup

__all__ = ["Chunk", "Unit", "parse", "sentence_key", "write"]

_CITE_TAIL = re.compile(r"\s*\[@[^\]\n]*\]\s*$")
_ITEM = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+)(.*)$")


def sentence_key(text: str) -> str:
    """What two copies of a sentence share: its words, spaces and a trailing citation aside."""
    return plain(_CITE_TAIL.sub("", text.replace("\\:::", ":::")))


@dataclass
class Unit:
    """One sentence of a paragraph: as written, and the key it is matched by."""

    raw: str
    key: str
    sources: tuple[str, ...] = ()  # set when it is a drafted sentence (its citation is redone)


@dataclass
class Chunk:
    """A heading, a container, or a run of sentences (a paragraph, a list item, a quote)."""

    kind: str  # "heading", "container", "paragraph", "item", "quote", "other"
    raw: str = ""  # as written (headings, containers, other)
    units: list[Unit] = field(default_factory=list)
    prefix: str = ""  # "- " for a list item, "> " for a quote
    level: int = 0  # of a heading
    name: str = ""  # of a container: "callout", "qa", "check"


def _units(text: str) -> list[Unit]:
    return [Unit(text[a:b], sentence_key(text[a:b])) for a, b in split_text(text)]


def parse(markdown: str) -> list[Chunk]:
    """The section's Markdown as chunks, in order (blank lines between them dropped)."""
    out: list[Chunk] = []
    lines = markdown.split("\n")
    i = 0
    para: list[str] = []

    def flush() -> None:
        if para:
            out.append(Chunk("paragraph", units=_units(" ".join(s.strip() for s in para))))
            para.clear()

    while i < len(lines):
        line = lines[i]
        fence = markup.parse_fence(line)
        stripped = line.strip()
        if fence is not None and not fence.closes:
            flush()
            depth, j = 1, i + 1
            while j < len(lines) and depth:
                inner = markup.parse_fence(lines[j])
                if inner is not None:
                    depth += -1 if inner.closes else 1 if inner.name in markup.CONTAINERS else 0
                j += 1
            out.append(Chunk("container", raw="\n".join(lines[i:j]), name=fence.name))
            i = j
            continue
        if not stripped:
            flush()
        elif stripped.startswith("#"):
            flush()
            level = len(stripped) - len(stripped.lstrip("#"))
            out.append(Chunk("heading", raw=stripped, level=level))
        elif (item := _ITEM.match(line)) is not None:
            flush()
            out.append(Chunk("item", units=_units(item.group(2)), prefix="- "))
        elif stripped.startswith(">"):
            flush()
            text = stripped.lstrip(">").strip()
            if out and out[-1].kind == "quote" and not para:
                out[-1].units += _units(text)
            else:
                out.append(Chunk("quote", units=_units(text), prefix="> "))
        elif stripped.startswith(("|", "```", "~~~", "    ")):
            flush()
            out.append(Chunk("other", raw=line))
        else:
            para.append(line)
        i += 1
    flush()
    return out


def _text(units: list[Unit]) -> str:
    out: list[str] = []
    for n, unit in enumerate(units):
        if not unit.sources:
            out.append(unit.raw.strip())
            continue
        text = unit.key
        following = units[n + 1] if n + 1 < len(units) else None
        if following is None or following.sources != unit.sources:
            text = f"{text} {markup.citation(*unit.sources)}"
        out.append(text)
    return markup.escape(" ".join(out))


def write(chunks: list[Chunk], keep: Callable[[Chunk], bool] = lambda c: True) -> str:
    """The chunks as Markdown again; paragraphs with no sentence left, and headings with
    nothing under them before the next heading, are left out."""
    body = [c for c in chunks if (c.units or c.kind not in ("paragraph", "item", "quote"))]
    body = [c for c in body if keep(c)]
    kept: list[Chunk] = []
    for n, chunk in enumerate(body):
        if chunk.kind == "heading":
            rest = body[n + 1 :]
            following = next(
                (c for c in rest if c.kind != "heading" or c.level <= chunk.level), None
            )
            if following is None or following.kind == "heading":
                continue
        kept.append(chunk)
    parts: list[str] = []
    for chunk in kept:
        if chunk.kind in ("heading", "container", "other"):
            text = chunk.raw
        elif chunk.kind == "quote":
            text = markup.quote(_text(chunk.units))
        else:
            text = chunk.prefix + _text(chunk.units)
        if parts and chunk.kind == "item" and parts[-1].startswith("- "):
            parts[-1] += "\n" + text  # list items stay one list
        else:
            parts.append(text)
    return "\n\n".join(parts) + "\n" if parts else ""
