"""The briefing document an analyst edits.

A ``Briefing`` is self-contained: it embeds its source articles in full and snapshots the
template and brand it was made with, so it renders the same offline and after the library
changes. Citations in section Markdown are written ``[@s1]`` (a source id); ``origins`` on a
section record which source block each drafted passage came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from briefing.core.model.article import Article
from briefing.core.model.template import Brand, Template

UNTITLED = "Untitled briefing"  # the title of a briefing nobody has named yet
Status = Literal["draft", "final"]
Confidence = Literal["low", "moderate", "high"]


@dataclass
class Meta:
    analyst: str = ""
    organisation: str = ""
    date: str = ""  # ISO date
    audience: str = ""
    handling: str = "TLP:CLEAR"
    reference: str = ""
    status: Status = "draft"


@dataclass
class Origin:
    """Where a drafted passage came from: a source id and a block id in it."""

    source: str
    block: str


@dataclass
class Section:
    id: str
    title: str
    markdown: str = ""
    guidance: str = ""
    word_budget: int | None = None
    origins: list[Origin] = field(default_factory=list)


@dataclass
class Prediction:
    statement: str
    probability: int | None = None  # 0-100
    term: str = ""  # estimative term, e.g. "likely"
    timeframe: str = ""  # free text, e.g. "by end of 2026"
    resolve_by: str | None = None  # ISO date
    confidence: Confidence = "moderate"
    indicators: list[str] = field(default_factory=list)
    status: Literal["open", "resolved"] = "open"
    source: str | None = None  # source id when proposed from an article
    origin: Origin | None = None


@dataclass
class Briefing:
    title: str
    subtitle: str = ""
    meta: Meta = field(default_factory=Meta)
    sections: list[Section] = field(default_factory=list)
    predictions: list[Prediction] = field(default_factory=list)
    sources: list[Article] = field(default_factory=list)
    template: Template | None = None  # snapshot; template.id names it in the library
    brand: Brand | None = None  # snapshot; brand.id names it in the library

    def section(self, section_id: str) -> Section | None:
        """The section with this id, or ``None``."""
        return next((s for s in self.sections if s.id == section_id), None)

    def source(self, source_id: str) -> Article | None:
        """The embedded source article with this id, or ``None``."""
        return next((a for a in self.sources if a.id == source_id), None)
