"""Word tables as the brand sets them: full width, fixed column shares, thin rules between
rows, a header row that repeats on each page, and no row split across two pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn

from briefing.core.rendering.docx_styles import element, place


def new_table(
    container: Any, rows: int, cols: int, text_width: int, widths: Sequence[float] | None = None
) -> Any:
    """A full-width table with thin rules between rows and no outer frame; ``widths``
    are the columns' shares of the text width (equal when not given)."""
    table = container.add_table(rows=rows, cols=cols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    fit_width(table, text_width, widths or [1.0] * cols, inset=100)
    tblpr = table._tbl.tblPr
    borders = element("tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        keep = side in ("insideH", "bottom")
        attrs = {"val": "single", "sz": "4", "space": "0", "color": "C9CED6"}
        borders.append(element(side, **(attrs if keep else {"val": "nil"})))
    place(tblpr, borders)
    margins = element("tblCellMar")
    for side, width in (("top", "60"), ("left", "100"), ("bottom", "60"), ("right", "100")):
        margins.append(element(side, w=width, type="dxa"))
    place(tblpr, margins)
    return table


def fit_width(table: Any, total: int, shares: Sequence[float], inset: int = 108) -> None:
    """Fix a table to ``total`` EMU wide, its columns in proportion to ``shares``: Word and
    LibreOffice then agree on the layout (no auto-fit). ``inset`` is the first cell's left
    margin in twips: the table is indented by it so its edge, not its text, meets the
    page margin (Word 2010 layout)."""
    twips = [max(200, round(total / 635 * s / sum(shares))) for s in shares]
    tblpr = table._tbl.tblPr
    place(tblpr, element("tblW", w=str(sum(twips)), type="dxa"))
    place(tblpr, element("tblInd", w=str(inset), type="dxa"))
    place(tblpr, element("tblLayout", type="fixed"))
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=False):
        col.set(qn("w:w"), str(width))
    for row in table.rows:
        for cell, width in zip(row.cells, twips, strict=False):
            place(cell._tc.get_or_add_tcPr(), element("tcW", w=str(width), type="dxa"))


def keep_rows(table: Any) -> None:
    """No row of ``table`` is split across two pages (as ``tr { break-inside: avoid }``)."""
    for row in table.rows:
        place(row._tr.get_or_add_trPr(), element("cantSplit"))


def mark_header(row: Any) -> None:
    """Repeat ``row`` at the top of each page the table runs onto; never split it."""
    trpr = row._tr.get_or_add_trPr()
    place(trpr, element("cantSplit"))
    place(trpr, element("tblHeader"))
