"""The configured Markdown renderer: CommonMark + tables, footnotes, strikethrough, with
callouts, Q&A pairs and citations as plugins, and links/images locked down.

Untrusted text stays inert: raw HTML is off (it renders as text), links keep only http,
https and mailto targets on public hosts (anything else renders as its label), and images
render only when they are ``data:`` URIs of PNG, JPEG or SVG the document itself embeds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from briefing.core.model import markup
from briefing.core.model.ids import slug
from briefing.core.rendering.emoji import emoji_spans, plain_emoji
from briefing.core.rendering.image_limits import data_uri_refusal
from briefing.core.safe_text import safe_id
from briefing.core.safe_urls import safe_link

SAFE_LINK = re.compile(r"^(https?://[^\s]+|mailto:[^\s]+)$", re.IGNORECASE)
SAFE_IMAGE = re.compile(r"^data:image/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+$", re.IGNORECASE)
MAX_IMAGE_URI = 10 * 1024 * 1024


def live_link(href: str) -> bool:
    """Whether a link in a briefing stays live: http, https or mailto, to a public host. A
    hand-edited or received ``.briefing`` may hold any link (every renderer asks this)."""
    return bool(SAFE_LINK.match(href)) and safe_link(href) is not None


def live_source_url(url: str) -> bool:
    """Whether a source's URL is written as a link (a public http or https page)."""
    return url.lower().startswith("http") and live_link(url)


def drawable_image(src: str) -> bool:
    """Whether an image in a briefing is drawn: a ``data:`` PNG, JPEG or SVG the document
    embeds, within the size limits of what it expands to
    (:mod:`briefing.core.rendering.image_limits`)."""
    return len(src) <= MAX_IMAGE_URI and bool(SAFE_IMAGE.match(src)) and not data_uri_refusal(src)


_BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|file):", re.IGNORECASE)
_HEADING_SHIFT = 2  # "# x" inside a section renders as <h3>: the section title is <h2>


def _validate_link(url: str) -> bool:
    """markdown-it's first gate: script and local-file schemes never become links."""
    return not _BAD_SCHEME.match(url)


def _citation_rule(state: StateInline, silent: bool) -> bool:
    """Inline rule: ``[@s1]`` or ``[@s1; @s2]`` -> a ``citation`` token."""
    if state.src[state.pos] != "[" or state.src[state.pos + 1 : state.pos + 2] != "@":
        return False
    match = markup.CITATION.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        # "text. [@s1]" sets the superscript against the text, as in print.
        state.pending = state.pending.rstrip(" ")
        token = state.push("citation", "", 0)
        token.meta = {"ids": markup.citation_ids(match[1])}
    state.pos = match.end()
    return True


def _render_citation(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    numbers: dict[str, int] = env.get("sources", {})
    parts = []
    for source_id in tokens[idx].meta["ids"]:
        number = numbers.get(source_id)
        if number is None:
            parts.append(f'<span class="cite-missing">@{escape(source_id)}?</span>')
        else:
            parts.append(f'<a href="#source-{number}">{number}</a>')
    return f'<sup class="cite">{",".join(parts)}</sup>'


def _render_link_open(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    href = str(tokens[idx].attrGet("href") or "")
    safe = live_link(href)
    env.setdefault("_links", []).append(safe)
    if not safe:
        return ""
    # Only href and title survive: no rel (WeasyPrint turns rel=attachment into attachments).
    title = tokens[idx].attrGet("title")
    title_attr = f' title="{escape(str(title))}"' if title else ""
    return f'<a href="{escape(href)}"{title_attr}>'


def _render_link_close(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    stack: list[bool] = env.get("_links", [])
    return "</a>" if stack and stack.pop() else ""


def _render_image(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = self.renderInlineAsText(token.children or [], options, env)
    if drawable_image(src):
        return f'<img src="{escape(src)}" alt="{escape(alt)}" class="figure">'
    label = f"image: {alt}" if alt else "image"
    return f'<span class="image-omitted">[{escape(label)}]</span>'


def _render_callout(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    token = tokens[idx]
    if token.nesting != 1:
        return "</aside>\n"
    label = markup.fence_info(token.info).label or markup.DEFAULT_LABEL
    kind = slug(label, "note")
    return f'<aside class="callout callout-{kind}">\n<p class="callout-label">{escape(label)}</p>\n'


def _render_check(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    """An analyst's check note: shown in the preview and the PDF as a note, never as content."""
    if tokens[idx].nesting != 1:
        return "</aside>\n"
    label = escape(markup.CHECK_LABEL)
    return f'<aside class="check" role="note">\n<p class="check-label">{label}</p>\n'


def _render_qa(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    return '<div class="qa">\n' if tokens[idx].nesting == 1 else "</div>\n"


def _strip_prefix(inline: Token, prefix: str) -> None:
    """Drop a leading ``**Q:**`` (strong + text) from an inline token's children."""
    kids = inline.children or []
    while kids and kids[0].type == "text" and not kids[0].content:
        del kids[0]
    if (
        len(kids) >= 3
        and kids[0].type == "strong_open"
        and kids[1].type == "text"
        and kids[1].content.strip() == prefix
        and kids[2].type == "strong_close"
    ):
        del kids[:3]
        if kids and kids[0].type == "text":
            kids[0].content = kids[0].content.lstrip()


def _qa_rule(state: Any) -> None:
    """Core rule: inside ``::: qa`` the first paragraph is the question, the rest the answer."""
    opened, closed = f"container_{markup.QA}_open", f"container_{markup.QA}_close"
    depth = 0
    first = False
    tokens: list[Token] = state.tokens
    for i, token in enumerate(tokens):
        if token.type == opened:
            depth += 1
            first = True
        elif token.type == closed:
            depth -= 1
        elif depth and token.type == "paragraph_open":
            token.attrSet("class", "qa-question" if first else "qa-answer")
            if i + 1 < len(tokens) and tokens[i + 1].type == "inline":
                prefix = markup.QUESTION_PREFIX if first else markup.ANSWER_PREFIX
                _strip_prefix(tokens[i + 1], prefix)
            first = False


def _emoji_rule(state: Any) -> None:
    """Core rule: emoji get their own span so they use the colour emoji font.

    Putting the emoji font in the general font list makes Pango draw digits with it. Without
    a colour emoji font (``env["plain_emoji"]``) they are written as text ("[JP]") here, in the
    text the parser found: done to the Markdown source, dropping a joiner or writing "[JP]"
    could make new syntax ("🇯🇵(url)" would become a link).
    """
    plain = bool(state.env.get("plain_emoji"))
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children: list[Token] = []
        for child in block.children:
            if child.type != "text" or not any(ord(c) >= 0x2300 for c in child.content):
                children.append(child)
                continue
            if plain:
                child.content = plain_emoji(child.content)
                children.append(child)
                continue
            for piece, is_emoji in emoji_spans(child.content):
                token = Token("html_inline" if is_emoji else "text", "", 0)
                token.content = f'<span class="emoji">{piece}</span>' if is_emoji else piece
                children.append(token)
        block.children = children


def _heading_rule(state: Any) -> None:
    """Core rule: headings inside a section sit below the section's own <h2>."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(6, int(token.tag[1]) + _HEADING_SHIFT)
            token.tag = f"h{level}"


def make_markdown() -> MarkdownIt:
    """A new renderer configured for briefing text (see the module docstring)."""
    md = MarkdownIt("commonmark", {"html": False, "typographer": False, "linkify": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = _validate_link  # type: ignore[method-assign]
    md.use(footnote_plugin)
    md.use(container_plugin, name=markup.CALLOUT, render=_render_callout)
    md.use(container_plugin, name=markup.QA, render=_render_qa)
    md.use(container_plugin, name=markup.CHECK, render=_render_check)
    md.inline.ruler.before("link", "citation", _citation_rule)
    md.core.ruler.push("qa_pairs", _qa_rule)
    md.core.ruler.push("shift_headings", _heading_rule)
    md.core.ruler.push("emoji", _emoji_rule)
    md.add_render_rule("citation", _render_citation)
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("link_close", _render_link_close)
    md.add_render_rule("image", _render_image)
    return md


_MD: MarkdownIt | None = None


def render_markdown(
    text: str,
    *,
    sources: dict[str, int] | None = None,
    doc_id: str = "",
    plain_emoji: bool = False,
) -> str:
    """HTML for one passage of briefing Markdown.

    ``sources`` maps a source id to its number in the Sources list (for ``[@s1]``);
    ``doc_id`` keeps footnote anchors unique when several passages share one page;
    ``plain_emoji`` writes emoji as text, for a machine without a colour emoji font.
    """
    global _MD
    if _MD is None:
        _MD = make_markdown()
    env: dict[str, Any] = {"sources": sources or {}, "plain_emoji": plain_emoji}
    if doc_id:
        # The footnote plugin writes docId into id and href attributes unescaped.
        env["docId"] = safe_id(doc_id, "part")
    html: str = _MD.render(text, env)
    return html
