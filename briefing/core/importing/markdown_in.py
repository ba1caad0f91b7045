"""Structure from Markdown via markdown-it-py tokens.

Headings, lists, block quotes and paragraphs map onto blocks directly; paragraphs are then
checked for callouts, Q&A pairs and chrome like plain text. A leading front-matter block and
a leading ``# Title`` give the metadata. Raw HTML keeps only its words (untrusted input stays
inert); tables become lists of "Header: cell" rows.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefing.core.importing import chrome, meta, structure
from briefing.core.importing.repair import fix_mojibake, tidy_whitespace
from briefing.core.model.article import Article, Block

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_ALERT = re.compile(r"^\[!(\w+)\]\s*", re.IGNORECASE)  # GitHub-style "> [!NOTE]"


@dataclass
class _Unit:
    kind: str  # heading, paragraph, list, quote
    text: str
    level: int | None = None


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    fields: dict[str, str] = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "-")):
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[m.end() :]


_SCRIPT = re.compile(r"<(script|style|iframe|object|noscript)\b.*?(</\1\s*>|$)", re.I | re.S)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>")


def _inline(token: Token) -> str:
    """The inline Markdown of a block, without raw HTML tags (kept inert, never passed on)."""
    text = _TAG.sub("", _SCRIPT.sub("", token.content))
    return tidy_whitespace(" ".join(text.split()))


def _units(tokens: list[Token]) -> list[_Unit]:
    units: list[_Unit] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if tok.type == "heading_open":
            units.append(_Unit("heading", _inline(tokens[i + 1]), int(tok.tag[1:])))
            i += 3
        elif tok.type == "paragraph_open" and tok.level == 0:
            units.append(_Unit("paragraph", _inline(tokens[i + 1])))
            i += 3
        elif tok.type in ("bullet_list_open", "ordered_list_open") and tok.level == 0:
            i, unit = _list(tokens, i)
            units.append(unit)
        elif tok.type == "blockquote_open" and tok.level == 0:
            depth, j, parts = 0, i, []
            while j < n:
                if tokens[j].type == "blockquote_open":
                    depth += 1
                elif tokens[j].type == "blockquote_close":
                    depth -= 1
                    if depth == 0:
                        break
                elif tokens[j].type == "inline":
                    parts.append(_inline(tokens[j]))
                j += 1
            units.append(_Unit("quote", " ".join(p for p in parts if p)))
            i = j + 1
        elif tok.type in ("fence", "code_block") and tok.level == 0:
            units.append(_Unit("paragraph", tidy_whitespace(tok.content)))
            i += 1
        elif tok.type == "html_block" and tok.level == 0:
            # The words of raw HTML are the author's text; its tags and scripts are not.
            text = _TAG.sub(" ", _SCRIPT.sub(" ", tok.content))
            text = tidy_whitespace(" ".join(html.unescape(text).split()))
            if text:
                units.append(_Unit("paragraph", text))
            i += 1
        elif tok.type == "table_open" and tok.level == 0:
            i, unit = _table(tokens, i)
            if unit.text:
                units.append(unit)
        else:
            i += 1  # hr, html_block and closing tokens
    return units


def _table(tokens: list[Token], start: int) -> tuple[int, _Unit]:
    """A table as a list, one item per body row: "- Header: cell; Header: cell"."""
    header: list[str] = []
    rows: list[list[str]] = []
    in_head = False
    j = start
    while j < len(tokens) and tokens[j].type != "table_close":
        t = tokens[j]
        if t.type == "thead_open":
            in_head = True
        elif t.type == "thead_close":
            in_head = False
        elif t.type == "tr_open" and not in_head:
            rows.append([])
        elif t.type == "inline":
            (header if in_head else rows[-1] if rows else header).append(_inline(t))
        j += 1
    items = []
    for row in rows:
        cells = [
            f"{header[k]}: {cell}" if k < len(header) and header[k] else cell
            for k, cell in enumerate(row)
            if cell
        ]
        if cells:
            items.append("- " + "; ".join(cells))
    return j + 1, _Unit("list", "\n".join(items))


def _list(tokens: list[Token], start: int) -> tuple[int, _Unit]:
    kinds: list[str] = []  # the open lists, outermost first
    numbers: list[int] = []
    j, items = start, []
    while j < len(tokens):
        t = tokens[j]
        if t.type in ("bullet_list_open", "ordered_list_open"):
            kinds.append(t.type)
            numbers.append(0)
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            kinds.pop()
            numbers.pop()
            if not kinds:
                break
        elif t.type == "list_item_open":
            numbers[-1] += 1
        elif t.type == "inline":
            indent = "  " * (len(kinds) - 1)
            ordered = kinds[-1] == "ordered_list_open"
            marker = f"{numbers[-1]}." if ordered else "-"
            items.append(f"{indent}{marker} {_inline(t)}")
        j += 1
    return j + 1, _Unit("list", "\n".join(items))


def _blocks(units: list[_Unit]) -> list[Block]:
    blocks: list[Block] = []
    i = 0
    in_faq = False
    while i < len(units):
        unit = units[i]
        nxt = units[i + 1] if i + 1 < len(units) else None
        text = unit.text
        if not text or chrome.is_chrome(text):
            i += 1
            continue
        if unit.kind == "heading":
            blocks.append(Block("heading", text.strip("*_ "), level=unit.level))
            in_faq = structure.is_faq_heading(text)
        elif unit.kind == "list":
            blocks.append(Block("list", text))
        elif unit.kind == "quote":
            alert = _ALERT.match(text)
            found = structure.callout(text)
            if alert:
                label = alert.group(1).capitalize()
                blocks.append(Block("callout", text[alert.end() :], label=label))
            elif found:
                blocks.append(Block("callout", found[1], label=found[0]))
            else:
                blocks.append(Block("quote", text))
        else:
            q = structure.question(text)
            a = structure.answer(nxt.text) if nxt and nxt.kind == "paragraph" else None
            after_qa = bool(blocks) and blocks[-1].kind == "qa"
            if q is None and (in_faq or after_qa) and text.rstrip("*_ ").endswith("?") and nxt:
                q = text.strip("*_ ")
                a = nxt.text if nxt.kind == "paragraph" and not nxt.text.endswith("?") else None
            if q is not None and a is not None:
                blocks.append(Block("qa", f"{q}\n{a}", question=q, answer=a))
                i += 2
                continue
            found = structure.callout(text)
            if found:
                blocks.append(Block("callout", found[1], label=found[0]))
            else:
                blocks.append(Block("paragraph", text))
        i += 1
    return blocks


_BRACKET_RUN = re.compile(r"\[{33,}")


def _escape_bracket_runs(text: str) -> str:
    """Long runs of "[" written as escapes: markdown-it tries each as a link label (about
    2 s per 100,000), an escape costs it nothing, and no real link opens with 33 of them."""
    return _BRACKET_RUN.sub(lambda m: "\\[" * len(m.group()), text)


def article_from_markdown(text: str, *, name: str) -> Article:
    """An :class:`Article` from Markdown text (already decoded)."""
    text = unicodedata.normalize(
        "NFC", fix_mojibake(text.replace("\r\n", "\n").replace("\r", "\n"))
    )
    fields, body = _front_matter(text)
    units = _units(MarkdownIt("commonmark").enable("table").parse(_escape_bracket_runs(body)))
    title = fields.get("title", "")
    authors = meta.author_names(fields.get("author", fields.get("authors", "")))
    published = meta.normalize_date(fields.get("date") or fields.get("published"))
    # The header: breadcrumbs, a leading heading as title, byline and date paragraphs.
    start = 0
    while start < len(units) and start < 8:
        unit = units[start]
        if unit.kind == "paragraph" and chrome.is_breadcrumb(unit.text):
            pass
        elif unit.kind == "heading" and not title and start == _first_content(units):
            title = unit.text.strip("*_ ")
        elif unit.kind in ("paragraph", "heading") and title and _same(unit.text, title):
            pass
        elif unit.kind == "paragraph" and (found := meta.byline_authors(unit.text)):
            authors.extend(a for a in found if a not in authors)
            published = published or meta.find_date(unit.text)
        elif unit.kind == "paragraph" and meta.is_date_line(unit.text):
            published = published or meta.find_date(unit.text)
        else:
            break
        start += 1
    body_units = units[start:]
    body_units = body_units[: chrome.trailing_cut([u.text for u in body_units])]
    return Article(
        title=title,
        blocks=_blocks(body_units),
        authors=authors,
        published=published,
        url=fields.get("url") or fields.get("canonical") or None,
        site=fields.get("site") or fields.get("publisher") or None,
        language=fields.get("lang") or fields.get("language") or None,
        origin=name,
    )


def _first_content(units: list[_Unit]) -> int:
    for i, unit in enumerate(units):
        if not (unit.kind == "paragraph" and chrome.is_breadcrumb(unit.text)):
            return i
    return 0


def _same(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", " ", s.lower()).split())

    return key(a) == key(b)
