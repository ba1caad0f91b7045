"""Boxes inside an article (``<aside>``, a text ``<figure>``, a boxed ``<div>``) as callouts.

Extractors drop these (trafilatura removes every ``<aside>``) or flatten them into plain
paragraphs, yet a fact box or "key points" panel in the middle of a story is part of it. A box
is taken only when it sits *inside* the article, with article text both before and after it in
the page, and reads like a note, not furniture: some words, few links, no chrome wording, and
no class or id naming boilerplate (related, newsletter, share, ad...). A figure that shows an
image is not a callout (its caption describes a picture we do not keep). The box becomes a
``callout`` block labelled by its own heading (else "Note"), placed after the article text
that precedes it; if the reading already holds its text as paragraphs, those become the
callout.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Any

from briefing.core.importing import chrome, structure
from briefing.core.importing.web_fallback import BOILERPLATE
from briefing.core.model.article import Block

# Class or id words of a box that belongs to the text (fact box, key points, pull quote...).
BOXED = re.compile(
    r"(^|[\s_-])(callout|box|boxout|factbox|fact-box|facts|infobox|info-box|note|notes|tip|"
    r"tips|highlight|highlights|key-?points|takeaways?|summary|panel|sidebar-box|pullquote|"
    r"pull-quote|explainer|inset|aside)($|[\s_-])",
    re.IGNORECASE,
)
MIN_WORDS = 8
MAX_BOXES = 100
# A coarse first pick in C (lxml's XPath): asides, figures, and divs or sections whose class
# may name a box; BOXED decides.
_BOX_WORDS = ("box", "callout", "note", "tip", "fact", "highlight", "summary", "panel",
              "takeaway", "key", "pull", "explainer", "inset", "aside")  # fmt: skip
_NAMED = " or ".join(f"contains(@class, '{w}')" for w in _BOX_WORDS)
_CANDIDATES = (
    f"//aside | //figure | //div[@class and ({_NAMED})] | //section[@class and ({_NAMED})]"
)
_PRECEDING = "preceding::*[self::p or self::li or self::h2 or self::h3][position() <= 40]"
MAX_WORDS = 300
MAX_LINK_SHARE = 0.3
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_MEDIA = ("img", "picture", "video", "iframe", "svg", "canvas", "audio")
_TEXT_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "dd")
_WORD = re.compile(r"\w+")
_LINK = re.compile(r"\[([^\[\]]*)\]\([^)\s]*\)")  # no "[" inside: linear on "[[[..."


def _key(text: str, words: int = 8) -> str:
    return " ".join(_WORD.findall(_LINK.sub(r"\1", text).lower())[:words])


def _names(el: Any) -> str:
    return f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}"


def _is_box(el: Any) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "aside":
        return True
    if tag == "figure":
        # a box of text (a pull quote, a table, a list), not a picture with its caption
        return not any(True for _ in el.iter(*_MEDIA)) and any(
            True for _ in el.iter("p", "blockquote", "ul", "ol", "table")
        )
    return tag in ("div", "section") and BOXED.search(_names(el)) is not None


def add_callouts(tree: Any, blocks: list[Block], paragraphs: list[tuple[Any, str]]) -> list[Block]:
    """``blocks`` with the page's in-article boxes added as callouts (see the module
    docstring). ``tree`` is the page as parsed, before any extractor cleaned it;
    ``paragraphs`` its ``<p>`` elements with their text."""
    if len(blocks) < 2:
        return blocks
    boxes = [el for el in tree.xpath(_CANDIDATES)[:MAX_BOXES] if _is_box(el)]
    if not boxes:
        return blocks
    index: dict[str, int] = {}
    for n, block in enumerate(blocks):
        key = _key(block.text)
        if len(key.split()) >= 4:
            index.setdefault(key, n)
    containers: set[Any] = set()  # parents and grandparents of the article's paragraphs
    for el, text in paragraphs:
        if _key(text[:200]) in index:
            parent = el.getparent()
            containers.update((parent, parent.getparent() if parent is not None else None))
    # A box counts only in a container that holds article paragraphs too (or one level
    # up): a sidebar beside the story is in another one. Boxes inside boxes count once.
    inside = set(boxes)
    boxes = [
        b
        for b in boxes
        if b.getparent() in containers and not any(a in inside for a in b.iterancestors())
    ]
    out = list(blocks)
    for box in reversed(boxes):
        before = _block_before(box, index)
        if before < 0 or before >= len(blocks) - 1:
            continue  # no article text before or after it: page furniture
        callout = _callout(box)
        if callout is not None:
            _place(out, before, callout)
    return out


def _block_before(box: Any, index: dict[str, int]) -> int:
    """The index of the article block just before ``box`` in the page, or -1."""
    for el in reversed(box.xpath(_PRECEDING)):
        at = index.get(_key("".join(islice(el.itertext(), 24))))
        if at is not None:
            return at
    return -1


def _callout(box: Any) -> Block | None:
    names = _names(box)
    if BOILERPLATE.search(names) and not BOXED.search(names):
        return None
    if len(_WORD.findall(box.text_content())) > MAX_WORDS or sum(1 for _ in box.iter()) > 400:
        return None  # a whole column, not a box (and too big to walk twice)
    heading = next((h for h in box.iter(*_HEADINGS)), None)
    label = " ".join(heading.text_content().split()) if heading is not None else ""
    if not label or len(label.split()) > 6:
        caption = next((c for c in box.iter("figcaption")), None)
        text_label = " ".join(caption.text_content().split()) if caption is not None else ""
        label = text_label if 0 < len(text_label.split()) <= 6 else ""
    parts = []
    for el in box.iter(*_TEXT_TAGS):
        if el is heading:
            continue
        if el.tag in ("p", "li", "blockquote", "pre", "dd") and not _nested_text(el):
            text = " ".join(el.text_content().split())
            if text:
                parts.append(("- " if el.tag == "li" else "") + text)
    if not parts:
        text = " ".join(box.text_content().split())
        if label and text.startswith(label):
            text = text[len(label) :].strip()
        parts = [text] if text else []
    body = "\n".join(parts)
    words = len(_WORD.findall(body))
    link_words = sum(len(_WORD.findall(a.text_content())) for a in box.iter("a"))
    if not MIN_WORDS <= words <= MAX_WORDS or link_words > MAX_LINK_SHARE * words:
        return None
    if any(chrome.is_chrome(part) or chrome.is_end_marker(part) for part in parts[:2]):
        return None
    if label and (chrome.is_chrome(label) or chrome.is_end_marker(label)):
        return None
    if not label and (labelled := structure.callout(body)) is not None:
        label, body = labelled  # "Key facts: ..." written into the box itself
    return Block(kind="callout", text=body, label=label or "Note")


def _nested_text(el: Any) -> bool:
    """Whether a text element holds other text elements (counted on their own)."""
    return any(child.tag in _TEXT_TAGS for child in el.iterdescendants())


def _place(out: list[Block], before: int, callout: Block) -> None:
    """Insert ``callout`` after block ``before``, or turn the paragraphs that already hold
    its text into it."""
    words = set(_WORD.findall(callout.text.lower()))
    label = _key(callout.label or "")
    run: list[int] = []
    for n in range(before + 1, min(len(out), before + 12)):
        if not run and out[n].kind == "heading" and _key(out[n].text) == label:
            run.append(n)  # the box's own heading, already read as a section heading
            continue
        block_words = _WORD.findall(_LINK.sub(r"\1", out[n].text).lower())
        if block_words and sum(w in words for w in block_words) >= 0.9 * len(block_words):
            run.append(n)
        elif run:
            break
    if run and all(out[n].kind == "callout" for n in run):
        return  # already a callout (a "Bottom line:" paragraph), with its own label
    if run and all(out[n].kind == "heading" for n in run):
        out[run[0] + 1 : run[0] + 1] = [callout]
        del out[run[0]]
    elif run:
        out[run[0] : run[-1] + 1] = [callout]
    else:
        out.insert(before + 1, callout)
