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
# "" = not assessed: nobody has judged it yet (a drafted candidate starts so).
Confidence = Literal["", "low", "moderate", "high"]


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
    confidence: Confidence = ""
    indicators: list[str] = field(default_factory=list)
    status: Literal["open", "resolved"] = "open"
    source: str | None = None  # source id when proposed from an article
    origin: Origin | None = None
    criteria: str = ""  # how the analyst will tell it happened
    # The ledger's key, kept in the file across saves and editions; "" until the code that
    # puts the prediction in a briefing gives it one (see ``briefing.core.model.ids``).
    id: str = ""


@dataclass
class SourceRef:
    """A source as an earlier edition listed it (no body): enough to tell what is new."""

    id: str
    title: str
    key: str  # content key (see ``briefing.core.memory.keys.source_key``)
    site: str | None = None
    url: str | None = None


@dataclass
class Edition:
    """This briefing is edition ``number`` of a series; the previous edition as it stood.

    The previous edition's sections, judgements and source list are kept here (a few KB,
    no source bodies) so "what changed" is known from this file alone, offline, even after
    the earlier file moved. ``show_changes`` adds the "What changed" section to the PDF.
    """

    number: int = 1
    series: str = ""  # shared by every edition of one recurring briefing
    previous_path: str = ""  # where the previous edition was when this one was started
    previous_title: str = ""
    previous_date: str = ""
    sections: list[Section] = field(default_factory=list)
    predictions: list[Prediction] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    show_changes: bool = False


@dataclass
class CalibrationBin:
    """One likelihood band of a calibration appendix: forecasts made and how many came true."""

    label: str
    low: int  # percent, inclusive
    high: int  # percent, inclusive
    count: int
    mean_forecast: float  # 0-1
    observed: float  # 0-1, the share that happened


@dataclass
class Calibration:
    """A calibration record frozen into a briefing (the appendix shows it as of ``as_of``)."""

    scope: str  # e.g. "analyst A. Analyst" or "all predictions"
    as_of: str  # ISO date
    resolved: int  # scored predictions (happened or did not)
    brier: float | None
    bins: list[CalibrationBin] = field(default_factory=list)
    unknown: int = 0  # resolved as "cannot tell": not scored


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
    edition: Edition | None = None  # set when started as the next edition of another
    calibration: Calibration | None = None  # an optional calibration appendix in the PDF

    @property
    def likelihood_scale(self) -> str:
        """The probability scale of its predictions: the template's ("icd203" without one)."""
        return self.template.likelihood_scale if self.template else "icd203"

    def section(self, section_id: str) -> Section | None:
        """The section with this id, or ``None``."""
        return next((s for s in self.sections if s.id == section_id), None)

    def source(self, source_id: str) -> Article | None:
        """The embedded source article with this id, or ``None``."""
        return next((a for a in self.sources if a.id == source_id), None)
