"""The brand as Word styles: fonts, colours, headings, callouts, Q&A, tables, footnotes.

Styles are edited in place on python-docx's default template (so Word's built-in names,
"Heading 1".."Heading 3", "Title", "Quote", "List Bullet", keep their meaning and the
navigation pane works) and added where Word has none (callouts, Q&A, cover block). Theme
fonts and theme colours are removed from the styles we set: in Word they would win over
the brand's values.
"""

from __future__ import annotations

import re
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from briefing.core.model.template import Brand, BrandColors
from briefing.core.rendering.fonts import DEFAULT_BODY, DEFAULT_HEADING, resolve_family

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
# Child order of the property elements we add to (Word refuses a file that breaks it).
_ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection "
    "tcFitText vAlign hideMark",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
    "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
    "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize "
    "tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook",
    "trPr": "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader "
    "tblCellSpacing jc hidden",
}
_RANK = {k: {n: i for i, n in enumerate(v.split())} for k, v in _ORDER.items()}


def place(parent: Any, child: Any) -> Any:
    """Insert ``child`` into a properties element at its schema position (replacing one of
    the same kind) and return it."""
    name = child.tag.rsplit("}", 1)[-1]
    kind = parent.tag.rsplit("}", 1)[-1]
    for old in parent.findall(child.tag):
        parent.remove(old)
    rank = _RANK.get(kind, {})
    mine = rank.get(name, len(rank))
    for index, existing in enumerate(parent):
        other = rank.get(str(existing.tag).rsplit("}", 1)[-1], len(rank))
        if other > mine:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def element(tag: str, **attrs: str) -> Any:
    """A new ``w:`` element with ``w:`` attributes."""
    el = OxmlElement(f"w:{tag}")
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def hex_colour(value: str, fallback: str) -> str:
    """``RRGGBB`` (no ``#``) for a brand colour, the fallback when it is not a hex colour."""
    colour = value if isinstance(value, str) and _HEX.match(value) else fallback
    digits = colour[1:]
    return ("".join(c * 2 for c in digits) if len(digits) == 3 else digits).upper()


def tint(colour: str, amount: float) -> str:
    """``RRGGBB`` of ``colour`` mixed with white (``amount`` of the colour)."""
    rgb = [int(colour[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(c * amount + 255 * (1 - amount)):02X}" for c in rgb)


class Palette:
    """The brand's validated colours and fonts, as Word wants them."""

    def __init__(self, brand: Brand) -> None:
        d = BrandColors()
        self.primary = hex_colour(brand.colors.primary, d.primary)
        self.accent = hex_colour(brand.colors.accent, d.accent)
        self.text = hex_colour(brand.colors.text, d.text)
        self.muted = hex_colour(brand.colors.muted, d.muted)
        self.heading_font = resolve_family(brand.fonts.heading, brand, DEFAULT_HEADING)
        self.body_font = resolve_family(brand.fonts.body, brand, DEFAULT_BODY)


def set_font(rpr: Any, family: str) -> None:
    """Name ``family`` for every script slot of a run-properties element, themes removed."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "cs"):
        fonts.set(qn(f"w:{attr}"), family)


def shade(props: Any, fill: str) -> None:
    """A solid background (paragraph, cell, table or run properties)."""
    place(props, element("shd", val="clear", color="auto", fill=fill))


_SIDES = ("top", "left", "bottom", "right", "between", "bar")


def border(ppr: Any, side: str, colour: str, eighths: int, space: int = 4) -> None:
    """A paragraph border on ``side`` (``left``, ``bottom``...), width in eighths of a point."""
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = place(ppr, element("pBdr"))
    edge = element(side, val="single", sz=str(eighths), space=str(space), color=colour)
    for old in borders.findall(edge.tag):
        borders.remove(old)
    later = [e for e in borders if _SIDES.index(str(e.tag).rsplit("}", 1)[-1]) > _SIDES.index(side)]
    if later:
        later[0].addprevious(edge)
    else:
        borders.append(edge)


def _style(document: Any, name: str, kind: Any = WD_STYLE_TYPE.PARAGRAPH) -> Any:
    try:
        return document.styles[name]
    except KeyError:
        style = document.styles.add_style(name, kind)
        if kind == WD_STYLE_TYPE.PARAGRAPH:
            style.base_style = document.styles["Normal"]
        return style


def _look(
    style: Any,
    family: str,
    size: float,
    colour: str,
    *,
    bold: bool | None = None,
    italic: bool | None = None,
) -> None:
    font = style.font
    set_font(style.element.get_or_add_rPr(), family)
    font.size = Pt(size)
    font.color.rgb = RGBColor.from_string(colour)
    color = style.element.rPr.find(qn("w:color"))
    if color is not None:
        for attr in ("themeColor", "themeShade", "themeTint"):
            color.attrib.pop(qn(f"w:{attr}"), None)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic


def _spacing(style: Any, before: float, after: float, line: float | None = None) -> None:
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing = line


def apply_brand(document: Any, palette: Palette) -> None:
    """Set the document's styles from the brand (see the module docstring)."""
    p = palette
    normal = document.styles["Normal"]
    _look(normal, p.body_font, 10.5, p.text)
    _spacing(normal, 0, 6, 1.15)
    for name, size, before, after in (
        ("Heading 1", 14, 16, 6),
        ("Heading 2", 11.5, 12, 3),
        ("Heading 3", 10.5, 10, 2),
        ("Heading 4", 10.5, 8, 2),
    ):
        style = _style(document, name)
        _look(style, p.heading_font, size, p.primary, bold=True, italic=False)
        _spacing(style, before, after)
        style.paragraph_format.keep_with_next = True
    border(document.styles["Heading 1"].element.get_or_add_pPr(), "bottom", p.primary, 10, 2)
    _look(_style(document, "Title"), p.heading_font, 23, p.primary, bold=True)
    title = document.styles["Title"].element.get_or_add_pPr()
    for old in title.findall(qn("w:pBdr")):
        title.remove(old)
    _spacing(document.styles["Title"], 4, 0, Pt(26))
    _look(_style(document, "Subtitle"), p.heading_font, 12.5, p.primary, italic=False)
    _spacing(document.styles["Subtitle"], 4, 0, 1.1)
    quote = _style(document, "Quote")
    _look(quote, p.body_font, 10.5, "333333", italic=True)
    border(quote.element.get_or_add_pPr(), "left", p.muted, 20, 8)
    quote.paragraph_format.left_indent = Pt(10)
    for name in ("List Bullet", "List Bullet 2", "List Number", "List Number 2", "List Continue"):
        _spacing(_style(document, name), 0, 3)
    for name, colour in (("Callout", p.primary), ("Takeaway", p.accent)):
        fill = tint(colour, 0.07 if name == "Callout" else 0.06)
        for suffix, size in (("", 10.5), (" Label", 8)):
            style = _style(document, name + suffix)
            ppr = style.element.get_or_add_pPr()
            shade(ppr, fill)
            border(ppr, "left", colour, 18, 8)
            style.paragraph_format.left_indent = Pt(8)
            style.paragraph_format.right_indent = Pt(4)
            _spacing(style, 0, 0, 1.3)
            if suffix:
                _look(style, p.heading_font, size, colour, bold=True)
                style.font.all_caps = True
                style.paragraph_format.keep_with_next = True
                _spacing(style, 8, 2)
            else:
                _look(style, p.body_font, size, p.text)
    _look(_style(document, "Question"), p.heading_font, 10.5, p.primary, bold=True)
    _spacing(document.styles["Question"], 6, 2)
    document.styles["Question"].paragraph_format.keep_with_next = True
    _spacing(_style(document, "Answer"), 0, 8)
    for name, size, colour, bold in (
        ("Cover Kicker", 8.5, "FFFFFF", True),
        ("Cover Label", 6.5, p.primary, True),
        ("Cover Value", 9, p.text, False),
        ("Table Text", 9, p.text, False),
        ("Table Header", 9, "FFFFFF", True),
        ("Scale Note", 7.5, p.muted, False),
        ("Source", 8.5, p.text, False),
        ("Footnote Text", 8.5, p.text, False),
    ):
        style = _style(document, name)
        _look(style, p.heading_font if name != "Source" else p.body_font, size, colour, bold=bold)
        _spacing(style, 0, 2 if name != "Source" else 4, 1.1)
    document.styles["Cover Kicker"].font.all_caps = True
    document.styles["Cover Label"].font.all_caps = True
    document.styles["Source"].paragraph_format.left_indent = Pt(18)
    document.styles["Source"].paragraph_format.first_line_indent = Pt(-18)
    reference = _style(document, "Footnote Reference", WD_STYLE_TYPE.CHARACTER)
    reference.font.superscript = True
    reference.font.color.rgb = RGBColor.from_string(p.accent)
    for name in ("Header", "Footer"):
        style = _style(document, name)
        _look(style, p.heading_font, 8, p.muted)
        _spacing(style, 0, 0, 1.0)
        for tabs in style.element.get_or_add_pPr().findall(qn("w:tabs")):
            tabs.getparent().remove(tabs)  # the template's stops would shift ours
