"""Reading order on a PDF page: columns left to right, between the boxes that span them.

A gutter is an empty vertical band between narrow text boxes with text on both sides; a box
that crosses a gutter (a full-width heading or paragraph), or a heading with nothing beside
it, separates bands of columns. Within a band, boxes are read column by column, top to
bottom. Bullets a typesetter set apart from their item (a tab between them) rejoin it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.core.importing import structure
from briefing.core.importing.documents.pdf_lines import Line

_BULLET_ONLY = re.compile(r"^[•·▪◦‣●○■□➢➤►✓✔-]$")


@dataclass
class _Box:
    lines: list[Line]

    @property
    def x0(self) -> float:
        return min(line.x0 for line in self.lines)

    @property
    def x1(self) -> float:
        return max(line.x1 for line in self.lines)

    @property
    def top(self) -> float:
        return max(line.y1 for line in self.lines)

    @property
    def middle(self) -> float:
        return (self.top + min(line.y0 for line in self.lines)) / 2


def _gutters(boxes: list[_Box]) -> list[tuple[float, float]]:
    """Empty vertical bands between columns of narrow boxes."""
    left = min(b.x0 for b in boxes)
    width = max(b.x1 for b in boxes) - left
    narrow = [b for b in boxes if b.x1 - b.x0 < width * 0.55]
    if width <= 0 or len(narrow) < 2:
        return []
    bins = int(width // 2) + 1
    cover = [0] * bins
    for b in narrow:
        for i in range(int((b.x0 - left) // 2), min(bins, int((b.x1 - left) // 2) + 1)):
            cover[i] += len(b.lines)
    gutters = []
    i = 0
    while i < bins:
        if cover[i]:
            i += 1
            continue
        j = i
        while j < bins and not cover[j]:
            j += 1
        start, end = left + i * 2, left + j * 2
        if i > 0 and j < bins and end - start >= 6:
            lines_left = sum(len(b.lines) for b in narrow if b.x1 <= start + 1)
            lines_right = sum(len(b.lines) for b in narrow if b.x0 >= end - 1)
            if lines_left >= 3 and lines_right >= 3:
                gutters.append((start, end))
        i = j
    return gutters


def _alone(box: _Box, boxes: list[_Box], body: float) -> bool:
    """A heading with nothing beside it: it starts a new band of columns."""
    heading = all(ln.size >= body * 1.15 or ln.bold for ln in box.lines) and len(box.lines) <= 3
    low = min(ln.y0 for ln in box.lines) - 2
    return heading and not any(
        other is not box and min(ln.y0 for ln in other.lines) < box.top + 2 and other.top > low
        for other in boxes
    )


def attach_bullets(lines: list[Line]) -> list[Line]:
    """A bullet pdfminer set apart from its item (a tab between them) joins the item."""
    bullets = [ln for ln in lines if _BULLET_ONLY.match(ln.text)]
    if not bullets:
        return lines
    used: set[int] = set()
    for bullet in bullets:
        height = max(bullet.y1 - bullet.y0, 1.0)
        beside = [
            ln
            for ln in lines
            if ln is not bullet
            and not _BULLET_ONLY.match(ln.text)
            and ln.x0 >= bullet.x1 - 1
            and abs((ln.y0 + ln.y1) / 2 - (bullet.y0 + bullet.y1) / 2) < height * 0.6
        ]
        if beside:
            item = min(beside, key=lambda ln: ln.x0)
            if not structure.BULLET.match(item.text):
                item.text = f"• {item.text}"
                item.x0 = min(item.x0, bullet.x0)
            used.add(id(bullet))
    return [ln for ln in lines if id(ln) not in used]


def reading_order(lines: list[Line], body: float) -> list[Line]:
    """One page's lines in reading order: columns left to right between spanning boxes
    (a box across the gutter, or a heading with nothing beside it)."""
    groups: dict[int, list[Line]] = {}
    for line in lines:
        groups.setdefault(line.box, []).append(line)
    boxes = [_Box(sorted(g, key=lambda ln: -ln.y1)) for g in groups.values()]
    gutters = _gutters(boxes) if len(boxes) > 1 else []
    if not gutters:
        boxes.sort(key=lambda b: (-round(b.top), b.x0))
        return [line for b in boxes for line in b.lines]
    spans = sorted(
        (
            b
            for b in boxes
            if any(b.x0 < g0 and b.x1 > g1 for g0, g1 in gutters) or _alone(b, boxes, body)
        ),
        key=lambda b: -b.top,
    )
    span_ids = {id(b) for b in spans}
    bands: list[list[_Box]] = [[] for _ in range(len(spans) + 1)]
    for b in boxes:
        if id(b) not in span_ids:
            bands[sum(1 for s in spans if s.middle > b.middle)].append(b)
    out: list[Line] = []
    for index, band in enumerate(bands):
        band.sort(key=lambda b: (sum(1 for g in gutters if g[1] <= b.x0 + 1), -b.top))
        out.extend(line for b in band for line in b.lines)
        if index < len(spans):
            out.extend(spans[index].lines)
    return out
