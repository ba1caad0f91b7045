"""Type per font family: the body's size and leading, and how wide a family sets text.

The stylesheet (:mod:`briefing.core.rendering.style`) sets each brand's body in its family's
size and leading, so every brand's text has the same colour and measure; drafting's page
estimate (:mod:`briefing.core.drafting.pages`) reads the same figures to know how many lines a
page holds and how many characters a line does. One table, so the two never drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

PT_MM = 25.4 / 72


@dataclass(frozen=True)
class BodyType:
    size_pt: float
    leading: float  # line height as a multiple of the size

    @property
    def line_mm(self) -> float:
        return self.size_pt * self.leading * PT_MM


# A Garamond's small x-height needs a point more than Charter; Lato sets large.
BODY_TYPE: dict[str, BodyType] = {
    "XCharter": BodyType(11.0, 1.42),
    "EB Garamond": BodyType(11.5, 1.38),
    "Lato": BodyType(10.5, 1.45),
    "Source Sans 3": BodyType(10.5, 1.45),
}
DEFAULT_BODY_TYPE = BodyType(10.5, 1.45)

# The average advance of a character of English running text (spaces and punctuation
# included), in ems of the regular weight, hyphenated as the PDF is: the demo article's and the
# sample paste's paragraphs set as one on a 150 mm measure in each bundled family, at its body
# size (``scripts/page_metrics.py --widths``). Bold is taken as 7 % wider.
SET_WIDTH_EM: dict[str, float] = {
    "XCharter": 0.445,
    "EB Garamond": 0.384,
    "Lato": 0.441,
    "Source Sans 3": 0.426,
    "Raleway": 0.471,
    "Roboto": 0.451,
    "Open Sans": 0.476,
    "Noto Sans": 0.481,
    "Poppins": 0.516,
    "Gentium Book Plus": 0.426,
    "Ubuntu": 0.461,
    "Mukta": 0.426,
    "Open Sauce Sans": 0.496,
}
WIDEST_SET_WIDTH_EM = 0.53  # a family not measured (a brand's own font) counts as a wide one
BOLD_WIDTH = 1.07


def body_type(family: str) -> BodyType:
    """The body size and leading the stylesheet uses for ``family``."""
    return BODY_TYPE.get(family, DEFAULT_BODY_TYPE)


def set_width_em(family: str) -> float:
    """How wide ``family`` sets running text: the average character's advance, in ems."""
    return SET_WIDTH_EM.get(family, WIDEST_SET_WIDTH_EM)
