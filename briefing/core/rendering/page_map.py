"""Where each block of a laid-out document ended up: the page map partial previews plan with.

After a complete render, :func:`page_map` walks WeasyPrint's page boxes and records, for each
element of the HTML's spine (:func:`briefing.core.rendering.blocks.spine`), the page where it
starts and ends and how far down that page its end lies, and whether the stylesheet forbids a
page break right after it (a heading kept with its text). Positions are *page units*: page
index plus the fraction of that page's content height, so 2.5 is half-way down the third page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from briefing.core.rendering.blocks import CONTAINERS, SpineElement

_AVOID = frozenset({"avoid", "avoid-page"})


@dataclass(frozen=True)
class Placed:
    """Where one spine element was laid out."""

    first_page: int
    last_page: int
    start: float  # page units: first_page + fraction of the page above the element's top
    end: float  # page units: last_page + fraction of the page above the element's end
    keep_with_next: bool  # ``break-after: avoid``: no page break right after it
    avoid_before: bool  # ``break-before: avoid``: no page break right before it


@dataclass(frozen=True)
class PageMap:
    """The layout of one complete render: page count and where each spine element went."""

    pages: int
    placed: tuple[Placed | None, ...]  # by spine index; None where no box was found


def _spine_elements(root: Any) -> list[Any]:
    """The parsed tree's spine, in the order :func:`blocks.spine` lists it."""
    body = next((e for e in root.iter() if e.tag == "body"), None)
    out: list[Any] = []

    def walk(element: Any) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                continue  # a comment or processing instruction
            out.append(child)
            if child.tag in CONTAINERS:
                walk(child)

    if body is not None:
        walk(body)
    return out


def matches(root: Any, elements: list[SpineElement]) -> list[Any] | None:
    """The tree's spine elements when they correspond to ``elements`` one to one, else None."""
    found = _spine_elements(root)
    if len(found) != len(elements):
        return None
    if any(node.tag != element.tag for node, element in zip(found, elements, strict=True)):
        return None
    return found


def _boxes(box: Any, wanted: dict[int, int]) -> Iterator[tuple[int, Any]]:
    """(spine index, box) for the spine boxes below ``box``, descending only through
    containers (and the anonymous boxes WeasyPrint wraps around them)."""
    for child in getattr(box, "children", ()):
        element: Any = getattr(child, "element", None)
        index = wanted.get(id(element)) if element is not None else None
        tag = getattr(child, "element_tag", "")
        if index is not None and tag == element.tag:
            yield index, child
            if element.tag in CONTAINERS:
                yield from _boxes(child, wanted)
        elif tag in ("html", "body") or (index is not None and "::" not in tag):
            yield from _boxes(child, wanted)


def page_map(root: Any, document: Any, elements: list[SpineElement]) -> PageMap | None:
    """The page map of ``document`` (laid out from the tree ``root``), or None when the tree
    does not correspond to ``elements``."""
    nodes = matches(root, elements)
    if nodes is None:
        return None
    wanted = {id(node): number for number, node in enumerate(nodes)}
    first: dict[int, tuple[int, float]] = {}
    last: dict[int, tuple[int, float]] = {}
    keep: dict[int, tuple[bool, bool]] = {}
    for number, page in enumerate(document.pages):
        page_box = page._page_box
        top = page_box.content_box_y()
        height = max(1.0, float(page_box.height))
        for index, box in _boxes(page_box, wanted):
            if index not in first:
                above = (box.position_y - top) / height
                first[index] = (number, number + min(1.0, max(0.0, above)))
                style = box.style
                keep[index] = (style["break_after"] in _AVOID, style["break_before"] in _AVOID)
            bottom = box.position_y + box.margin_height()
            last[index] = (number, number + min(1.0, max(0.0, (bottom - top) / height)))
    placed = tuple(
        Placed(first[i][0], last[i][0], first[i][1], last[i][1], *keep[i]) if i in first else None
        for i in range(len(elements))
    )
    return PageMap(len(document.pages), placed)
