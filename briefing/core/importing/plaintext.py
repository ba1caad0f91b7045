"""Structure from plain text as analysts paste it from a browser.

The header (breadcrumbs, title, a repeated title, byline, date) becomes metadata; the body
becomes typed blocks: headings (short lines without final punctuation between paragraphs),
callouts, Q&A pairs, lists, quotes and paragraphs. Site chrome is dropped.
"""

from __future__ import annotations

import re

from briefing.core.errors import ArticleImportError
from briefing.core.importing import chrome, meta, structure
from briefing.core.importing.repair import repair_text
from briefing.core.model.article import Article, Block

# "## Title ##": the closing hashes are trimmed in Python (a lazy "(.+?)\s*#*$" is quadratic).
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+)$")
_QUOTE_LINE = re.compile(r"^>\s?(.*)$")
MAX_UNITS = 50_000  # paragraphs and lines; a long report has a few thousand
_WRAPPED_MIN = 50  # lines this long followed by more text are a hard-wrapped paragraph


def _units(text: str) -> list[str]:
    """Paragraph-sized pieces: one per line, except hard-wrapped paragraphs are joined."""
    units: list[str] = []
    for group in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in group.split("\n") if ln.strip()]
        if not lines:
            continue
        wrapped = len(lines) > 1 and all(
            len(ln) >= _WRAPPED_MIN and not structure.BULLET.match(ln) for ln in lines[:-1]
        )
        wrapped = wrapped and not any(
            structure.BULLET.match(ln) or _QUOTE_LINE.match(ln) for ln in lines
        )
        units.extend([" ".join(lines)] if wrapped else lines)
    return units


def _same(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return " ".join(re.sub(r"[^\w\s]", " ", s.lower()).split())

    return bool(key(a)) and key(a) == key(b)


def _title_from_breadcrumb(line: str) -> str:
    parts = re.split(r"\s*[»›→>|/]\s*", line)
    return parts[-1].strip() if parts else ""


class _Header:
    def __init__(self) -> None:
        self.title = ""
        self.crumb_title = ""
        self.authors: list[str] = []
        self.published: str | None = None


def _read_header(units: list[str]) -> tuple[_Header, int]:
    """Consume breadcrumbs, title, repeated title, byline and date lines at the top."""
    head = _Header()
    i = 0
    while i < len(units) and i < 12:
        line = units[i]
        if chrome.is_breadcrumb(line):
            head.crumb_title = head.crumb_title or _title_from_breadcrumb(line)
        elif (authors := meta.byline_authors(line)) is not None:
            # before the chrome test: "By X | March 3, 2025 | 5 min read" looks like a menu
            head.authors.extend(a for a in authors if a not in head.authors)
            head.published = head.published or meta.find_date(line)
        elif meta.is_date_line(line):
            head.published = head.published or meta.find_date(line)
        elif chrome.is_chrome(line):
            pass
        elif (
            head.title
            and not head.authors
            and (name := meta.bare_name(line))
            and (
                meta.is_date_line(units[i + 1] if i + 1 < len(units) else "")
                or (i and meta.is_date_line(units[i - 1]))
            )
        ):
            head.authors.append(name)  # a name alone on its line, next to the date
        elif head.title and _same(line, head.title):
            pass  # the title repeated
        elif not head.title and len(line) <= 200 and not line.endswith((".", ";")):
            head.title = line.lstrip("# ").strip()
        elif _is_kicker(head, line) and any(_is_meta_line(u) for u in units[i + 1 : i + 3]):
            head.title = line.lstrip("# ").strip()  # the first line was a section label
        else:
            break
        i += 1
    if not head.title and head.crumb_title:
        head.title = head.crumb_title
    return head, i


def _is_meta_line(line: str) -> bool:
    return meta.byline_authors(line) is not None or meta.is_date_line(line)


def _is_kicker(head: _Header, line: str) -> bool:
    """Whether the title found so far is a section label ("World", "Analysis") above the
    real title ``line`` (told by a byline or date just below ``line``)."""
    if head.authors or head.published or not head.title:
        return False
    words = head.title.split()
    return (
        len(words) <= 2  # "World", "Middle East"; a real title is longer than a section name
        and len(line.split()) > len(words) + 2
        and len(line) <= 200
        and not line.endswith((".", ";"))
    )


def _late_meta(head: _Header, body: list[str]) -> list[str]:
    """A byline or date just below a standfirst (title, standfirst, byline) is metadata."""
    out = list(body)
    for j in range(min(2, len(out)) - 1, -1, -1):
        line = out[j]
        if (authors := meta.byline_authors(line)) is not None and not head.authors:
            head.authors.extend(authors)
            head.published = head.published or meta.find_date(line)
            del out[j]
        elif meta.is_date_line(line) and not head.published:
            head.published = meta.find_date(line)
            del out[j]
    return out


def _list_block(items: list[str]) -> Block:
    lines = []
    for item in items:
        m = structure.BULLET.match(item)
        assert m is not None
        marker = m.group(1)
        lines.append(f"{marker if marker[0].isdigit() else '-'} {m.group(2).strip()}")
    return Block("list", "\n".join(lines))


def body_blocks(units: list[str]) -> list[Block]:
    """Typed blocks from paragraph-sized text units (chrome already cut off the end)."""
    blocks: list[Block] = []
    in_faq = False
    i = 0
    n = len(units)
    while i < n:
        unit = units[i]
        nxt = units[i + 1] if i + 1 < n else ""
        if chrome.is_chrome(unit):
            i += 1
            continue
        lone = structure.BULLET.match(unit)
        alone = not structure.BULLET.match(nxt) and not (i and structure.BULLET.match(units[i - 1]))
        # "1. Energy" alone between paragraphs is a numbered section heading.
        if lone and alone and blocks and structure.heading_like(lone.group(2)) and len(nxt) >= 60:
            blocks.append(Block("heading", unit, level=2))
            i += 1
            continue
        if structure.BULLET.match(unit):
            j = i
            while j < n and structure.BULLET.match(units[j]):
                j += 1
            blocks.append(_list_block(units[i:j]))
            i = j
            continue
        label = structure.label_only(unit)
        if label and structure.BULLET.match(nxt):
            # "Key points:" over a list: a callout holding the list
            j = i + 1
            while j < n and structure.BULLET.match(units[j]):
                j += 1
            blocks.append(Block("callout", _list_block(units[i + 1 : j]).text, label=label))
            i = j
            continue
        if _QUOTE_LINE.match(unit):
            j = i
            parts = []
            while j < n and (m := _QUOTE_LINE.match(units[j])):
                parts.append(m.group(1).strip())
                j += 1
            blocks.append(Block("quote", " ".join(p for p in parts if p)))
            i = j
            continue
        q = structure.question(unit)
        if q is not None:
            a = structure.answer(nxt)
            if a is not None:
                blocks.append(Block("qa", f"{q}\n{a}", question=q, answer=a))
                i += 2
                continue
        # A question line answered by the next paragraph, in an FAQ or right after a pair.
        if (
            (in_faq or (blocks and blocks[-1].kind == "qa"))
            and unit.endswith("?")
            and nxt
            and not nxt.endswith("?")
            and not structure.heading_like(nxt)
            and not chrome.is_chrome(nxt)
        ):
            blocks.append(Block("qa", f"{unit}\n{nxt}", question=unit, answer=nxt))
            i += 2
            continue
        found = structure.callout(unit)
        if found is not None:
            label, text = found
            blocks.append(Block("callout", text, label=label))
            i += 1
            continue
        m = _MD_HEADING.match(unit)
        # A short question heads a section when a paragraph follows it (outside an FAQ).
        question = not in_faq and len(nxt) >= 60 and not nxt.endswith("?")
        if m or (structure.heading_like(unit, question=question) and nxt and blocks):
            text = _closing_hashes_off(m.group(2)) if m else unit
            level = min(len(m.group(1)), 6) if m else 2
            blocks.append(Block("heading", text.strip("*_ "), level=level))
            in_faq = structure.is_faq_heading(text)
            i += 1
            continue
        blocks.append(Block("paragraph", unit))
        i += 1
    return blocks


def _closing_hashes_off(text: str) -> str:
    """A Markdown heading's text without its optional closing hashes ("Title ##")."""
    text = text.rstrip()
    bare = text.rstrip("#")
    return bare.rstrip() if bare != text else text


def _fallback_title(blocks: list[Block], name: str) -> str:
    for block in blocks:
        if block.kind == "heading":
            return block.text
    for block in blocks:
        words = block.text.split()
        if words:
            return " ".join(words[:10]) + ("…" if len(words) > 10 else "")
    return name


def article_from_text(text: str, *, name: str) -> Article:
    """An :class:`Article` from pasted plain text (already decoded)."""
    text = repair_text(text)
    units = _units(text)
    if len(units) > MAX_UNITS:
        raise ArticleImportError(
            f"has too many lines to be an article ({len(units):,}; the limit is {MAX_UNITS:,})",
            name,
        )
    units, url = _source_url(units)
    head, start = _read_header(units)
    body = _late_meta(head, units[start:]) if head.title else units[start:]
    body = body[: chrome.trailing_cut(body)]
    blocks = body_blocks(body)
    title = head.title or _fallback_title(blocks, name)
    return Article(
        title=title,
        blocks=blocks,
        authors=head.authors,
        published=head.published,
        url=url,
        origin=name,
    )


_URL_LINE = re.compile(
    r"^(?:(?:source|url|link|original(?:ly published)?(?: at| on)?|via|from)\s*:?\s*)?"
    r"<?(https?://\S+?)>?$",
    re.IGNORECASE,
)


def _source_url(units: list[str]) -> tuple[list[str], str | None]:
    """The page address a paste carries on a line of its own at the top or the bottom
    ("https://...", "Source: https://..."), and the units without that line."""
    from briefing.core.importing.web_blocks import safe_link

    n = len(units)
    for i in [*range(min(3, n)), *range(max(3, n - 3), n)]:
        m = _URL_LINE.match(units[i])
        url = safe_link(m.group(1)) if m else None
        if url:
            return units[:i] + units[i + 1 :], url
    return units, None
