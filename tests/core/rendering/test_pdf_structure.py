"""The tagged PDF (PDF/UA-1) read back with pypdf: title, language, headings, the logo's alt
text, and tables that are data tables with their header cells."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from render_helpers import pdf_reader
from support import golden

from briefing.core.rendering.pdf import render_pdf
from briefing.core.storage.library import Library


def _elements(node: Any, parent: str = "") -> Iterator[tuple[str, dict[str, Any], str]]:
    """(structure type, element, parent's type) for every structure element, in order."""
    node = node.get_object()
    if not isinstance(node, dict):
        return
    kind = str(node.get("/S", ""))
    if kind:
        yield kind, node, parent
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, list) else [kids]:
        try:
            yield from _elements(kid, kind or parent)
        except (AttributeError, TypeError):  # marked-content ids, not elements
            continue


def _children(element: dict[str, Any]) -> list[str]:
    kids = element.get("/K", [])
    kids = kids if isinstance(kids, list) else [kids]
    out = []
    for kid in kids:
        try:
            obj = kid.get_object()
        except AttributeError:
            continue
        if isinstance(obj, dict) and "/S" in obj:
            out.append(str(obj["/S"]))
    return out


@pytest.mark.parametrize("brand_id", golden.BRANDS)
def test_tagged_pdf_has_title_language_headings_alt_text_and_real_tables(brand_id: str) -> None:
    briefing = golden.demo_briefing()
    brand = Library().brand(brand_id)
    reader = pdf_reader(render_pdf(briefing, brand=brand, variant="pdf/ua-1"))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata is not None and reader.metadata.title == briefing.title
    elements = list(_elements(root["/StructTreeRoot"]))
    kinds = [kind for kind, _, _ in elements]

    # One H1 (the title), then an H2 per section shown and the Sources, H3 below them.
    assert kinds.count("/H1") == 1
    assert kinds.index("/H1") < kinds.index("/H2")
    bookmarks = [b.title for b in reader.outline if not isinstance(b, list)]
    assert bookmarks == ["Key Takeaway", "Background", "FAQ", "Predictions", "Sources"]
    assert kinds.count("/H2") == len(bookmarks)
    assert kinds.count("/H3") >= 4  # the article's own headings, one level down

    # The logo is a figure with the brand's alternative text; no figure without one.
    figures = [e for kind, e, _ in elements if kind == "/Figure"]
    assert len(figures) == 1
    assert str(figures[0].get("/Alt")) == (brand.logo_alt or f"{brand.name} logo")

    # Every table is a data table: a header row of TH cells (no layout tables).
    tables = [e for kind, e, _ in elements if kind == "/Table"]
    assert tables
    for table in tables:
        assert _children(table)[0] == "/THead", _children(table)
    headers = [e for kind, e, parent in elements if kind == "/TH"]
    assert len(headers) == 4 * len(tables)  # Judgement, Likelihood, Time frame, Confidence
