"""From the paragraphs of a document (Word, OpenDocument, PDF) to typed article blocks.

Document readers know what is a heading, a list or a quote from styles or type; this pass
adds what the words say, with the same rules as pasted text (``structure``): labelled
callouts ("Key Takeaway: ..."), a label over a list, and Q&A pairs, written "Q: / A:" or as
questions answered by the next paragraph under an FAQ heading.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.core.errors import ArticleImportError
from briefing.core.importing import structure
from briefing.core.importing.documents.props import Properties
from briefing.core.model.article import Article, Block
from briefing.core.model.handling import tlp_label


@dataclass
class Unit:
    """One paragraph-sized piece of a document, as its reader found it."""

    kind: str  # "heading", "paragraph", "item", "quote", "table"
    text: str
    level: int = 0  # heading level, or list nesting depth for an item
    ordered: bool = False  # a numbered list item


def list_text(items: list[Unit]) -> str:
    """``- item`` / ``1. item`` lines, nested items indented two spaces per level."""
    lines = []
    counters: dict[int, int] = {}
    for item in items:
        depth = max(0, min(item.level, 5))
        for deeper in [d for d in counters if d > depth]:
            del counters[deeper]
        counters[depth] = counters.get(depth, 0) + 1
        mark = f"{counters[depth]}." if item.ordered else "-"
        lines.append(f"{'  ' * depth}{mark} {' '.join(item.text.split())}")
    return "\n".join(lines)


def classify_units(units: list[Unit]) -> list[Block]:
    """Typed blocks, in order, from a document's units (empty units are skipped).

    A line that is only a TLP label ("TLP:AMBER", as a document's header or footer prints it
    on every page) is handling, not text.
    """
    units = [u for u in units if u.text.strip() and tlp_label(u.text) is None]
    blocks: list[Block] = []
    in_faq = False
    i = 0
    n = len(units)
    while i < n:
        unit = units[i]
        nxt = units[i + 1] if i + 1 < n else None
        if unit.kind == "heading":
            text = " ".join(unit.text.split()).strip("*_ ")
            blocks.append(Block("heading", text, level=max(1, min(unit.level or 2, 6))))
            in_faq = structure.is_faq_heading(text)
            i += 1
            continue
        if unit.kind == "item":
            j = i + 1
            # A bulleted list and a numbered one side by side are two lists.
            while (
                j < n
                and units[j].kind == "item"
                and (units[j].level > 0 or units[j].ordered == unit.ordered)
            ):
                j += 1
            blocks.append(Block("list", list_text(units[i:j])))
            i = j
            continue
        if unit.kind == "quote":
            blocks.append(Block("quote", " ".join(unit.text.split())))
            i += 1
            continue
        if unit.kind == "table":
            # Rows as list items, cells joined by dashes: "a | b" rows would read as a menu.
            rows = [" – ".join(c.strip() for c in r.split(" | ")) for r in unit.text.split("\n")]
            blocks.append(Block("list", "\n".join(f"- {r}" for r in rows if r.strip())))
            i += 1
            continue
        text = " ".join(unit.text.split())
        label = structure.label_only(text)
        if label and nxt is not None and nxt.kind == "item":
            j = i + 1
            while j < n and units[j].kind == "item":
                j += 1
            blocks.append(Block("callout", list_text(units[i + 1 : j]), label=label))
            i = j
            continue
        nxt_text = " ".join(nxt.text.split()) if nxt is not None and nxt.kind == "paragraph" else ""
        q = structure.question(text)
        a = structure.answer(nxt_text) if nxt_text else None
        if q is not None and a is not None:
            blocks.append(Block("qa", f"{q}\n{a}", question=q, answer=a))
            i += 2
            continue
        asked = in_faq or (blocks and blocks[-1].kind == "qa")
        if asked and text.endswith("?") and nxt_text and not nxt_text.endswith("?"):
            blocks.append(Block("qa", f"{text}\n{nxt_text}", question=text, answer=nxt_text))
            i += 2
            continue
        found = structure.callout(text)
        if found is not None:
            blocks.append(Block("callout", found[1], label=found[0]))
        else:
            blocks.append(Block("paragraph", text))
        i += 1
    return blocks


def notes_blocks(notes: list[tuple[str, str]]) -> list[Block]:
    """Footnotes kept apart from the body: a "Notes" heading over a numbered list."""
    lines = []
    for mark, text in notes:
        words = " ".join(text.split())
        if words:
            lines.append(f"{mark}. {words}" if mark.isdigit() else f"- {mark} {words}")
    if not lines:
        return []
    return [Block("heading", "Notes", level=2), Block("list", "\n".join(lines))]


def document_article(
    units: list[Unit], notes: list[tuple[str, str]], props: Properties, name: str
) -> Article:
    """The article of a styled document: its blocks, its notes apart at the end, its title
    from the properties or else its "Title" paragraph."""
    titles = [u for u in units if u.kind == "title"]
    title = props.title or (" ".join(titles[0].text.split()).strip("*") if titles else "")
    blocks = classify_units([u for u in units if u.kind != "title"]) + notes_blocks(notes)
    if not any(b.kind != "heading" for b in blocks):
        raise ArticleImportError("has no text to import", name)
    return Article(
        title=title,
        blocks=blocks,
        authors=props.authors,
        published=props.date,
        language=props.language,
        origin=name,
    )
