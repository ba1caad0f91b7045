"""One citation mark per run of text from the same sources (a markdown-it core rule).

Drafting cites every paragraph it takes from an article, so a passage drafted from one source
would end every paragraph with the same superscript. A mark covers the text before it back to
the previous mark, so a mark followed by more text from the same sources says nothing the next
mark does not: it is dropped. A run ends where the sources change and wherever a reader could
no longer tell where the text came from:

- a paragraph (or list item) that does not end in a mark: its last words are the analyst's;
- a table, a code block or a rule, or an analyst's check note (``::: check``);
- the end of the passage (each section is rendered on its own).

Headings and the questions of Q&A pairs are not source text and do not break a run; a callout
box carried over from the article is part of it, like the paragraphs around it.
"""

from __future__ import annotations

from typing import Any

from markdown_it.token import Token

_BOUNDARIES = {
    "container_check_open",  # a note to the analyst keeps its own marks (see markup)
    "container_check_close",
    "table_open",
    "table_close",
    "fence",
    "code_block",
    "hr",
    "html_block",
    "footnote_block_open",
}


def _key(token: Token) -> frozenset[str]:
    """The sources a mark names, in any order (``[@s1; @s2]`` is ``[@s2; @s1]``)."""
    return frozenset(token.meta["ids"])


def _last_content(children: list[Token]) -> Token | None:
    """The last child that is not blank text or a line break."""
    for child in reversed(children):
        if child.type in ("softbreak", "hardbreak"):
            continue
        if child.type == "text" and not child.content.strip():
            continue
        return child
    return None


def _merge_within(children: list[Token]) -> list[Token]:
    """Drop a mark that the next mark in the same paragraph repeats."""
    marks = [i for i, c in enumerate(children) if c.type == "citation"]
    drop = {
        a for a, b in zip(marks, marks[1:], strict=False) if _key(children[a]) == _key(children[b])
    }
    return [c for i, c in enumerate(children) if i not in drop]


def merge_citation_runs(state: Any) -> None:
    """Core rule: keep only the last mark of each run (see the module docstring)."""
    previous: tuple[Token, Token] | None = None  # the open run's last mark and its paragraph
    in_table = False
    skip_next_inline = False
    for token in state.tokens:
        if token.type in _BOUNDARIES:
            previous = None
            in_table = token.type == "table_open" or (in_table and token.type != "table_close")
            continue
        if token.type == "heading_open" or (
            token.type == "paragraph_open" and token.attrGet("class") == "qa-question"
        ):
            skip_next_inline = True
            continue
        if token.type != "inline" or in_table:
            continue
        if skip_next_inline:
            skip_next_inline = False
            continue
        children = _merge_within(token.children or [])
        token.children = children
        marks = [c for c in children if c.type == "citation"]
        if not marks:
            previous = None  # uncited text: the analyst's own
            continue
        if previous is not None and _key(previous[0]) == _key(marks[0]):
            mark, paragraph = previous
            paragraph.children = [c for c in paragraph.children or [] if c is not mark]
        last = _last_content(children)
        previous = (last, token) if last is not None and last.type == "citation" else None
