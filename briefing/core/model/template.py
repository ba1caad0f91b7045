"""Templates (the structure of a briefing) and brands (its house style).

Both are plain data. Serialisation, validation and the library that stores them live in
``briefing.core.storage``; this module only defines the shapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

# What a library item (or a package file sharing one) is.
LibraryKind = Literal["template", "brand"]

# What article content fills a section automatically when drafting.
FillKind = Literal[
    "narrative",  # the article's running text, headings kept one level down
    "key-takeaway",  # "Key Takeaway" callouts
    "bottom-line",  # key takeaways condensed to a bottom line (BLUF)
    "qa",  # Q&A pairs, merged across articles
    "predictions",  # forward-looking statements as prediction candidates
    "callouts",  # other callouts (Did you know?, Expert Insight, Pro Tip...)
    "none",  # left for the analyst to write
]


@dataclass
class SectionSpec:
    """One section a template asks for."""

    id: str
    title: str
    guidance: str = ""
    fill: list[str] = field(default_factory=list)  # FillKind values
    word_budget: int | None = None
    required: bool = False


@dataclass
class Classification:
    """A handling marking a template defines besides TLP, e.g. ``OFFICIAL-SENSITIVE``.

    When a briefing's handling label is this ``label``, every page carries it as a banner
    (top, bottom or both, centred, in these colours) instead of a TLP label.
    """

    label: str
    text_color: str = "#FFFFFF"
    background: str = "#000000"
    top: bool = True
    bottom: bool = True
    portion: str = ""  # the short mark set before each paragraph, e.g. "OS"; the label if empty
    description: str = ""  # how to handle it, stated on the cover


@dataclass
class Template:
    """The structure of a briefing: its sections, page budget and defaults."""

    id: str
    name: str
    description: str = ""
    sections: list[SectionSpec] = field(default_factory=list)
    page_budget: int | None = None
    # The probability scale its predictions' estimative terms follow: "icd203" (US ICD 203)
    # or "phia" (the UK PHIA probability yardstick); see briefing.core.model.estimative.
    likelihood_scale: str = "icd203"
    handling: str = "TLP:CLEAR"
    brand: str = "default"
    classifications: list[Classification] = field(default_factory=list)
    portion_marks: bool = False  # the handling mark before every paragraph
    builtin: bool = False
    # Where the library found it: "builtin", "user", "team"; "" when it came from elsewhere
    # (a briefing's snapshot, a package being imported).
    origin: str = ""

    @property
    def read_only(self) -> bool:
        """Built-in and team templates cannot be changed in place, only duplicated."""
        return self.builtin or self.origin in ("builtin", "team")


@dataclass
class BrandColors:
    primary: str = "#1F3A5F"
    accent: str = "#C8102E"
    text: str = "#1A1A1A"
    muted: str = "#6B7280"


@dataclass
class BrandFonts:
    heading: str = "Source Sans 3"
    body: str = "XCharter"
    # User font files: family name -> data: URI (kept inline so a briefing stays self-contained)
    files: dict[str, str] = field(default_factory=dict)


@dataclass
class Brand:
    """A house style: logo, colours, fonts, page and running header/footer."""

    id: str
    name: str
    logo: str | None = None  # data: URI (SVG or PNG), inlined so snapshots are self-contained
    colors: BrandColors = field(default_factory=BrandColors)
    fonts: BrandFonts = field(default_factory=BrandFonts)
    page_size: Literal["A4", "Letter"] = "A4"
    margins_mm: tuple[float, float, float, float] = (22.0, 20.0, 22.0, 20.0)  # t, r, b, l
    # Fields shown in the running header and footer: "organisation", "handling", "date",
    # "title", "page" (Page N of M), "reference".
    header: list[str] = field(default_factory=lambda: ["organisation", "handling"])
    footer: list[str] = field(default_factory=lambda: ["handling", "date", "page"])
    cover_page: bool = False
    watermark: bool = True  # DRAFT watermark while status is draft
    # Citations: "endnotes" (numbers pointing at the Sources list) or "footnotes" (the
    # reference at the foot of the page, in full the first time).
    citations: Literal["endnotes", "footnotes"] = "endnotes"
    toc_min_pages: int | None = None  # a table of contents once the PDF has more pages
    logo_alt: str = ""  # the logo's alternative text ("<name> logo" when empty)
    # What an imported _brand.yml held that Briefing does not use, written back on export.
    brand_yml: dict[str, Any] = field(default_factory=dict)
    builtin: bool = False
    description: str = ""
    origin: str = ""  # "builtin", "user", "team" or "" (see Template.origin)

    @property
    def read_only(self) -> bool:
        """Built-in and team brands cannot be changed in place, only duplicated."""
        return self.builtin or self.origin in ("builtin", "team")
