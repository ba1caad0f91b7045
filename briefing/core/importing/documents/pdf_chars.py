"""The characters on a PDF page, as pdfminer's interpreter draws them, grouped into lines and
text boxes.

pdfminer's own layout analysis builds an object per character (its box from the font's
descent and the full matrix) and then groups them pairwise; for a report that is half the
import time. Here a light device keeps only what reading order needs - the character, where
its baseline starts and ends, its size and font - and groups in drawing order: a character
continues the line when it sits on the same baseline just after the last one; a line
continues the text box when it sits just below the last line and overlaps it. Rotated and
mirrored text (margin notes, watermarks) is left out.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.utils import mult_matrix

from briefing.core.importing.documents.pdf_lines import Line

WORD_GAP = 0.15  # of the type size: a wider gap between characters is a space
LINE_GAP = 1.0  # of the type size: a wider gap (a gutter) starts a new line
BOX_GAP = 0.55  # of the type size: more space between lines starts a new text box
_BOLD = re.compile(r"bold|black|heavy|semibold|demi|extrabold|ultrabold", re.IGNORECASE)
_ITALIC = re.compile(r"italic|oblique|slanted", re.IGNORECASE)


class TooSlow(Exception):
    """The page took longer than the import allows."""


# (text, x0, x1, baseline, size, bold, italic): a tuple, made once per character drawn.
Char = tuple[str, float, float, float, float, bool, bool]


@dataclass
class _Line:
    chars: list[Char] = field(default_factory=list)

    @property
    def size(self) -> float:
        return max(c[4] for c in self.chars)


class TextCollector(PDFTextDevice):
    """A pdfminer device that records each page's characters (and counts its images)."""

    def __init__(self, manager: Any) -> None:
        super().__init__(manager)
        self.chars: list[Char] = []
        self.images = 0
        self.deadline = float("inf")
        self._fonts: dict[int, tuple[Any, tuple[bool, bool], dict[int, tuple[str, float]]]] = {}

    def begin_page(self, page: Any, ctm: Any) -> None:
        self.chars = []
        x0, y0, x1, y1 = page.mediabox
        self.width, self.height = abs(x1 - x0), abs(y1 - y0)

    def render_image(self, name: str, stream: Any) -> None:
        self.images += 1

    def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
        """pdfminer's ``render_string_horizontal`` without an object per character: the
        glyph's text and width are looked up once per font, its position computed here."""
        if time.monotonic() > self.deadline:
            raise TooSlow
        font = textstate.font
        if font is None or font.is_vertical() or self.ctm is None:
            return
        a, b, c, d, e, f = mult_matrix(textstate.matrix, self.ctm)
        fontsize = textstate.fontsize
        scaling = textstate.scaling * 0.01
        charspace = textstate.charspace * scaling
        wordspace = 0.0 if font.is_multibyte() else textstate.wordspace * scaling
        dxscale = 0.001 * fontsize * scaling
        rise = textstate.rise
        x, y = textstate.linematrix
        upright = not b and not c and a > 0 and d > 0  # rotated, mirrored: not running text
        bold, italic, glyphs = self._font(font)
        size = fontsize * d
        base = (y + rise) * d + f
        chars = self.chars
        spaced = False
        for obj in seq:
            if isinstance(obj, (int, float)):
                x -= obj * dxscale
                spaced = True
            elif isinstance(obj, bytes):
                for cid in font.decode(obj):
                    if spaced:
                        x += charspace
                    glyph = glyphs.get(cid)
                    if glyph is None:
                        glyph = glyphs[cid] = (_text(font, cid), float(font.char_width(cid)))
                    advance = glyph[1] * fontsize * scaling
                    if upright and glyph[0]:
                        x0 = a * x + e
                        chars.append((glyph[0], x0, x0 + advance * a, base, size, bold, italic))
                    x += advance
                    if cid == 32 and wordspace:
                        x += wordspace
                    spaced = True
        textstate.linematrix = (x, y)

    def _font(self, font: Any) -> tuple[bool, bool, dict[int, tuple[str, float]]]:
        found = self._fonts.get(id(font))
        if found is None or found[0] is not font:
            found = self._fonts[id(font)] = (font, font_style(font), {})
        return found[1][0], found[1][1], found[2]


def _text(font: Any, cid: int) -> str:
    try:
        text = font.to_unichr(cid)
    except (PDFUnicodeNotDefined, KeyError, IndexError, TypeError, ValueError):
        return ""
    return text if isinstance(text, str) else ""


def font_style(font: Any) -> tuple[bool, bool]:
    """(bold, italic) of a pdfminer font, from its name and its descriptor."""
    fontname = str(getattr(font, "fontname", "") or "")
    descriptor = getattr(font, "descriptor", None) or {}
    weight = descriptor.get("FontWeight") if isinstance(descriptor, dict) else None
    flags = descriptor.get("Flags") if isinstance(descriptor, dict) else None
    angle = descriptor.get("ItalicAngle") if isinstance(descriptor, dict) else None
    bold = bool(_BOLD.search(fontname)) or (isinstance(weight, (int, float)) and weight >= 600)
    bold = bold or (isinstance(flags, int) and bool(flags & (1 << 18)))  # ForceBold
    italic = bool(_ITALIC.search(fontname)) or (isinstance(angle, (int, float)) and angle != 0)
    return bold, italic


def page_lines(chars: list[Char], page: int) -> list[Line]:
    """The page's lines, each with the number of its text box."""
    raw: list[_Line] = []
    last: Char | None = None
    for char in chars:
        if last is not None:
            size = max(last[4], char[4], 1.0)
            gap = char[1] - last[2]
            if abs(char[3] - last[3]) <= size * 0.5 and -size * 0.5 <= gap <= size * LINE_GAP:
                raw[-1].chars.append(char)
                last = char
                continue
        if char[0].strip():
            raw.append(_Line([char]))
            last = char
    lines: list[Line] = []
    box = -1
    previous: Line | None = None
    for item in raw:
        line = _line(item, box, page)
        if previous is None or not _same_box(previous, line):
            box += 1
        line.box = box
        lines.append(line)
        previous = line
    return lines


def _same_box(above: Line, line: Line) -> bool:
    size = max(above.size, line.size, 1.0)
    gap = above.y0 - line.y1
    return -size * 0.3 <= gap <= size * BOX_GAP and line.x0 < above.x1 and line.x1 > above.x0


def _line(item: _Line, box: int, page: int) -> Line:
    chars: list[tuple[str, float, float, bool, bool]] = []
    previous: Char | None = None
    for char in item.chars:
        if previous is not None and char[1] - previous[2] > max(char[4], 1.0) * WORD_GAP:
            chars.append((" ", 0.0, 0.0, False, False))
        chars.append((char[0], char[4], char[3], char[5], char[6]))
        previous = char
    size = item.size
    base = next(c[3] for c in item.chars if c[4] == size)  # not a raised note mark
    bbox = (item.chars[0][1], base - size * 0.2, item.chars[-1][2], base + size * 0.8)
    return Line.from_chars(chars, bbox, box, page)
