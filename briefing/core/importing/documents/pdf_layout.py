"""Reading order and structure for the lines pdfminer finds on PDF pages.

Per page: running headers, footers and page numbers are dropped (lines near the top or
bottom edge that repeat across pages or are page numbers); text boxes are put in reading
order (``pdf_order``: column by column between the boxes that span the columns, a gutter
being an empty band between narrow boxes); footnotes (small type at the page foot, starting with
a note mark) are set apart. Then lines become paragraphs (gaps, short last lines, first-line
indents; a sentence running on into the next column or page continues its paragraph),
hyphenated line ends are joined, and headings are told by type size (levels by size) or a
short line all in bold.
"""

from __future__ import annotations

import re
from collections import Counter

from briefing.core.importing import structure
from briefing.core.importing.documents.blocks import Unit
from briefing.core.importing.documents.pdf_lines import Line, Page
from briefing.core.importing.documents.pdf_order import attach_bullets, reading_order

_EDGE = 0.11  # the top and bottom 11% of a page hold its running header and footer
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?#(?:\s*(?:of|/|von|de|sur)\s*#)?$|^[-–—]\s*#\s*[-–—]$|^[ivxlcdm]{1,7}$", re.I
)
_NOTE_MARK = re.compile(r"^(\d{1,3}|[*†‡§¶]{1,3})(?:[.)]\s*|\s+)(?=\S)")
_END = tuple('.!?:;"”’)»…')
# Compounds whose hyphen stays when a line breaks at it ("well-" + "known"). Only for
# the ASCII hyphen: U+2010 and the soft hyphen are always a typesetter's break.
_KEEP_HYPHEN_TEXT = (
    "self well non co cross long short high low post pre anti pro ex semi multi mid full "
    "half two three four five state"
)
_KEEP_HYPHEN = frozenset(_KEEP_HYPHEN_TEXT.split())


def _key(text: str) -> str:
    return " ".join(_DIGITS.sub("#", text.lower()).split())


def _drop_running(pages: list[Page], body: float) -> None:
    """Remove running headers, footers and page numbers in place: lines at the top or
    bottom edge, in a text box of their own there (not the first or last lines of the body),
    that repeat across pages or are page numbers."""
    seen: Counter[tuple[str, str]] = Counter()
    for page in pages:
        body_boxes = {line.box for line in page.lines if not _band(page, line)}
        edge = [ln for ln in page.lines if _band(page, ln) and ln.box not in body_boxes]
        seen.update({(_band(page, line), _key(line.text)) for line in edge})
    need = 2 if len(pages) <= 3 else max(3, round(len(pages) * 0.3))
    # One page cannot repeat its header: there, a short line in small type at the edge is one.
    single = len(pages) == 1
    for page in pages:
        body_boxes = {line.box for line in page.lines if not _band(page, line)}
        page.lines = [
            line
            for line in page.lines
            if line.box in body_boxes
            or not (
                (band := _band(page, line))
                and line.size <= body * 1.5
                and (
                    _PAGE_NUMBER.match(_key(line.text))
                    or (seen[(band, _key(line.text))] >= need and not _is_note(line))
                    or (
                        single
                        and line.size <= body * 0.85
                        and len(line.text.split()) <= 10
                        and not _is_note(line)
                    )
                )
            )
        ]


def _is_note(line: Line) -> bool:
    return bool(line.mark or _NOTE_MARK.match(line.text))


def _band(page: Page, line: Line) -> str:
    middle = (line.y0 + line.y1) / 2
    if middle > page.height * (1 - _EDGE):
        return "top"
    if middle < page.height * _EDGE:
        return "bottom"
    return ""


def body_size(pages: list[Page]) -> float:
    weights: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 10.0


def _footnotes(page: Page, body: float) -> tuple[list[Line], list[Line]]:
    """(body lines, footnote lines) of one page: boxes of small type in the lower half that
    start with a note mark and have no body text below them in their column."""
    groups: dict[int, list[Line]] = {}
    for line in page.lines:
        groups.setdefault(line.box, []).append(line)
    notes: set[int] = set()
    for key, box in groups.items():
        first = max(box, key=lambda ln: ln.y1)
        small = all(ln.size <= body * 0.9 for ln in box)
        marked = _is_note(first)
        if not (small and marked and first.y1 < page.height * 0.5):
            continue
        x0, x1 = min(ln.x0 for ln in box), max(ln.x1 for ln in box)
        below = any(
            ln.size > body * 0.9 and ln.y1 < first.y0 and ln.x0 < x1 and ln.x1 > x0
            for ln in page.lines
        )
        if not below:
            notes.add(key)
    foot = sorted((ln for ln in page.lines if ln.box in notes), key=lambda ln: (-ln.y1, ln.x0))
    return [ln for ln in page.lines if ln.box not in notes], foot


def _notes(lines: list[Line]) -> list[tuple[str, str]]:
    notes: list[tuple[str, str]] = []
    for line in lines:
        m = _NOTE_MARK.match(line.text)
        if line.mark or m:
            mark = line.mark or (m.group(1) if m else "")
            text = line.text if line.mark else line.text[m.end() :] if m else line.text
            notes.append((mark, text))
        elif notes:
            notes[-1] = (notes[-1][0], join_lines(notes[-1][1], line.text))
    return notes


def join_lines(a: str, b: str) -> str:
    """Two lines of one paragraph, a hyphenated word at the break joined."""
    if not a or not b:
        return a or b
    if a.endswith(("\u00ad", "\u2010")) and len(a) > 1 and a[-2].isalpha():
        return a[:-1] + b
    if a.endswith("-") and len(a) > 1 and a[-2].isalpha() and b[:1].islower():
        fragment = re.split(r"[\s\-‐/]", a[:-1])[-1].lower()
        if fragment in _KEEP_HYPHEN or "-" in a.rsplit(" ", 1)[-1][:-1]:
            return a + b
        return a[:-1] + b
    return f"{a} {b}"


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    rights: dict[tuple[int, int], float] = {}
    lefts: dict[tuple[int, int], float] = {}
    for line in lines:
        key = (line.page, line.box)
        rights[key] = max(rights.get(key, line.x1), line.x1)
        lefts[key] = min(lefts.get(key, line.x0), line.x0)
    paras: list[list[Line]] = []
    for line in lines:
        if not paras:
            paras.append([line])
            continue
        prev = paras[-1][-1]
        key = (line.page, line.box)
        style_change = abs(line.size - prev.size) > 0.6 or line.bold != prev.bold
        bullet = bool(structure.BULLET.match(line.text))
        in_item = bool(structure.BULLET.match(paras[-1][0].text))
        if key == (prev.page, prev.box):
            gap = prev.y0 - line.y1
            # The last line of a paragraph stops short: the next line's first word would
            # have fitted in the room left (ragged-right lines stop short too, but never
            # with room for the next word).
            room = rights[key] - prev.x1
            per_char = (line.x1 - line.x0) / max(1, len(line.text))
            first_word = len(line.text.split(" ", 1)[0]) + 1
            short = prev.text.endswith(_END) and room > per_char * first_word
            indent = line.x0 > lefts[key] + 0.8 * max(line.size, 1)
            new = style_change or bullet or gap > 0.8 * max(prev.size, 1) or short
            new = new or (indent and not in_item and not prev.text.endswith("-"))
        else:  # another column or page: a sentence that runs on continues its paragraph
            runs_on = not prev.text.endswith(_END) and (
                line.text[:1].islower() or prev.text.endswith(("-", ","))
            )
            new = style_change or bullet or not runs_on
        if new:
            paras.append([line])
        else:
            paras[-1].append(line)
    return paras


def _text(para: list[Line]) -> str:
    text = ""
    for line in para:
        text = join_lines(text, line.text)
    return text


def layout_units(pages: list[Page]) -> tuple[list[Unit], list[tuple[str, str]], str]:
    """(units in reading order, footnotes, a title from the type) for a PDF's pages."""
    body = body_size(pages)
    _drop_running(pages, body)
    ordered: list[Line] = []
    notes: list[tuple[str, str]] = []
    for page in pages:
        lines, foot = _footnotes(page, body)
        lines = reading_order(attach_bullets(lines), body)
        ordered.extend(line for line in lines if line.text)
        notes.extend(_notes(foot))
    paras = _paragraphs(ordered)
    sizes = [max(line.size for line in p) for p in paras]
    big = [s for p, s in zip(paras, sizes, strict=True) if _is_heading_size(p, s, body)]
    title = ""
    title_para: list[Line] | None = None
    if big:
        largest = max(big)
        first = next((p for p, s in zip(paras, sizes, strict=True) if s == largest), None)
        if first is not None and first[0].page == 1 and big.count(largest) <= 2:
            title, title_para = _text(first), first
            big = [s for s in big if s != largest]
    levels = {s: i + 1 for i, s in enumerate(sorted(set(big), reverse=True)[:3])}
    bold_level = min(len(levels) + 1, 3)
    units: list[Unit] = []
    for para, size in zip(paras, sizes, strict=True):
        if para is title_para:
            continue
        text = _text(para)
        if _is_heading_size(para, size, body):
            units.append(Unit("heading", text, level=levels.get(size, 3)))
        elif all(line.bold for line in para) and len(para) <= 2 and _heading_words(text):
            units.append(Unit("heading", text, level=bold_level))
        elif m := structure.BULLET.match(text):
            units.append(Unit("item", m.group(2), ordered=m.group(1)[0].isdigit()))
        else:
            units.append(Unit("paragraph", text))
    return units, notes, title


def _is_heading_size(para: list[Line], size: float, body: float) -> bool:
    return size >= body * 1.15 and len(para) <= 3 and len(_text(para).split()) <= 30


def _heading_words(text: str) -> bool:
    return 0 < len(text.split()) <= 14 and not text.endswith((".", ",", ";"))
