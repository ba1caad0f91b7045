"""Turn trafilatura's XML body (``p``, ``head``, ``list``, ``hi``, ``ref``...) into Blocks.

Inline emphasis and links become Markdown. Only ``http``, ``https`` and ``mailto`` links are
kept as links; any other target (``javascript:``, ``file:``, ``data:``, relative paths) keeps
its text and loses the link. Images are never kept.
"""

from __future__ import annotations

import re
from typing import Any

from briefing.core import safe_urls
from briefing.core.importing import structure
from briefing.core.model.article import Block

_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_NEWLINE_SPACES = re.compile(r"(?<! ) *\n *")  # from a run's start only: linear

# "Key Takeaway: ...", "**Pro Tip:** ...", "Did you know? ..." -> callout with that label.
CALLOUT_LABELS = (
    "Key Takeaway",
    "Key Takeaways",
    "Takeaway",
    "Did you know",
    "Expert Insight",
    "Pro Tip",
    "Tip",
    "Note",
    "Editor's Note",
    "Editor’s Note",
    "Important",
    "Warning",
    "Bottom Line",
    "The Bottom Line",
    "In Brief",
    "TL;DR",
    "Fact",
    "Quick Fact",
)
_LABELS = "|".join(re.escape(label) for label in sorted(CALLOUT_LABELS, key=len, reverse=True))
CALLOUT = re.compile(
    rf"^[*_“\"]*(?P<label>{_LABELS})(?P<mark>[:?])[*_”\"]*[:]?\s+(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
QUESTION = re.compile(r"^[*_]*(?:Q|Question)\s*[:.)]\s*[*_]*\s*(?P<rest>\S.*)$", re.DOTALL)
ANSWER = re.compile(r"^[*_]*(?:A|Answer)\s*[:.)]\s*[*_]*\s*(?P<rest>\S.*)$", re.DOTALL)
FAQ_HEADING = re.compile(
    r"\b(FAQs?|frequently asked|questions?\s*(?:&|and)\s*answers?|Q\s*&\s*A)\b", re.I
)

EMPHASIS = {"#b": "**", "#i": "*", "#t": "`", "#u": "", "#sub": "", "#sup": ""}


# "(Harbour Wire)The port said": an agency credit set in its own inline element, glued to the
# sentence it opens.
_CREDIT = re.compile(r"^(\(\w[\w .&'-]{0,30}\))(?=[A-Z\u00c0-\u00de])")


def tidy(text: str) -> str:
    """Collapse runs of spaces; keep single line breaks (from ``<br>``); a space after an
    opening agency credit."""
    text = _SPACES.sub(" ", text)
    text = _NEWLINE_SPACES.sub("\n", text)
    text = re.sub(r"\n{2,}", "\n", text)
    return _CREDIT.sub(r"\1 ", text.strip())


def safe_link(target: str | None) -> str | None:
    """The link target if a reader may follow it, else ``None`` (see
    :func:`briefing.core.safe_urls.safe_link`: http, https and mailto, never a link into the
    reader's own machine or private network, however its address is spelled)."""
    return safe_urls.safe_link(target)


def _merge_adjacent_emphasis(el: Any) -> None:
    """``<hi>a</hi><hi>b</hi>`` with the same style becomes one span (else ``*a**b*``).

    Each run of such spans is merged in one pass, its text joined once: merging span by span
    re-counted the growing span's children and re-copied its text, which made a page of
    200,000 ``<b><i>x</i></b>`` take minutes and gigabytes.
    """
    children = list(el)
    start = 0
    while start < len(children):
        end = start
        while end + 1 < len(children) and _mergeable(children[end], children[end + 1]):
            end += 1
        if end > start:
            _merge_run(el, children[start : end + 1])
        start = end + 1


def _mergeable(a: Any, b: Any) -> bool:
    return a.tag == "hi" and b.tag == "hi" and a.get("rend") == b.get("rend") and not (a.tail or "")


def _merge_run(el: Any, run: list[Any]) -> None:
    """Move the content of ``run[1:]`` into ``run[0]``, in order, and drop those spans."""
    head, tail = run[0], run[-1].tail
    anchor = next(reversed(head), None)  # the element whose tail the next text joins
    pieces = [(anchor.tail if anchor is not None else head.text) or ""]

    def flush() -> None:
        if anchor is not None:
            anchor.tail = "".join(pieces) or None
        else:
            head.text = "".join(pieces) or None

    for child in run[1:]:
        pieces.append(child.text or "")
        for grandchild in list(child):
            flush()
            head.append(grandchild)
            anchor = grandchild
            pieces = [grandchild.tail or ""]
        el.remove(child)
    flush()
    head.tail = tail


def inline(el: Any) -> str:
    """Markdown text of an element's content (its own text and its children, not its tail)."""
    _merge_adjacent_emphasis(el)
    parts: list[str] = [el.text or ""]
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "lb":
            parts.append("\n")
        elif tag == "graphic":
            pass
        elif tag == "hi":
            inner = inline(child)
            mark = EMPHASIS.get(child.get("rend", ""), "")
            parts.append(wrap_emphasis(inner, mark))
        elif tag == "ref":
            inner = inline(child)
            target = safe_link(child.get("target"))
            if target and inner.strip():
                label = " ".join(inner.split()).replace("[", "(").replace("]", ")")
                # spaces at the edges of the link's words stay outside the brackets
                lead = " " if inner[:1].isspace() else ""
                trail = " " if inner[-1:].isspace() else ""
                parts.append(f"{lead}[{label}]({target}){trail}")
            else:
                parts.append(inner)
        elif tag in ("list", "item", "p", "quote", "head", "row", "cell"):
            # Nested block inside a paragraph: keep its words on their own line.
            parts.append("\n" + inline(child) + "\n")
        else:
            parts.append(inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def wrap_emphasis(text: str, mark: str) -> str:
    """Wrap ``text`` in an emphasis mark, keeping surrounding spaces outside the marks."""
    core = text.strip()
    if not mark or not core or "\n" in core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return f"{lead}{mark}{core}{mark}{trail}"


def _list_text(el: Any) -> str:
    """``- item`` lines (the Block model's list form, ordered lists included)."""
    lines = []
    for item in el:
        if not isinstance(item.tag, str) or item.tag != "item":
            continue
        text = tidy(inline(item)).replace("\n", " ")
        if text:
            lines.append(f"- {text}")
    return "\n".join(lines)


def _table_text(el: Any) -> str:
    rows = []
    for row in el.iter("row"):
        cells = [tidy(inline(cell)).replace("\n", " ") for cell in row if cell.tag == "cell"]
        cells = [c for c in cells if c]
        if cells:
            rows.append(" | ".join(cells))
    return "\n".join(rows)


def blocks_from_body(body: Any, base: str | None = None) -> list[Block]:
    """Ordered Blocks from trafilatura's XML ``body`` element (ids left empty).

    Relative link targets are resolved against ``base`` (the article's public http(s) URL)
    when there is one; otherwise, like in-page ``#anchors``, they lose the link.
    """
    if base and safe_link(base):
        _resolve_links(body, base)
    out: list[Block] = []
    _walk(body, out)
    return classify(out)


_ABSOLUTE = ("http://", "https://", "mailto:")


def _resolve_links(body: Any, base: str) -> None:
    from urllib.parse import urljoin, urlsplit

    for ref in body.iter("ref"):
        target = (ref.get("target") or "").strip()
        if not target or target.startswith("#") or target[:8].lower().startswith(_ABSOLUTE):
            continue
        try:
            if not urlsplit(target).scheme:
                ref.set("target", urljoin(base, target))
        except ValueError:  # a malformed target keeps its words, loses its link
            ref.set("target", "")


def _walk(parent: Any, out: list[Block]) -> None:
    for el in parent:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "head":
            text = tidy(inline(el)).replace("\n", " ")
            rend = el.get("rend", "h2")
            level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
            if text:
                out.append(Block(kind="heading", text=text, level=level))
        elif tag == "list":
            text = _list_text(el)
            if text:
                out.append(Block(kind="list", text=text))
        elif tag == "quote":
            text = tidy(inline(el))
            if text:
                out.append(Block(kind="quote", text=text))
        elif tag == "table" and _is_layout(el):
            for cell in _cells(el):
                _walk_cell(cell, out)
        elif tag == "table":
            text = _table_text(el)
            if text:
                out.append(Block(kind="paragraph", text=text))
        elif tag in ("div", "section", "body", "main", "doc"):
            _walk(el, out)
        elif tag == "graphic":
            continue
        elif tag:  # p, code, and anything unexpected with text in it
            text = tidy(inline(el))
            if text:
                out.append(Block(kind="paragraph", text=text))
        if el.tail and el.tail.strip() and tag not in ("", "graphic"):
            out.append(Block(kind="paragraph", text=tidy(el.tail)))


_BLOCK_CHILDREN = ("p", "list", "head", "quote", "table")


def _is_layout(table: Any) -> bool:
    """A table used for page layout (cells holding paragraphs, lists or headings), whose
    cells are read as sections of text rather than flattened into ``a | b`` rows."""
    return any(child.tag in _BLOCK_CHILDREN for cell in _cells(table) for child in cell)


def _cells(table: Any) -> list[Any]:
    """The table's own cells (not those of tables nested in them)."""
    return [cell for row in table if row.tag == "row" for cell in row if cell.tag == "cell"]


def _walk_cell(cell: Any, out: list[Block]) -> None:
    if any(child.tag in _BLOCK_CHILDREN for child in cell):
        if cell.text and cell.text.strip():
            out.append(Block(kind="paragraph", text=tidy(cell.text)))
        _walk(cell, out)
        return
    text = tidy(inline(cell))
    if text:
        out.append(Block(kind="paragraph", text=text))


def classify(blocks: list[Block]) -> list[Block]:
    """Recognise callouts (``Label: text``) and Q&A pairs among plain paragraphs."""
    out: list[Block] = []
    in_faq = False
    i = 0
    while i < len(blocks):
        block = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if block.kind == "heading":
            if (block.level or 2) <= 3 and not block.text.endswith("?"):
                in_faq = bool(FAQ_HEADING.search(block.text))
            if in_faq and block.text.endswith("?") and nxt and nxt.kind == "paragraph":
                out.append(_qa(block.text, nxt.text))
                i += 2
                continue
        elif block.kind == "paragraph":
            q = QUESTION.match(block.text)
            a = ANSWER.match(nxt.text) if nxt and nxt.kind == "paragraph" else None
            if q and a:
                out.append(_qa(q.group("rest"), a.group("rest")))
                i += 2
                continue
            c = CALLOUT.match(block.text)
            if c:
                label = _canonical_label(c.group("label"), c.group("mark"))
                out.append(Block(kind="callout", text=c.group("rest").strip(), label=label))
                i += 1
                continue
            found = structure.callout(block.text)  # the labels plain text knows too
            if found:
                out.append(Block(kind="callout", text=found[1], label=found[0]))
                i += 1
                continue
        out.append(block)
        i += 1
    return out


def _qa(question: str, answer: str) -> Block:
    question = question.strip().strip("*_").strip()
    answer = answer.strip()
    return Block(kind="qa", text=f"{question}\n{answer}", question=question, answer=answer)


def _canonical_label(found: str, mark: str) -> str:
    for label in CALLOUT_LABELS:
        if label.lower() == found.lower():
            return label + ("?" if mark == "?" else "")
    return found  # pragma: no cover - the pattern only matches listed labels
