"""The stylesheet for a brand: page, running header and footer, cover, body, callouts, tables.

Brand values are data from a possibly shared brand package, so every value that reaches the
CSS is validated (colours must be hex, sizes numbers, families a safe character set): a
brand can never smuggle ``url()`` or other CSS into the stylesheet.
"""

from __future__ import annotations

import base64
import functools
import re

from briefing.core.model.template import Brand, BrandColors
from briefing.core.model.typography import body_type
from briefing.core.paths import resources_dir
from briefing.core.rendering.fonts import (
    DEFAULT_BODY,
    DEFAULT_HEADING,
    family_stack,
    resolve_family,
)

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def safe_colour(value: object, fallback: str) -> str:
    """``value`` when it is a ``#RGB`` or ``#RRGGBB`` colour, else ``fallback``."""
    return value if isinstance(value, str) and _HEX.match(value) else fallback


def _mm(value: object, fallback: float) -> float:
    if isinstance(value, (int, float)) and 5 <= value <= 60:
        return float(value)
    return fallback


def _tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white: ``amount`` of the colour, the rest white."""
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    rgb = [int(digits[i : i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(c * amount + 255 * (1 - amount)) for c in rgb]
    return "#" + "".join(f"{c:02X}" for c in mixed)


def watermark_css(brand: Brand, word: str = "DRAFT") -> str:
    """A page background with ``word`` set diagonally and faintly, on every page.

    A page background costs WeasyPrint one cached image; a fixed-position element was laid
    out again on every page (about 40 % of a 40-page render).
    """
    family = resolve_family(brand.fonts.heading, brand, DEFAULT_HEADING)
    accent = safe_colour(brand.colors.accent, BrandColors().accent)
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800" '
        'viewBox="0 0 600 800"><text x="300" y="400" text-anchor="middle" '
        'dominant-baseline="middle" transform="rotate(-35 300 400)" '
        f'font-family="{family}" font-weight="700" font-size="150" letter-spacing="12" '
        f'fill="{accent}" fill-opacity="0.06">{word}</text></svg>'
    )
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
    background = f'url("{uri}") no-repeat center / 165mm auto'
    return f"@media print {{ @page {{ background: {background}; }} }}"


@functools.cache
def _base_css() -> str:
    """The stylesheet with its ``$NAMES`` left to fill (``resources/css/briefing.css``)."""
    return (resources_dir() / "css" / "briefing.css").read_text("utf-8")


def brand_css(brand: Brand) -> str:
    """CSS for the PDF (and, with the screen rules, the standalone HTML)."""
    d = BrandColors()
    primary = safe_colour(brand.colors.primary, d.primary)
    accent = safe_colour(brand.colors.accent, d.accent)
    text = safe_colour(brand.colors.text, d.text)
    muted = safe_colour(brand.colors.muted, d.muted)
    margins = brand.margins_mm if len(brand.margins_mm) == 4 else (22.0, 20.0, 22.0, 20.0)
    top, right, bottom, left = (_mm(m, 20.0) for m in margins)
    size = brand.page_size if brand.page_size in ("A4", "Letter") else "A4"
    page_height = 297.0 if size == "A4" else 279.4
    cover_height = max(60.0, page_height - top - bottom - 2)
    heading_family = resolve_family(brand.fonts.heading, brand, DEFAULT_HEADING)
    heading = family_stack(heading_family, "sans-serif")
    body_family = resolve_family(brand.fonts.body, brand, DEFAULT_BODY)
    body = family_stack(body_family, "serif")
    setting = body_type(body_family)
    body_pt, leading = setting.size_pt, setting.leading
    return (
        _base_css()
        .replace("$PRIMARY", primary)
        .replace("$PTINT7", _tint(primary, 0.07))
        .replace("$PTINT4", _tint(primary, 0.04))
        .replace("$ATINT6", _tint(accent, 0.06))
        .replace("$ACCENT", accent)
        .replace("$TEXT", text)
        .replace("$MUTED", muted)
        .replace("$SIZE", size)
        .replace("$COVERH", f"{cover_height:.1f}mm")
        .replace("$MARGINS", f"{top}mm {right}mm {bottom}mm {left}mm")
        .replace("$HEADING", heading)
        .replace("$BODYPT", f"{body_pt}pt")
        .replace("$FITLEADING", f"{leading - 0.04:.2f}")
        .replace("$LEADING", f"{leading}")
        .replace("$BODY", body)
    )
