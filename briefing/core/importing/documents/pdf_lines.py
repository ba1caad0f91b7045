"""A line of text on a PDF page (its words, box, type size and weight) and a page of them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

_UNMAPPED = re.compile(r"\(cid:\d+\)")  # pdfminer's stand-in for a glyph with no Unicode
# Bullets set in the Symbol and Wingdings fonts come out in the Private Use Area.
_PUA_BULLETS = str.maketrans(dict.fromkeys("\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf0a8", "•"))


@dataclass
class Line:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    bold: bool
    italic: bool
    box: int
    page: int
    mark: str = ""  # a superscript note mark the line starts with

    @classmethod
    def from_chars(
        cls,
        chars: list[tuple[str, float, float, bool, bool]],
        bbox: tuple[float, float, float, float],
        box: int,
        page: int,
    ) -> Line:
        """A line from pdfminer's characters ``(text, size, y0, bold, italic)``; spaces
        pdfminer inserted have size 0. Superscript note marks are left out of the text."""
        weights: Counter[float] = Counter()
        for text, size, _y0, _b, _i in chars:
            if size > 0 and text.strip():
                weights[round(size * 2) / 2] += 1
        main = weights.most_common(1)[0][0] if weights else 0.0
        base = sorted(y for t, s, y, _b, _i in chars if s and abs(s - main) < 0.6 and t.strip())
        baseline = base[len(base) // 2] if base else 0.0
        out: list[str] = []
        mark: list[str] = []
        bold = italic = total = 0
        for text, size, y0, b, i in chars:
            raised = size and size < main * 0.8 and y0 > baseline + main * 0.2
            if raised and (text.isdigit() or text in "*†‡§"):
                if not "".join(out).strip():
                    mark.append(text)
                continue
            out.append(text)
            if size and text.strip():
                total += 1
                bold += b
                italic += i
        joined = " ".join(_UNMAPPED.sub("", "".join(out)).translate(_PUA_BULLETS).split())
        return cls(
            joined, *bbox, size=main, bold=total > 0 and bold * 2 > total,
            italic=total > 0 and italic * 2 > total, box=box, page=page, mark="".join(mark),
        )  # fmt: skip


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
