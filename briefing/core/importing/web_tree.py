"""Give loose text in a parsed page the paragraphs a browser shows, before extraction.

Many pages (blog engines, old hand-written sites) write an article as text and links directly
inside a ``<div>`` or table cell, paragraphs separated by ``<br><br>``. A browser shows
paragraphs; the extractors do not always see them: trafilatura can cut such a run at every link
("The" / "[Authority](…)launched an", the words around the link and the space after it lost) and
readability turns every piece of loose text into a paragraph of its own. Wrapping each run of
loose text and inline elements in a ``<p>``, split where a browser would start a new block (a
block element or two line breaks), gives both of them the paragraphs the reader sees. One pass
over the tree, no recursion.
"""

from __future__ import annotations

from typing import Any

# Elements that hold paragraphs rather than being one.
CONTAINERS = ("div", "section", "article", "main", "td", "th", "body", "center", "blockquote")
# Elements a browser lays out as blocks (anything else is inline).
_BLOCK_TEXT = (
    "address article aside blockquote center details dialog dd div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section "
    "table tbody td tfoot th thead tr ul iframe video audio canvas noscript script style "
    "template select textarea button"
)
BLOCKS = frozenset(_BLOCK_TEXT.split())


def wrap_loose_text(tree: Any) -> None:
    """Wrap runs of loose text and inline elements in ``<p>`` wherever a container mixes
    them with blocks or separates them with ``<br><br>`` (see the module docstring)."""
    for el in [e for e in tree.iter(*CONTAINERS) if _needs_wrapping(e)]:
        _wrap(el)


def _is_block(child: Any) -> bool:
    return not isinstance(child.tag, str) or child.tag in BLOCKS


def _needs_wrapping(el: Any) -> bool:
    loose = bool(el.text and el.text.strip())
    mixed = False
    previous_br = False
    for child in el:
        if child.tail and child.tail.strip():
            loose = True
        if isinstance(child.tag, str) and child.tag == "br":
            if previous_br:
                mixed = True
            previous_br = not (child.tail and child.tail.strip())
            continue
        previous_br = False
        if _is_block(child):
            mixed = True
    return loose and mixed


def _wrap(el: Any) -> None:
    from lxml.html import Element

    children = list(el)
    runs: list[tuple[str, list[Any]]] = []  # (leading text, inline children)
    text, members = el.text or "", list[Any]()
    el.text = None
    pending_br: Any = None

    def close() -> None:
        nonlocal text, members
        if text.strip() or any(not _is_br(m) or (m.tail and m.tail.strip()) for m in members):
            runs.append((text, members))
        elif members:  # a run of bare <br>s: dropped, as the paragraph break they make
            for m in members:
                el.remove(m)
        text, members = "", []

    placements: list[tuple[Any, tuple[str, list[Any]]]] = []  # (block it precedes, run)
    for child in children:
        if _is_block(child):
            if pending_br is not None:
                members.append(pending_br)
                pending_br = None
            close()
            placements.extend((child, run) for run in runs)
            runs.clear()
            text = child.tail or ""  # loose text after a block starts the next run
            child.tail = None
            continue
        if _is_br(child):
            if pending_br is not None and not (pending_br.tail and pending_br.tail.strip()):
                # two line breaks: a paragraph ends here
                el.remove(pending_br)
                el.remove(child)
                close()
                pending_br = None
                text = child.tail or ""
                child.tail = None
                continue
            if pending_br is not None:
                members.append(pending_br)
            pending_br = child
            continue
        if pending_br is not None:
            members.append(pending_br)
            pending_br = None
        members.append(child)
    if pending_br is not None:
        members.append(pending_br)
    close()
    placements.extend((None, run) for run in runs)
    for before, (lead, inline) in placements:
        p = Element("p")
        p.text = lead
        if before is not None:
            before.addprevious(p)
        else:
            el.append(p)
        for member in inline:
            p.append(member)  # moves the element, with its tail
        _trim_trailing_br(p)


def _is_br(el: Any) -> bool:
    return isinstance(el.tag, str) and el.tag == "br"


def _trim_trailing_br(p: Any) -> None:
    while len(p) and _is_br(p[-1]) and not (p[-1].tail and p[-1].tail.strip()):
        last = p[-1]
        tail = last.tail
        p.remove(last)
        if tail and len(p):
            p[-1].tail = (p[-1].tail or "") + tail
