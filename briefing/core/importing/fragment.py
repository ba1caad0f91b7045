"""HTML pasted into a section (from a browser, Word, Google Docs) as clean section Markdown.

The same sanitiser as web imports (:mod:`.web_fallback`'s streaming pass and
:func:`.web_blocks.safe_link`): scripts, styles, forms and images go, only http(s) and mailto
links stay live, nothing is fetched. What is kept is what an analyst meant by the formatting:
headings, bold, italic, bulleted and numbered lists, quotes and links. Unlike a page import,
nothing is judged furniture: a pasted fragment is what the analyst chose.
"""

from __future__ import annotations

import re

from briefing.core.importing.web_blocks import tidy
from briefing.core.importing.web_fallback import _EMPHASIS, _markdown_emphasis, _Streamer
from briefing.core.model import markup

MAX_FRAGMENT_CHARS = 5_000_000
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.I)
_NORMAL_WEIGHT = re.compile(r"font-weight\s*:\s*(normal|[1-4]00)", re.I)
_ITALIC_STYLE = re.compile(r"font-style\s*:\s*italic", re.I)


class _Fragment(_Streamer):
    """The streaming pass, with list kinds and inline styles (Word and Google Docs mark bold
    and italic with ``style``, and Google Docs wraps a whole paste in a not-bold ``<b>``)."""

    def __init__(self) -> None:
        super().__init__(use_names=False)
        self.lists: list[str] = []  # "ul" / "ol", innermost last
        self.styled: list[list[str]] = []  # per open span: the closing marks it added
        self.plain_b = 0  # open <b style="font-weight:normal">

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        style = " ".join(v or "" for k, v in attrs if k == "style")
        if tag in ("ul", "ol") and self.skip_tag is None:
            self.lists.append(tag)
        if tag in ("b", "strong") and _NORMAL_WEIGHT.search(style):
            self.plain_b += 1
            return
        if tag == "span" and self.skip_tag is None:
            closing: list[str] = []
            for pattern, name in ((_BOLD_STYLE, "b"), (_ITALIC_STYLE, "i")):
                if pattern.search(style):
                    self._mark(_EMPHASIS[name][0])
                    closing.append(_EMPHASIS[name][1])
            self.styled.append(closing)
            return
        super().handle_starttag(tag, attrs)
        if tag == "li" and self.current is not None and self.lists and self.lists[-1] == "ol":
            self.current.level = 1  # an item of a numbered list

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol") and self.skip_tag is None and self.lists:
            self.lists.pop()
        if tag in ("b", "strong") and self.plain_b:
            self.plain_b -= 1
            return
        if tag == "span" and self.skip_tag is None:
            for mark in reversed(self.styled.pop() if self.styled else []):
                self._mark(mark)
            return
        super().handle_endtag(tag)

    def _open(self) -> None:
        super()._open()
        if self.current is not None and self.current.kind == "item" and self.lists:
            self.current.level = 1 if self.lists[-1] == "ol" else None


def html_fragment_markdown(html: str) -> str:
    """Pasted HTML as section Markdown: headings (below the section's own), paragraphs,
    lists, quotes, bold, italic and safe links; everything else gives its words or goes."""
    if not html.strip() or len(html) > MAX_FRAGMENT_CHARS:
        return ""
    streamer = _Fragment()
    streamer.feed(html)
    streamer.finish()
    out: list[str] = []
    items: list[str] = []
    number = 0
    ordered = False

    def end_list() -> None:
        nonlocal number
        if items:
            out.append("\n".join(items))
            items.clear()
        number = 0

    for piece in streamer.pieces:
        text = tidy(_markdown_emphasis("".join(piece.parts)))
        if not text:
            continue
        if piece.kind == "item":
            flat = " ".join(text.split())
            if items and ordered != (piece.level == 1):
                end_list()  # a numbered list right after a bulleted one stays apart
            ordered = piece.level == 1
            if ordered:
                number += 1
                items.append(f"{number}. {flat}")
            else:
                items.append(f"- {flat}")
            continue
        end_list()
        if piece.kind == "heading":
            out.append(
                markup.heading(" ".join(text.split()), markup.heading_level(piece.level or 2))
            )
        elif piece.kind == "quote":
            out.append(markup.quote(markup.escape(text)))
        else:
            out.append(markup.escape(text).replace("\n", "\\\n"))
    end_list()
    return "\n\n".join(out) + ("\n" if out else "")
